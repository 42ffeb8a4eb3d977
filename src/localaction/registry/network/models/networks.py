"""Networks (thematic) and WorkNets (cities with similar challenges), their members, coordinators and
message board; performance partnerships (a top performer mentoring a city that wants to improve)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import Tracked


class NetworkKind(models.TextChoices):
    THEMATIC = "thematic", _("Thematic network")
    WORKNET = "worknet", _("WorkNet")


class Network(Tracked):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices, default="thematic")
    agenda = models.CharField(_("agenda"), max_length=40, blank=True, default="")
    description = models.TextField(_("description"), blank=True, default="")
    is_open = models.BooleanField(
        _("open to join"), default=True, help_text=_("Members may join without an invitation.")
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class NetworkMemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    MEMBER = "member", _("Member")
    LEFT = "left", _("Left")


class NetworkMember(Tracked):
    """A jurisdiction in a network: invited, member, or left (rows are kept: history counts for
    engagement)."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="memberships")
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", on_delete=models.PROTECT, related_name="network_memberships"
    )
    status = models.CharField(_("status"), max_length=20, choices=NetworkMemberStatus.choices)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ("network", "jurisdiction__name")
        constraints = [
            models.UniqueConstraint(fields=("network", "jurisdiction"), name="network_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} in {self.network}"


class NetworkCoordinator(Tracked):
    """A person who coordinates a network (the ``coordinator`` role; see ``network.access.can_coordinate``)."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="coordinators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=("network", "user"), name="network_coordinator_once")]

    def __str__(self) -> str:
        return f"{self.user} coordinates {self.network}"


class Post(Tracked):
    """The network's message board; announcements (by coordinators) are pinned on top."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_announcement = models.BooleanField(_("announcement"), default=False)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"))

    class Meta:
        ordering = ("-is_announcement", "-created_at", "-id")

    def __str__(self) -> str:
        return self.title


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED = "ended", _("Ended early")


class Partnership(Tracked):
    """A performance partnership: ``mentor`` is a top performer on ``theme``; ``partner`` wants to improve."""

    theme = models.CharField(_("theme"), max_length=200)
    mentor = models.ForeignKey(
        "registry.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="mentorships",
        verbose_name=_("mentor"),
    )
    partner = models.ForeignKey(
        "registry.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("performance partner city"),
    )
    goal = models.TextField(_("goal"))
    indicator = models.CharField(_("indicator"), max_length=200, blank=True, default="")
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    target = models.FloatField(_("target value"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PartnershipStatus.choices, default=PartnershipStatus.ACTIVE
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ("-start_date", "id")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("partner")), name="network_partnership_two_cities"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.partner}: {self.theme}"

    def progress_pct(self) -> float | None:
        """Share of the way from baseline to target reached by the latest recorded value."""
        last = self.progress.filter(value__isnull=False).order_by("-on", "-id").first()
        if last is None or self.baseline is None or self.target is None or self.target == self.baseline:
            return None
        assert last.value is not None
        return 100.0 * (last.value - self.baseline) / (self.target - self.baseline)


class PartnershipProgress(Tracked):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="progress")
    on = models.DateField(_("date"))
    value = models.FloatField(_("indicator value"), null=True, blank=True)
    note = models.TextField(_("note"))

    class Meta:
        ordering = ("partnership", "on", "id")

    def __str__(self) -> str:
        return f"{self.partnership} {self.on}"
