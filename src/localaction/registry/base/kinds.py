"""The submission kinds: every reported thing that goes through the MRV workflow (inventories, targets,
commitments, actions, hazard assessments, framework reports) is declared here by its feature app, in its
``AppConfig.ready()``. The shared use-cases (create, update, workflow, comments, the review queue) ask the
kind instead of importing the feature, so the base never depends on a feature.

A kind's ``slug`` is the name in URLs, the API and exports (``inventory``, ``target`` …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from localaction.core.errors import Detail
from localaction.registry.base.errors import NotFound
from localaction.registry.base.models import Submission


def _no_problems(obj: Any) -> list[Detail]:
    return []


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[Submission]
    # Fields the generic create/update use-cases may set; empty when the feature has its own use-cases.
    fields: tuple[str, ...] = ()
    # Field-level problems beyond the model's own validation (``Detail`` per problem).
    problems: Callable[[Any], list[Detail]] = _no_problems
    # Before a transition that runs the checks (submit, validate …): recompute and return the blocking
    # problems (an inventory's error-level MRV checks, a framework report's missing answers).
    blocking: Callable[[Any], list[Detail]] = _no_problems
    # After a correction's new version is saved: copy what lives outside the version's own row.
    copy_contents: Callable[[Any, Any], None] | None = None
    # What a reviewer compares a first version with: the same kind of an earlier year (inventories).
    earlier_year: Callable[[Any], Any] | None = None
    # Review comments may name one of the version's lines (a GPC reference number).
    line_comments: bool = False
    # The city edits it through the generic submission pages (others have their own pages).
    generic_pages: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    """Declare a kind (idempotent for the same declaration; a second model under one slug is refused)."""
    known = _KINDS.get(kind.slug)
    if known is not None and known.model is not kind.model:
        raise ValueError(f"kind {kind.slug!r} is already {known.model.__name__}")
    _KINDS[kind.slug] = kind


def all_kinds() -> list[Kind]:
    """Every kind, in the order the apps declared them."""
    return list(_KINDS.values())


def get(slug: str) -> Kind:
    try:
        return _KINDS[slug]
    except KeyError:
        raise NotFound(
            f"unknown kind {slug!r}", details=[Detail(("kind",), f"one of {', '.join(_KINDS)}")]
        ) from None


def of(model_or_obj: type[Submission] | Submission) -> Kind:
    """The kind of a model or of one of its rows."""
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    for kind in _KINDS.values():
        if issubclass(model, kind.model):
            return kind
    raise NotFound(f"{model.__name__} is not a submission kind")


def models() -> tuple[type[Submission], ...]:
    return tuple(k.model for k in _KINDS.values())


def fields_of(model_or_obj: type[Submission] | Submission) -> tuple[str, ...]:
    """The fields the shared create/update use-cases may set on this kind."""
    return of(model_or_obj).fields
