"""The solutions gateway: solutions (from public and business partners) and case studies of local action.
Partners submit; the secretariat approves; only approved entries are public. ``search_title`` and
``search_body`` hold folded text (accents removed, case folded, any script kept) for full-text search."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import Tracked


class Kind(models.TextChoices):
    SOLUTION = "solution", _("Solution")
    CASE_STUDY = "case_study", _("Case study")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Returned")


class Solution(Tracked):
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SOLUTION)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, default="")
    results = models.TextField(_("results"), blank=True, default="")
    figures = models.JSONField(_("results in figures"), default=list, blank=True,
                               help_text=_('e.g. [{"label": "CO2 avoided", "value": 1200, "unit": "t/yr"}]'))  # fmt: skip
    agendas = models.JSONField(_("agendas"), default=list, blank=True)
    gpc_sectors = models.JSONField(_("GPC sectors"), default=list, blank=True)
    hazards = models.JSONField(_("hazards addressed"), default=list, blank=True)
    cost_min = models.DecimalField(_("cost from"), max_digits=16, decimal_places=2, null=True, blank=True)
    cost_max = models.DecimalField(_("cost to"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="")
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gateway_entries",
    )
    partner = models.CharField(_("partner"), max_length=200, blank=True, default="")
    links = models.JSONField(_("links"), default=list, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("note from the secretariat"), blank=True, default="")
    search_title = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")

    def __str__(self) -> str:
        return self.title
