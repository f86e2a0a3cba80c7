"""The authors' pages (signed in): "mes-recits/" (their stories, what awaits them, the
collections they write in), joining a collection with its code ("<collection>/rejoindre/"),
starting a story ("<collection>/nouveau/", writers only) and the partner's invitation
("binome/<token>/", which works without an account: sign in or create one, then come back).
A story's own pages (writing, versions, follow-up, the pair, answers, submitting) are in
writing_story.py, and listed here."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entraide.accounts.forms import ask_display_name
from entraide.accounts.services import give_display_name
from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.stories.forms.writing import JoinForm, StartForm
from entraide.stories.models import Author, Collection, Comment, Story
from entraide.stories.services import writing
from entraide.stories.views import writing_story


def _collection(slug):
    return get_object_or_404(Collection.objects.select_related("place"), slug=slug)


# ----------------------------------------------------------------- my stories


@login_required
def mine(request):
    user = request.user
    last_comment_by_editor = Subquery(
        Comment.objects.filter(story=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("by_editor")[:1]
    )
    stories = (
        Story.objects.filter(authors__user=user, authors__accepted_at__isnull=False)
        .select_related("collection")
        .annotate(
            awaiting_partner=Exists(Author.objects.filter(story=OuterRef("pk"), user__isnull=True)),
            editors_spoke_last=last_comment_by_editor,
        )
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.select_related("user").order_by("pk"))
        )
        .order_by("-updated_at", "-pk")
    )
    invitations = (
        Author.objects.filter(user__isnull=True, email__iexact=user.email)
        .select_related("story__collection")
        .order_by("-invited_at")
    )
    collections = (
        Collection.objects.filter(writers__user=user, writers__joined_at__isnull=False)
        .order_by("title")
        .distinct()
    )
    return render(
        request,
        "stories/writing/mine.html",
        {
            "stories": list(stories),
            "invitations": list(invitations),
            "collections": list(collections),
            "changes_requested": Story.State.CHANGES_REQUESTED,
        },
    )


# ----------------------------------------------------------------- joining


@login_required
@require_http_methods(["GET", "POST"])
def join(request, collection):
    collection = _collection(collection)
    already = writing.is_writer(request.user, collection)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            writing.join_with_code(collection, request.user, form.cleaned_data["code"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("You write in this collection now: start a story."))
            return redirect(collection.new_story_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "stories/writing/join.html",
        {"collection": collection, "form": form, "already": already},
        status=status,
    )


# ----------------------------------------------------------------- starting a story


@login_required
@require_http_methods(["GET", "POST"])
def start(request, collection):
    collection = _collection(collection)
    if not writing.is_writer(request.user, collection):
        return render(
            request, "stories/writing/not_writer.html", {"collection": collection}, status=403
        )
    form = StartForm(request.POST or None, collection=collection)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = writing.start_story(collection, request.user, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your story is started. Invite your partner, then write."))
            return redirect(writing_story.follow_url(story))
    return render(
        request,
        "stories/writing/start.html",
        {"collection": collection, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# ----------------------------------------------------------------- the partner's invitation


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    author = writing.invitation_for_token(token)
    if author is None:
        return render(request, "stories/writing/invitation_gone.html", status=404)
    if author.user_id is not None:
        return render(request, "stories/writing/invitation_gone.html", {"used": True}, status=410)
    story = author.story
    inviter = story.authors.filter(user__isnull=False).select_related("user").order_by("pk").first()
    name_form = ask_display_name(
        forms.Form(request.POST if request.method == "POST" else None), request.user
    )
    context = {"author": author, "story": story, "inviter": inviter and inviter.user}
    context["name_form"] = name_form
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        accepting = request.POST.get("answer") == "accept"
        if accepting and not name_form.is_valid():
            return render(request, "stories/writing/invitation.html", context, status=400)
        try:
            if accepting:
                writing.accept_invitation(author, request.user)
                give_display_name(request.user, name_form.cleaned_data.get("display_name", ""))
            else:
                writing.decline_invitation(author)
                messages.info(request, _("You declined the invitation."))
                return redirect("stories:mine")
        except DomainError as error:
            add_domain_message(request, error)
            return redirect("stories:mine")
        messages.success(request, _("You write this story together now."))
        return redirect(writing_story.follow_url(story))
    return render(request, "stories/writing/invitation.html", context)


urlpatterns = [
    path("mes-recits/", mine, name="mine"),
    path("binome/<str:token>/", invitation, name="partner_invitation"),
    path("<slug:collection>/rejoindre/", join, name="join"),
    path("<slug:collection>/nouveau/", start, name="start"),
    *writing_story.urlpatterns,
]
