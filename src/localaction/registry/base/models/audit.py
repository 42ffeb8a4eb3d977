"""The audit log: every change, who made it, when, and the row before and after; and the four-eyes
overrides (an admin's written reason for acting where the separation of duties would refuse), which the
public page of a published version shows.

Both tables are append-only twice over: here (``save`` of an existing row and ``delete`` are refused) and in
the database (triggers refuse UPDATE and DELETE: migration ``registry.0007_four_eyes``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import HardDeleteRefused, NoDeleteQuerySet


class AuditEntry(models.Model):
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # null: the system (an import, a migration)
    action = models.CharField(_("action"), max_length=40)  # create, update, delete, submit, publish …
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=300, blank=True, default="")
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    comment = models.TextField(blank=True, default="")

    objects = models.Manager.from_queryset(NoDeleteQuerySet)()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="registry_audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise HardDeleteRefused("audit entries are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type,unused-ignore]

    def delete(self, using: object = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        raise HardDeleteRefused("audit entries are never deleted")


class FourEyesOverride(models.Model):
    """A secretariat admin did what the separation of duties refuses (e.g. published a version they validated
    themselves), with a written reason. One row per overridden transition; shown on the public page."""

    at = models.DateTimeField(_("at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # null: the operator at the command line
    action = models.CharField(_("action"), max_length=40)  # the transition: validate, verify, publish
    rules = models.JSONField(_("rules overridden"), default=list)  # e.g. ["publish.not_validated_by_actor"]
    reason = models.TextField(_("reason"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=40)
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = models.Manager.from_queryset(NoDeleteQuerySet)()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("four-eyes override")
        verbose_name_plural = _("four-eyes overrides")
        indexes = [models.Index(fields=["content_type", "object_id"], name="registry_override_object")]

    def __str__(self) -> str:
        return f"{self.action} by override: {self.reason[:60]}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise HardDeleteRefused("overrides are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type,unused-ignore]

    def delete(self, using: object = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        raise HardDeleteRefused("overrides are never deleted")
