"""The portal as the MkDocs edges see it: loaded sources, generated page sources,
and the rendered parts waiting to be placed in pages.

Plain Python. The hook (`hooks.py`) and the macros module (`__init__.py`) share one
`PortalSite`: the hook loads it before any page is read, macros render through it.

Rendered HTML never passes through Markdown or a template: a macro returns a
placeholder, and the hook swaps the HTML in after Markdown has run, so no Markdown
extension or Jinja pass can reinterpret SOP text.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path

from markupsafe import Markup

from .dates import Tanggal
from .errors import Problem
from .history import last_changes
from .index import Portal, Unit, load_portal, sop_url
from .loader import SopRecord
from .model import SOP_ID
from .relations import referenced
from .render import render_template, text_html
from .render.guide import render_key_table
from .render.katalog import render_katalog, tags_front_matter
from .render.print_parts import PrintSettings, render_cetak
from .render.relmap import render_relmap
from .render.sop import (
    render_header,
    render_identitas,
    render_prosedur,
    render_relasi,
    render_uraian,
)

SOP_DIR = "sop"
_PLACEHOLDER = re.compile(r'<div data-portal-part="(\d+)"></div>')


def root_of(page_url: str) -> str:
    """The relative path from a page to the site root: 'sop/a/b/' -> '../../../'."""
    return "../" * page_url.count("/")


def sop_src_uri(sop_id: str) -> str:
    return f"{SOP_DIR}/{sop_id}.md"


def unit_src_uri(unit: Unit) -> str:
    return f"{unit.url}index.md"


class PortalSite:
    def __init__(self, project: Path, src_dir: str = "sop_src") -> None:
        self.project = project
        self.src_dir = src_dir
        self.portal: Portal | None = None
        self._parts: dict[str, str] = {}
        self._counter = itertools.count(1)
        self.pages: dict[str, SopRecord | Unit] = {}  # generated src_uri -> what it shows
        self.broken: dict[str, list[Problem]] = {}  # src_uri of an invalid SOP -> its problems
        self.print = PrintSettings()  # paper, public address (QR code), PDF links: set by the hook
        self.changes: dict[str, date] = {}  # source path -> last commit date
        self._ahead: _Ahead | None = None
        self._built: dict[str, str] = {}  # SOP page src_uri -> fingerprint, as last built
        self._current: dict[str, str] = {}  # ... as this build will make it
        self._context = ("", "")  # (last built, this build): see fingerprint_pages

    # -- loading -------------------------------------------------------------

    def load(self, lenient: bool = False) -> Portal:
        """Load and validate every SOP (raises SourceErrors unless `lenient`); index the
        generated pages. Leniently (the preview server), an invalid SOP gets an error
        page at its own address instead of failing the build."""
        self.portal = load_portal(self.project, self.src_dir, lenient)
        self.changes = last_changes(self.project, self.src_dir)
        self._parts.clear()
        self.pages = {sop_src_uri(r.id): r for r in self.portal.records}
        self.pages.update({unit_src_uri(u): u for u in self.portal.units})
        self.broken = {}
        for problem in self.portal.errors:
            sop_id = problem.file.removeprefix(f"{self.src_dir}/").removesuffix(".md")
            if problem.file.endswith(".md") and SOP_ID.match(sop_id):
                self.broken.setdefault(sop_src_uri(sop_id), []).append(problem)
        return self.portal

    def error_page(self, src_uri: str, page_url: str) -> str:
        """The preview's page for an invalid SOP: its problems, and those of the unit
        files above it."""
        own = self.broken[src_uri]
        folder = own[0].file.rsplit("/", 1)[0]
        units = [
            p
            for p in self.loaded.errors
            if p.file.endswith("_unit.yml") and folder.startswith(p.file.rsplit("/", 1)[0])
        ]
        return self._stash(
            render_template(
                "error_page.html",
                file=own[0].file,
                problems=own + units,
                total=len(self.loaded.errors),
                root=root_of(page_url),
            )
        )

    @property
    def loaded(self) -> Portal:
        if self.portal is None:
            raise RuntimeError("portal not loaded")
        return self.portal

    # -- generated page sources ---------------------------------------------

    def page_source(self, src_uri: str) -> str:
        """The Markdown of a generated page: fixed headings and macro calls by id only."""
        if src_uri in self.broken:
            return f'{{{{ sop_galat("{src_uri}") }}}}\n'
        item = self.pages[src_uri]
        if isinstance(item, Unit):
            return f'{{{{ unit_page("{item.slug}") }}}}\n'
        parts = [
            f'{{{{ sop_kepala("{item.id}") }}}}',
            f'{{{{ sop_cetak("{item.id}") }}}}',
            "## Identitas SOP",
            f'{{{{ sop_identitas("{item.id}") }}}}',
            "## Prosedur",
            f'{{{{ sop_prosedur("{item.id}") }}}}',
        ]
        if item.body.strip():
            parts += ["## Uraian", f'{{{{ sop_uraian("{item.id}") }}}}']
        parts += ["## SOP Terkait", f'{{{{ sop_relasi("{item.id}") }}}}']
        # The official table needs the width: no navigation or table of contents on
        # SOP pages. Categories (kategori) are tags for Material's tags plugin.
        front = "hide:\n  - navigation\n  - toc\n" + tags_front_matter(item)
        return f"---\n{front}---\n\n" + "\n\n".join(parts) + "\n"

    def last_change(self, src_uri: str) -> str | None:
        """The Indonesian date of the last commit to a generated SOP page's source."""
        record = self.pages.get(src_uri)
        when = self.changes.get(record.src) if isinstance(record, SopRecord) else None
        return Tanggal(when.year, when.month, when.day).long() if when else None

    def generated(self) -> list[str]:
        """Every generated page: SOP pages, unit pages, and (preview only) error pages."""
        return [*self.pages, *self.broken]

    def page_title(self, src_uri: str) -> str | None:
        """The title of a generated page, as safe HTML text (MkDocs themes do not escape)."""
        if src_uri in self.broken:
            return "Galat: " + str(text_html(self.broken[src_uri][0].file))
        item = self.pages.get(src_uri)
        if item is None:
            return None
        return str(text_html(item.unit if isinstance(item, Unit) else item.sop.nama))

    def nav_units(self) -> list[dict[str, list[dict[str, str]]]]:
        """Navigation entries for the unit pages, grouped by instansi (titles escaped)."""
        return [
            {str(text_html(instansi)): [{str(text_html(u.unit)): unit_src_uri(u)} for u in units]}
            for instansi, units in self.loaded.instansi()
        ]

    # -- parts rendered by macros -------------------------------------------

    def _stash(self, html: str) -> str:
        key = str(next(self._counter))
        self._parts[key] = html
        return f'\n\n<div data-portal-part="{key}"></div>\n\n'

    def fill(self, html: str) -> str:
        """Swap the rendered parts into a page's HTML (after Markdown)."""
        return _PLACEHOLDER.sub(lambda m: self._parts.pop(m.group(1), ""), html)

    def sop_part(self, part: str, sop_id: str, page_url: str) -> str:
        key = (part, sop_id, root_of(page_url))
        html = self._ahead.take(key) if self._ahead is not None else None
        return self._stash(self.render_part(*key) if html is None else html)

    def render_part(self, part: str, sop_id: str, root: str) -> str:
        """One part of an SOP page (a page's `root`: see `root_of`)."""
        portal = self.loaded
        record = portal.get(sop_id)
        renderers: dict[str, Callable[[], str]] = {
            "kepala": lambda: render_header(portal, record, root),
            "identitas": lambda: render_identitas(portal, record, root),
            "prosedur": lambda: render_prosedur(portal, record, root, self.print.kertas),
            "cetak": lambda: render_cetak(record, root, self.print),
            "uraian": lambda: render_uraian(record),
            "relasi": lambda: render_relasi(portal, record, root),
        }
        return renderers[part]()

    # -- incremental preview ---------------------------------------------------

    def fingerprint_pages(self, context: str) -> None:
        """Fingerprint every SOP page from what it shows: the SOP as validated (unit
        defaults merged), its unit, the SOPs it refers to and that refer to it, its last
        change, the print settings and `context` (what every page shows: the caller's
        configuration and navigation); a unit page from its SOPs' pages. `changed`
        compares with the last `built`."""
        portal = self.loaded
        dumps = {r.id: _digest(r.sop.model_dump_json(), r.body, r.src) for r in portal.records}
        common = _digest(context, repr(self.print))
        self._context = (self._context[0], common)
        current = {}
        for src_uri, item in self.pages.items():
            if not isinstance(item, SopRecord):
                continue
            unit = portal.unit_of[item.id]
            incoming = [(link.id, link.jenis) for link in portal.backlinks.get(item.id, [])]
            neighbours = referenced(item) | {i for i, _ in incoming}
            current[src_uri] = _digest(
                common,
                dumps[item.id],
                json.dumps([unit.instansi, unit.unit, unit.slug]),
                json.dumps(sorted((i, dumps.get(i, "")) for i in neighbours)),
                json.dumps(incoming),
                str(self.changes.get(item.src)),
            )
        for unit in portal.units:
            own = [current[sop_src_uri(r.id)] for r in unit.records]
            current[unit_src_uri(unit)] = _digest(
                common, json.dumps([unit.instansi, unit.unit, unit.slug, own])
            )
        self._current = current

    def changed(self, src_uri: str) -> bool:
        """Whether a generated page must be written again: a page whose fingerprint
        differs from the last build's; always an error page."""
        current = self._current.get(src_uri)
        return current is None or self._built.get(src_uri) != current

    @property
    def context_changed(self) -> bool:
        """Whether what every page shows changed since the last build (then every page,
        generated or not, must be written again)."""
        return self._context[0] != self._context[1]

    def gone(self) -> list[str]:
        """Generated pages of the last build that this one no longer has (an SOP renamed
        or deleted): a dirty preview must remove what was written for them."""
        return sorted(set(self._built) - set(self._current) - set(self.broken))

    def built(self) -> None:
        """The build finished: its pages are now what `changed` compares with."""
        self._built = dict(self._current)
        self._context = (self._context[1], self._context[1])

    # -- rendering ahead, in parallel ----------------------------------------

    def render_ahead(self, page_urls: dict[str, str], workers: int) -> bool:
        """Start rendering the parts of SOP pages (sop id -> page URL, in the order the
        pages will be read) in `workers` worker processes, so that a build uses every
        core while MkDocs, which is single-threaded, reads and writes pages; `sop_part`
        then takes a part from them (waiting if need be) instead of rendering it. The
        output is the same as rendering in order: parts depend only on the loaded
        portal, which the workers inherit (they are forked: only on Linux and while this
        process has a single thread, so never inside a running preview server).
        Returns whether workers were started."""
        self.stop_ahead()
        # Forking is safe on Linux in a process with one thread; macOS' system libraries
        # are not fork-safe (Python does not fork there by default) and Windows cannot.
        forkable = sys.platform.startswith("linux") and threading.active_count() == 1
        if workers < 2 or not forkable:
            return False
        keys = [(part, sop_id, root_of(url)) for sop_id, url in page_urls.items() for part in SOP_PARTS]
        self._ahead = _Ahead(self, keys, workers)
        return True

    def stop_ahead(self) -> None:
        """Stop the workers of `render_ahead` (at the end of a build, or when it fails)."""
        if self._ahead is not None:
            self._ahead.stop()
            self._ahead = None

    def unit_page(self, slug: str, page_url: str) -> str:
        unit = next(u for u in self.loaded.units if u.slug == slug)
        counts = {
            s: sum(1 for r in unit.records if r.sop.status == s) for s in ("berlaku", "konsep", "dicabut")
        }
        root = root_of(page_url)
        relmap = Markup(render_relmap(self.loaded, unit, root))
        book = f"{root}pdf/unit/{unit.slug}.pdf" if self.print.pdf else None  # written by `make pdf`
        return self._stash(
            render_template("unit.html", unit=unit, root=root, counts=counts, relmap=relmap, book_url=book)
        )

    def catalog(self, page_url: str) -> str:
        return self._stash(render_katalog(self.loaded, root_of(page_url)))

    def recent(self, count: int, page_url: str) -> str:
        portal = self.loaded
        return self._stash(
            render_template(
                "recent.html", records=portal.recent(count), root=root_of(page_url), portal=portal
            )
        )

    def key_table(self, which: str) -> str:
        return self._stash(render_key_table(which))

    def stats(self) -> str:
        return self._stash(render_template("stats.html", counts=self.loaded.counts()))


