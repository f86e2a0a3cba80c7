"""What a person is told once a registration is decided: a seat, or a place in line."""

from django.contrib import messages
from django.utils.translation import gettext as _

from entraide.core.ordinals import rank
from entraide.workshops import services


def announce_outcome(request, registrations):
    for registration in registrations:
        if registration.is_confirmed:
            text = _("Your seat is confirmed for “%(title)s”. A confirmation mail is on its way.")
        elif registration.is_waiting:
            text = _("“%(title)s” is full: you are on the waiting list, %(rank)s in line.")
        else:
            continue
        position = services.waiting_position(registration)
        values = {"title": registration.workshop.title, "rank": position and rank(position)}
        messages.success(request, text % values)
