"""Country names and codes as publishers write them → ISO 3166-1 alpha-2 (pycountry, plus the spellings
pycountry does not know, kept as data with their source in ``data/country_aliases.csv``)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import pycountry

from localaction.core.datasets.headers import normalise


@cache
def _aliases() -> dict[str, str]:
    text = (
        resources.files("localaction.core.datasets").joinpath("data/country_aliases.csv").read_text("utf-8")
    )
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {normalise(r["name"]): r["alpha_2"] for r in rows}


def alpha_2(text: str) -> str | None:
    """``'Bolivia (Plurinational State of)'``, ``'USA'``, ``'BRA'``, ``'br'`` → ``'BO'``, ``'US'``, ``'BR'``,
    ``'BR'``; None when unknown (the caller names the row)."""
    t = text.strip()
    if not t:
        return None
    alias = _aliases().get(normalise(t))
    if alias is not None:
        return alias
    try:
        country = pycountry.countries.lookup(t)
    except LookupError:
        return None
    return str(country.alpha_2)
