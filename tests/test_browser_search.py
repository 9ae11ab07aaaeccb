"""Search and browsing in the system Chromium: queries typed into Material's header
search box (answered by Pagefind), recall at 5 over Indonesian word forms beside
Material's lunr search, the keyboard, escaping, and the catalog filter. No request
may leave 127.0.0.1.

The recall table is printed with the test output (and written to
`<tmp>/recall.md`); docs/pencarian.md quotes it.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from helpers import Build
from test_search import search_sites  # noqa: F401  (the shared session fixture)

LKJ = (
    "sop/kab-malang/kec-kalipare/penyusunan-lkj/",
    "sop/prov-jambi/bpkpd/penyusunan-lkj/",
    "sop/kab-balangan/kec-tebing-tinggi/penyusunan-lkip/",
)
KIRIM = ("sop/kab-malang/kec-kalipare/pengiriman-surat/",)
PERIKSA = ("sop/kab-malang/kec-kalipare/pemeriksaan-berkas-permohonan/",)
SIAP = ("sop/kab-malang/kec-kalipare/persiapan-rapat-koordinasi/",)
TERIMA = ("sop/kab-malang/kec-kalipare/penerimaan-surat-masuk/",)

# Word families: the forms a citizen may type, and the SOPs named by that word.
FAMILIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "susun": (("menyusun", "penyusunan", "susun", "disusun"), LKJ),
    "kirim": (("mengirim", "pengiriman", "kirim", "dikirim"), KIRIM),
    "periksa": (("memeriksa", "pemeriksaan", "periksa", "diperiksa"), PERIKSA),
    "siap": (("menyiapkan", "persiapan", "siap", "disiapkan"), SIAP),
    "terima": (("menerima", "penerimaan", "terima", "diterima"), TERIMA),
    "mohon": (("memohon", "permohonan", "mohon"), PERIKSA),
}
QUERIES = {query: relevant for forms, relevant in FAMILIES.values() for query in forms}
MUST_FIND = {
    "mengirim": KIRIM,
    "pengiriman": KIRIM,
    "memeriksa": PERIKSA,
    "pemeriksaan": PERIKSA,
    "menyiapkan": SIAP,
    "persiapan": SIAP,
}
ENGINES = {
    "portal": "Portal: Pagefind di kotak cari Material (stemmer + bentuk kata)",
    "pagefind": "Pagefind saja (stemmer Snowball Indonesia)",
    "lunr": "Material lunr, seperti dikonfigurasi sebelumnya (trimmer)",
    "lunr-standar": "Material lunr, pipeline bawaan (stemmer Inggris)",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(search_sites: dict[str, Build]) -> Iterator[dict[str, str]]:  # noqa: F811
    """Each built site on its own 127.0.0.1 port: {variant: base URL ending in /}."""
    servers = []
    bases = {}
    for name, build in search_sites.items():
        handler = functools.partial(_Quiet, directory=str(build.site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        bases[name] = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield bases
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def local_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page and the list of every URL it requests (to check none leaves 127.0.0.1)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        yield context.new_page(), requests
    finally:
        context.close()
    outside = [url for url in requests if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]
    assert outside == [], f"requests left 127.0.0.1: {outside}"


def _settled(page: Any, timeout: float = 8.0) -> None:
    """Wait until the result list has stopped changing."""
    state = "() => document.querySelector('.md-search-result').innerHTML"
    last, same = None, 0
    for _ in range(int(timeout / 0.1)):
        now = page.evaluate(state)
        same = same + 1 if now == last else 0
        if same >= 2:
            return
        last = now
        page.wait_for_timeout(100)


def header_search(
    page: Any, base: str, query: str, keystrokes: bool = True, found: bool = False
) -> list[str]:
    """Type a query into Material's header search box; the result pages, best first,
    as paths under the site root. Without `keystrokes` the text is put in at once and
    one key released (Material reads the box on keyup): one query instead of one per
    letter, for measuring. `found`: the query is known to find something (a misspelt
    word's "Mungkin maksud Anda" results come from a second query): the first result is
    waited for, not only a pause, which a loaded machine can outlast between the two."""
    box = page.locator("input[data-md-component=search-query]")
    if not page.url.startswith(base):
        page.goto(base)
    box.click()
    box.fill("")
    box.press("Backspace")  # Material reads the box on keyup
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__list').children.length"
        " && !/^Mempersiapkan/.test("
        "document.querySelector('.md-search-result__meta').innerText)"
    )
    empty = meta.inner_text()
    if keystrokes:
        box.press_sequentially(query, delay=15)
    else:
        box.fill(query)
        box.press("End")
    page.wait_for_function(f"() => document.querySelector('.md-search-result__meta').innerText !== {empty!r}")
    if found:
        page.wait_for_selector(".md-search-result__item")
    _settled(page)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link:first-child", "els => els.map(e => e.href)"
    )
    return [urlsplit(href).path.removeprefix(urlsplit(base).path) for href in hrefs]


def pagefind_only(page: Any, base: str, query: str) -> list[str]:
    """Pagefind's own ranking for a query (its JavaScript API, no word forms added)."""
    if not page.url.startswith(base):
        page.goto(base)
    urls = page.evaluate(
        """async (q) => {
            const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
            const found = await pf.search(q);
            const pages = await Promise.all(found.results.slice(0, 5).map(r => r.data()));
            return pages.map(p => p.url);
        }""",
        query,
    )
    return [url.lstrip("/") for url in urls]


def recall_at_5(found: list[str], relevant: tuple[str, ...]) -> float:
    return len(set(found[:5]) & set(relevant)) / min(len(relevant), 5)


def typed_at_once(page: Any, base: str, query: str) -> list[str]:
    return header_search(page, base, query, keystrokes=False)


def measure(page: Any, base: str, engine: Callable[[Any, str, str], list[str]]) -> dict[str, list[str]]:
    """The result pages of every query."""
    return {query: engine(page, base, query) for query in QUERIES}


def table(found: dict[str, dict[str, list[str]]]) -> str:
    """The recall table in Markdown: recall at 5 per query and per word family (mean
    over its forms), then over all queries, and how often the first result is one of
    the SOPs sought."""
    names = list(found)
    scores = {n: {q: recall_at_5(found[n][q], QUERIES[q]) for q in QUERIES} for n in names}
    head = "| kueri | " + " | ".join(ENGINES[n] for n in names) + " |"
    lines = [head, "|---|" + "---:|" * len(names)]
    for family, (forms, _) in FAMILIES.items():
        for query in forms:
            lines.append(f"| {query} | " + " | ".join(f"{scores[n][query]:.2f}" for n in names) + " |")
        means = " | ".join(f"{sum(scores[n][q] for q in forms) / len(forms):.2f}" for n in names)
        lines.append(f"| *{family}\u2011 (rata-rata)* | {means} |")
    overall = " | ".join(f"**{sum(scores[n].values()) / len(QUERIES):.2f}**" for n in names)
    lines.append(f"| **recall@5, semua {len(QUERIES)} kueri** | {overall} |")
    first = " | ".join(
        f"{sum(bool(found[n][q]) and found[n][q][0] in QUERIES[q] for q in QUERIES)}/{len(QUERIES)}"
        for n in names
    )
    lines.append(f"| SOP yang dicari di urutan pertama | {first} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- recall


def test_recall_at_5_over_indonesian_word_forms(
    local_page: tuple[Any, list[str]],
    served: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    page, _ = local_page
    found = {
        "portal": measure(page, served["pagefind"], typed_at_once),
        "pagefind": measure(page, served["pagefind"], pagefind_only),
        "lunr": measure(page, served["lunr"], typed_at_once),
        "lunr-standar": measure(page, served["lunr-standar"], typed_at_once),
    }
    text = table(found)
    (tmp_path / "recall.md").write_text(text + "\n", encoding="utf-8")
    with capsys.disabled():
        print(f"\n\nRecall@5, {len(QUERIES)} kueri bentuk kata (konten contoh):\n{text}\n")
    recall = {n: {q: recall_at_5(found[n][q], QUERIES[q]) for q in QUERIES} for n in found}
    mean = {name: sum(values.values()) / len(QUERIES) for name, values in recall.items()}
    assert mean["portal"] >= max(mean["lunr"], mean["lunr-standar"], mean["pagefind"])
    assert mean["portal"] >= 0.95, text
    for query in MUST_FIND:
        assert recall["portal"][query] == 1.0, f"{query}: expected SOP not in the top five\n{text}"


# ---------------------------------------------------------------- the search box


def test_header_search_finds_the_sop_in_the_top_five(
    local_page: tuple[Any, list[str]], served: dict[str, str]
) -> None:
    page, _ = local_page
    for query, expected in MUST_FIND.items():
        found = header_search(page, served["pagefind"], query)  # typed letter by letter
        assert set(expected) <= set(found[:5]), (query, found)


def test_results_look_like_material_with_nama_unit_nomor_and_highlight(
    local_page: tuple[Any, list[str]], served: dict[str, str]
) -> None:
    page, _ = local_page
    found = header_search(page, served["pagefind"], "laporan kinerja")
    assert found[0] in LKJ
    first = page.locator(".md-search-result__item").first
    assert first.locator("article.md-search-result__article h1 mark").count() >= 1
    meta = first.locator(".sop-cari__meta").inner_text()
    assert "Kantor Kecamatan Kalipare · 070 / / 35.07.11/2019 · Berlaku" in {
        meta,
        *page.locator(".sop-cari__meta").all_inner_texts(),
    }
    count = len(page.locator(".md-search-result__item").all())
    assert page.locator(".md-search-result__meta").inner_text() == f"{count} dokumen paling sesuai"


def test_keyboard_opens_the_best_result_with_the_words_highlighted(
    local_page: tuple[Any, list[str]], served: dict[str, str]
) -> None:
    page, _ = local_page
    header_search(page, served["pagefind"], "pengiriman")
    page.keyboard.press("Enter")  # Material: Enter opens the best result
    page.wait_for_url("**/sop/kab-malang/kec-kalipare/pengiriman-surat/**")
    assert "h=" in page.url
    page.wait_for_selector("mark[data-md-highlight]")
    marked = page.locator("mark[data-md-highlight]").all_inner_texts()
    assert any(word.lower().startswith(("pengiriman", "kirim", "dikirim")) for word in marked), marked
    # "/" focuses the search box again; arrows move through the results; Escape closes.
    page.keyboard.press("/")
    box = page.locator("input[data-md-component=search-query]")
    assert box.evaluate("el => el === document.activeElement")
    box.press_sequentially("persiapan", delay=15)
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(400)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.getAttribute('href') || ''")
    assert "persiapan-rapat-koordinasi" in focused
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_names_in_results_are_text_never_markup(
    local_page: tuple[Any, list[str]], served: dict[str, str]
) -> None:
    page, _ = local_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    found = header_search(page, served["hostile"], "pengiriman")
    assert found[0] == "sop/kab-x/kec-y/pengiriman/"
    result = page.locator(".md-search-result__item").first
    assert result.locator("h1").inner_text() == "<img src=x onerror=alert(1)> Pengiriman Surat {{ nama }}"
    assert result.locator("img, script").count() == 0
    assert "Kantor {{ unit }} & Co · 070/<b>1</b> · Berlaku" in result.inner_text()
    assert dialogs == []


def test_sop_pages_rank_above_guide_pages(local_page: tuple[Any, list[str]], served: dict[str, str]) -> None:
    page, _ = local_page
    for query in ("surat", "langkah", "pelaksana"):
        found = header_search(page, served["pagefind"], query, keystrokes=False)
        sops = [i for i, path in enumerate(found) if path.startswith("sop/")]
        others = [i for i, path in enumerate(found) if not path.startswith("sop/")]
        assert sops and (not others or max(sops) < min(others)), (query, found)
    found = header_search(page, served["pagefind"], "surat", keystrokes=False)
    assert set(found[:2]) == {*KIRIM, *TERIMA}, found


def test_a_misspelt_word_offers_the_nearest_word_and_finds_the_sop(
    local_page: tuple[Any, list[str]], served: dict[str, str]
) -> None:
    page, requests = local_page
    found = header_search(page, served["pagefind"], "pengirman", found=True)
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() == "Mungkin maksud Anda: pengiriman"
    assert "Tidak ada hasil untuk \u201cpengirman\u201d" in first.inner_text()
    assert found[1] == KIRIM[0], found
    assert any(url.endswith("/pagefind/kosakata.json") for url in requests)
    # The suggestion opens the search for the word it proposes.
    first.locator("a.md-search-result__link").first.click()
    page.wait_for_selector(".md-search-result__item")
    assert page.locator("input[data-md-component=search-query]").input_value() == "pengiriman"
    # A word far from every known one gets no suggestion; a known word needs none.
    assert header_search(page, served["pagefind"], "zzqxwv") == []
    assert page.locator(".md-search-result__meta").inner_text() == "Tidak ada dokumen yang sesuai"
    assert (
        PERIKSA[0] in header_search(page, served["pagefind"], "pemeriksan", keystrokes=False, found=True)[:3]
    )


def test_nearest_word_is_bounded(local_page: tuple[Any, list[str]], served: dict[str, str]) -> None:
    page, _ = local_page
    page.goto(served["pagefind"] + "katalog/")
    got = page.evaluate(
        """() => {
            const k = self.PortalKata, words = ["pengiriman", "penerimaan", "surat", "rapat"];
            return [
                k.nearest("pengirman", words), k.nearest("pengiriamn", words), k.nearest("suart", words),
                k.nearest("surat", words), k.nearest("srt", words), k.nearest("pngrmn", words),
                k.distance("kitten", "sitting", 5), k.distance("abcdef", "uvwxyz", 2)
            ];
        }"""
    )
    assert got == ["pengiriman", "pengiriman", "surat", None, None, None, 3, 3]


# ---------------------------------------------------------------- what a search fetches


def _pagefind_files(requests: list[str], folder: str = "/pagefind/") -> list[str]:
    return [url for url in requests if folder in urlsplit(url).path]


def test_opening_a_page_fetches_no_pagefind_file_until_a_search(
    local_page: tuple[Any, list[str]], served: dict[str, str]
) -> None:
    page, requests = local_page
    page.goto(served["pagefind"] + KIRIM[0], wait_until="networkidle")
    page.wait_for_timeout(1000)  # the search worker starts after the page
    assert any(url.endswith("/assets/pagefind-material.js") for url in requests)
    assert _pagefind_files(requests) == []
    found = header_search(page, served["pagefind"], "pemeriksaan")
    assert set(PERIKSA) <= set(found[:5]), found
    assert any(url.endswith("/pagefind/pagefind.js") for url in requests)


def test_typing_loads_the_details_of_the_final_query_only(
    local_page: tuple[Any, list[str]], served: dict[str, str]
) -> None:
    """Material sends a query per key ("p", "pe", ... "pemeriksaan"); the worker
    searches the last one only, and loads one fragment per result shown."""
    page, requests = local_page
    page.goto(served["pagefind"] + KIRIM[0], wait_until="networkidle")
    page.click("input[data-md-component=search-query]")
    page.keyboard.type("pemeriksaan", delay=20)
    page.wait_for_selector(".md-search-result__item")
    _settled(page)
    page.wait_for_load_state("networkidle")
    shown = page.locator(".md-search-result__item").count()
    fragments = _pagefind_files(requests, "/pagefind/fragment/")
    assert 1 <= len(fragments) <= shown <= 10, fragments
    first = page.locator(".md-search-result__item a.md-search-result__link").first.get_attribute("href")
    assert PERIKSA[0] in (first or "")


def test_an_address_with_a_query_opens_the_search_with_its_results(
    local_page: tuple[Any, list[str]], served: dict[str, str]
) -> None:
    page, _ = local_page
    page.goto(served["pagefind"] + KIRIM[0] + "?q=persiapan")
    page.wait_for_selector(".md-search-result__item")
    assert page.locator("#__search").is_checked()
    first = page.locator(".md-search-result__item a.md-search-result__link").first.get_attribute("href")
    assert SIAP[0] in (first or "")


# ---------------------------------------------------------------- the catalog filter


def _visible_names(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        ".sop-katalog tr[data-teks] td:first-child a",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)",
    )


def test_catalog_filter(local_page: tuple[Any, list[str]], served: dict[str, str]) -> None:
    page, _ = local_page
    page.goto(served["pagefind"] + "katalog/")
    form = page.locator("#sop-filter")
    assert form.is_visible()
    total = len(_visible_names(page))
    assert total == 7
    assert form.locator(".sop-filter__count").inner_text() == "Menampilkan semua 7 SOP."
    page.fill("#sop-filter-kata", "surat")
    assert sorted(_visible_names(page)) == ["Penerimaan Surat Masuk", "Pengiriman Surat"]
    assert form.locator(".sop-filter__count").inner_text() == "Menampilkan 2 dari 7 SOP."
    assert "kata=surat" in page.url
    assert not page.locator("#__search").is_checked()  # typing "s" did not open Material's search
    page.fill("#sop-filter-kata", "")
    page.select_option("#sop-filter-status", "berlaku")
    assert sorted(_visible_names(page)) == [
        "Penyusunan LKJ",
        "Penyusunan Laporan Kinerja (LKj)",
        "Penyusunan Laporan Kinerja Instansi Pemerintah (LKIP)",
    ]
    page.select_option("#sop-filter-instansi", "pemerintah-provinsi-jambi")
    assert _visible_names(page) == ["Penyusunan LKJ"]
    assert page.locator("section.sop-katalog__instansi:visible h2").all_inner_texts() == [
        "Pemerintah Provinsi Jambi"
    ]
    hidden_groups = page.eval_on_selector_all("#sop-filter-unit optgroup", "gs => gs.map(g => g.disabled)")
    assert hidden_groups.count(False) == 1
    page.select_option("#sop-filter-instansi", "")
    page.select_option("#sop-filter-status", "")
    page.select_option("#sop-filter-kategori", "Persuratan")
    assert sorted(_visible_names(page)) == ["Penerimaan Surat Masuk", "Pengiriman Surat"]
    page.fill("#sop-filter-kata", "tidak ada yang begini")
    assert _visible_names(page) == []
    assert page.locator(".sop-filter__none").is_visible()
    page.click("#sop-filter button[type=reset]")
    page.wait_for_timeout(50)
    assert len(_visible_names(page)) == total
    assert "?" not in page.url
    # A filtered address opens filtered: ?kata=lkj&status=berlaku
    page.goto(served["pagefind"] + "katalog/?kata=lkj&status=berlaku")
    assert sorted(_visible_names(page)) == ["Penyusunan LKJ", "Penyusunan Laporan Kinerja (LKj)"]
    assert page.input_value("#sop-filter-kata") == "lkj"


def test_catalog_filter_finds_the_word_forms_the_search_finds(
    local_page: tuple[Any, list[str]], served: dict[str, str]
) -> None:
    page, _ = local_page
    page.goto(served["pagefind"] + "katalog/")
    form = page.locator("#sop-filter")
    for word, name in (
        ("kirim", "Pengiriman Surat"),
        ("dikirim", "Pengiriman Surat"),
        ("mengirim", "Pengiriman Surat"),
        ("periksa", "Pemeriksaan Kelengkapan Berkas Permohonan Pelayanan"),
        ("terima", "Penerimaan Surat Masuk"),
    ):
        page.fill("#sop-filter-kata", word)
        page.wait_for_function(
            "name => [...document.querySelectorAll('.sop-katalog tr[data-teks] td:first-child a')]"
            ".some(a => a.offsetParent !== null && a.textContent === name)",
            arg=name,
        )
        assert _visible_names(page) == [name], word
        assert form.locator(".sop-filter__count").inner_text() == "Menampilkan 1 dari 7 SOP."
    # The counts follow the filter: the unit's heading and each list's options.
    assert page.locator(".sop-katalog__unit:visible .sop-katalog__jumlah").all_inner_texts() == ["(1 SOP)"]
    statuses = page.eval_on_selector_all("#sop-filter-status option", "os => os.map(o => o.textContent)")
    assert statuses == ["Semua status", "Berlaku (0)", "Konsep (1)"]
    page.fill("#sop-filter-kata", "")
    page.wait_for_timeout(50)
    statuses = page.eval_on_selector_all("#sop-filter-status option", "os => os.map(o => o.textContent)")
    assert statuses == ["Semua status", "Berlaku (3)", "Konsep (4)"]
    page.select_option("#sop-filter-status", "berlaku")
    units = page.eval_on_selector_all("#sop-filter-instansi option", "os => os.map(o => o.textContent)")
    assert units == [
        "Semua instansi",
        "Pemerintah Kabupaten Balangan (1)",
        "Pemerintah Kabupaten Malang (1)",
        "Pemerintah Provinsi Jambi (1)",
    ]


WORDS_WHOLE = """(selector) => {
    const broken = [];
    for (const el of document.querySelectorAll(selector)) {
        if (el.offsetParent === null) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.textContent.matchAll(/[^\\s\\/]+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) broken.push(m[0]);
            }
        }
    }
    return broken;
}"""


@pytest.mark.parametrize(
    "path", ["katalog/", "katalog/pemerintah-kabupaten-malang/kantor-kecamatan-kalipare/"]
)
def test_catalog_and_unit_lists_fit_a_phone_without_breaking_words(
    browser: Any, served: dict[str, str], path: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(served["pagefind"] + path)
        assert page.eval_on_selector_all(".sop-list", "ts => ts.length") >= 1
        assert page.evaluate(WORDS_WHOLE, ".sop-list td") == []
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        # Each row is a card naming its columns.
        first = page.locator(".sop-list tbody tr").first
        assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
        label = first.locator("td[data-label]").first.evaluate(
            "td => getComputedStyle(td, '::before').content"
        )
        assert label == '"Nomor: "'
    finally:
        context.close()


def test_catalog_without_javascript_lists_everything(browser: Any, served: dict[str, str]) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served["pagefind"] + "katalog/")
        assert not page.locator("#sop-filter").is_visible()
        assert len(_visible_names(page)) == 7
    finally:
        context.close()
