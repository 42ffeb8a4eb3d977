"""Review comments on a whole submission or on one of its GPC lines."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.registry.base.models.submissions import SoftDeleteModel


class ReviewComment(SoftDeleteModel):
    """``gpc_ref`` empty: about the whole submission; otherwise about that line (kept as a reference number so
    that the comment still reads right on the next version)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    submission = GenericForeignKey("content_type", "object_id")
    jurisdiction = models.ForeignKey("registry.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    gpc_ref = models.CharField(_("GPC ref"), max_length=10, blank=True, default="")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["content_type", "object_id"], name="registry_comment_object")]

    def __str__(self) -> str:
        where = f" {self.gpc_ref}" if self.gpc_ref else ""
        return f"{self.author}{where}: {self.body[:40]}"
