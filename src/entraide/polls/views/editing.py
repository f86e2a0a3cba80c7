"""Organiser pages that create a poll or change it (`/sondages/gerer/…`), behind polls.access.

Slots are entered in two steps without JavaScript: the quick entry (dates × time ranges), then
a review with one ticked box per combination, posted again with the first step's fields hidden;
only the ticked ones are saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_error
from entraide.places.access import place_for_organiser
from entraide.polls import services
from entraide.polls.access import poll_for_organiser
from entraide.polls.forms import (
    AddSlotsForm,
    PickSlotsForm,
    PollDetailsForm,
    PollForm,
    RemoveSlotsForm,
)
from entraide.polls.templatetags.polls import named_zone, slot_label
from entraide.workshops.services import undated_workshops


def _two_steps(request, form, page, context, save):
    """The quick entry (`page`), then its review; `save(slots)` runs on the ticked ones and
    returns the redirect, or raises DomainError."""
    context = {**context, "form": form}
    if request.method != "POST":
        return render(request, page, context)
    if not form.is_valid():
        return render(request, page, context, status=400)
    step = request.POST.get("step", "review")
    if step == "edit":
        return render(request, page, context)
    picker = PickSlotsForm(request.POST if step == "save" else None, combinations=form.combinations)
    if step == "save" and picker.is_valid():
        try:
            return save(picker.picked())
        except DomainError as error:
            add_domain_error(picker, error)
    context |= {"picker": picker, "already": getattr(form, "already", 0)}
    status = 400 if picker.is_bound else 200
    return render(request, "polls/manage/review.html", context, status=status)


@login_required
def create(request, place_slug):
    place = place_for_organiser(request, place_slug)
    workshops = undated_workshops(place)
    initial = {}
    if request.GET.get("atelier", "").isdigit():
        initial["workshop"] = workshops.filter(pk=request.GET["atelier"]).first()
        if initial["workshop"]:
            initial["title"] = _("Availability for “%(title)s”") % {
                "title": initial["workshop"].title
            }
    form = PollForm(request.POST or None, workshops=workshops, initial=initial)

    def save(slots):
        poll = services.create_poll(place, by=request.user, fields=form.poll_fields(), slots=slots)
        messages.success(request, _("The poll is open: share its address."))
        return redirect("polls:manage", slug=poll.slug)

    context = {"place": place, "back": place, "zone": named_zone(form.data.get("time_zone"))}
    return _two_steps(request, form, "polls/manage/create.html", context, save)


@login_required
def add_slots(request, slug):
    poll = poll_for_organiser(request, slug)
    existing = set(poll.slots.values_list("starts_at", "ends_at"))
    form = AddSlotsForm(request.POST or None, poll=poll, existing=existing)
    context = {"poll": poll, "zone": named_zone(poll.time_zone)}
    if poll.chosen_slot_id is not None:
        status = 400 if request.method == "POST" else 200
        return render(request, "polls/manage/add_slots.html", context, status=status)

    def save(slots):
        added = services.add_slots(poll, slots, by=request.user)
        messages.success(
            request,
            ngettext("%(count)s slot added.", "%(count)s slots added.", added) % {"count": added},
        )
        return redirect("polls:manage", slug=poll.slug)

    return _two_steps(request, form, "polls/manage/add_slots.html", context, save)


@login_required
def remove_slots(request, slug):
    """Tick the slots, read how many answers go with each, confirm."""
    poll = poll_for_organiser(request, slug)
    slots = list(poll.slots.all())
    counts = services.answers_per_slot(poll)
    form = RemoveSlotsForm(
        request.POST or None,
        slots=slots,
        label_of=lambda s: slot_label(s, poll.time_zone),
        counts=counts,
    )
    context = {"poll": poll, "form": form}
    if poll.chosen_slot_id is not None:
        status = 400 if request.method == "POST" else 200
        return render(request, "polls/manage/remove_slots.html", context, status=status)
    if request.method != "POST":
        return render(request, "polls/manage/remove_slots.html", context)
    if not form.is_valid():
        return render(request, "polls/manage/remove_slots.html", context, status=400)
    ids = set(form.cleaned_data["slots"])
    chosen = [s for s in slots if s.pk in ids]
    total = sum(counts.get(s.pk, 0) for s in chosen)
    status = 200
    if request.POST.get("step") == "confirm":
        try:
            removed, answers = services.remove_slots(
                poll, ids, by=request.user, expected_answers=form.cleaned_data["answers"]
            )
        except DomainError as error:
            add_domain_error(form, error)
            status = 400
        else:
            messages.success(request, _removed_message(removed, answers))
            return redirect("polls:manage", slug=poll.slug)
    context["chosen"] = [
        (slot_label(s, poll.time_zone), _answers_going(counts.get(s.pk, 0))) for s in chosen
    ]
    context["total"] = total
    return render(request, "polls/manage/remove_confirm.html", context, status=status)


def _answers_going(count):
    if not count:
        return _("Nobody has answered this slot.")
    return ngettext(
        "%(count)s answer to this slot will be deleted.",
        "%(count)s answers to this slot will be deleted.",
        count,
    ) % {"count": count}


def _removed_message(removed, answers):
    slots = ngettext("%(count)s slot removed", "%(count)s slots removed", removed) % {
        "count": removed
    }
    if not answers:
        return _("%(slots)s.") % {"slots": slots}
    return ngettext(
        "%(slots)s, with %(count)s answer.", "%(slots)s, with %(count)s answers.", answers
    ) % {"slots": slots, "count": answers}


def _edit_page(request, poll, form, *, delete_error=None, status=200):
    """`delete_error`: the DomainError that refused deleting the poll."""
    if delete_error is not None:
        refusal = delete_error.message
    else:
        refusal = services.deletion_refusal(poll.participants.count())
    context = {"poll": poll, "form": form, "refusal": refusal, "delete_error": delete_error}
    return render(request, "polls/manage/edit.html", context, status=status)


@login_required
def edit(request, slug):
    poll = poll_for_organiser(request, slug)
    form = PollDetailsForm(request.POST or None, instance=poll)
    if request.method != "POST":
        return _edit_page(request, poll, form)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.update_poll(poll, by=request.user, fields=fields)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The poll is updated."))
            return redirect("polls:manage", slug=poll.slug)
    return _edit_page(request, poll, form, status=400)


@login_required
@require_POST
def delete(request, slug):
    poll = poll_for_organiser(request, slug)
    try:
        services.delete_poll(poll, by=request.user)
    except DomainError as error:
        form = PollDetailsForm(instance=poll)
        return _edit_page(request, poll, form, delete_error=error, status=400)
    messages.success(request, _("The poll “%(title)s” is deleted.") % {"title": poll.title})
    return redirect("polls:manage_place", place_slug=poll.place.slug)
