"""TAP pages (namespace ``tap``); tests/registry/tap/test_web_access.py has a row per route and role."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.tap import views

app_name = "tap"

urlpatterns = [
    path("", views.portal, name="portal"),
    path("searches/", views.save_search, name="save_search"),
    path("projects/<int:pk>/", views.sheet, name="sheet"),
    path("projects/<int:pk>/interest/", views.interest, name="interest"),
    path("projects/<int:pk>/edit/", views.edit, name="edit"),
    path("projects/<int:pk>/act/", views.act, name="act"),
    path("projects/<int:pk>/review/", views.review, name="review"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("mine/", views.mine, name="mine"),
    path("new/<slug:slug>/", views.new, name="new"),
    path("desk/", views.desk, name="desk"),
]
