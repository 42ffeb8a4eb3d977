"""What a dataset file gives, as plain data: figures for a place, a year and a category or measure.

One shape for every kind of file, so the registry stores and queries them in one table:
- national inventories (PRIMAP-hist, UNFCCC CRF): one figure per country, year, IPCC category and gas;
- asset and city estimates (Climate TRACE): one per source, year, sub-sector and gas, with its location;
- a city's own earlier reports (CDP-ICLEI open data): one per account, inventory year and measure (BASIC,
  scope 1 …);
- context (population tables): population, GDP or floor area of a country or a city in a year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

KINDS = ("cdp", "primap", "crf", "climate_trace", "population")

# Measures of emissions figures, and of context figures.
EMISSIONS = "emissions"  # one category of an inventory (IPCC category, Climate TRACE sub-sector)
REPORTED = ("total", "scope1", "scope2", "scope3", "basic", "basic_plus")  # a city's reported totals
CONTEXT = ("population", "gdp", "floor_area_residential", "floor_area_commercial")


@dataclass(frozen=True)
class Place:
    """Where a figure applies. ``scheme`` ``""`` is the whole country; otherwise how ``id`` names a
    place: ``cdp_account``, ``climate_trace`` (a source id), ``ghs_fua``, ``name``, ``slug``,
    ``unlocode``."""

    scheme: str = ""
    id: str = ""
    name: str = ""
    lat: float | None = None
    lon: float | None = None
    ref: str = ""  # a second identifier the publisher gives (Climate TRACE ``geometry_ref``)

    @property
    def is_national(self) -> bool:
        return self.scheme == ""


NATIONAL = Place()


@dataclass(frozen=True)
class Figure:
    country: str  # ISO 3166-1 alpha-2; "" when the file's country could not be read
    year: int
    measure: str  # EMISSIONS, one of REPORTED, or one of CONTEXT
    value: float
    unit: str  # "t" (of ``gas``; "CO2e" gas: tonnes CO2e), "people", a currency code, "m2"
    category: str = ""  # the publisher's code: "1.A.4.b", "road-transportation", "" for totals
    category_label: str = ""
    gas: str = ""  # "CO2e", "CO2", "CH4", "N2O", "HFCs" …; blank for context figures
    gwp_set: str = ""  # for CO2e: the GWP set the publisher used (AR4, AR5, AR6)
    place: Place = NATIONAL
    row: int = 0  # the row of the file it came from
    note: str = ""  # how it was read when that was not plain (e.g. "scope 1 = sum of the two parts")


@dataclass
class DatasetFile:
    """A file read by one of the readers: its figures, what it did not use, and what it is."""

    kind: str
    file: str
    figures: list[Figure]
    rows_read: int
    unused_columns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # What the file says about itself (publisher, title, version, licence, citation): defaults per kind,
    # the operator's words win.
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def countries(self) -> list[str]:
        return sorted({f.country for f in self.figures if f.country})

    @property
    def years(self) -> list[int]:
        return sorted({f.year for f in self.figures})

    def categories(self) -> list[str]:
        return sorted({f.category for f in self.figures if f.category})


def years_span(years: Iterable[int]) -> str:
    ys = sorted(set(years))
    if not ys:
        return ""
    return str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]}–{ys[-1]}"
