"""An inventory's exports as files: the activity records (CSV, XLSX with the GPC table and per-gas lines) and
the Common Reporting Framework table (CSV, XLSX). The tables come from ``core.inventory.exports``; every file
is written by ``core.io.writers``. Access is the caller's: pass an inventory read through the access rules."""

from __future__ import annotations

from localaction.core.inventory import compute
from localaction.core.inventory import exports as ex
from localaction.core.inventory import model as im
from localaction.core.inventory.notation import NOTATION_MEANINGS
from localaction.core.io.writers import Sheet, csv_text, xlsx_bytes
from localaction.registry.inventories.models import Inventory
from localaction.registry.inventories.recompute import to_engine

KINDS = ("records", "crf")
FORMATS = ("csv", "xlsx")


def result_of(inv: Inventory) -> im.InventoryResult:
    """The engine's result for the stored version (no checks: the stored ones are shown where needed)."""
    return compute(to_engine(inv), checks=False)


def records_csv(inv: Inventory) -> bytes:
    result = result_of(inv)
    columns = ex.record_columns(result)
    return csv_text(columns, ex.record_rows(result), preamble=ex.header_lines(result)).encode("utf-8")


def records_xlsx(inv: Inventory) -> bytes:
    result = result_of(inv)
    columns = ex.record_columns(result)
    head = [[k, v] for k, v in ex.header(result).items() if v not in (None, "")]
    lines = ex.line_rows(result)
    gas_keys = ("gpc_ref", "value_tco2e", "co2_t", "ch4_t", "n2o_t", "other_gases_tco2e", "entered_tco2e",
                "biogenic_co2_t")  # fmt: skip
    return xlsx_bytes(
        [
            Sheet("activity", columns, ex.record_rows(result)),
            Sheet("inventory", ["key", "value"], head),
            Sheet(
                "GPC table",
                list(ex.LINE_COLUMNS.values()),
                [[r[k] for k in ex.LINE_COLUMNS] for r in lines],
            ),
            Sheet(
                "gases by line",
                [ex.LINE_COLUMNS[k] for k in gas_keys],
                [[r[k] for k in gas_keys] for r in lines if r["value_tco2e"] is not None],
            ),
            Sheet(
                "column help",
                ["column", "meaning"],
                [[k, v] for k, v in ex.RESULT_COLUMNS.items()],
            ),
            Sheet("notation keys", ["key", "meaning"], [[k.value, v] for k, v in NOTATION_MEANINGS.items()]),
        ]
    )


def crf_csv(inv: Inventory) -> bytes:
    return csv_text(ex.CRF_COLUMNS, ex.crf_rows(result_of(inv))).encode("utf-8")


def crf_xlsx(inv: Inventory) -> bytes:
    return xlsx_bytes([Sheet("CRF", ex.CRF_COLUMNS, ex.crf_rows(result_of(inv)))])


WRITERS = {
    ("records", "csv"): records_csv,
    ("records", "xlsx"): records_xlsx,
    ("crf", "csv"): crf_csv,
    ("crf", "xlsx"): crf_xlsx,
}


def export(inv: Inventory, kind: str, fmt: str) -> bytes:
    """The file's bytes; KeyError for an unknown kind or format."""
    return WRITERS[(kind, fmt)](inv)
