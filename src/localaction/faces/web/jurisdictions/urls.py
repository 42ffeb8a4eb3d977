"""The public registry's pages (names in the ``web`` namespace: included by faces/web/urls.py)."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.jurisdictions import views

urlpatterns = [
    path("", views.home, name="home"),
    path("jurisdictions/", views.directory, name="directory"),
    path("jurisdictions/<slug:slug>/", views.jurisdiction, name="jurisdiction"),
    path("jurisdictions/<slug:slug>/charts/<str:key>.csv", views.jurisdiction_chart_csv, name="chart_csv"),
    path("compare/", views.compare, name="compare"),
    path("compare/data.csv", views.compare_csv, name="compare_csv"),
]