SOP_PARTS = ("kepala", "cetak", "identitas", "prosedur", "uraian", "relasi")  # as a page calls them
_Key = tuple[str, str, str]  # (part, sop id, root)
_WORKER_SITE: PortalSite | None = None  # what a forked worker renders from


def _render_batch(keys: list[_Key]) -> dict[_Key, str]:
    """The parts a worker renders. A part that fails is left out: the build renders it
    again in order, so the error names the page it belongs to."""
    assert _WORKER_SITE is not None
    out = {}
    for key in keys:
        try:
            out[key] = _WORKER_SITE.render_part(*key)
        except Exception:
            continue
    return out


class _Ahead:
    """Parts rendered by worker processes, in batches of a few pages, in page order.
    Only a few batches are handed out ahead of the page MkDocs is reading, so that
    rendered parts never pile up in memory when the workers are faster."""

    BATCH = 16  # pages per task: small enough to keep the workers busy to the end
    AHEAD = 4  # batches handed out per worker beyond the one being read

    def __init__(self, site: PortalSite, keys: list[_Key], workers: int) -> None:
        global _WORKER_SITE
        _WORKER_SITE = site  # inherited by the forked workers
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        self.batches = list(_batches(keys, self.BATCH * len(SOP_PARTS)))
        self.batch_of = {key: i for i, batch in enumerate(self.batches) for key in batch}
        self.futures: dict[int, Future[dict[_Key, str]]] = {}
        self.next = 0  # the next batch to hand out
        self.window = self.AHEAD * workers
        self.done: dict[_Key, str] = {}
        self.broken = False  # a worker died: the caller renders everything from then on
        self._hand_out(self.window)

    def _hand_out(self, upto: int) -> None:
        while not self.broken and self.next < min(upto, len(self.batches)):
            try:
                self.futures[self.next] = self.pool.submit(_render_batch, self.batches[self.next])
            except BrokenProcessPool:
                self.broken = True
                return
            self.next += 1

    def take(self, key: _Key) -> str | None:
        """The rendered part, or None if it was not asked for (or a worker died: the
        caller renders it then)."""
        if key not in self.done:
            index = self.batch_of.pop(key, None)
            if index is None or self.broken:
                return None
            self._hand_out(index + 1)
            future = self.futures.pop(index, None)
            if future is None:
                return None
            try:
                self.done.update(future.result())
            except BrokenProcessPool:
                self.broken = True
                return None
            self._hand_out(index + 1 + self.window)
        return self.done.pop(key, None)

    def stop(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _batches(items: list[_Key], size: int) -> Iterable[list[_Key]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def workers() -> int:
    """How many processes render ahead: `PORTAL_SOP_PROSES`, else the usable cores."""
    value = os.environ.get("PORTAL_SOP_PROSES", "").strip()
    if value.isdigit():
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_SITES: dict[Path, PortalSite] = {}


def site_for(project: Path) -> PortalSite:
    """The one PortalSite of a project (shared by the hook and the macros module)."""
    key = project.resolve()
    if key not in _SITES:
        _SITES[key] = PortalSite(key)
    return _SITES[key]


def stop_all_ahead() -> None:
    """Stop every site's workers (a build failed: MkDocs tells no project)."""
    for site in _SITES.values():
        site.stop_ahead()


__all__ = ["SOP_PARTS", "PortalSite", "root_of", "site_for", "sop_url", "stop_all_ahead", "workers"]
