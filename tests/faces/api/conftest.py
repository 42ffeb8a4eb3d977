"""API test helpers: a client per role (token auth), the world of tests/factories/py/"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from localaction.registry.base import tokens
from localaction.registry.base.access import SYSTEM
from tests.factories import ROLES, World

BASE = "/api/v1"


class Api:
    """A thin JSON client: ``api.get("/inventories/1")`` → (status, body)."""

    def __init__(self, client: Client, token: str | None) -> None:
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str, body: Any = None, **extra: Any) -> tuple[int, Any]:
        url = path if path.startswith("/api/") else BASE + path
        kwargs: dict[str, Any] = {**self.headers, **extra}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        response = getattr(self.client, method.lower())(url, **kwargs)
        ctype = response.get("Content-Type", "")
        payload = (
            response.json() if ctype.startswith("application/json") and response.content else response.content
        )
        return response.status_code, payload

    def get(self, path: str, **kw: Any) -> tuple[int, Any]:
        return self.call("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> tuple[int, Any]:
        return self.call("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> tuple[int, Any]:
        return self.call("PUT", path, body, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> tuple[int, Any]:
        return self.call("PATCH", path, body, **kw)

    def delete(self, path: str, **kw: Any) -> tuple[int, Any]:
        return self.call("DELETE", path, **kw)


def api_for(world: World, role: str, scopes: tuple[str, ...] = ("write",)) -> Api:
    user = world.users[role]
    raw = None
    if user is not None:
        _, raw = tokens.create_token(SYSTEM, user, scopes=scopes)
    return Api(Client(), raw)


@pytest.fixture
def apis(world: World) -> dict[str, Api]:
    return {role: api_for(world, role) for role in ROLES}


def assert_error_shape(body: Any) -> None:
    assert set(body) == {"error"}, body
    err = body["error"]
    assert isinstance(err["code"], str) and err["code"]
    assert isinstance(err["message"], str)
    for d in err["details"]:
        assert set(d) == {"loc", "msg"}
