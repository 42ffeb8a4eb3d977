"""TAP use-cases: each checks ``tap.access``, validates, writes in one transaction and records the audit log."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from localaction.core import clock
from localaction.core.errors import Detail
from localaction.core.tap import rules as tap_rules
from localaction.registry.base import audit
from localaction.registry.base.access import Actor, as_user
from localaction.registry.base.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.models import Jurisdiction
from localaction.registry.base.services.common import apply, claim, save, stamp_created, validated
from localaction.registry.tap import access
from localaction.registry.tap.models import (
    ATTACHMENT_TYPES,
    MAX_BYTES_BY_TYPE,
    Attachment,
    Call,
    Interest,
    ProgramRole,
    Project,
    Review,
    SavedSearch,
)

EDITABLE_FIELDS = (
    "call_id", "submitter", "partner_name", "government_key_stakeholder", "title", "summary", "project_type",
    "sectors", "agendas", "climate_focus", "location", "stage", "instruments", "currency", "total_cost",
    "funding_secured", "funding_sought", "ghg_tco2e_per_yr", "ghg_tco2e_lifetime", "adaptation_benefits",
    "co_benefits", "sdgs", "council_approval", "council_approval_date", "contact_name", "contact_email",
)  # fmt: skip


def grant(actor: Actor, user: Any, role: str, organisation: str = "") -> ProgramRole:
    from localaction.registry.base import access as reg

    if not reg.can_manage_users(actor):
        raise PermissionDenied("only a secretariat admin grants program roles")
    with transaction.atomic():
        row, created = ProgramRole.objects.get_or_create(
            user=user, role=role, defaults={"organisation": organisation}
        )
        if created:
            audit.record(actor, "grant", row, None, audit.snapshot(row))
    access.forget(user)
    return row


def create_call(actor: Actor, **fields: Any) -> Call:
    if not access.is_desk(actor):
        raise PermissionDenied("only the TAP desk opens calls")
    call = Call(**fields)
    stamp_created(call, actor)
    validated(call)
    if call.closes_on < call.opens_on:
        raise ValidationFailed("invalid call", details=[Detail(("closes_on",), "closes before it opens")])
    with transaction.atomic():
        call.save()
        audit.record(actor, "create", call, None, audit.snapshot(call))
    return call


def get_project(user: Actor, pk: int) -> Project:
    p = (
        access.projects_visible_to(user, Project.objects.select_related("jurisdiction", "call"))
        .filter(pk=pk)
        .first()
    )
    if p is None:
        raise NotFound(f"project {pk} not found", details=[Detail(("id",), str(pk))])
    return p  # type: ignore[no-any-return]


def _check(p: Project) -> None:
    validated(p, exclude=["created_by", "updated_by", "deleted_by"])
    problems = []
    if p.total_cost is not None and p.funding_secured + p.funding_sought > p.total_cost:
        problems.append(Detail(("funding_sought",), "funding secured plus sought exceeds the total cost"))
    cfg = tap_rules.config()
    for name, allowed in (
        ("sectors", cfg.sectors),
        ("agendas", cfg.agendas),
        ("instruments", cfg.instruments),
    ):
        bad = [v for v in getattr(p, name) if v not in allowed]
        if bad:
            problems.append(Detail((name,), f"unknown: {', '.join(map(str, bad))}"))
    for name, options in (("stage", cfg.stages), ("project_type", tuple(cfg.project_types))):
        if getattr(p, name) not in options:
            problems.append(Detail((name,), f"use one of: {', '.join(options)}"))
    if any(not isinstance(s, int) or not 1 <= s <= 17 for s in p.sdgs):
        problems.append(Detail(("sdgs",), "SDGs are numbers from 1 to 17"))
    if problems:
        raise ValidationFailed("invalid project", details=problems)


def create_project(actor: Actor, jurisdiction: Jurisdiction, **fields: Any) -> Project:
    if not access.can_create_project(actor, jurisdiction.pk):
        raise PermissionDenied("only the jurisdiction's editors and approvers create its TAP projects")
    p = Project(jurisdiction=jurisdiction)
    apply(p, fields, EDITABLE_FIELDS)
    stamp_created(p, actor)
    _check(p)
    with transaction.atomic():
        p.save()
        audit.record(actor, "create", p, None, audit.snapshot(p))
    return p


def update_project(actor: Actor, p: Project, revision: int, **changes: Any) -> Project:
    if not access.can_edit_project(actor, p):
        raise PermissionDenied(
            "this project cannot be edited now (only drafts and returned projects, by the city)"
        )
    before = audit.snapshot(p)
    apply(p, changes, EDITABLE_FIELDS)
    _check(p)
    with transaction.atomic():
        claim(p, revision)
        save(p, actor)
        audit.record(actor, "update", p, *audit.changed(before, audit.snapshot(p)))
    return p


def eligibility_of(p: Project) -> list[Detail]:
    facts = tap_rules.Facts(
        submitter=p.submitter,
        council_approval=p.council_approval,
        project_type=p.project_type,
        climate_focus=p.climate_focus,
        government_key_stakeholder=p.government_key_stakeholder,
    )
    return tap_rules.eligibility(facts)


def step(
    actor: Actor, p: Project, action: str, revision: int, comment: str = "", today: dt.date | None = None
) -> Project:
    """Move a project along ``tap_rules.STEPS``; ``submit`` checks eligibility and the call's dates first."""
    spec = tap_rules.STEPS.get(action)
    if spec is None:
        raise InvalidTransition(f"unknown action {action!r}", code="unknown_action")
    if not access.can_step(actor, p, action):
        if p.status not in spec.sources:
            raise InvalidTransition(f"cannot {action} a project that is {p.status}")
        raise PermissionDenied(f"you may not {action} this project")
    if spec.needs_comment and not comment.strip():
        raise ValidationFailed("write feedback for the city", details=[Detail(("comment",), "required")])
    if action == "submit":
        refusals = eligibility_of(p)
        day = today or clock.today()
        if not p.call.is_open(day):
            refusals.append(
                Detail(("call_id",), f"the call is open from {p.call.opens_on} to {p.call.closes_on}")
            )
        if refusals:
            raise ValidationFailed("the project is not eligible", code="ineligible", details=refusals)
    if action == "screen" and not p.reviews.filter(deleted_at__isnull=True).exists():
        raise InvalidTransition("score the project (a review with feedback) before marking it screened")
    if action == "admit" and (p.score or 0) < tap_rules.config().pipeline_threshold:
        raise InvalidTransition(
            f"a score of at least {tap_rules.config().pipeline_threshold:g} is needed for the pipeline seal"
        )
    before = audit.snapshot(p)
    with transaction.atomic():
        claim(p, revision)
        p.status = spec.target
        if action == "submit":
            p.submitted_at = audit.now()
        save(p, actor)
        audit.record(actor, action, p, *audit.changed(before, audit.snapshot(p)), comment=comment)
    return p


