"""Votes and comments on the pages, without JavaScript: vote for, against or abstain on an
amendment (the same form changes the vote), comment on a section (its discussion page) or on
an amendment (its page), reply to a comment, and, for organisers, hide a comment with a reason
or show it again. Visitors act without an account, known by their session (views.public)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.accounts.services import give_display_name
from entraide.core import rate_limits
from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.errors import DomainError, add_domain_error
from entraide.core.page_cache import public_page
from entraide.manifestos import services
from entraide.manifestos.access import manifesto_for_organiser
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.forms import CommentForm, CommentHideForm, VoteForm
from entraide.manifestos.models import COMMENT_MAX, Amendment, Comment, Manifesto, Phase, Section
from entraide.manifestos.views import public
from entraide.places.services import is_organiser


def discussion_context(request, manifesto, *, section=None, amendment=None, forms=None) -> dict:
    """What the partials _votes.html and _comments.html show: the comments with their reply
    forms (and hide forms for organisers), the comment form, and for an amendment, the
    person's vote. `forms`: forms sent back with their errors, by ("vote",), ("comment",),
    ("reply", pk) or ("hide", pk)."""
    forms = forms or {}
    person = public._person(request)
    contributor = services.find_contributor(manifesto, person)
    name = contributor.name if contributor else ""
    if not name and request.user.is_authenticated:
        name = request.user.display_name
    can_moderate = request.user.is_authenticated and is_organiser(request.user, manifesto.place)
    threads = services.discussion(section=section, amendment=amendment)
    for thread in threads:
        thread.reply_form = forms.get(("reply", thread.comment.pk)) or CommentForm(
            reply_to=thread.comment.pk, initial={"name": name}
        )
        if can_moderate:
            for comment in (thread.comment, *thread.replies):
                comment.hide_form = forms.get(("hide", comment.pk)) or CommentHideForm(
                    comment=comment
                )
    if amendment is not None:
        action = reverse("manifestos:comment_amendment", args=[manifesto.slug, amendment.pk])
    else:
        action = reverse("manifestos:comment_section", args=[manifesto.slug, section.pk])
    context = {
        "threads": threads,
        "comment_form": forms.get(("comment",)) or CommentForm(initial={"name": name}),
        "comment_action": action,
        "comments_open": services.takes_comments(manifesto),
        "comment_max": COMMENT_MAX,
        "can_moderate": can_moderate,
        "error_form": next(iter(forms.values()), None),
    }
    if amendment is not None:
        choice = services.my_vote(amendment, person, contributor) if contributor else ""
        context["my_choice"] = choice
        context["vote_form"] = forms.get(("vote",)) or VoteForm(
            amendment=amendment, initial={"choice": choice}
        )
        context["votable"] = (
            manifesto.phase == Phase.AMENDMENTS_OPEN and amendment.is_open and amendment.is_public
        )
    return context


def _public_amendment(manifesto, amendment_id):
    amendment = get_object_or_404(Amendment, manifesto=manifesto, pk=amendment_id)
    if not amendment.is_public:
        raise Http404
    amendment.manifesto = manifesto
    return amendment


@csrf_protect_signed_in
@require_POST
def vote(request, slug, amendment_id):
    manifesto = get_object_or_404(Manifesto, slug=slug)
    amendment = _public_amendment(manifesto, amendment_id)
    form = VoteForm(request.POST, amendment=amendment)
    if form.is_valid():
        try:
            services.vote(
                amendment,
                choice=form.cleaned_data["choice"],
                person=public._person(request, acting=True),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your vote is recorded."))
            return redirect(amendment.get_absolute_url() + "#votes")
    return public.amendment(request, slug, amendment_id, status=400, forms={("vote",): form})


def _post_comment(request, manifesto, *, section=None, amendment=None, back, page):
    """Post the comment or reply of the form sent; on a refusal, `page(forms)` shows it again
    with its errors (400)."""
    try:
        reply_to = int(request.POST.get("parent") or 0) or None
    except ValueError:
        reply_to = None
    form = CommentForm(request.POST, reply_to=reply_to)
    key = ("reply", reply_to) if reply_to else ("comment",)
    if form.is_valid():
        by_network = rate_limits.network_allowed(request, "manifestos.comment")
        if not by_network.allowed:
            return rate_limits.too_many_from_network(request, by_network, back)
        parent = None
        if reply_to:
            parent = Comment.objects.filter(pk=reply_to).first()
        try:
            if reply_to and parent is None:
                raise DomainError(
                    _("Reply to a comment of this discussion."),
                    code=ManifestoErrorCode.REPLY_ELSEWHERE,
                    field="parent",
                )
            comment = services.post_comment(
                manifesto,
                body=form.cleaned_data["body"],
                name=form.cleaned_data["name"],
                person=public._person(request, acting=True),
                section=section,
                amendment=amendment,
                parent=parent,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if request.user.is_authenticated:
                give_display_name(request.user, form.cleaned_data["name"])
            messages.success(request, _("Thank you, your comment is posted."))
            return redirect(f"{back}#commentaire-{comment.pk}")
    return page({key: form})


@csrf_protect_signed_in
@require_POST
def comment_amendment(request, slug, amendment_id):
    manifesto = get_object_or_404(Manifesto.objects.select_related("place"), slug=slug)
    amendment = _public_amendment(manifesto, amendment_id)
    return _post_comment(
        request,
        manifesto,
        amendment=amendment,
        back=amendment.get_absolute_url(),
        page=lambda forms: public.amendment(request, slug, amendment_id, status=400, forms=forms),
    )


def _section_url(manifesto, section):
    return reverse("manifestos:section_discussion", args=[manifesto.slug, section.pk])


@public_page
def section_discussion(request, slug, section_id, *, forms=None, status=200):
    """A section and its comments: on a page of its own, so that the manifesto's page keeps
    the text readable in one piece (each section links here, with its number of comments)."""
    manifesto = get_object_or_404(Manifesto.objects.select_related("place"), slug=slug)
    sections = services.numbered_sections(manifesto)
    section = next((s for s in sections if s.pk == section_id), None)
    if section is None:
        raise Http404
    context = {
        "manifesto": manifesto,
        "section": section,
        "amendments": services.section_amendments(manifesto, section),
        "amendable": manifesto.phase == Phase.AMENDMENTS_OPEN,
        **discussion_context(request, manifesto, section=section, forms=forms),
    }
    return render(request, "manifestos/section_discussion.html", context, status=status)


@csrf_protect_signed_in
@require_POST
def comment_section(request, slug, section_id):
    manifesto = get_object_or_404(Manifesto.objects.select_related("place"), slug=slug)
    section = get_object_or_404(Section, manifesto=manifesto, pk=section_id)
    return _post_comment(
        request,
        manifesto,
        section=section,
        back=_section_url(manifesto, section),
        page=lambda forms: section_discussion(request, slug, section_id, forms=forms, status=400),
    )


def _moderated(request, slug, comment_id):
    manifesto = manifesto_for_organiser(request, slug)
    comment = get_object_or_404(
        Comment.objects.select_related("amendment", "section"), manifesto=manifesto, pk=comment_id
    )
    if comment.amendment is not None:
        comment.amendment.manifesto = manifesto
        back = comment.amendment.get_absolute_url()
    else:
        back = _section_url(manifesto, comment.section)
    return manifesto, comment, back


def _page_of(request, slug, comment, forms):
    if comment.amendment_id is not None:
        return public.amendment(request, slug, comment.amendment_id, status=400, forms=forms)
    return section_discussion(request, slug, comment.section_id, forms=forms, status=400)


@login_required
@require_POST
def hide_comment(request, slug, comment_id):
    _manifesto, comment, back = _moderated(request, slug, comment_id)
    form = CommentHideForm(request.POST, comment=comment)
    if form.is_valid():
        try:
            services.hide_comment(comment, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The comment is hidden; its reason shows in its place."))
            return redirect(f"{back}#commentaire-{comment.pk}")
    return _page_of(request, slug, comment, {("hide", comment.pk): form})


@login_required
@require_POST
def show_comment(request, slug, comment_id):
    _manifesto, comment, back = _moderated(request, slug, comment_id)
    services.show_comment(comment, by=request.user)
    messages.success(request, _("The comment is shown again."))
    return redirect(f"{back}#commentaire-{comment.pk}")
