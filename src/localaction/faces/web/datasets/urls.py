"""Prefill, cross-check and dataset pages (namespace ``datasets_web``). tests/faces/web/datasets/test_access.py
has a row per route and role: a new route without one fails it."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.datasets import views

app_name = "datasets_web"

urlpatterns = [
    path("datasets/", views.datasets, name="datasets"),
    path("inventories/<int:pk>/comparison/", views.comparison, name="comparison"),
    path("workspace/inventories/<int:pk>/prefill/", views.prefill, name="prefill"),
    path("workspace/inventories/<int:pk>/cross-check/", views.crosscheck, name="crosscheck"),
]
