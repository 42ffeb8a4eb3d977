"""The secretariat's back-office for datasets: list what is loaded (read only: a dataset is never edited),
and load a new file from the add page (the same use-case as ``localaction datasets add``)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from localaction.core.datasets import KINDS, LABELS
from localaction.core.errors import LocalActionError
from localaction.registry.base import access
from localaction.registry.datasets.loading import load_dataset
from localaction.registry.datasets.models import CrossCheck, Dataset


class LoadForm(forms.Form):
    file = forms.FileField(label=_("file (as downloaded)"))
    kind = forms.ChoiceField(label=_("kind"), choices=[(k, LABELS[k]) for k in KINDS])
    publisher = forms.CharField(required=False, help_text=_("blank: what the reader knows of this kind"))
    title = forms.CharField(required=False)
    version = forms.CharField(required=False, help_text=_("the vintage, e.g. 2.6 or submission 2023"))
    licence = forms.CharField(required=False)
    citation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source_url = forms.URLField(required=False, label=_("where it was downloaded"), assume_scheme="https")
    country = forms.CharField(
        required=False, help_text=_("CRF tables: the party (ISO code), if the file name does not say")
    )
    year = forms.IntegerField(
        required=False, help_text=_("CRF tables: the inventory year, if the file does not say")
    )


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "kind", "title", "version", "licence", "figure_count", "loaded_at", "loaded_by")
    list_filter = ("kind",)
    search_fields = ("title", "publisher", "version", "file_name")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.is_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: Any = None) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        form = LoadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            d = form.cleaned_data
            options = {"country": d["country"], "year": d["year"]} if d["kind"] == "crf" else {}
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / Path(upload.name).name
                with path.open("wb") as fh:
                    for chunk in upload.chunks():
                        fh.write(chunk)
                try:
                    ds = load_dataset(
                        request.user,
                        path,
                        d["kind"],
                        meta={
                            k: d[k]
                            for k in ("publisher", "title", "version", "licence", "citation", "source_url")
                        },
                        **options,
                    )
                except LocalActionError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(
                        request, _("Loaded %(ds)s: %(n)s figures.") % {"ds": ds, "n": ds.figure_count}
                    )
                    return HttpResponseRedirect(reverse("admin:datasets_dataset_change", args=[ds.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Load a dataset"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "datasets/admin_load.html", context)


@admin.register(CrossCheck)
class CrossCheckAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("inventory", "code", "subject", "message", "explained_at")
    list_filter = ("code",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_secretariat(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
