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
    IntegerField,
    OuterRef,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_error
from entraide.places.models import Place
from entraide.projects.access import catalogue_for_organiser, project_for_organiser
from entraide.projects.forms.managing import (
    CatalogueForm,
    ProjectForm,
    link_formset,
)
from entraide.projects.models import Pair, Seeker
from entraide.projects.services import catalogues as services

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


urlpatterns = [
    path("nouveau/", create_catalogue, name="create_catalogue"),
    path("gerer/<slug:cat>/", manage_catalogue, name="manage_catalogue"),
    path("gerer/<slug:cat>/nouveau/", new_project, name="new_project"),
    path("gerer/<slug:cat>/publication/", catalogue_publication, name="catalogue_publication"),
    path("gerer/<slug:cat>/<slug:project>/", edit_project, name="edit_project"),
    path(
        "gerer/<slug:cat>/<slug:project>/publication/",
        project_publication,
        name="project_publication",
    ),
    path("gerer/<slug:cat>/<slug:project>/inscriptions/", enrolment, name="enrolment"),
]
