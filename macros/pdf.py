"""The PDF export (`make pdf`): every SOP page of a built site printed to
`<site>/pdf/<id>.pdf`, and a book per unit, `<site>/pdf/unit/<unit slug>.pdf`.

Plain Python over Playwright (it never imports mkdocs). The built site is served on
127.0.0.1 by a local http.server in a thread and printed by the system's Chromium
(never a downloaded browser), exactly as the reader's own print dialog prints it: the
page's print stylesheet, its paper size (`@page`, `prefer_css_page_size`), its page
breaks (decided at build time), its margin boxes (QR code, "Hal. x dari y").

A unit's book is a cover with the letterhead, a table of contents (daftar isi) with the
page where each SOP starts, then every SOP of the unit (in force first, then drafts,
then revoked ones), concatenated with pypdf; every page but the cover carries the
book's page number in its top margin, and the PDF has a bookmark per SOP.

    python -m macros.pdf [--site site] [--project .] [--no-books] [--only <id> ...]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader, PdfWriter

from .dates import Tanggal
from .errors import SourceErrors, escape_controls
from .index import Portal, Unit, load_portal, sop_url
from .loader import SopRecord
from .print_layout import DEFAULT_KERTAS, Kertas, resolve_kertas
from .render import STATUS_LABEL, render_template
from .render.sop import logo_url

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = Path(os.environ.get("PORTAL_SOP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STATUS_ORDER = {"berlaku": 0, "konsep": 1, "dicabut": 2}


class ExportError(Exception):
    """The export cannot run or a page cannot be printed (message for the user)."""


def pdf_path(site: Path, sop_id: str) -> Path:
    return site / "pdf" / f"{sop_id}.pdf"


def book_path(site: Path, unit: Unit) -> Path:
    return site / "pdf" / "unit" / f"{unit.slug}.pdf"


# ----------------------------------------------------------------- serving the site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="portal-sop-pdf", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# ----------------------------------------------------------------- printing


@dataclass
class Printed:
    record: SopRecord
    path: Path
    pages: int


class Printer:
    """A headless Chromium printing pages of the served site to PDF: the system's
    Chromium, launched here, or a Playwright `Browser` the caller already runs (tests)."""

    def __init__(self, base: str, chromium: Path = CHROMIUM, browser: Browser | None = None) -> None:
        self.base = base
        self._playwright: Playwright | None = None
        if browser is None:
            if not chromium.is_file():
                raise ExportError(
                    f"Chromium tidak ditemukan di {chromium} (apt-get install chromium, "
                    "atau PORTAL_SOP_CHROMIUM=<path>)"
                )
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            try:
                browser = self._playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            except Exception:
                self._playwright.stop()
                raise
        self._browser = browser
        self._context = browser.new_context()
        # Nothing but the local site: a page asking for anything else gets nothing.
        self._context.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith(base) else route.abort(),
        )
        self.page = self._context.new_page()

    def close(self) -> None:
        self._context.close()
        if self._playwright is not None:  # the browser is ours
            self._browser.close()
            self._playwright.stop()

    def print_url(self, path: str) -> tuple[bytes, Kertas]:
        """Print a page of the site (path relative to the root); returns the PDF and the
        paper the page asked for."""
        response = self.page.goto(self.base + path, wait_until="load")
        if response is None or not response.ok:
            status = response.status if response else "tanpa jawaban"
            raise ExportError(f"halaman {path} tidak dapat dibuka ({status}): apakah situs sudah dibangun?")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        kertas = resolve_kertas(self.page.get_attribute(".sop-cetak", "data-kertas"))
        return self._pdf(), kertas

    def print_html(self, html: str) -> bytes:
        """Print an HTML document (its URLs absolute, under the served site)."""
        self.page.set_content(html, wait_until="load")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self._pdf()

    def _pdf(self) -> bytes:
        return self.page.pdf(prefer_css_page_size=True, print_background=True, tagged=True)


def export_sop(printer: Printer, site: Path, record: SopRecord) -> tuple[Printed, Kertas]:
    data, kertas = printer.print_url(sop_url(record.id))
    path = pdf_path(site, record.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return Printed(record, path, len(PdfReader(io.BytesIO(data)).pages)), kertas


# ----------------------------------------------------------------- books


@dataclass(frozen=True)
class TocEntry:
    record: SopRecord
    page: int  # the book page where the SOP starts
    status: str


def book_order(unit: Unit) -> list[SopRecord]:
    """The SOPs of a unit in its book: in force, then drafts, then revoked; by name."""
    return sorted(unit.records, key=lambda r: (STATUS_ORDER[r.sop.status], r.sop.nama.lower(), r.id))


def _front_matter(
    printer: Printer, unit: Unit, printed: Sequence[Printed], kertas: Kertas, today: date
) -> tuple[bytes, int]:
    """The cover and the table of contents, laid out until their own length is known."""
    first = unit.records[0].sop
    front_pages = 2
    for _ in range(4):
        entries, page = [], front_pages + 1
        for item in printed:
            entries.append(TocEntry(item.record, page, STATUS_LABEL[item.record.sop.status]))
            page += item.pages
        html = render_template(
            "pdf_buku.html",
            unit=unit,
            sop=first,
            logo_url=logo_url(first.logo, printer.base),
            entries=entries,
            kertas=kertas,
            total_pages=page - 1,
            tanggal=Tanggal.of(today).long(),
        )
        data = printer.print_html(html)
        count = len(PdfReader(io.BytesIO(data)).pages)
        if count == front_pages:
            return data, count
        front_pages = count
    raise ExportError(f"daftar isi buku {unit.unit} tidak stabil")  # pragma: no cover


def export_book(printer: Printer, site: Path, unit: Unit, printed: Sequence[Printed], kertas: Kertas) -> Path:
    """A unit's book: cover, table of contents, every SOP, book page numbers, bookmarks."""
    today = date.today()
    front, _ = _front_matter(printer, unit, printed, kertas, today)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    starts: list[tuple[str, int]] = []
    for item in printed:
        starts.append((item.record.sop.nama, len(writer.pages)))
        writer.append(PdfReader(item.path), import_outline=False)
    total = len(writer.pages)
    pages = range(2, total + 1)
    stamps = render_template("pdf_nomor.html", unit=unit, kertas=kertas, total=total, pages=pages)
    numbers = PdfReader(io.BytesIO(printer.print_html(stamps)))
    for index in range(1, total):
        writer.pages[index].merge_page(numbers.pages[index - 1])
    writer.add_outline_item(title="Sampul", page_number=0)
    writer.add_outline_item(title="Daftar Isi", page_number=1)
    for title, index in starts:
        writer.add_outline_item(title=title, page_number=index)
    writer.add_metadata({"/Title": f"Kumpulan SOP {unit.unit}", "/Subject": unit.instansi})
    path = book_path(site, unit)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer.write(out)
    return path


