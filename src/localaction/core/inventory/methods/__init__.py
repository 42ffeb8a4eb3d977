"""Calculation methods: one activity record in, gas amounts with the factors used out.

Each method turns ``quantity [unit]`` into tonnes of each gas; pint does every unit conversion. CO2e is applied
later, with the inventory's GWP set. Methods are affine in the quantity for fixed parameters: the batch path
relies on that. Every parameter a method reads is listed in ``params.PARAMS`` (docs and template derive from it).
"""

from __future__ import annotations

from collections.abc import Callable

from localaction.core.inventory.methods.base import (
    CH4_PER_C,
    CO2_PER_C,
    N2O_PER_N,
    TRAIL,
    Context,
    FactorLike,
    GasAmounts,
    LibraryLike,
)
from localaction.core.inventory.methods.direct import direct_entry, fugitive_gas_distribution
from localaction.core.inventory.methods.energy import SECTOR_OF_USE, fuel_combustion, transport_fuel
from localaction.core.inventory.methods.grid import grid_energy, td_ref
from localaction.core.inventory.methods.landfill import (
    landfill_first_order_decay,
    landfill_methane_commitment,
)
from localaction.core.inventory.methods.transport import transport_distance
from localaction.core.inventory.methods.treatment import biological_treatment, incineration, wastewater
from localaction.core.inventory.model import ActivityRecord, Method

METHODS: dict[Method, Callable[[ActivityRecord, Context], list[GasAmounts]]] = {
    Method.FUEL_COMBUSTION: fuel_combustion,
    Method.TRANSPORT_FUEL: transport_fuel,
    Method.GRID_ENERGY: grid_energy,
    Method.TRANSPORT_DISTANCE: transport_distance,
    Method.LANDFILL_MC: landfill_methane_commitment,
    Method.LANDFILL_FOD: landfill_first_order_decay,
    Method.BIOLOGICAL: biological_treatment,
    Method.INCINERATION: incineration,
    Method.WASTEWATER: wastewater,
    Method.DIRECT: direct_entry,
    Method.FUGITIVE_GAS: fugitive_gas_distribution,
}


def apply_method(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    return METHODS[record.method](record, ctx)


__all__ = [
    "CH4_PER_C",
    "CO2_PER_C",
    "METHODS",
    "N2O_PER_N",
    "SECTOR_OF_USE",
    "TRAIL",
    "Context",
    "FactorLike",
    "GasAmounts",
    "LibraryLike",
    "apply_method",
    "td_ref",
]