def review(actor: Actor, p: Project, scores: dict[str, Any], feedback: str) -> Review:
    """A reviewer's scores and feedback; the project's score is the mean of its reviews' weighted scores."""
    if not access.can_review(actor, p):
        raise PermissionDenied("only the TAP desk scores submitted projects")
    problems: list[Detail] = []
    try:
        checked = tap_rules.check_scores(scores)
    except Exception as exc:  # InputError with details
        problems.extend(getattr(exc, "details", []))
        checked = {}
    if not feedback.strip():
        problems.append(Detail(("feedback",), "write feedback for the city"))
    if problems:
        raise ValidationFailed("invalid review", details=problems)
    with transaction.atomic():
        r = Review(project=p, reviewer=as_user(actor), scores=checked, score=tap_rules.weighted_score(checked),
                   feedback=feedback.strip())  # fmt: skip
        stamp_created(r, actor)
        r.save()
        audit.record(actor, "review", r, None, audit.snapshot(r), jurisdiction_id=p.jurisdiction_id)
        live = list(p.reviews.filter(deleted_at__isnull=True).values_list("score", flat=True))
        Project.objects.filter(pk=p.pk).update(score=round(sum(live) / len(live), 2))
        p.score = round(sum(live) / len(live), 2)
    return r


def express_interest(actor: Actor, p: Project, instrument: str = "", message: str = "") -> Interest:
    """Record one expression of interest (instrument, message, date): every expression is kept, so a funder
    may follow up; one that says nothing (no instrument, no message) is refused."""
    if not access.can_express_interest(actor, p):
        raise PermissionDenied("only funders express interest, in pipeline projects")
    if not instrument and not message.strip():
        raise ValidationFailed(
            "say how you could fund it (an instrument) or write a message to the city",
            details=[Detail(("message",), "an instrument or a message is needed")],
        )
    if instrument and instrument not in tap_rules.config().instruments:
        raise ValidationFailed("invalid interest", details=[Detail(("instrument",), "unknown instrument")])
    org = (
        ProgramRole.objects.filter(user_id=access.uid(actor), role="funder")
        .values_list("organisation", flat=True)
        .first()
    )
    with transaction.atomic():
        row = Interest(project=p, funder=as_user(actor), organisation=org or "", instrument=instrument,
                       message=message.strip())  # fmt: skip
        stamp_created(row, actor)
        row.save()
        audit.record(actor, "interest", row, None, audit.snapshot(row), jurisdiction_id=p.jurisdiction_id)
    return row


