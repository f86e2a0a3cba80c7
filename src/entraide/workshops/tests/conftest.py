import re

import pytest

from tests.factories import SeriesFactory, WorkshopFactory


@pytest.fixture
def workshop(place):
    return WorkshopFactory(place=place, title="Le numérique est politique", capacity=2)


@pytest.fixture
def series(place):
    series = SeriesFactory(place=place, title="Vers un manifeste", whole_series_preferred=True)
    for n in (1, 2, 3):
        WorkshopFactory(place=place, series=series, position=n, title=f"Atelier {n}", capacity=2)
    return series


def private_link(message):
    """The path of the private link in a mail."""
    return re.search(r"https?://[^/\s]+(/ateliers/inscription/[\w-]+/)", message.body).group(1)


def token_of(message):
    return private_link(message).rstrip("/").rsplit("/", 1)[1]
