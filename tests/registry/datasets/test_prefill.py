"""Prefill: suggestions per line from the loaded datasets, accept and reject with provenance, a whole sector,
and never over what the officer entered."""

from __future__ import annotations

from pathlib import Path

import pytest

from localaction.registry import services as registry
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.errors import Conflict, InvalidTransition, NotFound, PermissionDenied
from localaction.registry.base.models import AuditEntry
from localaction.registry.datasets import services
from localaction.registry.datasets.models import SuggestionStatus
from tests.core.datasets import layouts as L
from tests.factories import World
from tests.registry.datasets.conftest import Loaded


def _draft(world: World, population: float | None = 4_620_000) -> object:
    return registry.create_inventory(world.users["editor_a"], world.city_a, year=2022, population=population)


def test_suggestions_per_line_worked_by_hand(world: World, loaded: Loaded) -> None:
    inv = _draft(world)
    prefill = services.refresh(world.users["editor_a"], inv)
    got = {(s.gpc_ref, s.dataset.kind): s for s in prefill.suggestions}
    # Share 4,620,000 / 200,000,000 = 2.31 %. CRF 1.A.2 40,000 kt → 924,000 t on I.3.1 (no city GDP: population).
    s = got[("I.3.1", "crf")]
    assert s.value == pytest.approx(924_000)
    assert (
        s.method == "national 1.A.2 manufacturing industries and construction × city population share 2.31 %"
    )
    assert "population 2022: city 4,620,000 (the inventory's population) / national 200,000,000" in s.trail
    assert "40,000,000 t CO2e national" in s.trail and s.quality == "low"
    assert got[("III.1.1", "crf")].value == pytest.approx(693_000)  # 30,000 kt × 2.31 %
    assert "move it to III.1.2 if the landfill is outside" in got[("III.1.1", "crf")].caveat
    assert got[("III.4.1", "crf")].value == pytest.approx(231_000)
    # Climate TRACE: the São Paulo source (matched by name), two months summed; Rio is not the city's.
    ct = got[("II.1.1", "climate_trace")]
    assert ct.value == pytest.approx(3_000_000) and "Sao Paulo (id 1001)" in ct.method
    assert "AR6 (no gases given to apply AR5)" in ct.method
    # 1.A.3 and 1.A.4 are too coarse for a line; 1.A.1 is not downscalable: said, not suggested.
    assert set(got) == {("I.3.1", "crf"), ("III.1.1", "crf"), ("III.4.1", "crf"), ("II.1.1", "climate_trace")}
    assert any("1.A.1: not downscaled (power plants" in n for n in prefill.notes)
    # Refreshing again changes nothing.
    again = services.refresh(world.users["editor_a"], inv)
    assert sorted(s.pk for s in again.suggestions) == sorted(s.pk for s in prefill.suggestions)


def test_accept_writes_the_line_with_its_provenance(world: World, loaded: Loaded) -> None:
    editor = world.users["editor_a"]
    inv = _draft(world)
    prefill = services.refresh(editor, inv)
    s = next(x for x in prefill.suggestions if x.gpc_ref == "II.1.1")
    with pytest.raises(PermissionDenied):
        services.accept(world.users["reviewer"], s, revision=inv.revision)
    with pytest.raises(NotFound):  # another city's editor does not even see the draft
        services.accept(world.users["editor_b"], s, revision=inv.revision)
    done, inv = services.accept(editor, s, revision=inv.revision)
    assert done.status == SuggestionStatus.ACCEPTED and done.decided_by == editor
    line = inv.gpc_lines.get(gpc_ref="II.1.1")
    assert line.is_entered and line.entered_value_tco2e == pytest.approx(3_000_000)
    assert line.source == f"Climate TRACE v4.8.0 (dataset {loaded.trace.pk}): Climate TRACE coalition"
    assert line.explanation.startswith("Suggested by Climate TRACE v4.8.0: Climate TRACE road-transportation")
    assert (line.quality_activity, line.quality_factor) == ("low", "low")
    assert AuditEntry.objects.filter(action="accept_suggestion", object_id=str(done.pk)).exists()
    with pytest.raises(InvalidTransition, match="already accepted"):
        services.accept(editor, s, revision=inv.revision)


def test_reject_leaves_the_line_and_is_remembered(world: World, loaded: Loaded) -> None:
    editor = world.users["editor_a"]
    inv = _draft(world)
    s = next(x for x in services.refresh(editor, inv).suggestions if x.gpc_ref == "III.4.1")
    services.reject(editor, s)
    inv.refresh_from_db()
    assert not inv.gpc_lines.filter(gpc_ref="III.4.1", is_entered=True).exists()
    again = services.refresh(editor, inv)
    mine = [x for x in again.suggestions if x.gpc_ref == "III.4.1"]
    assert [x.status for x in mine] == [SuggestionStatus.REJECTED]  # not offered again


