"""The cross-check runs when a version is submitted, without touching the workflow: a ``post_save`` receiver
on inventories notices a version that is ``submitted`` with a ``submitted_at`` it has not checked yet, and
stores a run. It never blocks the submission: a failure is stored as the run's error (in a savepoint, so
the submission itself commits).

The cleaner hook, for the lead to wire: ``Kind.after_transition: Callable[[obj, action], None]`` called
by ``workflow.transition`` after ``save`` (see docs/datasets.md).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models.signals import post_save

from localaction.core.errors import LocalActionError
from localaction.registry.base.models import State
from localaction.registry.inventories.models import Inventory

log = logging.getLogger(__name__)


def on_inventory_saved(sender: type[Inventory], instance: Inventory, **kwargs: Any) -> None:
    if instance.state != State.SUBMITTED or instance.submitted_at is None:
        return
    from localaction.registry.datasets import crosschecks
    from localaction.registry.datasets.models import CrossCheckRun

    if CrossCheckRun.objects.filter(inventory=instance, submitted_at=instance.submitted_at).exists():
        return
    try:
        with transaction.atomic():
            crosschecks.run(instance, trigger="submit")
    except (LocalActionError, ValueError, ArithmeticError, DatabaseError) as exc:
        log.exception("cross-check of %s failed", instance)
        crosschecks.record_error(instance, trigger="submit", error=f"{type(exc).__name__}: {exc}")


def connect() -> None:
    post_save.connect(on_inventory_saved, sender=Inventory, dispatch_uid="datasets_crosscheck_on_submit")
