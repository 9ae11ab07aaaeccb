"""The Word reader: .docx -> PDF with LibreOffice (headless) -> the PDF reader.

Word anchors its floating shapes (the flowchart's symbols and arrows) to paragraphs
with offsets and does not store row heights, so the table's geometry exists only
once the document is laid out. LibreOffice lays it out and prints it to PDF; the PDF
reader then reads it like any other. Without `soffice` the import stops with a
message naming the Debian package to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from . import UnreadableDocument
from .draft import Draft
from .pdf import read_pdf

SOFFICE_NAMES = ("soffice", "libreoffice")
DEBIAN_PACKAGE = "libreoffice-writer-nogui"
TIMEOUT = 180  # seconds for one conversion


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(path: Path, soffice: str, folder: Path) -> Path:
    """Print a Word document to PDF in `folder` with LibreOffice; returns the PDF's path."""
    profile = folder / "profil"  # a private profile: never touches the user's LibreOffice
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(path.resolve()),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UnreadableDocument(
            f"{path.name}: LibreOffice gagal mengubah berkas Word ke PDF ({type(exc).__name__})"
        ) from None
    pdf = folder / f"{path.stem}.pdf"
    if not pdf.is_file():
        raise UnreadableDocument(
            f"{path.name}: LibreOffice tidak dapat mengubah berkas Word ini ke PDF "
            "(berkas rusak atau bukan .docx?)"
        )
    return pdf


def read_docx(path: Path) -> Draft:
    soffice = find_soffice()
    if soffice is None:
        raise UnreadableDocument(
            f"{path.name}: berkas Word diimpor lewat PDF dengan LibreOffice, tetapi perintah "
            f"'soffice' tidak ditemukan. Pasang paket Debian {DEBIAN_PACKAGE} "
            f"(sudo apt-get install {DEBIAN_PACKAGE}), atau simpan dokumen sebagai PDF dari Word "
            "lalu impor PDF-nya."
        )
    with tempfile.TemporaryDirectory(prefix="impor-docx-") as scratch:
        pdf = convert_to_pdf(path, soffice, Path(scratch))
        draft = read_pdf(pdf)
        draft.pdf = pdf.read_bytes()
    draft.source = path.name
    return draft
