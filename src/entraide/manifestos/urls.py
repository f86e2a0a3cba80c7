from django.urls import path

from entraide.manifestos.views import (
    decisions,
    discussion,
    exports,
    manage,
    my_amendment,
    public,
    signatures,
    versions,
)

app_name = "manifestos"
urlpatterns = [
    path("", public.manifesto_list, name="list"),
    path("gerer/lieu/<slug:place_slug>/", manage.place_manifestos, name="manage_place"),
    path("gerer/lieu/<slug:place_slug>/nouveau/", manage.create, name="create"),
    path("gerer/<slug:slug>/", manage.manage, name="manage"),
    path("gerer/<slug:slug>/modifier/", manage.edit, name="edit"),
    path("gerer/<slug:slug>/phase/", manage.switch_phase, name="switch_phase"),
    path("gerer/<slug:slug>/questions/ajouter/", manage.add_question, name="add_question"),
    path(
        "gerer/<slug:slug>/questions/<int:question_id>/",
        manage.edit_question,
        name="edit_question",
    ),
    path("gerer/<slug:slug>/sections/ajouter/", manage.add_section, name="add_section"),
    path("gerer/<slug:slug>/sections/<int:section_id>/", manage.edit_section, name="edit_section"),
    path("gerer/<slug:slug>/sections/<int:section_id>/monter/", manage.move_up, name="move_up"),
    path(
        "gerer/<slug:slug>/sections/<int:section_id>/descendre/",
        manage.move_down,
        name="move_down",
    ),
    path(
        "gerer/<slug:slug>/sections/<int:section_id>/supprimer/",
        manage.delete_section,
        name="delete_section",
    ),
    path("gerer/<slug:slug>/idees/", manage.moderate, name="moderate"),
    path("gerer/<slug:slug>/idees/regrouper/", manage.group_ideas, name="group_ideas"),
    path("gerer/<slug:slug>/idees/<int:idea_id>/masquer/", manage.hide_idea, name="hide_idea"),
    path("gerer/<slug:slug>/idees/<int:idea_id>/remettre/", manage.show_idea, name="show_idea"),
    path("<slug:slug>/", public.detail, name="detail"),
    path(
        "<slug:slug>/questions/<int:question_id>/projection/",
        public.projection,
        name="projection",
    ),
    path("<slug:slug>/questions/<int:question_id>/idee/", public.post_idea, name="post_idea"),
    path("<slug:slug>/idees/<int:idea_id>/soutenir/", public.support, name="support"),
    path("<slug:slug>/idees/<int:idea_id>/retirer/", public.unsupport, name="unsupport"),
    path(
        "<slug:slug>/sections/<int:section_id>/amender/",
        public.propose_amendment,
        name="propose_amendment",
    ),
    path("<slug:slug>/amendements/<int:amendment_id>/", public.amendment, name="amendment"),
    path(
        "<slug:slug>/amendements/<int:amendment_id>/retirer/",
        public.withdraw_amendment,
        name="withdraw_amendment",
    ),
    # Amendments by people without an account (the private link)
    path("amendement/verifiez-vos-mails/", public.check_mailbox, name="check_mailbox"),
    path("amendement/<str:token>/", my_amendment.my_amendment, name="my_amendment"),
    path("amendement/<str:token>/confirmer/", my_amendment.confirm, name="confirm_amendment"),
    path("amendement/<str:token>/retirer/", my_amendment.withdraw, name="withdraw_by_link"),
    path("amendement/<str:token>/mettre-a-jour/", my_amendment.update, name="update_by_link"),
    # Votes and comments
    path("<slug:slug>/amendements/<int:amendment_id>/voter/", discussion.vote, name="vote"),
    path(
        "<slug:slug>/amendements/<int:amendment_id>/commenter/",
        discussion.comment_amendment,
        name="comment_amendment",
    ),
    path(
        "<slug:slug>/sections/<int:section_id>/discussion/",
        discussion.section_discussion,
        name="section_discussion",
    ),
    path(
        "<slug:slug>/sections/<int:section_id>/commenter/",
        discussion.comment_section,
        name="comment_section",
    ),
    path(
        "gerer/<slug:slug>/commentaires/<int:comment_id>/masquer/",
        discussion.hide_comment,
        name="hide_comment",
    ),
    path(
        "gerer/<slug:slug>/commentaires/<int:comment_id>/remettre/",
        discussion.show_comment,
        name="show_comment",
    ),
    # Decisions and versions
    path(
        "gerer/<slug:slug>/amendements/<int:amendment_id>/decider/",
        decisions.decide,
        name="decide",
    ),
    path(
        "<slug:slug>/amendements/<int:amendment_id>/mettre-a-jour/",
        decisions.update_amendment,
        name="update_amendment",
    ),
    path("gerer/<slug:slug>/publier/", versions.publish, name="publish"),
    path("<slug:slug>/versions/<int:number>/", versions.version, name="version"),
    path("<slug:slug>/comparer/", versions.compare, name="compare"),
    # Signatures and exports
    path("<slug:slug>/signer/", signatures.sign, name="sign"),
    path("<slug:slug>/signer/courrier/", signatures.signature_sent, name="signature_sent"),
    path("<slug:slug>/signataires/", signatures.signatories, name="signatories"),
    path(
        "<slug:slug>/versions/<int:number>/signataires/",
        signatures.signatories,
        name="version_signatories",
    ),
    path("signature/<str:token>/", signatures.my_signature, name="my_signature"),
    path("<slug:slug>/versions/<int:number>/manifeste.md", exports.markdown, name="markdown"),
    path("<slug:slug>/versions/<int:number>/imprimer/", exports.printable, name="print"),
    path("<slug:slug>/versions/<int:number>/manifeste.epub", exports.epub, name="epub"),
]
