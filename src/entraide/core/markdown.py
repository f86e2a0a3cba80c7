"""User text is Markdown: rendered with markdown-it-py, sanitised with nh3, once on save."""

import nh3
from django.utils.translation import gettext_lazy
from markdown_it import MarkdownIt

# Beside every field whose text is Markdown.
MARKDOWN_HELP = gettext_lazy(
    "Markdown formatting: **bold**, *italics*, lists (lines starting with -), links "
    "[text](https://…). HTML is removed."
)

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}

_parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def _shift_headings(tokens):
    """A page has one <h1>, its title: user headings start at <h2>."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    return tokens


def render_markdown(text: str) -> str:
    tokens = _shift_headings(_parser.parse(text or ""))
    html = _parser.renderer.render(tokens, _parser.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
