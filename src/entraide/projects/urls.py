"""The addresses of the project catalogue, under /projets/, in groups of pages, one views module
each (each module has its own `urlpatterns`):
- views/managing.py: organisers: creating a catalogue ("nouveau/"), its projects, their links,
  publishing, closing enrolment ("gerer/…");
- views/managing_pairs.py: organisers: the pairs and their outputs, removing a member, pairing
  two people, the CSV exports ("gerer/…/binomes/…");
- views/pairing.py: participants: joining a project in a pair (inviting a partner, "je cherche
  un binôme", proposing, accepting), the invitation's private link ("invitation/<token>/"),
  leaving, "mes-projets/";
- views/pair.py: a pair's page ("binome/<id>/"): its members, what it started, starting the
  project's output;
- views/hosting.py: "Accueillir cet atelier dans mon lieu" and a hub's view of its region;
- views/public.py: the catalogues, a catalogue's page (filters, pages) and a project's page
  ("<catalogue>/", "<catalogue>/<project>/"), last: its routes capture slugs.
Models write these addresses out (Catalogue.get_absolute_url(), Pair.get_absolute_url()…)."""

from entraide.projects.views import hosting, managing, managing_pairs, pair, pairing, public

app_name = "projects"
urlpatterns = [  # fixed words before slugs
    *managing.urlpatterns,
    *managing_pairs.urlpatterns,
    *pairing.urlpatterns,
    *pair.urlpatterns,
    *hosting.urlpatterns,
    *public.urlpatterns,
]
