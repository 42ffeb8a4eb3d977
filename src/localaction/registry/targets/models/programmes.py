"""Rows the targets features need beyond the registry's submissions. Each is a ``Tracked`` row: revision
(optimistic concurrency), soft delete, audited writes (``registry.programmes.services``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.core.targets import EVIDENCE_KINDS, INITIATIVES
from localaction.registry.base.models.submissions import Tracked

# The kinds of milestone evidence (the core's ``EVIDENCE_KINDS``); the first four are documents the registry
# does not hold itself, recorded as ``MilestoneEvidence``; the others come from published submissions.
MILESTONE_ITEMS = [
    ("mitigation_plan", _("Climate action (mitigation) plan")),
    ("adaptation_plan", _("Adaptation plan")),
    ("vulnerability_assessment", _("Climate vulnerability assessment")),
    ("adaptation_goal", _("Adaptation goal")),
    ("inventory", _("Community GHG inventory")),
    ("hazard_assessment", _("Climate hazard assessment")),
    ("target", _("Emission reduction target")),
]
RECORDED_ITEMS = MILESTONE_ITEMS[:4]
MILESTONE_KINDS = EVIDENCE_KINDS  # tests check that MILESTONE_ITEMS covers exactly these
INITIATIVE_CHOICES = list(INITIATIVES.items())


class FrameworkCommitment(Tracked):
    """A jurisdiction's commitment to an initiative (Compact of Mayors / GCoM): the date milestones count
    from. The rule set that judges it is chosen by the initiative and the date (``core.targets.select_rules``),
    not stored: the report says which applied and why."""

    jurisdiction = models.ForeignKey("registry.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    framework = models.CharField(_("initiative"), max_length=60, choices=INITIATIVE_CHOICES, default="gcom")
    committed_on = models.DateField(_("committed on"))

    class Meta:
        verbose_name = _("framework commitment")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "framework"],
                condition=models.Q(deleted_at__isnull=True),
                name="programmes_one_live_commitment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.framework} {self.committed_on}"


class MilestoneEvidence(Tracked):
    """Something submitted towards a milestone item that the registry does not hold itself (a plan)."""

    jurisdiction = models.ForeignKey("registry.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    item = models.CharField(_("milestone"), max_length=40, choices=MILESTONE_ITEMS)
    submitted_on = models.DateField(_("submitted on"))
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True, default="")

    class Meta:
        verbose_name = _("milestone evidence")
        verbose_name_plural = _("milestone evidence")

    def __str__(self) -> str:
        return f"{self.jurisdiction}: {self.title}"


class EfficiencyReading(Tracked):
    """A consumption reading of a 10% Efficiency-Gain commitment (``registry.Commitment`` of kind
    efficiency_gain_10), keyed by the commitment's series so readings outlive its versions."""

    jurisdiction = models.ForeignKey("registry.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    commitment_series = models.UUIDField(_("commitment"), db_index=True)
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    value = models.FloatField(_("consumption"))
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, default="", help_text=_("blank: the commitment's")
    )
    source = models.CharField(_("source"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("efficiency reading")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="programmes_reading_value_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="programmes_reading_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}: {self.value} {self.unit}"
