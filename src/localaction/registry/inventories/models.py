"""GPC inventories: one row per version, with its activity records and GPC lines.

Columns mirror the engine's pydantic types in ``localaction.core.inventory.model`` (tested against them):
``ActivityRecord`` ↔ ``model.ActivityRecord`` (+ the ``RecordResult`` values), ``GpcLine`` ↔
``model.GpcLineInput`` (the entered part) + ``model.LineResult`` (the computed part).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.core.inventory.model import Level, Method, Quality
from localaction.registry.base.models.submissions import NoDeleteQuerySet, SoftDeleteModel, Submission

GWP_SET_CHOICES = [("SAR", "SAR"), ("AR4", "AR4"), ("AR5", "AR5"), ("AR6", "AR6")]
LEVEL_CHOICES = [(lv.value, lv.value) for lv in Level]
METHOD_CHOICES = [(m.value, m.value) for m in Method]
QUALITY_CHOICES = [(q.value, q.value) for q in Quality]


def _tco2e(label: Any) -> Any:
    return models.FloatField(label, null=True, blank=True)


class Inventory(Submission):
    """One version of a jurisdiction's GPC inventory for one year."""

    year = models.PositiveSmallIntegerField(_("inventory year"))
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    period_label = models.CharField(_("period as written"), max_length=100, blank=True, default="")
    boundary = models.TextField(_("boundary"), blank=True, default="")
    gwp_set = models.CharField(_("GWP set"), max_length=4, choices=GWP_SET_CHOICES, default="AR5")
    level = models.CharField(_("level"), max_length=8, choices=LEVEL_CHOICES, default=Level.BASIC.value)
    region = models.CharField(
        _("factor region"),
        max_length=50,
        blank=True,
        default="",
        help_text=_("Grid zone / country for factors."),
    )
    population = models.FloatField(_("population used"), null=True, blank=True)
    reporting_year = models.PositiveSmallIntegerField(_("reporting year"), null=True, blank=True)
    # The IPCC edition of the waste defaults, one for the whole inventory (the 2019 Refinement is a choice).
    guidelines = models.CharField(
        _("IPCC guidelines"),
        max_length=10,
        choices=[("ipcc2006", _("IPCC 2006 Guidelines")), ("ipcc2019", _("2019 Refinement"))],
        default="ipcc2006",
    )
    # A community-wide GPC inventory, or the local government's own operations (buildings, fleet, lighting).
    boundary_type = models.CharField(
        _("boundary type"),
        max_length=24,
        choices=[("community", _("community")), ("government_operations", _("government operations"))],
        default="community",
    )

    # Computed by the engine on every save (null until first computed, and for totals-only imports).
    basic_tco2e = _tco2e(_("BASIC (tCO2e)"))
    basic_plus_tco2e = _tco2e(_("BASIC+ (tCO2e)"))
    basic_plus_other_scope3_tco2e = _tco2e(_("BASIC+ with other scope 3 (tCO2e)"))
    territorial_tco2e = _tco2e(_("territorial / scope 1 (tCO2e)"))
    biogenic_co2_t = models.FloatField(_("biogenic CO2 (t)"), null=True, blank=True)
    by_scope_tco2e = models.JSONField(_("by scope (tCO2e)"), default=dict, blank=True)
    by_sector_tco2e = models.JSONField(_("by sector (tCO2e)"), default=dict, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    # Stored MRV check results: [{"code", "severity", "message", "gpc_ref", "record_id"}].
    checks = models.JSONField(_("checks"), default=list, blank=True)
    check_errors = models.PositiveIntegerField(_("error-level checks"), default=0)
    check_warnings = models.PositiveIntegerField(_("warning-level checks"), default=0)
    checked_at = models.DateTimeField(null=True, blank=True)

    # Totals as reported by the source (CDP data carries totals without lines); never recomputed.
    reported_scope1_tco2e = _tco2e(_("reported scope 1 (tCO2e)"))
    reported_scope2_tco2e = _tco2e(_("reported scope 2 (tCO2e)"))
    reported_scope3_tco2e = _tco2e(_("reported scope 3 (tCO2e)"))
    reported_basic_tco2e = _tco2e(_("reported BASIC (tCO2e)"))
    reported_basic_plus_tco2e = _tco2e(_("reported BASIC+ (tCO2e)"))
    reported_basic_plus_other_scope3_tco2e = _tco2e(_("reported BASIC+ with other scope 3 (tCO2e)"))
    reported_territorial_tco2e = _tco2e(_("reported territorial (tCO2e)"))
    # A headline total whose coverage only the source's words define (CDP: "Total City-wide Emissions").
    reported_total_tco2e = _tco2e(_("reported total (tCO2e)"))
    reported_total_scope = models.CharField(
        _("reported total covers"), max_length=200, blank=True, default="", help_text=_("As the source says.")
    )
    # CDP / CRF reporters give each scope in two parts: emissions from generating grid-supplied energy, and the
    # rest ("excluding generation of grid-supplied energy"); the scope total is their sum.
    reported_scope1_grid_tco2e = _tco2e(_("reported scope 1, generation of grid-supplied energy (tCO2e)"))
    reported_scope2_grid_tco2e = _tco2e(_("reported scope 2, generation of grid-supplied energy (tCO2e)"))
    reported_scope3_grid_tco2e = _tco2e(_("reported scope 3, generation of grid-supplied energy (tCO2e)"))
    reported_scope1_excl_grid_tco2e = _tco2e(
        _("reported scope 1, excluding generation of grid energy (tCO2e)")
    )
    reported_scope2_excl_grid_tco2e = _tco2e(
        _("reported scope 2, excluding generation of grid energy (tCO2e)")
    )
    reported_scope3_excl_grid_tco2e = _tco2e(
        _("reported scope 3, excluding generation of grid energy (tCO2e)")
    )
    reported_protocol = models.CharField(_("protocol (as reported)"), max_length=300, blank=True, default="")
    reported_protocol_comment = models.TextField(_("protocol comment (as reported)"), blank=True, default="")
    reported_gases = models.CharField(
        _("gases included (as reported)"), max_length=200, blank=True, default=""
    )
    reported_change = models.CharField(
        _("change in emissions (as reported)"), max_length=100, blank=True, default=""
    )
    reported_change_reason = models.TextField(
        _("reason for the change (as reported)"), blank=True, default=""
    )
    reported_notes = models.TextField(
        _("how the reported figures were read"),
        blank=True,
        default="",
        help_text=_("E.g. a scope total derived from its parts because the source left it blank."),
    )
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)

    class Meta(Submission.Meta):
        app_label = "registry"
        ordering = ["jurisdiction", "-year", "-version"]
        verbose_name = _("inventory")
        verbose_name_plural = _("inventories")
        constraints = [
            *Submission.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(year__gte=1990, year__lte=2100), name="registry_inventory_year"
            ),
        ]
        indexes = [models.Index(fields=["jurisdiction", "year"], name="registry_inv_jur_year")]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.year} v{self.version}"


