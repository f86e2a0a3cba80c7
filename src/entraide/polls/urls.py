from django.urls import path

from entraide.polls.views import editing, manage, public

app_name = "polls"
urlpatterns = [
    path("", public.poll_list, name="list"),
    path("gerer/lieu/<slug:place_slug>/", manage.place_polls, name="manage_place"),
    path("gerer/lieu/<slug:place_slug>/nouveau/", editing.create, name="create"),
    path("gerer/<slug:slug>/", manage.manage, name="manage"),
    path("gerer/<slug:slug>/modifier/", editing.edit, name="edit_poll"),
    path("gerer/<slug:slug>/supprimer/", editing.delete, name="delete_poll"),
    path("gerer/<slug:slug>/creneaux/ajouter/", editing.add_slots, name="add_slots"),
    path("gerer/<slug:slug>/creneaux/retirer/", editing.remove_slots, name="remove_slots"),
    path("gerer/<slug:slug>/fixer/", manage.fix, name="fix"),
    path("gerer/<slug:slug>/clore/", manage.close, name="close"),
    path("gerer/<slug:slug>/reponses.csv", manage.answers_csv, name="csv"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/repondre/", public.answer, name="answer"),
    path("<slug:slug>/commenter/", public.comment, name="comment"),
    path("<slug:slug>/reponse/<str:token>/", public.edit, name="edit"),
    path("<slug:slug>/inscription/<str:token>/", public.register, name="register"),
    path("<slug:slug>/reponse/<str:token>/supprimer/", public.delete, name="delete"),
]
