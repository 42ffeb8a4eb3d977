"""Consistency checks of a parsed framework, beyond field types: every problem with its path in the file.

Paths are tuples as pydantic writes them (``("sections", 0, "indicators", 3, "bands")``) so the loader can
name the line.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

from localaction.core.frameworks.expressions import ExpressionError, parse
from localaction.core.frameworks.model import (
    COLUMN_TYPES,
    NUMERIC_TYPES,
    Band,
    Choice,
    Column,
    Framework,
    Indicator,
    IndicatorType,
    Validation,
)

Path = tuple[str | int, ...]
Problem = tuple[Path, str]
T = IndicatorType
# Types a formula may read: their value is a number (yes/no counts as 1/0).
FORMULA_READABLE = NUMERIC_TYPES | {T.YES_NO}


def check_framework(fw: Framework) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    section_ids: set[str] = set()
    for si, section in enumerate(fw.sections):
        if section.id in section_ids:
            problems.append((("sections", si, "id"), f"section id {section.id!r} is used twice"))
        section_ids.add(section.id)
        for ii, ind in enumerate(section.indicators):
            path: Path = ("sections", si, "indicators", ii)
            if ind.id in seen:
                problems.append(((*path, "id"), f"indicator id {ind.id!r} is used twice"))
            seen.setdefault(ind.id, path)
            problems += _check_indicator(ind, path, fw.scoring is not None)
    problems += _check_formulas(fw, seen)
    problems += _check_scoring(fw)
    return problems


def _check_indicator(ind: Indicator, path: Path, scoring: bool) -> list[Problem]:
    out: list[Problem] = []
    t = ind.type
    if t in {T.PERCENTAGE, T.RATIO}:
        for part in ("numerator", "denominator"):
            if getattr(ind, part) is None:
                out.append(((*path,), f"a {t.value} needs a {part} (label and unit)"))
    elif ind.numerator or ind.denominator:
        out.append(((*path, "numerator"), f"numerator / denominator belong to percentage or ratio, not {t}"))
    if t == T.RATIO and (ind.per is None or ind.per <= 0):
        out.append(((*path, "per"), "a ratio needs per: the multiplier, e.g. 100000 for per 100 000 people"))
    if t != T.RATIO and ind.per is not None:
        out.append(((*path, "per"), "per belongs to ratio"))
    if t in {T.CHOICE, T.MULTI_CHOICE}:
        out += _check_choices(ind.choices, (*path, "choices"))
    elif ind.choices:
        out.append(((*path, "choices"), f"choices belong to choice or multi_choice, not {t}"))
    if t == T.TABLE:
        out += _check_columns(ind, path)
    elif ind.columns or ind.key:
        out.append(((*path, "columns"), "columns and key belong to a table"))
    if ind.formula is not None and t != T.NUMBER:
        out.append(((*path, "formula"), "only a number can be derived by a formula"))
    if ind.scores and (t != T.YES_NO or set(ind.scores) - {"yes", "no"}):
        out.append(((*path, "scores"), "scores is for yes_no only, as {yes: n, no: m}"))
    if ind.bands:
        if t not in NUMERIC_TYPES | {T.MULTI_CHOICE, T.TABLE}:
            out.append(((*path, "bands"), f"bands score a numeric value or a count, not a {t}"))
        else:
            counted = t in {T.MULTI_CHOICE, T.TABLE}  # bands over a count: whole numbers from 0
            out += _check_bands(ind.bands, ind.validation, (*path, "bands"), counted)
    if t == T.MULTI_CHOICE and any(c.score is not None for c in ind.choices):
        out.append(((*path, "choices"), "a multi_choice is scored by bands over the number selected"))
    if ind.scored and not scoring:
        out.append(((*path,), "this indicator is scored but the framework has no scoring section"))
    out += _check_validation(ind.validation, t, (*path, "validation"))
    for ri, rule in enumerate(ind.rules):
        try:
            parse(rule.check)
        except ExpressionError as exc:
            out.append(((*path, "rules", ri, "check"), str(exc)))
    return out


def _check_choices(choices: Sequence[Choice], path: Path) -> list[Problem]:
    out: list[Problem] = []
    if len(choices) < 2:
        out.append((path, "give at least two choices"))
    values = [c.value for c in choices]
    for ci, value in enumerate(values):
        if values.index(value) != ci:
            out.append(((*path, ci, "value"), f"choice {value!r} is listed twice"))
    scored = [c.score is not None for c in choices]
    if any(scored) and not all(scored):
        out.append((path, "either every choice has a score or none has"))
    return out


def _check_columns(ind: Indicator, path: Path) -> list[Problem]:
    out: list[Problem] = []
    if not ind.columns:
        out.append(((*path, "columns"), "a table needs columns"))
    ids = [c.id for c in ind.columns]
    for ci, col in enumerate(ind.columns):
        cpath: Path = (*path, "columns", ci)
        if ids.index(col.id) != ci:
            out.append(((*cpath, "id"), f"column id {col.id!r} is used twice"))
        out += _check_column(col, cpath)
    if ind.key is not None and ind.key not in ids:
        out.append(((*path, "key"), f"key {ind.key!r} is not a column"))
    return out


def _check_column(col: Column, path: Path) -> list[Problem]:
    out: list[Problem] = []
    if col.type not in COLUMN_TYPES:
        allowed = ", ".join(sorted(COLUMN_TYPES))
        out.append(((*path, "type"), f"a table column may be {allowed}, not {col.type}"))
    if col.type in {T.CHOICE, T.MULTI_CHOICE}:
        out += _check_choices(col.choices, (*path, "choices"))
    elif col.choices:
        out.append(((*path, "choices"), f"choices belong to choice or multi_choice, not {col.type}"))
    out += _check_validation(col.validation, col.type, (*path, "validation"))
    return out


def _check_validation(v: Validation, t: IndicatorType, path: Path) -> list[Problem]:
    out: list[Problem] = []
    if v.min is not None and v.max is not None and v.min > v.max:
        out.append((path, f"min {v.min} is above max {v.max}"))
    if v.pattern is not None:
        try:
            re.compile(v.pattern)
        except re.error as exc:
            out.append(((*path, "pattern"), f"not a regular expression: {exc}"))
    misplaced = {
        "max_length": t != T.TEXT,
        "pattern": t != T.TEXT,
        "min_selected": t != T.MULTI_CHOICE,
        "max_selected": t != T.MULTI_CHOICE,
        "min_rows": t != T.TABLE,
        "max_rows": t != T.TABLE,
        "integer": t != T.NUMBER,
    }
    for name, wrong in misplaced.items():
        value = getattr(v, name)
        if wrong and value not in (None, False):
            out.append(((*path, name), f"{name} does not apply to a {t}"))
    return out


def _lower(b: Band) -> tuple[float, bool]:  # (value, inclusive)
    if b.min is not None:
        return b.min, True
    return (b.above, False) if b.above is not None else (-math.inf, False)


def _upper(b: Band) -> tuple[float, bool]:
    if b.max is not None:
        return b.max, True
    return (b.below, False) if b.below is not None else (math.inf, False)


def _check_bands(bands: Sequence[Band], v: Validation, path: Path, counted: bool = False) -> list[Problem]:
    """Bands must not overlap and must leave no gap over the valid range (integers may step by one)."""
    out: list[Problem] = []
    for bi, band in enumerate(bands):
        if band.min is not None and band.above is not None:
            out.append(((*path, bi), "give min or above, not both"))
        if band.max is not None and band.below is not None:
            out.append(((*path, bi), "give max or below, not both"))
        low, high = _lower(band), _upper(band)
        if low[0] > high[0] or (low[0] == high[0] and not (low[1] and high[1])):
            out.append(((*path, bi), f"band {band.label or bi} is empty: its lower bound is above its upper"))
    if out:
        return out
    order = sorted(range(len(bands)), key=lambda i: (_lower(bands[i])[0], not _lower(bands[i])[1]))
    for a, b in itertools.pairwise(order):
        (u, uc), (lo, lc) = _upper(bands[a]), _lower(bands[b])
        stepped = (v.integer or counted) and uc and lc and lo == u + 1 and float(u).is_integer()
        if u > lo or (u == lo and uc and lc):
            out.append(((*path, b), f"band {bands[b].label or b} overlaps band {bands[a].label or a}"))
        elif not stepped and (u < lo or (u == lo and not uc and not lc)):
            out.append(((*path, b), f"gap between band {bands[a].label or a} and {bands[b].label or b}"))
    first, last = _lower(bands[order[0]]), _upper(bands[order[-1]])
    floor = v.min if v.min is not None else (0.0 if counted else -math.inf)
    ceiling = v.max if v.max is not None else math.inf
    if first[0] > floor or (first[0] == floor and not first[1] and floor != -math.inf):
        out.append(
            (path, f"no band scores values from {floor} up to {first[0]}: add one or set validation.min")
        )
    if last[0] < ceiling or (last[0] == ceiling and not last[1] and ceiling != math.inf):
        out.append(
            (path, f"no band scores values from {last[0]} up to {ceiling}: add one or set validation.max")
        )
    return out


def _check_formulas(fw: Framework, paths: dict[str, Path]) -> list[Problem]:
    out: list[Problem] = []
    by_id = {ind.id: ind for _, ind in fw.indicators()}
    graph: dict[str, frozenset[str]] = {}
    for ind_id, path in paths.items():
        ind = by_id[ind_id]
        exprs = [((*path, "formula"), ind.formula)] if ind.formula else []
        exprs += [((*path, "rules", ri, "check"), r.check) for ri, r in enumerate(ind.rules)]
        for epath, source in exprs:
            try:
                names = parse(source).names
            except ExpressionError as exc:
                if epath[-1] == "formula":  # rules were reported by _check_indicator
                    out.append((epath, str(exc)))
                continue
            for name in sorted(names):
                if name not in by_id:
                    out.append((epath, f"{name!r} is not an indicator of this framework"))
                elif by_id[name].type not in FORMULA_READABLE:
                    out.append((epath, f"{name!r} is a {by_id[name].type}: a formula reads numbers only"))
            if epath[-1] == "formula":
                graph[ind_id] = names & by_id.keys()
    cycle = _find_cycle(graph)
    if cycle:
        out.append(((*paths[cycle[0]], "formula"), "formulas depend on each other: " + " -> ".join(cycle)))
    return out


def _find_cycle(graph: dict[str, frozenset[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return [*trail[trail.index(dep) :], dep] if dep in trail else [node, dep]
            if dep not in state and (found := visit(dep, [*trail, dep])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def _check_scoring(fw: Framework) -> list[Problem]:
    out: list[Problem] = []
    if fw.scoring is None:
        if fw.chart is not None:
            out.append((("chart",), "a chart shows scores: add a scoring section"))
        return out
    scored = [ind for _, ind in fw.indicators() if ind.scored]
    if not scored:
        out.append((("scoring",), "no indicator has bands, choice scores or yes/no scores"))
    total = sum(ind.max_score or 0.0 for ind in scored)
    declared = fw.scoring.max_total
    if declared is not None and not math.isclose(declared, total):
        out.append(
            (
                ("scoring", "max_total"),
                f"declared {declared:g}, but the indicators' maxima add up to {total:g}",
            )
        )
    return out
