"""What polls bring to the shared pages: the menu, the home page, the organiser space and its
daily summary, a place's management page, a workshop's public and management pages, "My data"
and account deletion, its private links, the accessibility statement. register() is all
AppConfig.ready() calls."""

from django.db.models import Min, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.accounts.services import verified_email
from entraide.core import registry
from entraide.core.local_time import local_range
from entraide.core.personal_data import Row, language_name
from entraide.core.registry import (
    Action,
    Feature,
    Item,
    Link,
    MenuEntry,
    PersonalDataSection,
    PlaceLinks,
    TestedPage,
)
from entraide.places.digest import register_digest_source
from entraide.polls import digest, space
from entraide.polls.models import Answer, Choice, Comment, Participant, Poll, Slot


def my_answers(user):
    """Answers given with the account, and those given without an account under its verified
    address (the mailbox's owner received their edit link)."""
    mine = Q(user=user)
    email = verified_email(user)
    if email:
        mine |= Q(user__isnull=True, email__iexact=email)
    return Participant.objects.filter(mine)


def _answer_row(participant, labels):
    poll = participant.poll
    row = (
        Row()
        .add("poll", None, poll.title, heading=True)
        .add("place", gettext_lazy("Place"), poll.place.name)
        .add("name", gettext_lazy("Name"), participant.name)
        .add("email", gettext_lazy("Email"), participant.email)
        .add("answered_at", gettext_lazy("Answered on"), participant.created_at)
        .add("updated_at", gettext_lazy("Last changed on"), participant.updated_at)
        .add(
            "language",
            gettext_lazy("Language of the mails"),
            participant.language,
            language_name(participant.language),
        )
        .add("time_zone", None, poll.time_zone)
    )
    choices = sorted(participant.choices.all(), key=lambda c: (c.slot.starts_at, c.slot.pk))
    row.add(
        "choices",
        None,
        [
            {
                "starts_at": choice.slot.starts_at.isoformat(),
                "ends_at": choice.slot.ends_at.isoformat(),
                "answer": labels.get(choice.answer, choice.answer),
            }
            for choice in choices
        ],
    )
    for choice in choices:
        slot = choice.slot
        row.show(
            local_range(slot.starts_at, slot.ends_at, poll.time_zone),
            labels.get(choice.answer, choice.answer),
        )
    return row


def collect(user):
    labels = {value: str(label) for value, label in Answer.choices}
    answers = (
        my_answers(user)
        .select_related("poll", "poll__place")
        .prefetch_related(Prefetch("choices", Choice.objects.select_related("slot")))
    )
    return [_answer_row(p, labels) for p in answers.order_by("pk")]


def erase(user):
    """Answers go with the account (they are the person's availabilities)."""
    my_answers(user).delete()


def describe_answers_erasure(user):
    count = my_answers(user).count()
    if not count:
        return []
    return [
        ngettext(
            "Your answer to an availability poll is deleted.",
            "Your %(count)s answers to availability polls are deleted.",
            count,
        )
        % {"count": count}
    ]


def describe_comments_erasure(user):
    if not Comment.objects.filter(user=user).exists():
        return []
    return [_("Your comments on polls stay, signed with the name you gave.")]


def collect_comments(user):
    comments = Comment.objects.filter(user=user).select_related("poll")
    return [
        Row()
        .add("poll", None, c.poll.title, heading=True)
        .add("author_name", gettext_lazy("Name"), c.author_name)
        .add("comment", gettext_lazy("Comment"), c.body)
        .add("written_at", gettext_lazy("Written on"), c.created_at)
        for c in comments.order_by("pk")
    ]


def erase_comments(user):
    """Comments stay, signed with the name given, without the link to the account."""
    Comment.objects.filter(user=user).update(user=None)


def polls_of_workshop(workshop):
    """Open polls that will fix the workshop's date: shown on its page."""
    if workshop.starts_at is not None:
        return []
    polls = Poll.objects.filter(workshop=workshop, closed_at__isnull=True).order_by("pk")
    return [
        Item(title=p.title, url=p.get_absolute_url(), detail=str(_("Give your availability")))
        for p in polls
        if not p.is_closed()
    ]


def date_poll_action(workshop):
    """On the organiser page of a workshop whose date is to be decided: a poll to fix it."""
    if not workshop.date_to_be_decided:
        return []
    url = reverse("polls:create", args=[workshop.place.slug])
    return [Action(_("Fix the date with a poll"), f"{url}?atelier={workshop.pk}")]


def management_place_links(place):
    return [
        Link(
            _("Polls of %(name)s") % {"name": place.name},
            reverse("polls:manage_place", args=[place.slug]),
        )
    ]


def next_time_transition(now):
    """The next moment a poll page changes by time alone: a poll closes, a slot begins (and
    can no longer be chosen)."""
    closes = Poll.objects.filter(closes_at__gt=now).aggregate(next=Min("closes_at"))["next"]
    slot = Slot.objects.filter(starts_at__gt=now).aggregate(next=Min("starts_at"))["next"]
    return min((moment for moment in (closes, slot) if moment), default=None)


def register():
    registry.register_menu(MenuEntry("polls", gettext_lazy("Polls"), "polls:list", 20))
    registry.register_feature(
        Feature(
            "polls",
            gettext_lazy("Availability polls"),
            gettext_lazy(
                "Propose a few slots, let everyone say yes, if need be or no, then fix the "
                "date: the workshop is scheduled and everyone is told."
            ),
            "polls:list",
            20,
        )
    )
    registry.register_organiser_space(space.organiser_space)
    register_digest_source(digest.digest_lines)
    registry.register_time_transitions(next_time_transition)
    registry.register_related("workshops.workshop", polls_of_workshop)
    registry.register_related_actions("workshops.workshop", date_poll_action)
    registry.register_place_links(PlaceLinks("polls", manage=management_place_links, order=20))
    registry.register_private_paths(
        ("sondages", r"[-\w]+", "reponse"), ("sondages", r"[-\w]+", "inscription")
    )
    registry.register_accessibility(
        pages=[
            TestedPage(gettext_lazy("Availability polls"), "/sondages/", 30),
            TestedPage(
                gettext_lazy("An availability poll"),
                "/sondages/dispos-pour-le-troisieme-atelier/",
                31,
            ),
        ],
        journeys=[gettext_lazy("answering an availability poll")],
    )
    registry.register_personal_data(
        PersonalDataSection(
            "poll_answers",
            gettext_lazy("My poll answers"),
            collect,
            erase,
            describe_answers_erasure,
        )
    )
    registry.register_personal_data(
        PersonalDataSection(
            "poll_comments",
            gettext_lazy("My poll comments"),
            collect_comments,
            erase_comments,
            describe_comments_erasure,
        )
    )
