"""The editors' pages of a collection: creating it ("nouveau/"), its settings page
("<slug>/gerer/": settings, themes, the code to hand out, writers and invitations, the consent
form and its versions, publishing), and the writer's invitation ("invitation/<token>/"), which
works before the person has an account. Every "gerer/" page starts with
access.collection_for_editor (404 unknown, 403 for anyone not running its place); each action
POSTs and goes back to the page, or draws it again with the refusal beside its field (400)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from entraide.accounts.forms import ask_display_name
from entraide.accounts.services import give_display_name
from entraide.core.errors import DomainError, add_domain_error
from entraide.places.models import Place
from entraide.places.services import organised_place_ids
from entraide.stories.access import collection_for_editor
from entraide.stories.errors import StoryErrorCode
from entraide.stories.forms.editing import (
    CollectionForm,
    ConsentFormForm,
    InviteWritersForm,
    ThemeForm,
)
from entraide.stories.services import collections as services


def _places(user):
    places = Place.objects.order_by("name")
    return places if user.is_superuser else places.filter(pk__in=organised_place_ids(user))


@login_required
def create(request):
    """A new collection, for one of the places the person runs; 403 for anyone running none."""
    places = _places(request.user)
    if not request.user.is_superuser and not organised_place_ids(request.user):
        return render(request, "stories/editing/no_place.html", status=403)
    form = CollectionForm(request.POST or None, places=places)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                collection = services.create_collection(
                    form.cleaned_data["place"], by=request.user, fields=form.collection_fields()
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("The collection is created, not yet public: check its themes and consent "
                      "form, invite the writers, then publish it."),
                )  # fmt: skip
                return redirect(collection.manage_url())
    return render(request, "stories/editing/create.html", {"form": form}, status=status)


def _manage_page(request, collection, *, status=200, **bound):
    themes = collection.themes.annotate(stories_count=Count("stories")).order_by("position", "pk")
    writers = list(collection.writers.select_related("user").order_by("-joined_at", "email"))
    current = collection.current_consent_form()
    context = {
        "collection": collection,
        "form": bound.get("form") or CollectionForm(instance=collection),
        "theme_form": bound.get("theme_form") or ThemeForm(auto_id="id_new_theme_%s"),
        "themes": themes,
        "invite_form": bound.get("invite_form") or InviteWritersForm(),
        "joined": [w for w in writers if w.user_id],
        "invited": [w for w in writers if not w.user_id],
        "consent_form": bound.get("consent_form")
        or ConsentFormForm(initial={"text": current.text if current else ""}),
        "consent_versions": services.consent_form_versions(collection),
    }
    context["error_form"] = next((f for f in bound.values() if hasattr(f, "errors")), None)
    return render(request, "stories/editing/manage.html", context, status=status)


@login_required
def manage(request, slug):
    collection = collection_for_editor(request, slug)
    if request.method != "POST":
        return _manage_page(request, collection)
    form = CollectionForm(request.POST, instance=collection)
    if form.is_valid():
        try:
            services.update_collection(collection, by=request.user, fields=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The settings are saved."))
            return redirect(collection.manage_url())
    collection.refresh_from_db()
    return _manage_page(request, collection, status=400, form=form)


@login_required
@require_POST
def add_theme(request, slug):
    collection = collection_for_editor(request, slug)
    form = ThemeForm(request.POST, auto_id="id_new_theme_%s")
    if form.is_valid():
        try:
            services.add_theme(collection, by=request.user, name=form.cleaned_data["name"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The theme is added."))
            return redirect(collection.manage_url() + "#themes")
    return _manage_page(request, collection, status=400, theme_form=form)


@login_required
@require_POST
def rename_theme(request, slug, theme_id):
    collection = collection_for_editor(request, slug)
    theme = get_object_or_404(collection.themes, pk=theme_id)
    form = ThemeForm(request.POST, auto_id="id_new_theme_%s")
    if form.is_valid():
        try:
            services.rename_theme(theme, by=request.user, name=form.cleaned_data["name"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The theme is renamed."))
            return redirect(collection.manage_url() + "#themes")
    return _manage_page(request, collection, status=400, theme_form=form)


@login_required
def remove_theme(request, slug, theme_id):
    """GET: what removing it does (how many stories lose it); POST: remove it."""
    collection = collection_for_editor(request, slug)
    theme = get_object_or_404(collection.themes, pk=theme_id)
    if request.method == "POST":
        lost = services.remove_theme(theme, by=request.user)
        messages.success(
            request,
            ngettext(
                "The theme “%(name)s” is removed; %(count)s story no longer has it.",
                "The theme “%(name)s” is removed; %(count)s stories no longer have it.",
                lost,
            )
            % {"name": theme.name, "count": lost},
        )
        return redirect(collection.manage_url() + "#themes")
    used = theme.stories.count()
    consequences = [_("Stories can no longer be filed under it.")]
    if used:
        consequences.append(
            ngettext(
                "%(count)s story has it and will lose it (it stays, without this theme).",
                "%(count)s stories have it and will lose it (they stay, without this theme).",
                used,
            )
            % {"count": used}
        )
    context = {
        "title": _("Remove the theme “%(name)s”?") % {"name": theme.name},
        "consequences": consequences,
        "button": _("Remove the theme"),
        "back_url": collection.manage_url() + "#themes",
        "back_label": _("Keep it"),
    }
    return render(request, "core/confirm.html", context)


@login_required
@require_POST
def regenerate_code(request, slug):
    collection = collection_for_editor(request, slug)
    code = services.regenerate_code(collection, by=request.user)
    messages.success(
        request, _("The new code is %(code)s; the old one no longer works.") % {"code": code}
    )
    return redirect(collection.manage_url() + "#code")


@login_required
@require_POST
def publication(request, slug):
    collection = collection_for_editor(request, slug)
    if request.POST.get("publish") == "1":
        services.publish_collection(collection, by=request.user)
        messages.success(request, _("The collection is public: its published stories show."))
    else:
        services.unpublish_collection(collection, by=request.user)
        messages.success(request, _("The collection is no longer public."))
    return redirect(collection.manage_url())


@login_required
@require_POST
def consent_form(request, slug):
    collection = collection_for_editor(request, slug)
    form = ConsentFormForm(request.POST)
    if form.is_valid():
        current = collection.current_consent_form()
        try:
            made = services.new_consent_form(
                collection, text=form.cleaned_data["text"], by=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if current is not None and made.pk == current.pk:
                messages.info(request, _("The consent form is unchanged: no new version."))
            else:
                messages.success(
                    request,
                    _("Version %(version)s of the consent form is the one asked from now on.")
                    % {"version": made.version},
                )
            return redirect(collection.manage_url() + "#consent")
    return _manage_page(request, collection, status=400, consent_form=form)


@login_required
@require_POST
def invite_writers(request, slug):
    collection = collection_for_editor(request, slug)
    form = InviteWritersForm(request.POST)
    if form.is_valid():
        try:
            invited = services.invite_writers(
                collection,
                by=request.user,
                addresses=form.cleaned_data["addresses"],
                language=request.LANGUAGE_CODE,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s invitation sent (addresses already invited are skipped).",
                    "%(count)s invitations sent (addresses already invited are skipped).",
                    len(invited),
                )
                % {"count": len(invited)},
            )
            return redirect(collection.manage_url() + "#writers")
    return _manage_page(request, collection, status=400, invite_form=form)


@login_required
@require_POST
def remove_writer(request, slug, writer_id):
    collection = collection_for_editor(request, slug)
    writer = get_object_or_404(collection.writers.select_related("user"), pk=writer_id)
    services.remove_writer(writer, by=request.user)
    messages.success(
        request,
        _("%(name)s may no longer start a story here; their stories stay.")
        % {"name": writer.user.public_name if writer.user_id else writer.email},
    )
    return redirect(collection.manage_url() + "#writers")


def invitation(request, token):
    """The writer's invitation: sign in or create an account (coming back here), then
    accept. A forged link: 404; a link someone else used: 410."""
    writer = services.find_writer_invitation(token)
    if writer is None:
        return render(request, "stories/editing/invitation_invalid.html", status=404)
    used = writer.user_id is not None and writer.user_id != getattr(request.user, "pk", None)
    if used:
        return render(
            request, "stories/editing/invitation_invalid.html", {"used": True}, status=410
        )
    name_form = ask_display_name(
        forms.Form(request.POST if request.method == "POST" else None), request.user
    )
    context = {"writer": writer, "name_form": name_form}
    if request.method == "POST" and request.user.is_authenticated:
        if not name_form.is_valid():
            return render(request, "stories/editing/invitation.html", context, status=400)
        try:
            writer = services.accept_writer_invitation(token, user=request.user)
        except DomainError as error:
            status = 410 if error.code == StoryErrorCode.INVITATION_USED else 404
            context = {"used": status == 410}
            return render(
                request, "stories/editing/invitation_invalid.html", context, status=status
            )
        give_display_name(request.user, name_form.cleaned_data.get("display_name", ""))
        messages.success(
            request,
            _("You may now write in “%(title)s”.") % {"title": writer.collection.title},
        )
        return redirect(writer.collection.new_story_url())
    return render(request, "stories/editing/invitation.html", context)


urlpatterns = [
    path("nouveau/", create, name="create_collection"),
    path("invitation/<str:token>/", invitation, name="writer_invitation"),
    path("<slug:slug>/gerer/", manage, name="manage_collection"),
    path("<slug:slug>/gerer/themes/", add_theme, name="add_theme"),
    path("<slug:slug>/gerer/themes/<int:theme_id>/", rename_theme, name="rename_theme"),
    path("<slug:slug>/gerer/themes/<int:theme_id>/retirer/", remove_theme, name="remove_theme"),
    path("<slug:slug>/gerer/code/", regenerate_code, name="regenerate_code"),
    path("<slug:slug>/gerer/publication/", publication, name="collection_publication"),
    path("<slug:slug>/gerer/consentement/", consent_form, name="consent_form"),
    path("<slug:slug>/gerer/redacteurs/", invite_writers, name="invite_writers"),
    path(
        "<slug:slug>/gerer/redacteurs/<int:writer_id>/retirer/", remove_writer, name="remove_writer"
    ),
]
