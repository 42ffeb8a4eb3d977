"""Membership levels and fee rules, read from ``levels.yaml`` (data, not code). Pure Python: no Django.

``fee_due(level, population)``: the yearly fee of a level for a member of that population.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pydantic
import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from localaction.core.errors import Detail, InputError

LEVELS_FILE = Path(__file__).with_name("levels.yaml")


class Band(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_population: int | None = Field(None, gt=0)  # None: no upper bound (the last band)
    fee: Decimal = Field(ge=0)


class Level(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    tier: Literal["basic", "advanced"]
    scope: Literal["global", "regional"]
    rule: Literal["bands", "per_capita"]
    bands: tuple[Band, ...] = ()
    per_capita: Decimal | None = Field(None, ge=0)
    minimum: Decimal = Field(Decimal(0), ge=0)
    cap: Decimal | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _rule_has_its_numbers(self) -> Level:
        if self.rule == "bands":
            if not self.bands:
                raise ValueError("rule 'bands' needs a list of bands")
            tops = [b.max_population for b in self.bands]
            if tops[-1] is not None or any(t is None for t in tops[:-1]):
                raise ValueError("only the last band may (and must) have max_population: null")
            bounded = [t for t in tops if t is not None]
            if bounded != sorted(set(bounded)):
                raise ValueError("bands must be in increasing max_population order")
        if self.rule == "per_capita" and self.per_capita is None:
            raise ValueError("rule 'per_capita' needs per_capita")
        if self.cap is not None and self.cap < self.minimum:
            raise ValueError("cap is below minimum")
        return self


class FeeRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    currency: str = Field(pattern=r"^[A-Z]{3}$")
    levels: tuple[Level, ...]

    @model_validator(mode="after")
    def _unique_codes(self) -> FeeRules:
        codes = [lv.code for lv in self.levels]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"level codes repeat: {', '.join(dupes)}")
        return self

    def level(self, code: str) -> Level:
        for lv in self.levels:
            if lv.code == code:
                return lv
        known = ", ".join(lv.code for lv in self.levels)
        raise InputError(
            f"unknown membership level {code!r} (known: {known})", details=[Detail(("level",), code)]
        )


def parse_rules(text: str, source: str = "levels.yaml") -> FeeRules:
    """Parse and validate the levels file; every problem at once, each naming its place in the file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{source} is not valid YAML: {exc}", code="invalid_file") from None
    try:
        return FeeRules.model_validate(data)
    except pydantic.ValidationError as exc:
        details = [Detail((source, *e["loc"]), e["msg"]) for e in exc.errors()]
        raise InputError(
            f"{source}: invalid membership levels", code="invalid_file", details=details
        ) from None


@lru_cache(maxsize=1)
def rules() -> FeeRules:
    return parse_rules(LEVELS_FILE.read_text(encoding="utf-8"), LEVELS_FILE.name)


def level_choices() -> list[tuple[str, str]]:
    return [(lv.code, lv.name) for lv in rules().levels]


def fee_due(level: Level | str, population: float | None, fee_rules: FeeRules | None = None) -> Decimal:
    """The yearly fee, in whole currency units. A member without a known population pays the lowest band
    (or the per-capita minimum): the secretariat adjusts it once the population is known."""
    lv = level if isinstance(level, Level) else (fee_rules or rules()).level(level)
    people = Decimal(str(population)) if population and population > 0 else Decimal(0)
    if lv.rule == "bands":
        fee = next(b.fee for b in lv.bands if b.max_population is None or people <= b.max_population)
    else:
        assert lv.per_capita is not None
        fee = max(people * lv.per_capita, lv.minimum)
        if lv.cap is not None:
            fee = min(fee, lv.cap)
    return fee.quantize(Decimal(1), rounding=ROUND_HALF_UP)
