"""A report against a reporting framework: one version of a jurisdiction's answers for one year.

The answers are JSON in the engine's format (``localaction.core.frameworks``: indicator id → answer); they are
checked as a draft (``complete=False``) on every save and completely on submit and validate (the workflow
calls ``blocking_problems``). Scores are computed on save and stored, so lists and charts need no engine run.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.core import frameworks as fw_engine
from localaction.core.errors import Detail, LocalActionError
from localaction.registry.base.models.submissions import Submission


class FrameworkReport(Submission):
    framework_id = models.CharField(_("framework"), max_length=60, db_index=True)
    edition = models.CharField(_("edition"), max_length=40)
    year = models.PositiveIntegerField(_("reporting year"))
    title = models.CharField(_("title"), max_length=200, blank=True, default="")
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # Computed on save (never entered).
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    score_total = models.FloatField(_("total score"), null=True, blank=True)
    score_max = models.FloatField(_("maximum score"), null=True, blank=True)
    score_percent = models.FloatField(_("score (%)"), null=True, blank=True)
    complete = models.BooleanField(_("complete"), default=False)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)

    class Meta(Submission.Meta):
        verbose_name = _("framework report")
        verbose_name_plural = _("framework reports")
        ordering = ["jurisdiction_id", "framework_id", "year", "version"]

    def __str__(self) -> str:
        return f"{self.jurisdiction}: {self.framework_name} {self.year} (v{self.version})"

    @property
    def framework_name(self) -> str:
        """The framework's name (``singapore_index`` → "Singapore Index on Cities' Biodiversity"), in the
        active language where the framework's file gives it (``name_i18n``)."""
        from django.utils.translation import get_language

        from localaction.core.errors import NotFound
        from localaction.core.frameworks.shipped import get_framework

        try:
            return get_framework(self.framework_id).localized(get_language()).name
        except NotFound:
            return self.framework_id.replace("_", " ")

    # --- the engine -----------------------------------------------------------------------------------

    def framework(self) -> fw_engine.Framework:
        return fw_engine.get_framework(self.framework_id, self.edition or None)

    def document(self) -> dict[str, Any]:
        """The answers document the engine reads."""
        return {
            "framework": self.framework_id,
            "edition": self.edition,
            "jurisdiction": getattr(self.jurisdiction, "name", "") if self.jurisdiction_id else "",
            "year": self.year,
            "answers": self.answers if isinstance(self.answers, dict) else {},
        }

    def check_answers(self, *, complete: bool) -> fw_engine.Report:
        return fw_engine.check_answers(self.framework(), self.document(), complete=complete)

    def clean(self) -> None:
        """Draft check: wrong types, out-of-range values and unknown indicators, named per field."""
        try:
            fw = self.framework()
        except LocalActionError as exc:
            raise ValidationError({"framework_id": exc.message}) from None
        if not self.edition:
            self.edition = fw.edition
        if not isinstance(self.answers, dict):
            raise ValidationError({"answers": _("answers is a mapping of indicator id to answer")})
        report = self.check_answers(complete=False)
        if report.errors:
            raise ValidationError({"answers": [_loc_msg(p.loc, p.msg) for p in report.errors]})

    def blocking_problems(self) -> list[Detail]:
        """What stops a submission: every error of the complete check (required answers included)."""
        return [Detail(tuple(p.loc), p.msg) for p in self.check_answers(complete=True).errors]

    def refresh_scores(self) -> None:
        fw = self.framework()
        self.edition = fw.edition
        report = fw_engine.check_answers(fw, self.document(), complete=False)
        if report.errors:  # stored answers are always draft-valid; keep old scores rather than guess
            return
        sc = fw_engine.score(fw, report)
        self.scores = sc.model_dump(mode="json")
        self.score_total = sc.total
        self.score_max = sc.max_total
        self.score_percent = sc.percent
        self.complete = not fw_engine.check_answers(fw, self.document(), complete=True).errors
        self.warnings = [p.model_dump(mode="json") for p in report.warnings]

    def save(self, *args: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if fields is None or "answers" in fields:
            # An unknown framework is refused by the services; never block a workflow save on it.
            with contextlib.suppress(LocalActionError):
                self.refresh_scores()
        super().save(*args, **kwargs)


def _loc_msg(loc: list[str | int], msg: str) -> str:
    where = ".".join(str(x) for x in loc if x != "answers")
    return f"{where}: {msg}" if where else msg
