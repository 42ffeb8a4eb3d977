"""Shared model parts: soft delete, revisions (optimistic concurrency), and the versioned submission."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.core.errors import InvalidTransition


class HardDeleteRefused(InvalidTransition):
    """Rows are never hard-deleted (soft delete through the use-cases): HTTP 409."""

    default_code = "hard_delete_refused"


_T = TypeVar("_T", bound=models.Model)


class NoDeleteQuerySet(models.QuerySet[_T]):
    """Rows are never deleted: use the services' soft delete (``deleted_at``), which is audited."""

    def delete(self) -> tuple[int, dict[str, int]]:
        raise HardDeleteRefused("rows are never hard-deleted; use the soft-delete service")

    def live(self) -> NoDeleteQuerySet[_T]:
        return self.filter(deleted_at__isnull=True)


class LiveManager(models.Manager[_T]):
    """The default manager: rows not soft-deleted."""

    def get_queryset(self) -> NoDeleteQuerySet[_T]:
        return NoDeleteQuerySet(self.model, using=self._db).filter(deleted_at__isnull=True)


AllManager = models.Manager.from_queryset(NoDeleteQuerySet)


class SoftDeleteModel(models.Model):
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = LiveManager()
    all_objects = AllManager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def delete(self, using: Any = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        raise HardDeleteRefused(
            f"{type(self).__name__} rows are never hard-deleted; use the soft-delete service"
        )


class Tracked(SoftDeleteModel):
    """An editable row: who created and changed it, and ``revision`` (bumped on every write)."""

    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Incremented on every write; a write quoting an older one fails."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    VALIDATED = "validated", _("Validated")
    VERIFIED = "verified", _("Verified")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VerificationStatus(models.TextChoices):
    SELF_REPORTED = "self_reported", _("Self-reported")
    VALIDATED = "validated", _("Validated (desk check)")
    VERIFIED = "verified", _("Third-party verified")


def _user_fk() -> Any:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )


class Submission(Tracked):
    """One version of a reported thing (inventory, target, action, hazard assessment) going through MRV.

    All versions of one thing share ``series``; ``version`` counts 1, 2, … A correction of a published
    version is a new row whose ``supersedes`` points to it; the old row gets ``superseded_at`` when the
    correction is published and stays readable.
    """

    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("jurisdiction"),
    )
    series = models.UUIDField(_("series"), default=uuid.uuid4, db_index=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    supersedes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    verification_status = models.CharField(
        _("verification status"),
        max_length=16,
        choices=VerificationStatus.choices,
        default=VerificationStatus.SELF_REPORTED,
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = _user_fk()
    validated_at = models.DateTimeField(null=True, blank=True)
    validated_by = _user_fk()
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = _user_fk()
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = _user_fk()
    data_source = models.CharField(
        _("data source"),
        max_length=200,
        default="entered",
        help_text=_('e.g. "entered", "CDP open data 2019"'),
    )
    external_id = models.CharField(
        _("external id"), max_length=100, blank=True, default="", help_text=_("Id in the source (imports).")
    )

    class Meta:
        abstract = True
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["series", "version"], name="%(app_label)s_%(class)s_series_version"
            ),
        ]

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None
