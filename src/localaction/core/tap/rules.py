"""The Transformative Actions Program's rules, as pure Python (no Django): the configuration (tap_config.yaml),
eligibility on submission, the weighted screening score, and the project's state machine as data.

    from localaction.core.tap.rules import Facts, eligibility, weighted_score, config
    eligibility(Facts(submitter="government", council_approval="adopted", project_type="infrastructure",
                      climate_focus="mitigation"))  # → [] (eligible)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from localaction.core.errors import Detail, InputError

CONFIG_PATH = Path(__file__).with_name("config.yaml")


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: float
    help: str = ""


@dataclass(frozen=True)
class Config:
    stages: tuple[str, ...]
    sectors: dict[str, str]
    agendas: tuple[str, ...]
    instruments: tuple[str, ...]
    project_types: dict[str, bool]
    size_bands: dict[str, tuple[float, float | None]]
    criteria: tuple[Criterion, ...]
    pipeline_threshold: float


def parse_config(data: dict[str, Any]) -> Config:
    criteria = tuple(Criterion(**c) for c in data["criteria"])
    if not criteria or any(c.weight <= 0 for c in criteria):
        raise InputError("tap_config: every criterion needs a positive weight", code="bad_config")
    return Config(
        stages=tuple(data["stages"]),
        sectors={str(k): str(v) for k, v in data["sectors"].items()},
        agendas=tuple(data["agendas"]),
        instruments=tuple(data["instruments"]),
        project_types={str(k): bool(v) for k, v in data["project_types"].items()},
        size_bands={
            k: (float(v[0]), None if v[1] is None else float(v[1])) for k, v in data["size_bands"].items()
        },
        criteria=criteria,
        pipeline_threshold=float(data["pipeline_threshold"]),
    )


@cache
def config() -> Config:
    return parse_config(yaml.safe_load(CONFIG_PATH.read_text(encoding="utf-8")))


# --- eligibility -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What eligibility looks at (taken from the project form)."""

    submitter: str  # "government" | "partner"
    council_approval: str  # "adopted" | "forthcoming" | "none"
    project_type: str  # a key of config().project_types
    climate_focus: str  # "mitigation" | "adaptation" | "both" | ""
    government_key_stakeholder: bool = False  # for a partner's project


def eligibility(facts: Facts, cfg: Config | None = None) -> list[Detail]:
    """Every reason the project is not eligible (empty: eligible). Each names the field to fix."""
    cfg = cfg or config()
    out: list[Detail] = []
    if facts.submitter == "partner" and not facts.government_key_stakeholder:
        out.append(
            Detail(
                ("government_key_stakeholder",),
                "a partner's project needs the local or regional government as key stakeholder",
            )
        )
    elif facts.submitter not in ("government", "partner"):
        out.append(Detail(("submitter",), "submitted by a local or regional government or its partner"))
    if facts.council_approval not in ("adopted", "forthcoming"):
        out.append(Detail(("council_approval",), "the council must have adopted the project or be about to"))
    if not cfg.project_types.get(facts.project_type, False):
        out.append(
            Detail(
                ("project_type",),
                "only infrastructure investments are eligible, not plans, studies or campaigns",
            )
        )
    if facts.climate_focus not in ("mitigation", "adaptation", "both"):
        out.append(
            Detail(("climate_focus",), "the project must mitigate emissions or adapt to climate change")
        )
    return out


# --- screening ---------------------------------------------------------------------------------------------

SCORE_MIN, SCORE_MAX = 0.0, 5.0


def check_scores(scores: dict[str, float], cfg: Config | None = None) -> dict[str, float]:
    """The scores as floats, one per criterion, each 0..5; every problem reported at once."""
    cfg = cfg or config()
    keys = {c.key for c in cfg.criteria}
    problems = [Detail((k,), "not a screening criterion") for k in sorted(set(scores) - keys)]
    out: dict[str, float] = {}
    for c in cfg.criteria:
        raw = scores.get(c.key)
        try:
            value = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            problems.append(Detail((c.key,), f"give a score from {SCORE_MIN:g} to {SCORE_MAX:g}"))
            continue
        if not SCORE_MIN <= value <= SCORE_MAX:
            problems.append(Detail((c.key,), f"the score must be from {SCORE_MIN:g} to {SCORE_MAX:g}"))
            continue
        out[c.key] = value
    if problems:
        raise InputError("invalid screening scores", details=problems)
    return out


def weighted_score(scores: dict[str, float], cfg: Config | None = None) -> float:
    """Σ(weight × score) / Σ(weight), rounded to 2 decimals: 0..5 whatever the weights add up to."""
    cfg = cfg or config()
    checked = check_scores(scores, cfg)
    total_weight = sum(c.weight for c in cfg.criteria)
    return round(sum(c.weight * checked[c.key] for c in cfg.criteria) / total_weight, 2)


def size_band(total_cost: float | None, cfg: Config | None = None) -> str:
    cfg = cfg or config()
    if total_cost is None:
        return ""
    for name, (low, high) in cfg.size_bands.items():
        if total_cost >= low and (high is None or total_cost < high):
            return name
    return ""


# --- the project's stages (a state machine as data) ---------------------------------------------------------

DRAFT, SUBMITTED, RETURNED, SCREENED, PIPELINE, MATCHED, FINANCED = (
    "draft", "submitted", "returned", "screened", "pipeline", "matched", "financed",
)  # fmt: skip
STATUSES = (DRAFT, SUBMITTED, RETURNED, SCREENED, PIPELINE, MATCHED, FINANCED)
EDITABLE = frozenset({DRAFT, RETURNED})
FUNDER_VISIBLE = frozenset({PIPELINE, MATCHED, FINANCED})  # never drafts, never unscreened work


@dataclass(frozen=True)
class Step:
    action: str
    sources: frozenset[str]
    target: str
    actor: str  # "city" (the jurisdiction's editors/approvers) | "desk" (TAP reviewers, secretariat)
    needs_comment: bool = False


STEPS: dict[str, Step] = {
    s.action: s
    for s in (
        Step("submit", frozenset({DRAFT, RETURNED}), SUBMITTED, "city"),
        Step("return", frozenset({SUBMITTED, SCREENED}), RETURNED, "desk", needs_comment=True),
        Step("screen", frozenset({SUBMITTED}), SCREENED, "desk"),
        Step("admit", frozenset({SCREENED}), PIPELINE, "desk"),  # the pipeline seal
        Step("match", frozenset({PIPELINE}), MATCHED, "desk"),
        Step("finance", frozenset({MATCHED}), FINANCED, "desk"),
    )
}
