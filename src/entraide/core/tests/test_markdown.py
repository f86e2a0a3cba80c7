import pytest

from entraide.core.markdown import render_markdown
from entraide.core.models import LegalPage


def test_markdown_becomes_html_with_headings_under_the_page_title():
    html = render_markdown("# Titre\n\nDu **gras** et une [lien](https://example.org).")
    assert html == (
        "<h2>Titre</h2>\n"
        '<p>Du <strong>gras</strong> et une <a href="https://example.org" '
        'rel="nofollow noopener noreferrer">lien</a>.</p>\n'
    )


def test_raw_html_and_scripts_never_survive():
    html = render_markdown("<script>alert(1)</script><img src=x onerror=alert(1)> <b>b</b>")
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html  # shown as text, harmless


def test_javascript_links_are_not_links():
    html = render_markdown("[clic](javascript:alert(1)) et <javascript:alert(2)>")
    assert "<a" not in html
    assert "href" not in html


# What every model whose text is Markdown gets from core.models.RendersMarkdown.


def _models_with_html_twins():
    """(model, source, html) for every field `x_html` beside a field `x`, in every app."""
    from django.apps import apps

    for model in apps.get_models():
        names = {field.name for field in model._meta.concrete_fields}
        for name in sorted(names):
            if name.endswith("_html") and name.removesuffix("_html") in names:
                yield model, name.removesuffix("_html"), name


def test_every_html_twin_of_a_markdown_field_is_rendered_by_the_shared_base():
    from entraide.core.models import RendersMarkdown

    twins = list(_models_with_html_twins())
    labels = {model._meta.label for model, _source, _html in twins}
    # The legal pages, places, polls, series and workshops (those installed).
    assert {"core.LegalPage", "places.Place"} <= labels
    for model, source, html in twins:
        assert issubclass(model, RendersMarkdown), model
        assert model.markdown_fields.get(source) == html, model


@pytest.fixture
def page(db):
    return LegalPage.objects.get(kind="mentions-legales")  # written by a migration


def test_saving_renders_the_markdown(page):
    page.body = "Du **gras**"
    page.save()
    assert page.body_html == "<p>Du <strong>gras</strong></p>\n"
    page.refresh_from_db()
    assert page.body_html == "<p>Du <strong>gras</strong></p>\n"


def test_a_save_of_the_text_alone_saves_its_html_too(page):
    page.body = "*Après*"
    page.save(update_fields=["body"])
    page.refresh_from_db()
    assert page.body_html == "<p><em>Après</em></p>\n"


def test_a_save_of_other_fields_leaves_the_text_and_its_html_alone(page, django_assert_num_queries):
    LegalPage.objects.filter(pk=page.pk).update(body="Changé ailleurs", body_html="<p>ailleurs</p>")
    page.title = "Mentions légales"
    with django_assert_num_queries(1):
        page.save(update_fields=["title"])
    page.refresh_from_db()
    assert (page.title, page.body, page.body_html) == (
        "Mentions légales",
        "Changé ailleurs",
        "<p>ailleurs</p>",
    )
