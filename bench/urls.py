from django.http import HttpResponse
from django.urls import path

from entraide.urls import urlpatterns as entraide_urlpatterns

STATIC_PAGE = ("<!DOCTYPE html><html lang='fr'><title>Plafond</title><p>" + "x" * 2000).encode()


def ceiling(request):
    """The cheapest Django view: a static 2 KB page, through the same middleware."""
    return HttpResponse(STATIC_PAGE)


urlpatterns = [path("bench/plafond/", ceiling), *entraide_urlpatterns]
