"""TAP and gateway demo data: a call, projects at every stage in several demo cities and currencies, reviews
with feedback, a funder's interest, gateway solutions and case studies (several scripts), and the demo funder,
partner and TAP reviewer accounts. Called from ``registry.demo.load_demo``; idempotent (skips when the call
exists). Everything goes through the use-cases, so it is validated and audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from localaction.core import clock
from localaction.registry import services as reg
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import Jurisdiction, User
from localaction.registry.gateway import services as gateway
from localaction.registry.tap import services
from localaction.registry.tap.models import Call

CALL_TITLE = "TAP demo call 2026"
ACCOUNTS = (  # username, program role, organisation, what to try
    (
        "demo-funder",
        "funder",
        "Green Cities Fund",
        "program role funder: /tap/ — filter the pipeline, express interest",
    ),
    (
        "demo-partner",
        "partner",
        "SolarCo",
        "program role partner: /solutions/mine/ — add and submit a solution",
    ),
    (
        "demo-tap-reviewer",
        "tap_reviewer",
        "TAP expert panel",
        "program role TAP reviewer: /tap/desk/ — screen",
    ),
)
GOOD = {
    "transformative_ambition": 4,
    "bankability": 4,
    "co_benefits": 3,
    "replicability": 4,
    "inclusiveness": 3,
}
PROJECTS: tuple[tuple[str, str, dict[str, Any], str], ...] = (  # city, title, fields, how far it goes
    ("nova-esperanca", "Flood-safe drainage for Vila Nova", dict(sectors=["water"], climate_focus="adaptation",
     stage="feasibility", currency="BRL", total_cost=Decimal(48_000_000), funding_secured=Decimal(8_000_000),
     funding_sought=Decimal(40_000_000), instruments=["concessional_loan"], agendas=["resilient", "water"]), "returned"),
    ("nova-esperanca", "Electric bus depot", dict(sectors=["II"], climate_focus="mitigation", stage="concept",
     currency="BRL", total_cost=Decimal(90_000_000), funding_sought=Decimal(90_000_000), instruments=["grant"]), "draft"),
    ("seohae", "District heating from waste heat", dict(sectors=["I"], climate_focus="mitigation",
     stage="ready_for_financing", currency="KRW", total_cost=Decimal(60_000_000_000),
     funding_sought=Decimal(45_000_000_000), instruments=["commercial_loan", "guarantee"], ghg_tco2e_per_yr=52_000), "pipeline"),
    ("zielony-grod", "Deep retrofit of 40 schools", dict(sectors=["I"], climate_focus="both", stage="design",
     currency="EUR", total_cost=Decimal(24_000_000), funding_secured=Decimal(4_000_000),
     funding_sought=Decimal(20_000_000), instruments=["concessional_loan"], ghg_tco2e_per_yr=6_500), "matched"),
    ("nordhavn", "Coastal defence and wetland park", dict(sectors=["nature", "water"], climate_focus="adaptation",
     stage="feasibility", currency="EUR", total_cost=Decimal(3_800_000), funding_sought=Decimal(3_000_000),
     instruments=["grant", "technical_assistance"]), "pipeline"),
    ("kisiwa", "Landfill gas capture", dict(sectors=["III"], climate_focus="mitigation", stage="pre_feasibility",
     currency="USD", total_cost=Decimal(7_500_000), funding_sought=Decimal(7_000_000), instruments=["grant"],
     ghg_tco2e_per_yr=31_000), "submitted"),
)  # fmt: skip
SOLUTIONS: tuple[dict[str, Any], ...] = (
    dict(kind="solution", title="Rooftop solar leasing for public buildings", partner="SolarCo", gpc_sectors=["I"],
         summary="No-upfront-cost solar on schools and clinics, repaid from savings.", agendas=["low_emission"]),
    dict(kind="case_study", title="São Paulo-style bus corridors", gpc_sectors=["II"], agendas=["low_emission"],
         summary="Dedicated lanes cut travel time by a third.", results="Ridership up 20 %.",
         figures=[{"label": "CO2 avoided", "value": 12000, "unit": "t/yr"}]),
    dict(kind="case_study", title="서해시 폭염 쉼터 (heat shelters)", gpc_sectors=["nature"], hazards=["Extreme hot temperature"],
         summary="Cool public rooms during heat waves.", agendas=["resilient", "health"], city="seohae"),
    dict(kind="solution", title="Москва-type district heating upgrade", gpc_sectors=["I"], agendas=["low_emission"],
         summary="Pre-insulated pipes and smart substations.", partner="HeatNet"),
    dict(kind="solution", title="Sponge streets", gpc_sectors=["water", "nature"],
         hazards=["Extreme precipitation", "Flood and sea level rise"], summary="Permeable paving and rain gardens.",
         agendas=["nature_based", "water"]),
    dict(kind="case_study", title="Landfill methane flaring in Kisiwa", gpc_sectors=["III"], city="kisiwa",
         summary="Gas wells and a flare at the old dump.", agendas=["circular"]),
    dict(kind="solution", title="Drought-proof water reuse", gpc_sectors=["water"], hazards=["Water scarcity"],
         summary="Treated wastewater for parks and industry.", agendas=["water"]),
)  # fmt: skip


def _account(username: str, role: str, org: str, password: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = reg.create_user(SYSTEM, username, password=password, check_password=False)
    services.grant(SYSTEM, user, role, org)
    return user


def _closes() -> dt.date:
    """The demo call stays open whenever the demo is loaded (three years from today at least)."""
    today = clock.today()
    return max(dt.date(2030, 12, 31), today.replace(year=today.year + 3, day=min(today.day, 28)))


# Pipeline projects the demo funder has not expressed interest in yet, so that "Express interest" can be tried.
LEFT_FOR_THE_FUNDER = frozenset({"Coastal defence and wetland park"})


def load(report: Any, password: str) -> None:
    for u, r, _o, w in ACCOUNTS:
        report.add_account(u, r, None, w)
    with transaction.atomic():
        users = {u: _account(u, r, o, password) for u, r, o, _w in ACCOUNTS}
    if Call.objects.filter(title=CALL_TITLE).exists():
        return
    loader = User.objects.filter(username="demo-loader").first()
    reviewer, funder = users["demo-tap-reviewer"], users["demo-funder"]
    with transaction.atomic():
        call = services.create_call(SYSTEM, title=CALL_TITLE, opens_on=dt.date(2025, 1, 1), closes_on=_closes(),
                                    description="Investment-ready mitigation and adaptation infrastructure.")  # fmt: skip
        for slug, title, fields, until in PROJECTS:
            jur = Jurisdiction.objects.filter(slug=slug).first()
            if jur is None or loader is None:
                continue
            p = services.create_project(loader, jur, call_id=call.pk, title=title, council_approval="adopted",
                                        summary=f"{title}: a demo TAP project.", location=jur.name, sdgs=[11, 13],
                                        contact_name="Demo contact", **fields)  # fmt: skip
            _advance(p, until, loader, reviewer, funder)
        partner = users["demo-partner"]
        for i, data in enumerate(SOLUTIONS):
            data = dict(data)
            city = Jurisdiction.objects.filter(slug=data.pop("city", "")).first()
            s = gateway.create(partner, jurisdiction_id=city.pk if city else None, **data)
            s = gateway.act(partner, s, "submit", s.revision)
            if i < len(SOLUTIONS) - 1:  # the last one waits for the secretariat
                gateway.act(SYSTEM, s, "approve", s.revision)


def _advance(p: Any, until: str, city: User, reviewer: User, funder: User) -> None:
    if until == "draft":
        return
    p = services.step(city, p, "submit", p.revision)
    if until == "submitted":
        return
    services.review(reviewer, p, GOOD, "Strong, bankable project; add the revenue model to the attachments.")
    if until == "returned":
        services.step(
            reviewer, p, "return", p.revision, "Please add the council decision and the cost breakdown."
        )
        return
    p.refresh_from_db()
    for action in ("screen", "admit"):
        p = services.step(reviewer, p, action, p.revision)
    if p.title not in LEFT_FOR_THE_FUNDER:
        services.express_interest(funder, p, "concessional_loan", "We would like to discuss a loan.")
    if until == "matched":
        services.step(reviewer, p, "match", p.revision)
