"""Forms for the pages. They check what a form can check (types, required fields) and turn input into the
use-cases' arguments; the registry's services decide the rest, and their errors land next to the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.core.catalog import gpc_refs
from localaction.core.catalog.factors import SECTORS_OF_USE
from localaction.core.errors import InputError
from localaction.core.inventory.model import Method, NotationKey
from localaction.core.io.numbers import NumberError
from localaction.faces.web.fields import LocalizedNumberField, parse_localized
from localaction.registry.base.kinds import fields_of
from localaction.registry.inventories.models import (
    GWP_SET_CHOICES,
    LEVEL_CHOICES,
    ActivityRecord,
    GpcLine,
    Inventory,
)

QUALITY_CHOICES = [("", _("not rated")), ("high", _("High")), ("medium", _("Medium")), ("low", _("Low"))]
METHOD_LABELS = {
    Method.FUEL_COMBUSTION: _("Fuel combustion (stationary)"),
    Method.GRID_ENERGY: _("Grid electricity / heat"),
    Method.TRANSPORT_FUEL: _("Transport: fuel sold"),
    Method.TRANSPORT_DISTANCE: _("Transport: distance travelled"),
    Method.LANDFILL_MC: _("Landfill (methane commitment)"),
    Method.LANDFILL_FOD: _("Landfill (first-order decay)"),
    Method.BIOLOGICAL: _("Composting / anaerobic digestion"),
    Method.INCINERATION: _("Incineration"),
    Method.WASTEWATER: _("Wastewater"),
    Method.DIRECT: _("Direct entry (measured gas amounts)"),
    Method.FUGITIVE_GAS: _("Gas distribution leaks (throughput x leakage)"),
}
KEY_LABELS = {
    NotationKey.NO: _("NO — not occurring"),
    NotationKey.IE: _("IE — included elsewhere"),
    NotationKey.NE: _("NE — not estimated"),
    NotationKey.C: _("C — confidential"),
}
GAS_CHOICES = [("CO2e", "CO2e"), ("CO2", "CO2"), ("CH4", "CH4"), ("N2O", "N2O")]


def gpc_choices(blank: bool = False) -> list[tuple[str, str]]:
    out = [("", "—")] if blank else []
    return out + [(ref, f"{ref} — {m.subsector} (scope {m.scope})") for ref, m in gpc_refs().items()]


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("User name"), widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class InventoryNewForm(forms.Form):
    year = forms.IntegerField(label=_("Inventory year"), min_value=1990, max_value=2100)
    level = forms.ChoiceField(label=_("Level"), choices=LEVEL_CHOICES, initial="BASIC")
    gwp_set = forms.ChoiceField(label=_("GWP set"), choices=GWP_SET_CHOICES, initial="AR5")
    population = forms.IntegerField(label=_("Population"), min_value=1, required=False)
    region = forms.CharField(
        label=_("Grid zone / country for factors"),
        required=False,
        max_length=50,
        help_text=_("e.g. BR or DE: used when a grid-energy record names none."),
    )
    copy_from = forms.TypedChoiceField(
        label=_("Start from"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Copy the structure (records, notation keys) of an earlier inventory, not its values."),
    )

    def __init__(self, *args: Any, sources: list[Inventory] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].choices = [("", _("an empty inventory"))] + [  # type: ignore[attr-defined]
            (inv.pk, f"{inv.year} v{inv.version} ({inv.get_state_display()})") for inv in sources or []
        ]


class HeaderForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Inventory
        fields = [
            "year",
            "period_label",
            "boundary",
            "gwp_set",
            "level",
            "region",
            "population",
            "reporting_year",
        ]
        widgets = {"boundary": forms.Textarea(attrs={"rows": 2})}


class RecordForm(forms.Form):
    record_id = forms.CharField(
        label=_("Record id"),
        required=False,
        max_length=100,
        help_text=_("A short name, e.g. res-gas. Left blank, one is made up."),
    )
    gpc_ref = forms.ChoiceField(label=_("GPC line"), choices=gpc_choices)
    method = forms.ChoiceField(label=_("Method"), choices=[(m.value, METHOD_LABELS[m]) for m in Method])
    activity = forms.CharField(
        label=_("Activity"),
        required=False,
        max_length=100,
        help_text=_("Fuel (natural_gas, diesel …), grid zone (BR, DE …), vehicle, waste type or treatment."),
        widget=forms.TextInput(attrs={"list": "activities"}),
    )
    quantity = LocalizedNumberField(label=_("Quantity"), required=False)
    unit = forms.CharField(
        label=_("Unit"), required=False, max_length=40, widget=forms.TextInput(attrs={"list": "units"})
    )
    factor_id = forms.CharField(
        label=_("Library factor id"),
        required=False,
        max_length=100,
        help_text=_("Optional: pin one factor of the library. Blank: the library's best match."),
    )
    custom_value = LocalizedNumberField(label=_("Own factor: value"), required=False)
    custom_unit = forms.CharField(
        label=_("Own factor: unit"), required=False, max_length=40, help_text=_("e.g. kg/kWh, t/MWh, kg/TJ")
    )
    custom_gas = forms.ChoiceField(label=_("Own factor: gas"), choices=GAS_CHOICES, required=False)
    custom_justification = forms.CharField(
        label=_("Own factor: justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where it comes from and why it fits better than the default."),
    )
    sector_of_use = forms.ChoiceField(
        label=_("Sector of use"),
        required=False,
        choices=[(s, s.replace("_", " ") or "—") for s in sorted(SECTORS_OF_USE)],
        help_text=_("Fuel combustion: sets the CH4 and N2O factors (default: from the GPC line)."),
    )
    fuel = forms.CharField(label=_("Vehicles' fuel"), required=False, max_length=60)
    fuel_intensity = LocalizedNumberField(label=_("Fuel intensity"), required=False)
    fuel_intensity_unit = forms.CharField(
        label=_("Fuel intensity unit"), required=False, max_length=30, help_text=_("e.g. l/100km")
    )
    more_params = forms.CharField(
        label=_("More parameters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One per line, name: value (e.g. recovered_ch4_t: 150). See the activity-template guide."
        ),
    )
    quality_activity = forms.ChoiceField(
        label=_("Activity data quality"), choices=QUALITY_CHOICES, required=False
    )
    quality_factor = forms.ChoiceField(
        label=_("Emission factor quality"), choices=QUALITY_CHOICES, required=False
    )
    source = forms.CharField(label=_("Source of the data"), required=False, max_length=300)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    PARAM_FIELDS = ("sector_of_use", "fuel", "fuel_intensity", "fuel_intensity_unit")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        direct = data.get("method") == Method.DIRECT.value
        if data.get("quantity") is None and not direct:
            self.add_error("quantity", _("Enter the amount of activity."))
        if not data.get("unit") and not direct:
            self.add_error("unit", _("Enter the unit of the quantity, e.g. kWh, litre, tonne."))
        if data.get("custom_value") is not None:
            if not data.get("custom_unit"):
                self.add_error("custom_unit", _("Give the unit of your own factor."))
            if len((data.get("custom_justification") or "").split()) < 3:
                self.add_error("custom_justification", _("Justify your own factor in a few words."))
            if data.get("factor_id"):
                self.add_error("factor_id", _("Pin a library factor or give your own, not both."))
        try:
            data["params"] = self._params(data)
        except ValueError as exc:
            self.add_error("more_params", str(exc))
        return data

    def _params(self, data: dict[str, Any]) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for name in self.PARAM_FIELDS:
            if data.get(name) not in (None, ""):
                params[name] = data[name]
        for n, line in enumerate((data.get("more_params") or "").splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, value = line.partition(":")
            if not sep or not name.strip():
                raise ValueError(_("line %(n)s: write name: value") % {"n": n})
            text = value.strip()
            try:
                params[name.strip()] = parse_localized(text)
            except NumberError as exc:
                if exc.code == "unreadable_number":
                    params[name.strip()] = text  # not a number: a text parameter
                else:
                    raise ValueError(_("line %(n)s: %(error)s") % {"n": n, "error": exc}) from None
        return params

    def record(self, fallback_id: str) -> dict[str, Any]:
        d = self.cleaned_data
        custom = None
        if d.get("custom_value") is not None:
            custom = {
                "gas": d.get("custom_gas") or "CO2e",
                "value": d["custom_value"],
                "unit": d.get("custom_unit") or "",
                "justification": d.get("custom_justification") or "",
            }
        return {
            "record_id": (d.get("record_id") or "").strip() or fallback_id,
            "gpc_ref": d["gpc_ref"],
            "method": d["method"],
            "activity": d.get("activity") or "",
            "quantity": d.get("quantity") or 0.0,
            "unit": d.get("unit") or "t",
            "factor_id": d.get("factor_id") or None,
            "custom_factor": custom,
            "params": d.get("params") or {},
            "quality_activity": d.get("quality_activity") or None,
            "quality_factor": d.get("quality_factor") or None,
            "source": d.get("source") or "",
            "notes": d.get("notes") or "",
        }

    @classmethod
    def initial_from(cls, row: ActivityRecord) -> dict[str, Any]:
        params = dict(row.params or {})
        initial: dict[str, Any] = {
            "record_id": row.record_id,
            "gpc_ref": row.gpc_ref,
            "method": row.method,
            "activity": row.activity,
            "quantity": row.quantity,
            "unit": row.unit,
            "factor_id": row.factor_id or "",
            "quality_activity": row.quality_activity or "",
            "quality_factor": row.quality_factor or "",
            "source": row.source,
            "notes": row.notes,
        }
        for name in cls.PARAM_FIELDS:
            if name in params:
                initial[name] = params.pop(name)
        initial["more_params"] = "\n".join(f"{k}: {v}" for k, v in params.items())
        if row.custom_factor:
            cf = row.custom_factor
            initial.update(
                custom_value=cf.get("value"),
                custom_unit=cf.get("unit", ""),
                custom_gas=cf.get("gas", "CO2e"),
                custom_justification=cf.get("justification", ""),
            )
        return initial


class LineForm(forms.Form):
    notation_keys = forms.MultipleChoiceField(
        label=_("Notation keys"),
        required=False,
        choices=[(k.value, KEY_LABELS[k]) for k in NotationKey],
        widget=forms.CheckboxSelectMultiple,
    )
    included_in = forms.ChoiceField(
        label=_("Included in (for IE)"), required=False, choices=lambda: gpc_choices(blank=True)
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Why the key applies: what does not occur, where it is included, why it is not estimated."
        ),
    )
    value_tco2e = LocalizedNumberField(
        label=_("Value entered directly (t CO2e)"),
        required=False,
        help_text=_("Only for emissions calculated elsewhere; activity records add to it."),
    )
    quality_activity = forms.ChoiceField(
        label=_("Activity data quality"), choices=QUALITY_CHOICES, required=False
    )
    quality_factor = forms.ChoiceField(
        label=_("Emission factor quality"), choices=QUALITY_CHOICES, required=False
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        keys = data.get("notation_keys") or []
        if keys and not (data.get("explanation") or "").strip():
            self.add_error("explanation", _("Every notation key needs an explanation."))
        if "IE" in keys and not data.get("included_in"):
            self.add_error("included_in", _("Say on which line the emissions are included."))
        if not keys and data.get("value_tco2e") is None:
            self.add_error(None, _("Give a notation key with its explanation, or a value."))
        return data

    def line(self, gpc_ref: str) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "gpc_ref": gpc_ref,
            "value_tco2e": d.get("value_tco2e"),
            "notation_keys": d.get("notation_keys") or [],
            "included_in": d.get("included_in") or None,
            "explanation": d.get("explanation") or "",
            "quality_activity": d.get("quality_activity") or None,
            "quality_factor": d.get("quality_factor") or None,
            "source": d.get("source") or "",
        }

    @staticmethod
    def initial_from(row: GpcLine | None) -> dict[str, Any]:
        if row is None or not row.is_entered:
            return {}
        return {
            "notation_keys": row.notation_keys,
            "included_in": row.included_in or "",
            "explanation": row.explanation,
            "value_tco2e": row.entered_value_tco2e,
            "quality_activity": row.quality_activity or "",
            "quality_factor": row.quality_factor or "",
            "source": row.source,
        }


UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xlsm")


class UploadForm(forms.Form):
    """An inventory file for a draft: what it is (detected unless said), how its numbers are written
    (the user's language by default) and, for a workbook, the sheet."""

    file = forms.FileField(
        label=_("Inventory file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        required=False,
        choices=[
            ("", _("Find out from the file")),
            ("activity", _("Activity data (the activity template)")),
            ("lines", _("GPC lines, long or wide (one column per GPC reference number)")),
            ("crf", _("Common Reporting Framework table (CDP / Global Covenant of Mayors)")),
            ("gpc-workbook", _("GPC reporting workbook")),
        ],
    )
    decimal = forms.ChoiceField(
        label=_("How numbers are written"),
        required=False,  # not given: the user's language decides
        choices=[
            ("point", _("1,234.5 — decimal point")),
            ("comma", _("1.234,5 — decimal comma")),
            ("detect", _("Find out from the file (ambiguous values such as 1,234 are refused)")),
        ],
        help_text=_(
            "Your language's way is chosen for you. A file that writes its numbers the other way is refused with the cell named, nothing stored."
        ),
    )
    sheet = forms.CharField(
        label=_("Sheet (XLSX)"),
        required=False,
        max_length=100,
        help_text=_("Leave empty: the sheet that holds the data is found by its columns."),
    )

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from localaction.core.io.numbers import decimal_for_locale

        try:
            self.language_mark: str = decimal_for_locale(language)
        except InputError:
            self.language_mark = "point"
        self.fields["decimal"].initial = self.language_mark

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return f

    def mark(self) -> str | None:
        """The declared decimal mark, or None to detect it."""
        value = self.cleaned_data["decimal"] or self.language_mark
        return None if value == "detect" else value


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    gpc_ref = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)


# --- targets, commitments, actions, hazards ---------------------------------------------------------------


class ListField(forms.CharField):
    """A JSON list column as comma-separated text (``CO2, CH4``); ``numbers=True`` for integers."""

    def __init__(self, *args: Any, numbers: bool = False, **kwargs: Any):
        self.numbers = numbers
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value) or ""
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        if not self.numbers:
            return parts
        try:
            return [int(p) for p in parts]
        except ValueError:
            raise forms.ValidationError(_("Give whole numbers separated by commas.")) from None


