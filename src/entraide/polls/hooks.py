"""What polls bring to the shared pages: "My data" and account deletion."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.accounts.services import verified_email
from entraide.core import registry
from entraide.core.registry import Item, PersonalDataSection
from entraide.polls.models import Comment, Participant, Poll


def my_answers(user):
    """Answers given with the account, and those given without an account under its verified
    address (the mailbox's owner received their edit link)."""
    mine = Q(user=user)
    email = verified_email(user)
    if email:
        mine |= Q(user__isnull=True, email__iexact=email)
    return Participant.objects.filter(mine)


def collect(user):
    answers = my_answers(user).select_related("poll")
    comments = Comment.objects.filter(user=user).select_related("poll")
    return [
        {"poll": p.poll.title, "name": p.name, "email": p.email, "answered_at": p.created_at}
        for p in answers.order_by("pk")
    ] + [
        {"poll": c.poll.title, "comment": c.body, "written_at": c.created_at}
        for c in comments.order_by("pk")
    ]


def erase(user):
    """Answers go with the account (they are the person's availabilities); comments stay,
    signed with the name given, without the link to the account."""
    my_answers(user).delete()
    Comment.objects.filter(user=user).update(user=None)


def polls_of_workshop(workshop):
    """Open polls that will fix the workshop's date: shown on its page."""
    if workshop.starts_at is not None:
        return []
    polls = Poll.objects.filter(workshop=workshop, closed_at__isnull=True).order_by("pk")
    return [
        Item(title=p.title, url=p.get_absolute_url(), detail=str(_("Give your availabilities")))
        for p in polls
        if not p.is_closed()
    ]


def register():
    registry.register_related("workshops.workshop", polls_of_workshop)
    registry.register_personal_data(
        PersonalDataSection("poll_answers", gettext_lazy("My poll answers"), collect, erase)
    )
