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

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

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
    nice = ["nice", "-n", "19"] if background and shutil.which("nice") else []
    # Pagefind and the vocabulary read the same pages, side by side, each in its own
    # process (in the preview server, a thread would hold the interpreter the next
    # rebuild needs). The vocabulary is written once Pagefind is done: Pagefind may empty
    # its output folder.
    project = Path(__file__).resolve().parent.parent
    path = [str(project), *filter(None, [os.environ.get("PYTHONPATH")])]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    words_command = [*nice, sys.executable, "-m", "macros.search", str(site_dir)]
    started: list[subprocess.Popen[str]] = []
    try:
        pagefind = subprocess.Popen(
            [*nice, *pagefind_command(site_dir)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        started.append(pagefind)
        words = subprocess.Popen(
            words_command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        started.append(words)
        stdout, _ = pagefind.communicate(timeout=timeout)
        words_out, words_err = words.communicate(timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind tidak dapat dijalankan: {exc}") from None
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
            process.wait()
    if pagefind.returncode != 0 or not (site_dir / OUTPUT / "pagefind.js").is_file():
        hint = ""
        if "No module named pagefind" in stdout or "FileNotFoundError" in stdout:
            hint = " Pasang dependensi build dengan 'make build' (requirements.txt memuat pagefind)."
        raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian.{hint}\n{stdout.strip()}")
    if words.returncode != 0:
        raise SearchIndexError(f"Kosakata pencarian tidak dapat dibuat:\n{words_err.strip()}")
    write_vocabulary(site_dir, json.loads(words_out))
    return Indexed(_count(stdout, "pages"), _count(stdout, "words"), stdout)


# Words proposed for a misspelling: letters only (no numbers or codes), 4 to 30 of them.
WORD = re.compile(r"[^\W\d_]{4,30}")


@dataclass(frozen=True)
class _Excluded:
    """`EXCLUDE` as two lookups: classes that leave out their element (`.class`), and
    per tag the classes that leave it out when an ancestor has one (`.class tag`)."""

    alone: frozenset[str]
    within: dict[str, frozenset[str]]

    @classmethod
    def of(cls, exclude: tuple[str, ...]) -> _Excluded:
        rules = [
            (parts[0].lstrip("."), parts[1] if len(parts) > 1 else None) for parts in map(str.split, exclude)
        ]
        within: dict[str, set[str]] = {}
        for name, tag in rules:
            if tag is not None:
                within.setdefault(tag, set()).add(name)
        alone = frozenset(name for name, tag in rules if tag is None)
        return cls(alone, {tag: frozenset(names) for tag, names in within.items()})


def _indexed_text(page: str, excluded: _Excluded, parser: etree.HTMLParser) -> list[str]:
    """The text pieces Pagefind indexes in one page: inside the (first) element marked
    `data-pagefind-body`, outside every excluded element. Parsed from that element's
    start tag on (libxml2, in C): the navigation before it, which lists every SOP, is
    never parsed."""
    marker = page.find("data-pagefind-body")
    try:
        root = etree.fromstring(page[max(page.rfind("<", 0, marker), 0) :], parser)
    except etree.LxmlError:  # nothing libxml2 can read
        return []
    body = (
        None
        if root is None
        else next((e for e in root.iter() if e.get("data-pagefind-body") is not None), None)
    )
    if body is None:
        return []
    out: list[str] = []
    # Depth first, in document order, without recursion: (element, its ancestors'
    # classes) to enter, or the tail text of an element whose inside is done.
    todo: list[tuple[etree._Element, frozenset[str]] | str] = [(body, frozenset())]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        element, above = item
        classes = frozenset((element.get("class") or "").split())
        if element is body or not (
            classes & excluded.alone or above & excluded.within.get(element.tag, frozenset())
        ):
            if element.text:
                out.append(element.text)
            inner = above | classes
            for child in reversed(element):
                if child.tail:
                    todo.append(child.tail)
                if isinstance(child.tag, str):  # not a comment
                    todo.append((child, inner))
    return out


def vocabulary(site_dir: Path, exclude: tuple[str, ...] = EXCLUDE) -> list[str]:
    """The words of the indexed text of every page of a built site, in lower case, most
    frequent first (then alphabetical), at most VOCABULARY_SIZE."""
    excluded, parser = _Excluded.of(exclude), etree.HTMLParser(huge_tree=True)  # no depth limit
    counts: Counter[str] = Counter()
    for page in _pages(site_dir):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "data-pagefind-body" not in text:
            continue  # not indexed (a page excluded from search, a verification page)
        pieces = _indexed_text(text, excluded, parser)
        counts.update(w.lower() for w in WORD.findall(" ".join(pieces)))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:VOCABULARY_SIZE]]


def _pages(site_dir: Path) -> list[Path]:
    """The HTML pages of a built site, in order, without walking into Pagefind's output
    (which Pagefind may be writing meanwhile)."""
    pages = []
    for folder, subfolders, names in os.walk(site_dir):
        subfolders[:] = [name for name in subfolders if name != OUTPUT]
        pages += [Path(folder, name) for name in names if name.endswith(".html")]
    return sorted(pages)


def write_vocabulary(site_dir: Path, words: list[str]) -> Path:
    """The vocabulary file of a built, indexed site (`<site>/pagefind/kosakata.json`)."""
    path = site_dir / OUTPUT / VOCABULARY
    path.write_text(json.dumps({"kata": words}, ensure_ascii=False), encoding="utf-8")
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


if __name__ == "__main__":  # the vocabulary of a built site, as JSON (`index_site`)
    print(json.dumps(vocabulary(Path(sys.argv[1]))))  # ASCII: whatever the pipe's encoding


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
