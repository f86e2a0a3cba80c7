"""The organisers' page of a survey's invitations: paste addresses, invite the registrants of
the linked workshop or series, remind those who have not used their link. Counts only: never
which address has answered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.surveys.access import survey_for_organiser
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.forms.invitations import InvitationForm
from entraide.surveys.services import invitations as service


def _announce(request, outcome):
    text = ngettext("%(count)s person invited.", "%(count)s people invited.", outcome.invited)
    text %= {"count": outcome.invited}
    if outcome.skipped:
        skipped = ngettext(
            "%(count)s address skipped: repeated or already invited.",
            "%(count)s addresses skipped: repeated or already invited.",
            outcome.skipped,
        )
        text += " " + skipped % {"count": outcome.skipped}
    messages.success(request, text)


def _paste(request, survey, form):
    if not form.is_valid():
        return False
    valid, invalid = service.parse_addresses(form.cleaned_data["addresses"])
    if invalid:
        shown = ", ".join(invalid[:20]) + ("…" if len(invalid) > 20 else "")
        add_domain_error(
            form,
            DomainError(
                ngettext(
                    "This address is not valid, nothing was sent: %(addresses)s",
                    "These addresses are not valid, nothing was sent: %(addresses)s",
                    len(invalid),
                )
                % {"addresses": shown},
                code=SurveyErrorCode.BAD_ADDRESS,
                field="addresses",
            ),
        )
        return False
    try:
        outcome = service.invite(survey, valid, language=form.cleaned_data["language"])
    except DomainError as error:
        add_domain_error(form, error)
        return False
    _announce(request, outcome)
    return True


@login_required
def invitations(request, slug):
    survey = survey_for_organiser(request, slug)
    form = InvitationForm(initial={"language": get_language()})
    action = request.POST.get("action")
    if request.method == "POST":
        if action == "inviter":
            form = InvitationForm(request.POST)
            if _paste(request, survey, form):
                return redirect("surveys:invitations", survey.slug)
        else:
            try:
                if action == "participants":
                    _announce(request, service.invite_registrants(survey, language=get_language()))
                elif action == "relancer":
                    count = service.remind(survey)
                    if count:
                        messages.success(
                            request,
                            ngettext(
                                "Reminder sent to %(count)s person.",
                                "Reminder sent to %(count)s people.",
                                count,
                            )
                            % {"count": count},
                        )
                    else:
                        messages.info(request, _("Nobody to remind today."))
            except DomainError as error:
                add_domain_message(request, error)
            return redirect("surveys:invitations", survey.slug)
    context = {
        "survey": survey,
        "form": form,
        "error_form": form if form.is_bound else None,
        "counts": service.counts(survey),
        "linked": survey.workshop or survey.series,
    }
    return render(
        request, "surveys/invitations.html", context, status=400 if form.is_bound else 200
    )
