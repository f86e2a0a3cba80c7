"""Organiser pages of polls (`/sondages/gerer/…`), behind polls.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.core.spreadsheet import csv_download
from entraide.places.access import place_for_organiser
from entraide.places.notifications import organisers_of
from entraide.polls import services
from entraide.polls.access import poll_for_organiser
from entraide.polls.forms import FixSlotForm
from entraide.polls.models import Answer, Choice
from entraide.polls.templatetags.polls import slot_label


@login_required
def place_polls(request, place_slug):
    place = place_for_organiser(request, place_slug)
    polls = place.polls.select_related("workshop", "chosen_slot").order_by("-created_at")[:200]
    return render(request, "polls/manage/place.html", {"place": place, "polls": polls})


def _fix_form(poll, slots, data=None, **kwargs):
    label_of = lambda s: slot_label(s, poll.time_zone)  # noqa: E731
    return FixSlotForm(data, slots=slots, label_of=label_of, **kwargs)


@login_required
def manage(request, slug, fix_form=None, status=200):
    poll = poll_for_organiser(request, slug)
    results = services.results(poll)
    slots = [r.slot for r in results.slots]
    best = results.best
    context = {
        "poll": poll,
        "results": results,
        "fix_form": fix_form
        or _fix_form(poll, slots, initial={"slot": best[0].slot.pk if best else None}),
    }
    return render(request, "polls/manage/poll.html", context, status=status)


@login_required
def fix(request, slug):
    """GET (the poll page's form): what fixing the slot does and who is told, and the button;
    POST (that page's form): fix it."""
    poll = poll_for_organiser(request, slug)
    try:
        services.check_date_not_fixed(poll)
    except DomainError as error:
        add_domain_message(request, error)
        return redirect("polls:manage", slug=slug)
    posted = request.method == "POST"
    form = _fix_form(poll, list(poll.slots.all()), request.POST if posted else request.GET)
    if form.is_valid():
        try:
            if posted:
                services.fix_slot(poll, form.cleaned_data["slot"], by=request.user)
            else:
                slot = services.fixable_slot(poll, form.cleaned_data["slot"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if posted:
                messages.success(
                    request, _("The date is fixed; everyone concerned is told by mail.")
                )
                return redirect("polls:manage", slug=slug)
            return _fix_confirmation(request, poll, slot)
    return manage(request, slug, fix_form=form, status=400)


def _other_organisers(request, poll):
    """The place's organisers but the one acting: the services mail them too."""
    return [user for user in organisers_of(poll.place) if user.pk != request.user.pk]


def _names(users):
    return ", ".join(str(user.public_name) for user in users)


def _fix_confirmation(request, poll, slot):
    told = services.told_of_fixing(poll)
    lines = [_("Chosen slot: %(slot)s.") % {"slot": slot_label(slot, poll.time_zone)}]
    if poll.workshop is not None:
        lines.append(
            _("The workshop “%(title)s” takes this date and is published.")
            % {"title": poll.workshop.title}
        )
    lines.append(_("The poll closes: nobody can answer any more."))
    if told:
        told_line = ngettext(
            "%(count)s person is told by mail:", "%(count)s people are told by mail:", len(told)
        ) % {"count": len(told)}
    else:
        told_line = _("Nobody gave an address: nobody is told by mail.")
    others = _other_organisers(request, poll)
    after = []
    if others:
        after.append(
            ngettext(
                "%(count)s other organiser of %(place)s is told by mail too: %(names)s.",
                "%(count)s other organisers of %(place)s are told by mail too: %(names)s.",
                len(others),
            )
            % {"count": len(others), "place": poll.place.name, "names": _names(others)}
        )
    context = {
        "title": _("Fix the date of “%(title)s”?") % {"title": poll.title},
        "consequences": lines,
        "told_line": told_line,
        "told": told,
        "after_told": after,
        "slot": slot,
        "irreversible": True,
        "button": _("Yes, fix this date"),
        "button_class": "primary",
        "back_url": reverse("polls:manage", args=[poll.slug]),
        "back_label": _("Choose another slot"),
    }
    return render(request, "polls/manage/fix.html", context)


@login_required
def close(request, slug):
    """GET: what closing does, and the button; POST (that page's form): close the poll."""
    poll = poll_for_organiser(request, slug)
    if request.method == "POST":
        services.close(poll, by=request.user)
        messages.success(request, _("The poll is closed."))
        return redirect("polls:manage", slug=slug)
    if poll.is_closed():
        messages.info(request, _("The poll is already closed."))
        return redirect("polls:manage", slug=slug)
    lines = [_("Nobody can answer or change an answer any more.")]
    answered = poll.participants.count()
    if answered:
        lines.append(
            ngettext(
                "%(count)s answer stays visible, as it is.",
                "%(count)s answers stay visible, as they are.",
                answered,
            )
            % {"count": answered}
        )
    others = _other_organisers(request, poll)
    if others:
        lines.append(
            ngettext(
                "%(count)s other organiser of %(place)s is told by mail, with the best slots: "
                "%(names)s.",
                "%(count)s other organisers of %(place)s are told by mail, with the best "
                "slots: %(names)s.",
                len(others),
            )
            % {"count": len(others), "place": poll.place.name, "names": _names(others)}
        )
    if poll.chosen_slot_id is None:
        lines.append(_("You can still fix a date afterwards."))
    context = {
        "title": _("Close the poll “%(title)s”?") % {"title": poll.title},
        "consequences": lines,
        "irreversible": True,
        "button": _("Close the poll"),
        "back_url": reverse("polls:manage", args=[poll.slug]),
        "back_label": _("Keep the poll open"),
    }
    return render(request, "core/confirm.html", context)


@login_required
def answers_csv(request, slug):
    poll = poll_for_organiser(request, slug)
    slots = list(poll.slots.all())
    labels = dict(Answer.choices)
    answers = {
        (c["participant_id"], c["slot_id"]): c["answer"]
        for c in Choice.objects.filter(slot__poll=poll).values(
            "participant_id", "slot_id", "answer"
        )
    }
    response, writer = csv_download(f"sondage-{poll.slug}.csv")
    writer.writerow([_("Name"), _("Email"), *(slot_label(s, poll.time_zone) for s in slots)])
    for participant in poll.participants.order_by("created_at", "pk"):
        cells = [labels.get(answers.get((participant.pk, s.pk)), "") for s in slots]
        row = [participant.name, participant.email, *cells]
        writer.writerow(row)
    return response
