"""The review page of an import: original pages beside the portal's official table.

The imported source is loaded exactly as the portal loads it (in a scratch project),
then drawn with the portal's own renderers (identity section, procedure table with
its flowchart); the original document's pages are rendered to images with pypdfium2.
The page is one self-contained HTML file (styles inline, images as data: URLs), so
it opens offline from `.cache/impor/`.
"""

from __future__ import annotations

import base64
import io
import re
import tempfile
from pathlib import Path

import yaml
from markupsafe import Markup

from ..index import load_portal
from ..render import render_template
from ..render.sop import render_identitas, render_prosedur
from . import ImportResult

CSS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "portal-sop.css"
PAGE_SCALE = 1.4  # 100 dpi: enough to read the original's small print
MAX_PAGES = 12
_STEP = re.compile(r"^langkah\[(\d+)\]")


def page_images(pdf: Path | bytes) -> list[str]:
    """The pages of a PDF as PNG data: URLs."""
    import pypdfium2  # type: ignore[import-untyped,unused-ignore]

    document = pypdfium2.PdfDocument(pdf)
    out = []
    try:
        for index in range(min(len(document), MAX_PAGES)):
            bitmap = document[index].render(scale=PAGE_SCALE)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", optimize=True)
            out.append("data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"))
    finally:
        document.close()
    return out


def anchor_of(field: str) -> str:
    """Where a PERIKSA item is shown: its step's row, else the identity section."""
    match = _STEP.match(field)
    return f"langkah-{match.group(1)}" if match else "identitas"


def render_review(result: ImportResult, source: Path, target: str, defaults: dict[str, str]) -> str:
    """The review page's HTML for one imported document."""
    with tempfile.TemporaryDirectory(prefix="impor-") as scratch:
        root = Path(scratch)
        folder = root / "sop_src" / "impor"
        folder.mkdir(parents=True)
        if defaults:
            unit = yaml.safe_dump(dict(defaults), allow_unicode=True)
            (folder / "_unit.yml").write_text(unit, encoding="utf-8")
        (folder / f"{result.slug}.md").write_text(result.text, encoding="utf-8")
        portal = load_portal(root)
        record = portal.get(f"impor/{result.slug}")
        identitas = render_identitas(portal, record, "")
        prosedur = render_prosedur(portal, record, "")
    pages: list[str] = []
    no_pages = ""
    pdf = result.pdf if result.pdf is not None else (source if source.suffix.lower() == ".pdf" else None)
    if pdf is None:
        no_pages = (
            f"Gambar halaman tidak tersedia untuk berkas {source.suffix}: buka berkas aslinya di sampingnya."
        )
    else:
        try:
            pages = page_images(pdf)
        except Exception as exc:  # the import itself worked; the picture is a convenience
            no_pages = f"Halaman asli tidak dapat digambar ({type(exc).__name__})."
    css = CSS.read_text(encoding="utf-8") if CSS.is_file() else ""
    return render_template(
        "impor_tinjau.html",
        source=source.name,
        target=target,
        periksa=[(d.field, d.reason, anchor_of(d.field)) for d in result.periksa],
        notes=result.notes,
        pages=pages,
        no_pages=no_pages,
        identitas_html=Markup(identitas),
        prosedur_html=Markup(prosedur),
        css=Markup(css.replace("</", "<\\/")),
    )
