"""Verification and account pages (namespace ``verification``); tests/faces/web/verification/test_access.py has
a row per route and role."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.verification import account_views, views

app_name = "verification"

urlpatterns = [
    path("verification/", views.desk, name="desk"),
    path("verification/<str:kind>/<int:pk>/", views.version, name="version"),
    path("verification/steps/<str:name>/<int:pk>/", views.step, name="step"),
    path("verification/statements/<str:reference>.<str:fmt>", views.statement, name="statement"),
    # accounts
    path("accounts/password/reset/", account_views.password_reset, name="password_reset"),
    path("accounts/password/reset/sent/", account_views.password_reset_done, name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        account_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/", account_views.password_reset_complete, name="password_reset_complete"
    ),
    path("accounts/tokens/reset/", account_views.token_reset, name="token_reset"),
    path("accounts/tokens/reset/sent/", account_views.token_reset_done, name="token_reset_done"),
    path(
        "accounts/tokens/reset/<uidb64>/<token>/",
        account_views.token_reset_confirm,
        name="token_reset_confirm",
    ),
    path("accounts/security/", account_views.security, name="security"),
    path("accounts/otp/", account_views.otp, name="otp"),
]
