from django.urls import path

from entraide.places import views

app_name = "places"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("proposer/", views.propose, name="propose"),
    path("gerer/<slug:slug>/", views.manage, name="manage"),
    path("gerer/<slug:slug>/inviter/", views.invite, name="invite"),
    path(
        "gerer/<slug:slug>/invitations/<int:invitation_id>/retirer/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
]
