"""Framework pages (namespace ``frameworks``). tests/registry/frameworks/test_web.py has a row per route and
role: a new route without one fails it."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("frameworks/", views.index, name="index"),
    path("frameworks/<str:framework_id>/compare/", views.compare, name="compare"),
    path("frameworks/<str:framework_id>/compare.csv", views.compare_csv, name="compare_csv"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/radar.csv", views.radar_csv, name="radar_csv"),
    path("workspace/<slug:slug>/reports/new/", views.new, name="new"),
    path("workspace/<slug:slug>/reports/import/", views.import_file, name="import"),
    path("workspace/reports/<int:pk>/", views.edit, name="edit"),
]
