"""Every web route × every role: the status each role gets. The table must name every route of
``localaction.faces.web.urls``: a new route without a row fails ``test_every_route_has_a_row``.

GET requests; POST-only routes answer 405 to a signed-in GET (anonymous users are sent to sign in first).
Drafts of another jurisdiction are 404 (never revealed); seeing but not changing is 403.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from tests.access import check_table, run_matrix
from tests.faces.web.conftest import Site
from tests.factories import ROLES

ALL_200 = dict.fromkeys(ROLES, 200)
SIGNED_IN = {r: 200 for r in ROLES if r != "anonymous"} | {"anonymous": 302}
POST_ONLY = {r: 405 for r in ROLES if r != "anonymous"} | {"anonymous": 302}
MEMBERS_OF_A = {"anonymous": 302, "editor_a": 200, "approver_a": 200, "editor_b": 404,
                "reviewer": 200, "verifier": 200, "admin": 200}  # fmt: skip
EDIT_A = {"anonymous": 302, "editor_a": 200, "approver_a": 200, "editor_b": 404,
          "reviewer": 403, "verifier": 403, "admin": 403}  # fmt: skip
CREATE_IN_A = EDIT_A | {"editor_b": 403}
DESK = {"anonymous": 302, "editor_a": 403, "approver_a": 403, "editor_b": 403,
        "reviewer": 200, "verifier": 200, "admin": 200}  # fmt: skip

Case = tuple[Callable[[Site], str], dict[str, int]]
# route name → cases (URL builder, expected status per role)
_ROWS: dict[str, list[Case]] = {
    "home": [(lambda s: reverse("web:home"), ALL_200)],
    "directory": [(lambda s: reverse("web:directory") + "?q=sao", ALL_200)],
    "jurisdiction": [(lambda s: reverse("web:jurisdiction", args=["sao-paulo"]), ALL_200)],
    "chart_csv": [(lambda s: reverse("web:chart_csv", args=["sao-paulo", "trend"]), ALL_200)],
    "inventory": [
        (lambda s: reverse("web:inventory", args=[s.published.pk]), ALL_200),
        (lambda s: reverse("web:inventory", args=[s.draft.pk]), MEMBERS_OF_A | {"anonymous": 404}),
    ],
    "inventory_download": [
        (lambda s: reverse("web:inventory_download", args=[s.published.pk, "csv"]), ALL_200),
        (
            lambda s: reverse("web:inventory_download", args=[s.draft.pk, "xlsx"]),
            MEMBERS_OF_A | {"anonymous": 404},
        ),
    ],
    "inventory_export": [
        (lambda s: reverse("web:inventory_export", args=[s.published.pk, "records", "csv"]), ALL_200),
        (lambda s: reverse("web:inventory_export", args=[s.published.pk, "crf", "xlsx"]), ALL_200),
        (
            lambda s: reverse("web:inventory_export", args=[s.draft.pk, "records", "xlsx"]),
            MEMBERS_OF_A | {"anonymous": 404},
        ),
        (
            lambda s: reverse("web:inventory_export", args=[s.draft.pk, "crf", "csv"]),
            MEMBERS_OF_A | {"anonymous": 404},
        ),
    ],
    "compare": [(lambda s: reverse("web:compare") + "?j=sao-paulo&j=seoul", ALL_200)],
    "compare_csv": [(lambda s: reverse("web:compare_csv") + "?j=sao-paulo&j=seoul", ALL_200)],
    "factors": [(lambda s: reverse("web:factors") + "?q=diesel", ALL_200)],
    "activity_template": [
        (lambda s: reverse("web:activity_template", args=["xlsx"]), ALL_200),
        (lambda s: reverse("web:activity_template", args=["csv"]) + "?example=1", ALL_200),
        (lambda s: reverse("web:activity_template", args=["pdf"]), dict.fromkeys(ROLES, 404)),
    ],
    "plotly_js": [(lambda s: reverse("web:plotly_js"), ALL_200)],
    "login": [(lambda s: reverse("web:login"), {r: 302 for r in ROLES} | {"anonymous": 200})],
    "logout": [(lambda s: reverse("web:logout"), dict.fromkeys(ROLES, 405))],
    "set_language": [(lambda s: reverse("web:set_language") + "?next=/", dict.fromkeys(ROLES, 302))],
    "workspace": [(lambda s: reverse("web:workspace"), SIGNED_IN)],
    "landing": [(lambda s: reverse("web:landing"), dict.fromkeys(ROLES, 302))],
    "inventory_new": [(lambda s: reverse("web:inventory_new", args=["sao-paulo"]), CREATE_IN_A)],
    "editor": [(lambda s: reverse("web:editor", args=[s.draft.pk]), MEMBERS_OF_A)],
    "inventory_header": [
        (
            lambda s: reverse("web:inventory_header", args=[s.draft.pk]),
            {
                **MEMBERS_OF_A,
                **dict.fromkeys(("editor_a", "approver_a", "reviewer", "verifier", "admin"), 302),
            },
        )
    ],
    "notation_keys": [
        (
            lambda s: reverse("web:notation_keys", args=[s.draft.pk]),
            {
                **MEMBERS_OF_A,
                **dict.fromkeys(("editor_a", "approver_a", "reviewer", "verifier", "admin"), 302),
            },
        )
    ],
    "record_new": [(lambda s: reverse("web:record_new", args=[s.draft.pk]), EDIT_A)],
    "record_preview": [(lambda s: reverse("web:record_preview", args=[s.draft.pk]), POST_ONLY)],
    "record_edit": [(lambda s: reverse("web:record_edit", args=[s.draft.pk, "rec"]), EDIT_A)],
    "record_delete": [(lambda s: reverse("web:record_delete", args=[s.draft.pk, "rec"]), EDIT_A)],
    "line_edit": [(lambda s: reverse("web:line_edit", args=[s.draft.pk, "I.1.1"]), EDIT_A)],
    "upload": [(lambda s: reverse("web:upload", args=[s.draft.pk]), EDIT_A)],
    "jurisdiction_settings": [
        (
            lambda s: reverse("web:jurisdiction_settings", args=["sao-paulo"]),
            EDIT_A | {"editor_b": 403, "admin": 200},
        )
    ],
    "submission_new": [(lambda s: reverse("web:submission_new", args=["sao-paulo", "target"]), CREATE_IN_A)],
    "submission_edit": [
        (lambda s: reverse("web:submission_edit", args=["target", s.target.pk]), MEMBERS_OF_A)
    ],
    "act": [(lambda s: reverse("web:act", args=["inventory", s.draft.pk]), POST_ONLY)],
    "submission_delete": [
        (lambda s: reverse("web:submission_delete", args=["inventory", s.draft.pk]), EDIT_A),
        (
            lambda s: reverse("web:submission_delete", args=["inventory", s.published.pk]),
            EDIT_A | {"editor_a": 403, "approver_a": 403, "editor_b": 403},
        ),
    ],
    "comment": [(lambda s: reverse("web:comment", args=["inventory", s.draft.pk]), POST_ONLY)],
    "review": [(lambda s: reverse("web:review"), DESK)],
    "review_detail": [
        (lambda s: reverse("web:review_detail", args=["inventory", s.draft.pk]), DESK),
        (lambda s: reverse("web:review_detail", args=["target", s.target.pk]), DESK),
    ],
}
TABLE = {f"web:{name}": cases for name, cases in _ROWS.items()}

# Every route that names a version, for a version in each state (São Paulo's draft, submitted, validated
# and published inventories): what each role gets is decided by the state, as the registry's rules say.
STATES = ("draft", "submitted", "validated", "published")
_CITY_A = ("editor_a", "approver_a")
_DESK_ROLES = ("reviewer", "verifier", "admin")


def _read(state: str) -> dict[str, int]:
    """Public once published; before, the city's members and the secretariat (others: 404)."""
    return (
        ALL_200 if state == "published" else dict.fromkeys(ROLES, 200) | {"anonymous": 404, "editor_b": 404}
    )


