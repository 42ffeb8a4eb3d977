"""Files in and out, in one place: the parsers every reader uses and the one CSV/XLSX writer."""

from localaction.core.io.writers import Sheet, csv_bytes, csv_text, guard_text, xlsx_bytes

__all__ = ["Sheet", "csv_bytes", "csv_text", "guard_text", "xlsx_bytes"]
