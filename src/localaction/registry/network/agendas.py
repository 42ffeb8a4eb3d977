"""The urban agendas members pursue (codes stored on profiles and networks; labels translated)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

AGENDAS: dict[str, object] = {
    "sustainable_city": _("Sustainable city"),
    "low_carbon": _("Low-carbon city"),
    "resilient": _("Resilient city"),
    "resource_efficient": _("Resource-efficient and productive city"),
    "biodivercity": _("BiodiverCity"),
    "ecomobile": _("EcoMobile city"),
    "smart_infrastructure": _("Smart urban infrastructure"),
    "green_economy": _("Green urban economy"),
    "healthy_happy": _("Healthy and happy community"),
    "food": _("City food systems"),
}


def agenda_choices() -> list[tuple[str, object]]:
    return list(AGENDAS.items())


def agenda_label(code: str) -> str:
    return str(AGENDAS.get(code, code))
