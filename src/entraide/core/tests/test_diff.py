"""The word-level diff of two texts (an amendment, a story's versions): insertions and
deletions marked for everyone (a word a screen reader announces, visible brackets), and the
text escaped."""

from django.utils import translation

from entraide.core.diff import changed, diff_html, tokens


def test_identical_texts_have_no_change():
    text = "Le numérique est politique.\n\nNos données sont *ailleurs*."
    html = diff_html(text, text)
    assert "<ins>" not in html
    assert "<del>" not in html
    assert html == "Le numérique est politique.\n\nNos données sont *ailleurs*."
    assert not changed(text, text)


def test_a_replaced_word_is_removed_then_added():
    with translation.override("fr"):
        html = diff_html("Le numérique est politique.", "Le numérique est collectif.")
    assert html.startswith("Le numérique est <del>")
    assert '<span class="visually-hidden">supprimé\u00a0: </span>' in html
    assert "politique</span>" not in html
    assert ">politique<" in html
    assert ">collectif<" in html
    assert html.index("politique") < html.index("collectif")
    assert '<span class="visually-hidden">ajouté\u00a0: </span>' in html
    assert html.endswith(".")
    assert html.count("<del>") == 1
    assert html.count("<ins>") == 1


def test_markers_are_visible_without_colour():
    html = diff_html("un deux", "un trois")
    assert "[−" in html
    assert "−]" in html
    assert "[+" in html
    assert "+]" in html


def test_script_in_the_text_is_escaped():
    html = diff_html("Bonjour", "Bonjour <script>alert(1)</script> & co")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; co" in html


def test_markdown_is_diffed_as_source():
    html = diff_html("Un **mot** fort.", "Un *mot* fort.")
    assert "<strong>" not in html
    assert "<em>" not in html
    # one star taken out on each side of the word, nothing added: the Markdown marks are text
    assert html.count("<del>") == 2
    assert "<ins>" not in html
    assert html.startswith("Un *<del>")
    assert html.endswith("</del>* fort.")


def test_tokens_keep_words_whitespace_and_punctuation():
    assert tokens("l’outil, demain !") == ["l’outil", ",", " ", "demain", " ", "!"]
    assert "".join(tokens("a\n\n- b")) == "a\n\n- b"
