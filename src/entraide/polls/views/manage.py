"""Organiser pages of polls (`/sondages/gerer/…`), behind polls.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_error
from entraide.core.spreadsheet import csv_download
from entraide.places.access import place_for_organiser
from entraide.polls import services
from entraide.polls.access import poll_for_organiser
from entraide.polls.forms import FixSlotForm, PollForm
from entraide.polls.models import Answer, Choice
from entraide.polls.templatetags.polls import slot_label
from entraide.workshops.services import undated_workshops


@login_required
def place_polls(request, place_slug):
    place = place_for_organiser(request, place_slug)
    polls = place.polls.select_related("workshop", "chosen_slot").order_by("-created_at")[:200]
    return render(request, "polls/manage/place.html", {"place": place, "polls": polls})


@login_required
def create(request, place_slug):
    place = place_for_organiser(request, place_slug)
    workshops = undated_workshops(place)
    initial = {}
    if request.GET.get("atelier", "").isdigit():
        initial["workshop"] = workshops.filter(pk=request.GET["atelier"]).first()
        if initial["workshop"]:
            initial["title"] = _("Availabilities for “%(title)s”") % {
                "title": initial["workshop"].title
            }
    form = PollForm(request.POST or None, workshops=workshops, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            slots = services.slots_from_grid(
                form.cleaned_data["days"], form.cleaned_data["ranges"], form.zone()
            )
            try:
                poll = services.create_poll(
                    place, by=request.user, fields=form.poll_fields(), slots=slots
                )
            except DomainError as error:
                error.field = "days" if error.field == "slots" else error.field
                add_domain_error(form, error)
            else:
                messages.success(request, _("The poll is open: share its address."))
                return redirect("polls:manage", slug=poll.slug)
        status = 400
    return render(
        request, "polls/manage/create.html", {"place": place, "form": form}, status=status
    )


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
@require_POST
def fix(request, slug):
    poll = poll_for_organiser(request, slug)
    form = _fix_form(poll, list(poll.slots.all()), request.POST)
    if form.is_valid():
        try:
            services.fix_slot(poll, form.cleaned_data["slot"], by=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The date is fixed; everyone concerned is told by mail."))
            return redirect("polls:manage", slug=slug)
    return manage(request, slug, fix_form=form, status=400)


@login_required
@require_POST
def close(request, slug):
    poll = poll_for_organiser(request, slug)
    services.close(poll)
    messages.success(request, _("The poll is closed."))
    return redirect("polls:manage", slug=slug)


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
