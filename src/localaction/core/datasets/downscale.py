"""Bringing a national figure down to a city: national × (city driver / national driver).

The driver is population by default, GDP or floor area where the category's mapping says it is the better
one and both figures are given. Every share keeps both figures, their year and where they came from, so
the method text can say exactly what was done ("national 1.A.4.b residential × city population share
2.31 %").
"""

from __future__ import annotations

from dataclasses import dataclass

from localaction.core.datasets.mapping import DRIVER_LABELS
from localaction.core.errors import InputError


@dataclass(frozen=True)
class Share:
    driver: str
    city: float
    national: float
    year: int
    city_source: str = ""
    national_source: str = ""
    unit: str = ""

    @property
    def value(self) -> float:
        return self.city / self.national

    @property
    def percent_text(self) -> str:
        return percent(self.value * 100)

    def describe(self) -> str:
        return f"city {DRIVER_LABELS.get(self.driver, self.driver)} share {self.percent_text}"

    def trail(self) -> str:
        """Both figures and their sources, for the provenance note."""
        unit = f" {self.unit}" if self.unit and self.unit != "people" else ""
        return (
            f"{DRIVER_LABELS.get(self.driver, self.driver)} {self.year}: city {self.city:,.0f}{unit}"
            f" ({self.city_source}) / national {self.national:,.0f}{unit} ({self.national_source})"
        )


def percent(value: float) -> str:
    """``2.3148`` → ``'2.31 %'``; small shares keep three significant digits (``0.00412 %``)."""
    if value == 0:
        return "0 %"
    if abs(value) >= 0.1:
        return f"{value:.2f} %"
    return f"{value:.3g} %"


def share(
    driver: str,
    city: float,
    national: float,
    year: int,
    *,
    city_source: str = "",
    national_source: str = "",
    unit: str = "",
) -> Share:
    """A share, refused (InputError) when it cannot be one: a figure not positive, or the city bigger
    than its country (figures of different units or places were mixed up)."""
    label = DRIVER_LABELS.get(driver, driver)
    if not city > 0 or not national > 0:
        raise InputError(
            f"the city's and the country's {label} must both be positive (got {city} and {national})",
            code="invalid_share",
        )
    if city > national:
        raise InputError(
            f"the city's {label} ({city:,.0f}) is larger than the country's ({national:,.0f}) for {year}: "
            "check that both figures are for the same year and in the same unit",
            code="invalid_share",
        )
    return Share(driver, city, national, year, city_source, national_source, unit)


def downscale(national_t: float, s: Share) -> float:
    return national_t * s.value


def method_text(categories: list[tuple[str, str]], s: Share, *, note: str = "") -> str:
    """``[('1.A.4.b', 'Residential')]`` → ``'national 1.A.4.b residential × city population share 2.31 %'``."""
    what = " + ".join(f"{code} {name.lower()}" for code, name in categories)
    text = f"national {what} × {s.describe()}"
    return f"{text} ({note})" if note else text
