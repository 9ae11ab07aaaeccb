"""How an SOP becomes a page: the generated pages, the macros they call, and how the
rendered HTML reaches the page. Plain Python (no mkdocs import); read it top to bottom.

1. `PortalSite.load` (called by the hook's `on_config`, before any page is read) loads
   and validates every SOP under `sop_src/` (`index.load_portal`) and registers the
   generated pages: `sop/<id>/index.md` per SOP, `katalog/<instansi>/<unit>/index.md`
   per unit, and, in the preview only, an error page at the address of an invalid SOP.
2. `PortalSite.page_source` writes each generated page's Markdown: fixed headings and
   macro calls by SOP id only (`{{ sop_prosedur("kab-malang/x") }}`), so SOP text never
   becomes template source. The hook adds these pages to MkDocs' files.
3. The hook expands a generated page's macro calls (`PortalSite.expand`; the page says
   `render_macros: false`, so mkdocs-macros does not compile it as a Jinja template);
   mkdocs-macros runs the hand-written pages in docs/. Both call the macros of
   `SopMacros`. A macro renders its part with the core renderers (`macros/render/`),
   or takes it from the workers that rendered it ahead (`ahead.py`).
4. A macro does not return its HTML: Markdown would reinterpret it. It returns a
   placeholder (`Parts.keep`), an empty <div> that Markdown passes through as raw HTML;
   after Markdown has made the page's HTML, the `PartsExtension` postprocessor puts the
   kept HTML in its place (`Parts.put_back`). A Markdown extension, not a theme hook:
   it works the same under MkDocs and ProperDocs.
5. The theme (Material) wraps the HTML in the page; the hook marks it for the search
   index and indexes the built site (`macros/search.py`).

State: one `PortalSite` per project (`site_for`). It is the one module-level mutable
value of the edge, because MkDocs' lifecycle forces it: MkDocs loads the hook module
and mkdocs-macros loads the macros module each on its own, and both must reach the
same loaded portal; the preview server keeps it between rebuilds, where the dirty
preview's fingerprints (`preview.py`) live.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from ..dates import Tanggal
from ..errors import Problem, format_problems
from ..history import last_changes
from ..index import Portal, Unit, load_portal
from ..loader import SopRecord
from ..logo import LogoError, check_logo
from ..model import SOP_ID
from ..periode import DEFAULT_SETIAP, Setiap, parse_setiap
from ..render import render_template, text_html
from ..render.guide import render_key_table
from ..render.kabar import (
    FEED,
    PAGE,
    TITLE,
    Kabar,
    PerUnit,
    by_unit,
    kabar,
    of_unit,
    render_feed,
    render_kabar_page,
    render_unit_kabar,
    unit_feed,
)
from ..render.katalog import render_katalog, render_unit, tags_front_matter
from ..render.opendata import render_csv, render_json, render_pemantauan_csv, render_pemantauan_json
from ..render.pemantauan import (
    PORTAL_PAGE,
    render_portal_pemantauan,
    render_sop_pemantauan,
    render_sop_tinjau,
    render_unit_pemantauan,
    unit_pemantauan_url,
)
from ..render.print_parts import PrintSettings, render_cetak
from ..render.riwayat import render_sop_riwayat, render_versi_document, sitemap_with_versions, versi_url
from ..render.sop import render_header, render_identitas, render_prosedur, render_relasi, render_uraian
from ..riwayat import Riwayat, build_riwayat
from ..sources import SRC_DIR, published_path, sop_id_of_file
from ..tinjau import Siklus
from . import ahead, preview

SOP_DIR = "sop"


def root_of(page_url: str) -> str:
    """The relative path from a page to the site root: 'sop/a/b/' -> '../../../'."""
    return "../" * page_url.count("/")


def sop_src_uri(sop_id: str) -> str:
    """The generated page of an SOP (its URL: sop/<id>/)."""
    return f"{SOP_DIR}/{sop_id}/index.md"


def unit_src_uri(unit: Unit) -> str:
    return f"{unit.url}index.md"


def unit_pemantauan_src_uri(unit: Unit) -> str:
    """A unit's monitoring page (<url_unit>pemantauan/)."""
    return f"{unit_pemantauan_url(unit)}index.md"


