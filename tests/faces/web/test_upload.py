"""The web upload: one use-case with the API and the CLI, a preview that accounts for every figure and says
what it replaces, and a number-format choice that defaults to the user's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from localaction.registry.inventories.models import ActivityRecord, Inventory
from tests.factories import World, make_world, ready_inventory

pytestmark = pytest.mark.django_db

HEADER = "record_id,gpc_ref,method,activity,quantity,unit,param:sector_of_use,Meter reading\n"


@pytest.fixture
def world() -> World:
    return make_world()


def _client(world: World, **headers: str) -> Client:
    c = Client(**headers)  # type: ignore[arg-type]
    c.force_login(world.users["editor_a"])
    return c


def _file(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _post(c: Client, url: str, path: Path, **fields: str):  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return c.post(url, {"file": fh, "do": "preview", **fields})


def test_preview_accounts_for_every_figure_and_says_what_it_replaces(world: World, tmp_path: Path) -> None:
    inv = ready_inventory(world)
    entered = inv.gpc_lines.filter(is_entered=True).count()
    c = _client(world)
    url = reverse("web:upload", args=[inv.pk])
    path = _file(tmp_path, "nova-2022.csv", ["a,I.1.1,fuel_combustion,natural_gas,1000,GJ,residential,77"])
    page = _post(c, url, path)
    assert "report" in page.context, (
        page.context.get("problem_message"),
        page.context.get("problems"),
        page.context["form"].errors,
    )
    report = page.context["report"]
    assert (report.rows, report.figures_found) == (1, 2)
    assert report.figures_found == report.figures_stored + report.figures_not_used
    assert [u.title for u in page.context["report"].unrecognised] == ["Meter reading"]
    text = page.content.decode()
    assert "Meter reading" in text and f"0 activity records and {entered} entered lines" in text
    assert not ActivityRecord.objects.filter(inventory=inv).exists()  # nothing stored by a preview
    done = c.post(url, {"do": "import", "revision": inv.revision}, follow=True)
    assert "1 records and 0 lines stored, replacing 0 records and" in done.content.decode()
    assert list(ActivityRecord.objects.filter(inventory=inv).values_list("record_id", flat=True)) == ["a"]


def test_numbers_written_with_a_decimal_comma(world: World, tmp_path: Path) -> None:
    inv = ready_inventory(world)
    url = reverse("web:upload", args=[inv.pk])
    # 850.000,5 can only be read one way: detected, or as declared; declared the other way, the cell is named.
    clear = _file(tmp_path, "br.csv", ['a,I.1.1,fuel_combustion,natural_gas,"850.000,5",GJ,residential,'])
    for mark in ("comma", "detect"):
        page = _post(_client(world), url, clear, decimal=mark)
        assert page.context["parsed"].records[0].quantity == 850000.5, mark
    wrong = _post(_client(world), url, clear, decimal="point").context["problems"]
    assert wrong[0].loc == ("br.csv", "row 2", "quantity") and "decimal comma" in wrong[0].msg
    # 1,234 is ambiguous: refused when the form says "find out", naming the cell; read per the declared mark.
    ambiguous = _file(tmp_path, "x.csv", ['a,I.1.1,fuel_combustion,natural_gas,"1,234",GJ,residential,'])
    refused = _post(_client(world), url, ambiguous, decimal="detect")
    problems = refused.context["problems"]
    assert problems and problems[0].loc[0] == "x.csv" and "quantity" in [str(p) for p in problems[0].loc]
    assert (
        _post(_client(world), url, ambiguous, decimal="point").context["parsed"].records[0].quantity == 1234
    )
    assert (
        _post(_client(world), url, ambiguous, decimal="comma").context["parsed"].records[0].quantity == 1.234
    )
    # Not said: the user's language decides (French writes a decimal comma).
    fr = _client(world, HTTP_ACCEPT_LANGUAGE="fr")
    form = fr.get(url).context["form"]
    assert form["decimal"].initial == "comma"
    assert _post(fr, url, ambiguous).context["parsed"].records[0].quantity == 1.234
    assert _post(_client(world), url, ambiguous).context["parsed"].records[0].quantity == 1234


def test_other_inventory_files_go_through_the_same_preview(world: World, tmp_path: Path) -> None:
    inv = ready_inventory(world, 2019)
    url = reverse("web:upload", args=[inv.pk])
    wide = Path(__file__).parents[3] / "src/localaction/core/io/examples/gpc_lines_wide_decimal_comma.csv"
    one_year = tmp_path / "exampleton-2019.csv"
    lines = wide.read_text(encoding="utf-8").splitlines()
    one_year.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    c = _client(world)
    page = _post(c, url, one_year, decimal="comma")
    assert page.context["plan"].found.kind == "lines"
    report = page.context["report"]
    assert report.balanced and any("gdp" in w.loc for w in report.warnings), (
        report.warnings
    )  # kept as written, a warning
    c.post(url, {"do": "import", "revision": inv.revision})
    inv = Inventory.objects.get(pk=inv.pk)
    assert inv.gpc_lines.get(gpc_ref="I.1.1").entered_value_tco2e == 850000.5
    assert inv.gpc_lines.get(gpc_ref="III.1.2").notation_keys == ["NO"]


def test_an_import_over_a_changed_draft_is_refused_and_stores_nothing(world: World, tmp_path: Path) -> None:
    inv = ready_inventory(world)
    c = _client(world)
    url = reverse("web:upload", args=[inv.pk])
    _post(c, url, _file(tmp_path, "a.csv", ["a,I.1.1,fuel_combustion,natural_gas,1000,GJ,residential,"]))
    stale = inv.revision
    from localaction.registry import services

    services.update_inventory(world.users["approver_a"], inv, revision=inv.revision, boundary="changed")
    refused = c.post(url, {"do": "import", "revision": stale})
    assert refused.status_code in (302, 409)
    assert not ActivityRecord.objects.filter(inventory=inv).exists()
