"""Import existing SOP documents (PDF, Excel, Word) as draft SOP sources.

    result = import_file(Path("x.pdf"))   # also .xlsx, .docx
    result.text                            # the Markdown source to write

Readers turn a document into a `Draft` (draft.py); the writer turns a Draft into
source text that always passes the portal's validation, with `# PERIKSA: <why>`
comments on every doubtful line. Plain Python: never imports mkdocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .draft import Doubt, Draft


class UnreadableDocument(Exception):
    """Nothing could be read from a document; the message is Indonesian."""


@dataclass
class ImportResult:
    """What importing one document gives."""

    text: str  # the whole Markdown source to write
    slug: str  # slug of the SOP name, for the file name
    periksa: list[Doubt] = field(default_factory=list)
    langkah: int = 0
    pelaksana: int = 0
    keputusan: int = 0
    draft: Draft | None = None
    notes: list[str] = field(default_factory=list)  # whole-document messages
    pdf: bytes | None = None  # the PDF a .docx was converted to (for the review page)


def read_draft(path: Path) -> Draft:
    """Read a document into a Draft with the reader its suffix names."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    if suffix == ".xlsx":
        from .xlsx import read_xlsx  # type: ignore[import-not-found,unused-ignore]

        return read_xlsx(path)  # type: ignore[no-any-return,unused-ignore]
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx(path)
    raise UnreadableDocument(
        f"{path.name}: jenis berkas '{path.suffix or '(tanpa akhiran)'}' tidak dapat diimpor; "
        "diharapkan .pdf, .xlsx atau .docx"
    )


def import_file(path: Path, defaults: dict[str, str] | None = None) -> ImportResult:
    """Import one document; raises UnreadableDocument only when nothing can be read.

    `defaults`: instansi/unit the target folder's `_unit.yml` gives (then a letterhead
    that cannot be read is not written as a placeholder)."""
    from .writer import write_draft

    if not path.is_file():
        raise UnreadableDocument(f"{path}: berkas tidak ditemukan")
    draft = read_draft(path)
    result = write_draft(draft, defaults)
    result.pdf = draft.pdf
    return result
