"""TAP: program roles (TAP reviewer, funder, partner), calls for proposals, projects with their attachments,
expert reviews, funders' interest and saved searches. Rules (eligibility, scores, stages) live in
``localaction.core.tap.rules``; who may do what in ``tap.access``."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.core.tap import rules as tap_rules
from localaction.registry.base.models.submissions import SoftDeleteModel, Tracked

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = ["pdf", "docx", "xlsx", "csv", "txt", "png", "jpg", "jpeg"]
_MB = 1024 * 1024
# The largest file of each type (documents 10 MB, images 5 MB, plain text 2 MB): checked on upload.
MAX_BYTES_BY_TYPE = {
    "pdf": 10 * _MB, "docx": 10 * _MB, "xlsx": 10 * _MB,
    "png": 5 * _MB, "jpg": 5 * _MB, "jpeg": 5 * _MB,
    "csv": 2 * _MB, "txt": 2 * _MB,
}  # fmt: skip


def _user() -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")


class ProgramRoleName(models.TextChoices):
    TAP_REVIEWER = "tap_reviewer", _("TAP reviewer")  # screens projects, writes feedback
    FUNDER = "funder", _("Funder")  # sees the pipeline, expresses interest
    PARTNER = "partner", _("Partner")  # submits solutions to the gateway


class ProgramRole(SoftDeleteModel):
    """A user's role outside any jurisdiction, for an organisation (a bank, a company, an expert body)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="program_roles")
    role = models.CharField(_("role"), max_length=20, choices=ProgramRoleName.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(deleted_at__isnull=True),
                name="tap_role_unique_live",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role}"


class Call(Tracked):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, default="")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    def __str__(self) -> str:
        return self.title

    def is_open(self, day: object) -> bool:
        return self.opens_on <= day <= self.closes_on  # type: ignore[operator]


class Focus(models.TextChoices):
    MITIGATION = "mitigation", _("Mitigation")
    ADAPTATION = "adaptation", _("Adaptation")
    BOTH = "both", _("Both")


class Approval(models.TextChoices):
    ADOPTED = "adopted", _("Adopted by the council")
    FORTHCOMING = "forthcoming", _("Council decision forthcoming")
    NONE = "none", _("Not planned")


class Submitter(models.TextChoices):
    GOVERNMENT = "government", _("The local or regional government")
    PARTNER = "partner", _("A partner, with the government as key stakeholder")


def _choices(values: tuple[str, ...] | Mapping[str, object]) -> list[tuple[str, str]]:
    return [(v, str(v).replace("_", " ").capitalize()) for v in values]


