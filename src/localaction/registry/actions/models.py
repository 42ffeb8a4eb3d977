"""Mitigation and adaptation actions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import Submission


class ActionType(models.TextChoices):
    MITIGATION = "mitigation", _("Mitigation")
    ADAPTATION = "adaptation", _("Adaptation")
    BOTH = "both", _("Mitigation and adaptation")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    MONITORING = "monitoring", _("Monitoring")


class Action(Submission):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, default="")
    agenda = models.CharField(_("urban agenda"), max_length=60, blank=True, default="")
    gpc_sectors = models.JSONField(_("GPC sectors"), default=list, blank=True)
    action_type = models.CharField(_("type"), max_length=12, choices=ActionType.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="", help_text=_("ISO 4217"))
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True, default="")
    reduction_tco2e_per_yr = models.FloatField(_("estimated reduction (tCO2e/yr)"), null=True, blank=True)
    energy_saved_mwh_per_yr = models.FloatField(_("energy saved (MWh/yr)"), null=True, blank=True)
    renewable_generated_mwh_per_yr = models.FloatField(
        _("renewable generated (MWh/yr)"), null=True, blank=True
    )
    co_benefits = models.JSONField(_("co-benefits"), default=list, blank=True)
    sdgs = models.JSONField(_("SDGs"), default=list, blank=True, help_text=_("Goal numbers 1-17"))
    hazards_addressed = models.JSONField(_("hazards addressed"), default=list, blank=True)
    target_series = models.JSONField(
        _("linked targets"),
        default=list,
        blank=True,
        help_text=_("Series ids of the targets this action counts for; empty: every target it touches."),
    )

    class Meta(Submission.Meta):
        app_label = "registry"
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            *Submission.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True) | models.Q(cost__gte=0),
                name="registry_action_cost_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title