def versi_file(kode: str) -> str:
    """The verification page of a version code (v/<versi>/): a whole HTML document the
    site publishes as it is (`published_files`), not a page through the theme."""
    return f"{versi_url(kode)}index.html"


# Generated pages are not mkdocs-macros templates: their macro calls (by id, as
# `page_source` writes them) are expanded by `PortalSite.expand`, which skips compiling
# every page as a Jinja template. Hand-written pages in docs/ still go through mkdocs-macros.
RENDER = "render_macros: false\n"
CALL = re.compile(r'\{\{ (\w+)\((?:"([^"]*)")?\) \}\}')

PEMANTAUAN_SRC_URI = f"{PORTAL_PAGE}index.md"  # the portal-wide monitoring page
PEMANTAUAN_TITLE = "Pemantauan SOP"
KABAR_SRC_URI = f"{PAGE}index.md"  # the portal-wide page "Perubahan terbaru"


@dataclass(frozen=True)
class UnitPemantauan:
    """A unit's monitoring page, as a generated page shows it."""

    unit: Unit


# ---------------------------------------------------------------- kept HTML (step 4)


class Parts:
    """Rendered HTML kept away from Markdown: `keep` returns the placeholder a macro puts
    in the page, `put_back` swaps the HTML in once Markdown has run."""

    PLACEHOLDER = re.compile(r'<div data-portal-part="(\d+)"></div>')

    def __init__(self) -> None:
        self._kept: dict[str, str] = {}
        self._counter = itertools.count(1)

    def keep(self, html: str) -> str:
        key = str(next(self._counter))
        self._kept[key] = html
        return f'\n\n<div data-portal-part="{key}"></div>\n\n'

    def put_back(self, html: str) -> str:
        return self.PLACEHOLDER.sub(lambda m: self._kept.pop(m.group(1), ""), html)

    def clear(self) -> None:
        self._kept.clear()


class _PutBack(Postprocessor):  # type: ignore[misc]  # (Python-Markdown has no type hints)
    def __init__(self, parts: Parts) -> None:
        super().__init__()
        self.parts = parts

    def run(self, text: str) -> str:
        return self.parts.put_back(text)


class PartsExtension(Extension):  # type: ignore[misc]
    """The Markdown extension that puts kept parts back (added to the site's Markdown
    extensions by the hook). Its postprocessor runs last (priority 0: after Python-
    Markdown's own, which restore raw HTML), so nothing reinterprets the parts."""

    def __init__(self, parts: Parts) -> None:
        super().__init__()
        self.parts = parts

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_PutBack(self.parts), "portal_sop_parts", 0)


# ---------------------------------------------------------------- the site (steps 1-2)

SOP_PARTS = (
    "kepala",
    "tinjau",
    "cetak",
    "identitas",
    "prosedur",
    "uraian",
    "pemantauan",
    "relasi",
    "riwayat",
)  # as a page calls them


