"""Versions: the organisers publish one (the text frozen); everyone reads each version at its
own address and compares any two, section by section, with the amendments behind each change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError, add_domain_error
from entraide.core.page_cache import public_page
from entraide.manifestos.access import manifesto_for_organiser
from entraide.manifestos.decision_forms import CompareForm, PublishForm
from entraide.manifestos.models import Amendment, AmendmentStatus, Manifesto
from entraide.manifestos.services.compare import compare as compare_versions
from entraide.manifestos.services.versions import PUBLISHING_PHASES, next_number, publish_version


@login_required
def publish(request, slug):
    """The organiser's page to publish the next version, with an optional note."""
    manifesto = manifesto_for_organiser(request, slug)
    form = PublishForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                version = publish_version(manifesto, by=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("Version %(label)s is published.") % {"label": version.label},
                )
                return redirect(version.get_absolute_url())
        status = 400
    context = {
        "manifesto": manifesto,
        "form": form,
        "number": next_number(manifesto),
        "publishable": manifesto.phase in PUBLISHING_PHASES,
    }
    return render(request, "manifestos/manage/publish.html", context, status=status)


def _manifesto(slug):
    return get_object_or_404(Manifesto.objects.select_related("place"), slug=slug)


@public_page
def version(request, slug, number):
    manifesto = _manifesto(slug)
    versions = list(manifesto.versions.order_by("number"))
    current = next((v for v in versions if v.number == number), None)
    if current is None:
        return render(
            request,
            "manifestos/version.html",
            {"manifesto": manifesto, "versions": versions, "version": None, "number": number},
            status=404,
        )
    sections = list(current.sections.order_by("position"))
    for rank, section in enumerate(sections, 1):
        section.number = rank
    amendments = Amendment.objects.filter(
        version=current, status=AmendmentStatus.ACCEPTED
    ).order_by("decided_at", "pk")
    context = {
        "manifesto": manifesto,
        "version": current,
        "versions": versions,
        "sections": sections,
        "amendments": list(amendments),
        "latest": versions[-1],
    }
    return render(request, "manifestos/version.html", context)


@public_page
def compare(request, slug):
    """Two versions compared: `?de=0&a=1`; without them, the last two."""
    manifesto = _manifesto(slug)
    versions = {v.number: v for v in manifesto.versions.order_by("number")}
    numbers = list(versions)
    data = request.GET if ("de" in request.GET or "a" in request.GET) else None
    if data is None and len(numbers) >= 2:
        data = {"de": str(numbers[-2]), "a": str(numbers[-1])}
    form = CompareForm(data, numbers=numbers)
    comparison, status = None, 200
    if data is not None:
        if form.is_valid():
            before, after = versions[form.cleaned_data["de"]], versions[form.cleaned_data["a"]]
            comparison = compare_versions(manifesto, before, after)
        else:
            status = 400
    context = {
        "manifesto": manifesto,
        "form": form,
        "comparison": comparison,
        "numbers": numbers,
        "action": reverse("manifestos:compare", args=[manifesto.slug]),
    }
    return render(request, "manifestos/compare.html", context, status=status)
