"""Insights pages (namespace ``insights``). tests/registry/insights/test_access.py has a row per route."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("reports/registry/<int:year>/", views.registry_report, name="registry_report"),
    path("reports/theme/<str:theme>/<int:year>/", views.theme_report, name="theme_report"),
    path(
        "reports/jurisdiction/<slug:slug>/<int:year>/", views.jurisdiction_report, name="jurisdiction_report"
    ),
    path("reports/<str:kind>/<str:subject>/<int:year>.<str:fmt>", views.report_file, name="report_file"),
    path("reports/<str:kind>/<str:subject>/<int:year>/<str:item>.csv", views.report_csv, name="report_csv"),
    path("jurisdictions/<slug:slug>/performance/", views.performance, name="performance"),
    path("top/", views.top, name="top"),
    path("opendata/", views.opendata_index, name="opendata"),
    path("opendata/<str:name>", views.opendata_file, name="opendata_file"),
]
