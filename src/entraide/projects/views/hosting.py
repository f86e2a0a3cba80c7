"""Places and projects: "Accueillir cet atelier dans mon lieu" ("<catalogue>/<project>/
accueillir/"), for the team of a place, which makes a draft workshop (or series) at the place
and, when asked, its availability poll; and a regional hub's view of what the places of its
region host ("accueils/<hub>/"), for the hub's team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError, add_domain_error
from entraide.places.models import Place
from entraide.places.services import is_organiser, organised_place_ids
from entraide.projects.access import public_project
from entraide.projects.forms.hosting import HostForm
from entraide.projects.models import Hosting, OutputKind
from entraide.projects.services import hosting as services


def _places(user):
    """The places the person may host at: those they run (every place for a superuser)."""
    places = Place.objects.order_by("name", "pk")
    return places if user.is_superuser else places.filter(pk__in=organised_place_ids(user))


def _refuse_other_place(request):
    """403 when the posted place exists and the person does not run it."""
    raw = request.POST.get("place", "")
    if raw.isdigit():
        chosen = Place.objects.filter(pk=int(raw)).first()
        if chosen is not None and not is_organiser(request.user, chosen):
            raise PermissionDenied


def _made_url(hosting):
    if hosting.made_poll is not None:
        return reverse("polls:manage", args=[hosting.made_poll.slug])
    if hosting.made_series is not None:
        return reverse("workshops:manage_series", args=[hosting.made_series.slug])
    return reverse("workshops:manage", args=[hosting.made_workshop.slug])


@login_required
def host(request, catalogue, project):
    project = public_project(request, catalogue, project)
    if project.output_kind != OutputKind.WORKSHOP or not services.can_host():
        raise Http404
    if request.method == "POST":
        _refuse_other_place(request)
    if not request.user.is_superuser and not organised_place_ids(request.user):
        return render(request, "projects/hosting/no_place.html", {"project": project}, status=403)
    places = _places(request.user)
    with_poll = services.can_open_poll()
    form = HostForm(request.POST or None, places=places, project=project, with_poll=with_poll)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                hosting = services.host(
                    project,
                    data["place"],
                    by=request.user,
                    open_poll=bool(data.get("open_poll")),
                    slots=form.slots,
                    title=data["title"],
                    minutes=data["minutes"],
                    capacity=data["capacity"],
                    sessions=data["sessions"],
                    time_zone=data.get("time_zone") or "Europe/Paris",
                )
            except DomainError as error:
                if error.field == "slots":
                    error.field = "slot_1_date"
                add_domain_error(form, error)
            else:
                if hosting.poll_id:
                    text = _(
                        "Draft created at %(place)s, its date to be fixed: the availability "
                        "poll is open. Fixing one of its slots gives the workshop its date."
                    )
                else:
                    text = _(
                        "Draft created at %(place)s, its date to be fixed: publish it when the "
                        "date is fixed."
                    )
                messages.success(request, text % {"place": data["place"].name})
                return redirect(_made_url(hosting))
    hosted = list(
        Hosting.objects.filter(project=project, place__in=places)
        .select_related("place")
        .order_by("place__name", "pk")
    )
    context = {
        "project": project,
        "form": form,
        "hosted": hosted,
        "with_poll": with_poll,
    }
    return render(request, "projects/hosting/host.html", context, status=status)


@login_required
def region(request, slug):
    hub = get_object_or_404(Place, slug=slug)
    if not hub.is_regional_hub:
        raise Http404
    if not is_organiser(request.user, hub):
        raise PermissionDenied
    context = {"hub": hub, "rows": services.hosted_in_region(hub)}
    return render(request, "projects/hosting/region.html", context)


urlpatterns = [
    path("accueils/<slug:slug>/", region, name="region"),
    path("<slug:catalogue>/<slug:project>/accueillir/", host, name="host"),
]
