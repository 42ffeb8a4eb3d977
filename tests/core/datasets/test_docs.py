"""docs/datasets.md moves with the code: every kind, check code, data file and reader option is in it."""

from __future__ import annotations

from pathlib import Path

from localaction.core.datasets import KINDS, OPTIONS
from localaction.core.datasets.crosscheck import CODES

DOC = Path(__file__).resolve().parents[3] / "docs" / "datasets.md"
DATA = Path(__file__).resolve().parents[3] / "src" / "localaction" / "core" / "datasets" / "data"


def test_datasets_doc_names_every_kind_code_and_file() -> None:
    text = DOC.read_text("utf-8")
    for kind in KINDS:
        assert f"| `{kind}` |" in text, kind
    for code in CODES.values():
        assert f"`{code}`" in text, code
    for path in DATA.glob("*.csv"):
        if path.name != "country_aliases.csv":
            assert path.name in text, path.name
    flags = {
        "scenario": "--scenario",
        "first_year": "--first-year",
        "countries": "--countries",
        "country": "--country",
        "year": "--year",
        "gwp_set": "--gwp",
        "variant": "--variant",
    }
    for options in OPTIONS.values():
        for option in options:
            assert flags[option] in text, option
