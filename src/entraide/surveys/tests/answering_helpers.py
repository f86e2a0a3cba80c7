"""Form data for the answering pages, written as a person reads the survey: question texts and
choice labels."""

from entraide.surveys.services.answering import OTHER, field_name, other_field_name

GOOD = {
    "Vous êtes…": "Étudiant·e",
    "Heures d'écran par jour": "6",
    "Quelles applications ?": ["Vidéo", "Messagerie"],
    "Dépendance ressentie": "4",
    "Souhaitez-vous réduire ?": "Oui",
    "Un mot pour le dire": "Trop",
    "Une heure de plus, vous feriez quoi ?": "Dormir.",
}


def form_data(survey, answers: dict, **extra) -> dict:
    """POST data answering `survey`: `answers` maps a question's text to a choice label, a list
    of them, or what is typed; "autre: …" chooses "Other" with its text."""
    data = {}
    for question in survey.questions.prefetch_related("choices"):
        if question.text not in answers:
            continue
        value = answers[question.text]
        if question.has_choices:
            labels = {c.label: str(c.pk) for c in question.choices.all()}
            values = []
            for label in value if isinstance(value, list) else [value]:
                if label.startswith("autre:"):
                    values.append(OTHER)
                    data[other_field_name(question)] = label.removeprefix("autre:").strip()
                else:
                    values.append(labels.get(label, label))
            data[field_name(question)] = values if question.kind == "choix-multiples" else values[0]
        else:
            data[field_name(question)] = value
    return {**data, "page": "2", "aller": "envoyer", **extra}


def field_of(survey, text) -> str:
    return field_name(survey.questions.get(text=text))
