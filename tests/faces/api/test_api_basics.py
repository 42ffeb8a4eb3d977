"""Reads, writes, the error shape and CSV over the API."""

from __future__ import annotations

from typing import Any

from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from tests.faces.api.conftest import Api, assert_error_shape
from tests.factories import World, published_inventory, ready_inventory


def test_public_reads_published_inventory(world: World, apis: dict[str, Api]) -> None:
    inv = published_inventory(world)
    services.set_stat(SYSTEM, world.city_a, year=2022, population=12_000_000)
    anon = apis["anonymous"]
    status, body = anon.get(f"/inventories/{inv.pk}")
    assert status == 200, body
    assert body["jurisdiction"] == "sao-paulo" and body["state"] == "published"
    assert body["basic_tco2e"] == inv.basic_tco2e and len(body["gpc_table"]) >= 40
    assert body["allowed_actions"] == []
    status, page = anon.get("/inventories/?jurisdiction=sao-paulo")
    assert status == 200 and page["count"] == 1 and page["items"][0]["id"] == inv.pk
    status, csv_body = anon.get(f"/inventories/{inv.pk}/lines?format=csv")
    assert status == 200 and csv_body.startswith("\ufeffgpc_ref,sector_code,scope".encode())  # BOM first
    assert b"\r\n" in csv_body and b",true," in csv_body  # CRLF, booleans as true/false
    status, profile = anon.get("/jurisdictions/sao-paulo")
    assert status == 200 and profile["inventories"][0]["id"] == inv.pk
    assert profile["published"]["inventory"] == 1
    status, directory = anon.get("/jurisdictions/?q=sao&population_min=1000000")
    assert status == 200 and [r["slug"] for r in directory["items"]] == ["sao-paulo"]
    # the population beside the per-person figure, as on the pages: the inventory's own for its year
    assert (directory["items"][0]["population"], directory["items"][0]["population_year"]) == (
        1_000_000,
        2022,
    )
    status, csv_dir = anon.get("/jurisdictions/?format=csv&country=kr")
    assert status == 200 and "seoul" in csv_dir.decode() and "sao-paulo" not in csv_dir.decode()


def test_draft_is_404_for_public_and_other_city(world: World, apis: dict[str, Api]) -> None:
    inv = ready_inventory(world)
    for role in ("anonymous", "editor_b"):
        status, body = apis[role].get(f"/inventories/{inv.pk}")
        assert status == 404
        assert_error_shape(body)
        status, page = apis[role].get("/inventories/")
        assert inv.pk not in [i["id"] for i in page["items"]]
    status, body = apis["editor_a"].get(f"/inventories/{inv.pk}")
    assert status == 200 and "edit" in body["allowed_actions"]


def test_write_flow_and_errors(world: World, apis: dict[str, Api]) -> None:
    ed = apis["editor_a"]
    status, inv = ed.post("/inventories/", {"jurisdiction": "sao-paulo", "year": 2021, "population": 5})
    assert status == 201, inv
    iid, rev = inv["id"], inv["revision"]
    status, body = ed.put(f"/inventories/{iid}/lines/I.1.1", {"revision": rev, "value_tco2e": 1000})
    assert status == 200, body
    assert body["revision"] == rev + 1 and body["basic_tco2e"] == 1000
    status, body = ed.put(f"/inventories/{iid}/lines/I.1.1", {"revision": rev, "value_tco2e": 5})
    assert status == 409 and body["error"]["code"] == "stale_version"
    status, body = ed.patch(f"/inventories/{iid}", {"revision": rev + 1, "year": "soon"})
    assert status == 422 and any("year" in d["loc"] for d in body["error"]["details"]), body
    status, body = ed.put(f"/inventories/{iid}/lines/X.9.9", {"revision": rev + 1, "value_tco2e": 1})
    assert status == 422, body
    assert_error_shape(body)
    status, body = ed.post(f"/inventories/{iid}/checks")
    assert status == 200 and body["check_errors"] >= 1
    status, body = ed.post(f"/inventories/{iid}/transitions", {"action": "submit", "revision": rev + 1})
    assert status == 403, body  # editors do not submit; approvers do
    status, body = ed.post(f"/inventories/{iid}/comments", {"body": "please check I.1.1", "gpc_ref": "I.1.1"})
    assert status == 201 and body["gpc_ref"] == "I.1.1"
    status, comments = apis["reviewer"].get(f"/inventories/{iid}/comments")
    assert status == 200 and len(comments) == 1
    status, body = apis["anonymous"].post("/inventories/", {"jurisdiction": "sao-paulo", "year": 2021})
    assert status == 401
    assert_error_shape(body)
    status, body = ed.delete(f"/inventories/{iid}?revision={rev + 1}")
    assert status == 204


def test_read_only_token_and_bad_token(world: World) -> None:
    from tests.faces.api.conftest import api_for

    ro = api_for(world, "editor_a", scopes=("read",))
    status, body = ro.post("/inventories/", {"jurisdiction": "sao-paulo", "year": 2021})
    assert status == 403 and body["error"]["code"] == "forbidden"
    bad = Api(ro.client, "la_nope_nope")
    status, body = bad.get("/inventories/")
    assert status == 401
    assert_error_shape(body)


def test_unknown_path_and_bad_json(world: World, apis: dict[str, Api]) -> None:
    status, body = apis["anonymous"].get("/no/such/thing")
    assert status == 404
    assert_error_shape(body)
    response = apis["editor_a"].client.post(
        "/api/v1/inventories/",
        data="{not json",
        content_type="application/json",
        **apis["editor_a"].headers,
    )
    assert response.status_code in (400, 422)
    assert_error_shape(response.json())


def test_target_progress(world: World, apis: dict[str, Api]) -> None:
    published_inventory(world, 2022)
    ed = apis["editor_a"]
    body: dict[str, Any] = {
        "jurisdiction": "sao-paulo",
        "kind": "base_year",
        "target_year": 2030,
        "base_year": 2015,
        "base_emissions_tco2e": 10_000_000,
        "reduction_pct": 50,
    }
    status, t = ed.post("/targets/", body)
    assert status == 201, t
    status, t = ed.get(f"/targets/{t['id']}")
    assert status == 200 and t["progress"]["target_tco2e"] == 5_000_000
    assert t["progress"]["latest_year"] == 2022


def test_submitting_an_inventory_carries_the_approvers_declaration(
    world: World, apis: dict[str, Api]
) -> None:
    """As in the web: the approver declares, or the submission is refused and nothing changes; the text is
    stored with the submission."""
    inv = ready_inventory(world)
    url = f"/inventories/{inv.pk}/transitions"
    status, body = apis["approver_a"].post(url, {"action": "submit", "revision": inv.revision})
    assert status == 422 and body["error"]["code"] == "declaration_required", body
    assert "I declare that" in body["error"]["message"]
    inv.refresh_from_db()
    assert inv.state == "draft"
    status, body = apis["approver_a"].post(
        url, {"action": "submit", "revision": inv.revision, "declare": True}
    )
    assert status == 200 and body["state"] == "submitted", body
    declared = services.declaration_of(inv)
    assert declared is not None and declared["text"].startswith("I declare that")
