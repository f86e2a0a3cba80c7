"""Public pages of polls: the list, a poll with its results, answering, editing, comments."""

import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.accounts.services import give_display_name
from entraide.core import rate_limits
from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.core.page_cache import public_page
from entraide.places.services import is_organiser
from entraide.polls import services
from entraide.polls.errors import PollErrorCode
from entraide.polls.forms import AnswerForm, CommentForm
from entraide.polls.models import Choice, Poll
from entraide.polls.templatetags.polls import slot_label

GRID_PAGE = 25  # participants per page of the results table (40 slots: about 20 KB)
ANSWERED = "polls.answered"  # session key: answers given from this browser without an account


@public_page
def poll_list(request):
    polls = Poll.objects.select_related("place", "chosen_slot").order_by("-created_at")
    page = Paginator(polls, settings.ENTRAIDE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "polls/list.html", {"page": page})


def _answer_form(poll, slots, data=None, **kwargs):
    return AnswerForm(
        data, poll=poll, slots=slots, label_of=lambda s: slot_label(s, poll.time_zone), **kwargs
    )


def _grid(poll, slots, page_number):
    """One page of participants × slots, in two queries."""
    page = Paginator(poll.participants.order_by("created_at", "pk"), GRID_PAGE).get_page(
        page_number
    )
    rows = list(page)
    answers = {}
    for choice in Choice.objects.filter(participant__in=rows).values(
        "participant_id", "slot_id", "answer"
    ):
        answers[(choice["participant_id"], choice["slot_id"])] = choice["answer"]
    grid = [(p, [answers.get((p.pk, s.pk), "") for s in slots]) for p in rows]
    return page, grid


def _days(slots, zone_name):
    """(day, number of slots that day) in order, and each slot's time range: the grid's two
    header rows."""
    zone = zoneinfo.ZoneInfo(zone_name)
    days, times = [], []
    for slot in slots:
        start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
        day = formats.date_format(start, "l j F")
        if days and days[-1][0] == day:
            days[-1][1] += 1
        else:
            days.append([day, 1])
        times.append(f"{start:%H:%M}–{end:%H:%M}")
    return days, times


def _answered_here(request) -> list[int]:
    """The answers given from this browser without an account (participant ids, in the
    session): their author sees her row and her private link."""
    if request.user.is_authenticated or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    return request.session.get(ANSWERED, [])


def _remember_answer(request, participant):
    if participant.user_id is None:
        request.session[ANSWERED] = [*_answered_here(request), participant.pk][-20:]


def _page_of(participant) -> str:
    """The query string of the grid's page that shows `participant`."""
    before = participant.poll.participants.filter(
        Q(created_at__lt=participant.created_at)
        | Q(created_at=participant.created_at, pk__lt=participant.pk)
    ).count()
    number = before // GRID_PAGE + 1
    return f"?page={number}" if number > 1 else ""


@public_page
def detail(request, slug, *, answer_form=None, comment_form=None, status=200):
    poll = get_object_or_404(Poll.objects.select_related("place", "workshop"), slug=slug)
    results = services.results(poll)
    slots = [r.slot for r in results.slots]
    can_manage = is_organiser(request.user, poll.place)
    page, grid = (None, [])
    if poll.shows_answers or can_manage:
        page, grid = _grid(poll, slots, request.GET.get("page"))
    name = request.user.display_name if request.user.is_authenticated else ""  # else asked
    mine = request.user.is_authenticated and poll.participants.filter(user=request.user).first()
    here = _answered_here(request)
    answered_here = here and poll.participants.filter(pk__in=here).order_by("-pk").first()
    me = mine or answered_here or None
    days, times = _days(slots, poll.time_zone)
    context = {
        "poll": poll,
        "results": results,
        "page": page,
        "grid": grid,
        "days": days,
        "times": times,
        "closed": poll.is_closed(),
        "can_manage": can_manage,
        "answer_form": answer_form or _answer_form(poll, slots, initial={"name": name}),
        "comment_form": comment_form or CommentForm(initial={"name": name}),
        "comments": poll.comments.all(),
        "error_form": answer_form or comment_form,  # the summary at the top of the page
        "mine": mine,
        "me": me and me.pk,
        "private_link": answered_here
        and request.build_absolute_uri(
            reverse("polls:edit", args=[poll.slug, answered_here.edit_token()])
        ),
    }
    return render(request, "polls/detail.html", context, status=status)


