"""Verification of one version: the verifier's assignment and declaration, rounds, findings and their
exchanges, and the statement. Nothing is deleted: an assignment that ends early is withdrawn."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import HardDeleteRefused, NoDeleteQuerySet


def _user(null: bool = True) -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=null, blank=null, related_name="+"
    )


class Kept(models.Model):
    """Rows here are never deleted."""

    objects = models.Manager.from_queryset(NoDeleteQuerySet)()

    class Meta:
        abstract = True

    def delete(self, using: object = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        raise HardDeleteRefused(f"{type(self).__name__} rows are never deleted")


class AssignmentState(models.TextChoices):
    AWAITING_DECLARATION = "awaiting_declaration", _("Awaiting the verifier's declaration")
    CONFLICT_DECLARED = "conflict_declared", _("Conflict declared: blocked until mitigated")
    ACTIVE = "active", _("Verification under way")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LIVE_STATES = (
    AssignmentState.AWAITING_DECLARATION,
    AssignmentState.CONFLICT_DECLARED,
    AssignmentState.ACTIVE,
)


class Assignment(Kept):
    """A verifier assigned to one version of a submission (any kind)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    version = GenericForeignKey("content_type", "object_id")
    jurisdiction = models.ForeignKey("registry.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    verifier = _user(null=False)
    state = models.CharField(
        _("state"),
        max_length=24,
        choices=AssignmentState.choices,
        default=AssignmentState.AWAITING_DECLARATION,
    )
    assigned_by = _user()
    assigned_at = models.DateTimeField(_("assigned at"))
    # The conflict-of-interest declaration (recorded and shown with the statement).
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    has_conflict = models.BooleanField(_("conflict of interest declared"), null=True, blank=True)
    declaration = models.TextField(_("declaration"), blank=True, default="")
    mitigation = models.TextField(_("mitigation"), blank=True, default="")
    mitigated_by = _user()
    mitigated_at = models.DateTimeField(_("mitigated at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = _user()
    withdraw_reason = models.TextField(_("why withdrawn"), blank=True, default="")
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-assigned_at", "-id"]
        verbose_name = _("verifier assignment")
        indexes = [models.Index(fields=["content_type", "object_id"], name="verification_assign_version")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state__in=["awaiting_declaration", "conflict_declared", "active"]),
                name="verification_one_live_assignment",
            ),
        ]

    def __str__(self) -> str:
        return f"verification of {self.content_type.model} {self.object_id} by {self.verifier}"


class Round(Kept):
    """Findings are sent to the city a round at a time; the city answers, the verifier closes or reopens."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    opened_at = models.DateTimeField(_("opened at"))
    issued_at = models.DateTimeField(_("sent to the city at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["assignment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "number"], name="verification_round_number"),
        ]

    def __str__(self) -> str:
        return f"round {self.number}"


class FindingKind(models.TextChoices):
    CLARIFICATION = "clarification", _("Clarification request")
    CORRECTIVE_ACTION = "corrective_action", _("Corrective action request")


FINDING_PREFIX = {FindingKind.CLARIFICATION: "CL", FindingKind.CORRECTIVE_ACTION: "CAR"}


class FindingTarget(models.TextChoices):
    VERSION = "version", _("The whole version")
    LINE = "line", _("A line (GPC reference number)")
    RECORD = "record", _("A record (activity record id)")
    FIELD = "field", _("A field")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open: awaiting the city")
    ANSWERED = "answered", _("Answered: awaiting the verifier")
    CLOSED = "closed", _("Closed")


class Finding(Kept):
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="findings")
    raised_in = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="raised")
    number = models.PositiveSmallIntegerField(_("number"))  # per assignment and kind: CL 1, CAR 1 …
    kind = models.CharField(_("type"), max_length=20, choices=FindingKind.choices)
    target = models.CharField(
        _("about"), max_length=10, choices=FindingTarget.choices, default=FindingTarget.VERSION
    )
    target_ref = models.CharField(_("reference"), max_length=100, blank=True, default="")
    text = models.TextField(_("finding"))
    status = models.CharField(_("status"), max_length=10, choices=FindingStatus.choices, default="open")
    raised_by = _user()
    raised_at = models.DateTimeField(_("raised at"))
    closed_by = _user()
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True, default="")
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["assignment", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "kind", "number"], name="verification_finding_number"
            ),
        ]

    @property
    def label(self) -> str:
        return f"{FINDING_PREFIX[FindingKind(self.kind)]} {self.number}"

    def __str__(self) -> str:
        return f"{self.label}: {self.text[:40]}"


class Exchange(Kept):
    """One message on a finding in a round: the city's answer, or the verifier's reply to it."""

    class Side(models.TextChoices):
        CITY = "city", _("City")
        VERIFIER = "verifier", _("Verifier")

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="exchanges")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="exchanges")
    side = models.CharField(max_length=10, choices=Side.choices)
    author = _user()
    at = models.DateTimeField()
    text = models.TextField()

    class Meta:
        ordering = ["finding", "at", "id"]


class Assurance(models.TextChoices):
    LIMITED = "limited", _("Limited assurance")
    REASONABLE = "reasonable", _("Reasonable assurance")


class Opinion(models.TextChoices):
    # ISO 14064-3:2019 §9: the verifier's opinion on the GHG statement.
    UNMODIFIED = "unmodified", _("Unmodified (the statement is fairly presented)")
    QUALIFIED = "qualified", _("Qualified (fairly presented, except for what is described)")
    ADVERSE = "adverse", _("Adverse (not fairly presented)")
    DISCLAIMER = "disclaimer", _("Disclaimer (no opinion can be given)")


class Statement(Kept):
    """The verification statement, issued once at the end of a verification; published with the version."""

    assignment = models.OneToOneField(Assignment, on_delete=models.PROTECT, related_name="statement")
    reference = models.CharField(_("reference"), max_length=20, unique=True)  # VS-000001
    scope = models.TextField(_("scope"), help_text=_("What was verified: boundary, period, sectors, gases."))
    criteria = models.CharField(
        _("criteria"), max_length=200, help_text=_("e.g. GPC v1.1 (2021); ISO 14064-3:2019")
    )
    level_of_assurance = models.CharField(_("level of assurance"), max_length=12, choices=Assurance.choices)
    materiality_percent = models.DecimalField(
        _("materiality threshold (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    opinion = models.CharField(_("opinion"), max_length=12, choices=Opinion.choices)
    opinion_text = models.TextField(_("opinion, in words"))
    issued_by = _user()
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return self.reference
