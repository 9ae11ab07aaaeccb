"""Every use of MkDocs' or Material's internals, in one place.

The portal relies on the public event API of MkDocs (and of its maintained fork
ProperDocs) everywhere else. What is here reaches further: a private attribute, a log
message, a theme's markup or file format. Each touch says what breaks if MkDocs or the
theme changes; each fails soft (the site still builds, only the speed-up or the extra
is lost) unless said otherwise. Material for MkDocs reaches end of life on 5 May 2027:
this module, `overrides/` and `docs/assets/pagefind-material.js` are what a change of
theme or generator must revisit.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..loader import SopRecord
from ..render.katalog import tag_names
from .pages import PortalSite

# ---------------------------------------------------------------- MkDocs


class PreviewFile(File):
    """A file of a dirty preview build (`preview.py`). MkDocs reads and writes a page,
    and copies any other file, again only when its file `is_modified`, an undocumented
    method of File that `mkdocs build --dirty` calls; if MkDocs stops calling it, a
    dirty preview writes every file (slower, never stale). `changed(src_uri)` says
    whether it must be written; None: always."""

    changed: Callable[[str], bool] | None = None

    def is_modified(self) -> bool:
        return self.changed is None or self.changed(self.src_uri)


def generated_file(
    config: MkDocsConfig, src_uri: str, content: str | bytes, changed: Callable[[str], bool] | None
) -> File:
    """A file the portal makes (a generated page, a published file); in a dirty preview
    (`changed` given: `PortalSite.changed` for pages, `published_modified` for the
    rest) written only when it changed."""
    if changed is None:
        return File.generated(config, src_uri, content=content)
    file = PreviewFile.generated(config, src_uri, content=content)
    assert isinstance(file, PreviewFile)  # (File.generated is a classmethod: made as cls)
    file.changed = changed
    return file


def preview_file(file: File) -> PreviewFile:
    """A page in docs/ made a PreviewFile, so that it is always written again."""
    return PreviewFile(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls)


class _DirtyNotice(logging.Filter):
    """Under `mkdocs serve --dirty`, MkDocs warns at every build that a dirty build may
    leave links and navigation stale; the preview rewrites every page whose content
    changed, so the warning is dropped (under --strict it would stop the preview).
    Matches MkDocs' message text and logger name: if either changes, the warning shows
    again and a strict preview stops after its first rebuild."""

    dirty = False

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.dirty and record.getMessage().startswith("A 'dirty' build is being performed"))


_DIRTY_NOTICE = _DirtyNotice()
logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_NOTICE)


def quiet_dirty_notice(dirty: bool) -> None:
    _DIRTY_NOTICE.dirty = dirty


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per preview server, not at every rebuild
    (MkDocs makes a new template environment for each build). Jinja checks each
    template's source against what was compiled, so an edited template is compiled
    again. Relies on MkDocs leaving the environment's `bytecode_cache` unset; if it sets
    one, nothing is cached here (slower rebuilds only)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


# Process-wide: the point is to outlive the template environment of one build.
_COMPILED = _CompiledTemplates()


def keep_compiled_templates(env: jinja2.Environment) -> None:
    if env.bytecode_cache is None:
        env.bytecode_cache = _COMPILED


def show_page_facts(page: Page, title: str, revision_date: str | None, edit_url: str | None) -> None:
    """A generated page's title (as HTML: MkDocs themes print page titles unescaped, so
    it is escaped by the caller), last change and edit link. `revision_date` is the
    page meta key Material shows as "Pembaruan terakhir" (the key its git-revision
    plugins fill); another theme may ignore it: the date is then not shown."""
    page.title = title  # type: ignore[assignment]
    if revision_date:
        page.meta["revision_date"] = revision_date
    page.edit_url = edit_url


# ---------------------------------------------------------------- Material


def skip_lunr_text(config: MkDocsConfig) -> None:
    """With Pagefind, Material's lunr index keeps only its `config` (`trim_lunr_index`):
    spare its plugin from parsing every page's HTML for text that is thrown away
    (about 20 ms per SOP page; docs/kinerja.md). Reaches the plugin's private
    `search_index.add_entry_from_context`, made by its on_config (which runs before the
    hooks'); without it (another Material version) nothing changes but the speed."""
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is not None and hasattr(index, "add_entry_from_context"):
        index.add_entry_from_context = lambda page: None


def trim_lunr_index(site_dir: Path) -> bool:
    """Keep only the `config` of Material's lunr index `search/search_index.json` (its
    file and format are Material's; the browser still reads the config for result
    highlighting). Returns whether there was one; another theme's index is left alone."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return False
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({"config": data.get("config", {}), "docs": []}), encoding="utf-8")
    return True


# Material's content element (its base.html): Pagefind indexes only what is marked.
# Another theme's markup: no page is marked, every page is reported, search is empty.
ARTICLE = '<article class="md-content__inner md-typeset">'
BODY = '<article class="md-content__inner md-typeset" data-pagefind-body>'
# The Pagefind filter of pages that are not SOPs (assets/pagefind-material.js reads it).
OTHER_FILTER = "jenis:halaman"


def mark_body(html: str, weight: float | None = None) -> str | None:
    """A page's HTML with its content marked `data-pagefind-body` (only marked pages are
    indexed: not the 404 page, nor a page whose front matter says `search: exclude`),
    and with `weight` a page that is not an SOP: its Pagefind weight
    (`data-pagefind-weight`; Pagefind still weighs its headings on their own) and the
    filter `OTHER_FILTER`, by which the search worker puts such pages after the SOPs.
    None when Material's content element is not found."""
    if ARTICLE not in html:
        return None
    if weight is None:
        return html.replace(ARTICLE, BODY, 1)
    return html.replace(
        ARTICLE,
        BODY.replace(">", f' data-pagefind-weight="{weight}" data-pagefind-filter="{OTHER_FILTER}">'),
        1,
    )


def give_tags(config: MkDocsConfig, files: Files, site: PortalSite) -> None:
    """A dirty preview skips unchanged SOP pages, so Material's tags plugin never sees
    their categories: give it them, as their front matter would (title and tags).
    Reaches the plugin's private `mappings.add(page, markdown)`; without it (another
    Material version) the categories page of a dirty preview lists only changed SOPs
    (a full build is not affected)."""
    tags = config.plugins.get("material/tags")
    if tags is None or not hasattr(tags, "mappings"):
        return
    for file in files.documentation_pages():
        page, record = file.page, site.pages.get(file.src_uri)
        if page is None or not isinstance(record, SopRecord) or site.changed(file.src_uri):
            continue
        names = tag_names(record)
        if names:
            page.title = site.page_title(file.src_uri)  # type: ignore[assignment]
            page.meta = {"tags": names}
            tags.mappings.add(page, "")


__all__ = [
    "ARTICLE",
    "BODY",
    "PreviewFile",
    "generated_file",
    "give_tags",
    "keep_compiled_templates",
    "mark_body",
    "preview_file",
    "quiet_dirty_notice",
    "show_page_facts",
    "skip_lunr_text",
    "trim_lunr_index",
]