def _refused_by_rate_limits(request, poll, form):
    """Answers are bounded per network (a clear page) and, when they mail the edit link, per
    address (a message beside the field). None when the answer may go on."""
    by_network = rate_limits.network_allowed(request, "polls.answer")
    if not by_network.allowed:
        return rate_limits.too_many_from_network(request, by_network, poll.get_absolute_url())
    email = form.cleaned_data["email"]
    if email and not rate_limits.mail_allowed(email).allowed:
        rate_limits.refuse_mail(form)
        return detail(request, poll.slug, answer_form=form, status=429)
    return None


@csrf_protect_signed_in
@require_POST
def answer(request, slug):
    poll = get_object_or_404(Poll, slug=slug)
    slots = list(poll.slots.all())
    form = _answer_form(poll, slots, request.POST)
    refused = form.is_valid() and _refused_by_rate_limits(request, poll, form)
    if refused:
        return refused
    if form.is_valid():
        by = request.user if request.user.is_authenticated else None
        try:
            participant = services.answer(
                poll,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                choices=form.choices(),
                by=by,
                same_name_ok=form.cleaned_data["same_name_ok"],
            )
        except DomainError as error:
            add_domain_error(form, error)
            form.offer_same_name = error.code == PollErrorCode.SAME_NAME
        else:
            if by is not None:  # a person signed in without a display name gives one here
                give_display_name(by, form.cleaned_data["name"])
            messages.success(request, _("Thank you, your answer is recorded."))
            _remember_answer(request, participant)
            return redirect(poll.get_absolute_url() + _page_of(participant))
    return detail(request, slug, answer_form=form, status=400)


def edit(request, slug, token):
    poll = get_object_or_404(Poll, slug=slug)
    participant = services.find_participant(poll, token)
    if participant is None:
        return render(request, "polls/link_invalid.html", {"poll": poll}, status=404)
    slots = list(poll.slots.all())
    current = {f"slot_{c.slot_id}": c.answer for c in participant.choices.all()}
    form = _answer_form(
        poll,
        slots,
        request.POST or None,
        editing=True,
        initial={"name": participant.name, **current},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.edit_answer(
                    participant, name=form.cleaned_data["name"], choices=form.choices()
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your answer is updated."))
                _remember_answer(request, participant)
                return redirect(poll.get_absolute_url() + _page_of(participant))
        status = 400
    context = {
        "poll": poll,
        "participant": participant,
        "form": form,
        "closed": poll.is_closed(),
    }
    return render(request, "polls/edit.html", context, status=status)


@require_POST
def delete(request, slug, token):
    poll = get_object_or_404(Poll, slug=slug)
    participant = services.find_participant(poll, token)
    if participant is None:
        return render(request, "polls/link_invalid.html", {"poll": poll}, status=404)
    try:
        services.delete_answer(participant)
    except DomainError as error:
        add_domain_message(request, error)
        return redirect(participant.edit_url())
    messages.success(request, _("Your answer is deleted."))
    return redirect(poll)


@csrf_protect_signed_in
@require_POST
def comment(request, slug):
    poll = get_object_or_404(Poll, slug=slug)
    form = CommentForm(request.POST)
    if form.is_valid():
        by_network = rate_limits.network_allowed(request, "polls.comment")
        if not by_network.allowed:
            return rate_limits.too_many_from_network(request, by_network, poll.get_absolute_url())
    if form.is_valid():
        services.add_comment(
            poll,
            name=form.cleaned_data["name"],
            body=form.cleaned_data["body"],
            by=request.user if request.user.is_authenticated else None,
        )
        messages.success(request, _("Your comment is published."))
        return redirect(poll.get_absolute_url() + "#commentaires")
    return detail(request, slug, comment_form=form, status=400)


def register(request, slug, token):
    """The one-click registration offered by the "date fixed" mail to those who answered: GET
    shows the workshop and who registers, POST registers (the link proved the address)."""
    poll = get_object_or_404(Poll.objects.select_related("workshop", "chosen_slot"), slug=slug)
    participant = services.participant_for(poll, token)
    if participant is None or poll.workshop is None or poll.chosen_slot is None:
        return render(request, "polls/link_invalid.html", {"poll": poll}, status=404)
    if request.method == "POST":
        try:
            outcome = services.register_after_fixing(poll, participant)
        except DomainError as error:
            add_domain_message(request, error)
            return redirect(poll.workshop)
        registration = (outcome.created or outcome.existing)[0]
        if outcome.existing:
            messages.info(request, _("You were already registered for this workshop."))
        else:
            announce = _(
                "Your seat is confirmed for “%(title)s”. A confirmation mail is on its way."
            )
            if registration.is_waiting:
                announce = _("“%(title)s” is full: you are on the waiting list.")
            messages.success(request, announce % {"title": poll.workshop.title})
        return redirect(registration.private_url())
    context = {"poll": poll, "workshop": poll.workshop, "participant": participant}
    return render(request, "polls/register.html", context)
