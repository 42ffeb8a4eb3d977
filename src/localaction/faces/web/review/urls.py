"""The secretariat's review desk (names in ``web``)."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.review import views

urlpatterns = [
    path("review/", views.queue, name="review"),
    path("review/<str:kind>/<int:pk>/", views.detail, name="review_detail"),
]
