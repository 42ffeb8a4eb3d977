"""What every method shares: the library it reads (a protocol), the context, the outcome type and the
helpers that read parameters and apply a factor with pint."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

import pint

from localaction.core.catalog.units import parse_unit, split_gas, ureg
from localaction.core.errors import InputError
from localaction.core.inventory.model import ActivityRecord, FactorUse

# Molecular weight ratios (IPCC 2006): C -> CO2, C -> CH4, N -> N2O.
CO2_PER_C = 44.0 / 12.0
CH4_PER_C = 16.0 / 12.0
N2O_PER_N = 44.0 / 28.0

Quantity = Any  # a pint Quantity (pint's own type is not precise enough for mypy)


class FactorLike(Protocol):
    """What a method reads of a factor (read-only, so frozen dataclasses fit)."""

    @property
    def factor_id(self) -> str: ...
    @property
    def gas(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def data_quality(self) -> str: ...
    @property
    def biogenic(self) -> bool: ...


class LibraryLike(Protocol):
    """What the methods need of the factor library (``localaction.core.catalog.factors.FactorLibrary``)."""

    def get(self, factor_id: str) -> Any: ...
    def read_fuel(self, name: str, region: str = "") -> Any: ...
    def fuel(self, name: str, region: str = "") -> Any: ...
    def combustion_factors(
        self, fuel: str, sector_of_use: str, mobile: bool = False, *, qualifier: str = ""
    ) -> dict[str, Any]: ...
    def grid_factor(self, region: str, year: int) -> Any: ...
    def td_loss_rate(self, region: str, year: int) -> Any | None: ...
    def waste_param(
        self,
        parameter: str,
        activity: str = "",
        qualifier: str = "",
        region: str = "world",
        *,
        gas: str = "",
        edition: str = "ipcc2006",
    ) -> Any: ...
    def fuel_property(
        self, fuel_id: str, parameter: str, qualifier: str = "", region: str = ""
    ) -> Any | None: ...
    def district_factors(self, activity: str, region: str) -> dict[str, Any]: ...
    def msw_composition(self, ipcc_region: str) -> dict[str, Any]: ...


TRAIL: ContextVar[bool] = ContextVar("localaction_trail", default=True)


@dataclass
class Context:
    library: LibraryLike
    region: str
    year: int
    guidelines: str = "ipcc2006"  # IPCC edition of the waste defaults (ipcc2006 / ipcc2019)


@dataclass
class GasAmounts:
    """The outcome of one method on one record, before GWPs."""

    gpc_ref: str
    gases_t: dict[str, float] = field(default_factory=dict)
    biogenic_co2_t: float = 0.0
    factors: list[FactorUse] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    methane_origin: str = "fossil"
    suffix: str = ""  # "#td" for the T&D-loss share of a grid record, "#bio" for a blend's biofuel

    def add(self, gas: str, tonnes: float) -> None:
        self.gases_t[gas] = self.gases_t.get(gas, 0.0) + tonnes

    def note(self, text: Callable[[], str]) -> None:
        """Add a calculation step; formatting is skipped when no trail is wanted (the batch path)."""
        if TRAIL.get():
            self.steps.append(text())


@dataclass(frozen=True)
class GivenFactor:
    """A factor that is not a library row: the record's custom factor or a value given as a parameter."""

    factor_id: str
    gas: str
    value: float
    unit: str
    source: str
    data_quality: str = ""
    biogenic: bool = False


def err(record: ActivityRecord, field_name: str, msg: str, code: str = "invalid_record") -> InputError:
    return InputError(f"record {record.record_id!r}, field {field_name!r}: {msg}", code=code)


def q(value: float, unit: str) -> Quantity:
    return ureg.Quantity(value, parse_unit(unit))


def use(f: FactorLike) -> FactorUse:
    return FactorUse(
        factor_id=f.factor_id,
        gas=f.gas,
        value=f.value,
        unit=f.unit,
        source=f.source,
        data_quality=f.data_quality,
    )


@cache
def pint_unit(text: str) -> pint.Unit:
    """pint's own reading of a unit written in pint's spelling (``TJ``, ``m**3``), parsed once."""
    return ureg.parse_units(text)


