"""Shared by the survey benchmarks: a published survey of `questions` questions (choices,
scales, numbers, yes/no, a text) with `responses` responses, seeded with bulk_create, then its
tallies counted from them."""

import random

from django.utils import timezone

KINDS = ["choix-unique", "choix-multiples", "echelle", "nombre", "oui-non"]


def seed_survey(slug, *, questions, responses, texts=1, batch=2_000):
    from entraide.places.models import Place, PlaceKind, Region
    from entraide.surveys.models import (
        Answer,
        Choice,
        Question,
        Response,
        ResultsWhen,
        Section,
        Survey,
    )
    from entraide.surveys.services.tallies import recount

    place = Place.objects.create(
        name=f"Lieu {slug}", slug=f"lieu-{slug}", kind=PlaceKind.THIRD_PLACE,
        region=Region.OCCITANIE, city="Ville", summary="Un lieu.",
    )  # fmt: skip
    survey = Survey.objects.create(
        place=place, title=f"Enquête {slug}", slug=slug, published_at=timezone.now(),
        results_when=ResultsWhen.WHILE_OPEN,
    )  # fmt: skip
    section = Section.objects.create(survey=survey, position=0)
    made = []
    for n in range(questions):
        kind = "texte-court" if n >= questions - texts else KINDS[n % len(KINDS)]
        question = Question.objects.create(
            survey=survey, section=section, position=n, kind=kind, text=f"Question {n + 1}",
            results_public=kind != "texte-court",
            **({"scale_min": 1, "scale_max": 5} if kind == "echelle" else {}),
        )  # fmt: skip
        labels = {"choix-unique": 4, "choix-multiples": 5, "oui-non": 2}.get(kind, 0)
        choices = Choice.objects.bulk_create(
            Choice(question=question, label=f"Choix {c + 1}", position=c) for c in range(labels)
        )
        if not choices or choices[0].pk is None:
            choices = list(question.choices.order_by("position"))
        made.append((question, choices))
    rng = random.Random(slug)  # noqa: S311 (bench data)
    done = 0
    while done < responses:
        size = min(batch, responses - done)
        Response.objects.bulk_create(Response(survey=survey) for _ in range(size))
        fresh = list(survey.responses.order_by("-pk").values_list("pk", flat=True)[:size])
        answers = []
        for response_id in fresh:
            for question, choices in made:
                if question.kind == "choix-multiples":
                    for choice in rng.sample(choices, 2):
                        answers.append(
                            Answer(response_id=response_id, question=question, choice=choice)
                        )
                elif choices:
                    choice = choices[min(int(rng.expovariate(1.2)), len(choices) - 1)]
                    answers.append(
                        Answer(response_id=response_id, question=question, choice=choice)
                    )
                elif question.kind == "echelle":
                    answers.append(
                        Answer(response_id=response_id, question=question, number=rng.randint(1, 5))
                    )
                elif question.kind == "nombre":
                    answers.append(
                        Answer(
                            response_id=response_id, question=question, number=rng.randint(0, 40)
                        )
                    )
                elif rng.random() < 0.3:
                    answers.append(
                        Answer(response_id=response_id, question=question, text="Un avis.")
                    )
        Answer.objects.bulk_create(answers, batch_size=batch * 4)
        done += size
    recount(survey)
    return survey, made
