"""Use-cases for jurisdictions: create (secretariat admins), edit, identifiers, population and area by year."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import slugify

from localaction.core.errors import Detail
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.models import Jurisdiction, JurisdictionIdentifier, JurisdictionStat
from localaction.registry.base.services.common import Ref, apply, claim, save, stamp_created, validated

JURISDICTION_FIELDS = (
    "name",
    "name_ascii",
    "kind",
    "country",
    "subdivision",
    "unlocode",
    "region",
    "climate_zone",
    "latitude",
    "longitude",
)


def _check_parent(jur: Jurisdiction, parent: Jurisdiction | None) -> None:
    # The hierarchy must stay a tree: aggregates walk it and must count every jurisdiction once.
    node = parent
    while node is not None:
        if node.pk == jur.pk:
            raise ValidationFailed(
                f"{parent} cannot be the parent of {jur}: that would make a cycle",
                details=[Detail(("parent",), "cycle")],
            )
        node = node.parent


def _normalise(jur: Jurisdiction) -> None:
    jur.country = jur.country.upper()
    jur.subdivision = jur.subdivision.upper()
    jur.unlocode = jur.unlocode.upper().replace(" ", "")
    if jur.subdivision and not jur.subdivision.startswith(f"{jur.country}-"):
        raise ValidationFailed(
            f"subdivision {jur.subdivision!r} is not in country {jur.country!r} (ISO 3166-2 looks like KR-11)",
            details=[Detail(("subdivision",), "must start with the country code and '-'")],
        )
    if jur.unlocode and not jur.unlocode.startswith(jur.country):
        raise ValidationFailed(
            f"UN/LOCODE {jur.unlocode!r} does not start with the country code {jur.country!r}",
            details=[Detail(("unlocode",), "must start with the country code")],
        )


@transaction.atomic
def create_jurisdiction(
    user: Actor,
    *,
    name: str,
    kind: str,
    country: str,
    slug: str = "",
    parent: Ref | str | None = None,
    **fields: Any,
) -> Jurisdiction:
    if not access.can_manage_jurisdictions(user):
        raise PermissionDenied("only secretariat admins can add jurisdictions")
    fields.setdefault("name_ascii", name)
    jur = Jurisdiction(name=name, kind=kind, country=country, slug=slug or slugify(fields["name_ascii"]))
    apply(jur, fields, JURISDICTION_FIELDS)
    if parent is not None:
        jur.parent = get_jurisdiction(parent)
    _normalise(jur)
    stamp_created(jur, user)
    validated(jur, exclude=["parent"])
    if Jurisdiction.all_objects.filter(slug=jur.slug).exists():
        raise ValidationFailed(f"slug {jur.slug!r} is taken", details=[Detail(("slug",), "already used")])
    jur.save()
    audit.record(user, "create", jur, None, audit.snapshot(jur), jurisdiction_id=jur.pk)
    return jur


@transaction.atomic
def update_jurisdiction(
    user: Actor,
    jurisdiction: Ref | str,
    *,
    revision: int,
    parent: Ref | str | bool | None = False,
    **changes: Any,
) -> Jurisdiction:
    """Edit the profile (its editors, approvers, or a secretariat admin). ``parent=None`` detaches it;
    only admins move a jurisdiction in the hierarchy."""
    jur = get_jurisdiction(jurisdiction)
    if not access.can_edit_jurisdiction(user, jur):
        raise PermissionDenied(f"only {jur}'s editors and approvers or a secretariat admin can edit it")
    before = audit.snapshot(jur)
    claim(jur, revision)
    apply(jur, changes, JURISDICTION_FIELDS)
    if parent is not False:
        if not access.can_manage_jurisdictions(user):
            raise PermissionDenied("only secretariat admins can move a jurisdiction in the hierarchy")
        new_parent = get_jurisdiction(parent) if parent is not None and parent is not True else None
        _check_parent(jur, new_parent)
        jur.parent = new_parent
    _normalise(jur)
    validated(jur, exclude=["parent"])
    save(jur, user)
    b, a = audit.changed(before, audit.snapshot(jur))
    audit.record(user, "update", jur, b, a, jurisdiction_id=jur.pk)
    return jur


@transaction.atomic
def set_stat(
    user: Actor,
    jurisdiction: Ref | str,
    *,
    year: int,
    population: int | None = None,
    area_km2: float | None = None,
    source: str = "",
) -> JurisdictionStat:
    """Record (or replace) the population and area of one year."""
    jur = get_jurisdiction(jurisdiction)
    if not access.can_edit_jurisdiction(user, jur):
        raise PermissionDenied(f"only {jur}'s editors and approvers or a secretariat admin can edit it")
    row = JurisdictionStat.objects.select_for_update().filter(jurisdiction=jur, year=year).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        row = JurisdictionStat(jurisdiction=jur, year=year)
        stamp_created(row, user)
    else:
        row.revision += 1
    row.population, row.area_km2, row.source = population, area_km2, source
    validated(row, exclude=["jurisdiction"])
    row.save()
    b, a = audit.changed(before or {}, audit.snapshot(row))
    audit.record(user, "update" if before else "create", row, b if before else None, a)
    return row


@transaction.atomic
def add_identifier(
    user: Actor, jurisdiction: Ref | str, *, scheme: str, value: str
) -> JurisdictionIdentifier:
    """Another registry's id (``cdp_account``, ``gcom``, ``wikidata`` …); unique per scheme."""
    jur = get_jurisdiction(jurisdiction)
    if not access.can_edit_jurisdiction(user, jur):
        raise PermissionDenied(f"only {jur}'s editors and approvers or a secretariat admin can edit it")
    scheme, value = scheme.strip().lower(), value.strip()
    clash = JurisdictionIdentifier.objects.filter(scheme=scheme, value=value).first()
    if clash is not None:
        raise ValidationFailed(f"{scheme}:{value} already identifies jurisdiction {clash.jurisdiction_id}")
    row = JurisdictionIdentifier.objects.create(jurisdiction=jur, scheme=scheme, value=value)
    audit.record(user, "create", row, None, audit.snapshot(row), jurisdiction_id=jur.pk)
    return row


def find_by_identifier(scheme: str, value: str) -> Jurisdiction | None:
    row = JurisdictionIdentifier.objects.filter(scheme=scheme.strip().lower(), value=value.strip()).first()
    return row.jurisdiction if row is not None and row.jurisdiction.deleted_at is None else None


def get_jurisdiction(ref: Ref | str) -> Jurisdiction:
    """A live jurisdiction by row, id or slug."""
    qs = Jurisdiction.objects.all()
    if isinstance(ref, Jurisdiction):
        ref = ref.pk
    found = (
        qs.filter(slug=ref).first()
        if isinstance(ref, str) and not (ref.isascii() and ref.isdigit())
        else None
    )
    if found is None and (isinstance(ref, int) or (isinstance(ref, str) and ref.isascii() and ref.isdigit())):
        found = qs.filter(pk=int(ref)).first()
    if found is None:
        raise NotFound(f"jurisdiction {ref!r} not found (use its id or slug)")
    return found