class PortalSite:
    """The portal as the edge sees it: the loaded sources, the generated pages, the
    rendered parts on their way into pages."""

    def __init__(self, project: Path, src_dir: str = SRC_DIR) -> None:
        self.project = project
        self.src_dir = src_dir
        self.portal: Portal | None = None
        self.pages: dict[str, SopRecord | Unit] = {}  # generated src_uri -> what it shows
        self.broken: dict[str, list[Problem]] = {}  # src_uri of an invalid SOP -> its problems
        self.monitoring_pages: dict[str, UnitPemantauan | None] = {}  # unit (None: portal) monitoring pages
        self.print = PrintSettings()  # paper, public address (QR code), PDF links: set by the hook
        self.pagefind = True  # the search is Pagefind's (else Material's lunr): set by the hook
        self.changes: dict[str, date] = {}  # source path -> last commit date
        self.riwayat = Riwayat(None, [])  # every SOP's versions (macros/riwayat.py)
        self.kabar: list[Kabar] = []  # every change readers saw, newest first (render/kabar.py)
        self.kabar_units: PerUnit = {}  # the same, per unit
        self.unpublished: list[str] = []  # files the last `published_files` no longer gave
        self._published: set[str] = set()
        self._written: dict[str, str] = {}  # published path -> digest, as the last build wrote it
        self._writing: dict[str, str] = {}  # ... as this build writes it
        self.site_name = "Portal SOP"  # mkdocs.yml site_name (the feeds' author): set by the hook
        self.tinjau_setiap: Setiap = parse_setiap(
            DEFAULT_SETIAP
        )  # extra.portal_sop.tinjau_setiap: set by the hook
        self._siklus: Siklus | None = None
        self.parts = Parts()
        self.fingerprints = preview.Fingerprints()  # the dirty preview's (preview.py)
        self._ahead: ahead.RenderAhead | None = None

    def load(self, lenient: bool = False) -> Portal:
        """Load and validate every SOP (raises SourceErrors unless `lenient`); register
        the generated pages. Leniently (the preview server), an invalid SOP gets an error
        page at its own address instead of failing the build."""
        self.portal = load_portal(self.project, self.src_dir, lenient)
        self._siklus = None
        self.changes = last_changes(self.project, self.src_dir)
        self.riwayat = build_riwayat(self.project, self.portal.records, self.portal.hari_ini, self.src_dir)
        self.kabar = kabar(self.riwayat, self.portal.hari_ini)
        self.kabar_units = by_unit(self.kabar)
        self.parts.clear()
        self.pages = {sop_src_uri(r.id): r for r in self.portal.records}
        self.pages.update({unit_src_uri(u): u for u in self.portal.units})
        self.monitoring_pages = {unit_pemantauan_src_uri(u): UnitPemantauan(u) for u in self.portal.units}
        self.monitoring_pages[PEMANTAUAN_SRC_URI] = None  # the portal-wide page
        self.broken = {}
        for problem in self.portal.errors:
            sop_id = sop_id_of_file(problem.file, self.src_dir)
            if sop_id is not None and SOP_ID.match(sop_id):  # (a bad file name has no address)
                self.broken.setdefault(sop_src_uri(sop_id), []).append(problem)
        return self.portal

    def report(self, serving: bool, strict: bool) -> tuple[str | None, str, list[str]]:
        """What the build says about the loaded sources: (why it stops, or None; what the
        preview prints, since a logged warning would stop a strict preview; warnings to
        log). A strict build stops on a warning before any page is written."""
        portal = self.loaded
        if serving:
            shown = []
            if portal.errors:
                shown.append(
                    f"Sumber SOP tidak valid ({len(portal.errors)} masalah); lihat halaman SOP "
                    f"di pratinjau:\n{format_problems(portal.errors)}"
                )
            if portal.warnings:
                shown.append(f"Peringatan:\n{format_problems(portal.warnings)}")
            return None, "\n".join(shown), []
        if portal.warnings and strict:
            return (
                f"Peringatan pada sumber SOP ({len(portal.warnings)}); mode strict menganggapnya "
                f"galat, situs tidak dibangun:\n{format_problems(portal.warnings)}",
                "",
                [],
            )
        return None, "", [str(w) for w in portal.warnings]

    @property
    def loaded(self) -> Portal:
        if self.portal is None:
            raise RuntimeError("portal not loaded")
        return self.portal

    @property
    def siklus(self) -> Siklus:
        """Every SOP's review and monitoring state at the build date (`macros/tinjau.py`),
        computed once per load, after the hook has set the site-wide review period."""
        if (
            self._siklus is None
            or self._siklus.portal is not self.loaded
            or self._siklus.setiap != self.tinjau_setiap
        ):
            self._siklus = Siklus(self.loaded, self.tinjau_setiap)
        return self._siklus

    def is_generated(self, src_uri: str) -> bool:
        """Whether a page is one of `generated` (its macro calls are `expand`ed)."""
        return any(src_uri in pages for pages in (self.pages, self.monitoring_pages, self.broken)) or (
            src_uri == KABAR_SRC_URI
        )

    def generated(self) -> list[str]:
        """Every generated page: SOP pages, unit pages, and (preview only) error pages."""
        return [*self.pages, *self.monitoring_pages, KABAR_SRC_URI, *self.broken]

    def page_source(self, src_uri: str) -> str:
        """The Markdown of a generated page: fixed headings and macro calls by id only."""
        if src_uri in self.broken:
            return f'---\n{RENDER}---\n\n{{{{ sop_galat("{src_uri}") }}}}\n'
        if src_uri == KABAR_SRC_URI:
            front = f"---\n{RENDER}hide:\n  - toc\nsearch:\n  exclude: true\nportal_feed: {FEED}\n---\n\n"
            return front + f"# {TITLE}\n\n{{{{ perubahan_terbaru() }}}}\n"
        if src_uri in self.monitoring_pages:
            shown = self.monitoring_pages[src_uri]
            # Not in the search index: searching finds SOPs and the guide, not schedules.
            if shown is None:
                front = f"---\n{RENDER}hide:\n  - toc\nsearch:\n  exclude: true\n---\n\n"
                return front + f"# {PEMANTAUAN_TITLE}\n\n{{{{ pemantauan_portal() }}}}\n"
            front = f"---\n{RENDER}hide:\n  - navigation\n  - toc\nsearch:\n  exclude: true\n---\n\n"
            return front + f'{{{{ unit_pemantauan("{shown.unit.slug}") }}}}\n'
        item = self.pages[src_uri]
        if isinstance(item, Unit):  # (its feed: for the theme's <link rel="alternate">)
            return f'---\n{RENDER}portal_feed: {unit_feed(item)}\n---\n\n{{{{ unit_page("{item.slug}") }}}}\n'
        parts = [
            f'{{{{ sop_kepala("{item.id}") }}}}',
            f'{{{{ sop_tinjau("{item.id}") }}}}',
            f'{{{{ sop_cetak("{item.id}") }}}}',
            "## Identitas SOP",
            f'{{{{ sop_identitas("{item.id}") }}}}',
            "## Prosedur",
            f'{{{{ sop_prosedur("{item.id}") }}}}',
        ]
        if item.body.strip():
            parts += ["## Uraian", f'{{{{ sop_uraian("{item.id}") }}}}']
        if (
            item.sop.status == "berlaku"
            or self.siklus.of(item.id).monitoring
            or self.siklus.of(item.id).evaluasi
        ):
            parts += ["## Pemantauan dan evaluasi", f'{{{{ sop_pemantauan("{item.id}") }}}}']
        parts += ["## SOP Terkait", f'{{{{ sop_relasi("{item.id}") }}}}']
        parts += ["## Riwayat versi", f'{{{{ sop_riwayat("{item.id}") }}}}']
        # The official table needs the width: no navigation or table of contents on
        # SOP pages. Categories (kategori) are tags for Material's tags plugin.
        front = RENDER + "hide:\n  - navigation\n  - toc\n" + tags_front_matter(item)
        return f"---\n{front}---\n\n" + "\n\n".join(parts) + "\n"

    def expand(self, markdown: str, page_url: str) -> str:
        """A generated page's Markdown with its macro calls replaced by what the macros
        return (the same as mkdocs-macros would, without making the page a template)."""
        macros = SopMacros(self, lambda: page_url)

        def call(match: re.Match[str]) -> str:
            name, argument = match.groups()
            if name not in SopMacros.NAMES:
                raise ValueError(f"unknown macro {name!r} in a generated page")
            function = getattr(macros, name)
            return str(function() if argument is None else function(argument))

        return CALL.sub(call, markdown)

    def page_title(self, src_uri: str) -> str | None:
        """The title of a generated page, as safe HTML text (MkDocs themes do not escape)."""
        if src_uri in self.broken:
            return "Galat: " + str(text_html(self.broken[src_uri][0].file))
        if src_uri == KABAR_SRC_URI:
            return TITLE
        if src_uri in self.monitoring_pages:
            shown = self.monitoring_pages[src_uri]
            return PEMANTAUAN_TITLE if shown is None else "Pemantauan SOP " + str(text_html(shown.unit.unit))
        item = self.pages.get(src_uri)
        if item is None:
            return None
        return str(text_html(item.unit if isinstance(item, Unit) else item.sop.nama))

    def source_of(self, src_uri: str) -> str | None:
        """The project-relative source file of a generated SOP page (for its edit link)."""
        item = self.pages.get(src_uri)
        return item.src if isinstance(item, SopRecord) else None

    def edit_url(self, src_uri: str, repo_url: str | None, edit_uri: str | None, docs_dir: str) -> str | None:
        """The repository's edit link for a generated SOP page's source (`edit_uri`
        points at docs/, the source is beside it); None without a repository."""
        src = self.source_of(src_uri)
        if not src or not repo_url or not edit_uri:
            return None
        base = edit_uri.rstrip("/").removesuffix(Path(docs_dir).name).rstrip("/")
        return f"{repo_url.rstrip('/')}/{base.strip('/')}/{src}"

    def last_change(self, src_uri: str) -> str | None:
        """The Indonesian date of the last commit to a generated SOP page's source."""
        src = self.source_of(src_uri)
        when = self.changes.get(src) if src else None
        return Tanggal.of(when).long() if when else None

    def published_files(self) -> dict[str, str | bytes]:
        """What the site publishes besides its pages (path in the site -> content): the
        open data, and every logo as checked (`macros/logo.py`: an SVG rebuilt from its
        allow-list), which takes the place of the file itself when it lies in docs/.
        Raises LogoError for a logo that can no longer be published."""
        portal = self.loaded
        published: dict[str, str | bytes] = {
            "sop.json": render_json(portal, self.siklus),
            "sop.csv": render_csv(portal),
            "pemantauan.json": render_pemantauan_json(portal),
            "pemantauan.csv": render_pemantauan_csv(portal),
            **self.feeds(),
        }
        for kode in sorted(self.riwayat.by_kode):
            published[versi_file(kode)] = render_versi_document(
                portal, self.riwayat, kode, self.site_name, self.print.site_url
            )
        self.unpublished = sorted(self._published - set(published))  # (a deleted version's page)
        self._published = set(published)
        for logo in sorted({r.sop.logo for r in portal.records if r.sop.logo}):
            try:
                published[published_path(logo)] = check_logo(self.project / logo)
            except LogoError as exc:
                raise LogoError(f"{logo}: {exc}") from None
            except OSError as exc:
                raise LogoError(f"{logo}: berkas tidak dapat dibaca ({exc.strerror})") from None
        self._writing = {uri: preview.digest_of(content) for uri, content in published.items()}
        return published

    def published_modified(self, uri: str) -> bool:
        """Whether a published file differs from what the last build wrote (the dirty
        preview writes only those: thousands of verification pages, one changed)."""
        return self._written.get(uri) != self._writing.get(uri)

    def published_built(self) -> None:
        """The build has written this build's published files."""
        self._written = dict(self._writing)

    def sitemap(self, sitemap: str, site_url: str | None) -> str:
        """MkDocs' sitemap.xml with the verification pages of the current versions, which
        the site publishes as files (`published_files`), not as pages MkDocs lists."""
        return sitemap_with_versions(sitemap, self.loaded, self.riwayat, site_url)

    def feeds(self) -> dict[str, str]:
        """The Atom feeds: the portal's (`perubahan.xml`) and one per unit."""
        portal, site_url = self.loaded, self.print.site_url
        feeds = {
            FEED: render_feed(
                self.kabar,
                title=f"{TITLE}: {self.site_name}",
                path=FEED,
                page=PAGE,
                author=self.site_name,
                site_url=site_url,
                today=portal.hari_ini,
            )
        }
        for unit in portal.units:
            feeds[unit_feed(unit)] = render_feed(
                of_unit(self.kabar_units, unit),
                title=f"{TITLE}: {unit.unit}, {unit.instansi}",
                path=unit_feed(unit),
                page=unit.url,
                author=unit.instansi,
                site_url=site_url,
                today=portal.hari_ini,
            )
        return feeds

    def nav_with_units(self, nav: list[Any], catalog: str) -> list[Any]:
        """The site's navigation with the catalog page's entry (`{title: catalog}`) made a
        section holding the unit pages."""
        out = []
        for item in nav:
            if isinstance(item, dict) and len(item) == 1 and next(iter(item.values())) == catalog:
                item = {next(iter(item)): [catalog, *self.nav_units()]}
                out += [item, {PEMANTAUAN_TITLE: PEMANTAUAN_SRC_URI}]
                continue
            out.append(item)
        return out

    def nav_units(self) -> list[dict[str, list[dict[str, str]]]]:
        """Navigation entries for the unit pages, grouped by instansi (titles escaped)."""
        return [
            {str(text_html(instansi)): [{str(text_html(u.unit)): unit_src_uri(u)} for u in units]}
            for instansi, units in self.loaded.instansi()
        ]

    # -- the parts of an SOP page (step 3) --------------------------------------

    def render_part(self, part: str, sop_id: str, root: str) -> str:
        """One part of an SOP page (a page's `root`: see `root_of`)."""
        portal = self.loaded
        record = portal.get(sop_id)
        if part == "kepala":
            return render_header(portal, record, root)
        if part == "cetak":
            return render_cetak(record, root, self.print)
        if part == "identitas":
            return render_identitas(portal, record, root, fold=True)
        if part == "prosedur":
            return render_prosedur(portal, record, root, self.print.kertas)
        if part == "uraian":
            return render_uraian(record)
        if part == "relasi":
            return render_relasi(portal, record, root)
        if part == "tinjau":
            return render_sop_tinjau(self.siklus, record)
        if part == "pemantauan":
            return render_sop_pemantauan(portal, self.siklus, record, root)
        if part == "riwayat":
            return render_sop_riwayat(self.riwayat, self.riwayat.by_sop.get(sop_id), root, portal.hari_ini)
        raise ValueError(f"unknown SOP part {part!r}: expected one of {', '.join(SOP_PARTS)}")

    def sop_part(self, part: str, sop_id: str, page_url: str) -> str:
        """A part of an SOP page, kept for the page (`Parts`): from the workers that
        rendered it ahead, else rendered now."""
        key = (part, sop_id, root_of(page_url))
        html = self._ahead.take(key) if self._ahead is not None else None
        return self.parts.keep(self.render_part(*key) if html is None else html)

    def render_ahead(self, page_urls: dict[str, str], workers: int) -> bool:
        """Start rendering the parts of SOP pages (sop id -> page URL, in the order the
        pages will be read) in `workers` worker processes (`ahead.py`). Returns whether
        workers were started (never for fewer than two, nor where forking is unsafe)."""
        self.stop_ahead()
        _ = self.siklus  # computed before the workers fork, so each has it
        if workers < 2 or not ahead.forkable():
            return False
        keys = [(part, sop_id, root_of(url)) for sop_id, url in page_urls.items() for part in SOP_PARTS]
        self._ahead = ahead.RenderAhead(self.render_part, keys, workers, len(SOP_PARTS))
        return True

    def stop_ahead(self) -> None:
        """Stop the workers of `render_ahead` (at the end of a build, or when it fails)."""
        if self._ahead is not None:
            self._ahead.stop()
            self._ahead = None

    # -- the dirty preview (preview.py) ------------------------------------------

    def fingerprint_pages(self, context: str) -> None:
        """Fingerprint the generated pages for the dirty preview; `context`: what every
        page shows (`preview.page_context`), to which the print settings are added."""
        common = preview.digest(context, repr(self.print))
        states = {sop_id: state.key() for sop_id, state in self.siklus.keadaan.items()}
        self.fingerprints.fingerprint(self.loaded, self.pages, self.changes, common, states, self.histories())
        today = self.siklus.hari_ini.isoformat()
        for src_uri, shown in self.monitoring_pages.items():
            records = self.loaded.records if shown is None else shown.unit.records
            self.fingerprints.derive(src_uri, [sop_src_uri(r.id) for r in records], today)
        every_sop = [sop_src_uri(r.id) for r in self.loaded.records]
        self.fingerprints.derive(KABAR_SRC_URI, every_sop, today, preview.digest(repr(self.kabar)))

    def histories(self) -> dict[str, str]:
        """What each generated page shows of the git history (src_uri -> digest): an
        SOP page its versions (and the notice of a portal without history), a unit page
        its changes. A commit that changes no source changes these alone."""
        notice = self.riwayat.notice or ""
        shown = {
            sop_src_uri(sop_id): preview.digest(notice, repr(history.versions))
            for sop_id, history in self.riwayat.by_sop.items()
        }
        for unit in self.loaded.units:
            shown[unit_src_uri(unit)] = preview.digest(repr(of_unit(self.kabar_units, unit)))
        return shown

    def changed(self, src_uri: str) -> bool:
        return self.fingerprints.changed(src_uri)

    def gone(self) -> list[str]:
        return self.fingerprints.gone(set(self.broken))


