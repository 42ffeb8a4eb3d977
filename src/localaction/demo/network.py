"""Demo data of the association: offices, members with fees and agreements, contacts, profiles, networks
with a coordinator and posts, a performance partnership with progress, projects and programmes.

Called by ``registry.demo.load_demo`` after the jurisdictions exist; idempotent (runs once: when the world
secretariat office exists it does nothing). Only the demo jurisdictions present are used.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from localaction.demo.accounts import DEMO_PASSWORD, LOADER, Report
from localaction.registry import services as registry_services
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import Jurisdiction, User
from localaction.registry.network.models import Office
from localaction.registry.network.services import members, networks

COORDINATOR = "demo-coordinator"  # coordinates the EcoMobility network
OFFICES: tuple[tuple[str, str, str, list[str], list[str]], ...] = (
    ("world", "World Secretariat", "world", [], []),
    ("latin-america", "Regional Secretariat Latin America", "regional", ["Latin America"], []),
    ("europe", "European Secretariat", "regional", ["Europe"], []),
    ("east-asia", "East Asia Secretariat", "regional", ["East Asia", "South-East Asia"], []),
    ("brazil", "Brazil Office", "country", ["Latin America"], ["BR"]),
)
# slug, level, status, member since, office code, confirmed details on
MEMBERS = (
    ("nova-esperanca", "advanced_global", "active", dt.date(2015, 3, 1), "brazil", None),
    ("seohae", "advanced_global", "active", dt.date(2012, 6, 1), "east-asia", dt.date(2026, 2, 1)),
    (
        "ciudad-del-rio",
        "basic_regional",
        "active",
        dt.date(2018, 1, 15),
        "latin-america",
        dt.date(2025, 1, 10),
    ),
    ("zielony-grod", "basic_regional", "active", dt.date(2019, 9, 1), "europe", dt.date(2026, 3, 3)),
    ("nordhavn", "advanced_regional", "active", dt.date(2010, 4, 1), "europe", dt.date(2026, 5, 5)),
    ("midorikawa", "basic_global", "active", dt.date(2016, 11, 1), "east-asia", dt.date(2024, 12, 1)),
    ("al-waha", "basic_global", "applied", None, "world", None),
    ("haritpur", "basic_global", "active", dt.date(2020, 2, 1), "world", dt.date(2026, 1, 20)),
    ("lakeshore-county", "basic_global", "lapsed", dt.date(2014, 5, 1), "world", None),
    ("port-meridian", "advanced_global", "active", dt.date(2011, 7, 1), "east-asia", dt.date(2026, 4, 1)),
    ("kisiwa", "basic_global", "active", dt.date(2017, 8, 1), "world", None),
)
NETWORKS = (  # slug, name, kind, agenda, open, members, description
    (
        "renewables-100",
        "100 % Renewables Cities",
        "thematic",
        "low_carbon",
        True,
        ("nordhavn", "port-meridian", "seohae"),
        "Cities and regions working towards 100 % renewable energy in power, heating and transport.",
    ),
    (
        "ecomobility",
        "EcoMobility Alliance",
        "thematic",
        "ecomobile",
        True,
        ("nova-esperanca", "zielony-grod", "nordhavn", "ciudad-del-rio"),
        "Walking, cycling, shared and public transport first: cities share plans, data and results.",
    ),
    (
        "city-food",
        "City Food Network",
        "thematic",
        "food",
        True,
        ("haritpur", "kisiwa"),
        "Sustainable city-region food systems: procurement, urban farming, food waste.",
    ),
    (
        "flood-worknet",
        "WorkNet: Living with floods",
        "worknet",
        "resilient",
        False,
        ("nova-esperanca", "port-meridian"),
        "Cities facing river and coastal floods compare early warning, drainage and nature-based solutions.",
    ),
)
PROFILES = {
    "nova-esperanca": (
        "A growing city on the river plain, focused on clean buses and flood safety.",
        ["low_carbon", "ecomobile", "resilient"],
        ["bus electrification", "early flood warning"],
    ),
    "nordhavn": (
        "A harbour municipality aiming at 100 % renewable heat and power by 2030.",
        ["low_carbon", "ecomobile"],
        ["district heating", "cycling"],
    ),
    "ciudad-del-rio": (
        "Dry-season water security and a new bus rapid transit line.",
        ["resilient", "ecomobile"],
        ["drought planning", "BRT"],
    ),
}


def _users() -> dict[str, User]:
    found = User.objects.filter(username=COORDINATOR).first()
    coordinator = found or registry_services.create_user(
        SYSTEM, COORDINATOR, password=DEMO_PASSWORD, check_password=False
    )
    return {
        "coordinator": coordinator,
        **{u.username: u for u in User.objects.filter(username__startswith="demo-")},
    }


@transaction.atomic
def load_network_demo(today: dt.date | None = None, report: Report | None = None) -> bool:
    """Create the association's demo data; False when it is there already."""
    if report is not None:
        report.add_account(COORDINATOR, "network coordinator", None, "runs the demo networks (/network/)")
    if Office.all_objects.filter(code="world").exists():
        return False
    day = today or dt.date(2026, 6, 1)
    users = _users()
    jurs = {j.slug: j for j in Jurisdiction.objects.filter(slug__in=[m[0] for m in MEMBERS])}
    offices = {
        code: members.create_office(
            SYSTEM, code=code, name=name, kind=kind, regions=regions, countries=countries
        )
        for code, name, kind, regions, countries in OFFICES
    }
    for slug, level, status, since, office, confirmed in MEMBERS:
        if slug not in jurs:
            continue
        m = members.admit_member(
            SYSTEM,
            jurs[slug],
            level=level,
            status=status,
            start_date=since,
            applied_on=since or dt.date(2026, 4, 1),
            office=offices[office],
        )
        if confirmed:
            m.details_confirmed_on = confirmed
            m.save(update_fields=["details_confirmed_on"])
        if status != "applied":
            for year in (2025, 2026):
                fee = members.set_fee(SYSTEM, m, year=year)
                if year == 2025 or slug in ("nordhavn", "seohae"):
                    members.record_payment(
                        SYSTEM, fee, revision=fee.revision, amount=fee.fee_due, paid_on=dt.date(year, 3, 31)
                    )
            members.sign_agreement(
                SYSTEM,
                m,
                text="Report an inventory every two years; share results with peers.",
                commitments=[
                    {
                        "kind": "report_inventory",
                        "description": "GPC BASIC inventory",
                        "due": f"{day.year}-12-31",
                    }
                ],
                signed_on=since,
            )
    _member_side(jurs, users, offices)
    _networks(jurs, users, day)
    return True


