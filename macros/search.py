"""Indonesian search: a Pagefind index of the built site, for Material's search box.

Material's own search (lunr) has no Indonesian stemmer, so "pengiriman" never finds
"mengirim". Pagefind (pinned in requirements.txt; the binary comes from the
`pagefind_bin` wheel) indexes the built HTML with the Snowball Indonesian stemmer
(`--force-language id`) into `<site>/pagefind/`, and the site answers queries from
those static files in the browser: no server, nothing fetched from elsewhere.

Material's header search box stays as it is: `overrides/main.html` points its search
worker at `assets/pagefind-material.js`, which answers Material's worker messages
from Pagefind. Material's search plugin still writes `search/search_index.json`; it
is cut down to its `config` part (the separator Material's result highlighting
needs on the target page), so browsers do not download the whole text twice
(`edge/internals.trim_lunr_index`).

What is indexed: every page's content (Material's <article>, marked
`data-pagefind-body` by the hook: `edge/internals.mark_body`), minus `EXCLUDE`:
lists of other SOPs (which would make every SOP name match the catalog and the home
page) and the second and third views of a procedure (the step list and the Mermaid
diagram repeat the official table). SOP pages carry their title, unit and nomor as
Pagefind metadata with weights above the body
(`templates/sop_header.html`).

Plain Python; called by the MkDocs hook after each build (also under `mkdocs serve`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

LANGUAGE = "id"
OUTPUT = "pagefind"
EXCLUDE = (
    ".sop-katalog",  # the catalog's lists (docs/katalog/)
    ".sop-filter",  # the catalog's filter form
    ".sop-list",  # tables of SOPs (unit pages)
    ".sop-relmap",  # the relation map of a unit page
    ".sop-recent",  # the home page's recently changed SOPs
    ".sop-relasi",  # "SOP Terkait": names of other SOPs
    ".sop-view--langkah",  # the step list repeats the official table
    ".sop-view--bagan",  # so does the Mermaid diagram (and its source)
    ".sop-cetak",  # print furniture (watermark, footer)
    ".headerlink",  # the ¶ of each heading
    ".sop-breadcrumb",  # Katalog › instansi › unit: in every SOP page
    ".sop-banner",  # the KONSEP/DICABUT notice: the same words in every such page
    # Labels printed on every SOP page (Unit, Nomor SOP, Dasar Hukum, Kegiatan, ...):
    ".sop-facts dt",
    ".sop-identitas th",
    ".sop-kotak th",
    ".sop-prosedur thead",
)


def uses_pagefind(extra: Mapping[str, object]) -> bool:
    """Whether the site's search is Pagefind (mkdocs.yml `extra.pencarian`, the default)
    or Material's own lunr; ValueError with the editor's message for anything else."""
    engine = extra.get("pencarian", "pagefind")
    if engine not in ("pagefind", "lunr"):
        raise ValueError(f"extra.pencarian: diharapkan 'pagefind' atau 'lunr', ditemukan '{engine}'")
    return engine == "pagefind"


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why (for the build log)."""


@dataclass(frozen=True)
class Indexed:
    pages: int
    words: int
    output: str  # Pagefind's log


def pagefind_command(site_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT,
        "--force-language",
        LANGUAGE,
        "--exclude-selectors",
        ", ".join(EXCLUDE),
    ]


def index_site(site_dir: Path, timeout: float = 300, background: bool = False) -> Indexed:
    """Index a built site with Pagefind into `site_dir/pagefind/`. `background`: at the
    lowest CPU priority (`nice`), so that it never slows what the reader waits for (the
    preview's next rebuild)."""
    command = pagefind_command(site_dir)
    if background and shutil.which("nice"):
        command = ["nice", "-n", "19", *command]
    try:
        done = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind tidak dapat dijalankan: {exc}") from None
    if done.returncode != 0 or not (site_dir / OUTPUT / "pagefind.js").is_file():
        hint = ""
        if "No module named pagefind" in done.stdout or "FileNotFoundError" in done.stdout:
            hint = " Pasang dependensi build dengan 'make build' (requirements.txt memuat pagefind)."
        raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian.{hint}\n{done.stdout.strip()}")
    return Indexed(_count(done.stdout, "pages"), _count(done.stdout, "words"), done.stdout)


def _count(log: str, what: str) -> int:
    for line in log.splitlines():
        words = line.split()
        if len(words) == 3 and words[0] == "Indexed" and words[2] == what and words[1].isdigit():
            return int(words[1])
    return 0


class BackgroundIndex:
    """Indexing in a background thread, one run at a time (the preview server: the
    changed page shows at once, search follows). Builds that end while a run is going
    make one more run afterwards, of the newest site. `run(site_dir)` does the work;
    `failed(message)` hears of a run that raised SearchIndexError."""

    def __init__(self, run: Callable[[Path], object], failed: Callable[[str], object]) -> None:
        self.run, self.failed = run, failed
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.running = False  # changed only under the lock
        self.again: Path | None = None

    def index(self, site_dir: Path) -> None:
        with self.lock:
            if self.running:
                self.again = site_dir
                return
            self.running = True
            self.thread = threading.Thread(target=self._loop, args=(site_dir,), daemon=True)
            self.thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Until the runs asked for so far are done (tests)."""
        while self.thread is not None and self.thread.is_alive():
            self.thread.join(timeout)

    def _loop(self, site_dir: Path | None) -> None:
        while site_dir is not None:
            try:
                self.run(site_dir)
            except SearchIndexError as exc:
                self.failed(str(exc))
            with self.lock:
                site_dir, self.again = self.again, None
                self.running = site_dir is not None


__all__ = [
    "EXCLUDE",
    "BackgroundIndex",
    "Indexed",
    "SearchIndexError",
    "index_site",
    "pagefind_command",
    "uses_pagefind",
]
