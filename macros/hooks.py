"""The MkDocs edge: load every SOP before anything renders, add the generated pages,
place the rendered parts, publish the open data. Only wiring lives here."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

_PROJECT = Path(__file__).resolve().parent.parent
if str(_PROJECT) not in sys.path:
    sys.path.insert(0, str(_PROJECT))

from macros.errors import Problem, SourceErrors, format_problems  # noqa: E402
from macros.history import repository_url  # noqa: E402
from macros.loader import SYMLINK, SopRecord, find_links  # noqa: E402
from macros.logo import LogoError, check_logo, published_uri  # noqa: E402
from macros.render.katalog import tag_names  # noqa: E402
from macros.render.opendata import render_csv, render_json  # noqa: E402
from macros.render.print_parts import NO_SITE_URL, PrintSettings, print_settings  # noqa: E402
from macros.search import (  # noqa: E402
    BackgroundIndex,
    SearchIndexError,
    index_site,
    mark_body,
    trim_lunr_index,
)
from macros.site import PortalSite, site_for, stop_all_ahead, workers  # noqa: E402

log = logging.getLogger("mkdocs.plugins.portal_sop")
# A page in docs/ that shows what SOPs say: it calls macros (mkdocs-macros syntax) or
# holds a listing of Material's tags plugin (categories).
_SHOWS_SOPS = re.compile(r"\{\{|\{%|<!--\s*material/tags")
CATALOG_PAGE = "katalog/index.md"


def _site(config: MkDocsConfig) -> PortalSite:
    return site_for(Path(config.config_file_path).parent)


_SERVING = False
_DIRTY = False  # `mkdocs serve --dirty` (make serve): rewrite only the pages that changed


class _DirtyNotice(logging.Filter):
    """Under `mkdocs serve --dirty` (make serve), MkDocs warns at every build that a dirty build may
    leave links and navigation stale; the hook rewrites every page whose content
    changed, so the warning is dropped (under --strict it would stop the preview)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_DIRTY and record.getMessage().startswith("A 'dirty' build is being performed"))


logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, an invalid SOP shows an error page instead of stopping the
    server; with --dirty, only changed pages are written again (see `_PreviewFile`)."""
    global _SERVING, _DIRTY
    _SERVING = command == "serve"
    _DIRTY = _SERVING and dirty


class _PreviewFile(File):
    """A page of a dirty preview build. MkDocs reads and writes a page again only when
    its file `is_modified`: for a generated page, when its fingerprint changed
    (`PortalSite.changed`); pages in docs/ that show SOPs (catalog, counts, recent
    changes, categories: `_SHOWS_SOPS`) are always written, as any SOP may change
    them and they are few; other pages in docs/ when their file changed (MkDocs' rule).
    When the configuration or the navigation changed, every page is written."""

    site: PortalSite | None = None

    def is_modified(self) -> bool:
        return self.site is None or self.site.changed(self.src_uri)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site = _site(config)
    _refuse_links(Path(config.docs_dir), site.project)
    try:
        portal = site.load(lenient=_SERVING)
    except SourceErrors as exc:
        count = len(exc.problems)
        raise PluginError(f"Sumber SOP tidak valid ({count} masalah); situs tidak dibangun:\n{exc}") from None
    if _SERVING:
        # Printed, not logged: under strict mode a logged warning would stop the preview
        # from reloading, and showing the problems is the point of the preview.
        if portal.errors:
            print(
                f"Sumber SOP tidak valid ({len(portal.errors)} masalah); lihat halaman SOP "
                f"di pratinjau:\n{format_problems(portal.errors)}",
                file=sys.stderr,
            )
        if portal.warnings:
            print(f"Peringatan:\n{format_problems(portal.warnings)}", file=sys.stderr)
    elif portal.warnings and config.strict:
        # Fail before any page is written: a strict build publishes nothing partly.
        raise PluginError(
            f"Peringatan pada sumber SOP ({len(portal.warnings)}); mode strict menganggapnya "
            f"galat, situs tidak dibangun:\n{format_problems(portal.warnings)}"
        )
    else:
        for warning in portal.warnings:
            log.warning(str(warning))
    for suggestion in portal.suggestions:
        log.info(f"Saran: {suggestion}")  # INFO: shown, never counted by --strict
    if not config.repo_url:
        config.repo_url = repository_url(site.project, dict(os.environ))
        if config.repo_url and not config.edit_uri:
            config.edit_uri = f"edit/{os.environ.get('GITHUB_REF_NAME') or 'main'}/docs/"
    site.print = _print_settings(config)
    if _pagefind(config):
        _skip_lunr_text(config)
    if config.nav is not None:
        config.nav = [_with_units(item, site) for item in config.nav]
    return config


def _refuse_links(docs: Path, project: Path) -> None:
    """MkDocs follows symbolic links in docs/ (a link could publish any file of the
    machine, or walk the whole disk): refuse them before MkDocs reads the folder."""
    links = find_links(docs)
    if links:
        problems = [Problem(link.relative_to(project).as_posix(), "", SYMLINK) for link in links]
        listed = format_problems(problems)
        raise PluginError(f"Tautan simbolik di docs/ ({len(links)}); situs tidak dibangun:\n{listed}")


def _print_settings(config: MkDocsConfig) -> PrintSettings:
    """Paper size, PDF links and the public address for the QR code. The preview's
    site_url is its own local address (mkdocs serve sets it): no QR code there."""
    site_url = None if _SERVING else config.site_url
    try:
        settings = print_settings(config.extra.get("portal_sop"), site_url)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    if not site_url and not _SERVING:
        log.warning(NO_SITE_URL)
    return settings


def _with_units(item: Any, site: PortalSite) -> Any:
    """Turn the nav entry of the catalog page into a section holding the unit pages."""
    if isinstance(item, dict) and len(item) == 1:
        ((title, value),) = item.items()
        if value == CATALOG_PAGE:
            return {title: [CATALOG_PAGE, *site.nav_units()]}
    return item


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _site(config)
    sop_pages: dict[str, str] = {}  # sop id -> page URL, in the order MkDocs reads them
    kind = _PreviewFile if _DIRTY else File
    if _DIRTY:
        site.fingerprint_pages(_page_context(config, site))
        for page in files.documentation_pages():
            if site.context_changed or _SHOWS_SOPS.search(page.content_string):
                files.remove(page)
                files.append(_PreviewFile(page.src_uri, page.src_dir, page.dest_dir, page.use_directory_urls))
    for src_uri in site.generated():
        file = kind.generated(config, src_uri, content=site.page_source(src_uri))
        if isinstance(file, _PreviewFile):
            file.site = site
        files.append(file)
        record = site.pages.get(src_uri)
        if isinstance(record, SopRecord) and file.is_modified():  # (a dirty preview skips the rest)
            sop_pages[record.id] = file.url
    site.render_ahead(sop_pages, workers())
    portal = site.loaded
    files.append(File.generated(config, "sop.json", content=render_json(portal)))
    files.append(File.generated(config, "sop.csv", content=render_csv(portal)))
    for logo in sorted({r.sop.logo for r in portal.records if r.sop.logo}):
        _publish_logo(files, config, site.project, logo)
    return files


def _publish_logo(files: Files, config: MkDocsConfig, project: Path, logo: str) -> None:
    """A logo is published as checked (`macros/logo.py`: an SVG rebuilt from its
    allow-list), in place of the file itself when it lies in docs/."""
    try:
        content = check_logo(project / logo)
    except LogoError as exc:
        raise PluginError(f"{logo}: {exc}") from None
    except OSError as exc:
        raise PluginError(f"{logo}: berkas tidak dapat dibaca ({exc.strerror})") from None
    uri = published_uri(logo)
    original = files.get_file_from_path(uri)
    if original is not None:
        files.remove(original)
    files.append(File.generated(config, uri, content=content))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    site = _site(config)
    title = site.page_title(page.file.src_uri)
    if title is not None:
        page.title = title  # type: ignore[assignment]
        changed = site.last_change(page.file.src_uri)
        if changed:
            page.meta["revision_date"] = changed  # Material shows it as "Pembaruan terakhir"
        src = getattr(site.pages.get(page.file.src_uri), "src", None)
        page.edit_url = _edit_url(config, src) if src else None
    return markdown


def _edit_url(config: MkDocsConfig, src: str) -> str | None:
    """The repository's edit link for an SOP source (edit_uri points at docs/)."""
    if not config.repo_url or not config.edit_uri:
        return None
    base = config.edit_uri.rstrip("/").removesuffix(Path(config.docs_dir).name).rstrip("/")
    return f"{config.repo_url.rstrip('/')}/{base.strip('/')}/{src}"


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return _site(config).fill(html)


def _pagefind(config: MkDocsConfig) -> bool:
    """Whether the site's search is Pagefind (`extra.pencarian`, default) or lunr."""
    engine = config.extra.get("pencarian", "pagefind")
    if engine not in ("pagefind", "lunr"):
        raise PluginError(f"extra.pencarian: diharapkan 'pagefind' atau 'lunr', ditemukan '{engine}'")
    return bool(engine == "pagefind")


def _skip_lunr_text(config: MkDocsConfig) -> None:
    """With Pagefind, Material's lunr index keeps only its `config` (trim_lunr_index):
    spare its plugin from parsing every page's HTML for text that is thrown away
    (about 20 ms per SOP page; docs/kinerja.md). Its on_config, which runs before the
    hooks', has made the index; without one (another Material version) nothing changes."""
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is not None and hasattr(index, "add_entry_from_context"):
        index.add_entry_from_context = lambda page: None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Mark the page's content for the search index, unless `search: exclude: true`."""
    if not _pagefind(config) or (page.meta.get("search") or {}).get("exclude"):
        return output
    marked = mark_body(output)
    if marked is None:
        log.warning(f"{page.file.src_uri}: isi halaman tidak ditemukan; tidak masuk indeks pencarian")
        return output
    return marked


def _page_context(config: MkDocsConfig, site: PortalSite) -> str:
    """What every page shows besides its own content, for the preview's fingerprints:
    the configuration (as written) and the navigation (with the unit pages)."""
    text = Path(config.config_file_path).read_text(encoding="utf-8")
    return hashlib.sha256(f"{text}\x00{site.nav_units()!r}".encode()).hexdigest()


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per preview server, not at every rebuild
    (MkDocs makes a new template environment for each build). Jinja checks each
    template's source against what was compiled, so an edited template is compiled
    again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


@event_priority(150)  # before Material's tags plugin lists the tagged pages
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """In the preview: keep the theme's compiled templates between rebuilds. A dirty
    preview skips unchanged SOP pages, so Material's tags plugin never sees their
    categories: give it them, as their front matter would (title and tags)."""
    if _SERVING and env.bytecode_cache is None:
        env.bytecode_cache = _COMPILED
    tags = config.plugins.get("material/tags")
    if not _DIRTY or tags is None or not hasattr(tags, "mappings"):
        return env
    site = _site(config)
    for file in files.documentation_pages():
        page, record = file.page, site.pages.get(file.src_uri)
        if page is None or not isinstance(record, SopRecord) or site.changed(file.src_uri):
            continue
        names = tag_names(record)
        if names:
            page.title = site.page_title(file.src_uri)  # type: ignore[assignment]
            page.meta = {"tags": names}
            tags.mappings.add(page, "")
    return env


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    """Index the built site for Indonesian search (macros/search.py). In the preview the
    index is made in the background: the changed page shows at once, search follows."""
    site = _site(config)
    site.stop_ahead()
    if _DIRTY:
        for src_uri in site.gone():  # a renamed or deleted SOP: no stale page in the preview
            gone = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
            Path(gone.abs_dest_path).unlink(missing_ok=True)
    site.built()
    if not _pagefind(config):
        return  # `extra.pencarian: lunr`: Material's own search, as it comes
    site_dir = Path(config.site_dir)
    if _SERVING:
        _BACKGROUND.index(site_dir)
        return
    try:
        _index(site_dir)
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None


def _index(site_dir: Path, background: bool = False) -> None:
    indexed = index_site(site_dir, background=background)
    trim_lunr_index(site_dir)
    log.info(f"Indeks pencarian (Pagefind, bahasa Indonesia): {indexed.pages} halaman, {indexed.words} kata")


_BACKGROUND = BackgroundIndex(
    lambda site_dir: _index(site_dir, background=True),
    lambda message: print(f"Indeks pencarian pratinjau gagal: {message}", file=sys.stderr),
)


def on_build_error(error: Exception) -> None:
    stop_all_ahead()


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(_site(config).project / "sop_src"))
    return server
