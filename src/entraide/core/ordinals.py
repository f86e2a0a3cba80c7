"""A rank in a line, in the reader's language: 1st, 2nd, 23rd in English; 1ʳᵉ, 2ᵉ, 23ᵉ in
French (feminine for the first: "la 1ʳᵉ personne de la file")."""

from django.utils.translation import pgettext


def rank(number: int) -> str:
    if number == 1:
        return pgettext("rank in a line", "1st")
    if number % 100 in (11, 12, 13):
        text = pgettext("rank in a line, other", "%(n)sth")
    elif number % 10 == 1:
        text = pgettext("rank in a line ending in 1", "%(n)sst")
    elif number % 10 == 2:
        text = pgettext("rank in a line ending in 2", "%(n)snd")
    elif number % 10 == 3:
        text = pgettext("rank in a line ending in 3", "%(n)srd")
    else:
        text = pgettext("rank in a line, other", "%(n)sth")
    return text % {"n": number}
