"""A Django form generated from a framework file: one field (or a group: numerator, denominator, data year;
a grid for tables) per indicator, labels, units and help from the file. The engine does the validation: its
problems come back as errors next to the field they name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from localaction.core.frameworks import Framework, Indicator, IndicatorType, Problem
from localaction.faces.web.fields import LocalizedNumberField

T = IndicatorType
EXTRA_TABLE_ROWS = 3
YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


def _label(ind: Indicator) -> str:
    number = f"{ind.number}. " if ind.number else ""
    unit = f" ({ind.unit})" if ind.unit and ind.type != T.PERCENTAGE else ""
    return f"{number}{ind.label}{unit}"


def _cell_field(col: Any) -> forms.Field:
    t = col.type
    if t == T.NUMBER:
        return LocalizedNumberField(required=False, label=col.label)
    if t == T.YES_NO:
        return forms.ChoiceField(required=False, choices=YES_NO, label=col.label)
    if t == T.CHOICE:
        return forms.ChoiceField(
            required=False, choices=[("", "—")] + [(c.value, c.label) for c in col.choices]
        )
    if t == T.MULTI_CHOICE:
        return forms.CharField(required=False, label=col.label, help_text=_("values separated by commas"))
    return forms.CharField(required=False, label=col.label)


class AnswersForm(forms.Form):
    """Fields are named after indicator ids: ``<id>`` (value), ``<id>__numerator``, ``<id>__denominator``,
    ``<id>__year``, and ``<id>__<row>__<column>`` for tables."""

    def __init__(
        self, fw: Framework, answers: dict[str, Any] | None = None, *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fw = fw
        self.answers = answers or {}
        self.table_rows: dict[str, int] = {}
        for _section, ind in fw.indicators():
            if not ind.derived:
                self._add(ind)
        if not self.is_bound:
            self.initial = self._initial()

    # --- building ---------------------------------------------------------------------------------------

    def _add(self, ind: Indicator) -> None:
        f, label, help_ = self.fields, _label(ind), ind.help
        if ind.type in (T.PERCENTAGE, T.RATIO):
            num, den = ind.numerator, ind.denominator
            f[f"{ind.id}__numerator"] = LocalizedNumberField(
                required=False, label=f"{label}: {num.label if num else _('numerator')}", help_text=help_
            )
            f[f"{ind.id}__denominator"] = LocalizedNumberField(
                required=False,
                label=den.label if den else _("denominator"),
                help_text=den.unit if den else "",
            )
        elif ind.type == T.NUMBER:
            f[ind.id] = LocalizedNumberField(required=False, label=label, help_text=help_)
        elif ind.type == T.YES_NO:
            f[ind.id] = forms.ChoiceField(required=False, label=label, help_text=help_, choices=YES_NO)
        elif ind.type == T.CHOICE:
            choices = [("", "—")] + [
                (c.value, f"{c.group}: {c.label}" if c.group else c.label) for c in ind.choices
            ]
            f[ind.id] = forms.ChoiceField(required=False, label=label, help_text=help_, choices=choices)
        elif ind.type == T.MULTI_CHOICE:
            f[ind.id] = forms.MultipleChoiceField(
                required=False,
                label=label,
                help_text=help_,
                choices=[(c.value, c.label) for c in ind.choices],
                widget=forms.CheckboxSelectMultiple,
            )
        elif ind.type == T.TEXT:
            f[ind.id] = forms.CharField(
                required=False, label=label, help_text=help_, widget=forms.Textarea(attrs={"rows": 2})
            )
        elif ind.type == T.TABLE:
            rows = self.answers.get(ind.id) or []
            n = (len(rows) if isinstance(rows, list) else 0) + EXTRA_TABLE_ROWS
            if self.is_bound:
                n = max(n, int(self.data.get(f"{ind.id}__rows", n) or n))
            self.table_rows[ind.id] = n
            for i in range(n):
                for col in ind.columns:
                    f[f"{ind.id}__{i}__{col.id}"] = _cell_field(col)
        if ind.type not in (T.TABLE, T.TEXT):
            f[f"{ind.id}__year"] = forms.IntegerField(
                required=False, label=_("Data year"), min_value=1900, max_value=2200
            )

    def _initial(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for _section, ind in self.fw.indicators():
            raw = self.answers.get(ind.id)
            if raw is None or ind.derived:
                continue
            meta = raw if isinstance(raw, dict) and ind.type != T.TABLE else {"value": raw}
            if "year" in meta:
                out[f"{ind.id}__year"] = meta["year"]
            value = meta.get("value")
            if ind.type in (T.PERCENTAGE, T.RATIO):
                out[f"{ind.id}__numerator"] = meta.get("numerator")
                out[f"{ind.id}__denominator"] = meta.get("denominator")
            elif ind.type == T.YES_NO:
                out[ind.id] = "" if value is None else ("yes" if value in (True, "yes") else "no")
            elif ind.type == T.TABLE:
                for i, row in enumerate(value if isinstance(value, list) else []):
                    for col in ind.columns:
                        cell = row.get(col.id) if isinstance(row, dict) else None
                        if col.type == T.MULTI_CHOICE and isinstance(cell, list):
                            cell = ", ".join(map(str, cell))
                        elif col.type == T.YES_NO and isinstance(cell, bool):
                            cell = "yes" if cell else "no"
                        out[f"{ind.id}__{i}__{col.id}"] = cell
            else:
                out[ind.id] = value
        return out

    # --- reading ----------------------------------------------------------------------------------------

    def answers_from(self) -> dict[str, Any]:
        """The answers document's ``answers`` from the cleaned data (blank fields are left out)."""
        cd = self.cleaned_data
        out: dict[str, Any] = {}
        for _section, ind in self.fw.indicators():
            if ind.derived:
                continue
            year = cd.get(f"{ind.id}__year")
            answer: Any = None
            if ind.type in (T.PERCENTAGE, T.RATIO):
                num, den = cd.get(f"{ind.id}__numerator"), cd.get(f"{ind.id}__denominator")
                if num is not None or den is not None:
                    answer = {"numerator": num, "denominator": den}
            elif ind.type == T.YES_NO:
                v = cd.get(ind.id)
                answer = None if not v else v == "yes"
            elif ind.type == T.TABLE:
                answer = self._table(ind) or None
            else:
                v = cd.get(ind.id)
                answer = v if v not in (None, "", []) else None
            if answer is None:
                continue
            if year is not None and ind.type != T.TABLE:
                answer = (
                    {**answer, "year": year} if isinstance(answer, dict) else {"value": answer, "year": year}
                )
            out[ind.id] = answer
        return out

    def _table(self, ind: Indicator) -> list[dict[str, Any]]:
        rows = []
        for i in range(self.table_rows.get(ind.id, 0)):
            row: dict[str, Any] = {}
            for col in ind.columns:
                v = self.cleaned_data.get(f"{ind.id}__{i}__{col.id}")
                if v in (None, ""):
                    continue
                if col.type == T.MULTI_CHOICE:
                    v = [x.strip() for x in str(v).split(",") if x.strip()]
                elif col.type == T.YES_NO:
                    v = v == "yes"
                row[col.id] = v
            if row:
                rows.append(row)
        return rows

    # --- errors from the engine -------------------------------------------------------------------------

    def field_for(self, loc: list[str | int] | tuple[str | int, ...]) -> str | None:
        """The form field a problem's ``loc`` (``answers.<id>[.<part>|.<row>.<col>]``) belongs to."""
        parts = [str(x) for x in loc]
        if parts[:1] == ["answers"]:
            parts = parts[1:]
        if not parts:
            return None
        ind_id, rest = parts[0], parts[1:]
        candidates = []
        if len(rest) >= 2:
            candidates.append(f"{ind_id}__{rest[0]}__{rest[1]}")
        if rest:
            candidates.append(f"{ind_id}__{rest[0]}")
        candidates += [ind_id, f"{ind_id}__numerator", f"{ind_id}__0__{rest[-1] if rest else ''}"]
        return next((c for c in candidates if c in self.fields), None)

    def add_problems(self, problems: list[Problem] | list[Any]) -> None:
        for p in problems:
            loc = getattr(p, "loc", ())
            msg = getattr(p, "msg", str(p))
            self.add_error(self.field_for(list(loc)), msg)

    def sections(self) -> list[dict[str, Any]]:
        """For the template: sections → indicators → their bound fields (tables as a grid)."""
        out = []
        for section in self.fw.sections:
            items = []
            for ind in section.indicators:
                item: dict[str, Any] = {"ind": ind, "fields": [], "grid": None}
                if ind.type == T.TABLE:
                    item["grid"] = [
                        [self[f"{ind.id}__{i}__{c.id}"] for c in ind.columns]
                        for i in range(self.table_rows.get(ind.id, 0))
                    ]
                    item["rows_count"] = self.table_rows.get(ind.id, 0)
                elif not ind.derived:
                    names = [ind.id, f"{ind.id}__numerator", f"{ind.id}__denominator", f"{ind.id}__year"]
                    item["fields"] = [self[n] for n in names if n in self.fields]
                items.append(item)
            out.append({"section": section, "items": items})
        return out
