"""Files in and out: the one set of parsers (numbers, whole numbers, years, periods, headers) and table
readers that every face and import uses, the import report that accounts for every figure a file brings in,
and the one CSV/XLSX writer (``writers``: BOM, CRLF, formula-injection guard).

    from localaction.core.io import parse_number, ImportReport
    parse_number("850.000,5")          # 850000.5 (unambiguous: a decimal comma)
    parse_number("1,234")              # NumberError ambiguous_number: declare the format
    parse_number("1,234", "point")     # 1234.0
"""

from localaction.core.io.headers import (
    ColumnMatch,
    ColumnSpec,
    match_columns,
    normalise_header,
    without_units,
)
from localaction.core.io.numbers import (
    DECIMAL_MARKS,
    DecimalMark,
    NumberContext,
    NumberError,
    decimal_for_locale,
    looks_like_number,
    parse_decimal_mark,
    parse_int,
    parse_number,
    parse_period,
    parse_quantity,
    parse_year,
)
from localaction.core.io.report import ImportReport, UnrecognisedColumn
from localaction.core.io.tables import RowLedger, RowReader, Table, problems_error, read_sheet, read_table
from localaction.core.io.writers import Sheet, csv_bytes, csv_chunks, csv_text, guard_text, xlsx_bytes

__all__ = [
    "DECIMAL_MARKS",
    "ColumnMatch",
    "ColumnSpec",
    "DecimalMark",
    "ImportReport",
    "NumberContext",
    "NumberError",
    "RowLedger",
    "RowReader",
    "Sheet",
    "Table",
    "UnrecognisedColumn",
    "csv_bytes",
    "csv_chunks",
    "csv_text",
    "decimal_for_locale",
    "guard_text",
    "looks_like_number",
    "match_columns",
    "normalise_header",
    "parse_decimal_mark",
    "parse_int",
    "parse_number",
    "parse_period",
    "parse_quantity",
    "parse_year",
    "problems_error",
    "read_sheet",
    "read_table",
    "without_units",
    "xlsx_bytes",
]
