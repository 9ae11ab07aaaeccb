"""Hostile text: SOP text is data, never HTML, Markdown or a template.

One SOP holds hostile strings in every text field; the site builds strictly, every
value reads back literally as text, nothing from the input becomes a script, an
element, an event handler or a template expression, and the free Markdown body is
sanitised.
"""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import Build, build_site, page_text, page_title, squash

HOSTILE = [
    "<script>alert(1)</script>",
    "<b>x</b>",
    "**bold**",
    "[a](javascript:alert(1))",
    "{{ config }}",
    "{% raw %}",
    "</title><script>x()</script>",
    "\"'",
    "[x] (y) {z} <w> &amp;",
]
EVIL = " ".join(HOSTILE)
SOP_ID = "kab-contoh/kec-contoh/berbahaya"
PAGE = f"sop/{SOP_ID}/index.html"


def q(text: str) -> str:
    """A YAML scalar holding text exactly (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


# Field -> its hostile value. Each starts with a marker so it is found on its own.
VALUES = {
    "nama": f"Nama {EVIL}",
    "nomor": f"Nomor {EVIL}",
    "instansi": f"Instansi {EVIL}",
    "unit": f"Unit {EVIL}",
    "alamat": f"Alamat {EVIL}",
    "telepon": f"Telepon {EVIL}",
    "email": f"Email {EVIL}",
    "website": f"Website {EVIL}",
    "jabatan": f"Jabatan {EVIL}",
    "pengesah": f"Pengesah {EVIL}",
    "pangkat": f"Pangkat {EVIL}",
    "dasar_hukum": f"Dasar {EVIL}",
    "kualifikasi_pelaksana": f"Kualifikasi {EVIL}",
    "keterkaitan": f"Keterkaitan {EVIL}",
    "peralatan_perlengkapan": f"Peralatan {EVIL}",
    "peringatan": f"Peringatan {EVIL}",
    "pencatatan_pendataan": f"Pencatatan {EVIL}",
    "role": f"Peran {EVIL}",
    "kegiatan": f"Kegiatan {EVIL}",
    "kelengkapan": f"Kelengkapan {EVIL}",
    "waktu": f"Waktu {EVIL}",
    "output": f"Output {EVIL}",
    "keterangan": f'```\n--8<-- "mkdocs.yml"\nKeterangan {EVIL}',
    "label": f"Ya {EVIL}",
    "kegiatan2": "```python",
}
ROLES = ["end", "click", "<b>x</b>", VALUES["role"], "--8<--"]

SOURCE = f"""\
---
nama: {q(VALUES["nama"])}
nomor: {q(VALUES["nomor"])}
instansi: {q(VALUES["instansi"])}
unit: {q(VALUES["unit"])}
alamat: {q(VALUES["alamat"])}
telepon: {q(VALUES["telepon"])}
email: {q(VALUES["email"])}
website: {q(VALUES["website"])}
tanggal_pembuatan: 2024-01-02
tanggal_efektif: 2024-01-15
disahkan_oleh:
  jabatan: {q(VALUES["jabatan"])}
  nama: {q(VALUES["pengesah"])}
  pangkat: {q(VALUES["pangkat"])}
dasar_hukum: [{q(VALUES["dasar_hukum"])}, "--8<-- \\"mkdocs.yml\\""]
kualifikasi_pelaksana: {q(VALUES["kualifikasi_pelaksana"])}
keterkaitan: [{q(VALUES["keterkaitan"])}]
peralatan_perlengkapan: [{q(VALUES["peralatan_perlengkapan"])}, "```"]
peringatan: {q(VALUES["peringatan"])}
pencatatan_pendataan: {q(VALUES["pencatatan_pendataan"])}
pelaksana: [{", ".join(q(r) for r in ROLES)}]
langkah:
  - kegiatan: {q(VALUES["kegiatan"])}
    pelaksana: [end, click]
    kelengkapan: {q(VALUES["kelengkapan"])}
    waktu: {q(VALUES["waktu"])}
    output: [{q(VALUES["output"])}]
    keterangan: {q(VALUES["keterangan"])}
    keputusan:
      {q(VALUES["label"])}: 2
      "Tidak <i>": 1
  - kegiatan: {q(VALUES["kegiatan2"])}
    pelaksana: [{q("<b>x</b>")}, {q(VALUES["role"])}, "--8<--"]
---
Uraian <script>alert(1)</script> <img src=x onerror="alert(2)">
[tautan](javascript:alert(3)) <a href="javascript:alert(4)" onclick="alert(5)">klik</a>
<p onmouseover="alert(6)" style="color:red">paragraf</p>

Templat: {{{{ config }}}} dan {{% raw %}} tetap tertulis.

```
--8<-- "mkdocs.yml"
```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    sources = {
        "kab-contoh/kec-contoh/berbahaya.md": SOURCE,
    }
    return build_site(tmp_path_factory.mktemp("hostile"), sources)


@pytest.fixture(scope="module")
def html(built: Build) -> str:
    return (built.site / PAGE).read_text(encoding="utf-8")


def test_builds_strictly(built: Build) -> None:
    assert built.returncode == 0, built.output


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the content of every <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _elements(markup: str) -> _Elements:
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser


def _html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert files
    return files


