"""The version code (`versi`): a fingerprint of what an SOP's page shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import PROJECT

from macros.index import load_portal
from macros.render.opendata import render_json
from macros.render.print_parts import PrintSettings, footer_text, render_cetak
from macros.render.sop import render_header
from macros.validation import validate_sop
from macros.versi import LENGTH, versi_of
from macros.yamlio import ParseCache

SOURCE = """\
# a comment
nama: Penerimaan Surat
instansi: Pemerintah Kabupaten Contoh
unit: Kecamatan Contoh
tanggal_pembuatan: 2024-03-01
status: konsep
disahkan_oleh: {jabatan: Camat}
pelaksana: [Staf, Camat]
langkah:
  - kegiatan: Menerima surat
    pelaksana: Staf
    waktu: 1 hari
  - kegiatan: Mendisposisi surat
    pelaksana: Camat
    waktu: 2 hari
"""

# The same content: comments, key order, flow/block style, quoting and date spelling differ.
SAME = """\
status: 'konsep'
pelaksana:
  - Staf
  - Camat
nama: "Penerimaan Surat"
unit: Kecamatan Contoh   # trailing comment
instansi: Pemerintah Kabupaten Contoh
disahkan_oleh:
  jabatan: Camat
tanggal_pembuatan: 1 Maret 2024
langkah:
  - {pelaksana: Staf, kegiatan: Menerima surat, waktu: 1 hari}
  - pelaksana: Camat
    waktu: 2 hari
    kegiatan: Mendisposisi surat
"""


def versi(front: str, body: str = "") -> str:
    sop, errors, _ = validate_sop(ParseCache(None).parse(front))
    assert sop is not None, errors
    return versi_of(sop, body)


def test_the_same_content_gives_the_same_code_whatever_the_formatting() -> None:
    code = versi(SOURCE, "Satu paragraf.\n")
    assert len(code) == LENGTH and all(c in "0123456789abcdef" for c in code)
    assert versi(SAME, "\nSatu paragraf.   \n\n\n") == code
    assert code == "890eebb45a78"  # the same on every machine and in every release


def test_any_change_to_what_the_page_shows_gives_another_code() -> None:
    base = versi(SOURCE)
    changed = [
        SOURCE.replace("waktu: 2 hari", "waktu: 3 hari"),
        SOURCE.replace("[Staf, Camat]", "[Staf, Camat, Sekcam]"),
        SOURCE.replace("Menerima surat", "Menerima surat masuk"),
        SOURCE.replace("status: konsep", "status: dicabut"),
        SOURCE.replace("{jabatan: Camat}", "{jabatan: Camat, nama: Budi}"),
        SOURCE + "dasar_hukum: [UU 43/2009]\n",
    ]
    codes = {versi(text) for text in changed}
    assert base not in codes and len(codes) == len(changed)
    assert versi(SOURCE, "Uraian.") != base


def test_the_code_is_shown_in_open_data_on_the_page_and_on_every_printed_page() -> None:
    portal = load_portal(PROJECT)
    entries = {e["id"]: e for e in json.loads(render_json(portal))}
    for record in portal.records:
        code = versi_of(record.sop, record.body)
        assert entries[record.id]["versi"] == code
        header = render_header(portal, record, "../../../")
        assert f'<dt>Kode versi</dt><dd><code class="sop-versi" data-versi="{code}">{code}</code>' in header
        assert f"Kode versi: {code}" in footer_text(record.sop, None, code)
        cetak = render_cetak(record, "../../../", PrintSettings(site_url="https://sop.example.go.id/"))
        assert f"Kode versi: {code}" in _css_text(cetak)


def _css_text(html: str) -> str:
    """The text of the CSS strings of the print setup (hex escapes decoded)."""
    return re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), html)


def test_a_copied_project_gives_the_same_codes(tmp_path: Path) -> None:
    from helpers import FIXTURES, make_project

    project = make_project(tmp_path, FIXTURES / "good-minimal" / "sop_src")
    here = {r.id: versi_of(r.sop, r.body) for r in load_portal(FIXTURES / "good-minimal").records}
    there = {r.id: versi_of(r.sop, r.body) for r in load_portal(project).records}
    assert here == there and here
