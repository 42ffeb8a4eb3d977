"""Forms of the network pages (labels translated; the registry validates again and its errors are shown
next to the fields)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from localaction.faces.web.fields import LocalizedNumberField
from localaction.registry.network.agendas import agenda_choices
from localaction.registry.network.models import ContactRole, NetworkKind


def _list(text: str) -> list[str]:
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


class ListField(forms.CharField):
    """A comma-separated list in one text box."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return _list(super().to_python(value) or "")


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=ContactRole.choices)
    title = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    languages = ListField(
        label=_("Languages"), required=False, help_text=_("Language codes, comma-separated, e.g. pt, en.")
    )


class ProfileForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    agendas = forms.MultipleChoiceField(
        label=_("Agendas pursued"),
        choices=agenda_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interests = ListField(
        label=_("Interests"),
        required=False,
        help_text=_("What you want to learn from peers, comma-separated."),
    )


class NetworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkKind.choices)
    agenda = forms.ChoiceField(label=_("Agenda"), choices=[("", "—"), *agenda_choices()], required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    is_open = forms.BooleanField(label=_("Open to join without invitation"), required=False, initial=True)


class NetworkNewForm(NetworkForm):
    slug = forms.SlugField(label=_("Short name (in the address)"), max_length=100)


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    is_announcement = forms.BooleanField(label=_("Announcement (coordinators)"), required=False)


class ProgressForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    value = LocalizedNumberField(label=_("Indicator value"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class PartnershipForm(forms.Form):
    mentor = forms.SlugField(label=_("Mentor (top performer), slug"))
    partner = forms.SlugField(label=_("Performance partner city, slug"))
    theme = forms.CharField(label=_("Theme"), max_length=200)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    indicator = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    baseline = LocalizedNumberField(label=_("Baseline"), required=False)
    target = LocalizedNumberField(label=_("Target value"), required=False)
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
