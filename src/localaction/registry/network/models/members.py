"""Members of the association: membership (level, status, fees per year, agreement), the offices serving
them, contacts kept by the members themselves, the secretariat's inbox, participation in projects and
programmes, and the public profile (agendas and interests)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import Tracked


class OfficeKind(models.TextChoices):
    WORLD = "world", _("World secretariat")
    REGIONAL = "regional", _("Regional secretariat")
    COUNTRY = "country", _("Country office")


class Office(Tracked):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OfficeKind.choices)
    regions = models.JSONField(
        _("regions covered"), default=list, blank=True, help_text=_('World regions, e.g. ["Europe"].')
    )
    countries = models.JSONField(_("countries covered"), default=list, blank=True)  # ISO 3166-1 alpha-2

    class Meta:
        ordering = ("kind", "name")
        verbose_name = _("office")

    def __str__(self) -> str:
        return self.name


class MemberStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")
    LEFT = "left", _("Left")


class Member(Tracked):
    """A jurisdiction's membership of the association (one per jurisdiction)."""

    jurisdiction = models.OneToOneField(
        "registry.Jurisdiction", on_delete=models.PROTECT, related_name="association_member"
    )
    level = models.CharField(_("level"), max_length=40, help_text=_("A level code of levels.yaml."))
    status = models.CharField(_("status"), max_length=20, choices=MemberStatus.choices, default="applied")
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    start_date = models.DateField(_("member since"), null=True, blank=True)
    end_date = models.DateField(_("left on"), null=True, blank=True)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("office"),
    )
    details_confirmed_on = models.DateField(_("details confirmed on"), null=True, blank=True)

    class Meta:
        ordering = ("jurisdiction__name",)
        verbose_name = _("member")

    def __str__(self) -> str:
        return str(self.jurisdiction)


class MemberFee(Tracked):
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="fees")
    year = models.PositiveIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=40)
    population = models.FloatField(_("population the fee is based on"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    fee_due = models.DecimalField(_("fee due"), max_digits=12, decimal_places=2)
    fee_paid = models.DecimalField(_("fee paid"), max_digits=12, decimal_places=2, default=0)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        ordering = ("member", "year")
        constraints = [models.UniqueConstraint(fields=("member", "year"), name="network_fee_one_per_year")]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"

    @property
    def outstanding(self) -> object:
        return max(self.fee_due - self.fee_paid, 0)


class Agreement(Tracked):
    """One version of a member's agreement: expectations and contributions as text and as structured
    commitments ``[{"kind": "report_inventory", "description": "…", "due": "2026-12-31"}]``. A change is a
    new version; earlier versions stay."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="agreements")
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("expectations and contributions"))
    commitments = models.JSONField(_("commitments"), default=list, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    class Meta:
        ordering = ("member", "-version")
        constraints = [
            models.UniqueConstraint(fields=("member", "version"), name="network_agreement_version")
        ]

    def __str__(self) -> str:
        return f"{self.member} v{self.version}"


class ContactRole(models.TextChoices):
    MAYOR = "mayor", _("Mayor or governor")
    FOCAL_POINT = "focal_point", _("Focal point")
    TECHNICAL = "technical", _("Technical staff")
    OTHER = "other", _("Other")


class Contact(Tracked):
    """A person at a member government, kept up to date by the member's editors and approvers."""

    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", on_delete=models.PROTECT, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=ContactRole.choices)
    title = models.CharField(_("position"), max_length=200, blank=True, default="")
    email = models.EmailField(_("email"), blank=True, default="")
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="")
    languages = models.JSONField(_("languages"), default=list, blank=True)  # e.g. ["pt", "en"]

    class Meta:
        ordering = ("jurisdiction", "role", "name")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Notification(models.Model):
    """The secretariat's inbox: a member changed its contacts, confirmed its details, joined a network …
    Append-only; reading marks it read."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=40)
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    message = models.TextField(_("message"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return self.message[:80]


class Participation(Tracked):
    """Taking part in a project or programme of the association (networks count on their own)."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        PROGRAMME = "programme", _("Programme")

    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", on_delete=models.PROTECT, related_name="participations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ("jurisdiction", "-start_date")

    def __str__(self) -> str:
        return self.name


class Profile(Tracked):
    """What a jurisdiction tells peers about itself on its public page."""

    jurisdiction = models.OneToOneField(
        "registry.Jurisdiction", on_delete=models.PROTECT, related_name="network_profile"
    )
    summary = models.TextField(_("summary"), blank=True, default="")
    agendas = models.JSONField(_("agendas pursued"), default=list, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)  # topics it wants to learn about

    def __str__(self) -> str:
        return f"profile of {self.jurisdiction}"
