"""Write catalog/data/gpc_refs.csv, our GPC reference table, from ../shared/data/reference.

Run once when the upstream table changes: ``python scripts/build_gpc_refs.py``. The output is our own
table (names tidied, flags renamed, the sector roman numeral and a source column added).
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "data" / "reference" / "gpc_reference_table_combined.csv"
OUT = ROOT / "src" / "localaction" / "catalog" / "data" / "gpc_refs.csv"

SECTOR_NAMES = {
    "I": "Stationary energy",
    "II": "Transportation",
    "III": "Waste",
    "IV": "Industrial processes and product use (IPPU)",
    "V": "Agriculture, forestry and other land use (AFOLU)",
    "VI": "Other scope 3",
}
SOURCE = (
    "GPC v1.1 (WRI/C40/ICLEI 2021) reference numbers; flags as in C40 GHG Dashboard GPC database "
    "v2023-05-30 'GPC taxonomy' and CityCatalyst GPC 1.1 schema"
)


def main() -> None:
    rows = list(csv.DictReader(SRC.open(encoding="utf-8")))
    out = []
    for r in rows:
        ref = r["gpc_ref"].strip()
        roman = ref.split(".")[0]
        flag = {
            k: r[k].strip() == "True" for k in ("in_basic", "in_basic_plus", "in_scope1_territorial_total")
        }
        other = r["other_scope3_only"].strip() == "True"
        out.append(
            {
                "gpc_ref": ref,
                "sector_code": roman,
                "sector": SECTOR_NAMES[roman],
                "subsector": " ".join(r["subsector"].split()),
                "description": " ".join(r["description"].split()),
                "scope": int(r["scope"]),
                "in_basic": flag["in_basic"],
                "in_basic_plus": flag["in_basic_plus"],
                "in_basic_plus_other_scope3": flag["in_basic_plus"] or other,
                "in_territorial": flag["in_scope1_territorial_total"],
                "is_template_line": ref == "II.5.3",
                "source": SOURCE
                + (
                    "; II.5.3 from the CDP/GCoM reporting template, not the GPC tables"
                    if ref == "II.5.3"
                    else ""
                ),
            }
        )
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(out[0]))
        w.writeheader()
        w.writerows(out)
    print(f"wrote {len(out)} rows to {OUT}")


if __name__ == "__main__":
    main()
