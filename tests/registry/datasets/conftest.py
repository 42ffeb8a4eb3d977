"""Datasets in their real layouts, loaded into the registry for São Paulo (BR) 2022 (numbers chosen to be
worked by hand: Brazil 200,000,000 people)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from localaction.registry.base.access import SYSTEM
from localaction.registry.datasets import services
from localaction.registry.datasets.models import Dataset
from tests.core.datasets import layouts as L
from tests.factories import World

CRF_ROWS = [
    ["Total (net emissions)", "", "", "", "", "", "", "", "", "900000"],
    ["1. Energy", "", "", "", "", "", "", "", "", "400000"],
    ["A. Fuel combustion (sectoral approach)", "", "", "", "", "", "", "", "", "390000"],
    ["1. Energy industries", "", "", "", "", "", "", "", "", "100000"],
    ["2. Manufacturing industries and construction", "", "", "", "", "", "", "", "", "40000"],
    ["3. Transport", "", "", "", "", "", "", "", "", "200000"],
    ["4. Other sectors", "", "", "", "", "", "", "", "", "50000"],
    ["5. Waste", "", "", "", "", "", "", "", "", "40000"],
    ["A. Solid waste disposal", "", "", "", "", "", "", "", "", "30000"],
    ["D. Wastewater treatment and discharge", "", "", "", "", "", "", "", "", "10000"],
]


@dataclass
class Loaded:
    population: Dataset
    crf: Dataset
    trace: Dataset


def load_all(tmp: Path) -> Loaded:
    pop = services.load_dataset(
        SYSTEM, L.wpp(tmp, [L.wpp_row("BRA", "BR", "Brazil", "2022", "200000")]), "population"
    )
    crf = services.load_dataset(
        SYSTEM,
        L.crf(
            tmp,
            CRF_ROWS,
            name="BRA_2024_2022_01012024_000000.csv",
            title=[["SUMMARY 2"], ["Inventory 2022"], ["Submission 2024 v1"]],
        ),
        "crf",
    )
    trace = services.load_dataset(
        SYSTEM,
        L.climate_trace(
            tmp,
            [
                L.ct_row(
                    "1001", "Sao Paulo", "road-transportation", "2022-01-01 00:00:00", "co2e_100yr", "1500000"
                ),
                L.ct_row(
                    "1001", "Sao Paulo", "road-transportation", "2022-02-01 00:00:00", "co2e_100yr", "1500000"
                ),
                L.ct_row(
                    "2002",
                    "Rio de Janeiro",
                    "road-transportation",
                    "2022-01-01 00:00:00",
                    "co2e_100yr",
                    "900000",
                ),
            ],
        ),
        "climate_trace",
    )
    return Loaded(pop, crf, trace)


@pytest.fixture
def loaded(world: World, tmp_path: Path) -> Loaded:
    return load_all(tmp_path)
