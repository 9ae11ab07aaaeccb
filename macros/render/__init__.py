"""Renderers: one module per output, all fed by the validated model.

HTML comes from autoescaped Jinja templates in `macros/templates/`. Nothing here
knows about MkDocs; a renderer gets the portal, the record and `root`, the relative
path from the page being written to the site root (so links work offline and under
any base URL).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..dates import Tanggal
from ..index import JENIS_LABEL, sop_url
from ..periode import MONITORING_SETIAP

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def text_html(value: object) -> Markup:
    """Plain text as HTML: escaped, braces too (so no later template pass sees Jinja),
    line breaks kept as <br>."""
    escaped = str(escape(str(value))).replace("{", "&#123;").replace("}", "&#125;")
    return Markup("<br>".join(escaped.splitlines()) if "\n" in escaped else escaped)


def tanggal(value: Tanggal | None) -> str:
    return value.long() if value is not None else "-"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )
    env.filters["t"] = text_html
    env.filters["tanggal"] = tanggal
    env.globals["sop_url"] = sop_url
    env.globals["JENIS_LABEL"] = JENIS_LABEL
    env.globals["STATUS_LABEL"] = STATUS_LABEL
    env.globals["MONITORING_SETIAP"] = MONITORING_SETIAP
    return env


STATUS_LABEL = {"berlaku": "Berlaku", "konsep": "Konsep", "dicabut": "Dicabut"}

_ENV = _environment()


def render_template(name: str, **context: Any) -> str:
    """Render one template of `macros/templates/` to an HTML string."""
    return _ENV.get_template(name).render(**context)
