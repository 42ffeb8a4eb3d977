"""UNFCCC national inventory summary tables (CRF 2015–2023, CRT 2024 on), exported to CSV (or read from
the workbook's sheet): Summary 1.A (``Summary1.As1``/``As2``: kt of each gas, F-gases in kt CO2
equivalent) and Summary 2 (kt CO2 equivalent of each gas, and a total).

The table starts below its title rows, at the row whose first cell is ``GREENHOUSE GAS SOURCE AND SINK
CATEGORIES``; the gas row is followed by a unit row (merged cells are filled to the right). Row labels
repeat under different parents (``1. Solid fuels``, ``5. Other``), so codes are given by position in the
hierarchy: a sector row (``2. Industrial processes and product use``), its letter rows (``A. Mineral
industry`` → 2.A) and, under energy, their numbered rows (``1. Energy industries`` → 1.A.1). Footnote marks
(``(1)``) are dropped. Notation keys (``NO``, ``NE,IE`` …) are no figure, never zero. The party and the
inventory year come from the file name (``AUT_2023_2021_…``), the title rows, or the operator. CO2
equivalents are under the GWP set of the submission (AR4 for CRF 2015–2023, AR5 for CRT).
"""

from __future__ import annotations

import re
from pathlib import Path

from localaction.core.datasets.countries import alpha_2
from localaction.core.datasets.files import Grid, Problems, grid
from localaction.core.datasets.headers import find_header, normalise
from localaction.core.datasets.model import DatasetFile, Figure
from localaction.core.datasets.units import tonnes_factor
from localaction.core.errors import Detail, InputError

CRF_KEYS = frozenset({"NO", "NE", "NA", "IE", "C"})  # the UNFCCC's notation keys
HEADER = "GREENHOUSE GAS SOURCE AND SINK CATEGORIES"
META = {
    "publisher": "United Nations Framework Convention on Climate Change (UNFCCC)",
    "licence": "UNFCCC terms of use (national submissions, public)",
    "citation": "National inventory submission to the UNFCCC (CRF/CRT summary tables)",
    "source_url": "https://unfccc.int/ghg-inventories-annex-i-parties",
}
SECTORS = {
    "energy": "1",
    "industrial processes and product use": "2",
    "agriculture": "3",
    "land use, land-use change and forestry": "4",
    "waste": "5",
    "other (please specify)": "6",
}
GAS_COLUMNS = {
    "net co2 emissions/removals": "CO2",
    "co2": "CO2",
    "ch4": "CH4",
    "n2o": "N2O",
    "hfcs": "HFCs",
    "pfcs": "PFCs",
    "unspecified mix of hfcs and pfcs": "HFCs+PFCs",
    "sf6": "SF6",
    "nf3": "NF3",
    "total": "TOTAL",
}
_FOOTNOTE = re.compile(r"\s*\(\d+\)\s*$")
_ENUM = re.compile(r"^([0-9]+|[A-Z])\.\s*(.*)$")
_FILE = re.compile(r"^([A-Z]{3})[_-](\d{4})[_-](\d{4})(?:[_-]|\.|$)")
_INVENTORY = re.compile(r"\binventory\s+(\d{4})\b", re.I)
_SUBMISSION = re.compile(r"\bsubmission\s+(\d{4})(?:\s+v(\d+))?", re.I)


def clean_label(text: str) -> str:
    t = text.strip()
    while _FOOTNOTE.search(t):
        t = _FOOTNOTE.sub("", t)
    return re.sub(r"\s+", " ", t)


def _context(name: str, rows: Grid, header_pos: int) -> tuple[str | None, int | None, str]:
    """Party (alpha-2), inventory year and submission, from the file name or the title rows."""
    country: str | None = None
    year: int | None = None
    submission = ""
    m = _FILE.match(name)
    if m:
        country, year, submission = alpha_2(m.group(1)), int(m.group(3)), m.group(2)
    for _n, cells in rows[:header_pos]:
        for c in (c for c in cells if c.strip()):
            if year is None and (inv := _INVENTORY.search(c)):
                year = int(inv.group(1))
            elif (sub := _SUBMISSION.search(c)) and not submission:
                submission = sub.group(1) + (f" v{sub.group(2)}" if sub.group(2) else "")
            elif country is None and len(c.strip()) > 3:
                country = alpha_2(c.strip().title()) or alpha_2(c.strip())
    return country, year, submission