def _editor(state: str) -> dict[str, int]:
    return _read(state) | {"anonymous": 302}


def _edit(state: str) -> dict[str, int]:
    """Only a draft's editors and approvers change it; in any other state they are told why (409)."""
    if state == "draft":
        return EDIT_A
    hidden = 403 if state == "published" else 404  # another city sees a published version, not the rest
    return (
        {"anonymous": 302, "editor_b": hidden} | dict.fromkeys(_CITY_A, 409) | dict.fromkeys(_DESK_ROLES, 403)
    )


def _review(state: str) -> dict[str, int]:
    return DESK


def _versions(
    route: str,
    expect: Callable[[str], dict[str, int]],
    before: tuple[str, ...] = (),
    after: tuple[str, ...] = (),
) -> list[Case]:
    def url(state: str) -> Callable[[Site], str]:
        return lambda s: reverse(route, args=[*before, s.version(state).pk, *after])

    return [(url(state), expect(state)) for state in STATES]


for _name, _cases in {
    "web:inventory": _versions("web:inventory", _read),
    "web:editor": _versions("web:editor", _editor),
    "web:record_new": _versions("web:record_new", _edit),
    "web:line_edit": _versions("web:line_edit", _edit, after=("I.1.1",)),
    "web:upload": _versions("web:upload", _edit),
    "web:review_detail": _versions("web:review_detail", _review, before=("inventory",)),
}.items():
    TABLE[_name] = [*TABLE[_name], *_cases]


def test_every_route_has_a_row() -> None:
    assert check_table(TABLE, ROLES, ["web"]) == []


@pytest.mark.django_db
def test_route_role_matrix(site: Site) -> None:
    assert run_matrix(TABLE, site, ROLES, site.client) == []


@pytest.mark.django_db
def test_posts_are_refused_by_the_registry_rules(site: Site) -> None:
    act = reverse("web:act", args=["inventory", site.draft.pk])
    body = {"action": "submit", "revision": site.draft.revision}
    assert site.client("editor_b").post(act, body).status_code == 404  # another city's draft
    assert site.client("editor_a").post(act, body).status_code == 403  # editors do not submit
    assert site.client("reviewer").post(act, {**body, "action": "publish"}).status_code == 302  # message
    site.draft.refresh_from_db()
    assert site.draft.state == "draft"
    delete = reverse("web:record_delete", args=[site.draft.pk, "rec"])
    assert site.client("editor_b").post(delete, {"revision": site.draft.revision}).status_code == 404
    assert site.client("reviewer").post(delete, {"revision": site.draft.revision}).status_code == 403
    assert site.draft.activity_records.filter(record_id="rec").exists()
