"""Turning an amount of fuel into the unit a factor is per: energy (gross or net), mass, volume, gallon
equivalents.

A factor is applied in its own unit: kg/therm multiplies therms, kg/gallon gallons, kg/TJ net energy. When the
record's unit measures something else, the fuel's properties bridge the gap, each step written to the trail:
gross <-> net energy (IPCC 2006 Vol. 2 Ch. 1: net = 0.90 x gross for natural gas, 0.95 for other fuels), mass
<-> net energy (NCV), volume <-> mass (density), volume <-> gross energy (heat content: US natural gas per cubic
foot, ethanol per gallon, or the record's own), gallon equivalents <-> mass (GGE / DGE). Units of the Btu family
are gross by convention, others net (catalog/data/units.csv); ``param:calorific_basis`` overrides.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import cache, partial
from typing import Any

from localaction.core.catalog.units import calorific_basis, parse_unit, split_gas, ureg
from localaction.core.inventory.methods.base import (
    FactorLike,
    GasAmounts,
    Quantity,
    convert,
    err,
    param,
    q,
    text_param,
)
from localaction.core.inventory.model import ActivityRecord

# IPCC 2006 Vol. 2 Ch. 1 section 1.4.1.2: NCV is about 5 % below GCV for coal and oil, 10 % for natural gas.
NET_PER_GROSS = {"natural gas": 0.90, "default": 0.95}
RATIO_SOURCE = "IPCC 2006 Vol. 2 Ch. 1, 1.4.1.2"
US_GAS_UNITS = ("foot", "ccf", "Mcf", "MMcf")  # natural gas in these is converted with the US heat content
DIMS = {
    "energy": ureg.Quantity(1, "J").dimensionality,
    "mass": ureg.Quantity(1, "kg").dimensionality,
    "volume": ureg.Quantity(1, "m**3").dimensionality,
    "gge": ureg.Quantity(1, "GGE").dimensionality,
    "dge": ureg.Quantity(1, "DGE").dimensionality,
}
CANONICAL = {"energy_net": "TJ", "energy_gross": "TJ", "mass": "t", "volume": "l", "gge": "GGE", "dge": "DGE"}
Step = Callable[[Quantity], Quantity]


def kind(amount: Quantity) -> str | None:
    for name, dims in DIMS.items():
        if amount.dimensionality == dims:
            return name
    return None


@cache  # a pure function of the unit's spelling
def factor_node(unit: str) -> str | None:
    """What a factor is per: energy_net / energy_gross / mass / volume / gge / dge (None: something else)."""
    bare, _ = split_gas(unit)
    per = ureg.Quantity(1, "kg") / ureg.Quantity(1, parse_unit(bare))
    k = kind(per)
    if k == "energy":
        return "energy_gross" if calorific_basis(bare) == "gross" else "energy_net"
    return k


class Converter:
    """Conversions of one record's amount for one fuel (or none: then only same-kind units convert)."""

    def __init__(
        self,
        record: ActivityRecord,
        out: GasAmounts,
        fuel: Any | None = None,
        form: str = "",
        region: str = "",
        library: Any | None = None,
        density_param: str = "density_kg_per_l",
    ) -> None:
        self.record, self.out, self.fuel, self.form = record, out, fuel, form
        self.region, self.library, self.density_param = region, library, density_param
        self._edges: dict[str, list[tuple[str, Step, Callable[[Quantity, Quantity], str]]]] | None = None

    # --- the record's own amount ------------------------------------------------------------------------
    def start(self, amount: Quantity) -> str:
        k = kind(amount)
        if k is None:
            raise err(
                self.record,
                "unit",
                f"{self.record.unit!r} is not an energy, mass, volume or gallon equivalent",
                "incompatible_unit",
            )
        if k != "energy":
            return k
        given = text_param(self.record, "calorific_basis").lower()
        if given and given not in {"net", "gross"}:
            raise err(
                self.record, "param:calorific_basis", f"{given!r}: use net (NCV, IPCC) or gross (GCV/HHV)"
            )
        basis = given or calorific_basis(str(amount.units))
        why = "param:calorific_basis" if given else f"the convention for {self.record.unit}"
        self.out.note(lambda: f"{amount:~.6g} read as {basis} energy ({why})")
        return f"energy_{basis}"

    def to_factor(self, amount: Quantity, start: str, f: FactorLike) -> Quantity:
        """``amount`` (of kind ``start``) in the kind the factor ``f`` is per."""
        target = factor_node(f.unit)
        if target is None:
            raise err(
                self.record,
                "unit",
                f"the factor {f.factor_id} is per {f.unit!r}, not per energy, mass or volume of fuel",
                "incompatible_unit",
            )
        return self.convert(amount, start, target)

    def convert(self, amount: Quantity, start: str, target: str) -> Quantity:
        if start == target:
            return amount
        path = self._path(start, target)
        for _, step, note in path:
            before = amount
            amount = step(amount)
            self.out.note(partial(note, before, amount))
        return amount

    # --- the graph of conversions for this fuel ---------------------------------------------------------------
    def _path(self, start: str, target: str) -> list[tuple[str, Step, Callable[[Quantity, Quantity], str]]]:
        edges = self.edges()
        seen = {start}
        queue: deque[tuple[str, list[Any]]] = deque([(start, [])])
        while queue:
            node, path = queue.popleft()
            for nxt, step, note in edges.get(node, []):
                if nxt in seen:
                    continue
                if nxt == target:
                    return [*path, (nxt, step, note)]
                seen.add(nxt)
                queue.append((nxt, [*path, (nxt, step, note)]))
        raise err(self.record, "unit", self._why_not(start, target), "missing_conversion")

    def _why_not(self, start: str, target: str) -> str:
        what = {"energy_net": "net energy", "energy_gross": "gross energy", "mass": "mass", "volume": "volume",
                "gge": "gasoline gallon equivalents", "dge": "diesel gallon equivalents"}  # fmt: skip
        if self.fuel is None:
            return (
                f"the quantity is {what[start]} but the factor is per {what[target]}: name the fuel (activity) so "
                "the engine can convert, or give the factor per the quantity's unit"
            )
        fid = self.fuel.fuel_id
        if "gge" in (start, target) or "dge" in (start, target):
            kind_ = "dge" if "dge" in (start, target) else "gge"
            return (
                f"no sourced {kind_.upper()} equivalence for {fid} ({self.form or 'this form'}): give "
                f"param:kg_per_{kind_} (kg of fuel per {kind_.upper()}), or the quantity as mass or energy"
            )
        if "volume" in (start, target):
            return (
                f"{fid} has no sourced density or heat content in the library: give param:{self.density_param} "
                "(or param:heat_content with param:heat_content_unit), or the quantity as mass or energy"
            )
        return f"{fid} has no calorific value in the library: give the quantity as energy (e.g. GJ)"

    def edges(self) -> dict[str, list[tuple[str, Step, Callable[[Quantity, Quantity], str]]]]:
        if self._edges is not None:
            return self._edges
        e: dict[str, list[tuple[str, Step, Callable[[Quantity, Quantity], str]]]] = {}

        def link(a: str, b: str, factor: Quantity, text: str) -> None:
            e.setdefault(a, []).append(
                (
                    b,
                    lambda x: convert(x * factor, CANONICAL[b], pint_spelling=True),
                    lambda x, y: f"{x:~.6g} x {text} = {y:~.6g}",
                )
            )
            e.setdefault(b, []).append(
                (
                    a,
                    lambda x: convert(x / factor, CANONICAL[a], pint_spelling=True),
                    lambda x, y: f"{x:~.6g} / {text} = {y:~.6g}",
                )
            )

        fuel = self.fuel
        if fuel is None:
            self._edges = e
            return e
        group = str(getattr(fuel, "fuel_group", "")).lower()
        ratio = NET_PER_GROSS.get(group, NET_PER_GROSS["default"])
        link("energy_gross", "energy_net", ureg.Quantity(ratio), f"{ratio:g} (net/gross, {RATIO_SOURCE})")
        if fuel.ncv_tj_per_gg:
            link("mass", "energy_net", q(fuel.ncv_tj_per_gg, "TJ/Gg"), f"NCV {fuel.ncv_tj_per_gg:g} TJ/Gg")
        self._volume_edge(link)
        for k in ("gge", "dge"):
            per = param(self.record, f"kg_per_{k}")
            if per is not None:
                link(k, "mass", q(per, f"kg/{k.upper()}"), f"{per:g} kg/{k.upper()} (param:kg_per_{k})")
                continue
            form = self.form if self.form in {"cng", "lng"} else ("cng" if k == "gge" else "")
            prop = self.library.fuel_property(fuel.fuel_id, k, form) if self.library and form else None
            if prop is not None:
                link(k, "mass", q(prop.value, prop.unit), f"{prop.value:g} {prop.unit} ({prop.source})")
        self._edges = e
        return e

    def _volume_edge(self, link: Callable[[str, str, Quantity, str], None]) -> None:
        fuel, rec = self.fuel, self.record
        assert fuel is not None
        hc = param(rec, "heat_content")
        if hc is not None:
            unit = text_param(rec, "heat_content_unit") or "Btu/ft**3"
            node = "energy_gross" if calorific_basis(unit, "numerator") == "gross" else "energy_net"
            link("volume", node, q(hc, unit), f"{hc:g} {unit} (param:heat_content)")
            return
        density = param(rec, self.density_param)
        if density is not None:
            link(
                "volume", "mass", q(density, "kg/l"), f"density {density:g} kg/l (param:{self.density_param})"
            )
            return
        gas_density = param(rec, "density_kg_per_m3")
        if gas_density is not None:
            link("volume", "mass", q(gas_density, "kg/m**3"), f"density {gas_density:g} kg/m³ (param)")
            return
        us_gas_unit = any(n in str(parse_unit(rec.unit)) for n in US_GAS_UNITS) if rec.unit else False
        prop = (
            self.library.fuel_property(fuel.fuel_id, "heat_content", "gross", self.region)
            if self.library
            else None
        )
        if prop is not None and (us_gas_unit or not (fuel.density_kg_per_l or fuel.density_kg_per_m3)):
            link(
                "volume",
                "energy_gross",
                q(prop.value, prop.unit),
                f"{prop.value:g} {prop.unit} gross ({prop.source})",
            )
        elif fuel.density_kg_per_l:
            link(
                "volume", "mass", q(fuel.density_kg_per_l, "kg/l"), f"density {fuel.density_kg_per_l:g} kg/l"
            )
        elif fuel.density_kg_per_m3:
            link(
                "volume",
                "mass",
                q(fuel.density_kg_per_m3, "kg/m**3"),
                f"density {fuel.density_kg_per_m3:g} kg/m³ (GHG Protocol cross-sector tools V2.0; reference "
                "conditions not stated)",
            )