# ----------------------------------------------------------------- the whole export


@dataclass
class Export:
    sops: list[Printed]
    books: list[Path]


def export(
    site: Path,
    project: Path,
    only: Sequence[str] = (),
    books: bool = True,
    chromium: Path = CHROMIUM,
    log: bool = True,
    browser: Browser | None = None,
) -> Export:
    """Print every SOP of the built `site` (from the sources in `project`), and a book
    per unit (not with `only`)."""
    if not (site / "sop.json").is_file():
        raise ExportError(f"{site} bukan situs yang sudah dibangun (tidak ada sop.json): jalankan make build")
    portal: Portal = load_portal(project)
    wanted = set(only)
    unknown = wanted - set(portal.by_id)
    if unknown:
        raise ExportError(f"SOP tidak dikenal: {', '.join(sorted(unknown))}")
    result = Export([], [])
    with serve(site) as base:
        printer = Printer(base, chromium, browser)
        try:
            for unit in portal.units:
                records = [r for r in book_order(unit) if not wanted or r.id in wanted]
                printed: list[Printed] = []
                kertas = DEFAULT_KERTAS
                for record in records:
                    item, kertas = export_sop(printer, site, record)
                    printed.append(item)
                    if log:
                        print(f"{item.path.relative_to(site)}: {item.pages} halaman", file=sys.stderr)
                result.sops += printed
                if books and printed and not wanted:
                    path = export_book(printer, site, unit, printed, kertas)
                    result.books.append(path)
                    if log:
                        # (a unit's name may hold a newline: one line, no '::' at its start)
                        print(f"{path.relative_to(site)}: buku {escape_controls(unit.unit)}", file=sys.stderr)
        finally:
            printer.close()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--project", type=Path, default=Path("."), help="the project (sop_src/ inside)")
    parser.add_argument("--no-books", action="store_true", help="no book per unit")
    parser.add_argument("--only", nargs="*", default=(), metavar="ID", help="only these SOPs (no books)")
    args = parser.parse_args(argv)
    try:
        done = export(args.site, args.project, args.only, books=not args.no_books)
    except SourceErrors as exc:
        print(f"Sumber SOP tidak valid:\n{exc}", file=sys.stderr)
        return 1
    except ExportError as exc:
        print(f"PDF tidak dibuat: {exc}", file=sys.stderr)
        return 1
    print(f"{len(done.sops)} PDF SOP dan {len(done.books)} buku unit di {args.site / 'pdf'}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
