"""The anthology of 50 stories of about 1 500 words each (Markdown with emphasis, a list and
a quotation; a photo for one story in five): how long the background worker takes to build
the EPUB and the PDF, the size of each file, and the printable page through its view.

.venv/bin/python bench/stories_anthology.py   (ANTHOLOGY_OUT=/tmp/r writes r.epub and r.pdf)

A build of more than a few seconds is why exports are made by the worker (django-tasks), with
their progress shown on the anthology's page, and never in the editor's request."""

import atexit
import io
import os
import shutil
import statistics
import time

from _setup import prepare

data_dir = prepare()
atexit.register(shutil.rmtree, data_dir, ignore_errors=True)

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

from entraide.accounts.models import User  # noqa: E402
from entraide.places.models import Membership, Place  # noqa: E402
from entraide.stories.models import (  # noqa: E402
    DEFAULT_CONSENT,
    DEFAULT_GUIDE,
    AnthologyExport,
    Author,
    Collection,
    ConsentForm,
    Story,
)
from entraide.stories.services import anthology as services  # noqa: E402

STORIES, PHOTO_EVERY, FEW_SECONDS = 50, 5, 3.0
PARAGRAPH = (
    "Elle a quitté son poste pour fonder un lieu où l’on répare, où l’on apprend et où l’on "
    "se parle. **Ce n’était pas un sacrifice**, dit-elle, *c’était une évidence* : la sobriété "
    "n’est pas un manque, c’est une autre façon d’habiter le temps. Nous avons parlé longtemps "
    "de ses rêves, des silences aussi, et de ce qu’elle voudrait transmettre. "
)  # about 75 words


def body():
    parts = []
    for n in range(24):  # 24 paragraphs of ~60 words, lists, quotations: ~1 500 words
        parts.append(PARAGRAPH)
        if n % 6 == 2:
            parts.append("- réparer\n- partager\n- transmettre")
        if n % 7 == 4:
            parts.append("> « On ne change pas le monde seule, on le change ensemble. »")
    return "\n\n".join(parts)


def photo(n):
    out = io.BytesIO()
    Image.radial_gradient("L").resize((1200, 800)).convert("RGB").save(out, "JPEG", quality=85)
    return default_storage.save(f"stories/photos/bench-{n}.jpg", ContentFile(out.getvalue()))


def scene():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the PDF reads the CSS
    editor = User.objects.create_user(email="editeur@example.org", display_name="Camille")
    author = User.objects.create_user(email="autrice@example.org", display_name="Léa Moreau")
    place = Place.objects.create(name="Université Paul-Valéry", slug="upv", kind="universite",
                                 region="occitanie", city="Montpellier")  # fmt: skip
    Membership.objects.create(place=place, user=editor)
    collection = Collection.objects.create(
        place=place, title="Récits de la transition", slug="recits", code="BENCH234",
        interview_guide=str(DEFAULT_GUIDE), published_at=timezone.now(),
    )  # fmt: skip
    ConsentForm.objects.create(collection=collection, version=1, text=str(DEFAULT_CONSENT))
    text = body()
    anthology = services.create_anthology(
        collection, title="Récits de la transition, 2026", introduction=PARAGRAPH * 3
    )
    for n in range(STORIES):
        story = Story(
            collection=collection, title=f"Portrait {n + 1} : une vie en transition",
            slug=f"portrait-{n}", body=text, words=len(text.split()),
            interviewee_name=f"Personne {n} Interviewée", state=Story.State.PUBLISHED,
            published_at=timezone.now(), consented_text=True, consented_photo=True,
        )  # fmt: skip
        if n % PHOTO_EVERY == 0:
            story.photo, story.photo_alt = photo(n), f"Portrait photographique numéro {n}"
        story.save()
        Author.objects.create(story=story, user=author, accepted_at=timezone.now())
        services.add_story(anthology, story.pk)
    return editor, anthology, len(text.split())


def build(anthology, editor, format):
    export = AnthologyExport.objects.create(anthology=anthology, format=format, requested_by=editor)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        status = services.run_build(export.pk)  # what the worker runs
    seconds = time.perf_counter() - started
    export.refresh_from_db()
    if status != AnthologyExport.Status.DONE:
        raise SystemExit(f"the {format} build failed: {export.error}")
    return export, seconds, len(captured)


def main():
    editor, anthology, words = scene()
    photos = len(range(0, STORIES, PHOTO_EVERY))
    print(f"Anthology of {STORIES} stories of {words} words each, {photos} with a photo")
    slow = []
    for format in ("epub", "pdf"):
        export, seconds, queries = build(anthology, editor, format)
        print(
            f"  {format.upper()}: built in {seconds:.2f} s, {export.size / 1024:.0f} KiB, "
            f"{queries} SQL queries (progress written once per story)"
        )
        if seconds > FEW_SECONDS:
            slow.append(format.upper())
        if os.environ.get("ANTHOLOGY_OUT"):
            target = f"{os.environ['ANTHOLOGY_OUT']}.{format}"
            with default_storage.open(export.file.name) as stored, open(target, "wb") as out:
                out.write(stored.read())
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(editor)
    url = anthology.manage_url() + "imprimer/"
    client.get(url)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        times.append(time.perf_counter() - started)
    print(
        f"  printable page: status {response.status_code}, median of 3 "
        f"{statistics.median(times) * 1000:.0f} ms, {len(captured)} queries, "
        f"{len(response.content) / 1024:.0f} KiB of HTML"
    )
    if slow:
        print(
            f"  {', '.join(slow)} took over {FEW_SECONDS:.0f} s: that is why exports are built "
            "by the background worker, their progress shown on the anthology's page, never "
            "in the editor's request."
        )
    else:
        print(f"  each build took under {FEW_SECONDS:.0f} s; the worker builds them anyway.")


main()
