from django.urls import path

from entraide.surveys.views import (
    answering,
    building,
    exports,
    invitations,
    listing,
    manage,
    report,
    results,
)

app_name = "surveys"
urlpatterns = [
    path("", listing.survey_list, name="list"),
    # Building (organisers): views/building.py, views/manage.py
    path("gerer/lieu/<slug:place_slug>/", manage.manage_place, name="manage_place"),
    path("gerer/lieu/<slug:place_slug>/nouvelle/", building.create, name="create"),
    path("gerer/<slug:slug>/", manage.manage, name="manage"),
    path("gerer/<slug:slug>/modifier/", building.edit, name="edit"),
    path("gerer/<slug:slug>/publier/", manage.publish, name="publish"),
    path("gerer/<slug:slug>/clore/", manage.close, name="close"),
    path("gerer/<slug:slug>/rouvrir/", manage.reopen, name="reopen"),
    path("gerer/<slug:slug>/dupliquer/", manage.duplicate, name="duplicate"),
    path("gerer/<slug:slug>/sections/ajouter/", building.add_section, name="add_section"),
    path(
        "gerer/<slug:slug>/sections/<int:survey_section_id>/",
        building.edit_section,
        name="edit_section",
    ),
    path(
        "gerer/<slug:slug>/sections/<int:survey_section_id>/supprimer/",
        building.delete_section,
        name="delete_section",
    ),
    path(
        "gerer/<slug:slug>/sections/<int:survey_section_id>/monter/",
        building.move_section,
        {"step": -1},
        name="section_up",
    ),
    path(
        "gerer/<slug:slug>/sections/<int:survey_section_id>/descendre/",
        building.move_section,
        {"step": 1},
        name="section_down",
    ),
    path(
        "gerer/<slug:slug>/sections/<int:survey_section_id>/question/",
        building.add_question,
        name="add_question",
    ),
    path(
        "gerer/<slug:slug>/questions/<int:survey_question_id>/",
        building.edit_question,
        name="edit_question",
    ),
    path(
        "gerer/<slug:slug>/questions/<int:survey_question_id>/supprimer/",
        building.delete_question,
        name="delete_question",
    ),
    path(
        "gerer/<slug:slug>/questions/<int:survey_question_id>/dupliquer/",
        building.duplicate_question,
        name="duplicate_question",
    ),
    path(
        "gerer/<slug:slug>/questions/<int:survey_question_id>/monter/",
        building.move_question,
        {"step": -1},
        name="question_up",
    ),
    path(
        "gerer/<slug:slug>/questions/<int:survey_question_id>/descendre/",
        building.move_question,
        {"step": 1},
        name="question_down",
    ),
    # Answering and invitations: views/answering.py, views/invitations.py
    path("gerer/<slug:slug>/invitations/", invitations.invitations, name="invitations"),
    path("invitation/<str:token>/", answering.invited, name="invited"),
    path("<slug:slug>/", answering.detail, name="detail"),
    path("<slug:slug>/repondre/", answering.answer, name="answer"),
    path("<slug:slug>/merci/", answering.thanks, name="thanks"),
    # Results, exports and the report: views/results.py, views/exports.py
    path("<slug:slug>/resultats/", results.results_page, name="results"),
    path("<slug:slug>/resultats.csv", exports.results_csv, name="results_csv"),
    path("<slug:slug>/rapport/", report.report, name="report"),
    path("<slug:slug>/rapport.pdf", report.report_pdf, name="report_pdf"),
    path("gerer/<slug:slug>/publication/", results.publication, name="publication"),
    path("gerer/<slug:slug>/citations/<int:survey_question_id>/", results.quotes, name="quotes"),
    path("gerer/<slug:slug>/reponses.csv", exports.answers_csv, name="answers_csv"),
]
