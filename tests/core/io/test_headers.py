"""Headers as real files write them: normalised, then matched by meaning."""

from __future__ import annotations

from localaction.core.io import ColumnSpec, match_columns, normalise_header, without_units


def test_normalise_folds_what_drifts() -> None:
    assert normalise_header("\u200bLand area (in square km)") == "land area in square km"
    assert (
        normalise_header("Average annual temperature (in Celsius)\u200b")
        == "average annual temperature in celsius"
    )
    assert normalise_header("Common Reporting Framework inventory format (GPC)\xa0") == (
        "common reporting framework inventory format gpc"
    )
    assert normalise_header("  Scopes Included ") == "scopes included"
    assert normalise_header("Value_tCO2e") == normalise_header("value tco2e") == "value tco2e"
    assert normalise_header("City / Municipality\t\t") == "city municipality"
    assert normalise_header("CO₂e") == "co2e"  # NFKC
    assert normalise_header("BASIC+S3") == normalise_header("basic + s3") == "basic+ s3"
    assert normalise_header("BASIC") != normalise_header("BASIC+")
    assert without_units("TOTAL Scope 1 Emissions (metric tonnes CO2e)") == "total scope 1 emissions"


SPECS = [
    ColumnSpec(
        "scope1", ("Total Scope 1 Emissions",), all_of=(("scope 1",),), none_of=("generation", "excluding")
    ),
    ColumnSpec(
        "scope1_grid", all_of=(("direct emissions", "scope 1"), ("generation",)), none_of=("excluding",)
    ),
    ColumnSpec("scope1_excl", all_of=(("direct emissions", "scope 1"), ("excluding",))),
    ColumnSpec("population", ("Population",), all_of=(("population",),), none_of=("year",)),
]


def test_known_spellings_then_meaning_then_unrecognised() -> None:
    header = [
        "TOTAL Scope 1 Emissions (metric tonnes CO2e)",  # a spelling with the unit and upper case
        "Direct emissions (metric tonnes CO2e) for Total generation of grid-supplied energy",  # seen in 2020
        "Scope 1 emissions excluding generation of grid-supplied energy [t]",  # never seen: by its words
        "Inhabitants (2024)",  # a rename nobody has mapped: listed, not dropped
        "population",
    ]
    m = match_columns(header, SPECS)
    assert m.found == {"scope1": 0, "scope1_grid": 1, "scope1_excl": 2, "population": 4}
    assert set(m.by_meaning) == {"scope1_grid", "scope1_excl"}
    assert m.unrecognised == [3]


def test_a_column_two_fields_could_mean_is_not_guessed() -> None:
    specs = [ColumnSpec("a", all_of=(("scope",),)), ColumnSpec("b", all_of=(("emissions",),))]
    m = match_columns(["Scope emissions"], specs)
    assert m.found == {} and m.ambiguous == {0: ["a", "b"]} and m.unrecognised == [0]
