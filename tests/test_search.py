"""Indonesian search and browsing in the built site, without a browser: the Pagefind
index, what is marked for it, Material's search box wired to it, the catalog filter's
markup, and the category pages.

The strict builds here (the sample content with Pagefind, the same with Material's own
lunr search as it was configured, with Material's default lunr pipeline, and a tiny
hostile site) are shared with tests/test_browser_search.py through the session-scoped
`search_sites` fixture.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from helpers import PROJECT, Build, make_project, page_text, run_builds, sop_pages

from macros.edge.internals import mark_body
from macros.search import (
    EXCLUDE,
    OTHER_WEIGHT,
    VOCABULARY,
    SearchIndexError,
    index_site,
    pagefind_command,
    vocabulary,
)

PAGEFIND_LINE = "pencarian: !ENV [PORTAL_SOP_PENCARIAN, pagefind]"
TRIMMER_LINE = "      pipeline: [trimmer]\n"

HOSTILE_UNIT = "instansi: Pemerintah <i>Kabupaten</i>\nunit: Kantor {{ unit }} & Co\n"
HOSTILE = """---
nama: "<img src=x onerror=alert(1)> Pengiriman Surat {{ nama }}"
nomor: "070/<b>1</b>"
tanggal_pembuatan: 2024-01-01
tanggal_efektif: 2024-01-02
disahkan_oleh: {jabatan: Camat, nama: "A <script>alert(2)</script>"}
kategori: ["<script>alert(3)</script>", "Persuratan & Arsip"]
pelaksana: [Staf]
langkah:
  - {kegiatan: "Mengirim surat <script>alert(4)</script>", pelaksana: Staf}
