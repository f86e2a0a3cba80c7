"""Public pages of manifestos: the list, a manifesto (its phase, its text, the ideas wall),
the projection of one question, and what a person does on the wall (post an idea, put or take
back a dot), with or without an account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.accounts.services import give_display_name
from entraide.core import rate_limits
from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.diff import diff_html
from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.core.markdown import render_markdown
from entraide.core.page_cache import public_page
from entraide.core.tokens import keyed_token, token_digest
from entraide.manifestos import services
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.forms import AmendmentForm, IdeaForm
from entraide.manifestos.models import (
    Amendment,
    AmendmentKind,
    Idea,
    Manifesto,
    Phase,
    Question,
    Section,
)
from entraide.manifestos.services import Person
from entraide.manifestos.views import decisions, discussion
from entraide.places.services import is_organiser

REFRESH = 15  # seconds between two reloads of the projection, once started
VISITOR = "entraide.manifestos.visitor"  # the HMAC purpose of a visitor's key, a session flag


@public_page
def manifesto_list(request):
    manifestos = Manifesto.objects.select_related("place").order_by("-created_at", "pk")
    page = Paginator(manifestos, settings.ENTRAIDE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "manifestos/list.html", {"page": page})


def _person(request, *, acting=False) -> Person:
    """Who is on the page: the signed-in person, or a visitor known by her session (made when
    she first acts, so that a visitor who only reads gets no cookie)."""
    if request.user.is_authenticated:
        return Person(user=request.user)
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        request.session.get(VISITOR)  # loaded: a key the server no longer knows is dropped
    if request.session.session_key is None and acting:
        request.session[VISITOR] = True
        request.session.save()
    if request.session.session_key is None:
        return Person()
    return Person(visitor_key=token_digest(keyed_token(VISITOR, request.session.session_key)))


@public_page
def detail(request, slug, *, forms=None, status=200):
    manifesto = get_object_or_404(Manifesto.objects.select_related("place", "series"), slug=slug)
    person = _person(request)
    contributor = services.find_contributor(manifesto, person)
    sections = services.numbered_sections(manifesto)
    services.count_amendments(manifesto, sections)
    questions = services.wall(manifesto, contributor=contributor, sections=sections)
    forms = forms or {}
    name = contributor.name if contributor else ""
    if not name and request.user.is_authenticated:
        name = request.user.display_name
    for item in questions:
        item.form = forms.get(item.question.pk) or IdeaForm(
            question=item.question, initial={"name": name}
        )
    context = {
        "manifesto": manifesto,
        "sections": sections,
        "questions": questions,
        "phases": Phase.choices,
        "amendable": manifesto.phase == Phase.AMENDMENTS_OPEN,
        "can_manage": is_organiser(request.user, manifesto.place),
        "error_form": next(iter(forms.values()), None),
    }
    return render(request, "manifestos/detail.html", context, status=status)


@public_page
def projection(request, slug, question_id):
    """One question's ideas in large type, for a screen in the room. Whoever runs the screen
    starts the refresh (`?rafraichir=15`): the page then reloads itself every 15 seconds, by a
    meta refresh (no JavaScript), until they stop it. Never by default: a page that reloads
    under a reader who did not ask for it fails WCAG 2.2.1 (axe's meta-refresh rule)."""
    manifesto = get_object_or_404(Manifesto, slug=slug)
    question = get_object_or_404(
        Question.objects.select_related("workshop"), manifesto=manifesto, pk=question_id
    )
    (item,) = services.wall(manifesto, question=question)
    context = {
        "manifesto": manifesto,
        "item": item,
        "refresh": REFRESH if request.GET.get("rafraichir") == str(REFRESH) else None,
        "refresh_every": REFRESH,
    }
    return render(request, "manifestos/projection.html", context)


def _anchor(question_id):
    return f"#question-{question_id}"


@csrf_protect_signed_in
@require_POST
def post_idea(request, slug, question_id):
    manifesto = get_object_or_404(Manifesto, slug=slug)
    question = get_object_or_404(Question, manifesto=manifesto, pk=question_id)
    form = IdeaForm(request.POST, question=question)
    if form.is_valid():
        by_network = rate_limits.network_allowed(request, "manifestos.idea")
        if not by_network.allowed:
            back = manifesto.get_absolute_url() + _anchor(question.pk)
            return rate_limits.too_many_from_network(request, by_network, back)
    if form.is_valid():
        try:
            idea = services.post_idea(
                question,
                text=form.cleaned_data["text"],
                name=form.cleaned_data["name"],
                person=_person(request, acting=True),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if request.user.is_authenticated:
                give_display_name(request.user, form.cleaned_data["name"])
            messages.success(request, _("Thank you, your idea is on the wall."))
            return redirect(manifesto.get_absolute_url() + f"#idee-{idea.pk}")
    return detail(request, slug, forms={question.pk: form}, status=400)


def _dot(request, slug, idea_id, act, done):
    manifesto = get_object_or_404(Manifesto, slug=slug)
    idea = get_object_or_404(
        Idea.objects.select_related("question"), question__manifesto=manifesto, pk=idea_id
    )
    try:
        act(idea, person=_person(request, acting=True))
    except DomainError as error:  # shown at the top of the page, which answers 400
        add_domain_message(request, error)
        return detail(request, slug, status=400)
    messages.success(request, done)
    return redirect(manifesto.get_absolute_url() + _anchor(idea.question_id))


@csrf_protect_signed_in
@require_POST
def support(request, slug, idea_id):
    return _dot(request, slug, idea_id, services.support, _("Your dot is on the idea."))


@csrf_protect_signed_in
@require_POST
def unsupport(request, slug, idea_id):
    return _dot(request, slug, idea_id, services.unsupport, _("Your dot is taken back."))


def _refused_by_rate_limits(request, form, manifesto, page):
    """Without an account the form mails the typed address: bounded per network (a clear
    page) and per address (a message beside the field). None when it may go on."""
    if request.user.is_authenticated:
        return None
    by_network = rate_limits.network_allowed(request, "manifestos.amendment")
    if not by_network.allowed:
        return rate_limits.too_many_from_network(request, by_network, manifesto.get_absolute_url())
    if not rate_limits.mail_allowed(form.cleaned_data["email"]).allowed:
        rate_limits.refuse_mail(form)
        return page(status=429)
    return None


@csrf_protect_signed_in
def propose_amendment(request, slug, section_id):
    """The form of an amendment to one section: replace its text (starting from the current
    one), delete it, or add a section after it. Without an account it asks for a name and an
    address, and the amendment waits for the address to be confirmed."""
    manifesto = get_object_or_404(Manifesto, slug=slug)
    section = get_object_or_404(Section, manifesto=manifesto, pk=section_id)
    signed_in = request.user.is_authenticated
    initial = {"kind": AmendmentKind.REPLACE, "title": section.title, "body": section.body}
    data = request.POST if request.method == "POST" else None
    form = AmendmentForm(data, initial=initial, signed_in=signed_in, section=section)

    def page(status=200):
        context = {
            "manifesto": manifesto,
            "section": section,
            "form": form,
            "signed_in": signed_in,
            "amendable": manifesto.phase == Phase.AMENDMENTS_OPEN,
        }
        return render(request, "manifestos/propose_amendment.html", context, status=status)

    if request.method != "POST":
        return page()
    refused = form.is_valid() and _refused_by_rate_limits(request, form, manifesto, page)
    if refused:
        return refused
    if form.is_valid():
        try:
            amendment = services.propose_amendment(
                manifesto, section=section, by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if signed_in:
                messages.success(request, _("Your amendment is proposed."))
                return redirect(amendment.get_absolute_url())
            request.session["amendment_sent_to"] = {
                "email": amendment.email,
                "url": request.path,
            }
            return redirect("manifestos:check_mailbox")
    return page(status=400)


def check_mailbox(request):
    sent_to = request.session.pop("amendment_sent_to", None)
    return render(request, "manifestos/check_mailbox.html", {"sent_to": sent_to})


VIEWS = {"": "changes", "original": "original", "propose": "proposed"}


@public_page
def amendment(request, slug, amendment_id, *, status=200, forms=None):
    """One amendment in three views, by links: its changes (the word diff against the text it
    was based on, by default), the original text, the proposed text; then its votes and
    comments (views.discussion; `forms` sent back with their errors)."""
    manifesto = get_object_or_404(Manifesto, slug=slug)
    amendment = get_object_or_404(
        Amendment.objects.public().select_related("section").annotate(**services.vote_totals()),
        manifesto=manifesto,
        pk=amendment_id,
    )
    amendment.manifesto = manifesto
    view = VIEWS.get(request.GET.get("vue", ""), "changes")
    context = {
        "manifesto": manifesto,
        "amendment": amendment,
        "view": view,
        "is_author": request.user.is_authenticated and amendment.author_id == request.user.pk,
        "withdrawable": manifesto.phase == Phase.AMENDMENTS_OPEN and amendment.is_open,
        **decisions.amendment_context(request, manifesto, amendment),
    }
    if view == "changes":
        context["title_diff"] = diff_html(amendment.base_title, amendment.title)
        context["body_diff"] = diff_html(amendment.base_body, amendment.body)
    elif view == "original":
        context["body_html"] = render_markdown(amendment.base_body)
    else:
        context["body_html"] = render_markdown(amendment.body)
    if amendment.is_public:
        context.update(
            discussion.discussion_context(request, manifesto, amendment=amendment, forms=forms)
        )
    return render(request, "manifestos/amendment.html", context, status=status)


@login_required
@require_POST
def withdraw_amendment(request, slug, amendment_id):
    manifesto = get_object_or_404(Manifesto, slug=slug)
    proposal = get_object_or_404(Amendment.objects.public(), manifesto=manifesto, pk=amendment_id)
    try:
        services.withdraw_amendment(proposal, by=request.user)
    except DomainError as error:
        add_domain_message(request, error)
        status = 403 if error.code == ManifestoErrorCode.NOT_THE_AUTHOR else 400
        return amendment(request, slug, amendment_id, status=status)
    messages.success(request, _("Your amendment is withdrawn."))
    proposal.manifesto = manifesto
    return redirect(proposal.get_absolute_url())
