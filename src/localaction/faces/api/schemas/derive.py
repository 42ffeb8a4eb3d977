"""Schemas derived from Django models: one definition per field (the model), JSON columns typed as what
they hold (lists or objects) instead of ninja's default object."""

from __future__ import annotations

from typing import Any

from django.db import models
from ninja import Schema
from ninja.orm import create_schema

# JSON columns that hold objects (the rest hold lists).
_OBJECT_JSON = frozenset({"params", "custom_factor", "gases_t", "by_scope_tco2e", "by_sector_tco2e"})


def _json_type(name: str) -> Any:
    return dict[str, Any] if name in _OBJECT_JSON else list[Any]


def model_schema(
    model: type[models.Model],
    name: str,
    fields: tuple[str, ...] | list[str],
    *,
    optional: bool = False,
    base_class: type[Schema] = Schema,
) -> type[Schema]:
    plain, custom = [], []
    for f in fields:
        field = model._meta.get_field(f)
        if isinstance(field, models.JSONField):
            kind = _json_type(f)
            custom.append((f, kind | None, None) if optional or field.null else (f, kind, ...))
        else:
            plain.append(f)
    return create_schema(
        model,
        name=name,
        fields=plain,
        optional_fields="__all__" if optional else None,  # type: ignore[arg-type]
        custom_fields=custom,
        base_class=base_class,
    )
