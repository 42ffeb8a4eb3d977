"""The five aggregates and how each is created, edited and decorated (targets get their progress)."""

from __future__ import annotations

from typing import Any

from localaction.faces.api.routers.submissions import Kind
from localaction.faces.api.schemas import inventories as inv_schemas
from localaction.faces.api.schemas import submissions as sub_schemas
from localaction.registry import services
from localaction.registry.base.models import Jurisdiction
from localaction.registry.inventories.models import Inventory
from localaction.registry.services import public


def _create_inventory(user: Any, jurisdiction: str, **fields: Any) -> Any:
    return services.create_inventory(user, jurisdiction, **fields)


def _target_progress(user: Any, targets: list[Any]) -> None:
    # One inventory query per distinct jurisdiction on the page, not per target.
    series: dict[int, list[Inventory]] = {}
    for t in targets:
        jur: Jurisdiction = t.jurisdiction
        if jur.pk not in series:
            series[jur.pk] = public.inventory_series(user, jur)
        t.progress = public.target_progress(t, series[jur.pk])


def _gpc_table(inv: Any) -> None:
    inv.gpc_table = list(inv.gpc_lines.all().order_by("id"))


def _kind(path: str, one: str, k: sub_schemas._Kind, **extra: Any) -> Kind:
    return Kind(
        path=path,
        one=one,
        model=k.model,
        out=extra.pop("out", k.out),
        create_in=k.create_in,
        update_in=k.update_in,
        create=lambda user, jur, **f: services.create_submission(user, k.model, jur, **f),
        update=services.update_submission,
        **extra,
    )


INVENTORIES = Kind(
    path="inventories",
    one="inventory",
    model=Inventory,
    out=inv_schemas.InventoryOut,
    create_in=inv_schemas.InventoryCreateIn,
    update_in=inv_schemas.InventoryUpdateIn,
    create=_create_inventory,
    update=services.update_inventory,
    detail_out=inv_schemas.InventoryDetailOut,
    load_detail=_gpc_table,
)
TARGETS = _kind("targets", "target", sub_schemas.TARGET, out=sub_schemas.TargetOut, decorate=_target_progress)
COMMITMENTS = _kind("commitments", "commitment", sub_schemas.COMMITMENT)
ACTIONS = _kind("actions", "action", sub_schemas.ACTION)
HAZARDS = _kind("hazards", "hazard", sub_schemas.HAZARD)
