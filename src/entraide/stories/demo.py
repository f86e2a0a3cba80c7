"""Demo data: the collection "Récits de la transition" of the Université Paul-Valéry (seed 000:
"Publication de récits de la transition", "en binôme", "d’une à 4 pages", its interview guide
and themes), told through the services as it would happen: Inès (the teacher) creates it;
students in pairs start stories, invite their partner, write, ask the interviewee's consent,
who answers through the link; Inès reviews. Four stories:

- "Réparer ensemble au café du quartier" (a repair café volunteer), published, with a short
  podcast episode (a few seconds of synthetic speech, made once with espeak-ng and ffmpeg) and
  its transcript; its interviewee agreed to text and voice;
- "Quitter la tour pour apprendre à respirer" (a founder of a meditation app who left a big
  company), published, text only, first name only;
- "L’énergie qu’elles partagent" (an energy-autonomy project run by women), in review with an
  editor's comment; its interviewee chose a pseudonym;
- "Des semences et des mains", whose interviewee withdrew consent: unpublished, never public.

And an anthology of the two published stories. The fictional people are not mailed: the demo
is loaded with Django's dummy mail backend."""

from pathlib import Path

from allauth.account.models import EmailAddress
from django.core.files import File
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

from entraide.accounts.demo import demo_user
from entraide.accounts.models import User
from entraide.places.models import Place
from entraide.stories import demo_texts as texts
from entraide.stories.models import Collection, Story
from entraide.stories.services import anthology as anthologies
from entraide.stories.services import collections, consent, media, review, writing

SLUG = "recits-de-la-transition-universite-paul-valery"
FILES = Path(__file__).parent / "demo_files"
STUDENTS = [  # (email, display name): the partners of the demo's pairs, who never sign in
    ("hugo@entraide.example", "Hugo"),
    ("chloe@entraide.example", "Chloé"),
    ("yanis@entraide.example", "Yanis"),
    ("maelle@entraide.example", "Maëlle"),
    ("nathan@entraide.example", "Nathan"),
]


def _student(email, name):
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": name, "language": "fr"}
    )
    if created:
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _story(collection, first, second, data, interviewee_email):
    themes = list(collection.themes.filter(name__in=data["themes"]))
    story = writing.start_story(
        collection,
        first,
        title=data["title"],
        themes=themes,
        kind=data["kind"],
        summary=data["summary"],
        interviewee_name=data["interviewee_name"],
        interviewee_email=interviewee_email,
        credit=data["credit"],
        pseudonym=data.get("pseudonym", ""),
    )
    invitation = writing.invite_partner(story, first, second.email)
    writing.accept_invitation(invitation, second)
    story.refresh_from_db()
    writing.save_draft(
        story, second, base=0, title=data["title"], summary=data["summary"], body=data["body"]
    )
    story.refresh_from_db()
    return story


def _agree(story, media_agreed):
    asked = consent.request_consent(story, by=story.authors.first().user)
    consent.answer(asked, media=media_agreed, credit=story.credit, pseudonym=story.pseudonym)
    story.refresh_from_db()
    return asked


def _through_review(story, ines, by):
    writing.submit(story, by)
    review.accept(story, by=ines)
    return review.publish(story, by=ines)


def _build(ines, upv):
    collection = collections.create_collection(
        upv,
        by=ines,
        fields={
            "title": "Récits de la transition — Université Paul-Valéry",
            "description": texts.COLLECTION_DESCRIPTION,
        },
    )
    collections.publish_collection(collection, by=ines)
    collection.refresh_from_db()
    lea = demo_user("lea@entraide.example")
    hugo, chloe, yanis, maelle, nathan = (_student(*s) for s in STUDENTS)
    for person in (lea, hugo, chloe, yanis, maelle, nathan):
        writing.join_with_code(collection, person, collection.code)

    repair = _story(collection, lea, hugo, texts.REPAIR, "josephine.morel@example.org")
    _agree(repair, {"text", "voice"})
    with (FILES / "reparer-ensemble.mp3").open("rb") as audio:
        media.attach_audio(repair, lea, File(audio, name="reparer-ensemble.mp3"))
    transcript = (FILES / "reparer-ensemble.txt").read_text(encoding="utf-8")
    media.set_transcript(repair, lea, transcript)
    _through_review(repair, ines, lea)

    meditation = _story(collection, chloe, yanis, texts.MEDITATION, "antoine@example.org")
    _agree(meditation, {"text"})
    _through_review(meditation, ines, chloe)

    energy = _story(collection, maelle, nathan, texts.ENERGY, "awa@example.org")
    _agree(energy, {"text", "photo"})
    writing.submit(energy, maelle)
    review.comment(energy, by=ines, body=texts.ENERGY["comment"])

    seeds = _story(collection, lea, hugo, texts.WITHDRAWN, "paul.garnier@example.org")
    given = _agree(seeds, {"text"})
    writing.submit(seeds, lea)
    review.accept(seeds, by=ines)
    consent.withdraw(given)

    anthology = anthologies.create_anthology(
        collection, title=texts.ANTHOLOGY_TITLE, introduction=texts.ANTHOLOGY_INTRODUCTION
    )
    for story in (repair, meditation):
        anthologies.add_story(anthology, story.pk)
    return collection


def load():
    with (
        translation.override("fr"),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        if not Collection.objects.filter(slug=SLUG).exists():
            upv = Place.objects.get(slug="universite-paul-valery")
            _build(demo_user("ines@entraide.example"), upv)
    public = Story.objects.public().filter(collection__slug=SLUG).count()
    return [f"Stories: {public} published (/recits/)"]
