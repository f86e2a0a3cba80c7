from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone

from entraide.core.page_cache import public_page
from entraide.surveys.listing import public_surveys


@public_page
def survey_list(request):
    now = timezone.now()
    surveys = (
        public_surveys(now)
        .select_related("place")
        .order_by(F("closes_at").asc(nulls_last=True), "-published_at", "pk")
    )
    page = Paginator(surveys, settings.ENTRAIDE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "surveys/list.html", {"page": page, "now": now})
