"""Jurisdictions: the public directory (filters, pagination, CSV) and a jurisdiction's profile."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router
from pydantic import Field

from localaction.faces.api.auth import READ_AUTH
from localaction.faces.api.params import JurisdictionRef
from localaction.faces.api.render import Paging, csv_response, paginate
from localaction.faces.api.schemas.common import ErrorOut, Page
from localaction.faces.api.schemas.jurisdictions import DirectoryRowOut, ProfileOut
from localaction.registry import services
from localaction.registry.actions.models import Action
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import Inventory
from localaction.registry.services import public
from localaction.registry.targets.models import Commitment, Target

router = Router(tags=["jurisdictions"], auth=READ_AUTH)

_CSV_COLUMNS = (
    "slug",
    "name",
    "name_ascii",
    "kind",
    "country",
    "subdivision",
    "region",
    "latitude",
    "longitude",
    "population",
    "population_year",
    "latest_inventory_year",
    "latest_emissions_tco2e",
)


class DirectoryFilters(Paging):
    q: str = Field("", max_length=200, description="name (any script, accents ignored) or slug")
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2")
    region: str = Field("", max_length=100)
    kind: str = Field("", max_length=20)
    population_min: int | None = Field(None, ge=0)
    population_max: int | None = Field(None, ge=0)
    format: Literal["json", "csv"] = Field("json", description="csv: the same page as CSV")


def _row(r: public.DirectoryRow) -> dict[str, Any]:
    j, inv = r.jurisdiction, r.inventory
    return {
        **{k: getattr(j, k) for k in ("slug", "name", "name_ascii", "kind", "country", "subdivision")},
        **{k: getattr(j, k) for k in ("unlocode", "region", "climate_zone", "latitude", "longitude")},
        "revision": j.revision,
        "parent": None,
        "population": r.population,
        "population_year": r.population_year,
        "latest_inventory_id": inv.pk if inv else None,
        "latest_inventory_year": inv.year if inv else None,
        "latest_emissions_tco2e": public.emissions_of(inv),
    }


@router.get(
    "/",
    response={200: Page[DirectoryRowOut], 422: ErrorOut},
    summary="The directory of jurisdictions",
    description="Filters combine with AND. Paged (`limit`, `offset`; `next`/`previous` and a Link "
    "header); `format=csv` answers the same page as CSV.",
)
def list_jurisdictions(request: HttpRequest, filters: Query[DirectoryFilters]) -> Any:
    rows = public.search_jurisdictions(
        filters.q,
        country=filters.country,
        region=filters.region,
        kind=filters.kind,
        population_min=filters.population_min,
        population_max=filters.population_max,
    )
    page = paginate(request, rows, filters.limit, filters.offset)
    page["items"] = [_row(r) for r in page["items"]]
    if filters.format == "csv":
        return csv_response("jurisdictions.csv", _CSV_COLUMNS, page["items"])
    return page


@router.get("/{ref}", response={200: ProfileOut, 404: ErrorOut}, summary="A jurisdiction's public profile")
def get_jurisdiction(request: HttpRequest, ref: JurisdictionRef) -> Any:
    jur = services.get_jurisdiction(ref)
    series = public.inventory_series(None, jur)
    return {
        **{f: getattr(jur, f) for f in ProfileOut.model_fields if hasattr(jur, f) and f != "parent"},
        "parent": jur.parent.slug if jur.parent_id and jur.parent else None,
        "identifiers": [{"scheme": i.scheme, "value": i.value} for i in jur.identifiers.all()],
        "stats": list(jur.stats.all()),
        "children": [c.slug for c in jur.children.filter(deleted_at__isnull=True)],
        "inventories": [
            {
                f: getattr(inv, f, None)
                for f in (
                    "id",
                    "year",
                    "version",
                    "data_source",
                    "verification_status",
                    "basic_tco2e",
                    "basic_plus_tco2e",
                    "reported_basic_tco2e",
                    "reported_total_tco2e",
                )
            }
            for inv in series
        ],
        "published": {
            m._meta.model_name or "": public.published_of(m, jur).count()
            for m in (Inventory, Target, Commitment, Action, HazardAssessment)
        },
    }
