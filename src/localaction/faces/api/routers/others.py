"""Targets (with progress), commitments, actions and hazard assessments: the shared routes only."""

from __future__ import annotations

from ninja import Router

from localaction.faces.api.routers.kinds import ACTIONS, COMMITMENTS, HAZARDS, TARGETS
from localaction.faces.api.routers.submissions import Kind, add_routes


def _router(kind: Kind) -> Router:
    router = Router(tags=[kind.path])
    add_routes(router, kind)
    return router


targets = _router(TARGETS)
commitments = _router(COMMITMENTS)
actions = _router(ACTIONS)
hazards = _router(HAZARDS)