LIST_FIELDS = {
    "gases": _("e.g. CO2, CH4, N2O"),
    "gpc_sectors": _("GPC sectors or lines, e.g. I, II, III.1"),
    "co_benefits": _("comma-separated"),
    "hazards_addressed": _("comma-separated"),
    "vulnerable_groups": _("comma-separated, e.g. elderly, children and youth"),
    "affected_sectors": _("comma-separated, e.g. water supply, public health"),
}


def _interim_text(value: Any) -> str:
    return "\n".join(
        f"{it.get('year')}: {it.get('reduction_pct')}" for it in value or [] if isinstance(it, dict)
    )


class InterimField(forms.CharField):
    """Interim targets as lines ``year: reduction %``."""

    def prepare_value(self, value: Any) -> Any:
        return _interim_text(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> Any:
        out = []
        for line in (super().to_python(value) or "").splitlines():
            if not line.strip():
                continue
            year, _sep, pct = line.partition(":")
            try:
                reduction = parse_localized(pct.strip())
                if reduction is None:
                    raise ValueError(pct)
                out.append({"year": int(year.strip()), "reduction_pct": reduction})
            except ValueError:
                raise forms.ValidationError(
                    _("Write one interim target per line: year: reduction %")
                ) from None
        return out


def submission_form(model: type[models.Model]) -> type[forms.ModelForm[Any]]:
    """A form for the editable fields of a target, commitment, action or hazard assessment."""
    names = list(fields_of(model))  # type: ignore[arg-type]

    def field_for(f: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
        if f.name in LIST_FIELDS:
            return ListField(label=f.verbose_name.capitalize(), help_text=LIST_FIELDS[f.name])
        if f.name == "sdgs":
            return ListField(label=_("SDGs"), numbers=True, help_text=_("goal numbers 1-17, e.g. 7, 11, 13"))
        if f.name == "interim_targets":
            return InterimField(
                label=_("Interim targets"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One per line: year: reduction %, e.g. 2030: 50"),
            )
        if isinstance(f, models.DateField):
            kwargs["widget"] = forms.DateInput(attrs={"type": "date"})
        if isinstance(f, models.TextField):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        field = f.formfield(**kwargs)
        if field is not None and field.label:
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]
        return field

    meta = type("Meta", (), {"model": model, "fields": names, "formfield_callback": field_for})
    return type(f"{model.__name__}Form", (forms.ModelForm,), {"Meta": meta})
