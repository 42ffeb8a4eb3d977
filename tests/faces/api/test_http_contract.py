"""What every client may rely on beyond the bodies: the index, both slash forms, HEAD, OPTIONS and CORS,
405 in the error shape, ETag / Last-Modified with 304, paging links, CSV pages, one timestamp form, names
(operationIds, path parameters, units, types) that stay the same everywhere, and a cached document."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from typing import Any, get_args

from django.test import Client
from pydantic import BaseModel

from localaction.faces.api import api
from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from tests.faces.api.conftest import Api, assert_error_shape
from tests.factories import World, published_inventory

V = "/api/v1"


def test_index_lists_the_parts() -> None:
    response = Client().get(V + "/")
    assert response.status_code == 200
    bare = Client().get(V)  # without the slash: the same index, no redirect
    assert bare.status_code == 200 and bare.json() == response.json()
    body = response.json()
    assert body["openapi"].endswith("/api/v1/openapi.json")
    assert {"inventories", "jurisdictions", "targets", "insights"} <= set(body["resources"])
    assert body["resources"]["inventories"].endswith("/api/v1/inventories/")


def test_document_is_built_once() -> None:
    c = Client()
    c.get(V + "/openapi.json")
    start = time.perf_counter()
    for _ in range(5):
        response = c.get(V + "/openapi.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert (time.perf_counter() - start) / 5 < 0.5  # it took 3.5-6 s per request when built every time
    assert api.get_openapi_schema() == response.json()


def test_document_is_valid_openapi() -> None:
    from openapi_spec_validator import validate

    doc = Client().get(V + "/openapi.json").json()
    validate(doc)  # raises on the first error
    assert sum(len(ops) for ops in doc["paths"].values()) >= 95


def test_both_slash_forms(world: World) -> None:
    published_inventory(world)
    c = Client()
    for path in ("/inventories/", "/inventories", "/jurisdictions/sao-paulo", "/jurisdictions/sao-paulo/"):
        assert c.get(V + path).status_code == 200, path
    assert c.get(V + "/solutions/").status_code == 200
    assert c.get(V + "/no/such/thing/").status_code == 404


def test_offset_beyond_range_is_422_not_500(world: World) -> None:
    for path in ("/inventories/", "/jurisdictions/", "/networks/", "/targets/"):
        response = Client().get(f"{V}{path}?offset=99999999999999999999")
        assert response.status_code == 422, (path, response.content)
        assert_error_shape(response.json())
        assert Client().get(f"{V}{path}?offset=2147483647").status_code == 200  # just empty


def test_head_options_and_405(world: World) -> None:
    published_inventory(world)
    c = Client()
    get = c.get(V + "/inventories/")
    head = c.head(V + "/inventories/")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and int(head["Content-Length"]) == len(get.content)
    options = c.options(V + "/inventories/")
    assert options.status_code == 204
    assert set(options["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
    wrong = c.put(V + "/inventories/")
    assert wrong.status_code == 405 and wrong["Content-Type"] == "application/json"
    assert wrong.json()["error"]["code"] == "method_not_allowed" and "POST" in wrong["Allow"]


def test_cors_for_anonymous_reads_only(world: World, apis: dict[str, Api]) -> None:
    published_inventory(world)
    c = Client()
    anon = c.get(V + "/inventories/", HTTP_ORIGIN="https://example.org")
    assert anon["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in anon
    assert "ETag" in anon["Access-Control-Expose-Headers"] and "Link" in anon["Access-Control-Expose-Headers"]
    signed_in = c.get(V + "/inventories/", HTTP_ORIGIN="https://example.org", **apis["editor_a"].headers)
    assert "Access-Control-Allow-Origin" not in signed_in
    preflight = c.options(
        V + "/inventories/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    for method, headers in (("POST", ""), ("GET", "authorization")):
        refused = c.options(
            V + "/inventories/",
            HTTP_ORIGIN="https://example.org",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
        )
        assert "Access-Control-Allow-Origin" not in refused, (method, headers)


def test_etag_last_modified_and_304(world: World, apis: dict[str, Api]) -> None:
    inv = published_inventory(world)
    c = Client()
    url = f"{V}/inventories/{inv.pk}"
    first = c.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"].startswith("public") and "s-maxage=" in first["Cache-Control"]
    again = c.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert c.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert c.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    # A change of the data changes the ETag, and Last-Modified moves on: no stale 304.
    services.set_stat(SYSTEM, world.city_a, year=2022, population=12_000_000)
    profile = f"{V}/jurisdictions/sao-paulo"
    before = c.get(profile)
    services.set_stat(SYSTEM, world.city_a, year=2023, population=12_100_000)
    after = c.get(profile, HTTP_IF_NONE_MATCH=before["ETag"], HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert c.get(profile, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 200
    private = apis["editor_a"].client.get(url, **apis["editor_a"].headers)
    assert private["Cache-Control"] == "private, no-cache" and "Last-Modified" not in private
    assert "Authorization" in private["Vary"]
    write = apis["editor_a"].client.post(V + "/inventories/", **apis["editor_a"].headers)
    assert write["Cache-Control"] == "no-store"


def test_pages_link_and_csv_pages(world: World) -> None:
    for year in (2019, 2020, 2021):
        published_inventory(world, year)
    c = Client()
    first = c.get(V + "/inventories/?limit=2")
    body = first.json()
    assert body["count"] == 3 and len(body["items"]) == 2 and body["previous"] is None
    assert body["next"].endswith("offset=2&limit=2") or "offset=2" in body["next"]
    assert f'<{body["next"]}>; rel="next"' in first["Link"] and first["X-Total-Count"] == "3"
    last = c.get(body["next"]).json()
    assert len(last["items"]) == 1 and last["next"] is None and "offset=0" in last["previous"]
    csv = c.get(V + "/inventories/?limit=2&format=csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8" and 'rel="next"' in csv["Link"]
    rows = csv.content.decode("utf-8-sig").split("\r\n")
    assert len([r for r in rows if r]) == 3  # the header and the page's two rows
    csv_last = c.get(V + "/inventories/?limit=2&offset=2&format=csv").content.decode("utf-8-sig")
    assert len([r for r in csv_last.split("\r\n") if r]) == 2


ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def test_one_timestamp_form_and_the_same_in_csv(world: World) -> None:
    inv = published_inventory(world)
    c = Client()
    body = c.get(f"{V}/inventories/{inv.pk}").json()
    for name in ("published_at", "created_at", "updated_at", "submitted_at", "validated_at"):
        assert ISO.match(body[name]), (name, body[name])
    csv = c.get(V + "/inventories/?format=csv").content.decode("utf-8-sig")
    assert body["published_at"] in csv


def test_names_and_types_stay_the_same(world: World, apis: dict[str, Api]) -> None:
    doc = api.get_openapi_schema()
    ids = [op["operationId"] for ops in doc["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(_[a-z0-9]+)*", i) and "localaction" not in i for i in ids), ids
    assert "update_inventory_line" in ids
    jurisdiction_params = {
        m.group(1) for p in doc["paths"] for m in re.finditer(r"/jurisdictions/\{(\w+)\}", p)
    } | {m.group(1) for p in doc["paths"] for m in re.finditer(r"/(?:members|peers)/\{(\w+)\}", p)}
    assert jurisdiction_params == {"ref"}
    text = str(doc["components"]["schemas"])
    assert (
        "'co2e_t'" not in text
        and "emissions_tco2e" in doc["components"]["schemas"]["RecordOut"]["properties"]
    )
    populations = {
        (name, str(schema["properties"]["population"]))
        for name, schema in doc["components"]["schemas"].items()
        if "population" in schema.get("properties", {}) and not name.endswith("In")
    }
    assert populations and all("'integer'" in t and "'number'" not in t for _, t in populations), populations
    lines = doc["components"]["schemas"]["GpcLineOut"]["properties"]["notation_keys"]
    assert lines["type"] == "array" and lines["items"] == {"type": "string"}
    inv = published_inventory(world)
    status, records = apis["anonymous"].get(f"/inventories/{inv.pk}/lines")
    assert status == 200 and all(isinstance(r["notation_keys"], list) for r in records)


def _models(tp: Any, seen: set[type]) -> None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in seen:
            return
        seen.add(tp)
        for f in tp.model_fields.values():
            _models(f.annotation, seen)
    for arg in get_args(tp):
        _models(arg, seen)


def test_no_two_schemas_share_a_name() -> None:
    """Two classes of one name overwrite each other in the document (the 10 % commitments' schema once
    replaced the commitments', so clients expected a field answers never had)."""
    seen: set[type] = set()
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for op in path_view.operations:
                for model in [*op.response_models.values(), *op.models]:
                    _models(model, seen)
    names: dict[str, set[str]] = defaultdict(set)
    for cls in seen:
        if cls.__module__.startswith("localaction") or cls.__module__.startswith("ninja"):
            names[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    clashes = {n: c for n, c in names.items() if len(c) > 1 and not n.startswith(("Response", "Input"))}
    assert not clashes, clashes