def _member_side(jurs: dict[str, Jurisdiction], users: dict[str, User], offices: dict[str, Any]) -> None:
    home = jurs.get("nova-esperanca")
    if home is not None:
        editor = users.get("demo-editor") or _loader()
        for name, role, title, langs in (
            ("Ana Souza", "mayor", "Mayor", ["pt"]),
            ("Bruno Lima", "focal_point", "Climate focal point", ["pt", "en"]),
            ("Carla Reis", "technical", "GHG inventory analyst", ["pt", "en", "es"]),
        ):
            members.save_contact(
                editor,
                home,
                name=name,
                role=role,
                title=title,
                languages=langs,
                email=f"{name.split()[0].lower()}@nova-esperanca.example",
            )
    for slug, (summary, agendas, interests) in PROFILES.items():
        if slug in jurs:
            members.save_profile(_loader(), jurs[slug], summary=summary, agendas=agendas, interests=interests)
    for slug, kind, name, start, end in (
        ("seohae", "project", "Urban heat island mapping", dt.date(2025, 1, 1), None),
        ("nordhavn", "programme", "Green Climate Cities", dt.date(2023, 5, 1), dt.date(2026, 12, 31)),
        ("kisiwa", "project", "Solar mini-grids for markets", dt.date(2019, 1, 1), dt.date(2022, 6, 30)),
    ):
        if slug in jurs:
            members.add_participation(
                SYSTEM, jurs[slug], kind=kind, name=name, start_date=start, end_date=end
            )


def _loader() -> User:
    """The demo loader account (approver of every demo jurisdiction) acts for the members."""
    return User.objects.get(username=LOADER)


def _networks(jurs: dict[str, Jurisdiction], users: dict[str, User], day: dt.date) -> None:
    loader = _loader() if jurs else None
    for slug, name, kind, agenda, is_open, member_slugs, description in NETWORKS:
        net = networks.create_network(
            SYSTEM, slug=slug, name=name, kind=kind, agenda=agenda, is_open=is_open, description=description
        )
        if slug == "ecomobility":
            networks.add_coordinator(SYSTEM, net, users["coordinator"])
        for i, ms in enumerate(member_slugs):
            if ms not in jurs or loader is None:
                continue
            if not is_open:
                networks.invite(SYSTEM, net, jurs[ms])
            networks.join(loader, net, jurs[ms], today=day - dt.timedelta(days=400 - 60 * i))
        if slug == "ecomobility":
            networks.post(
                users["coordinator"],
                net,
                title="Webinar: bus electrification, 12 June",
                body="Nordhavn and Nova Esperança share their tenders and first-year results.",
                is_announcement=True,
            )
    if "nordhavn" in jurs and "zielony-grod" in jurs:
        p = networks.create_partnership(
            SYSTEM,
            mentor=jurs["nordhavn"],
            partner=jurs["zielony-grod"],
            theme="Renewable district heating",
            goal="Raise the renewable share of district heating from 10 % to 40 % by 2030.",
            indicator="renewable share of district heat (%)",
            baseline=10,
            target=40,
            start_date=dt.date(2025, 1, 1),
        )
        networks.record_progress(
            SYSTEM, p, on=dt.date(2025, 12, 31), value=17, note="Biomass boiler commissioned."
        )
        networks.record_progress(
            SYSTEM, p, on=dt.date(2026, 5, 31), value=22, note="Heat pump tender awarded."
        )
