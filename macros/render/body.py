"""The free Markdown body of an SOP: rendered, then sanitised.

The body is content, never a template: it is converted here with Python-Markdown
and cleaned with nh3 (no scripts, event handlers, styles or `javascript:` links),
and the result is placed in the page after MkDocs' own Markdown pass.
"""

from __future__ import annotations

import markdown
import nh3

_EXTENSIONS = ["tables", "sane_lists", "fenced_code", "def_list"]
_TAGS = nh3.ALLOWED_TAGS - {"img"} | {"table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd"}


def render_body(text: str) -> str:
    """Markdown to safe HTML; '' for an empty body. Braces are entity-escaped."""
    if not text.strip():
        return ""
    html = markdown.markdown(text, extensions=_EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )
    return clean.replace("{", "&#123;").replace("}", "&#125;")
