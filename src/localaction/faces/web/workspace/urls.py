"""The city's workspace, the generic submission pages and the workflow actions (names in ``web``)."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.workspace import acts, views

urlpatterns = [
    path("start/", views.landing, name="landing"),
    path("workspace/", views.dashboard, name="workspace"),
    path("workspace/<slug:slug>/settings/", views.jurisdiction_settings, name="jurisdiction_settings"),
    path("workspace/<slug:slug>/<str:kind>/new/", views.submission_new, name="submission_new"),
    path("workspace/<str:kind>/<int:pk>/", views.submission_edit, name="submission_edit"),
    path("submissions/<str:kind>/<int:pk>/act/", acts.act, name="act"),
    path("submissions/<str:kind>/<int:pk>/delete/", views.submission_delete, name="submission_delete"),
    path("submissions/<str:kind>/<int:pk>/comment/", acts.comment, name="comment"),
]
