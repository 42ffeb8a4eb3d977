"""Gateway pages (namespace ``gateway``); tests/registry/tap/test_web_access.py has a row per route and role."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.gateway import views

app_name = "gateway"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.form, name="edit"),
    path("<int:pk>/act/", views.act, name="act"),
    path("new/", views.form, name="new"),
    path("mine/", views.mine, name="mine"),
    path("queue/", views.queue, name="queue"),
]