class ActivityRecord(SoftDeleteModel):
    """One line of activity data of an inventory version (``model.ActivityRecord``) and its result."""

    inventory = models.ForeignKey(Inventory, on_delete=models.PROTECT, related_name="activity_records")
    record_id = models.CharField(_("record id"), max_length=100)
    gpc_ref = models.CharField(_("GPC ref"), max_length=10)
    method = models.CharField(_("method"), max_length=40, choices=METHOD_CHOICES)
    activity = models.CharField(_("activity"), max_length=100, blank=True, default="")
    # Null after copy forward: the structure is copied, the value must be entered again.
    quantity = models.FloatField(_("quantity"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40)
    factor_id = models.CharField(_("factor id"), max_length=100, null=True, blank=True)
    custom_factor = models.JSONField(_("custom factor"), null=True, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    quality_activity = models.CharField(max_length=8, choices=QUALITY_CHOICES, null=True, blank=True)
    quality_factor = models.CharField(max_length=8, choices=QUALITY_CHOICES, null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True, default="")
    notes = models.TextField(_("notes"), blank=True, default="")
    position = models.PositiveIntegerField(default=0)
    # An import's rows before its swap (hidden: deleted_at is set too); see inventories/staged.py.
    staged_as = models.CharField(max_length=32, blank=True, default="", editable=False)
    # Computed (``model.RecordResult``).
    co2e_t = models.FloatField(_("tCO2e"), null=True, blank=True)
    gases_t = models.JSONField(_("gases (t)"), default=dict, blank=True)
    biogenic_co2_t = models.FloatField(_("biogenic CO2 (t)"), null=True, blank=True)
    factors_used = models.JSONField(_("factors used"), default=list, blank=True)
    steps = models.JSONField(_("calculation steps"), default=list, blank=True)

    class Meta:
        app_label = "registry"
        ordering = ["inventory", "position", "id"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "record_id"],
                condition=models.Q(deleted_at__isnull=True),
                name="registry_record_id_unique_live",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_id} ({self.gpc_ref})"


class GpcLine(models.Model):
    """One GPC reference number of an inventory version: what was entered directly (``is_entered``) and the
    engine's result for the line. One row per (version, gpc_ref); rows are updated, never deleted."""

    inventory = models.ForeignKey(Inventory, on_delete=models.PROTECT, related_name="gpc_lines")
    gpc_ref = models.CharField(_("GPC ref"), max_length=10)
    sector_code = models.CharField(max_length=3, blank=True, default="")
    scope = models.PositiveSmallIntegerField(null=True, blank=True)
    # Entered (``model.GpcLineInput``).
    is_entered = models.BooleanField(_("entered directly"), default=False)
    entered_value_tco2e = models.FloatField(_("entered value (tCO2e)"), null=True, blank=True)
    notation_keys = models.JSONField(_("notation keys"), default=list, blank=True)
    included_in = models.CharField(_("included in"), max_length=20, null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True, default="")
    quality_activity = models.CharField(max_length=8, choices=QUALITY_CHOICES, null=True, blank=True)
    quality_factor = models.CharField(max_length=8, choices=QUALITY_CHOICES, null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True, default="")
    raw_notation = models.CharField(max_length=100, blank=True, default="")
    # Computed (``model.LineResult``): records + entered value; None when only notation keys.
    value_tco2e = models.FloatField(_("value (tCO2e)"), null=True, blank=True)
    biogenic_co2_t = models.FloatField(_("biogenic CO2 (t)"), default=0.0)
    record_ids = models.JSONField(default=list, blank=True)

    objects = models.Manager.from_queryset(NoDeleteQuerySet)()

    class Meta:
        app_label = "registry"
        ordering = ["inventory", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inventory", "gpc_ref"], name="registry_gpc_line_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.inventory_id} {self.gpc_ref}"

    def delete(self, using: object = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        from localaction.registry.base.models.submissions import HardDeleteRefused

        raise HardDeleteRefused("GPC lines are never deleted; clear the entered values instead")
