"""The MkDocs hook (mkdocs.yml `hooks:`): event functions only. How an SOP becomes a
page is told in `pages.py`; the dirty preview is `preview.py`, the parallel rendering
`ahead.py`, every reach into MkDocs' or Material's internals `internals.py`.

MkDocs loads this file by its path, so it imports the portal from the project folder.
Module state, forced by MkDocs' lifecycle: `on_startup` is told the command once per
process and gets no configuration, so the mode is kept here for the builds that follow;
the preview's background search index outlives each build.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

_PROJECT = Path(__file__).resolve().parent.parent.parent
if str(_PROJECT) not in sys.path:
    sys.path.insert(0, str(_PROJECT))

from macros.edge import internals, preview  # noqa: E402
from macros.edge.ahead import workers  # noqa: E402
from macros.edge.pages import PartsExtension, PortalSite, site_for, stop_all_ahead  # noqa: E402
from macros.errors import Problem, SourceErrors, format_problems  # noqa: E402
from macros.history import history_files, repository_url  # noqa: E402
from macros.loader import SYMLINK, SopRecord, find_links  # noqa: E402
from macros.logo import LogoError  # noqa: E402
from macros.periode import site_setiap  # noqa: E402
from macros.render.print_parts import NO_SITE_URL, print_settings  # noqa: E402
from macros.render.qr import CACHE as QR_CACHE  # noqa: E402
from macros.search import OTHER_WEIGHT, BackgroundIndex, SearchIndexError, index_site, uses_pagefind  # noqa: E402

log = logging.getLogger("mkdocs.plugins.portal_sop")
CATALOG_PAGE = "katalog/index.md"
_SERVING = False  # `mkdocs serve`: an invalid SOP shows an error page instead of stopping the server
_DIRTY = False  # `mkdocs serve --dirty` (make serve): rewrite only the pages that changed


def _site(config: MkDocsConfig) -> PortalSite:
    return site_for(Path(config.config_file_path).parent)


def on_startup(command: str, dirty: bool) -> None:
    global _SERVING, _DIRTY
    _SERVING = command == "serve"
    _DIRTY = _SERVING and dirty
    internals.quiet_dirty_notice(_DIRTY)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load every SOP before any page is read; set the site's print and search settings."""
    site = _site(config)
    links = find_links(Path(config.docs_dir))  # MkDocs would follow them: refuse them first
    if links:
        problems = [Problem(link.relative_to(site.project).as_posix(), "", SYMLINK) for link in links]
        listed = format_problems(problems)
        raise PluginError(f"Tautan simbolik di docs/ ({len(links)}); situs tidak dibangun:\n{listed}")
    try:
        portal = site.load(lenient=_SERVING)
    except SourceErrors as exc:
        count = len(exc.problems)
        raise PluginError(f"Sumber SOP tidak valid ({count} masalah); situs tidak dibangun:\n{exc}") from None
    stop, shown, warnings = site.report(_SERVING, config.strict)
    if stop:
        raise PluginError(stop)
    if shown:
        print(shown, file=sys.stderr)
    for warning in warnings:
        log.warning(warning)
    for suggestion in portal.suggestions:
        log.info(f"Saran: {suggestion}")  # INFO: shown, never counted by --strict
    if site.riwayat.notice:
        log.info(site.riwayat.notice)  # INFO: a portal of current versions is no error
    if not config.repo_url:
        config.repo_url = repository_url(site.project, dict(os.environ))
        if config.repo_url and not config.edit_uri:
            config.edit_uri = f"edit/{os.environ.get('GITHUB_REF_NAME') or 'main'}/docs/"
    site_url = None if _SERVING else config.site_url  # the preview's is local: no QR code
    try:
        site.print = print_settings(config.extra.get("portal_sop"), site_url, site.project / QR_CACHE)
        site.tinjau_setiap = site_setiap(config.extra.get("portal_sop"))
        site.pagefind = uses_pagefind(config.extra)
        site.site_name = config.site_name
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    if not site_url and not _SERVING:
        log.warning(NO_SITE_URL)
    if site.pagefind:
        internals.skip_lunr_text(config)
    if config.nav is not None:
        config.nav = site.nav_with_units(config.nav, CATALOG_PAGE)
    config.markdown_extensions.append(PartsExtension(site.parts))  # type: ignore[arg-type]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, the open data and the logos; start rendering ahead."""
    site = _site(config)
    if _DIRTY:
        text = Path(config.config_file_path).read_text(encoding="utf-8")
        site.fingerprint_pages(preview.page_context(text, site.nav_units()))
        for page in files.documentation_pages():
            if site.fingerprints.context_changed or preview.shows_sops(page.content_string):
                files.remove(page)
                files.append(internals.preview_file(page))
    sop_pages: dict[str, str] = {}  # sop id -> page URL, in the order MkDocs reads them
    page_changed = site.changed if _DIRTY else None
    for src_uri in site.generated():
        file = internals.generated_file(config, src_uri, site.page_source(src_uri), page_changed)
        files.append(file)
        record = site.pages.get(src_uri)
        if isinstance(record, SopRecord) and file.is_modified():  # (a dirty preview skips the rest)
            sop_pages[record.id] = file.url
    site.render_ahead(sop_pages, workers())
    try:
        published = site.published_files()
    except LogoError as exc:
        raise PluginError(str(exc)) from None
    file_changed = site.published_modified if _DIRTY else None
    for uri, content in published.items():
        original = files.get_file_from_path(uri)  # a logo in docs/: its checked copy instead
        if original is not None:
            files.remove(original)
        files.append(internals.generated_file(config, uri, content, file_changed))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    site, src_uri = _site(config), page.file.src_uri
    if site.is_generated(src_uri):
        markdown = site.expand(markdown, page.url)
    title = site.page_title(src_uri)
    if title is not None:
        edit_url = site.edit_url(src_uri, config.repo_url, config.edit_uri, config.docs_dir)
        internals.show_page_facts(page, title, site.last_change(src_uri), edit_url)
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Mark the page's content for the search index, unless `search: exclude: true`;
    pages that are not SOPs weigh less (`OTHER_WEIGHT`), so SOPs come first."""
    site = _site(config)
    if not site.pagefind or (page.meta.get("search") or {}).get("exclude"):
        return output
    is_sop = isinstance(site.pages.get(page.file.src_uri), SopRecord)
    marked = internals.mark_body(output, None if is_sop else OTHER_WEIGHT)
    if marked is None:
        log.warning(f"{page.file.src_uri}: isi halaman tidak ditemukan; tidak masuk indeks pencarian")
        return output
    return marked


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """sitemap.xml (and the .gz MkDocs makes of it) lists the verification pages of the
    current versions too."""
    if template_name != "sitemap.xml":
        return output_content
    return _site(config).sitemap(output_content, config.site_url)


@event_priority(150)  # before Material's tags plugin lists the tagged pages
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if _SERVING:
        internals.keep_compiled_templates(env)
    if _DIRTY:
        internals.give_tags(config, files, _site(config))
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
        for uri in site.unpublished:  # e.g. the verification page of a version gone
            (Path(config.site_dir) / uri).unlink(missing_ok=True)
    site.fingerprints.built()
    site.published_built()
    if not site.pagefind:
        return  # `extra.pencarian: lunr`: Material's own search, as it comes
    if _SERVING:
        _BACKGROUND.index(Path(config.site_dir))
        return
    try:
        _index(Path(config.site_dir))
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None


def _index(site_dir: Path, background: bool = False) -> None:
    indexed = index_site(site_dir, background=background)
    internals.trim_lunr_index(site_dir)
    log.info(f"Indeks pencarian (Pagefind, bahasa Indonesia): {indexed.pages} halaman, {indexed.words} kata")


_BACKGROUND = BackgroundIndex(
    lambda site_dir: _index(site_dir, background=True),
    lambda message: print(f"Indeks pencarian pratinjau gagal: {message}", file=sys.stderr),
)


def on_build_error(error: Exception) -> None:
    stop_all_ahead()


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when a source changes, and when the git history does (a commit, an
    amend, a checkout: HEAD, its reflog, the branch's ref), so that the Riwayat follows
    a commit that changes no source."""
    site = _site(config)
    server.watch(str(site.project / site.src_dir))
    for path in history_files(site.project):
        server.watch(str(path), recursive=False)
    return server
