"""The organisers' pages of a project's pairs: each pair with its members and what it started,
the people looking for a partner, removing a member, pairing two people, and the CSV exports
of the pairs (per project, per catalogue)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import (
    F,
    Prefetch,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.accounts.models import member_name
from entraide.core.errors import DomainError, add_domain_error
from entraide.core.spreadsheet import csv_download
from entraide.projects import outputs
from entraide.projects.access import catalogue_for_organiser, project_for_organiser
from entraide.projects.forms.managing import (
    PairPeopleForm,
)
from entraide.projects.models import Member, OutputKind, Pair, Seeker
from entraide.projects.services import pair_admin

# --- A catalogue ----------------------------------------------------------------------------


# --- Pairs ----------------------------------------------------------------------------------


def _pairs_of(projects_filter):
    members = Member.objects.select_related("user").order_by("pk")
    return (
        Pair.objects.filter(**projects_filter)
        .select_related("project")
        .prefetch_related(Prefetch("members", queryset=members), "outputs")
        .order_by("project__position", "project_id", F("formed_at").asc(nulls_last=True), "pk")
    )


def _person(member) -> str:
    if member.user_id is not None:
        return member_name(member.user)
    return member.name or member.email


def _address(member) -> str:
    return member.user.email if member.user_id is not None else member.email


def _rows(pairs):
    """Each pair with its members and its outputs as the other capabilities describe them."""
    pairs = list(pairs)
    described = outputs.describe(
        [(output.kind, output.object_id) for pair in pairs for output in pair.outputs.all()]
    )
    kinds = dict(OutputKind.choices)
    rows = []
    for pair in pairs:
        started = []
        for output in pair.outputs.all():
            item = described.get((output.kind, output.object_id))
            started.append(
                {
                    "kind": str(kinds.get(output.kind, output.kind)),
                    "title": item.title if item else "",
                    "url": item.url if item else "",
                    "state": str(item.state) if item else _("Not available on this site"),
                }
            )
        members = [
            {
                "member": member,
                "name": _person(member),
                "email": _address(member),
                "accepted": member.is_accepted,
            }
            for member in pair.members.all()
        ]
        rows.append({"pair": pair, "members": members, "outputs": started})
    return rows


def _pairs_page(request, project, *, pair_form=None, status=200):
    rows = _rows(_pairs_of({"project": project}))
    seekers = list(project.seekers.select_related("user").order_by("created_at", "pk"))
    people = []  # without a partner: alone in a pair, or looking
    for row in rows:
        accepted = [m for m in row["members"] if m["accepted"]]
        if not row["pair"].is_formed and len(accepted) == 1 and accepted[0]["member"].user_id:
            people.append((accepted[0]["member"].user, accepted[0]["name"]))
    alone = {user.pk for user, _label in people}
    for seeker in seekers:
        if seeker.user_id not in alone:
            people.append((seeker.user, member_name(seeker.user)))
    formed = sum(1 for row in rows if row["pair"].is_formed)
    context = {
        "catalogue": project.catalogue,
        "project": project,
        "rows": rows,
        "formed": formed,
        "seekers": seekers,
        "pair_form": pair_form or PairPeopleForm(people=people),
        "can_pair": len(people) >= 2,
    }
    return render(request, "projects/managing/pairs.html", context, status=status)


@login_required
def manage_pairs(request, cat, project):
    project = project_for_organiser(request, cat, project)
    return _pairs_page(request, project)


@login_required
def remove_member(request, cat, project, member_id):
    """GET: what removing the person does; POST: remove them (the other is told by mail)."""
    project = project_for_organiser(request, cat, project)
    member = get_object_or_404(
        Member.objects.select_related("user", "pair"), pk=member_id, project=project
    )
    back = f"{project.manage_url()}binomes/"
    name = _person(member)
    if request.method == "POST":
        try:
            pair_admin.remove_member(member, by=request.user)
        except DomainError as error:
            messages.error(request, error.message, extra_tags=error.code or "")
        else:
            messages.success(request, _("%(name)s is no longer in this pair.") % {"name": name})
        return redirect(back)
    consequences = [
        _("%(name)s leaves the pair and is told by mail.") % {"name": name},
        _("The pair is no longer formed; the other member stays in it, is told by mail, and "
          "may invite or look for someone else."),
    ]  # fmt: skip
    context = {
        "title": _("Remove %(name)s from the pair?") % {"name": name},
        "lead": project.title,
        "consequences": consequences,
        "button": _("Remove from the pair"),
        "back_url": back,
        "back_label": _("Keep the pair as it is"),
    }
    return render(request, "core/confirm.html", context)


@login_required
@require_POST
def pair_people(request, cat, project):
    project = project_for_organiser(request, cat, project)
    chosen = [request.POST.get("first"), request.POST.get("second")]
    ids = [int(value) for value in chosen if value and value.isdigit() and len(value) < 12]
    users = {
        member.user.pk: member.user
        for member in Member.objects.filter(
            project=project, user_id__in=ids, accepted_at__isnull=False
        ).select_related("user")
    }
    users.update(
        {
            seeker.user.pk: seeker.user
            for seeker in Seeker.objects.filter(project=project, user_id__in=ids).select_related(
                "user"
            )
        }
    )
    people = [(user, member_name(user)) for user in users.values()]
    form = PairPeopleForm(request.POST, people=people)
    if form.is_valid():
        first, second = (users.get(form.cleaned_data[n]) for n in ("first", "second"))
        try:
            pair_admin.pair_people(project, by=request.user, first=first, second=second)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(first)s and %(second)s are now a pair; both are told by mail.")
                % {"first": member_name(first), "second": member_name(second)},
            )
            return redirect(f"{project.manage_url()}binomes/")
    return _pairs_page(request, project, pair_form=form, status=400)


# --- CSV ------------------------------------------------------------------------------------


def _csv(rows, filename):
    response, writer = csv_download(filename)
    writer.writerow(
        [
            _("Project"),
            _("Pair"),
            _("State"),
            _("Member 1"),
            _("Email 1"),
            _("Member 2"),
            _("Email 2"),
            _("Formed on"),
            _("What it started"),
        ]
    )
    for row in rows:
        pair = row["pair"]
        members = row["members"][:2] + [None] * (2 - len(row["members"][:2]))
        cells = [pair.project.title, pair.pk, _("Formed") if pair.is_formed else _("Waiting")]
        for member in members:
            if member is None:
                cells += ["", ""]
            else:
                name = (
                    member["name"]
                    if member["accepted"]
                    else _("%(name)s (asked)") % {"name": member["name"]}
                )
                cells += [name, member["email"]]
        cells.append(
            timezone.localtime(pair.formed_at).strftime("%d/%m/%Y %H:%M") if pair.formed_at else ""
        )
        cells.append(
            " ; ".join(
                f"{o['kind']}: {o['title']} ({o['state']})" if o["title"] else o["kind"]
                for o in row["outputs"]
            )
        )
        writer.writerow(cells)
    return response


@login_required
def catalogue_csv(request, cat):
    catalogue = catalogue_for_organiser(request, cat)
    rows = _rows(_pairs_of({"project__catalogue": catalogue}))
    return _csv(rows, f"binomes-{catalogue.slug}.csv")


@login_required
def project_csv(request, cat, project):
    project = project_for_organiser(request, cat, project)
    rows = _rows(_pairs_of({"project": project}))
    return _csv(rows, f"binomes-{project.catalogue.slug}-{project.slug}.csv")


urlpatterns = [
    path("gerer/<slug:cat>/binomes.csv", catalogue_csv, name="catalogue_pairs_csv"),
    path("gerer/<slug:cat>/<slug:project>/binomes/", manage_pairs, name="manage_pairs"),
    path("gerer/<slug:cat>/<slug:project>/binomes/former/", pair_people, name="pair_people"),
    path(
        "gerer/<slug:cat>/<slug:project>/binomes/<int:member_id>/retirer/",
        remove_member,
        name="remove_member",
    ),
    path("gerer/<slug:cat>/<slug:project>/binomes.csv", project_csv, name="project_pairs_csv"),
]
