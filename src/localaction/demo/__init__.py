"""The demo data, behind one registry of loaders: each loader fills in the shared ``Report`` and is
idempotent (what exists is left alone), so ``localaction demo`` can run again and change nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from localaction.demo.accounts import DEMO_PASSWORD, HOME, Report, load_accounts

Loader = Callable[[Report], None]


def _network(report: Report) -> None:
    from localaction.demo.network import load_network_demo

    load_network_demo(report=report)


def _tap(report: Report) -> None:
    from localaction.demo.tap import load

    load(report, DEMO_PASSWORD)


def _frameworks(report: Report) -> None:
    from localaction.demo.frameworks import load_framework_demo

    load_framework_demo()


def _cities(report: Report) -> None:
    from localaction.demo.cities import load_cities

    load_cities(report)


def _accounts(report: Report) -> None:
    with transaction.atomic():
        load_accounts(report)


# In order: each may use what the ones before it made.
LOADERS: tuple[tuple[str, Loader], ...] = (
    ("accounts", _accounts),  # one account per role
    ("cities", _cities),  # jurisdictions, inventories, targets, actions, hazards, reviews
    ("network", _network),  # members, networks, partners
    ("tap", _tap),  # TAP projects and the solutions gateway
    ("frameworks", _frameworks),  # framework reports
)


def load_demo(only: tuple[str, ...] = ()) -> Report:
    """Create what is missing of the demo data (all of it on an empty database). ``only``: just these demo
    cities (tests load one or two); the other loaders still run."""
    report = Report(only=only)
    for _name, loader in LOADERS:
        loader(report)
    return report


def counts() -> dict[str, int]:
    """What the database holds (for the command's summary and the idempotency test)."""
    from localaction.registry.actions.models import Action
    from localaction.registry.base.models import Jurisdiction, User
    from localaction.registry.hazards.models import HazardAssessment
    from localaction.registry.inventories.models import Inventory
    from localaction.registry.targets.models import Target

    return {
        "jurisdictions": Jurisdiction.objects.count(),
        "inventories": Inventory.objects.count(),
        "targets": Target.objects.count(),
        "actions": Action.objects.count(),
        "hazards": HazardAssessment.objects.count(),
        "users": User.objects.count(),
    }


__all__ = ["HOME", "LOADERS", "Report", "counts", "load_demo"]
