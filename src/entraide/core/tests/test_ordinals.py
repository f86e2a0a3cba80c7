"""A rank in a line reads as an ordinal in each language: 1ʳᵉ, 2ᵉ in French; 1st, 2nd in
English."""

import pytest
from django.utils import translation

from entraide.core.ordinals import rank


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["1ʳᵉ", "2ᵉ", "3ᵉ", "5ᵉ", "11ᵉ", "21ᵉ", "22ᵉ", "113ᵉ"]),
        ("en", ["1st", "2nd", "3rd", "5th", "11th", "21st", "22nd", "113th"]),
    ],
)
def test_ranks_read_as_ordinals_in_each_language(language, expected):
    with translation.override(language):
        assert [rank(n) for n in (1, 2, 3, 5, 11, 21, 22, 113)] == expected
