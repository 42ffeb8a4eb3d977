"""Schemas derived from Django models: one definition per field (the model).

Outputs (``model_schema``): ninja's derivation, with JSON columns typed as what they hold.
Inputs (``input_schema``): typed by the column (nullable only where the column is), bounded as the
database can hold, and either

- ``create``: a field with a model default shows it (the server applies it when you leave the field out);
  a column that cannot be empty and has no default is required;
- ``update`` (PATCH): every field optional with **no** default, so a generated client sends only what you
  set; leaving a field out keeps it, ``null`` clears it (where it may be empty).
"""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin

from django.db import models
from ninja import Schema
from ninja.orm import create_schema
from ninja.orm.fields import TYPES
from pydantic import Field, create_model

# JSON columns that hold objects, and those holding lists of strings (the rest hold lists of anything).
_OBJECT_JSON = frozenset({"params", "custom_factor", "gases_t", "by_scope_tco2e", "by_sector_tco2e"})
_STRING_LISTS = frozenset({"notation_keys", "record_ids"})
MAX_INT = 2**31 - 1


def _json_type(name: str) -> Any:
    if name in _OBJECT_JSON:
        return dict[str, Any]
    return list[str] if name in _STRING_LISTS else list[Any]


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


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def unset(**kwargs: Any) -> Any:
    """An optional PATCH field with no default in the document: left out = unchanged."""
    return Field(None, json_schema_extra=_no_default, **kwargs)


def _column_type(field: Any) -> tuple[Any, dict[str, Any]]:
    """The Python type of a column's value (without None) and its bounds."""
    if isinstance(field, models.JSONField):
        return _json_type(field.name), {}
    base = TYPES[field.get_internal_type()]
    if get_origin(base) in (Union, types.UnionType):
        base = next(a for a in get_args(base) if a is not type(None))
    bounds: dict[str, Any] = {}
    if field.choices and base is str:
        values = [str(value) for value, _label in field.flatchoices]
        base = Literal[tuple(["", *values] if field.blank and "" not in values else values)]
    elif field.max_length and base is str:
        bounds["max_length"] = field.max_length
    if base is int:
        low = (
            0
            if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField)
            else -MAX_INT
        )
        bounds |= {"ge": low, "le": MAX_INT}
    if base is float:
        bounds["allow_inf_nan"] = False
    return base, bounds


def input_schema(
    model: type[models.Model],
    name: str,
    fields: tuple[str, ...] | list[str],
    *,
    mode: Literal["create", "update"],
    base_class: type[Schema] = Schema,
    overrides: dict[str, tuple[Any, dict[str, Any]]] | None = None,
) -> type[Schema]:
    """A request body for ``fields`` of ``model`` (see the module docstring for the two modes).
    ``overrides``: a field's type and Field arguments where the API narrows the column (e.g. a year)."""
    defs: dict[str, Any] = {}
    for f in fields:
        field: Any = model._meta.get_field(f)
        kind, bounds = (overrides or {}).get(f) or _column_type(field)
        if field.null:
            kind = kind | None
        info: dict[str, Any] = {"title": field.verbose_name, "description": field.help_text or None, **bounds}
        if mode == "update":
            defs[f] = (kind, unset(**info))
        elif field.has_default():
            default = field.default
            factory = default if callable(default) else None
            defs[f] = (kind, Field(default_factory=factory, **info) if factory else Field(default, **info))
        elif field.null or field.blank:
            defs[f] = (kind, Field(field.get_default(), **info))
        else:
            defs[f] = (kind, Field(..., **info))
    return create_model(name, __base__=base_class, **defs)
