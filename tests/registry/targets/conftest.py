"""A city with a trend and a plan: published inventories 2019 and 2021 of São Paulo (BASIC, every line 100 kt
in 2019, 90 kt in 2021), a published base-year target (−50 % by 2030 from 2019), two published actions,
a Compact of Mayors commitment, and a published 10% efficiency commitment with a reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from localaction.core import clock
from localaction.registry import services
from localaction.registry.actions.models import Action
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import Submission
from localaction.registry.inventories.models import Inventory
from localaction.registry.targets import programmes
from localaction.registry.targets.models import Commitment, Target
from localaction.registry.targets.models.programmes import EfficiencyReading
from tests.factories import World, complete_lines, make_world


@dataclass
class City:
    world: World
    inventories: list[Inventory]
    target: Target
    draft_target: Target
    actions: list[Action]
    commitment: Commitment
    draft_commitment: Commitment
    reading: EfficiencyReading


def publish(world: World, obj: Submission) -> Submission:
    obj = services.submit(world.users["approver_a"], obj, revision=obj.revision)
    obj = services.validate(world.users["reviewer"], obj, revision=obj.revision)
    return services.publish(world.users["admin"], obj, revision=obj.revision)  # four eyes


def inventory(world: World, year: int, value: float) -> Inventory:
    ed = world.users["editor_a"]
    inv = services.create_inventory(ed, world.city_a, year=year, population=1_000_000)
    inv = services.replace_contents(ed, inv, revision=inv.revision, lines=complete_lines(value))
    return publish(world, inv)  # type: ignore[return-value]


def make_city() -> City:
    w = make_world()
    ed = w.users["editor_a"]
    invs = [inventory(w, 2019, 100_000.0), inventory(w, 2021, 90_000.0)]
    base = invs[0].basic_tco2e
    target = services.create_target(
        ed, w.city_a, kind="base_year", title="Half by 2030", base_year=2019, base_emissions_tco2e=base,
        reduction_pct=50, target_year=2030, interim_targets=[{"year": 2025, "reduction_pct": 25}],
    )  # fmt: skip
    target = publish(w, target)  # type: ignore[assignment]
    draft_target = services.create_target(ed, w.city_a, kind="net_zero", title="Net zero", base_year=2019,
                                          target_year=2050)  # fmt: skip
    actions = [
        publish(w, services.create_action(ed, w.city_a, title=title, action_type="mitigation", gpc_sectors=[s],
                                          status="planned", start_date=dt.date(y, 1, 1), reduction_tco2e_per_yr=r))
        for title, s, y, r in (("Bus rapid transit", "II", 2024, 200_000.0), ("Retrofit schools", "I", 2025, 150_000.0))
    ]  # fmt: skip
    programmes.set_framework_commitment(SYSTEM, w.city_a, committed_on=dt.date(2018, 3, 1))
    commitment = services.create_commitment(
        ed, w.city_a, kind="efficiency_gain_10", title="Electricity in public buildings", unit="kWh",
        baseline_year=2022, baseline_value=365_000, start_date=dt.date(2023, 1, 1),
    )  # fmt: skip
    commitment = publish(w, commitment)  # type: ignore[assignment]
    # 12 months (July 2023 - June 2024, 366 days) at 950 kWh/day: comparable with the 2022 baseline year.
    reading = programmes.add_reading(ed, commitment, start=dt.date(2023, 7, 1), end=dt.date(2024, 6, 30),
                                     value=347_700)  # fmt: skip
    draft_commitment = services.create_commitment(
        ed, w.city_a, kind="efficiency_gain_10", title="Fleet fuel", unit="l", baseline_year=2022,
        baseline_value=50_000,
    )  # fmt: skip
    return City(w, invs, target, draft_target, actions, commitment, draft_commitment, reading)  # type: ignore[arg-type]


@pytest.fixture
def city(db: None) -> City:
    return make_city()


@pytest.fixture
def pin_today() -> Iterator[Callable[[dt.date], None]]:
    """Pin the one clock for a test (and unpin it after): judgements that depend on the year stay fixed."""
    before = clock.pinned()
    yield clock.pin
    clock.pin(before)