# --- attachments: the type is what the content is, not what the name says --------------------------------

_MAGIC = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
# Office files are ZIP packages; the part each must hold (ECMA-376 Part 2, the package's main part).
_OFFICE_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"MZ", b"\x7fELF", b"GIF8")
_MAX_UNZIPPED = 100 * 1024 * 1024  # an Office file that unpacks to more is refused (a ZIP bomb)


def _text_problem(data: bytes) -> str | None:
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data:
        return "it is a binary file, not text"
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return "it is not text in UTF-8 or Windows-1252"
    if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
        return "it holds control characters, not text"
    return None


def _office_problem(upload: UploadedFile[Any], ext: str) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as z:
            names = set(z.namelist())
            if "[Content_Types].xml" not in names or _OFFICE_PART[ext] not in names:
                return f"it is a ZIP file but not a .{ext} document"
            if sum(i.file_size for i in z.infolist()) > _MAX_UNZIPPED:
                return "it unpacks to more than 100 MB"
    except zipfile.BadZipFile:
        return f"it is not a .{ext} document (a .{ext} file is a ZIP package)"
    return None


def attachment_problem(upload: UploadedFile[Any], ext: str) -> str | None:
    """Why the file's content is not a .``ext`` file (by its first bytes, or its package), or None."""
    upload.seek(0)
    head = upload.read(8)
    if ext in _MAGIC:
        return None if head.startswith(_MAGIC[ext]) else f"its content is not a .{ext} file"
    if ext in _OFFICE_PART:
        return (
            _office_problem(upload, ext) if head.startswith(b"PK\x03\x04") else f"it is not a .{ext} document"
        )
    upload.seek(0)
    return _text_problem(upload.read())