@cache
def _ratio(src: pint.Unit, dst: pint.Unit) -> float | None:
    """The multiplier from ``src`` to ``dst``, computed by pint once per unit pair; None when the conversion is
    not a plain multiplication (offset units such as degC). A DimensionalityError is raised (and not kept)."""
    one = float(ureg.Quantity(1.0, src).to(dst).magnitude)
    zero = float(ureg.Quantity(0.0, src).to(dst).magnitude)
    return one if zero == 0.0 else None


def convert(amount: Quantity, unit: str | pint.Unit, *, pint_spelling: bool = False) -> Quantity:
    """``amount.to(unit)`` with the unit pair's multiplier cached (pint parses and reduces units slowly)."""
    dst = unit if not isinstance(unit, str) else (pint_unit(unit) if pint_spelling else parse_unit(unit))
    ratio = _ratio(amount.units, dst)
    if ratio is None:
        return amount.to(dst)
    return ureg.Quantity(amount.magnitude * ratio, dst)


@cache
def _tonnes_per(activity_units: pint.Unit, factor_unit: str) -> float:
    """Tonnes per (1 activity unit x 1 factor unit), once per unit pair."""
    return float((ureg.Quantity(1.0, activity_units) * q(1.0, factor_unit)).to(parse_unit("t")).magnitude)


def to(record: ActivityRecord, amount: Quantity, unit: str, what: str) -> float:
    try:
        return float(convert(amount, unit).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise err(
            record, "unit", f"{record.unit!r} cannot be used for {what} (needs {unit})", "incompatible_unit"
        ) from exc


def param(record: ActivityRecord, name: str, default: float | None = None) -> float | None:
    raw = record.params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except (TypeError, ValueError) as exc:
        raise err(record, f"param:{name}", f"{raw!r} is not a number") from exc


def text_param(record: ActivityRecord, name: str, default: str = "") -> str:
    raw = record.params.get(name)
    return default if raw is None or raw == "" else str(raw).strip()


def flag(record: ActivityRecord, name: str, default: bool = False) -> bool:
    raw = text_param(record, name).lower()
    if not raw:
        return default
    if raw in {"true", "yes", "1", "y", "1.0"}:
        return True
    if raw in {"false", "no", "0", "n", "0.0"}:
        return False
    raise err(record, f"param:{name}", f"{raw!r}: write true or false")


def override(record: ActivityRecord, ctx: Context) -> FactorLike | None:
    """The record's own factor: a custom factor, else a pinned library factor, else None."""
    if record.custom_factor is not None:
        cf = record.custom_factor
        _, named = split_gas(cf.unit)
        if named is not None and named != cf.gas:
            raise err(
                record,
                "custom_factor_gas",
                f"the unit {cf.unit!r} names {named} but the factor's gas is {cf.gas}: make them agree",
            )
        return GivenFactor(
            factor_id=f"custom:{record.record_id}",
            gas=cf.gas,
            value=cf.value,
            unit=cf.unit,
            source=cf.source or f"custom factor: {cf.justification}",
        )
    if record.factor_id:
        factor: FactorLike = ctx.library.get(record.factor_id)
        return factor
    return None


def apply_factor(
    record: ActivityRecord,
    activity: Quantity,
    f: FactorLike,
    out: GasAmounts,
    label: str,
    biogenic: bool = False,
) -> float:
    """``activity x factor`` to tonnes of the factor's gas (pint checks that the units cancel to a mass)."""
    try:
        tonnes = float(activity.magnitude) * f.value * _tonnes_per(activity.units, f.unit)
    except pint.errors.DimensionalityError as exc:
        raise err(
            record,
            "unit",
            f"{label}: {activity.units:~} x {f.unit} is not a mass; check the factor's unit",
            "incompatible_unit",
        ) from exc
    gas = f.gas or "CO2e"
    if gas == "CO2" and (f.biogenic or biogenic):
        out.biogenic_co2_t += tonnes
    else:
        out.add(gas, tonnes)
    out.factors.append(use(f))
    tag = " biogenic (reported apart)" if gas == "CO2" and (f.biogenic or biogenic) else ""
    out.note(lambda: f"{label}: {activity:~.6g} x {f.value:g} {f.unit} = {tonnes:.6g} t {gas}{tag}")
    return tonnes
