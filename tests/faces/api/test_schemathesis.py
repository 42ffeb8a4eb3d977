"""schemathesis against the live OpenAPI document, in-process on the WSGI app: every generated request's
answer is checked against what the document declares (status codes, content types, headers, the body's
schema) and none is a 500. Valid and invalid requests, as an editor (token) and as the public.

One world for all operations (building it per operation is what makes such tests slow), with something
behind every route (``worlds.rich_world``): valid requests name ids that exist, so their bodies are checked
too, not only 404s. A few examples each.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from localaction.registry.base import tokens
from localaction.registry.base.access import SYSTEM
from tests.faces.api.worlds import Rich, real_values, rich_world

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 4


@pytest.mark.django_db
def test_responses_conform_to_the_document() -> None:
    rich = rich_world()
    _, raw = tokens.create_token(SYSTEM, rich.world.users["editor_a"], scopes=("write",))
    live = Client().get("/api/v1/openapi.json")  # the document the server serves, not the object
    schema = schemathesis.openapi.from_dict(json.loads(live.content))
    app = get_wsgi_application()
    failures: list[str] = []
    # As Django's test client does: the WSGI app must not close the test's connection between requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            _run(rich, operation, app, {"Authorization": f"Bearer {raw}"}, failures)
            if operation.method.upper() == "GET":
                _run(rich, operation, app, {}, failures)  # the public: CORS, caching headers, 401/404
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert not failures, "\n".join(failures[:40]) + f"\n… {len(failures)} failures"


def _name_real_things(rich: Rich, case: schemathesis.Case) -> None:
    """Valid requests ask for ids that exist (picked by the generated value, so runs are repeatable)."""
    for name, drawn in (case.path_parameters or {}).items():
        values = real_values(rich, case.operation.path, name)
        if values:
            case.path_parameters[name] = values[zlib.crc32(str(drawn).encode()) % len(values)]


def _run(rich: Rich, operation: Any, app: Any, headers: dict[str, str], failures: list[str]) -> None:
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        _run_mode(rich, operation, app, headers, failures, mode)


def _run_mode(
    rich: Rich, operation: Any, app: Any, headers: dict[str, str], failures: list[str], mode: GenerationMode
) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case: schemathesis.Case) -> None:
        if mode == GenerationMode.POSITIVE:
            _name_real_things(rich, case)
        response = case.call(app=app, headers=headers)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (Exception, BaseExceptionGroup) as exc:  # a failed check: go on, report them all
            who = "editor" if headers else "public"
            failures.append(
                f"{case.method} {case.formatted_path} {case.query} as {who} ({mode.value}): "
                f"{response.status_code} {str(exc)[:400]}"
            )

    run()
