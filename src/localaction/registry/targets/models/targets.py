"""Commitments and GHG targets (GHG Protocol Mitigation Goal Standard kinds, plus net zero)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import Submission


class TargetKind(models.TextChoices):
    BASE_YEAR = "base_year", _("Base year")  # x % below base-year emissions by year T
    FIXED_LEVEL = "fixed_level", _("Fixed level")  # reach an absolute level
    BASELINE_SCENARIO = "baseline_scenario", _("Baseline scenario")  # x % below BAU in year T
    INTENSITY = "intensity", _("Intensity (per capita)")  # older rows; the targets core reads it per capita
    INTENSITY_PER_CAPITA = "intensity_per_capita", _("Intensity per capita")
    INTENSITY_PER_GDP = "intensity_per_gdp", _("Intensity per unit of GDP")
    NET_ZERO = "net_zero", _("Net zero")
    RENEWABLE_SHARE = "renewable_share", _("Renewable energy share")
    ENERGY_EFFICIENCY = "energy_efficiency", _("Energy efficiency")


class CoverageLevel(models.TextChoices):
    BASIC = "BASIC", "BASIC"
    BASIC_PLUS = "BASIC+", "BASIC+"
    TERRITORIAL = "territorial", _("Territorial")


class Target(Submission):
    """One version of a GHG target. ``interim_targets``: [{"year": int, "reduction_pct": float | None,
    "emissions_tco2e": float | None}]."""

    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True, default="")
    description = models.TextField(_("description"), blank=True, default="")
    base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    base_emissions_tco2e = models.FloatField(_("base-year emissions (tCO2e)"), null=True, blank=True)
    base_intensity = models.FloatField(_("base-year intensity"), null=True, blank=True)
    intensity_unit = models.CharField(
        _("intensity unit"), max_length=40, blank=True, default="", help_text=_('e.g. "tCO2e/capita"')
    )
    target_year = models.PositiveSmallIntegerField(_("target year"))
    reduction_pct = models.FloatField(_("reduction (%)"), null=True, blank=True)
    target_emissions_tco2e = models.FloatField(_("target-year emissions (tCO2e)"), null=True, blank=True)
    gases = models.JSONField(_("gases covered"), default=list, blank=True)
    level = models.CharField(
        _("inventory level covered"),
        max_length=11,
        choices=CoverageLevel.choices,
        default=CoverageLevel.BASIC,
        blank=True,  # forms that leave it out keep BASIC
    )
    gpc_sectors = models.JSONField(_("GPC sectors covered"), default=list, blank=True)
    boundary = models.TextField(_("boundary"), blank=True, default="")
    interim_targets = models.JSONField(_("interim targets"), default=list, blank=True)
    year_introduced = models.PositiveSmallIntegerField(_("year introduced"), null=True, blank=True)
    projected_population = models.PositiveBigIntegerField(_("projected population"), null=True, blank=True)
    projected_gdp = models.FloatField(_("projected GDP in target year"), null=True, blank=True)
    base_value = models.FloatField(
        _("base value"), null=True, blank=True, help_text=_("Renewable share (%) or energy use, in the unit")
    )
    target_value = models.FloatField(_("value to reach"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True, default="", help_text=_('e.g. "%", "MWh"'))
    bau_emissions_tco2e = models.FloatField(_("BAU emissions in target year (tCO2e)"), null=True, blank=True)
    offsets_counted = models.BooleanField(_("offsets counted"), null=True, blank=True)
    aligned_ndc = models.BooleanField(_("aligned with the NDC"), null=True, blank=True)
    aligned_1_5c = models.BooleanField(_("aligned with 1.5 °C"), null=True, blank=True)

    class Meta(Submission.Meta):
        app_label = "registry"
        ordering = ["jurisdiction", "target_year", "-version"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            *Submission.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(reduction_pct__isnull=True)
                | models.Q(reduction_pct__gte=0, reduction_pct__lte=100),
                name="registry_target_reduction_pct_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.kind} {self.target_year} v{self.version}"


class CommitmentKind(models.TextChoices):
    RENEWABLE_ENERGY = "renewable_energy", _("Renewable energy share")
    ENERGY_EFFICIENCY = "energy_efficiency", _("Energy efficiency")
    ADAPTATION = "adaptation", _("Adaptation goal")
    WATER = "water", _("Water")
    WASTE = "waste", _("Waste")
    EFFICIENCY_GAIN_10 = "efficiency_gain_10", _("10% Efficiency-Gain Programme")
    OTHER = "other", _("Other")


class Commitment(Submission):
    """A non-GHG commitment: a baseline, a target value in a unit, a deadline."""

    kind = models.CharField(_("kind"), max_length=20, choices=CommitmentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, default="")
    unit = models.CharField(_("unit"), max_length=40, blank=True, default="")
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    year_introduced = models.PositiveSmallIntegerField(_("year introduced"), null=True, blank=True)

    class Meta(Submission.Meta):
        app_label = "registry"
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.jurisdiction}: {self.title}"
