from django.urls import path

from entraide.workshops import feeds
from entraide.workshops.views import cancelling, manage, participant, public

app_name = "workshops"
urlpatterns = [
    path("", public.workshop_list, name="list"),
    path("flux.atom", feeds.UpcomingFeed(), name="feed"),
    path("verifiez-vos-mails/", public.check_mailbox, name="check_mailbox"),
    path("mes-inscriptions/", participant.mine, name="mine"),
    path(
        "mes-inscriptions/<int:registration_id>/annuler/",
        participant.cancel_mine,
        name="cancel_mine",
    ),
    path(
        "mes-inscriptions/<int:registration_id>/reprendre/",
        participant.undo_mine,
        name="undo_mine",
    ),
    path(
        "mes-inscriptions/<int:registration_id>/calendrier.ics",
        participant.calendar_mine,
        name="calendar_mine",
    ),
    path(
        "mes-inscriptions/calendrier/changer-adresse/",
        participant.change_calendar_address,
        name="change_calendar_address",
    ),
    path("calendrier/personnel/<str:token>.ics", feeds.personal_calendar, name="personal_feed"),
    path("calendrier/lieu/<slug:slug>.ics", feeds.place_calendar, name="place_feed"),
    path("inscription/<str:token>/", participant.private_link, name="registration"),
    path(
        "inscription/<str:token>/annuler/<int:registration_id>/",
        participant.cancel_by_link,
        name="cancel_by_link",
    ),
    path(
        "inscription/<str:token>/reprendre/<int:registration_id>/",
        participant.undo_by_link,
        name="undo_by_link",
    ),
    path(
        "inscription/<str:token>/<int:registration_id>.ics",
        participant.calendar_by_link,
        name="calendar_by_link",
    ),
    path("cycles/<slug:slug>/", public.series_detail, name="series"),
    path("cycles/<slug:slug>/inscription/", public.register_series, name="register_series"),
    path("cycles/<slug:slug>/calendrier.ics", feeds.series_calendar, name="series_feed"),
    path("gerer/lieu/<slug:place_slug>/", manage.place_workshops, name="manage_place"),
    path("gerer/lieu/<slug:place_slug>/nouvel-atelier/", manage.create_workshop, name="create"),
    path("gerer/lieu/<slug:place_slug>/nouveau-cycle/", manage.create_series, name="create_series"),
    path("gerer/cycle/<slug:slug>/", manage.edit_series, name="manage_series"),
    path("gerer/cycle/<slug:slug>/publication/", manage.publish_series, name="publish_series"),
    path("gerer/cycle/<slug:slug>/annuler/", cancelling.cancel_series, name="cancel_series"),
    path("gerer/cycle/<slug:slug>/ecrire/", manage.write_series, name="write_series"),
    path("gerer/<slug:slug>/", manage.edit_workshop, name="manage"),
    path("gerer/<slug:slug>/publication/", manage.publish, name="publish"),
    path("gerer/<slug:slug>/dupliquer/", manage.duplicate, name="duplicate"),
    path("gerer/<slug:slug>/annuler/", cancelling.cancel_workshop, name="cancel"),
    path("gerer/<slug:slug>/supprimer/", cancelling.delete_draft, name="delete_draft"),
    path("gerer/<slug:slug>/participants/", manage.participants, name="participants"),
    path("gerer/<slug:slug>/participants.csv", manage.participants_csv, name="participants_csv"),
    path(
        "gerer/<slug:slug>/participants/<int:registration_id>/annuler/",
        cancelling.withdraw,
        name="withdraw",
    ),
    path("gerer/<slug:slug>/ecrire/", manage.write, name="write"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/inscription/", public.register, name="register"),
]
