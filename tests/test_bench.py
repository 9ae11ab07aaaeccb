"""The benchmark's generator and tables (bench/, `make bench`): not timed.

The synthetic SOPs must be the same for the same seed, valid for the portal (no error,
no warning: the benchmark builds with --strict), shaped as issue 7 asks (20 units,
6 pelaksana, 12 langkah, 2 decisions sending work back), and the baseline project must
build strictly as plain Markdown. The tables are checked on a results dictionary.
"""

from __future__ import annotations

import filecmp
import gzip
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import PROJECT, Build, run_builds, sop_pages

from bench import report
from bench.generate import (
    commit_history,
    generate,
    make_plain_project,
    make_portal_project,
    plain_config,
    units,
    write_sources,
)
from bench.run import category, gz_size, tally
from macros.index import load_portal
from macros.model import Rujukan
from macros.riwayat import build_riwayat

N = 60  # three SOPs per unit


def _same_tree(a: Path, b: Path) -> bool:
    compared = filecmp.dircmp(a, b)
    if compared.left_only or compared.right_only or compared.diff_files or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, compared.common_files, shallow=False)
    return not mismatch and not errors and all(_same_tree(a / d, b / d) for d in compared.common_dirs)


def test_same_seed_same_sops_and_files(tmp_path: Path) -> None:
    first, second = generate(N), generate(N)
    assert [(s.id, s.data, s.body) for s in first] == [(s.id, s.data, s.body) for s in second]
    write_sources(first, tmp_path / "a")
    write_sources(second, tmp_path / "b")
    assert _same_tree(tmp_path / "a", tmp_path / "b")


def test_another_seed_other_sops() -> None:
    assert [s.data for s in generate(20, seed=1)] != [s.data for s in generate(20, seed=2)]


def test_a_larger_run_starts_with_the_smaller_one() -> None:
    """N=1,000 holds the SOPs of N=100 and more: sizes compare like with like."""
    small, large = generate(40), generate(80)
    assert [s.id for s in small] == [s.id for s in large[:40]]


