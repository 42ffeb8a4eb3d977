"""Forms for the pages. They check what a form can check (types, required fields) and turn input into the
use-cases' arguments; the registry's services decide the rest, and their errors land next to the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db import models
from django.utils.translation import gettext_lazy as _

from localaction.core.catalog import gpc_refs
from localaction.core.catalog.factors import SECTORS_OF_USE, factor_library
from localaction.core.errors import InputError, LocalActionError
from localaction.core.inventory import guide
from localaction.core.inventory.model import Method, NotationKey
from localaction.core.io.numbers import NumberError
from localaction.faces.web import guided, reference_i18n
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


def _percent(value: Any) -> str:
    return f"{float(value) * 100:.4g}"


class RecordForm(forms.Form):
    """One activity record, guided by its GPC line: only the methods that fit the line (``core.inventory.guide``)
    and, for the common methods, the fields they need in plain words; every other parameter in "advanced"."""

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
        help_text=_("What was treated, burnt or measured, e.g. composting, msw, natural_gas."),
    )
    # fuels
    fuel = forms.ChoiceField(label=_("Fuel"), required=False, choices=guided.fuel_choices)
    heat_content = LocalizedNumberField(
        label=_("Your utility's energy content (optional)"),
        required=False,
        help_text=_("From your gas or fuel bill, e.g. 10.5 kWh per m³. Blank: the library's value."),
    )
    heat_content_unit = forms.ChoiceField(
        label=_("Energy content unit"), required=False, choices=list(guided.HEAT_CONTENT_UNITS.items())
    )
    sector_of_use = forms.ChoiceField(
        label=_("Sector of use"),
        required=False,
        choices=[(s, _(reference_i18n.SECTORS_OF_USE[s]) if s else "—") for s in sorted(SECTORS_OF_USE)],
        help_text=_("Sets the CH4 and N2O factors. Blank: from the GPC line."),
    )
    # grid-supplied energy
    supply = forms.ChoiceField(
        label=_("What was bought"),
        required=False,
        choices=list(guided.SUPPLIES.items()),
        initial="electricity",
    )
    grid_zone = forms.CharField(
        label=_("Grid zone or country"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "grid-zones"}),
    )
    exclude_td_losses = forms.BooleanField(
        label=_("Leave out transmission and distribution losses"),
        required=False,
        help_text=_("By default the losses are added to the line's T&D (scope 3) line."),
    )
    # transport by distance
    vehicle_class = forms.ChoiceField(
        label=_("Vehicle type"),
        required=False,
        choices=list(guided.VEHICLES.items()),
        initial="passenger_cars",
    )
    vehicle_fuel = forms.ChoiceField(
        label=_("The vehicles' fuel"),
        required=False,
        choices=lambda: guided.fuel_choices(electric=True),
        help_text=_(
            "Blank: the vehicle type's usual fuel (petrol for cars and motorcycles, diesel for buses and trucks)."
        ),
    )
    fuel_intensity = LocalizedNumberField(
        label=_("Fuel use per distance"),
        required=False,
        help_text=_("Blank with a vehicle type: the library's average for that type."),
    )
    fuel_intensity_unit = forms.ChoiceField(
        label=_("Unit of fuel use"), required=False, choices=list(guided.INTENSITY_UNITS.items())
    )
    # landfill
    waste_type = forms.ChoiceField(
        label=_("Waste type"), required=False, choices=list(guided.WASTE_TYPES.items()), initial="msw"
    )
    site_type = forms.ChoiceField(
        label=_("Site type"), required=False, choices=list(guided.SITE_TYPES.items())
    )
    climate_zone = forms.ChoiceField(
        label=_("Climate zone"), required=False, choices=list(guided.CLIMATE_ZONES_LABELS.items())
    )
    oxidising_cover = forms.BooleanField(
        label=_("The site's cover oxidises methane (e.g. compost or soil cover)"), required=False
    )
    recovered_ch4_t = LocalizedNumberField(label=_("Methane recovered (tonnes)"), required=False)

    quantity = LocalizedNumberField(label=_("Quantity"), required=False)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=40)
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
    more_params = forms.CharField(
        label=_("Advanced parameters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only for what the fields above do not cover: one per line, name: value (e.g. DOCf: 0.5). See the "
            "activity-template guide."
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

    GUIDED = frozenset(
        {"fuel", "heat_content", "heat_content_unit", "sector_of_use", "supply", "grid_zone", "exclude_td_losses",
         "vehicle_class", "vehicle_fuel", "fuel_intensity", "fuel_intensity_unit", "waste_type", "site_type",
         "climate_zone", "oxidising_cover", "recovered_ch4_t"}
    )  # fmt: skip
    SHARES = tuple(f"share_{c}" for c in guide.COMPOSITION)

    def __init__(
        self,
        *args: Any,
        region: str = "",
        gpc_ref: str | None = None,
        method: str | None = None,
        keep: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        ref = gpc_ref or self._given("gpc_ref") or "I.1.1"
        fitting = list(guide.methods_for(ref))
        wanted = method or self._given("method")
        if keep in {m.value for m in Method} and Method(str(keep)) not in fitting:
            fitting.append(
                Method(str(keep))
            )  # a stored record's own method (e.g. from a file) stays selectable
        self._line = ref
        self._method = wanted if wanted in {m.value for m in fitting} else fitting[0].value
        self.fields["method"].choices = [(m.value, METHOD_LABELS[m]) for m in fitting]  # type: ignore[attr-defined]
        self.shown: tuple[str, ...] = guide.FIELDS.get(Method(self._method), ())
        if Method(self._method) in {Method.FUEL_COMBUSTION, Method.TRANSPORT_FUEL}:
            self.shown = (*self.shown, "sector_of_use")
        for name in self.GUIDED - set(self.shown):
            del self.fields[name]
        if self.shown:
            del self.fields["activity"]  # the guided fields name the activity
        self.default_region: str = ""
        self.default_shares: dict[str, float] = {}
        if "composition" in self.shown:
            self.default_region, self.default_shares = guide.composition_default(factor_library(), region)
            for c in guide.COMPOSITION:
                default = self.default_shares.get(c)
                self.fields[f"share_{c}"] = LocalizedNumberField(
                    label=guided.COMPOSITION[c],
                    required=False,
                    widget=forms.TextInput(
                        attrs={"inputmode": "decimal", "placeholder": _percent(default) if default else ""}
                    ),
                )
        unit_now = str(self._given("unit") or "")
        self.fields["unit"] = forms.ChoiceField(
            label=_("Unit"), required=False, choices=guided.unit_choices(self._method, unit_now)
        )
        if "grid_zone" in self.shown:
            self.fields["grid_zone"].help_text = _("Blank: the inventory's own (%(region)s).") % {
                "region": region or "—"
            }

    def _given(self, name: str) -> Any:
        if self.is_bound:
            return self.data.get(name)
        return self.initial.get(name)

    PRIMARY = frozenset({"fuel", "supply", "grid_zone", "vehicle_class", "vehicle_fuel", "waste_type"})

    @property
    def chosen_line(self) -> str:
        return self._line

    @property
    def chosen_method(self) -> str:
        return self._method

    @property
    def method_choices(self) -> list[tuple[str, Any]]:
        return list(self.fields["method"].choices)  # type: ignore[attr-defined]

    @property
    def primary_fields(self) -> list[forms.BoundField]:
        """What was used (fuel, supply, vehicles, waste): before the quantity."""
        return [self[n] for n in self.shown if n in self.fields and n in self.PRIMARY]

    @property
    def secondary_fields(self) -> list[forms.BoundField]:
        """How the method reads it (energy content, site, losses): after the quantity."""
        return [self[n] for n in self.shown if n in self.fields and n not in self.PRIMARY | {"sector_of_use"}]

    @property
    def share_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.SHARES if n in self.fields]

    def hint(self) -> str:
        """How the amount will be read (fuel methods), in the officer's words; "" when nothing to say."""
        if "fuel" not in self.fields:
            return ""
        fuel, unit = self._given("fuel"), self._given("unit")
        if not fuel or not unit:
            return ""
        given = self._given("heat_content")
        try:
            reading = guide.fuel_reading(
                factor_library(), str(fuel), str(unit), self.region, float(given) if given else None
            )
        except (ValueError, TypeError, LocalActionError):
            return ""
        return guided.reading_hint(reading)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["method"] = self._method
        direct = self._method == Method.DIRECT.value
        if data.get("quantity") is None and not direct:
            self.add_error("quantity", _("Enter the amount of activity."))
        if not data.get("unit") and not direct:
            self.add_error("unit", _("Choose the unit of the quantity."))
        if "fuel" in self.fields and not data.get("fuel") and data.get("custom_value") is None:
            self.add_error("fuel", _("Choose the fuel."))
        if "vehicle_fuel" in self.fields and not data.get("vehicle_fuel") and data.get("vehicle_class"):
            data["vehicle_fuel"] = guide.VEHICLE_FUEL.get(data["vehicle_class"], "")
        if (
            "vehicle_fuel" in self.fields
            and not data.get("vehicle_fuel")
            and data.get("custom_value") is None
        ):
            self.add_error("vehicle_fuel", _("Choose the vehicles' fuel."))
        heat = data.get("heat_content")
        if heat is not None and heat <= 0:
            self.add_error("heat_content", _("The energy content must be more than zero."))
        if data.get("custom_value") is not None:
            if not data.get("custom_unit"):
                self.add_error("custom_unit", _("Give the unit of your own factor."))
            if len((data.get("custom_justification") or "").split()) < 3:
                self.add_error("custom_justification", _("Justify your own factor in a few words."))
            if data.get("factor_id"):
                self.add_error("factor_id", _("Pin a library factor or give your own, not both."))
        shares: list[float] = [float(data[n]) for n in self.SHARES if data.get(n) is not None]
        if any(s < 0 or s > 100 for s in shares) or sum(shares) > 100 + 1e-6:
            self.add_error(self.SHARES[0], _("Give each share in % (0 to 100); together at most 100 %."))
        try:
            data["params"] = self._params(data)
        except ValueError as exc:
            self.add_error("more_params", str(exc))
        return data

    def _activity(self, d: dict[str, Any]) -> str:
        if "fuel" in self.fields:
            return str(d.get("fuel") or "")
        if "supply" in self.fields:
            supply = d.get("supply") or "electricity"
            return str(d.get("grid_zone") or "").strip() if supply == "electricity" else str(supply)
        if "waste_type" in self.fields:
            return str(d.get("waste_type") or "msw")
        return str(d.get("activity") or "")

    def _guided_params(self, d: dict[str, Any]) -> dict[str, Any]:
        p: dict[str, Any] = {}
        if d.get("heat_content") is not None:
            p["heat_content"] = d["heat_content"]
            p["heat_content_unit"] = d.get("heat_content_unit") or "kWh/m3"
        if d.get("sector_of_use"):
            p["sector_of_use"] = d["sector_of_use"]
        if d.get("exclude_td_losses"):
            p["include_td_losses"] = "false"
        if d.get("vehicle_fuel"):
            p["fuel"] = d["vehicle_fuel"]
        if d.get("vehicle_class"):
            p["vehicle_class"] = d["vehicle_class"]
        if d.get("fuel_intensity") is not None:
            p["fuel_intensity"] = d["fuel_intensity"]
            p["fuel_intensity_unit"] = d.get("fuel_intensity_unit") or "l/100km"
        if d.get("site_type") and d["site_type"] != "uncategorised":
            p["site_type"] = d["site_type"]
        if d.get("climate_zone"):
            p["climate_zone"] = d["climate_zone"]
        if d.get("oxidising_cover"):
            p["oxidising_cover"] = "true"
        if d.get("recovered_ch4_t") is not None:
            p["recovered_ch4_t"] = d["recovered_ch4_t"]
        for name in self.SHARES:
            if d.get(name) is not None:
                p[name] = round(d[name] / 100.0, 12)
        return p

    def _params(self, data: dict[str, Any]) -> dict[str, Any]:
        params: dict[str, Any] = {}
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
        params.update(self._guided_params(data))  # the guided fields win over a typed duplicate
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
            "method": self._method,
            "activity": self._activity(d),
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
        """The form's values for a stored record: the guided fields from its activity and parameters, what they
        do not cover in "advanced parameters"."""
        params = dict(row.params or {})
        method = Method(row.method) if row.method in {m.value for m in Method} else None
        shown = guide.FIELDS.get(method, ()) if method else ()
        initial: dict[str, Any] = {
            "record_id": row.record_id,
            "gpc_ref": row.gpc_ref,
            "method": row.method,
            "quantity": row.quantity,
            "unit": row.unit,
            "factor_id": row.factor_id or "",
            "quality_activity": row.quality_activity or "",
            "quality_factor": row.quality_factor or "",
            "source": row.source,
            "notes": row.notes,
        }
        if "fuel" in shown:
            initial["fuel"] = row.activity
            for name in ("heat_content", "heat_content_unit", "sector_of_use"):
                if name in params:
                    initial[name] = params.pop(name)
        elif "supply" in shown:
            activity = row.activity.strip()
            thermal = activity in guide.SUPPLIES
            initial["supply"] = activity if thermal else "electricity"
            initial["grid_zone"] = "" if thermal else activity
            if str(params.get("include_td_losses", "")).lower() in {"false", "no", "0"}:
                params.pop("include_td_losses")
                initial["exclude_td_losses"] = True
        elif "vehicle_class" in shown:
            for src, dst in (("fuel", "vehicle_fuel"), ("vehicle_class", "vehicle_class"),
                             ("fuel_intensity", "fuel_intensity"), ("fuel_intensity_unit", "fuel_intensity_unit")):  # fmt: skip
                if src in params:
                    initial[dst] = params.pop(src)
        elif "waste_type" in shown:
            initial["waste_type"] = row.activity or "msw"
            for name in ("site_type", "climate_zone", "recovered_ch4_t"):
                if name in params:
                    initial[name] = params.pop(name)
            if str(params.get("oxidising_cover", "")).lower() in {"true", "yes", "1"}:
                params.pop("oxidising_cover")
                initial["oxidising_cover"] = True
            for name in cls.SHARES:
                share = params.get(name)
                if isinstance(share, int | float):
                    initial[name] = float(params.pop(name)) * 100.0
        else:
            initial["activity"] = row.activity
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
