"""The organisers' pages of the project catalogue: creating a catalogue ("nouveau/", for a place
they run with "?lieu=<slug>", or the site-wide one for the staff), its page ("gerer/<cat>/":
settings, projects with their pairs, people looking, enrolment, publication), a project's form
("gerer/<cat>/nouveau/", "gerer/<cat>/<project>/": links as a formset of a few rows, without
JavaScript), its pairs ("gerer/<cat>/<project>/binomes/": members, what each pair started,
people looking; removing a member, pairing two people, closing enrolment) and the CSV exports
of the pairs. Every "gerer/" page starts with access.catalogue_for_organiser or
project_for_organiser (404 unknown, 403 for anyone not running the catalogue); each action
POSTs and goes back, or draws its page again with the refusal beside its field (400)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.accounts.models import member_name
from entraide.core.errors import DomainError, add_domain_error
from entraide.core.spreadsheet import csv_download
from entraide.places.models import Place
from entraide.projects import outputs
from entraide.projects.access import catalogue_for_organiser, project_for_organiser
from entraide.projects.forms.managing import (
    CatalogueForm,
    PairPeopleForm,
    ProjectForm,
    link_formset,
)
from entraide.projects.models import Member, OutputKind, Pair, Seeker
from entraide.projects.services import catalogues as services
from entraide.projects.services import pair_admin

# --- A catalogue ----------------------------------------------------------------------------


@login_required
def create_catalogue(request):
    """A new catalogue of the place `?lieu=<slug>` (its team only), or without it the
    site-wide one (the staff only, and only one)."""
    slug = request.GET.get("lieu")
    place = get_object_or_404(Place, slug=slug) if slug else None
    if not services.can_run(request.user, place):
        raise PermissionDenied
    form = CatalogueForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                catalogue = services.create_catalogue(
                    place, by=request.user, fields=form.cleaned_data
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("The catalogue is created, not yet public: add its projects, then "
                      "publish it."),
                )  # fmt: skip
                return redirect(catalogue.manage_url())
    context = {"form": form, "place": place}
    return render(request, "projects/managing/create_catalogue.html", context, status=status)


def _count(model, **filters):
    """The number of `model` rows of each project, as a subquery (no join that multiplies)."""
    counted = (
        model.objects.filter(project=OuterRef("pk"), **filters)
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _catalogue_page(request, catalogue, *, form=None, status=200):
    projects = catalogue.projects.annotate(
        formed_count=_count(Pair, formed_at__isnull=False),
        seekers_count=_count(Seeker),
    ).order_by("position", "pk")
    context = {
        "catalogue": catalogue,
        "form": form or CatalogueForm.for_catalogue(catalogue),
        "projects": projects,
    }
    return render(request, "projects/managing/catalogue.html", context, status=status)


@login_required
def manage_catalogue(request, cat):
    catalogue = catalogue_for_organiser(request, cat)
    if request.method != "POST":
        return _catalogue_page(request, catalogue)
    form = CatalogueForm.for_catalogue(catalogue, request.POST)
    if form.is_valid():
        try:
            services.update_catalogue(catalogue, by=request.user, fields=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The settings are saved."))
            return redirect(catalogue.manage_url())
    catalogue.refresh_from_db()
    return _catalogue_page(request, catalogue, form=form, status=400)


@login_required
@require_POST
def catalogue_publication(request, cat):
    catalogue = catalogue_for_organiser(request, cat)
    if request.POST.get("publish") == "1":
        services.publish_catalogue(catalogue, by=request.user)
        messages.success(request, _("The catalogue is public: its public projects show."))
    else:
        services.unpublish_catalogue(catalogue, by=request.user)
        messages.success(request, _("The catalogue is no longer public."))
    return redirect(catalogue.manage_url())


# --- A project's form -----------------------------------------------------------------------


def _show_error(form, formset, error: DomainError):
    """Beside its field: a link's row ("links-<row>-<field>") in the formset, else the form."""
    field = error.field or ""
    if field.startswith("links-"):
        _prefix, index, name = [*field.split("-", 2), "", ""][:3]
        if index.isdigit() and int(index) < len(formset.forms):
            row = formset.forms[int(index)]
            row.add_error(
                name if name in row.fields else None,
                ValidationError(error.message, code=error.code),
            )
            return
    add_domain_error(form, error)