---
"""

# Each variant: a name, and how its mkdocs.yml differs from the project's.
VARIANTS = {
    "pagefind": [],
    "lunr": [(PAGEFIND_LINE, "pencarian: lunr")],
    "lunr-standar": [(PAGEFIND_LINE, "pencarian: lunr"), (TRIMMER_LINE, "")],
    "hostile": [],
}


@pytest.fixture(scope="session")
def search_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """Strict builds of the sample content (Pagefind; lunr as the portal configured it;
    lunr with Material's default pipeline) and of a hostile one-SOP site."""
    jobs = []
    for name, changes in VARIANTS.items():
        tmp = tmp_path_factory.mktemp(f"search-{name}")
        if name == "hostile":
            project = make_project(
                tmp,
                {"kab-x/kec-y/_unit.yml": HOSTILE_UNIT, "kab-x/kec-y/pengiriman.md": HOSTILE},
            )
        else:
            project = make_project(tmp, PROJECT / "sop_src")
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, f"mkdocs.yml no longer has {old!r}"
            text = text.replace(old, new)
        config.write_text(text, encoding="utf-8")
        jobs.append((project, tmp / "site"))
    builds = dict(zip(VARIANTS, run_builds(jobs), strict=True))
    for name, build in builds.items():
        assert build.returncode == 0, f"{name} build failed:\n{build.output}"
    return builds


def _html(build: Build, path: str) -> str:
    return (build.site / path).read_text(encoding="utf-8")


# ---------------------------------------------------------------- the index


def test_the_build_writes_an_indonesian_pagefind_index(search_sites: dict[str, Build]) -> None:
    build = search_sites["pagefind"]
    entry = json.loads(_html(build, "pagefind/pagefind-entry.json"))
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["wasm"] == "id"  # the Snowball Indonesian stemmer
    indexed = entry["languages"]["id"]["page_count"]
    pages = len(sop_pages(build.site))
    assert pages >= 7 and indexed > pages  # every SOP page, and the hand-written pages
    assert re.search(r"INFO +- +Indeks pencarian \(Pagefind, bahasa Indonesia\): \d+ halaman", build.output)
    assert (build.site / "pagefind" / "pagefind.js").is_file()


def test_material_lunr_index_is_cut_to_its_config(search_sites: dict[str, Build]) -> None:
    data = json.loads(_html(search_sites["pagefind"], "search/search_index.json"))
    assert data["docs"] == [] and "separator" in data["config"]
    full = json.loads(_html(search_sites["lunr"], "search/search_index.json"))
    assert len(full["docs"]) > 20
    assert not (search_sites["lunr"].site / "pagefind").exists()


def test_every_sop_page_is_marked_for_the_index(search_sites: dict[str, Build]) -> None:
    build = search_sites["pagefind"]
    for path in sop_pages(build.site):
        html = path.read_text(encoding="utf-8")
        assert html.count("data-pagefind-body") == 1, path
        assert '<h1 class="sop-title"><span data-pagefind-meta="title" data-pagefind-weight="10">' in html
        assert '<dd data-pagefind-meta="unit[data-unit], instansi[data-instansi]" data-unit="' in html
    lkj = _html(build, "sop/kab-malang/kec-kalipare/penyusunan-lkj/index.html")
    # the number may break after its slashes on a phone (<wbr>); Pagefind reads its text
    nomor = re.search(r'<dd data-pagefind-meta="nomor" data-pagefind-weight="8">(.*?)</dd>', lkj)
    assert nomor and nomor.group(1).replace("<wbr>", "") == "070 / / 35.07.11/2019"
    assert "data-pagefind-body" not in _html(build, "404.html")
    assert "data-pagefind-body" not in _html(build, "kategori/index.html")  # search: exclude
    assert "data-pagefind-body" in _html(build, "panduan/index.html")
    assert "data-pagefind-body" not in _html(search_sites["lunr"], "index.html")


def test_material_search_box_is_pointed_at_the_pagefind_worker(search_sites: dict[str, Build]) -> None:
    html = _html(search_sites["pagefind"], "sop/kab-malang/kec-kalipare/pengiriman-surat/index.html")
    script = html.index('config.search = "../../../../assets/pagefind-material.js"')
    assert html.index('id="__config"') < script < html.index("assets/javascripts/bundle.")
    assert 'data-md-component="search-query"' in html  # Material's own search box
    assert (search_sites["pagefind"].site / "assets" / "pagefind-material.js").is_file()
    lunr = _html(search_sites["lunr"], "sop/kab-malang/kec-kalipare/pengiriman-surat/index.html")
    assert "pagefind-material.js" not in lunr


def test_nothing_is_loaded_from_outside_the_site(search_sites: dict[str, Build]) -> None:
    for path in search_sites["pagefind"].site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        fetched = re.findall(r'<(?:script|img|iframe|source)\b[^>]*\bsrc="((?:https?:)?//[^"]*)"', html)
        links = re.findall(r"<link\b[^>]*>", html)
        fetched += [
            tag
            for tag in links
            if re.search(r'rel="(?:stylesheet|icon|preload|modulepreload)"', tag)
            and re.search(r'href="(?:https?:)?//', tag)
        ]
        assert fetched == [], path


def test_pagefind_options() -> None:
    command = pagefind_command(Path("/tmp/x"))
    assert command[command.index("--force-language") + 1] == "id"
    selectors = command[command.index("--exclude-selectors") + 1]
    assert selectors == ", ".join(EXCLUDE) and ".sop-katalog" in selectors


def test_pages_that_are_not_sops_weigh_less(search_sites: dict[str, Build]) -> None:
    """SOP pages come before the editor guide in the results (the ranking itself:
    test_browser_search)."""
    build = search_sites["pagefind"]
    weighted = (
        '<article class="md-content__inner md-typeset" data-pagefind-body'
        f' data-pagefind-weight="{OTHER_WEIGHT}" data-pagefind-filter="jenis:halaman">'
    )
    for path in ("panduan/index.html", "panduan/galat/index.html", "index.html", "kinerja/index.html"):
        assert weighted in _html(build, path), path
    for path in sop_pages(build.site):
        assert 'data-pagefind-weight="0' not in path.read_text(encoding="utf-8"), path
    assert 0 < OTHER_WEIGHT < 1


def test_the_build_writes_the_vocabulary_of_the_index(search_sites: dict[str, Build]) -> None:
    build = search_sites["pagefind"]
    words = json.loads(_html(build, f"pagefind/{VOCABULARY}"))["kata"]
    assert words == vocabulary(build.site)
    assert {"pengiriman", "penerimaan", "surat", "koordinasi"} <= set(words)
    assert len(words) == len(set(words)) and all(w == w.lower() and len(w) >= 4 for w in words)
    assert words.index("surat") < words.index("koordinasi")  # most frequent first
    assert "nomor" in words  # in page text; not only from the labels EXCLUDE leaves out


def test_vocabulary_reads_what_pagefind_indexes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        "<html><head><title>Judulhalaman</title></head><body><nav>Navigasi</nav>"
        '<article data-pagefind-body><h1>Pengiriman surat<a class="headerlink">Tautan</a></h1>'
        '<p>Surat dikirim, <br>lalu <img src="x.png">diarsipkan 2024 abc</p>'
        '<dl class="sop-facts"><dt>Labelnya</dt><dd>Isinya</dd></dl>'
        '<div class="sop-relasi"><p>Relasinya</p></div><div class="sop-riwayat"><p>Pengadministrasi</p></div>'
        "</article><footer>Kakinya</footer></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "x.html").write_text("<p data-pagefind-body>Pagefindnya</p>", encoding="utf-8")
    (tmp_path / "v").mkdir()  # a page not marked for the index (a verification page)
    (tmp_path / "v" / "index.html").write_text("<main><p>Verifikasinya</p></main>", encoding="utf-8")
    assert vocabulary(tmp_path) == ["surat", "diarsipkan", "dikirim", "isinya", "lalu", "pengiriman"]


def test_vocabulary_survives_odd_pages(tmp_path: Path) -> None:
    pages = {
        "teks": "<p>Halaman tentang atribut data-pagefind-body saja</p>",  # the words, not the mark
        # nested deeper than libxml2's default limit (256), which would drop the text:
        "dalam": "<article data-pagefind-body>"
        + "<div>" * 1000
        + "Terdalam"
        + "</div>" * 1000
        + "</article>",
        "kosong": "data-pagefind-body",
    }
    for name, html in pages.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(html, encoding="utf-8")
    assert vocabulary(tmp_path) == ["terdalam"]


def test_an_empty_site_cannot_be_indexed(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="Pagefind gagal membuat indeks pencarian"):
        index_site(tmp_path)


def test_mark_body() -> None:
    page = '<body><article class="md-content__inner md-typeset"><h1>x</h1></article></body>'
    assert mark_body(page) == page.replace('md-typeset">', 'md-typeset" data-pagefind-body>')
    other = 'data-pagefind-filter="jenis:halaman"'
    given = f'data-pagefind-body data-pagefind-weight="0.2" {other}'
    weighted = page.replace('md-typeset">', f'md-typeset" {given}>')
    assert mark_body(page, 0.2) == weighted
    assert mark_body("<body><article>x</article></body>") is None


def test_hostile_names_are_escaped_in_the_indexed_page(search_sites: dict[str, Build]) -> None:
    build = search_sites["hostile"]
    (page,) = sop_pages(build.site)
    html = page.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html
    title = re.search(r'<h1 class="sop-title"[^>]*>(.*?)</h1>', html)
    assert title and "{{" not in title.group(1)
    assert "&lt;img src=x onerror=alert(1)&gt; Pengiriman Surat &#123;&#123; nama &#125;&#125;" in html
    tags = _html(build, "kategori/index.html")
    assert "<script>alert(3)" not in tags and "&lt;script&gt;alert(3)&lt;/script&gt;" in tags


def test_the_index_holds_hostile_names_as_text(search_sites: dict[str, Build]) -> None:
    """Pagefind keeps page text as text (it escapes its excerpts; the worker escapes
    titles and metadata, see test_browser_search)."""
    fragments = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (search_sites["hostile"].site / "pagefind" / "fragment").iterdir()
    ]
    (page,) = [f for f in fragments if f["url"] == "/sop/kab-x/kec-y/pengiriman/"]
    name = "<img src=x onerror=alert(1)> Pengiriman Surat {{ nama }}"
    assert page["meta"]["title"] == name
    assert page["meta"]["unit"] == "Kantor {{ unit }} & Co" and page["meta"]["nomor"] == "070/<b>1</b>"
    assert name in page["content"] and "Mengirim surat <script>alert(4)</script>" in page["content"]


