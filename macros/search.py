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
(`templates/sop_header.html`); every other page (the editor guide, the portal's own
pages) is indexed at `OTHER_WEIGHT` and carries a Pagefind filter (`edge/internals.mark_body`),
by which the search worker lists SOP pages first.

The vocabulary (`VOCABULARY`, written next to the index): the words Pagefind indexed,
most frequent first, read from the same marked content minus the same `EXCLUDE`
(`vocabulary`). The search worker proposes the nearest of them for a misspelt word
("pengirman": "Mungkin maksud Anda: pengiriman").

Plain Python; called by the MkDocs hook after each build (also under `mkdocs serve`).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

LANGUAGE = "id"
OUTPUT = "pagefind"
VOCABULARY = "kosakata.json"  # in OUTPUT: {"kata": [word, ...]}, most frequent first
VOCABULARY_SIZE = 20000  # the most frequent words kept (a few hundred KB at most)
# Pages that are not SOPs (guide, home, catalog) weigh this much against an SOP page's
# body text (Pagefind's data-pagefind-weight, 1 by default).
OTHER_WEIGHT = 0.2
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
    ".sop-riwayat",  # an SOP's past versions and their problems (old names, old typos)
    ".sop-kabar-unit-bagian",  # a unit page's latest changes (other SOPs' words)
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
    write_vocabulary(site_dir)
    return Indexed(_count(done.stdout, "pages"), _count(done.stdout, "words"), done.stdout)


# Words proposed for a misspelling: letters only (no numbers or codes), 4 to 30 of them.
WORD = re.compile(r"[^\W\d_]{4,30}")
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


class _BodyEnd(Exception):
    """The element marked `data-pagefind-body` has ended: the rest is not read."""


class _IndexedText(HTMLParser):
    """The text Pagefind indexes in one page: inside the element marked
    `data-pagefind-body`, outside every `EXCLUDE` selector (`.class` or `.class tag`).
    Fed from that element's start tag on, it raises _BodyEnd at its end tag: what lies
    around it (header, navigation, footer) is never parsed."""

    def __init__(self, exclude: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = [
            (parts[0].lstrip("."), parts[1] if len(parts) > 1 else None) for parts in map(str.split, exclude)
        ]
        self.stack: list[tuple[str, frozenset[str], bool, bool]] = []  # tag, classes, body, excluded
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        named = dict(attrs)
        classes = frozenset((named.get("class") or "").split())
        body = (bool(self.stack) and self.stack[-1][2]) or "data-pagefind-body" in named
        above = {c for entry in self.stack for c in entry[1]}
        excluded = (bool(self.stack) and self.stack[-1][3]) or any(
            (own is None and name in classes) or (own == tag and name in above) for name, own in self.rules
        )
        self.stack.append((tag, classes, body, excluded))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                if not self.stack:
                    raise _BodyEnd
                return

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][2] and not self.stack[-1][3]:
            self.text.append(data)


def vocabulary(site_dir: Path, exclude: tuple[str, ...] = EXCLUDE) -> list[str]:
    """The words of the indexed text of every page of a built site, in lower case, most
    frequent first (then alphabetical), at most VOCABULARY_SIZE."""
    counts: Counter[str] = Counter()
    for page in sorted(site_dir.rglob("*.html")):
        if OUTPUT in page.relative_to(site_dir).parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        marker = text.find("data-pagefind-body")
        if marker < 0:
            continue  # not indexed (a page excluded from search, a verification page)
        parser = _IndexedText(exclude)
        with contextlib.suppress(_BodyEnd):
            parser.feed(text[text.rfind("<", 0, marker) :])
        counts.update(w.lower() for w in WORD.findall(" ".join(parser.text)))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:VOCABULARY_SIZE]]


def write_vocabulary(site_dir: Path) -> Path:
    """The vocabulary file of a built, indexed site (`<site>/pagefind/kosakata.json`)."""
    path = site_dir / OUTPUT / VOCABULARY
    path.write_text(json.dumps({"kata": vocabulary(site_dir)}, ensure_ascii=False), encoding="utf-8")
    return path


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
    "OTHER_WEIGHT",
    "VOCABULARY",
    "BackgroundIndex",
    "Indexed",
    "SearchIndexError",
    "index_site",
    "pagefind_command",
    "uses_pagefind",
    "vocabulary",
    "write_vocabulary",
]
