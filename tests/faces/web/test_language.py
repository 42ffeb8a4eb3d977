"""The language choice persists: a signed-in user's profile field, a visitor's cookie, a shared link's
``?lang=`` (docs/translating.md)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import User

COOKIE = settings.LANGUAGE_COOKIE_NAME
pytestmark = pytest.mark.django_db


def lang_of(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def user(name: str, language: str = "", password: str = "a long pass phrase 42") -> User:
    u = services.create_user(SYSTEM, name, password=password, check_password=False)
    u.language = language
    u.save()
    return u


def test_a_shared_link_opens_in_its_language_and_sets_the_cookie() -> None:
    client = Client()
    r = client.get(reverse("web:directory") + "?lang=es")
    assert r.status_code == 200
    assert lang_of(r) == "es" and "Directorio" in r.content.decode()
    assert r.cookies[COOKIE].value == "es"
    assert r["Content-Language"] == "es"
    # the pages opened from it stay Spanish (the cookie), with no parameter
    again = client.get(reverse("web:home"))
    assert lang_of(again) == "es" and "Directorio" in again.content.decode()


def test_a_link_names_the_language_in_any_case() -> None:
    r = Client().get(reverse("web:home") + "?lang=pt-BR")
    assert lang_of(r) == "pt-BR" and "Diretório" in r.content.decode()  # BCP 47 in the page


def test_an_unknown_language_in_the_link_is_ignored() -> None:
    r = Client(HTTP_ACCEPT_LANGUAGE="fr").get(reverse("web:home") + "?lang=xx")
    assert lang_of(r) == "fr"
    assert COOKIE not in r.cookies


def test_a_visitor_without_a_choice_gets_accept_language_and_the_selector_sets_the_cookie() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    assert lang_of(client.get(reverse("web:home"))) == "fr"
    r = client.post(reverse("web:set_language"), {"language": "es", "next": "/"})
    assert r.status_code == 302 and r.cookies[COOKIE].value == "es"
    assert lang_of(client.get(reverse("web:home"))) == "es"  # the cookie beats Accept-Language


def test_a_signed_in_users_profile_language_applies_on_each_request() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.cookies[COOKIE] = "de"
    client.force_login(user("ana", "fr"))
    r = client.get(reverse("web:home"))
    assert lang_of(r) == "fr" and "Annuaire" in r.content.decode()


def test_the_selector_saves_a_signed_in_users_choice_in_their_profile() -> None:
    ana = user("ana", "fr")
    client = Client()
    client.force_login(ana)
    r = client.post(reverse("web:set_language"), {"language": "pt-br", "next": "/"})
    assert r.status_code == 302
    ana.refresh_from_db()
    assert ana.language == "pt-br"
    # a fresh browser (no cookie) signed in as her still gets it
    other = Client()
    other.force_login(ana)
    assert lang_of(other.get(reverse("web:home"))) == "pt-BR"


def test_the_selector_refuses_an_unknown_language() -> None:
    ana = user("ana", "fr")
    client = Client()
    client.force_login(ana)
    client.post(reverse("web:set_language"), {"language": "xx", "next": "/"})
    ana.refresh_from_db()
    assert ana.language == "fr"


def test_a_link_does_not_change_a_signed_in_users_profile() -> None:
    ana = user("ana", "fr")
    client = Client()
    client.force_login(ana)
    assert lang_of(client.get(reverse("web:home") + "?lang=es")) == "es"
    ana.refresh_from_db()
    assert ana.language == "fr"


def test_sign_in_takes_the_visitors_choice_into_an_empty_profile() -> None:
    user("ana", "")
    client = Client()
    client.cookies[COOKIE] = "es"
    r = client.post(reverse("web:login"), {"username": "ana", "password": "a long pass phrase 42"})
    assert r.status_code == 302
    assert User.objects.get(username="ana").language == "es"


def test_sign_in_applies_the_profiles_language_and_sets_the_cookie() -> None:
    user("ana", "fr")
    client = Client()
    client.cookies[COOKIE] = "es"
    r = client.post(reverse("web:login"), {"username": "ana", "password": "a long pass phrase 42"})
    assert r.status_code == 302
    assert r.cookies[COOKIE].value == "fr"
    assert User.objects.get(username="ana").language == "fr"
    client.post(reverse("web:logout"))
    assert lang_of(client.get(reverse("web:home"))) == "fr"  # still French after signing out


def test_the_html_lang_is_the_active_language_as_bcp47_with_its_direction() -> None:
    for code, tag in (("zh-hans", "zh-Hans"), ("ko", "ko"), ("en", "en"), ("de", "de")):
        html = Client().get(reverse("web:home") + f"?lang={code}").content.decode()
        assert f'<html lang="{tag}" dir="ltr"' in html, code


def test_the_workspace_to_do_list_goes_through_the_catalogue(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from localaction.registry.services import workspace
    from tests.factories import make_world

    world = make_world()
    monkeypatch.setattr(workspace, "_", lambda s: f"«{s}»")
    messages = [d.message for d in workspace.due_items(world.users["editor_a"], world.city_a)]
    assert "«No published inventory yet: compile one and submit it.»" in messages
    assert all(m.startswith("«") for m in messages), messages