# ---------------------------------------------------------------- browsing


def test_small_things_readers_see(search_sites: dict[str, Build]) -> None:
    """Issue 13: the footer in Indonesian (the last change in words: test_history), the
    step list's legend and decision tag, a letterhead without logo marked as such, and
    the column names a phone shows on the catalog's cards."""
    build = search_sites["pagefind"]
    page = _html(build, "sop/kab-malang/kec-kalipare/pengiriman-surat/index.html")
    assert "Made with" not in page and re.search(r"Dibuat dengan\s*<a [^>]*>\s*Material for MkDocs", page)
    assert '<ul class="sop-langkah-legenda" aria-label="Arti bentuk nomor langkah">' in page
    assert "keputusan (langkah berikutnya menurut jawabannya)" in page
    assert page.count('<p class="sop-langkah__tanda sop-langkah__tanda--keputusan">Keputusan</p>') == 2
    assert '<td class="sop-kop sop-kop--tanpa-logo" rowspan="6">' in page
    catalog = _html(build, "katalog/index.html")
    for label in ("Nomor", "Status", "Tanggal Efektif"):
        assert catalog.count(f'<td data-label="{label}">') == 7
    assert "assets/portal-katalog.css" in catalog


def test_catalog_filter_markup_and_full_list_without_javascript(search_sites: dict[str, Build]) -> None:
    html = _html(search_sites["pagefind"], "katalog/index.html")
    assert re.search(r'<form class="sop-filter" id="sop-filter" role="search"[^>]* hidden>', html)
    assert '<script src="../assets/katalog-filter.js" defer></script>' in html
    assert html.index("assets/bentuk-kata.js") < html.index("assets/katalog-filter.js")
    rows = re.findall(r'<tr data-status="(\w+)" data-teks="([^"]*)" data-kategori="([^"]*)">', html)
    assert len(rows) == len(sop_pages(search_sites["pagefind"].site))
    assert ("konsep", "pengiriman surat", "[&#34;Persuratan&#34;]") in rows
    for label in ("Semua instansi", "Semua unit", "Semua status", "Semua kategori"):
        assert label in html
    assert (
        '<optgroup label="Pemerintah Kabupaten Malang" data-instansi="pemerintah-kabupaten-malang">' in html
    )
    text = page_text(html)
    for name in (
        "Pengiriman Surat",
        "Penyusunan LKJ",
        "Penyusunan Laporan Kinerja Instansi Pemerintah (LKIP)",
    ):
        assert name in text