def test_shape_of_the_synthetic_sops() -> None:
    sops = generate(N)
    assert len({s.id for s in sops}) == N
    assert len(units()) == 20
    assert len({u.instansi for u in units()}) == 4
    assert set(Counter(s.unit.folder for s in sops).values()) == {N // 20}
    for sop in sops:
        data = sop.data
        assert len(data["pelaksana"]) == 6
        assert len(data["langkah"]) == 12
        decisions = [
            (i, step["keputusan"]) for i, step in enumerate(data["langkah"], 1) if "keputusan" in step
        ]
        assert len(decisions) == 2
        for number, branches in decisions:
            assert len(branches) == 2
            assert any(target < number for target in branches.values()), "a rework loop goes back"
        assert 2 <= len(data["dasar_hukum"]) <= 4
        for box in ("kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan"):
            assert 2 <= len(data[box]) <= 3, box
        assert 2 <= len(data["pencatatan_pendataan"]) <= 3
        for target, _ in sop.references:
            assert target.rsplit("/", 1)[0] == sop.unit.folder, "references stay in the unit"
    assert sum(1 for s in sops if s.references) >= N // 3


def test_synthetic_sources_are_valid_for_the_portal(tmp_path: Path) -> None:
    write_sources(generate(N), tmp_path / "sop_src")
    portal = load_portal(tmp_path)  # raises SourceErrors on any error
    assert len(portal.records) == N
    assert portal.warnings == []
    assert len(portal.units) == 20
    assert sum(1 for r in portal.records for k in r.sop.keterkaitan if isinstance(k, Rujukan)) > 0
    assert {r.sop.status for r in portal.records} <= {"berlaku", "konsep", "dicabut"}


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml's own tags (!ENV, !!python/name) read as plain values."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def test_plain_config_drops_the_machinery() -> None:
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = [("Pemerintah Kota Contoh", [("Dinas Contoh", "katalog/a/b/index.md")])]
    config = yaml.load(plain_config(text, nav), Loader=_AnyTags)
    assert "hooks" not in config
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert "macros" not in plugins
    assert "search" in plugins
    assert config["extra"]["pencarian"] == "lunr"
    catalog = next(item for item in config["nav"] if "Katalog" in item)["Katalog"]
    assert catalog == [
        "katalog/index.md",
        {"Pemerintah Kota Contoh": [{"Dinas Contoh": "katalog/a/b/index.md"}]},
    ]
    original = yaml.load(text, Loader=_AnyTags)
    assert config["theme"] == original["theme"]
    assert config["markdown_extensions"] == original["markdown_extensions"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """The benchmark's two projects at 20 SOPs, built strictly."""
    tmp = tmp_path_factory.mktemp("bench")
    sops = generate(20)
    jobs = [
        (make_portal_project(sops, tmp / "portal"), tmp / "portal-site"),
        (make_plain_project(sops, tmp / "plain"), tmp / "plain-site"),
    ]
    portal, plain = run_builds(jobs, parallel=2)
    return {"portal": portal, "plain": plain}


def test_both_projects_build_strictly_with_the_same_sop_pages(builds: dict[str, Build]) -> None:
    for name, done in builds.items():
        assert done.returncode == 0, f"{name}:\n{done.output}"
    portal = {p.relative_to(builds["portal"].site) for p in sop_pages(builds["portal"].site)}
    plain = {p.relative_to(builds["plain"].site) for p in sop_pages(builds["plain"].site)}
    assert len(portal) == 20
    assert portal == plain
    for unit in units():
        assert (builds["plain"].site / "katalog" / unit.slug / "index.html").is_file()
    assert (builds["plain"].site / "sop.json").read_text(encoding="utf-8") == "[]\n"  # a stand-in
    assert not (builds["plain"].site / "pagefind").exists()  # Material's own search


def test_the_portal_project_has_three_versions_of_every_sop(tmp_path: Path) -> None:
    sops = generate(N)
    commit_history(sops, tmp_path)
    portal = load_portal(tmp_path)
    riwayat = build_riwayat(tmp_path, portal.records, portal.hari_ini)
    assert riwayat.notice is None
    for sop in sops:
        versions = riwayat.by_sop[sop.id].versions
        assert [(v.pesan, v.valid) for v in versions] == [
            ("Konsep SOP", True),
            ("SOP disahkan", True),
            ("Revisi SOP", True),
        ], sop.id
        assert versions[0].status == "konsep" and versions[-1].status == sop.data["status"]
        assert versions[-1].commit is not None  # today's sources are the last commit


# ---------------------------------------------------------------- the tables


def _results() -> dict[str, Any]:
    def side(wall: list[float], site: int) -> dict[str, Any]:
        return {
            "builds": [{"wall": w, "cpu": w * 0.9, "maxrss_kb": 102400} for w in wall],
            "site_bytes": site,
        }

    return {
        "sizes": [
            {
                "n": 1000,
                "portal": side([12.0, 10.0, 11.0], 60 * 1024 * 1000),
                "plain": side([10.0, 9.0, 10.0], 40 * 1024 * 1000),
                "first_view": {
                    "portal": {"total": 200 * 1024, "mermaid": 300 * 1024},
                    "plain": {"total": 150 * 1024},
                },
                "search": {"index_gz": 900 * 1024, "per_query": 950 * 1024, "per_query_pasted": 900 * 1024},
            },
            {
                "n": 5000,
                "portal": side([60.0], 300 * 1024 * 5000),
                "plain": side([50.0], 40 * 1024 * 5000),
                "search": {"index_gz": 4500 * 1024, "per_query": 4600 * 1024},
            },
        ],
        "serve": {
            "n": 1000,
            "modes": [
                {"mode": "make serve", "http": 10.0, "browser": 11.0},
                {"mode": "mkdocs serve --strict", "http": 1.0, "browser": 2.0},  # not the target's
            ],
        },
    }


def test_numbers_in_english_and_indonesian() -> None:
    assert report.number(1234.56, 1) == "1,234.6"
    assert report.number(1234.56, 1, "id") == "1.234,6"
    assert report.number(5000, 0, "id") == "5.000"
    assert report.number(None) == "-"


def test_table_is_markdown_with_numbers_right_aligned() -> None:
    text = report.table(["SOP", "s"], [["100", "1.5"], ["1,000", "12.25"]])
    assert text.splitlines() == [
        "| SOP   | s     |",
        "|:------|------:|",
        "| 100   |   1.5 |",
        "| 1,000 | 12.25 |",
    ]


def test_build_rows_use_medians_and_ratios() -> None:
    rows = report.build_rows(_results())
    assert rows[0][:6] == ["1,000", "3+3", "11.0", "10.0", "1.10", "11.0"]
    assert rows[0][9:] == ["100", "100"]
    assert rows[1][:5] == ["5,000", "1+1", "60.0", "50.0", "1.20"]


def test_weight_rows_per_sop_and_unmeasured_cells() -> None:
    rows = report.weight_rows(_results(), "id")
    assert rows[0] == [
        "1.000",
        "58,6",
        "39,1",
        "60,0",
        "40,0",
        "200,0",
        "150,0",
        "300,0",
        "900,0",
        "950,0",
        "900,0",
    ]
    assert rows[1][5:8] == ["-", "-", "-"]
    assert rows[1][10] == "-"


def test_targets_report_met_and_not_met() -> None:
    measured = [(value, met) for _, value, met in report.targets(_results())]
    assert measured == [
        ("1.10x", True),  # 11.0 / 10.0 at 1,000 (medians)
        ("5.45x", True),  # 60 / 11
        ("300.00 KB", False),  # site per SOP: the largest over the sizes from 1,000
        ("200.00 KB", True),  # first view without Mermaid
        ("4,600.00 KB", False),  # search per query at 5,000
        ("11.00 s", False),  # make serve (not the faster mode), in the browser
    ]


def test_site_per_sop_and_added_per_sop() -> None:
    results = _results()
    results["sizes"][1]["portal"]["site_bytes"] = 50 * 1024 * 5000
    assert report.targets(results)[2] == (
        "<= 100 KB of site per SOP at 1,000+ SOPs (largest)",
        "60.00 KB",
        True,
    )
    assert report.marginal_kb(results) == pytest.approx((50 * 5000 - 60 * 1000) / 4000)
    assert report.marginal_kb({"sizes": results["sizes"][:1]}) is None


def test_render_lists_every_target() -> None:
    text = report.render(_results())
    assert text.count("| 1,000 ") == 2
    assert "- build time <= 1.3x baseline at 1,000 SOPs: 1.10x (met)" in text
    assert "- search <= 300 KB fetched per typed query at 5,000 SOPs: 4,600.00 KB (NOT met)" in text
    assert "- serve make serve: page text updated after 10.00 s (HTTP), 11.00 s (browser)" in text


# ---------------------------------------------------------------- what a browser fetches


def test_categories_of_fetched_files() -> None:
    assert category("/sop/a/b/") == "html"
    assert category("/assets/vendor/mermaid/chunks/x.mjs") == "mermaid"
    assert category("/search/search_index.json") == "search"
    assert category("/assets/javascripts/workers/search.a7633da7.min.js") == "search"
    assert category("/pagefind/fragment/x.pf_fragment") == "search"
    assert category("/assets/pagefind-material.js") == "search"
    assert category("/assets/javascripts/bundle.js") == "js"
    assert category("/assets/stylesheets/main.css") == "css"
    assert category("/assets/fonts/x.woff2") == "font"


def test_tally_counts_compressed_bytes_and_leaves_mermaid_out(tmp_path: Path) -> None:
    page, chunk, packed = tmp_path / "index.html", tmp_path / "m.mjs", tmp_path / "x.pf_fragment"
    page.write_text("<p>SOP</p>" * 500, encoding="utf-8")
    chunk.write_text("let a = 1;" * 500, encoding="utf-8")
    packed.write_bytes(gzip.compress(b"fragment " * 200))
    assert gz_size(packed) == packed.stat().st_size  # compressed already: sent as is
    spent = tally([("/", page), ("/assets/vendor/mermaid/m.mjs", chunk), ("/pagefind/x.pf_fragment", packed)])
    assert spent["html"] == gz_size(page) < page.stat().st_size
    assert spent["mermaid"] == gz_size(chunk)
    assert spent["total"] == gz_size(page) + gz_size(packed)
    assert spent["requests"] == 3
