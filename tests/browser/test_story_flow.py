"""The main story of issue 16, in a real browser, JavaScript off on the phones: an author
starts a portrait and invites her partner by mail → the partner, who has no account, follows
the link, creates one and accepts → both write (versions, word count and page estimate) → the
author sends the consent request → the interviewee, without an account, agrees through the
mail's link for the text and the voice, first name only → the author uploads a real MP3 and its
transcript, and submits → the editor asks for a change, the author makes it and submits again,
the editor accepts and publishes → the story and its episode are on the collection's page and in
the podcast feed (parsed by feedparser, with its enclosure) → the editor builds the anthology's
EPUB, which epubcheck accepts → the interviewee withdraws consent: the story leaves the page and
the feed, and its audio file leaves storage. Screenshots (phone width) go to $SCREENS_DIR when
it is set."""

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.request import urlopen

import feedparser
import pytest
from django.core import mail
from playwright.sync_api import expect

from entraide.manifestos.tests.test_exports import epubcheck_or_skip
from entraide.stories.models import Episode, Story, StoryVersion
from entraide.stories.services import collections
from tests.browser.audit import measure, problems_of
from tests.browser.test_manifesto_story import signed_in
from tests.browser.test_walk import session_cookie
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "java_script_enabled": False}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TITLE = "Réparer ensemble"
PASSWORD = "velo-cargo-et-compost"
FIRST_DRAFT = "Joséphine répare des grille-pain depuis vingt ans au café de la place."
# 675 words (687 with the first draft): about one page and a half, at 500 words a page.
SECOND_DRAFT = "Le samedi, Joséphine ouvre l’atelier et les voisins arrivent. " * 75
TRANSCRIPT = "**Joséphine**\u00a0: Au début, personne ne venait. Puis tout le quartier."


@pytest.fixture
def storage(settings, tmp_path):
    """The storage folder of this test: what is left in it is what the site keeps."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def mp3(tmp_path):
    """Three seconds of a tone, a real MP3 made by ffmpeg (Debian's, installed by .ci/run)."""
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is needed to make the episode (apt-get install ffmpeg)"
    path = tmp_path / "entretien-josephine.mp3"
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
         "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k", str(path)],
        check=True,
    )  # fmt: skip
    return path


def link_in(letter, pattern):
    found = re.search(r"https?://\S+?(" + pattern + r")", letter.body)
    assert found, f"no link {pattern} in: {letter.body}"
    return found.group(1)


def letter_to(address):
    letters = [m for m in mail.outbox if address in m.to]
    assert letters, f"no mail to {address}: {[(m.to, m.subject) for m in mail.outbox]}"
    return letters[-1]


def says(page, message):
    expect(page.locator(".messages")).to_contain_text(message)


def visitor(browser, live_app, path):
    """A phone without any cookie: the page cache serves such visitors."""
    page = browser.new_context(**PHONE).new_page()
    page.goto(live_app + path)
    return page


def audited(browser, live_app, path, axe_source, email=None):
    """The page's problems by the walk's bars (budgets, axe-core), for who sees it."""
    cookies = session_cookie(live_app, email) if email else ()
    result = measure(browser, live_app + path, axe_source=axe_source, cookies=cookies)
    return {path: problems_of(result)}


def podcast_items(live_app, collection):
    with urlopen(live_app + collection.podcast_url()) as response:
        feed = feedparser.parse(response.read())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    return feed.entries


