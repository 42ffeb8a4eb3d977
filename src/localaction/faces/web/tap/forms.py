"""Forms of the TAP and gateway pages; list choices come from tap_config.yaml (one definition)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from localaction.core.tap import rules as tap_rules
from localaction.faces.web import reference_i18n
from localaction.registry.gateway.models import Solution
from localaction.registry.tap.models import Call, Project


def _label(value: str) -> str:
    for table in (reference_i18n.TAP_STAGES, reference_i18n.TAP_INSTRUMENTS, reference_i18n.TAP_AGENDAS):
        if value in table:
            return reference_i18n.tap_label(table, value)
    return value.replace("_", " ").capitalize()


def _sector(key: str, name: str) -> str:
    return f"{key} · {reference_i18n.term(name)}"


_lazy_label, _lazy_sector = lazy(_label, str), lazy(_sector, str)


def _labelled(values: Any) -> list[tuple[str, Any]]:
    """Choices from the TAP's lists, labelled in the reader's language (lazily: the forms are built once)."""
    if isinstance(values, dict):
        return [(k, _lazy_sector(k, v)) for k, v in values.items()]
    return [(v, _lazy_label(v)) for v in values]


def _multi(label: Any, values: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=_labelled(values), required=False, widget=forms.CheckboxSelectMultiple
    )


class ListField(forms.CharField):
    """A comma-separated list (SDG numbers, hazards, links) shown in one text box."""

    def __init__(self, *, numbers: bool = False, **kw: Any) -> None:
        self.numbers = numbers
        super().__init__(required=False, **kw)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(map(str, value)) if isinstance(value, list) else value

    def to_python(self, value: Any) -> Any:
        parts = [p.strip() for p in (value or "").split(",") if p.strip()]
        if not self.numbers:
            return parts
        try:
            return [int(p) for p in parts]
        except ValueError:
            raise forms.ValidationError(
                _("Write whole numbers separated by commas, e.g. 7, 11, 13.")
            ) from None


class ProjectForm(forms.ModelForm):  # type: ignore[type-arg]
    cfg = tap_rules.config()
    call = forms.ModelChoiceField(queryset=Call.objects.all(), label=_("Call for proposals"))
    sectors = _multi(_("Sectors"), cfg.sectors)
    agendas = _multi(_("Agendas"), cfg.agendas)
    instruments = _multi(_("Instruments sought"), cfg.instruments)
    stage = forms.ChoiceField(label=_("Stage"), choices=_labelled(cfg.stages))
    project_type = forms.ChoiceField(label=_("Type"), choices=_labelled(tuple(cfg.project_types)))
    sdgs = ListField(numbers=True, label=_("SDGs"), help_text=_("Numbers 1–17, e.g. 7, 11, 13"))

    class Meta:
        model = Project
        fields = [
            "call",
            "title",
            "summary",
            "submitter",
            "partner_name",
            "government_key_stakeholder",
            "project_type",
            "climate_focus",
            "sectors",
            "agendas",
            "location",
            "stage",
            "instruments",
            "currency",
            "total_cost",
            "funding_secured",
            "funding_sought",
            "ghg_tco2e_per_yr",
            "ghg_tco2e_lifetime",
            "adaptation_benefits",
            "co_benefits",
            "sdgs",
            "council_approval",
            "council_approval_date",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "adaptation_benefits": forms.Textarea(attrs={"rows": 2}),
            "co_benefits": forms.Textarea(attrs={"rows": 2}),
            "council_approval_date": forms.DateInput(attrs={"type": "date"}),
            # a text box (styled like the others); the model field still validates the address
            "contact_email": forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}),
        }

    def changes(self) -> dict[str, Any]:
        out = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "call"}
        out["call_id"] = self.cleaned_data["call"].pk
        return out


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Attachment"),
        help_text=_("PDF, Word or Excel (at most 10 MB), an image: PNG or JPEG (5 MB), CSV or text (2 MB)."),
    )


def review_form(data: Any = None) -> forms.Form:
    fields: dict[str, forms.Field] = {
        c.key: forms.DecimalField(
            label=f"{c.label} (×{c.weight:g})", help_text=c.help, min_value=0, max_value=5, decimal_places=1
        )
        for c in tap_rules.config().criteria
    }
    fields["feedback"] = forms.CharField(
        label=_("Feedback to the city"), widget=forms.Textarea(attrs={"rows": 5})
    )
    form: forms.Form = type("ReviewForm", (forms.Form,), fields)(data)
    return form


class InterestForm(forms.Form):
    instrument = forms.ChoiceField(
        label=_("Instrument"), required=False, choices=[("", "—"), *_labelled(tap_rules.config().instruments)]
    )
    message = forms.CharField(
        label=_("Message to the city"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        # The registry refuses an empty expression too; here the funder reads why in their language.
        data = super().clean() or {}
        if not data.get("instrument") and not str(data.get("message", "")).strip():
            raise forms.ValidationError(_("Choose an instrument from the list, or write a message."))
        return data


class SolutionForm(forms.ModelForm):  # type: ignore[type-arg]
    gpc_sectors = _multi(_("Sectors"), tap_rules.config().sectors)
    agendas = _multi(_("Agendas"), tap_rules.config().agendas)
    hazards = ListField(
        label=_("Hazards addressed"), help_text=_("Comma-separated, e.g. Extreme heat, Drought")
    )
    links = ListField(label=_("Links"), help_text=_("Comma-separated https:// addresses"))
    figures = forms.JSONField(
        label=_("Results in figures"),
        required=False,
        initial=list,
        help_text=_('e.g. [{"label": "CO2 avoided", "value": 1200, "unit": "t/yr"}]'),
    )

    class Meta:
        model = Solution
        fields = [
            "kind",
            "title",
            "summary",
            "results",
            "figures",
            "agendas",
            "gpc_sectors",
            "hazards",
            "cost_min",
            "cost_max",
            "currency",
            "jurisdiction",
            "partner",
            "links",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "results": forms.Textarea(attrs={"rows": 3})}

    def changes(self) -> dict[str, Any]:
        out = {n: self.cleaned_data[n] for n in self.Meta.fields if n != "jurisdiction"}
        out["figures"] = out["figures"] or []
        j = self.cleaned_data.get("jurisdiction")
        out["jurisdiction_id"] = j.pk if j else None
        return out
