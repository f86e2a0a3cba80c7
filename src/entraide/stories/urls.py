"""The addresses of stories, under /recits/, in groups of pages, one views module each:
- views/public.py: the collections, a collection's page (themes, pages), a story's page, the
  Atom feed and the podcast feed (views/public.py, feeds.py);
- views/writing.py: authors: "mes-recits/", joining a collection, starting a story, writing it
  (word count, versions, diff), the partner's invitation, the interviewee, submitting;
- views/media.py: the episode (audio, transcript, chapters) and the photo; serving them;
- views/consent.py: the interviewee's private pages ("consentement/<token>/…");
- views/editing.py: creating and setting up a collection ("nouveau/", "<slug>/gerer/…");
- views/review.py: the editors' review of stories ("<slug>/gerer/relecture/", "…/relire/");
- views/anthology.py: the anthologies and their exports ("<slug>/gerer/recueils/…").
Models write these addresses out (Collection.get_absolute_url(), Story.edit_url()…). Routes
with fixed words come before the ones that capture a slug."""

from entraide.stories.views import anthology, consent, editing, media, public, review, writing

app_name = "stories"
urlpatterns = [
    *editing.urlpatterns,
    *review.urlpatterns,
    *anthology.urlpatterns,
    *consent.urlpatterns,
    *writing.urlpatterns,
    *media.urlpatterns,
    *public.urlpatterns,
]
