"""Climate hazard assessments (CDP two-level hazard list)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import Submission


class Rating(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM_LOW = "medium_low", _("Medium Low")
    MEDIUM = "medium", _("Medium")
    MEDIUM_HIGH = "medium_high", _("Medium High")
    HIGH = "high", _("High")


class Timeframe(models.TextChoices):
    CURRENT = "current", _("Current")
    SHORT = "short_term", _("Short-term")
    MEDIUM = "medium_term", _("Medium-term")
    LONG = "long_term", _("Long-term")


class HazardAssessment(Submission):
    """One hazard as assessed by a jurisdiction. Type and sub-type as in the CDP list, e.g.
    "Flood and sea level rise" > "River flood"."""

    hazard_type = models.CharField(_("hazard type"), max_length=60)
    hazard_subtype = models.CharField(_("hazard sub-type"), max_length=80, blank=True, default="")
    probability = models.CharField(
        _("probability"), max_length=12, choices=Rating.choices, blank=True, default=""
    )
    magnitude = models.CharField(
        _("magnitude"), max_length=12, choices=Rating.choices, blank=True, default=""
    )
    timeframe = models.CharField(
        _("timeframe"), max_length=12, choices=Timeframe.choices, blank=True, default=""
    )
    vulnerable_groups = models.JSONField(_("vulnerable groups"), default=list, blank=True)
    affected_sectors = models.JSONField(_("affected sectors"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True, default="")

    class Meta(Submission.Meta):
        app_label = "registry"
        verbose_name = _("hazard assessment")
        verbose_name_plural = _("hazard assessments")

    def __str__(self) -> str:
        sub = f" > {self.hazard_subtype}" if self.hazard_subtype else ""
        return f"{self.jurisdiction}: {self.hazard_type}{sub}"
