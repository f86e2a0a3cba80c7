"""What everyone sees of the project catalogue, with or without an account: the published
catalogues (the site-wide one first), a catalogue's page (its projects as cards, filtered by
audience, tag and kind of output with a GET form, by pages), and a project's page (everything
its organisers entered, how many pairs it still takes, what earlier pairs achieved and the
places hosting it).

A draft (a catalogue or a project not published) answers 404, like an address that never
existed, except to the catalogue's organisers, who see it marked as a draft. Every page costs
a fixed number of queries, whatever the number of projects, pairs and outputs."""

from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import render
from django.urls import path

from entraide.core.page_cache import public_page
from entraide.core.pagination import IndexPaginator
from entraide.places.services import organised_place_ids
from entraide.projects.access import can_manage, public_catalogue, public_project
from entraide.projects.forms.public import ProjectFilterForm
from entraide.projects.models import Audience, Catalogue, OutputKind, Pair, Project, Tag, web_url
from entraide.projects.services import hosting
from entraide.projects.services import realisations as realisations_service

CATALOGUES_PER_PAGE = 20
PROJECTS_PER_PAGE = 12
REALISATIONS_SHOWN = 60
CARD_FIELDS = [
    "catalogue_id",
    "title",
    "slug",
    "summary",
    "duration",
    "output_kind",
    "in_pairs",
    "max_pairs",
    "enrolment_closed_at",
    "position",
    "published_at",
]


def _page(paginator, number):
    """Page `number` (1 when not given); 404 for a page out of range or not a number."""
    try:
        return paginator.page(number if number is not None else 1)
    except InvalidPage:
        raise Http404 from None


def enrolment(project, formed: int) -> dict:
    """How the project takes pairs: `state` "closed" (enrolment closed), "full", or "open";
    with the number of formed pairs and the most it takes (None: no limit)."""
    if not project.enrolment_open:
        state = "closed"
    elif project.max_pairs is not None and formed >= project.max_pairs:
        state = "full"
    else:
        state = "open"
    return {"state": state, "formed": formed, "max": project.max_pairs}


def _formed_pairs():
    formed = (
        Pair.objects.filter(project=OuterRef("pk"), formed_at__isnull=False)
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(formed, output_field=IntegerField()), Value(0))


# --- The catalogues -------------------------------------------------------------------------


@public_page
def catalogue_list(request):
    catalogues = (
        Catalogue.objects.filter(published_at__isnull=False)
        .select_related("place")
        .only("title", "slug", "summary", "place__name", "place__slug", "place__city")
        .annotate(public_projects=Count("projects", filter=Q(projects__published_at__isnull=False)))
        .order_by(Case(When(place__isnull=True, then=Value(0)), default=Value(1)), "title", "pk")
    )
    page = _page(IndexPaginator(catalogues, CATALOGUES_PER_PAGE), request.GET.get("page"))
    return render(request, "projects/public/catalogues.html", {"page": page})


# --- A catalogue ----------------------------------------------------------------------------


def _present(visible):
    """The audiences, tags and kinds of output of the `visible` projects: the filters' values."""
    audiences = Audience.objects.filter(
        pk__in=Project.audiences.through.objects.filter(project__in=visible).values("audience_id")
    ).order_by("slug")  # accents folded: the same order on every database
    tags = Tag.objects.filter(
        pk__in=Project.tags.through.objects.filter(project__in=visible).values("tag_id")
    ).order_by("slug")  # accents folded: the same order on every database
    kinds = set(visible.order_by().values_list("output_kind", flat=True).distinct())
    return list(audiences), list(tags), kinds


@public_page
def catalogue_detail(request, catalogue):
    catalogue = public_catalogue(request, catalogue)
    organiser = can_manage(request.user, catalogue)
    visible = catalogue.projects.all()
    if not organiser:
        visible = visible.filter(published_at__isnull=False)
    audiences, tags, kinds = _present(visible.order_by())
    form = ProjectFilterForm(request.GET, audiences=audiences, tags=tags, kinds=kinds)
    status = 200 if form.is_valid() else 400
    chosen = form.chosen()  # the valid filters apply; an unknown value is shown as an error
    projects = visible
    # Subqueries, not joins: IndexPaginator takes pages after the first by their ids alone,
    # dropping the conditions but not the joins (a join would repeat each project).
    if chosen["audience"] is not None:
        through = Project.audiences.through.objects.filter(audience=chosen["audience"])
        projects = projects.filter(pk__in=through.values("project_id"))
    if chosen["tag"] is not None:
        through = Project.tags.through.objects.filter(tag=chosen["tag"])
        projects = projects.filter(pk__in=through.values("project_id"))
    if chosen["kind"]:
        projects = projects.filter(output_kind=chosen["kind"])
    projects = (
        projects.only(*CARD_FIELDS)
        .annotate(formed_pairs=_formed_pairs())
        .prefetch_related(
            Prefetch("audiences", queryset=Audience.objects.order_by("slug")),
            Prefetch("tags", queryset=Tag.objects.order_by("slug")),
        )
        .order_by("position", "pk")
    )
    page = _page(IndexPaginator(projects, PROJECTS_PER_PAGE), request.GET.get("page"))
    cards = []
    for project in page.object_list:
        project.catalogue = catalogue  # its address, without a query per project
        cards.append({"project": project, "enrolment": enrolment(project, project.formed_pairs)})
    context = {
        "catalogue": catalogue,
        "organiser": organiser,
        "form": form,
        "filtered": form.active,
        "page": page,
        "cards": cards,
    }
    return render(request, "projects/public/catalogue.html", context, status=status)


# --- A project ------------------------------------------------------------------------------


def _web(url) -> bool:
    """An http(s) address: the forms accept no other, and a row written some other way with a
    `javascript:` address is not made a link."""
    try:
        web_url(url)
    except ValidationError:
        return False
    return True


def _may_host(user, project) -> bool:
    """Whether to offer "Accueillir cet atelier dans mon lieu": on a workshop-type project, to a
    visitor (who signs in first) and to someone in the team of a place, not to the others (the
    page would only tell them it is for places' teams)."""
    if project.output_kind != OutputKind.WORKSHOP or not hosting.can_host():
        return False
    return not user.is_authenticated or user.is_superuser or bool(organised_place_ids(user))


@public_page
def project_detail(request, catalogue, project):
    project = public_project(request, catalogue, project)
    catalogue = project.catalogue
    organiser = can_manage(request.user, catalogue)
    links = [link for link in project.links.order_by("kind", "position", "pk") if _web(link.url)]
    formed = project.pairs.filter(formed_at__isnull=False).count()
    record = realisations_service.record(project, limit=REALISATIONS_SHOWN)
    base = project.get_absolute_url()
    context = {
        "catalogue": catalogue,
        "project": project,
        "organiser": organiser,
        "audiences": list(project.audiences.order_by("slug")),
        "tags": list(project.tags.order_by("slug")),
        "examples": [link for link in links if link.kind == link.Kind.EXAMPLE],
        "useful_links": [link for link in links if link.kind == link.Kind.USEFUL],
        "enrolment": enrolment(project, formed),
        "realisations": record.realisations,
        "places": record.places,
        "join_url": f"{base}binome/",
        "host_url": f"{base}accueillir/" if _may_host(request.user, project) else "",
    }
    return render(request, "projects/public/project.html", context)


urlpatterns = [
    path("", catalogue_list, name="catalogues"),
    path("<slug:catalogue>/", catalogue_detail, name="catalogue"),
    path("<slug:catalogue>/<slug:project>/", project_detail, name="project"),
]
