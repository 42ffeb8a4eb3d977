"""The public cache (registry.base.publiccache, faces.web.pagecache, faces.api.http): anonymous pages and API
reads are built once and served from the cache; a publication, a correction or a profile edit shows at once;
signed-in users' views (drafts, the workspace link) are never stored or served from it."""

from __future__ import annotations

import json
import re

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from localaction.registry import services
from localaction.registry.base import publiccache
from localaction.registry.base.access import SYSTEM
from tests.factories import World, complete_lines, make_world, published_inventory, ready_inventory

pytestmark = pytest.mark.django_db

PAGE = "/jurisdictions/sao-paulo/"
NONCE = re.compile(r'nonce="([^"]+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _public_cache_on(settings: object) -> None:
    settings.LOCALACTION_PUBLIC_CACHE = True  # type: ignore[attr-defined]  # off in the rest of the suite


@pytest.fixture
def world() -> World:
    return make_world()


def _get(client: Client, path: str) -> tuple[int, str, bool]:
    r = client.get(path)
    return r.status_code, r.content.decode(), r.get("X-Public-Cache") == "hit"


def _normalised(html: str) -> str:
    """The page without what differs per response (the CSP nonce, the CSRF token)."""
    return TOKEN.sub('name="csrfmiddlewaretoken" value="T"', NONCE.sub('nonce="N"', html))


def _publish_correction(world: World, published: object, value: float) -> object:
    fix = services.open_correction(world.users["editor_a"], published, comment="fix")
    fix = services.replace_contents(
        world.users["editor_a"], fix, revision=fix.revision, lines=complete_lines(value)
    )
    fix = services.submit(world.users["approver_a"], fix, revision=fix.revision)
    fix = services.validate(world.users["reviewer"], fix, revision=fix.revision)
    return services.publish(world.users["admin"], fix, revision=fix.revision)


def test_an_anonymous_page_is_built_once_and_served_the_same(world: World) -> None:
    published_inventory(world)
    first = Client().get(PAGE)
    assert first.status_code == 200 and first.get("X-Public-Cache") is None
    visitor = Client()
    second = visitor.get(PAGE)
    assert second.get("X-Public-Cache") == "hit"
    a, b = first.content.decode(), second.content.decode()
    assert _normalised(a) == _normalised(b)
    assert "sao-paulo" in b and "\x00" not in b
    # This response's own nonce, named by its CSP header; this visitor's own CSRF token.
    nonces = set(NONCE.findall(b))
    assert len(nonces) == 1 and nonces != set(NONCE.findall(a))
    assert f"'nonce-{nonces.pop()}'" in second["Content-Security-Policy"]
    tokens = TOKEN.findall(b)
    assert tokens and tokens != TOKEN.findall(a)
    secret = visitor.cookies["csrftoken"].value
    assert all(_unmask_cipher_token(t) == secret for t in tokens)


def test_a_publication_shows_at_once_on_the_page_and_in_the_api(world: World) -> None:
    anon = Client()
    _, before, _ = _get(anon, PAGE)
    _, api_before, _ = _get(anon, "/api/v1/inventories/?jurisdiction=sao-paulo")
    assert _get(anon, PAGE)[2] and _get(anon, "/api/v1/inventories/?jurisdiction=sao-paulo")[2]
    assert json.loads(api_before)["count"] == 0
    inv = published_inventory(world)
    status, after, hit = _get(anon, PAGE)
    assert status == 200 and not hit and _normalised(after) != _normalised(before)
    assert f"/inventories/{inv.pk}/" in after
    _, api_after, hit = _get(anon, "/api/v1/inventories/?jurisdiction=sao-paulo")
    assert not hit and json.loads(api_after)["count"] == 1


def test_a_published_correction_shows_at_once(world: World) -> None:
    old = published_inventory(world)
    anon = Client()
    path = f"/api/v1/inventories/{old.pk}"
    _, first, _ = _get(anon, path)
    _, again, hit = _get(anon, path)
    assert hit and again == first and json.loads(first)["superseded_at"] is None
    _get(anon, PAGE)
    fix = _publish_correction(world, old, 250_000.0)
    _, after, hit = _get(anon, path)
    assert not hit and json.loads(after)["superseded_at"] is not None
    _, page, hit = _get(anon, PAGE)
    assert not hit and f"/inventories/{fix.pk}/" in page
    new = json.loads(_get(anon, f"/api/v1/inventories/{fix.pk}")[1])
    assert new["basic_tco2e"] != json.loads(first)["basic_tco2e"]


def test_a_profile_edit_shows_at_once(world: World) -> None:
    anon = Client()
    _get(anon, PAGE)
    _get(anon, "/")
    assert _get(anon, PAGE)[2]
    jur = services.get_jurisdiction("sao-paulo")
    services.update_jurisdiction(SYSTEM, jur, revision=jur.revision, region="Sudeste Paulista")
    _, page, hit = _get(anon, PAGE)
    assert not hit and "Sudeste Paulista" in page
    _, api, _ = _get(anon, "/api/v1/jurisdictions/sao-paulo")
    assert "Sudeste Paulista" in api


def test_signed_in_views_never_come_from_or_go_to_the_public_cache(world: World) -> None:
    published_inventory(world)
    draft = ready_inventory(world, 2023)
    editor = Client()
    editor.force_login(world.users["editor_a"])
    # The city's editor sees the draft (API) and the workspace link (page); none of it is stored.
    r = editor.get(f"/api/v1/inventories/{draft.pk}")
    assert r.status_code == 200 and r.get("X-Public-Cache") is None and "private" in r["Cache-Control"]
    page = editor.get(PAGE)
    assert "/workspace/" in page.content.decode() and page.get("X-Public-Cache") is None
    assert editor.get(PAGE).get("X-Public-Cache") is None
    anon = Client()
    assert anon.get(f"/api/v1/inventories/{draft.pk}").status_code == 404
    status, html, hit = _get(anon, PAGE)
    assert status == 200 and not hit and "/workspace/" not in html
    # Once the anonymous page is cached, the editor still gets a page built for them.
    assert _get(anon, PAGE)[2]
    again = editor.get(PAGE)
    assert again.get("X-Public-Cache") is None and world.users["editor_a"].username in again.content.decode()
    # A token's read is never cached either.
    from localaction.registry.base import tokens

    _, raw = tokens.create_token(SYSTEM, world.users["editor_a"], scopes=["read"], name="t")
    with_token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    for _ in range(2):
        r = with_token.get(f"/api/v1/inventories/{draft.pk}")
        assert r.status_code == 200 and r.get("X-Public-Cache") is None


def test_draft_edits_keep_the_generation_and_a_publication_replaces_it(world: World) -> None:
    draft = ready_inventory(world, 2023)
    before = publiccache.generation()
    draft = services.replace_contents(
        world.users["editor_a"], draft, revision=draft.revision, lines=complete_lines(5.0)
    )
    assert publiccache.generation() == before  # a draft is private: the public's answers stay cached
    draft = services.submit(world.users["approver_a"], draft, revision=draft.revision)
    draft = services.validate(world.users["reviewer"], draft, revision=draft.revision)
    assert publiccache.generation() == before
    services.publish(world.users["admin"], draft, revision=draft.revision)
    assert publiccache.generation() != before


def test_a_sign_in_keeps_the_generation(world: World) -> None:
    user = world.users["editor_a"]
    user.set_password("a long enough password 1")
    user.save()
    before = publiccache.generation()
    from django.urls import reverse

    r = Client().post(
        reverse("web:login"), {"username": user.username, "password": "a long enough password 1"}
    )
    assert r.status_code == 302  # signed in
    assert publiccache.generation() == before


def test_a_lost_generation_never_revives_old_entries() -> None:
    first = publiccache.generation()
    cache.delete(publiccache.GENERATION_KEY)
    assert publiccache.generation() != first


def test_a_page_with_a_query_is_never_stored(world: World) -> None:
    anon = Client()
    for _ in range(2):
        r = anon.get(PAGE + "?anything=1")
        assert r.status_code == 200 and r.get("X-Public-Cache") is None
    assert _get(anon, PAGE)[2] is False and _get(anon, PAGE)[2] is True


def test_another_host_gets_its_own_links(world: World) -> None:
    published_inventory(world, 2021)
    published_inventory(world, 2022)  # two: the first page of one has a "next" link
    path = "/api/v1/inventories/?jurisdiction=sao-paulo&limit=1&offset=0"
    a = Client().get(path, HTTP_HOST="localhost")
    assert Client().get(path, HTTP_HOST="localhost").get("X-Public-Cache") == "hit"
    b = Client().get(path, HTTP_HOST="127.0.0.1")
    assert b.get("X-Public-Cache") is None
    assert json.loads(a.content)["next"].startswith("http://localhost/")
    assert json.loads(b.content)["next"].startswith("http://127.0.0.1/")


def test_a_visitor_waits_for_the_page_another_is_building_then_builds_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from localaction.faces.web import pagecache

    published_inventory(world)
    monkeypatch.setattr(pagecache, "WAIT_SECONDS", 0.3)
    anon = Client()
    request = anon.get(PAGE).wsgi_request  # the key this visitor's request has (nothing cached yet: built)
    key = pagecache.page_key(request)
    cache.delete(key)
    cache.add(key + ":building", 1)  # someone else is building it and never finishes
    r = anon.get(PAGE)
    assert r.status_code == 200 and r.get("X-Public-Cache") is None and "sao-paulo" in r.content.decode()