class _Codes:
    """Gives each row label its IPCC code by its place in the hierarchy."""

    def __init__(self) -> None:
        self.sector = ""
        self.letter = ""
        self.reference = False

    def code(self, label: str) -> str | None:
        n = normalise(label)
        if n.startswith("total") and not self.sector:
            return "0"
        if n.startswith("sectoral approach"):
            self.reference = False
            self.letter = "A"
            return "1.A"
        m = _ENUM.match(label)
        if m is None:
            return None
        enum, text = m.group(1), normalise(m.group(2))
        if enum.isdigit() and text in SECTORS and SECTORS[text] == enum:
            self.sector, self.letter, self.reference = enum, "", False
            return enum
        if not self.sector:
            return None
        if enum.isalpha():
            self.letter = enum
            if self.sector == "1" and enum == "A" and "reference approach" in text:
                self.reference = True  # the reference approach repeats 1.A: not used
                return None
            self.reference = False
            return f"{self.sector}.{enum}"
        if self.letter and not self.reference:
            return f"{self.sector}.{self.letter}.{enum}"
        return None


def read_crf(
    path: Path, *, country: str | None = None, year: int | None = None, gwp_set: str = "AR4"
) -> DatasetFile:
    """Read a CRF/CRT summary table (Summary 1.A or Summary 2) as CSV or XLSX."""
    rows = grid(path)
    name = path.name
    pos = find_header(name, rows, [HEADER])
    found_country, found_year, submission = _context(name, rows, pos)
    party = alpha_2(country) if country else found_country
    inv_year = year or found_year
    missing = [
        Detail((name, what), f"cannot tell the {what}: name the file like AUT_2023_2021_….csv or give {opt}")
        for what, opt, v in (("party", "--country", party), ("inventory year", "--year", inv_year))
        if not v
    ]
    if missing:
        raise InputError(
            f"{name}: the party or the inventory year is unknown", code="invalid_dataset", details=missing
        )
    assert party is not None and inv_year is not None
    header_row, header = rows[pos]
    gases: dict[int, str] = {}
    unused: list[str] = []
    for i, title in enumerate(header[1:], start=1):
        gas = GAS_COLUMNS.get(normalise(clean_label(title)))
        if gas:
            gases[i] = gas
        elif title.strip():
            unused.append(clean_label(title))
    if not gases:
        raise InputError(
            f"{name}: no gas columns (CO2, CH4, N2O …) in row {header_row}", code="invalid_header"
        )
    units: dict[int, tuple[float, bool]] = {}
    unit_number, unit_cells = rows[pos + 1] if pos + 1 < len(rows) else (header_row, [])
    problems = Problems(name)
    current = ""
    for i in range(1, max(gases) + 1):
        text = unit_cells[i].strip() if i < len(unit_cells) else ""
        current = text or current  # merged cells: the unit runs to the right
        if i not in gases:
            continue
        unit = re.sub(r"(?i)co2\s*equivalents?", "", current).strip(" ()")
        try:
            units[i] = (tonnes_factor(unit or "?"), "equivalent" in current.casefold())
        except ValueError:
            problems.add(unit_number, header[i], f"unit {current!r} is not kt (or kt CO2 equivalent)")
    problems.raise_if_any("units")
    codes = _Codes()
    figures: list[Figure] = []
    not_used: list[str] = []
    for number, cells in rows[pos + 2 :]:
        label = clean_label(cells[0]) if cells else ""
        if not label:
            continue
        if normalise(label).startswith("memo items"):
            break  # international bunkers and the like are outside national totals
        code = codes.code(label)
        if code is None:
            not_used.append(f"row {number} {label!r}")
            continue
        for i, gas in gases.items():
            text = cells[i].strip() if i < len(cells) else ""
            if not text:
                continue
            if re.fullmatch(r"[A-Za-z ,;/]+", text):
                bad = [k for k in re.split(r"[\s,;/]+", text.upper()) if k and k not in CRF_KEYS]
                if bad:
                    problems.add(
                        number,
                        header[i],
                        f"{text!r} is neither a number nor notation keys ({', '.join(sorted(CRF_KEYS))})",
                    )
                continue  # a notation key: no figure
            value = problems.number(number, header[i], text)
            if value is None:
                continue
            factor, co2e = units[i]
            figures.append(
                Figure(
                    party,
                    inv_year,
                    "emissions",
                    value * factor,
                    "t",
                    category=code,
                    category_label=label,
                    gas=gas,
                    gwp_set=gwp_set if co2e else "",
                    row=number,
                )
            )
    problems.raise_if_any("inventory figures")
    meta = dict(META)
    meta["title"] = f"National inventory {inv_year} of {party} (UNFCCC summary table)"
    if submission:
        meta["version"] = f"submission {submission}"
    warnings = [f"{name}: labels not used: {', '.join(not_used)}"] if not_used else []
    return DatasetFile("crf", name, figures, len(rows) - pos - 2, unused, warnings, meta)
