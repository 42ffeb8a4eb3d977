"""People: user accounts, their roles in a jurisdiction or in the secretariat, and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import HardDeleteRefused, NoDeleteQuerySet, SoftDeleteModel


class User(AbstractUser):
    """Django's user account (Argon2-hashed passwords); deactivate (``is_active``) instead of deleting."""

    language = models.CharField(
        _("language"), max_length=10, blank=True, default="", help_text=_("Preferred language code, e.g. fr.")
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class JurisdictionRole(models.TextChoices):
    EDITOR = "editor", _("Editor")  # compiles and edits drafts
    APPROVER = "approver", _("Approver")  # a senior official: edits, submits, withdraws


class SecretariatRoleName(models.TextChoices):
    REVIEWER = "reviewer", _("Reviewer")  # requests changes, validates, publishes
    VERIFIER = "verifier", _("Verifier")  # third-party verification
    ADMIN = "admin", _("Admin")  # everything the secretariat does, plus users and jurisdictions


class Membership(SoftDeleteModel):
    """A user's role in one jurisdiction. Revoking sets ``deleted_at`` (kept for the record)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=JurisdictionRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "jurisdiction", "role"],
                condition=models.Q(deleted_at__isnull=True),
                name="registry_membership_unique_live",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} of {self.jurisdiction}"


class SecretariatRole(SoftDeleteModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="secretariat_roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=SecretariatRoleName.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(deleted_at__isnull=True),
                name="registry_secretariat_role_unique_live",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} secretariat {self.role}"


class TokenScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Write")


class ApiToken(models.Model):
    """An API token: only its SHA-256 hash is stored; ``prefix`` (shown to the owner) finds it quickly."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True, default="")
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    token_hash = models.CharField(_("SHA-256 hash"), max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = models.Manager.from_queryset(NoDeleteQuerySet)()

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def delete(self, using: object = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        raise HardDeleteRefused("API tokens are revoked, never deleted")