# ---------------------------------------------------------------- the macros (step 3)


class SopMacros:
    """Every macro a page calls. Each returns a placeholder for its rendered HTML
    (`Parts.keep`); `url` gives the URL of the page being rendered (it decides the
    relative links)."""

    NAMES = (
        "sop_kepala",
        "sop_cetak",
        "sop_identitas",
        "sop_prosedur",
        "sop_uraian",
        "sop_relasi",
        "sop_tinjau",
        "sop_pemantauan",
        "sop_riwayat",
        "perubahan_terbaru",
        "sop_galat",
        "unit_page",
        "unit_pemantauan",
        "pemantauan_portal",
        "katalog",
        "sop_terbaru",
        "statistik",
        "tabel_kunci",
    )

    def __init__(self, site: PortalSite, url: Callable[[], str]) -> None:
        self.site = site
        self._url = url  # the URL of the page being rendered

    # The parts of an SOP page, in the order `page_source` calls them.
    def sop_kepala(self, sop_id: str) -> str:
        return self.site.sop_part("kepala", sop_id, self._url())

    def sop_cetak(self, sop_id: str) -> str:
        return self.site.sop_part("cetak", sop_id, self._url())

    def sop_identitas(self, sop_id: str) -> str:
        return self.site.sop_part("identitas", sop_id, self._url())

    def sop_prosedur(self, sop_id: str) -> str:
        return self.site.sop_part("prosedur", sop_id, self._url())

    def sop_uraian(self, sop_id: str) -> str:
        return self.site.sop_part("uraian", sop_id, self._url())

    def sop_relasi(self, sop_id: str) -> str:
        return self.site.sop_part("relasi", sop_id, self._url())

    def sop_tinjau(self, sop_id: str) -> str:
        return self.site.sop_part("tinjau", sop_id, self._url())

    def sop_pemantauan(self, sop_id: str) -> str:
        return self.site.sop_part("pemantauan", sop_id, self._url())

    def sop_riwayat(self, sop_id: str) -> str:
        return self.site.sop_part("riwayat", sop_id, self._url())

    def sop_galat(self, src_uri: str) -> str:
        """The preview's page for an invalid SOP: its problems, and those of the unit
        files above it."""
        site = self.site
        own = site.broken[src_uri]
        folder = own[0].file.rsplit("/", 1)[0]
        units = [
            p
            for p in site.loaded.errors
            if p.file.endswith("_unit.yml") and folder.startswith(p.file.rsplit("/", 1)[0])
        ]
        html = render_template(
            "error_page.html",
            file=own[0].file,
            problems=own + units,
            total=len(site.loaded.errors),
            root=root_of(self._url()),
        )
        return site.parts.keep(html)

    def unit_page(self, slug: str) -> str:
        """A unit's page: its SOPs by status, its relation map, its book (make pdf)."""
        site = self.site
        unit = next(u for u in site.loaded.units if u.slug == slug)
        root = root_of(self._url())
        html = render_unit(site.loaded, unit, root, site.print.pdf)
        html += render_unit_kabar(of_unit(site.kabar_units, unit), unit, root)
        return site.parts.keep(html)

    def perubahan_terbaru(self) -> str:
        """The portal-wide page of the newest changes, overall and per unit."""
        site = self.site
        root = root_of(self._url())
        html = render_kabar_page(site.loaded, site.kabar, site.kabar_units, root, site.riwayat.notice)
        return site.parts.keep(html)

    def unit_pemantauan(self, slug: str) -> str:
        """A unit's monitoring page: the state at a glance, the rounds, the forms."""
        site = self.site
        unit = next(u for u in site.loaded.units if u.slug == slug)
        html = render_unit_pemantauan(site.loaded, site.siklus, unit, root_of(self._url()), site.print.kertas)
        return site.parts.keep(html)

    def pemantauan_portal(self) -> str:
        """The portal-wide monitoring page."""
        site = self.site
        return site.parts.keep(render_portal_pemantauan(site.loaded, site.siklus, root_of(self._url())))

    # Macros of the hand-written pages in docs/.
    def katalog(self) -> str:
        return self.site.parts.keep(render_katalog(self.site.loaded, root_of(self._url())))

    def sop_terbaru(self, count: int = 10) -> str:
        portal = self.site.loaded
        html = render_template(
            "recent.html", records=portal.recent(count), root=root_of(self._url()), portal=portal
        )
        return self.site.parts.keep(html)

    def statistik(self) -> str:
        return self.site.parts.keep(render_template("stats.html", counts=self.site.loaded.counts()))

    def tabel_kunci(self, which: str = "sop") -> str:
        return self.site.parts.keep(render_key_table(which))


def define_env(env: Any) -> None:  # pragma: no cover - exercised by the site builds
    """mkdocs-macros' entry (through `macros/edge/macros_plugin.py`): register every macro."""
    macros = SopMacros(site_for(Path(env.project_dir)), lambda: str(env.page.url))
    for name in SopMacros.NAMES:
        env.macro(getattr(macros, name), name)


# ---------------------------------------------------------------- one site per project

_SITES: dict[Path, PortalSite] = {}  # see the module docstring: why this is module state


def site_for(project: Path) -> PortalSite:
    """The one PortalSite of a project (shared by the hook and the macros)."""
    key = project.resolve()
    if key not in _SITES:
        _SITES[key] = PortalSite(key)
    return _SITES[key]


def stop_all_ahead() -> None:
    """Stop every site's workers (a build failed: MkDocs tells no project)."""
    for site in _SITES.values():
        site.stop_ahead()


__all__ = [
    "SOP_PARTS",
    "Parts",
    "PartsExtension",
    "PortalSite",
    "SopMacros",
    "define_env",
    "root_of",
    "site_for",
    "sop_src_uri",
    "stop_all_ahead",
    "unit_src_uri",
]
