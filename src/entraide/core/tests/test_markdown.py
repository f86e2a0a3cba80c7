from entraide.core.markdown import render_markdown


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
