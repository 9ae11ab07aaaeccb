"""Compare two built sites page by page, ignoring only what must differ between builds.

    python -m bench.sitediff SITE_A SITE_B [--show N] [--ignore-blank-lines]

Every file of both sites is compared byte for byte after these normalisations, and
nothing else:

- the generator tag (`<meta name="generator" content="mkdocs-1.6.1, ...">`): MkDocs and
  ProperDocs name themselves there;
- the build dates of `sitemap.xml` (`<lastmod>`), and `sitemap.xml.gz` is compared
  decompressed (gzip stores the time it was written);
- Pagefind's index (`pagefind/`): its files are named by a hash of what they hold, so
  they are compared by content: the set of pages indexed with their text and metadata
  must be the same, file names aside.

`--ignore-blank-lines` also drops whitespace-only lines of HTML pages: for comparing
with a build from before rendered parts were put back by a Markdown postprocessor
(`macros/edge/pages.py`), since Python-Markdown strips the end of its output after its
postprocessors, so a page whose last part ended with a line break has one blank line
less at the end of its content.

Exit status 0 when the sites are the same, 1 when they differ (the differences are
listed, with the first lines that differ), 2 on bad arguments. Plain Python; used by
`tests/test_properdocs.py` and to check a restructuring (docs/kinerja.md).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")
PAGEFIND = "pagefind"


@dataclass
class SiteDiff:
    """What differs between two sites (paths relative to the site root)."""

    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)
    changed: dict[str, str] = field(default_factory=dict)  # path -> the first lines that differ
    compared: int = 0  # files compared

    @property
    def same(self) -> bool:
        return not (self.only_a or self.only_b or self.changed)

    def report(self, show: int = 10) -> str:
        if self.same:
            return f"Sama: {self.compared} berkas dibandingkan, tidak ada perbedaan."
        lines = [
            f"Berbeda: {len(self.only_a)} berkas hanya di A, {len(self.only_b)} hanya di B, "
            f"{len(self.changed)} berisi lain (dari {self.compared} berkas)."
        ]
        lines += [f"  hanya di A: {p}" for p in self.only_a[:show]]
        lines += [f"  hanya di B: {p}" for p in self.only_b[:show]]
        for path, diff in list(self.changed.items())[:show]:
            lines += [f"  berisi lain: {path}", *("    " + d for d in diff.splitlines())]
        return "\n".join(lines)


def normalise(path: str, data: bytes, blank_lines: bool = True) -> bytes:
    """A file's bytes without what must differ between two builds of the same site
    (and without the whitespace-only lines of a page, unless `blank_lines`)."""
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    if path.endswith((".html", ".htm")):
        data = GENERATOR.sub(b'<meta name="generator" content="">', data)
        if not blank_lines:
            data = b"\n".join(line for line in data.split(b"\n") if line.strip())
    if path.endswith(("sitemap.xml", "sitemap.xml.gz")):
        data = LASTMOD.sub(b"<lastmod></lastmod>", data)
    return data


def _files(site: Path) -> dict[str, Path]:
    return {
        p.relative_to(site).as_posix(): p
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.relative_to(site).parts[0] != PAGEFIND
    }


def _first_difference(a: bytes, b: bytes, context: int = 2) -> str:
    try:
        left, right = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"(biner: {len(a)} dan {len(b)} bita)"
    diff = list(difflib.unified_diff(left, right, "A", "B", n=context, lineterm=""))
    return "\n".join(line[:200] for line in diff[:12])


def pagefind_content(site: Path) -> dict[str, object]:
    """What Pagefind indexed, by content, not by its hash-named files: every fragment
    (a page's URL, text and metadata), decompressed and decoded, keyed by URL; and the
    languages of the index."""
    folder = site / PAGEFIND
    if not folder.is_dir():
        return {}
    fragments = {}
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        text = data.removeprefix(b"pagefind_dcd").decode("utf-8")
        fragment = json.loads(text)
        fragments[fragment["url"]] = fragment
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = {lang: info.get("page_count") for lang, info in entry.get("languages", {}).items()}
    static = {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix in (".js", ".css") and p.name != "pagefind-entry.json"
    }
    return {"fragments": fragments, "languages": languages, "static": static}


def compare_sites(a: Path, b: Path, blank_lines: bool = True) -> SiteDiff:
    result = SiteDiff()
    files_a, files_b = _files(a), _files(b)
    result.only_a = sorted(set(files_a) - set(files_b))
    result.only_b = sorted(set(files_b) - set(files_a))
    for path in sorted(set(files_a) & set(files_b)):
        result.compared += 1
        left = normalise(path, files_a[path].read_bytes(), blank_lines)
        right = normalise(path, files_b[path].read_bytes(), blank_lines)
        if left != right:
            result.changed[path] = _first_difference(left, right)
    index_a, index_b = pagefind_content(a), pagefind_content(b)
    if index_a or index_b:
        result.compared += 1
        if index_a != index_b:
            pages_a = set(index_a.get("fragments", {}))  # type: ignore[arg-type]
            pages_b = set(index_b.get("fragments", {}))  # type: ignore[arg-type]
            result.changed[f"{PAGEFIND}/ (isi indeks)"] = (
                f"halaman hanya di A: {sorted(pages_a - pages_b)[:5]}; "
                f"hanya di B: {sorted(pages_b - pages_a)[:5]}"
            )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bandingkan dua situs hasil build, halaman demi halaman.")
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--show", type=int, default=10, help="perbedaan yang ditampilkan per jenis")
    parser.add_argument(
        "--ignore-blank-lines",
        action="store_true",
        help="abaikan baris kosong di halaman HTML (lihat docstring modul)",
    )
    args = parser.parse_args(argv)
    for site in (args.a, args.b):
        if not site.is_dir():
            print(f"{site}: bukan folder situs", file=sys.stderr)
            return 2
    result = compare_sites(args.a, args.b, blank_lines=not args.ignore_blank_lines)
    print(result.report(args.show))
    return 0 if result.same else 1


if __name__ == "__main__":
    sys.exit(main())
