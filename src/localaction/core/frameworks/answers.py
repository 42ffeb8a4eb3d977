"""Answers to a framework: check them, normalise them, compute derived values.

An answers document is a plain, JSON-able mapping::

    {"framework": "singapore_index", "edition": "2014", "jurisdiction": "Exampleville", "year": 2023,
     "answers": {"natural_areas": {"numerator": 1850, "denominator": 10000, "year": 2022},
                 "native_bird_species": 35, "lbsap": "nbsap_aligned_1_3_pow"}}

Each answer is a bare value, or a mapping with ``value`` (or ``numerator`` + ``denominator`` for a percentage
or ratio) and optional ``year``, ``source`` and ``note``. Tables and multi-choices take lists.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from localaction.core.errors import Detail, InputError
from localaction.core.frameworks.checks import FORMULA_READABLE
from localaction.core.frameworks.expressions import ExpressionError, MissingValue, parse
from localaction.core.frameworks.model import Column, Framework, Indicator, IndicatorType, Validation

T = IndicatorType
HEADER_KEYS = {"framework", "edition", "jurisdiction", "year", "answers", "notes", "title"}
ENTRY_KEYS = {"value", "numerator", "denominator", "year", "source", "note"}
ScalarOrList = float | bool | str | list[str] | list[dict[str, Any]] | None


class Problem(BaseModel):
    loc: list[str | int]
    msg: str
    severity: str = "error"

    def detail(self) -> Detail:
        return Detail(tuple(self.loc), self.msg)


class Value(BaseModel):
    """One indicator's answer, normalised (a percentage's ``value`` computed from its parts)."""

    value: ScalarOrList = None
    numerator: float | None = None
    denominator: float | None = None
    year: int | None = None
    source: str = ""
    note: str = ""
    derived: bool = False


class Report(BaseModel):
    """A checked answers document: normalised values (derived ones included) and every problem found."""

    framework: str
    edition: str
    jurisdiction: str = ""
    year: int | None = None
    values: dict[str, Value] = Field(default_factory=dict)  # answered or derived indicators only
    problems: list[Problem] = Field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def value_of(self, indicator_id: str) -> ScalarOrList:
        found = self.values.get(indicator_id)
        return None if found is None else found.value


def _blank(raw: object) -> bool:
    return raw is None or raw == "" or raw == [] or raw == {}


def check_answers(fw: Framework, doc: Mapping[str, Any], *, complete: bool = True) -> Report:
    """Check a document against ``fw`` and return it normalised with every problem (it never raises on
    content). ``complete=False`` (a draft) does not ask for required answers or data years."""
    problems: list[Problem] = []

    def err(loc: list[str | int], msg: str, severity: str = "error") -> None:
        problems.append(Problem(loc=loc, msg=msg, severity=severity))

    if not isinstance(doc, Mapping):
        return Report(
            framework=fw.id, edition=fw.edition, problems=[Problem(loc=[], msg="expected a mapping")]
        )
    for key in sorted(set(doc) - HEADER_KEYS):
        err([key], f"unknown field; expected {', '.join(sorted(HEADER_KEYS))}")
    if doc.get("framework", fw.id) != fw.id:
        err(["framework"], f"these answers are for {doc.get('framework')!r}, not {fw.id!r}")
    if str(doc.get("edition", fw.edition)) != fw.edition:
        err(["edition"], f"these answers are for edition {doc.get('edition')!r}, not {fw.edition!r}")
    year = doc.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        err(["year"], "the reporting year is a whole number, e.g. 2024")
        year = None
    raw_answers = doc.get("answers") or {}
    if not isinstance(raw_answers, Mapping):
        err(["answers"], "answers is a mapping of indicator id to answer")
        raw_answers = {}
    known = {ind.id: ind for _, ind in fw.indicators()}
    for key in sorted(set(raw_answers) - set(known), key=str):
        err(["answers", key], f"not an indicator of {fw.name} ({fw.edition})")

    values: dict[str, Value] = {}
    for _, ind in fw.indicators():
        loc: list[str | int] = ["answers", ind.id]
        raw = raw_answers.get(ind.id)
        if ind.derived:
            if not _blank(raw):
                err(loc, "this value is computed from a formula: do not enter it")
            continue
        if _blank(raw):
            if ind.required and complete:
                err(loc, f"required: {ind.label}")
            continue
        entry, msgs = _normalise(ind, raw)
        for sub, msg in msgs:
            err([*loc, *sub], msg)
        if entry is None:
            continue
        if fw.require_data_year and complete and entry.year is None:
            err([*loc, "year"], "give the year the data is for (year: 2022)")
        if entry.year is not None and year is not None and entry.year > year:
            err([*loc, "year"], f"data year {entry.year} is after the reporting year {year}", "warning")
        values[ind.id] = entry

    _derive(fw, values, complete, err)
    _apply_rules(fw, values, err)
    return Report(
        framework=fw.id,
        edition=fw.edition,
        jurisdiction=str(doc.get("jurisdiction") or ""),
        year=year,
        values=values,
        problems=problems,
    )


def validate_answers(fw: Framework, doc: Mapping[str, Any], *, complete: bool = True) -> Report:
    """As :func:`check_answers`, but raises InputError (code ``invalid_answers``) listing every error."""
    report = check_answers(fw, doc, complete=complete)
    if report.errors:
        raise InputError(
            f"{len(report.errors)} problem(s) in the answers to {fw.name} ({fw.edition})",
            code="invalid_answers",
            details=[p.detail() for p in report.errors],
        )
    return report


Msgs = list[tuple[list[str | int], str]]


def _normalise(ind: Indicator, raw: object) -> tuple[Value | None, Msgs]:
    msgs: Msgs = []
    parts: dict[str, Any] = {"value": raw}
    if isinstance(raw, Mapping):
        unknown = set(raw) - ENTRY_KEYS
        if unknown:
            return None, [([k], f"unknown field; expected {', '.join(sorted(ENTRY_KEYS))}") for k in unknown]
        parts = dict(raw)
    meta: dict[str, Any] = {}
    y = parts.get("year")
    if y is not None:
        if isinstance(y, bool) or not isinstance(y, int) or not 1800 <= y <= 2200:
            msgs.append((["year"], "the data year is a whole number, e.g. 2022"))
        else:
            meta["year"] = y
    for key in ("source", "note"):
        if parts.get(key) is not None:
            meta[key] = str(parts[key])
    if ind.type in {T.PERCENTAGE, T.RATIO}:
        return _ratio(ind, parts, meta, msgs)
    value, problems = _typed(ind.type, ind.validation, ind.choices, parts.get("value"), ind.columns, ind.key)
    msgs += [(["value", *sub], m) for sub, m in problems]
    if "numerator" in parts or "denominator" in parts:
        msgs.append(
            (["numerator"], f"numerator / denominator belong to a percentage or ratio, not a {ind.type}")
        )
    return (None if problems else Value(value=value, **meta)), msgs


def _ratio(
    ind: Indicator, parts: dict[str, Any], meta: dict[str, Any], msgs: Msgs
) -> tuple[Value | None, Msgs]:
    num, den = parts.get("numerator"), parts.get("denominator")
    missing: list[str | int] = [n for n, x in (("numerator", num), ("denominator", den)) if not _is_number(x)]
    if missing:
        hint = f"({ind.type} = numerator / denominator)"
        return None, msgs + [([name], f"give the {name} as a number {hint}") for name in missing]
    assert isinstance(num, int | float) and isinstance(den, int | float)
    if den <= 0:
        return None, [*msgs, (["denominator"], "the denominator must be above zero")]
    if num < 0:
        return None, [*msgs, (["numerator"], "the numerator cannot be negative")]
    value = (100.0 if ind.type == T.PERCENTAGE else float(ind.per or 1)) * num / den
    given = parts.get("value")
    if given is not None and (
        not _is_number(given) or not math.isclose(given, value, rel_tol=1e-3, abs_tol=1e-6)
    ):
        msgs.append((["value"], f"value {given!r} does not match numerator / denominator ({value:.6g})"))
    msgs += [(["value"], m) for m in _range(value, ind.validation)]
    return Value(value=value, numerator=float(num), denominator=float(den), **meta), msgs


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _range(x: float, v: Validation) -> list[str]:
    out = []
    if v.min is not None and x < v.min:
        out.append(f"{x:g} is below the minimum {v.min:g}")
    if v.max is not None and x > v.max:
        out.append(f"{x:g} is above the maximum {v.max:g}")
    if v.integer and not float(x).is_integer():
        out.append(f"{x:g} is not a whole number")
    return out


def _typed(
    t: IndicatorType,
    v: Validation,
    choices: list[Any],
    raw: object,
    columns: list[Column] | None = None,
    key: str | None = None,
) -> tuple[ScalarOrList, Msgs]:
    """The value checked for its type and validation; problems as (sub-location, message)."""
    allowed = [c.value for c in choices]
    if t == T.NUMBER:
        if not _is_number(raw):
            return None, [([], f"expected a number, got {raw!r}")]
        assert isinstance(raw, int | float)
        return float(raw), [([], m) for m in _range(float(raw), v)]
    if t == T.YES_NO:
        if isinstance(raw, bool):
            return raw, []
        if isinstance(raw, str) and raw.strip().lower() in {"yes", "no"}:
            return raw.strip().lower() == "yes", []
        return None, [([], f"expected yes or no (true / false), got {raw!r}")]
    if t == T.CHOICE:
        value = str(raw) if isinstance(raw, int | str) and not isinstance(raw, bool) else None
        if value not in allowed:
            return None, [([], f"{raw!r} is not one of: {', '.join(allowed)}")]
        return value, []
    if t == T.MULTI_CHOICE:
        return _multi(raw, allowed, v)
    if t == T.TEXT:
        if not isinstance(raw, str):
            return None, [([], f"expected text, got {raw!r}")]
        msgs: Msgs = []
        if v.max_length is not None and len(raw) > v.max_length:
            msgs.append(([], f"longer than {v.max_length} characters"))
        if v.pattern is not None and not re.fullmatch(v.pattern, raw):
            msgs.append(([], f"does not match the expected form {v.pattern}"))
        return raw, msgs
    if t == T.TABLE:
        return _table(raw, columns or [], key, v)
    return None, [([], f"{t} cannot be entered here")]  # pragma: no cover - ratios are handled by _ratio


def _multi(raw: object, allowed: list[str], v: Validation) -> tuple[ScalarOrList, Msgs]:
    if not isinstance(raw, list):
        return None, [([], "expected a list of choices")]
    picked = [str(x) for x in raw]
    msgs: Msgs = [
        ([i], f"{x!r} is not one of: {', '.join(allowed)}") for i, x in enumerate(picked) if x not in allowed
    ]
    if len(set(picked)) != len(picked):
        msgs.append(([], "a choice is selected twice"))
    if v.min_selected is not None and len(picked) < v.min_selected:
        msgs.append(([], f"select at least {v.min_selected}"))
    if v.max_selected is not None and len(picked) > v.max_selected:
        msgs.append(([], f"select at most {v.max_selected}"))
    return picked, msgs


def _table(raw: object, columns: list[Column], key: str | None, v: Validation) -> tuple[ScalarOrList, Msgs]:
    if not isinstance(raw, list):
        return None, [([], "expected a list of rows")]
    msgs: Msgs = []
    rows: list[dict[str, Any]] = []
    by_id = {c.id: c for c in columns}
    keys_seen: set[str] = set()
    for ri, row in enumerate(raw):
        if not isinstance(row, Mapping):
            msgs.append(([ri], "a row is a mapping of column id to value"))
            continue
        clean: dict[str, Any] = {}
        for name in sorted(set(row) - set(by_id), key=str):
            msgs.append(([ri, name], f"not a column; expected {', '.join(by_id)}"))
        for col in columns:
            cell = row.get(col.id)
            if _blank(cell):
                if col.required:
                    msgs.append(([ri, col.id], f"required: {col.label}"))
                continue
            value, problems = _typed(col.type, col.validation, col.choices, cell)
            msgs += [([ri, col.id, *sub], m) for sub, m in problems]
            clean[col.id] = value
        if key is not None and key in clean:
            k = str(clean[key])
            if k in keys_seen:
                msgs.append(([ri, key], f"{k!r} appears in two rows"))
            keys_seen.add(k)
        rows.append(clean)
    if v.min_rows is not None and len(raw) < v.min_rows:
        msgs.append(([], f"give at least {v.min_rows} row(s)"))
    if v.max_rows is not None and len(raw) > v.max_rows:
        msgs.append(([], f"give at most {v.max_rows} row(s)"))
    return rows, msgs


def numeric_env(fw: Framework, values: Mapping[str, Value]) -> dict[str, float | dict[str, float]]:
    """What formulas and rules read: numbers, their parts, yes/no as 1 / 0."""
    env: dict[str, float | dict[str, float]] = {}
    for _, ind in fw.indicators():
        got = values.get(ind.id)
        if got is None or got.value is None or ind.type not in FORMULA_READABLE:
            continue
        assert isinstance(got.value, bool | float | int)
        if got.numerator is not None and got.denominator is not None:
            env[ind.id] = {
                "value": float(got.value),
                "numerator": got.numerator,
                "denominator": got.denominator,
            }
        else:
            env[ind.id] = float(got.value)
    return env


def _derive(fw: Framework, values: dict[str, Value], complete: bool, err: Any) -> None:
    pending = {ind.id: ind for _, ind in fw.indicators() if ind.formula}
    exprs = {i: parse(ind.formula or "") for i, ind in pending.items()}
    # Formulas form a DAG (checked at load): evaluate those whose inputs are settled, until none is left.
    while pending:
        ready = [i for i in pending if not (exprs[i].names & pending.keys())]
        for ind_id in ready:
            ind = pending.pop(ind_id)
            try:
                result = exprs[ind_id].evaluate(numeric_env(fw, values))
            except MissingValue as missing:
                if ind.required and complete:
                    err(["answers", ind_id], f"cannot compute {ind.label}: {missing.name} is not answered")
                continue
            except ExpressionError as exc:
                err(["answers", ind_id], f"cannot compute {ind.label}: {exc}")
                continue
            for msg in _range(result, ind.validation):
                err(["answers", ind_id], f"computed value {msg}: check the values it is computed from")
            years = [y for n in exprs[ind_id].names if n in values and (y := values[n].year) is not None]
            values[ind_id] = Value(value=result, derived=True, year=max(years) if years else None)
        if not ready:  # pragma: no cover - cycles are refused when the file is loaded
            break


def _apply_rules(fw: Framework, values: dict[str, Value], err: Any) -> None:
    env = numeric_env(fw, values)
    for _, ind in fw.indicators():
        for rule in ind.rules:
            try:
                ok = parse(rule.check).evaluate(env)
            except MissingValue:
                continue  # a rule over unanswered indicators says nothing
            except ExpressionError as exc:
                err(["answers", ind.id], f"{rule.message} ({exc})", rule.severity)
                continue
            if not ok:
                err(["answers", ind.id], rule.message, rule.severity)
