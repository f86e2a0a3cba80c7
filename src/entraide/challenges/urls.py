"""The addresses of challenges, under /defis/, in three groups of pages:
- views/public.py: the list of challenges (challenges:list, ""), a challenge's page with its
  collective progress (challenges:detail, "<slug>/"), joining ("<slug>/participer/",
  challenges:join, and what follows it) and the published testimonies ("<slug>/temoignages/",
  challenges:testimonies);
- views/participating.py: a participant's private pages, under Participant.private_url()
  ("<slug>/moi/<token>/…": check-in, journey, reminders, testimony, after, leaving) and
  "mes-defis/" for a signed-in person;
- views/organising.py: creating and running one ("nouveau/", "<slug>/modifier/",
  "<slug>/gerer/…", challenges:manage).
Models write these addresses out (Challenge.get_absolute_url(), join_url(), manage_url()…)."""

from entraide.challenges.views import organising, participating, public

app_name = "challenges"
urlpatterns = [*organising.urlpatterns, *participating.urlpatterns, *public.urlpatterns]