def test_from_the_invitation_to_the_withdrawal(
    browser, live_app, axe_source, settings, storage, mp3, tmp_path
):
    screens = Path(os.environ.get("SCREENS_DIR", tmp_path))
    screens.mkdir(parents=True, exist_ok=True)
    settings.TASKS = IMMEDIATE  # the worker's build runs at once, after the request's commit
    alice = UserFactory(email="alice@example.org", display_name="Alice")
    bob = UserFactory(email="bob@example.org", display_name="Bob")
    place = PlaceFactory(name="La Verrière", organisers=[bob])
    collection = collections.create_collection(
        place,
        by=bob,
        fields={
            "title": "Récits de la transition",
            "description": "Des portraits de personnes **engagées**.",
        },
    )
    collections.publish_collection(collection, by=bob)
    collections.invite_writers(collection, by=bob, addresses="alice@example.org")
    token = link_in(letter_to("alice@example.org"), r"/recits/invitation/[^/\s]+/").split("/")[-2]
    collections.accept_writer_invitation(token, user=alice)
    mail.outbox.clear()
    problems = {}

    # 1. Alice, on her phone, starts a portrait from "Mes récits" and invites Léa by mail.
    author = signed_in(browser, live_app, "alice@example.org", **PHONE)
    author.goto(live_app + "/recits/mes-recits/")
    author.get_by_role("link", name="Commencer un récit").click()
    author.get_by_label("Titre").fill(TITLE)
    author.get_by_label("Nom de la personne interviewée").fill("Joséphine Martin")
    author.get_by_label("Son adresse de courriel").fill("josephine@example.org")
    author.get_by_role("button", name="Commencer le récit").click()
    says(author, "Votre récit est commencé.")
    follow_url = author.url
    author.get_by_label("L’adresse de courriel de votre binôme").fill("lea@example.org")
    author.get_by_role("button", name="Inviter").click()
    says(author, "Votre binôme est invité·e")
    expect(author.locator("main")).to_contain_text("lea@example.org")
    story = Story.objects.get(title=TITLE)

    # Léa has no account: she follows the mail's link, creates one, confirms her address and
    # comes back to accept.
    partner = browser.new_context(**PHONE).new_page()
    invitation = link_in(letter_to("lea@example.org"), r"/recits/binome/[^/\s]+/")
    partner.goto(live_app + invitation)
    expect(partner.get_by_role("heading", level=1)).to_contain_text(TITLE)
    partner.locator("main").get_by_role("link", name="Créer un compte").click()
    partner.locator("input[name=email]").fill("lea@example.org")
    partner.locator("input[name=password1]").fill(PASSWORD)
    partner.locator("input[name=password2]").fill(PASSWORD)
    partner.locator("main form button[type=submit]").click()
    confirm = link_in(letter_to("lea@example.org"), r"/compte/confirmer-adresse/[^/\s]+/")
    partner.goto(live_app + confirm)
    partner.locator("main form button[type=submit]").click()
    expect(partner).to_have_url(live_app + invitation)  # back where she came from, signed in
    partner.get_by_label("Votre nom").fill("Léa")  # her new account has no name yet: asked once
    partner.get_by_role("button", name="Accepter").click()
    says(partner, "Vous écrivez maintenant ce récit en binôme.")

    # 2. Both write: Léa saves a first text, Alice a second version; the count follows.
    partner.get_by_role("link", name="Écrire", exact=True).click()
    partner.get_by_label("Texte (Markdown)").fill(FIRST_DRAFT)
    partner.get_by_role("button", name="Enregistrer", exact=True).click()
    says(partner, "Enregistré.")
    expect(partner.locator("#count")).to_contain_text("12 mots")
    author.goto(follow_url)
    author.get_by_role("link", name="Écrire", exact=True).click()
    expect(author.get_by_label("Texte (Markdown)")).to_have_value(FIRST_DRAFT)
    author.get_by_label("Texte (Markdown)").fill(FIRST_DRAFT + "\n\n" + SECOND_DRAFT)
    author.get_by_role("button", name="Enregistrer", exact=True).click()
    says(author, "Enregistré.")
    count = author.locator("#count")
    expect(count).to_contain_text("687 mots, ≈ 1,5 pages")
    author.screenshot(path=screens / "story-1-writing-phone.png", full_page=False)
    assert author.evaluate("document.documentElement.scrollWidth") <= 390
    author.get_by_role("link", name="Versions").first.click()
    saved_by = [v.saved_by.email for v in StoryVersion.objects.filter(story=story)]
    assert saved_by == ["alice@example.org", "lea@example.org"]

    # 3. Alice sends the consent request; Joséphine agrees through the mail's link, for the text
    # and her voice, not her photo, under her first name only.
    author.goto(follow_url)
    path = follow_url.removeprefix(live_app)
    problems |= audited(browser, live_app, path, axe_source, "alice@example.org")
    author.get_by_role("button", name="Envoyer la demande de consentement").click()
    says(author, "La demande de consentement a été envoyée à josephine@example.org.")
    private = link_in(letter_to("josephine@example.org"), r"/recits/consentement/[^/\s]+/")
    interviewee = visitor(browser, live_app, private)
    expect(interviewee.locator("main")).to_contain_text("Bonjour Joséphine Martin.")
    answer = interviewee.get_by_role("radio", name="J’accepte la publication de ce que je coche")
    answer.check()
    interviewee.get_by_role("checkbox", name="le texte du récit").check()
    interviewee.get_by_role("checkbox", name="ma voix enregistrée (l’épisode du podcast)").check()
    expect(interviewee.get_by_role("checkbox", name="ma photo")).not_to_be_checked()
    interviewee.get_by_role("radio", name="Mon prénom seulement\u00a0: Joséphine").check()
    interviewee.get_by_role("button", name="Enregistrer ma réponse").click()
    says(interviewee, "Votre réponse est enregistrée.")
    interviewee.screenshot(path=screens / "story-2-consent-phone.png", full_page=False)
    assert interviewee.evaluate("document.documentElement.scrollWidth") <= 390
    problems |= audited(browser, live_app, private, axe_source)

    # 4. Alice uploads the episode and its transcript, then submits.
    author.goto(follow_url)
    expect(author.locator("main")).to_contain_text("texte, voix")
    author.get_by_role("link", name="L’épisode du podcast").click()
    author.locator("input[type=file]").set_input_files(mp3)
    author.get_by_role("button", name="Envoyer l’enregistrement").click()
    says(author, "L’enregistrement est sauvegardé.")
    author.get_by_label("Transcription (Markdown)").fill(TRANSCRIPT)
    author.get_by_role("button", name="Enregistrer la transcription").click()
    says(author, "La transcription est enregistrée.")
    episode = Episode.objects.get(story=story)
    assert episode.mime_type == "audio/mpeg"
    assert episode.size == mp3.stat().st_size
    assert (storage / episode.audio.name).is_file()
    author.goto(follow_url)
    author.get_by_role("button", name="Soumettre à la relecture").click()
    says(author, "Votre récit est soumis")

    # 5. Bob asks for a change; Alice sees it, makes it and submits again; Bob accepts and
    # publishes.
    editor = signed_in(browser, live_app, "bob@example.org", **DESKTOP)
    editor.goto(live_app + collection.review_url())
    editor.get_by_role("link", name=TITLE).click()
    editor.get_by_label("Ce qui doit changer").fill("Donnez un titre intermédiaire au récit.")
    editor.get_by_role("button", name="Demander des modifications").click()
    says(editor, "Les auteur·rices sont invité·es à modifier le récit.")
    for address in ("alice@example.org", "lea@example.org"):  # both authors are told
        assert "Donnez un titre intermédiaire" in letter_to(address).body
    author.goto(live_app + "/recits/mes-recits/")
    expect(author.locator("main")).to_contain_text("L’équipe éditoriale a demandé des changements.")
    author.get_by_role("link", name=TITLE).click()
    expect(author.locator("main")).to_contain_text("Donnez un titre intermédiaire au récit.")
    author.get_by_role("link", name="Écrire", exact=True).click()
    body = author.get_by_label("Texte (Markdown)")
    body.fill("## L’atelier du samedi\n\n" + body.input_value())
    author.get_by_role("button", name="Enregistrer", exact=True).click()
    says(author, "Enregistré.")
    author.goto(follow_url)
    author.get_by_role("button", name="Soumettre à la relecture").click()
    says(author, "Votre récit est soumis")
    editor.reload()
    editor.get_by_role("button", name="Accepter").click()
    says(editor, "Le récit est accepté.")
    editor.get_by_role("button", name="Publier").click()
    says(editor, "Le récit est publié.")

    # 6. The story and its episode are on the collection's page and in the podcast feed.
    reader = visitor(browser, live_app, collection.get_absolute_url())
    card = reader.locator("li.card").filter(has_text=TITLE)
    expect(card).to_contain_text("Portrait de Joséphine")
    expect(card).not_to_contain_text("Martin")
    expect(card.locator(".badge")).to_have_text("🎧 épisode")
    card.get_by_role("link", name=TITLE).click()
    expect(reader.get_by_role("heading", name="L’atelier du samedi")).to_be_visible()
    audio = reader.locator("audio")
    expect(audio).to_have_attribute("preload", "none")
    expect(reader.locator("#transcription + *")).to_contain_text("personne ne venait")
    reader.locator("#episode").scroll_into_view_if_needed()
    reader.screenshot(path=screens / "story-3-published-phone.png", full_page=False)
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    story_url = reader.url
    problems |= audited(browser, live_app, story.get_absolute_url(), axe_source)
    heard = reader.request.get(live_app + story.audio_url())
    assert heard.status == 200
    assert len(heard.body()) == episode.size
    (item,) = podcast_items(live_app, collection)
    assert item.title == TITLE
    (enclosure,) = item.enclosures
    assert int(enclosure.length) == episode.size
    assert enclosure.type == "audio/mpeg"
    assert enclosure.href.endswith(story.audio_url())

    # 7. Bob builds the anthology's EPUB, downloads it, and epubcheck accepts it.
    checker = epubcheck_or_skip()
    editor.goto(live_app + collection.manage_url())
    editor.get_by_role("link", name="Recueils").first.click()
    editor.get_by_label("Titre").fill("Récits de la transition, volume 1")
    editor.get_by_label("Introduction").fill("Un premier **portrait**.")
    editor.get_by_role("button", name="Créer le recueil").click()
    says(editor, "Le recueil est créé")
    editor.get_by_label("Récit à ajouter").select_option(label=f"{TITLE} — Joséphine")
    editor.get_by_role("button", name="Ajouter le récit").click()
    says(editor, "Le récit est ajouté à la fin.")
    path = editor.url.removeprefix(live_app).split("#")[0]
    problems |= audited(browser, live_app, path, axe_source, "bob@example.org")
    editor.get_by_role("button", name="Fabriquer l’EPUB").click()
    says(editor, "L’export est en cours de fabrication")
    # The worker built it (at once in tests, after the request's commit): it is ready.
    expect(editor.get_by_role("region", name="Exports")).to_contain_text("Prêt")
    with editor.expect_download() as download:
        editor.get_by_role("link", name=re.compile(r"^Télécharger \(EPUB")).click()
    book = tmp_path / download.value.suggested_filename
    download.value.save_as(book)
    assert book.suffix == ".epub"
    result = subprocess.run([*checker, str(book)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors or warnings detected" in result.stdout + result.stderr

    # 8. Joséphine withdraws her consent through her link: the story leaves the page and the
    # feed, and its audio file leaves storage.
    audio_file = storage / Episode.objects.get(story=story).audio.name
    mail.outbox.clear()
    interviewee.goto(live_app + private)
    interviewee.get_by_role("link", name="Retirer mon consentement").click()
    interviewee.get_by_role("button", name="Oui, retirer mon consentement").click()
    says(interviewee, "Votre consentement est retiré.")
    told = sorted(address for letter in mail.outbox for address in letter.to)
    assert told == ["alice@example.org", "bob@example.org", "lea@example.org"]
    interviewee.screenshot(path=screens / "story-4-withdrawn-phone.png", full_page=False)
    reader.goto(live_app + collection.get_absolute_url())
    expect(reader.locator("main")).not_to_contain_text(TITLE)
    gone = reader.goto(story_url)
    assert gone.status == 404
    assert podcast_items(live_app, collection) == []
    assert not audio_file.exists()
    assert not list((storage / "stories" / "audio").glob("*"))
    assert problems == {path: [] for path in problems}
    for page in (author, partner, interviewee, editor, reader):
        page.context.close()
