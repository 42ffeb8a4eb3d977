"""Inventory pages: public page and downloads, the factor library, the city's editor (names in ``web``)."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.inventories import records, views

urlpatterns = [
    path("inventories/<int:pk>/", views.inventory, name="inventory"),
    path("inventories/<int:pk>/download.<str:fmt>", views.inventory_download, name="inventory_download"),
    path("inventories/<int:pk>/export/<str:kind>.<str:fmt>", views.inventory_export, name="inventory_export"),
    path("factors/", views.factors, name="factors"),
    path("activity-template.<str:fmt>", views.activity_template, name="activity_template"),
    path("workspace/<slug:slug>/inventories/new/", views.inventory_new, name="inventory_new"),
    path("workspace/inventories/<int:pk>/", views.editor, name="editor"),
    path("workspace/inventories/<int:pk>/header/", views.header, name="inventory_header"),
    path("workspace/inventories/<int:pk>/notation-keys/", views.notation_keys, name="notation_keys"),
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
]
