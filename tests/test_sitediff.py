"""The whole-site comparison (bench/sitediff.py) ignores what must differ between two
builds and nothing else."""

from __future__ import annotations

import gzip
from pathlib import Path

from helpers import write_files

from bench.sitediff import compare_sites, main

PAGE = '<html><head><meta name="generator" content="{}"></head><body>\n<p>{}</p>\n\n</body></html>'


def site(root: Path, generator: str, text: str, lastmod: str, extra: dict[str, str] | None = None) -> Path:
    write_files(
        root,
        {
            "index.html": PAGE.format(generator, text),
            "sitemap.xml": f"<url><loc>x</loc><lastmod>{lastmod}</lastmod></url>",
            **(extra or {}),
        },
    )
    sitemap = (root / "sitemap.xml").read_bytes()
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap, mtime=sum(map(ord, lastmod))))
    return root


def test_generator_tag_and_build_dates_are_ignored(tmp_path: Path) -> None:
    a = site(tmp_path / "a", "mkdocs-1.6.1, mkdocs-material-9.8.1", "Halo", "2026-01-01")
    b = site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1", "Halo", "2026-12-07")
    result = compare_sites(a, b)
    assert result.same and result.compared == 3
    assert main([str(a), str(b)]) == 0


def test_a_changed_or_missing_page_is_reported(tmp_path: Path) -> None:
    a = site(tmp_path / "a", "g", "Halo", "d", {"sop/x/index.html": "<p>x</p>"})
    b = site(tmp_path / "b", "g", "Hai", "d", {"sop/y/index.html": "<p>y</p>"})
    result = compare_sites(a, b)
    assert result.only_a == ["sop/x/index.html"] and result.only_b == ["sop/y/index.html"]
    assert list(result.changed) == ["index.html"] and "+<p>Hai</p>" in result.changed["index.html"]
    assert main([str(a), str(b)]) == 1


def test_blank_lines_count_unless_asked(tmp_path: Path) -> None:
    a = site(tmp_path / "a", "g", "Halo", "d")
    b = site(tmp_path / "b", "g", "Halo", "d")
    html = (b / "index.html").read_text(encoding="utf-8")
    (b / "index.html").write_text(html.replace("\n\n", "\n"), encoding="utf-8")
    assert not compare_sites(a, b).same
    assert compare_sites(a, b, blank_lines=False).same