def test_category_pages_list_the_sops_of_each_kategori(search_sites: dict[str, Build]) -> None:
    build = search_sites["pagefind"]
    html = _html(build, "kategori/index.html")
    assert re.search(r'<h2 id="kategori-persuratan">\s*<span class="md-tag">Persuratan</span>', html)
    section = html[html.index('id="kategori-persuratan"') :]
    assert "Pengiriman Surat" in section and "Penerimaan Surat Masuk" in section
    page = _html(build, "sop/kab-malang/kec-kalipare/pengiriman-surat/index.html")
    assert '<a href="../../../../kategori/#kategori-persuratan" class="md-tag">Persuratan</a>' in page


def test_unit_page_has_the_relation_map(search_sites: dict[str, Build]) -> None:
    html = _html(
        search_sites["pagefind"], "katalog/pemerintah-kabupaten-malang/kantor-kecamatan-kalipare/index.html"
    )
    assert '<h2 id="peta-keterkaitan">Peta keterkaitan SOP</h2>' in html
    assert '<svg class="sop-relmap__svg"' in html
    other = _html(
        search_sites["pagefind"],
        "katalog/pemerintah-provinsi-jambi/badan-pengelolaan-keuangan-dan-pendapatan-daerah/index.html",
    )
    assert "Belum ada keterkaitan antar-SOP di unit ini" in other


def test_background_index_runs_once_more_for_builds_that_end_while_it_runs(tmp_path: Path) -> None:
    """The preview indexes in the background: a run at a time, and builds that end
    during a run make exactly one more run, of the newest site."""
    import threading

    from macros.search import BackgroundIndex, SearchIndexError

    started, release = threading.Event(), threading.Event()
    runs: list[Path] = []
    failures: list[str] = []

    def run(site: Path) -> None:
        runs.append(site)
        if len(runs) == 1:
            started.set()
            release.wait(10)
        if site.name == "rusak":
            raise SearchIndexError("Pagefind gagal")

    background = BackgroundIndex(run, failures.append)
    background.index(tmp_path / "satu")
    assert started.wait(10)
    background.index(tmp_path / "dua")
    background.index(tmp_path / "tiga")
    release.set()
    background.wait(10)
    assert runs == [tmp_path / "satu", tmp_path / "tiga"]
    background.index(tmp_path / "rusak")
    background.wait(10)
    assert failures == ["Pagefind gagal"] and runs[-1] == tmp_path / "rusak"
