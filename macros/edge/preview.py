"""The dirty preview (`make serve`: `mkdocs serve --dirty`): which pages a rebuild must
write again.

MkDocs writes a page again in a dirty build only when its file `is_modified`. For a
generated page that is when its fingerprint changed: a digest of everything the page
shows (the SOP as validated, unit defaults merged; its unit; the SOPs it refers to and
that refer to it; its last change; its versions from the git history; the print
settings; and what every page shows: the configuration and the navigation). A unit
page's fingerprint is made of its SOPs' and of its changes from the history.
Pages in docs/ that show SOPs (macro calls, the categories listing: `shows_sops`) are
always written again; other pages in docs/ when their file changed (MkDocs' rule). When
the configuration or the navigation changed, every page is written again.

Plain Python: the edge asks `changed(src_uri)` (`internals.PreviewFile`), calls
`fingerprint` before the pages are read and `built` after the build.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import date

from ..index import Portal, Unit
from ..loader import SopRecord
from ..relations import referenced

# A page in docs/ that shows what SOPs say: it calls macros (mkdocs-macros syntax) or
# holds a listing of Material's tags plugin (categories).
_SHOWS_SOPS = re.compile(r"\{\{|\{%|<!--\s*material/tags")


def shows_sops(markdown: str) -> bool:
    """Whether a page in docs/ shows SOPs (so any SOP's change may change it)."""
    return bool(_SHOWS_SOPS.search(markdown))


def digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def digest_of(content: str | bytes) -> str:
    return hashlib.sha256(content.encode() if isinstance(content, str) else content).hexdigest()


def page_context(config_text: str, nav: object) -> str:
    """What every page shows besides its own content: the configuration (as written)
    and the navigation (with the unit pages)."""
    return digest(config_text, repr(nav))


class Fingerprints:
    """The fingerprints of the generated pages, as last built and as this build will
    make them. One per project, kept for the life of the preview server."""

    def __init__(self) -> None:
        self._built: dict[str, str] = {}  # generated page src_uri -> fingerprint, as last built
        self._current: dict[str, str] = {}  # ... as this build will make it
        self._context = ("", "")  # (last built, this build): see `fingerprint`

    def fingerprint(
        self,
        portal: Portal,
        pages: Mapping[str, SopRecord | Unit],
        changes: Mapping[str, date],
        context: str,
        states: Mapping[str, str] | None = None,
        histories: Mapping[str, str] | None = None,
    ) -> None:
        """Fingerprint every generated page (`pages`: src_uri -> what it shows) from
        what it shows; `changes`: the last commit date per source; `context`: what every
        page shows (`page_context` and the print settings); `states`: each SOP's review and
        monitoring state; `histories`: what a page shows of the git history (src_uri ->
        a digest: an SOP's versions, a unit's changes), so that a commit that changes no
        source still rewrites the pages whose history it changed."""
        histories = histories or {}
        dumps = {r.id: digest(r.sop.model_dump_json(), r.body, r.src) for r in portal.records}
        self._context = (self._context[0], context)
        current: dict[str, str] = {}
        sop_pages = {item.id: src_uri for src_uri, item in pages.items() if isinstance(item, SopRecord)}
        for sop_id, src_uri in sop_pages.items():
            item = portal.get(sop_id)
            unit = portal.unit_of[sop_id]
            incoming = [(link.id, link.jenis) for link in portal.backlinks.get(sop_id, [])]
            neighbours = referenced(item) | {i for i, _ in incoming}
            current[src_uri] = digest(
                context,
                dumps[sop_id],
                json.dumps([unit.instansi, unit.unit, unit.slug]),
                json.dumps(sorted((i, dumps.get(i, "")) for i in neighbours)),
                json.dumps(incoming),
                str(changes.get(item.src)),
                (states or {}).get(sop_id, ""),  # its review and monitoring state (tinjau.Keadaan.key)
                histories.get(src_uri, ""),
            )
        for src_uri, shown in pages.items():
            if isinstance(shown, Unit):
                own = [current[sop_pages[r.id]] for r in shown.records]
                current[src_uri] = digest(
                    context,
                    json.dumps([shown.instansi, shown.unit, shown.slug, own]),
                    histories.get(src_uri, ""),
                )
        self._current = current

    def derive(self, src_uri: str, shows: list[str], *extra: str) -> None:
        """Fingerprint a page made of other generated pages' content (a unit's or the
        portal's monitoring page: `shows`, the src_uris of the SOP pages it reports on)
        and of `extra` (the build date)."""
        own = [self._current.get(uri, "") for uri in shows]
        self._current[src_uri] = digest(self._context[1], json.dumps(own), *extra)

    def changed(self, src_uri: str) -> bool:
        """Whether a generated page must be written again: a page whose fingerprint
        differs from the last build's; always a page without one (an error page)."""
        current = self._current.get(src_uri)
        return current is None or self._built.get(src_uri) != current

    @property
    def context_changed(self) -> bool:
        """Whether what every page shows changed since the last build (then every page,
        generated or not, must be written again)."""
        return self._context[0] != self._context[1]

    def gone(self, keep: set[str]) -> list[str]:
        """Generated pages of the last build that this one no longer has (an SOP renamed
        or deleted), except `keep` (this build's error pages): a dirty preview must
        remove what was written for them."""
        return sorted(set(self._built) - set(self._current) - keep)

    def built(self) -> None:
        """The build finished: its pages are now what `changed` compares with."""
        self._built = dict(self._current)
        self._context = (self._context[1], self._context[1])


__all__ = ["Fingerprints", "digest", "page_context", "shows_sops"]
