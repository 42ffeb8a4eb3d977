"""Jurisdictions (local and regional governments), their identifiers and yearly statistics."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import SoftDeleteModel, Tracked


class JurisdictionKind(models.TextChoices):
    CITY = "city", _("City")
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County")
    PROVINCE_STATE = "province_state", _("Province / state")
    CITY_STATE = "city_state", _("City-state")
    REGION = "region", _("Region")
    ASSOCIATION = "association", _("Association")


class Jurisdiction(Tracked):
    """A local or regional government. ``parent`` places it in a hierarchy (a city in a province …) so that
    aggregates up the hierarchy can count each emission once."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)
    name = models.CharField(_("name"), max_length=200, help_text=_("In its own script, e.g. 서울특별시."))
    name_ascii = models.CharField(_("ASCII name"), max_length=200, help_text=_("e.g. Seoul"))
    kind = models.CharField(_("kind"), max_length=20, choices=JurisdictionKind.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2, e.g. KR"))
    subdivision = models.CharField(
        _("subdivision"), max_length=6, blank=True, default="", help_text=_("ISO 3166-2, e.g. KR-11")
    )
    unlocode = models.CharField(
        _("UN/LOCODE"), max_length=5, blank=True, default="", help_text=_("e.g. KRSEL")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    region = models.CharField(_("region"), max_length=100, blank=True, default="")
    climate_zone = models.CharField(_("climate zone"), max_length=50, blank=True, default="")
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # The city's own four eyes (issue 16 / 18): the approver who submits may not be the one who started the
    # version. Empty: on when the jurisdiction has two or more members (services.workflow.separation_on).
    separate_preparer_approver = models.BooleanField(
        _("separate preparer and approver"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "On: the approver who submits a version may not be the person who started it. "
            "Empty: on when the jurisdiction has two or more members."
        ),
    )

    class Meta:
        ordering = ["name_ascii"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="registry_jurisdiction_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="registry_jurisdiction_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Jurisdiction]:
        """Parent, grandparent, … (the hierarchy is kept acyclic by the services)."""
        out: list[Jurisdiction] = []
        node = self.parent
        while node is not None and node not in out:
            out.append(node)
            node = node.parent
        return out


class JurisdictionIdentifier(SoftDeleteModel):
    """Another registry's id for a jurisdiction: CDP account number, GCoM id, Wikidata …"""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="identifiers")
    scheme = models.CharField(
        _("scheme"), max_length=40, help_text=_('e.g. "cdp_account", "gcom", "wikidata"')
    )
    value = models.CharField(_("value"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "value"],
                condition=models.Q(deleted_at__isnull=True),
                name="registry_identifier_scheme_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


class JurisdictionStat(Tracked):
    """Population and area of a jurisdiction in one year."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="stats")
    year = models.PositiveSmallIntegerField(_("year"))
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True, default="")

    class Meta:
        ordering = ["jurisdiction", "year"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "year"],
                condition=models.Q(deleted_at__isnull=True),
                name="registry_stat_jurisdiction_year",
            ),
            models.CheckConstraint(
                condition=models.Q(area_km2__isnull=True) | models.Q(area_km2__gt=0),
                name="registry_stat_area_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.year}"
