"""A submission's history in words: the one mapping from an audit action (``replace_contents``, ``submit``,
``override_open_comments`` …) to a sentence a person reads ("records replaced by upload of nova-2024.csv",
"submitted for review by Ana"). Every page that lists audit entries says them through ``describe``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# What a transition did, as the past participle in a sentence ("validated over 2 unanswered comments").
DONE = {
    "submit": gettext_lazy("submitted for review"),
    "request_changes": gettext_lazy("sent back for changes"),
    "validate": gettext_lazy("validated"),
    "verify": gettext_lazy("verified"),
    "publish": gettext_lazy("published"),
    "withdraw": gettext_lazy("withdrawn from review"),
    "reopen": gettext_lazy("reopened as a draft"),
}

# Actions whose sentence needs nothing but the actor.
SIMPLE = {
    **DONE,
    "create": gettext_lazy("created"),
    "update": gettext_lazy("details changed"),
    "delete": gettext_lazy("deleted"),
    "open_correction": gettext_lazy("opened as a correction of the published version"),
    "copy_forward": gettext_lazy("started from last year's inventory (records, notation keys, explanations)"),
    "supersede": gettext_lazy("superseded by a corrected version"),
    "clear": gettext_lazy("line cleared"),
    "comment": gettext_lazy("commented"),
    "set_separation": gettext_lazy("preparer/approver separation changed"),
    "admin_change": gettext_lazy("changed in the admin"),
    "admin_add": gettext_lazy("added in the admin"),
}


def _who(entry: Any) -> str:
    return str(entry.actor) if getattr(entry, "actor", None) else _("the system")


def _done(action: str) -> str:
    return str(DONE.get(action, action.replace("_", " ")))


def describe(entry: Any) -> str:
    """One audit entry as a sentence, actor included; an action nobody mapped reads with its underscores
    turned to spaces (never the raw identifier)."""
    action = str(entry.action)
    after = entry.after if isinstance(entry.after, dict) else {}
    who = _who(entry)
    if action == "replace_contents":
        kept = after.get("records") or []
        # a large import keeps counts, not every record (registry/inventories/staged.py)
        records = kept["count"] if isinstance(kept, dict) else len(kept)
        lines = len(after.get("lines") or [])
        counts = ngettext("%(n)s record", "%(n)s records", records) % {"n": records}
        counts += ", " + ngettext("%(n)s line", "%(n)s lines", lines) % {"n": lines}
        if after.get("file"):
            return _("records and lines replaced by upload of %(file)s (%(counts)s), by %(who)s") % {
                "file": after["file"],
                "counts": counts,
                "who": who,
            }
        return _("records and lines replaced (%(counts)s), by %(who)s") % {"counts": counts, "who": who}
    if action == "override_open_comments":
        n = len(after.get("comments") or [])
        return ngettext(
            "%(done)s over %(n)s unanswered comment, by %(who)s",
            "%(done)s over %(n)s unanswered comments, by %(who)s",
            n,
        ) % {"done": _done(str(after.get("action", ""))), "n": n, "who": who}
    if action == "override":
        return _("%(done)s by override of the separation of duties, by %(who)s") % {
            "done": _done(str(after.get("action", ""))),
            "who": who,
        }
    if action == "update" and after:
        fields = ", ".join(sorted(k.removesuffix("_id").replace("_", " ") for k in after if k != "revision"))
        if fields:
            return _("details changed (%(fields)s), by %(who)s") % {"fields": fields, "who": who}
    if action in SIMPLE:
        return _("%(done)s by %(who)s") % {"done": SIMPLE[action], "who": who}
    return _("%(done)s by %(who)s") % {"done": action.replace("_", " "), "who": who}
