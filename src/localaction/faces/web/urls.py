"""The pages' URL map (namespace ``web``). tests/faces/web/test_access.py has one row per route and role: a new
route without a row fails that test."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from localaction.faces.web.forms import LoginForm
from localaction.faces.web.views import acts, assets, public, records, review, workspace

app_name = "web"

urlpatterns = [
    # public registry
    path("", public.home, name="home"),
    path("jurisdictions/", public.directory, name="directory"),
    path("jurisdictions/<slug:slug>/", public.jurisdiction, name="jurisdiction"),
    path("jurisdictions/<slug:slug>/charts/<str:key>.csv", public.jurisdiction_chart_csv, name="chart_csv"),
    path("inventories/<int:pk>/", public.inventory, name="inventory"),
    path("inventories/<int:pk>/download.<str:fmt>", public.inventory_download, name="inventory_download"),
    path("compare/", public.compare, name="compare"),
    path("compare/data.csv", public.compare_csv, name="compare_csv"),
    path("factors/", public.factors, name="factors"),
    path("assets/plotly.min.js", assets.plotly_js, name="plotly_js"),
    # accounts and language
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", set_language, name="set_language"),
    # city workspace
    path("start/", workspace.landing, name="landing"),
    path("workspace/", workspace.dashboard, name="workspace"),
    path("workspace/<slug:slug>/inventories/new/", workspace.inventory_new, name="inventory_new"),
    path("workspace/inventories/<int:pk>/", workspace.editor, name="editor"),
    path("workspace/inventories/<int:pk>/header/", workspace.header, name="inventory_header"),
    path("workspace/inventories/<int:pk>/records/new/", records.record, name="record_new"),
    path("workspace/inventories/<int:pk>/records/preview/", records.record_preview, name="record_preview"),
    path("workspace/inventories/<int:pk>/records/<str:record_id>/", records.record, name="record_edit"),
    path(
        "workspace/inventories/<int:pk>/records/<str:record_id>/delete/",
        records.record_delete,
        name="record_delete",
    ),
    path("workspace/inventories/<int:pk>/lines/<str:gpc_ref>/", records.line, name="line_edit"),
    path("workspace/inventories/<int:pk>/upload/", records.upload, name="upload"),
    path("workspace/<slug:slug>/<str:kind>/new/", workspace.submission_new, name="submission_new"),
    path("workspace/<str:kind>/<int:pk>/", workspace.submission_edit, name="submission_edit"),
    # workflow and comments (members and the secretariat)
    path("submissions/<str:kind>/<int:pk>/act/", acts.act, name="act"),
    path("submissions/<str:kind>/<int:pk>/comment/", acts.comment, name="comment"),
    # review desk
    path("review/", review.queue, name="review"),
    path("review/<str:kind>/<int:pk>/", review.detail, name="review_detail"),
]