def add_attachment(actor: Actor, p: Project, upload: UploadedFile[Any]) -> Attachment:
    """Attach a file to a draft project: an allowed type (pdf, docx, xlsx, csv, txt, png, jpeg), checked by
    its content, within that type's size bound."""
    if not access.can_edit_project(actor, p):
        raise PermissionDenied("attachments are added while the project is a draft or returned")
    name = upload.name or "file"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    size = upload.size or 0
    problems = []
    if ext not in ATTACHMENT_TYPES:
        problems.append(Detail(("file",), f"{name}: allowed types are {', '.join(ATTACHMENT_TYPES)}"))
    elif size == 0:
        problems.append(Detail(("file",), f"{name} is empty"))
    elif size > MAX_BYTES_BY_TYPE[ext]:
        limit = MAX_BYTES_BY_TYPE[ext] // (1024 * 1024)
        problems.append(Detail(("file",), f"{name}: a .{ext} file may be at most {limit} MB"))
    elif (why := attachment_problem(upload, ext)) is not None:
        problems.append(Detail(("file",), f"{name}: {why}; save it again as .{ext} or choose the right file"))
    if problems:
        raise ValidationFailed("invalid attachment", details=problems)
    upload.seek(0)
    with transaction.atomic():
        a = Attachment(project=p, file=upload, name=name[:200], size=size, uploaded_by=as_user(actor))
        a.save()
        after = audit.snapshot(a, exclude=frozenset({"file"})) | {"file": a.file.name}
        audit.record(actor, "attach", a, None, after, jurisdiction_id=p.jurisdiction_id)
    return a


def remove_attachment(actor: Actor, a: Attachment) -> Attachment:
    """Soft-delete an attachment (audited): it is no longer listed or served; the file stays for the record."""
    p = a.project
    if not access.can_edit_project(actor, p):
        raise PermissionDenied("attachments are removed while the project is a draft or returned")
    with transaction.atomic():
        row = Attachment.all_objects.select_for_update().get(pk=a.pk)
        if row.deleted_at is None:
            before = audit.snapshot(row, exclude=frozenset({"file"}))
            row.deleted_at, row.deleted_by = clock.now(), as_user(actor)
            row.save(update_fields=["deleted_at", "deleted_by"])
            b, after = audit.changed(before, audit.snapshot(row, exclude=frozenset({"file"})))
            audit.record(actor, "delete", row, b, after, jurisdiction_id=p.jurisdiction_id)
    return row


def live_attachment(actor: Actor, pk: int) -> Attachment:
    """An attachment to serve: live (not soft-deleted) and on a project ``actor`` may see; NotFound else."""
    a = Attachment.objects.filter(pk=pk, deleted_at__isnull=True).select_related("project").first()
    if a is None:
        raise NotFound("no such attachment")
    get_project(actor, a.project_id)  # NotFound unless the project is visible
    return a


def save_search(actor: Actor, name: str, query: str) -> SavedSearch:
    if not access.can_use_portal(actor):
        raise PermissionDenied("saved searches are for funders and the TAP desk")
    if not name.strip():
        raise ValidationFailed("name the search", details=[Detail(("name",), "required")])
    with transaction.atomic():
        s = SavedSearch.objects.create(user_id=access.uid(actor), name=name.strip()[:100], query=query[:500])
        audit.record(actor, "create", s, None, audit.snapshot(s))
    return s


def figures(actor: Actor) -> dict[str, Any]:
    """Pipeline figures for the desk: counts, and funding sought per currency (never converted), by region and
    sector. A project with several sectors counts in each."""
    if not access.can_see_figures(actor):
        raise PermissionDenied("pipeline figures are for the TAP desk")
    qs = Project.objects.exclude(status=tap_rules.DRAFT).select_related("jurisdiction")
    by_status: dict[str, int] = defaultdict(int)
    sought: dict[str, Decimal] = defaultdict(Decimal)
    region: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    sector: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for p in qs:
        by_status[p.status] += 1
        if p.status in tap_rules.FUNDER_VISIBLE:
            sought[p.currency] += p.funding_sought
            region[(p.jurisdiction.region or "—", p.currency)] += p.funding_sought
            for s in p.sectors or ["—"]:
                sector[(s, p.currency)] += p.funding_sought
    return {
        "by_status": dict(by_status),
        "pipeline_projects": sum(by_status[s] for s in tap_rules.FUNDER_VISIBLE),
        "sought": dict(sorted(sought.items())),
        "by_region": [{"region": r, "currency": c, "sought": v} for (r, c), v in sorted(region.items())],
        "by_sector": [{"sector": s, "currency": c, "sought": v} for (s, c), v in sorted(sector.items())],
    }
