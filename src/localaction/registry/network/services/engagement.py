"""Engagement figures from the registry: active members, their networks, projects, programmes and
partnerships, handed to the pure ``network.engagement`` rules."""

from __future__ import annotations

import datetime as dt

from localaction.core import clock
from localaction.registry.network.engagement import Activity, Engagement, MemberFact, engagement
from localaction.registry.network.models import Member, NetworkMember, Participation, Partnership


def activities() -> list[Activity]:
    out = [
        Activity(
            m.jurisdiction_id,
            "network",
            m.network.name,
            m.joined_on,
            m.left_on if m.status == "left" else None,
        )
        for m in NetworkMember.objects.filter(status__in=("member", "left")).select_related("network")
    ]
    out += [
        Activity(p.jurisdiction_id, p.kind, p.name, p.start_date, p.end_date)
        for p in Participation.objects.all()
    ]
    for p in Partnership.objects.exclude(status="proposed"):
        for jid in (p.mentor_id, p.partner_id):
            out.append(Activity(jid, "partnership", p.theme, p.start_date, p.end_date))
    return out


def member_facts() -> list[MemberFact]:
    return [
        MemberFact(
            m.jurisdiction_id,
            m.jurisdiction.name,
            m.jurisdiction.region,
            m.office.name if m.office else "",
            m.status,
            m.start_date,
        )
        for m in Member.objects.select_related("jurisdiction", "office")
    ]


def figures(today: dt.date | None = None) -> Engagement:
    return engagement(member_facts(), activities(), today or clock.today())
