"""Use-cases for actions (the shared create/update/workflow use-cases do the work; see ``kind.py``)."""

from __future__ import annotations

from typing import Any

from localaction.registry.actions.models import Action
from localaction.registry.base.access import Actor
from localaction.registry.base.services.common import Ref
from localaction.registry.base.services.submissions import create_submission


def create_action(user: Actor, jurisdiction: Ref | str, **fields: Any) -> Action:
    return create_submission(user, Action, jurisdiction, **fields)
