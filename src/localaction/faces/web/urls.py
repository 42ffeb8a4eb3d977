"""The pages' URL map (namespace ``web``): the shell's own routes (sign-in, language, assets) and each page
app's routes. Every route has a row in an access table (tests/access.py; tests/test_access_routes.py walks
the root URLconf so that a route without a row fails)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from localaction.faces.web import assets, language
from localaction.faces.web.forms import LoginForm

app_name = "web"

urlpatterns = [
    path("assets/plotly.min.js", assets.plotly_js, name="plotly_js"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", language.set_language, name="set_language"),
    # the page apps (inventories before the workspace: its generic routes would match inventory URLs)
    path("", include("localaction.faces.web.jurisdictions.urls")),
    path("", include("localaction.faces.web.inventories.urls")),
    path("", include("localaction.faces.web.workspace.urls")),
    path("", include("localaction.faces.web.review.urls")),
]