class Project(Tracked):
    """One TAP project of a jurisdiction; ``status`` follows ``tap_rules.STEPS``."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="projects", verbose_name=_("call"))
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", on_delete=models.PROTECT, related_name="tap_projects"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        default=tap_rules.DRAFT,
        db_index=True,
        choices=_choices(tap_rules.STATUSES),
    )
    submitter = models.CharField(
        _("submitted by"), max_length=12, choices=Submitter.choices, default="government"
    )
    partner_name = models.CharField(_("partner organisation"), max_length=200, blank=True, default="")
    government_key_stakeholder = models.BooleanField(_("government is key stakeholder"), default=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, default="")
    # Lists from tap_config.yaml are validated by the services, not as field choices, so that editing the
    # config never needs a migration.
    project_type = models.CharField(_("type"), max_length=20, default="infrastructure")
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    agendas = models.JSONField(_("agendas"), default=list, blank=True)
    climate_focus = models.CharField(
        _("mitigation / adaptation"), max_length=12, choices=Focus.choices, blank=True
    )
    location = models.CharField(_("location"), max_length=200, blank=True, default="")
    stage = models.CharField(_("stage"), max_length=24, default="concept")
    instruments = models.JSONField(_("instruments sought"), default=list, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR", help_text=_("ISO 4217, e.g. EUR"))
    total_cost = models.DecimalField(_("total cost"), max_digits=16, decimal_places=2, null=True, blank=True,
                                     validators=[MinValueValidator(0)])  # fmt: skip
    funding_secured = models.DecimalField(_("funding secured"), max_digits=16, decimal_places=2, default=0,
                                          validators=[MinValueValidator(0)])  # fmt: skip
    funding_sought = models.DecimalField(_("funding sought"), max_digits=16, decimal_places=2, default=0,
                                         validators=[MinValueValidator(0)])  # fmt: skip
    ghg_tco2e_per_yr = models.FloatField(_("GHG reduction per year (tCO2e)"), null=True, blank=True,
                                         validators=[MinValueValidator(0)])  # fmt: skip
    ghg_tco2e_lifetime = models.FloatField(_("GHG reduction over the lifetime (tCO2e)"), null=True, blank=True,
                                           validators=[MinValueValidator(0)])  # fmt: skip
    adaptation_benefits = models.TextField(_("adaptation benefits"), blank=True, default="")
    co_benefits = models.TextField(_("co-benefits"), blank=True, default="")
    sdgs = models.JSONField(_("SDGs"), default=list, blank=True)
    council_approval = models.CharField(_("council approval"), max_length=12, choices=Approval.choices,
                                        default=Approval.FORTHCOMING)  # fmt: skip
    council_approval_date = models.DateField(_("council approval date"), null=True, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True, default="")
    contact_email = models.EmailField(_("contact e-mail"), blank=True, default="")
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(_("screening score"), null=True, blank=True)

    def __str__(self) -> str:
        return self.title

    @property
    def stage_label(self) -> str:
        return self.stage.replace("_", " ").capitalize()

    @property
    def type_label(self) -> str:
        return self.project_type.replace("_", " ").capitalize()

    @property
    def size_band(self) -> str:
        return tap_rules.size_band(float(self.total_cost) if self.total_cost is not None else None)


class Attachment(SoftDeleteModel):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(
        _("file"), upload_to="tap/%Y/%m/", validators=[FileExtensionValidator(ATTACHMENT_TYPES)]
    )
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(
        _("size (bytes)"), validators=[MaxValueValidator(MAX_ATTACHMENT_BYTES)]
    )
    uploaded_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Review(Tracked):
    """One reviewer's scores (criterion → 0..5) and feedback to the city."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="reviews")
    reviewer = _user()
    scores = models.JSONField(_("scores"), default=dict)
    score = models.FloatField(_("weighted score"))
    feedback = models.TextField(_("feedback to the city"))

    def __str__(self) -> str:
        return f"review of {self.project_id} by {self.reviewer_id}"


class Interest(Tracked):
    """One expression of a funder's interest in a pipeline project (each one is kept: a funder may follow
    up): seen by the funder, the city and the secretariat only."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="interests")
    funder = _user()
    organisation = models.CharField(_("organisation"), max_length=200, blank=True, default="")
    instrument = models.CharField(_("instrument"), max_length=30, blank=True, default="")
    message = models.TextField(_("message"), blank=True, default="")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.organisation or self.funder_id} → {self.project_id}"


class SavedSearch(SoftDeleteModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tap_searches")
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("query string"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ExchangeRate(models.Model):
    """How many units of ``currency`` one euro bought on ``on``, as the secretariat recorded it from
    ``source`` (for instance the ECB's euro foreign exchange reference rates): the one conversion the pages
    use to compare amounts in one currency. Amounts are stored and shown in their own currency as well."""

    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO 4217, e.g. BRL"))
    per_eur = models.DecimalField(
        _("units per euro"),
        max_digits=18,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
        help_text=_("How many units of the currency one euro bought on that date"),
    )
    on = models.DateField(_("date of the rate"))
    source = models.CharField(
        _("source"), max_length=300, help_text=_("Where the rate comes from, with its title")
    )

    class Meta:
        ordering = ["currency", "-on"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "on"], name="tap_one_rate_per_currency_and_day")
        ]

    def __str__(self) -> str:
        return f"1 EUR = {self.per_eur} {self.currency} ({self.on})"
