"""Target, milestone and 10% programme pages (namespace ``targets``). tests/web_targets/test_access.py has a
row per route and role: a new route without one fails it."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.targets import programme_views, views

app_name = "targets"

urlpatterns = [
    path("targets/<int:pk>/", views.target_page, name="target"),
    path("targets/<int:pk>/pathway.csv", views.pathway_csv, name="pathway_csv"),
    path("workspace/<slug:slug>/targets/new/", views.target_new, name="target_new"),
    path("workspace/targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("workspace/targets/<int:pk>/actions/", views.link_actions, name="link_actions"),
    path("workspace/<slug:slug>/milestones/", programme_views.milestones_edit, name="milestones_edit"),
    path("efficiency/<int:pk>/", programme_views.efficiency, name="efficiency"),
    path(
        "efficiency/<int:pk>/readings/<int:reading_id>/delete/",
        programme_views.reading_delete,
        name="reading_delete",
    ),
    path("secretariat/milestones/overdue/", programme_views.overdue, name="overdue"),
    path("secretariat/efficiency/", programme_views.programme, name="programme"),
]