def test_never_overwrites_what_the_officer_entered(world: World, loaded: Loaded) -> None:
    editor = world.users["editor_a"]
    inv = _draft(world)
    prefill = services.refresh(editor, inv)
    row = registry.put_line(
        editor,
        inv,
        {"gpc_ref": "I.3.1", "value_tco2e": 5.0, "source": "own meter data"},
        revision=inv.revision,
    )
    inv = row.inventory
    s = next(x for x in prefill.suggestions if x.gpc_ref == "I.3.1")
    with pytest.raises(Conflict) as exc:
        services.accept(editor, s, revision=inv.revision)
    assert exc.value.code == "value_entered" and "5 t CO2e entered" in exc.value.message
    assert inv.gpc_lines.get(gpc_ref="I.3.1").entered_value_tco2e == 5.0


def test_accept_a_whole_sector(world: World, loaded: Loaded) -> None:
    editor = world.users["editor_a"]
    inv = _draft(world)
    services.refresh(editor, inv)
    row = registry.put_line(
        editor,
        inv,
        {"gpc_ref": "III.4.1", "notation_keys": ["NO"], "explanation": "no sewerage network"},
        revision=inv.revision,
    )
    result = services.accept_sector(editor, row.inventory, "III", revision=row.inventory.revision)
    assert [s.gpc_ref for s in result.accepted] == ["III.1.1"]
    assert result.skipped == [("III.4.1", "notation key NO")]
    assert result.inventory.gpc_lines.get(gpc_ref="III.1.1").entered_value_tco2e == pytest.approx(693_000)
    assert result.inventory.gpc_lines.get(gpc_ref="III.4.1").notation_keys == ["NO"]
    with pytest.raises(NotFound, match="unknown GPC sector"):
        services.accept_sector(editor, result.inventory, "IX", revision=result.inventory.revision)


def test_population_suggestion(world: World, loaded: Loaded, tmp_path: Path) -> None:
    table = L.write_csv(
        tmp_path / "ibge_2022.csv",
        ["country", "unlocode", "place", "year", "population"],
        [["BR", "BRSAO", "São Paulo", "2022", "11451999"]],
    )
    services.load_dataset(
        SYSTEM,
        table,
        "population",
        meta={
            "publisher": "IBGE",
            "title": "Censo 2022",
            "licence": "public",
            "citation": "IBGE, Censo 2022",
        },
    )
    editor = world.users["editor_a"]
    inv = _draft(world, population=None)
    prefill = services.refresh(editor, inv)
    (pop,) = [s for s in prefill.suggestions if s.target == "population"]
    assert pop.value == 11451999 and "population 2022 from population table" in pop.method
    # The city's own population (from the table) also drives the shares: 11,451,999 / 200,000,000 = 5.73 %.
    s = next(x for x in prefill.suggestions if x.gpc_ref == "I.3.1")
    assert s.method.endswith("× city population share 5.73 %")
    _done, inv = services.accept(editor, pop, revision=inv.revision)
    assert inv.population == 11451999


def test_gdp_share_where_it_is_the_better_driver(world: World, loaded: Loaded, tmp_path: Path) -> None:
    """1.A.2 (manufacturing) is scaled by GDP when both the city's and the country's are loaded."""
    table = L.write_csv(
        tmp_path / "ibge_pib.csv",
        ["country", "unlocode", "year", "gdp", "currency"],
        [["BR", "", "2022", "10000000000000", "BRL"], ["BR", "BRSAO", "2022", "1000000000000", "BRL"]],
    )
    meta = {"publisher": "IBGE", "title": "PIB dos municípios", "licence": "public", "citation": "IBGE 2022"}
    services.load_dataset(SYSTEM, table, "population", meta=meta)
    inv = _draft(world)
    prefill = services.refresh(world.users["editor_a"], inv)
    s = next(x for x in prefill.suggestions if x.gpc_ref == "I.3.1")
    # 40,000 kt × 1e12 / 1e13 = 4,000,000 t; waste stays on population (2.31 %).
    assert s.value == pytest.approx(4_000_000)
    assert s.method == "national 1.A.2 manufacturing industries and construction × city GDP share 10.00 %"
    assert "GDP 2022: city 1,000,000,000,000 BRL" in s.trail
    waste = next(x for x in prefill.suggestions if x.gpc_ref == "III.1.1")
    assert waste.method.endswith("× city population share 2.31 %")
