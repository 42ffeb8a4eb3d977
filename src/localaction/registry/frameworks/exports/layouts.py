"""The external layouts as data: the GCoM / CDP-ICLEI city-wide table's rows (``data/gcom_rows.csv``: which GPC
reference number each cell is) and the field mapping of every format (``data/mapping.csv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
SCHEMA_PATH = DATA / "registry_year.schema.json"
SCOPE_COLUMNS = {"direct": 1, "indirect": 2, "outside": 3}  # GCoM column → GPC scope
FORMATS = ("gcom", "gpc-xlsx", "json")


@dataclass(frozen=True)
class GcomRow:
    row: int
    sector_code: str
    sector: str
    subsector: str
    cells: dict[str, str]  # "direct" | "indirect" | "outside" → GPC ref ("" when the GPC has none)


@dataclass(frozen=True)
class MappedField:
    format: str
    external_field: str
    our_field: str
    required: bool
    note: str


@cache
def gcom_rows() -> tuple[GcomRow, ...]:
    with (DATA / "gcom_rows.csv").open(encoding="utf-8", newline="") as f:
        return tuple(
            GcomRow(
                int(r["row"]),
                r["sector_code"],
                r["sector"],
                r["subsector"],
                {col: r[col] for col in SCOPE_COLUMNS},
            )
            for r in csv.DictReader(f)
        )


@cache
def mapping() -> tuple[MappedField, ...]:
    with (DATA / "mapping.csv").open(encoding="utf-8", newline="") as f:
        return tuple(
            MappedField(r["format"], r["external_field"], r["our_field"], r["required"] == "yes", r["note"])
            for r in csv.DictReader(f)
        )


def fields_of(fmt: str, *, required_only: bool = False) -> list[MappedField]:
    return [m for m in mapping() if m.format == fmt and (m.required or not required_only)]


def gcom_columns() -> list[str]:
    return [m.external_field for m in fields_of("gcom")]
