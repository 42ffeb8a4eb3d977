"""Loading a dataset file: read it with its kind's reader (``core.datasets``), then store the dataset and
all its figures in one transaction (a file that cannot be read stores nothing). The same file (by its
SHA-256) is loaded once; a new vintage is a new file and so a new dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import connection, transaction

from localaction.core.catalog import gpc_refs
from localaction.core.datasets import read_dataset
from localaction.core.datasets.files import sha256
from localaction.core.datasets.mapping import category_map, subsector_maps
from localaction.core.datasets.model import DatasetFile
from localaction.core.errors import Detail, InputError
from localaction.registry.base import access, audit, publiccache
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import Conflict, PermissionDenied
from localaction.registry.datasets.models import Dataset, DatasetFigure

META_FIELDS = ("publisher", "title", "version", "licence", "citation", "source_url")


def _sectors(data: DatasetFile) -> list[str]:
    """The GPC sectors the dataset's categories reach (through the correspondences)."""
    found: set[str] = set()
    for code in data.categories():
        if data.kind == "climate_trace":
            sub = subsector_maps().get(code)
            refs: tuple[str, ...] = (sub.ref,) if sub else ()
        else:
            m = category_map(data.kind, code)
            refs = m.refs if m else ()
        found.update(gpc_refs()[r].sector_code for r in refs)
    order = ["I", "II", "III", "IV", "V", "VI"]
    return [s for s in order if s in found]


def load_dataset(
    user: Actor, path: str | Path, kind: str, *, meta: dict[str, str] | None = None, **options: Any
) -> Dataset:
    """Read and store a dataset; ``meta`` overrides what the reader knows of the publisher, title, version,
    licence, citation and download address. Secretariat admins and the operator (SYSTEM) only."""
    if not access.is_admin(user):
        raise PermissionDenied("only secretariat admins (or the operator at the command line) load datasets")
    p = Path(path)
    if not p.is_file():
        raise InputError(f"file not found: {p}", code="file_not_found")
    digest = sha256(p)
    known = Dataset.objects.filter(file_sha256=digest).first()
    if known is not None:
        raise Conflict(
            f"{p.name} is already loaded as dataset {known.pk} ({known}); a new vintage is a new file",
            code="dataset_loaded",
        )
    data = read_dataset(p, kind, **options)
    if not data.figures:
        raise InputError(
            f"{p.name}: no figure could be used (see the warnings); nothing was loaded",
            code="empty_dataset",
            details=[Detail((p.name,), w) for w in data.warnings[:50]],
        )
    info = {**data.meta, **{k: v for k, v in (meta or {}).items() if v}}
    missing = [k for k in ("publisher", "title", "licence", "citation") if not info.get(k)]
    if missing:
        raise InputError(
            f"{p.name}: say what this dataset is before loading it",
            code="invalid_input",
            details=[Detail((k,), "required") for k in missing],
        )
    with transaction.atomic():
        ds = Dataset.objects.create(
            kind=kind,
            **{k: info.get(k, "") for k in META_FIELDS},
            file_name=p.name,
            file_sha256=digest,
            file_size=p.stat().st_size,
            countries=data.countries,
            years=data.years,
            sectors=_sectors(data),
            options={
                k: (sorted(v) if isinstance(v, set | frozenset | list | tuple) else v)
                for k, v in options.items()
                if v not in (None, "")
            },
            rows_read=data.rows_read,
            figure_count=len(data.figures),
            unused_columns=data.unused_columns,
            warnings=data.warnings[:500],
            loaded_at=audit.now(),
            loaded_by=access.as_user(user),
        )
        _insert_figures(ds, data)
        publiccache.bump()  # plain inserts: no signals
        audit.record(user, "load_dataset", ds, None, audit.snapshot(ds, exclude=frozenset({"warnings"})))
    return ds


# The fields of DatasetFigure in the order ``_insert_figures`` writes them.
_FIELDS = (
    "dataset",
    "country",
    "year",
    "measure",
    "value",
    "unit",
    "category",
    "category_label",
    "gas",
    "gwp_set",
    "place_scheme",
    "place_id",
    "place_name",
    "place_ref",
    "lat",
    "lon",
    "row",
    "note",
)
_BATCH = 5000


def _insert_figures(ds: Dataset, data: DatasetFile) -> None:
    """All the figures, in batches of plain parameter rows: a national time series has hundreds of
    thousands, and building a model instance for each costs ten times the insert (measured: 680,000
    figures in 114 s through ``bulk_create``, see docs/datasets.md). Same transaction, same columns."""
    table = str(DatasetFigure._meta.db_table)
    columns = [str(DatasetFigure._meta.get_field(c).column) for c in _FIELDS]  # type: ignore[union-attr]
    sql = (
        f"INSERT INTO {connection.ops.quote_name(table)} "
        f"({', '.join(connection.ops.quote_name(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    )
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for f in data.figures:
            batch.append(
                (
                    ds.pk,
                    f.country,
                    f.year,
                    f.measure,
                    f.value,
                    f.unit,
                    f.category[:80],
                    f.category_label[:300],
                    f.gas,
                    f.gwp_set,
                    f.place.scheme,
                    f.place.id[:100],
                    f.place.name[:300],
                    f.place.ref[:100],
                    f.place.lat,
                    f.place.lon,
                    f.row,
                    f.note[:300],
                )
            )
            if len(batch) >= _BATCH:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)


def datasets(kind: str | None = None) -> list[Dataset]:
    qs = Dataset.objects.all()
    return list(qs.filter(kind=kind) if kind else qs)
