"""schemathesis against our OpenAPI schema, in-process on the WSGI app: no generated request gets a 500.

One world for all operations (building it per operation is what makes such tests slow); a few examples each.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.serializers.json import DjangoJSONEncoder
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from localaction.faces.api import api
from localaction.registry.base import tokens
from localaction.registry.base.access import SYSTEM
from tests.factories import World, published_inventory, ready_inventory

# JSON round trip: the schema holds lazy translations (model help texts) until rendered.
SCHEMA = schemathesis.openapi.from_dict(
    json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))
)
EXAMPLES = 5


@pytest.mark.django_db
def test_no_server_error(world: World) -> None:
    published_inventory(world)
    ready_inventory(world, 2021)
    _, raw = tokens.create_token(SYSTEM, world.users["editor_a"], scopes=("write",))
    app = get_wsgi_application()
    headers = {"Authorization": f"Bearer {raw}"}
    failures: list[Any] = []
    # As Django's test client does: the WSGI app must not close the test's connection between requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        _run_all(app, headers, failures)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert not failures, failures


def _run_all(app: Any, headers: dict[str, str], failures: list[Any]) -> None:
    for result in SCHEMA.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: schemathesis.Case) -> None:
            response = case.call(app=app, headers=headers)
            if response.status_code >= 500:
                failures.append(
                    (case.method, case.formatted_path, case.query, case.body, response.text[:300])
                )

        run()
