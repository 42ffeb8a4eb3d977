"""The network pages (namespace ``network``, under /network/). tests/registry/network/test_web_access.py has a row
per route and role: a new route without a row fails it."""

from __future__ import annotations

from django.urls import path

from localaction.faces.web.network import members, networks

app_name = "network"

urlpatterns = [
    path("", networks.network_list, name="networks"),
    path("new/", networks.network_new, name="network_new"),
    path("n/<slug:slug>/", networks.network, name="network"),
    path("n/<slug:slug>/edit/", networks.network_edit, name="network_edit"),
    path("n/<slug:slug>/join/", networks.network_join, name="network_join"),
    path("n/<slug:slug>/leave/", networks.network_leave, name="network_leave"),
    path("n/<slug:slug>/invite/", networks.network_invite, name="network_invite"),
    path("n/<slug:slug>/post/", networks.network_post, name="network_post"),
    path("peers/<slug:slug>/", networks.peer_list, name="peers"),
    path("partners/", networks.partner_list, name="partners"),
    path("partners/new/", networks.partner_new, name="partner_new"),
    path("partners/<int:pk>/", networks.partner, name="partner"),
    path("partners/<int:pk>/progress/", networks.partner_progress, name="partner_progress"),
    path("members/", members.member_list, name="members"),
    path("members/<slug:slug>/", members.member, name="member"),
    path("members/<slug:slug>/contacts/new/", members.contact, name="contact_new"),
    path("members/<slug:slug>/contacts/<int:pk>/", members.contact, name="contact"),
    path("members/<slug:slug>/contacts/<int:pk>/delete/", members.contact_delete, name="contact_delete"),
    path("members/<slug:slug>/confirm/", members.confirm, name="confirm"),
    path("members/<slug:slug>/profile/", members.profile_edit, name="profile_edit"),
    path("desk/", members.desk, name="desk"),
    path("desk/inbox/<int:pk>/read/", members.notification_read, name="notification_read"),
]