def test_no_script_or_handler_from_the_input_in_any_page(built: Build) -> None:
    for path in _html_files(built.site):
        markup = path.read_text(encoding="utf-8")
        where = path.relative_to(built.site)
        assert "<script>alert" not in markup and "<script>x()" not in markup, where
        parsed = _elements(markup)
        for script in parsed.scripts:
            assert "alert(" not in script and "x()" not in script, where
        for tag, attrs in parsed.tags:
            if tag == "script" and "src" in attrs:  # only the site's own files
                src = attrs["src"]
                target = built.site / src.lstrip("/") if src.startswith("/") else path.parent / src
                assert target.resolve().is_relative_to(built.site.resolve()) and target.is_file(), (
                    where,
                    src,
                )
            for name, value in attrs.items():
                assert not (name.startswith("on") and "alert" in value), (where, tag, name, value)
                if name in ("href", "src", "action", "formaction"):
                    assert not value.strip().lower().startswith("javascript:"), (where, tag, name, value)
        # No element from the input: <b>x</b>, <w>, <i> only ever appear escaped. The one
        # kind of <img> allowed is the editor guide's own pictures (docs/panduan/gambar/).
        assert not any(
            tag == "w" or (tag == "img" and not _guide_picture(path, attrs)) for tag, attrs in parsed.tags
        ), where


def _guide_picture(page: Path, attrs: dict[str, str]) -> bool:
    """A screenshot of the editor guide: marked as one, on a guide page, a file of the site."""
    src = attrs.get("src", "")
    return (
        "gambar-panduan" in attrs.get("class", "").split()
        and "panduan" in page.parts
        and src.startswith("../gambar/")
        and (page.parent / src).is_file()
    )


@pytest.mark.parametrize("field", list(VALUES))
def test_every_value_reads_back_literally(html: str, field: str) -> None:
    assert squash(VALUES[field]) in page_text(html)


def test_roles_read_back_literally(html: str) -> None:
    header = re.search(r'<table class="sop-prosedur".*?</thead>', html, re.S)
    assert header is not None
    assert page_text(header.group(0), inside=None).endswith(
        " ".join([*(squash(r) for r in ROLES), "Kelengkapan Waktu Output"])
    )
    assert 'data-pelaksana="&lt;b&gt;x&lt;/b&gt;"' in html


def test_page_title_holds_the_escaped_name(html: str) -> None:
    assert page_title(html) == f"{VALUES['nama']} - Portal SOP"
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert "<" not in title.group(1) and "&lt;/title&gt;&lt;script&gt;" in title.group(1)
    heading = re.search(r'<h1 class="sop-title">(.*?)</h1>', html, re.S)
    assert heading is not None and "&lt;script&gt;" in heading.group(1)


def test_templates_are_not_rendered(html: str) -> None:
    text = page_text(html)
    assert text.count("{{ config }}") >= len(VALUES) - 2
    assert "{% raw %}" in text
    assert "site_name" not in text and "'theme'" not in text
    assert "Templat: {{ config }} dan {% raw %} tetap tertulis." in text


def test_search_index_holds_text_not_markup(built: Build) -> None:
    """The search index (Pagefind) stores what the page shows as text: the hostile
    strings are characters, not elements (the browser test checks results render them
    as text)."""
    fragments = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (built.site / "pagefind" / "fragment").iterdir()
    ]
    (page,) = [f for f in fragments if f["url"] == f"/sop/{SOP_ID}/"]
    assert VALUES["nama"] in page["meta"]["title"]
    assert "<script>alert(1)</script>" in page["content"]
    for fragment in fragments:
        assert "&lt;" not in fragment["meta"].get("title", "")  # not escaped twice


def test_navigation_holds_escaped_text(built: Build) -> None:
    markup = (built.site / "katalog/index.html").read_text(encoding="utf-8")
    nav = markup[markup.index('class="md-nav md-nav--primary"') : markup.index("md-sidebar--secondary")]
    assert "Instansi &lt;script&gt;alert(1)&lt;/script&gt;" in nav
    assert f"Instansi {EVIL}" in page_text(nav, inside=None)
    footer = markup[markup.index('class="md-footer__inner') :]
    assert f"Unit {EVIL}" in page_text(footer, inside=None)


def _uraian(html: str) -> str:
    match = re.search(r'<h2 id="uraian">.*?(?=<h2 id=)', html, re.S)
    assert match is not None
    return match.group(0)


def test_body_is_markdown_sanitised(html: str) -> None:
    body = _uraian(html)
    for unsafe in ("<script", "onerror", "onclick", "onmouseover", "javascript:", "<img", "style="):
        assert unsafe not in body.lower(), unsafe
    text = page_text(body, inside=None)
    assert "alert(" not in text
    assert "tautan" in text and "klik" in text and "paragraf" in text
    assert '--8<-- "mkdocs.yml"' in text  # a snippet line is shown, never included


def test_open_data_keeps_the_text_exactly(built: Build) -> None:
    (entry,) = json.loads((built.site / "sop.json").read_text(encoding="utf-8"))
    assert entry["nama"] == VALUES["nama"]
    assert entry["langkah"][0]["keterangan"] == VALUES["keterangan"]
    assert entry["langkah"][0]["keputusan"] == {VALUES["label"]: 2, "Tidak <i>": 1}
    assert entry["pelaksana"] == ROLES