def _project_page(request, catalogue, project, form, formset, status=200):
    context = {"catalogue": catalogue, "project": project, "form": form, "formset": formset}
    return render(request, "projects/managing/project_form.html", context, status=status)


@login_required
def new_project(request, cat):
    catalogue = catalogue_for_organiser(request, cat)
    if request.method != "POST":
        return _project_page(request, catalogue, None, ProjectForm(), link_formset())
    form, formset = ProjectForm(request.POST), link_formset(data=request.POST)
    if form.is_valid() and formset.is_valid():
        try:
            services.create_project(
                catalogue,
                by=request.user,
                fields=form.project_fields(),
                audiences=form.cleaned_data["audiences"],
                tags=form.cleaned_data["tags"],
                links=formset.links(),
            )
        except DomainError as error:
            _show_error(form, formset, error)
        else:
            messages.success(
                request, _("The project is created, not yet public: publish it when ready.")
            )
            return redirect(catalogue.manage_url())
    return _project_page(request, catalogue, None, form, formset, status=400)


@login_required
def edit_project(request, cat, project):
    project = project_for_organiser(request, cat, project)
    catalogue = project.catalogue
    if request.method != "POST":
        prefetch_related_objects([project], "audiences", "tags", "links")
        return _project_page(
            request,
            catalogue,
            project,
            ProjectForm.for_project(project),
            link_formset(project),
        )
    form, formset = ProjectForm(request.POST), link_formset(data=request.POST)
    if form.is_valid() and formset.is_valid():
        try:
            services.update_project(
                project,
                by=request.user,
                fields=form.project_fields(),
                audiences=form.cleaned_data["audiences"],
                tags=form.cleaned_data["tags"],
                links=formset.links(),
            )
        except DomainError as error:
            _show_error(form, formset, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect(catalogue.manage_url())
    return _project_page(request, catalogue, project, form, formset, status=400)


@login_required
@require_POST
def project_publication(request, cat, project):
    project = project_for_organiser(request, cat, project)
    if request.POST.get("publish") == "1":
        services.publish_project(project, by=request.user)
        messages.success(
            request, _("The project “%(title)s” is public.") % {"title": project.title}
        )
    else:
        services.unpublish_project(project, by=request.user)
        messages.success(
            request, _("The project “%(title)s” is no longer public.") % {"title": project.title}
        )
    return redirect(project.catalogue.manage_url())


@login_required
@require_POST
def enrolment(request, cat, project):
    """Close (or reopen) the project's enrolment; back to the pairs' page or the catalogue."""
    project = project_for_organiser(request, cat, project)
    if request.POST.get("close") == "1":
        services.close_enrolment(project, request.user)
        messages.success(
            request,
            _("Enrolment in “%(title)s” is closed: the pairs already formed stay.")
            % {"title": project.title},
        )
    else:
        services.reopen_enrolment(project, request.user)
        messages.success(
            request, _("Enrolment in “%(title)s” is open again.") % {"title": project.title}
        )
    if request.POST.get("back") == "pairs":
        return redirect(f"{project.manage_url()}binomes/")
    return redirect(project.catalogue.manage_url())


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
    path("nouveau/", create_catalogue, name="create_catalogue"),
    path("gerer/<slug:cat>/", manage_catalogue, name="manage_catalogue"),
    path("gerer/<slug:cat>/nouveau/", new_project, name="new_project"),
    path("gerer/<slug:cat>/publication/", catalogue_publication, name="catalogue_publication"),
    path("gerer/<slug:cat>/binomes.csv", catalogue_csv, name="catalogue_pairs_csv"),
    path("gerer/<slug:cat>/<slug:project>/", edit_project, name="edit_project"),
    path(
        "gerer/<slug:cat>/<slug:project>/publication/",
        project_publication,
        name="project_publication",
    ),
    path("gerer/<slug:cat>/<slug:project>/inscriptions/", enrolment, name="enrolment"),
    path("gerer/<slug:cat>/<slug:project>/binomes/", manage_pairs, name="manage_pairs"),
    path("gerer/<slug:cat>/<slug:project>/binomes/former/", pair_people, name="pair_people"),
    path(
        "gerer/<slug:cat>/<slug:project>/binomes/<int:member_id>/retirer/",
        remove_member,
        name="remove_member",
    ),
    path("gerer/<slug:cat>/<slug:project>/binomes.csv", project_csv, name="project_pairs_csv"),
]
