"""Datasets loaded by the operator (never edited: a new vintage is a new dataset), their figures, the
suggestions they give a draft inventory, and the cross-checks of a submitted version.

A ``Dataset`` keeps what it is (publisher, title, version, licence, citation), what it covers (countries,
years, GPC sectors), the file's SHA-256 and when and by whom it was loaded. Its ``DatasetFigure`` rows
mirror ``core.datasets.model.Figure``. A ``Suggestion`` is one value a dataset offers one line (or the
population) of one inventory version, with the method text and the trail behind it; accepting it writes the
line through the inventories' use-case, with that provenance. A ``CrossCheckRun`` is computed when a version
is submitted (or on demand); its ``CrossCheck`` rows are the gaps the city answers with an explanation.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.core.datasets.model import KINDS
from localaction.core.errors import LocalActionError

KIND_CHOICES = [(k, k) for k in KINDS]


class DatasetImmutable(LocalActionError):
    default_code = "dataset_immutable"


class Dataset(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    publisher = models.CharField(_("publisher"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    version = models.CharField(_("version or vintage"), max_length=100, blank=True, default="")
    licence = models.CharField(_("licence"), max_length=200)
    citation = models.TextField(_("citation"))
    source_url = models.URLField(_("where it is downloaded"), max_length=500, blank=True, default="")
    file_name = models.CharField(_("file name"), max_length=300)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64, unique=True)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"))
    countries = models.JSONField(_("countries covered"), default=list, blank=True)
    years = models.JSONField(_("years covered"), default=list, blank=True)
    sectors = models.JSONField(_("GPC sectors covered"), default=list, blank=True)
    options = models.JSONField(_("reading options"), default=dict, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    figure_count = models.PositiveIntegerField(_("figures stored"), default=0)
    unused_columns = models.JSONField(_("columns not used"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"))
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind", "-loaded_at", "-id"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return f"{self.title} {self.version}".strip()

    @property
    def short(self) -> str:
        """``PRIMAP-hist 2.6`` style: for method texts and labels."""
        short = {
            "primap": "PRIMAP-hist",
            "crf": "UNFCCC CRF",
            "climate_trace": "Climate TRACE",
            "cdp": "CDP-ICLEI",
            "population": "population table",
        }[self.kind]
        return f"{short} {self.version}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise DatasetImmutable(
                f"dataset {self.pk} is never edited: load the new vintage as a new dataset",
            )
        super().save(*args, **kwargs)

    def delete(self, using: Any = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        raise DatasetImmutable("datasets are never deleted: suggestions and cross-checks cite them")


class DatasetFigure(models.Model):
    """One figure of a dataset (``core.datasets.model.Figure``)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="figures")
    country = models.CharField(max_length=2, blank=True, default="")
    year = models.PositiveSmallIntegerField()
    measure = models.CharField(max_length=30)
    value = models.FloatField()
    unit = models.CharField(max_length=20)
    category = models.CharField(max_length=80, blank=True, default="")
    category_label = models.CharField(max_length=300, blank=True, default="")
    gas = models.CharField(max_length=20, blank=True, default="")
    gwp_set = models.CharField(max_length=4, blank=True, default="")
    place_scheme = models.CharField(max_length=20, blank=True, default="")
    place_id = models.CharField(max_length=100, blank=True, default="")
    place_name = models.CharField(max_length=300, blank=True, default="")
    place_ref = models.CharField(max_length=100, blank=True, default="")
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    row = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["dataset", "id"]
        indexes = [
            models.Index(fields=["country", "year", "measure"], name="datasets_fig_country_year"),
            models.Index(fields=["place_scheme", "place_id"], name="datasets_fig_place"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.country} {self.year} {self.category or self.measure}"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Superseded")


class Suggestion(models.Model):
    """A value a dataset offers one line (``target`` = ``line``) or the population of an inventory version."""

    inventory = models.ForeignKey("registry.Inventory", on_delete=models.PROTECT, related_name="suggestions")
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="suggestions")
    target = models.CharField(max_length=12, choices=[("line", "line"), ("population", "population")])
    gpc_ref = models.CharField(max_length=10, blank=True, default="")
    value = models.FloatField()
    unit = models.CharField(max_length=20, default="t CO2e")
    method = models.TextField(_("method"))
    trail = models.TextField(_("figures behind it"), blank=True, default="")
    caveat = models.TextField(_("caveat"), blank=True, default="")
    quality = models.CharField(max_length=8, default="low")
    status = models.CharField(max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["inventory", "gpc_ref", "dataset", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "dataset", "target", "gpc_ref"],
                condition=models.Q(status="open"),
                name="datasets_one_open_suggestion",
            )
        ]

    def __str__(self) -> str:
        return f"{self.inventory_id} {self.gpc_ref or self.target} ← {self.dataset_id}"

    @property
    def source_text(self) -> str:
        """What the accepted line's ``source`` says (the line's column is 300 characters)."""
        return f"{self.dataset.short} (dataset {self.dataset_id}): {self.dataset.publisher}"[:300]


class CrossCheckRun(models.Model):
    inventory = models.ForeignKey(
        "registry.Inventory", on_delete=models.PROTECT, related_name="crosscheck_runs"
    )
    trigger = models.CharField(max_length=12, choices=[("submit", "submit"), ("on_demand", "on demand")])
    submitted_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField()
    comparisons = models.JSONField(default=list, blank=True)
    datasets = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["inventory", "-computed_at", "-id"]

    def __str__(self) -> str:
        return f"cross-check of {self.inventory_id} at {self.computed_at:%Y-%m-%d %H:%M}"


class CrossCheck(models.Model):
    """A gap beyond its threshold: the city explains it, the reviewer reads it beside the figures."""

    run = models.ForeignKey(CrossCheckRun, on_delete=models.PROTECT, related_name="checks")
    inventory = models.ForeignKey("registry.Inventory", on_delete=models.PROTECT, related_name="crosschecks")
    code = models.CharField(max_length=40)
    subject = models.CharField(max_length=60)
    severity = models.CharField(max_length=10, default="warning")
    message = models.TextField()
    comparisons = models.JSONField(default=list, blank=True)
    explanation = models.TextField(_("explanation"), blank=True, default="")
    explained_at = models.DateTimeField(null=True, blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["run", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.subject}"
