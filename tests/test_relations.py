"""Relations between SOPs: references both ways, suggestions for texts that name an SOP,
the relation map of a unit page, and category tags.

Plain Python over the core (no site build), except one strict build that shows a
suggestion is reported at INFO and never fails the build.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
import yaml
from helpers import PROJECT, build_site, page_text, write_files

from macros.cli import check_sources, run_check
from macros.index import INVERSE, Portal, load_portal
from macros.relations import THRESHOLD, edges_of, match_sop, normalise_name, suggest_references
from macros.render.katalog import filter_attributes, tag_name, tags_front_matter
from macros.render.relmap import MAX_NODES, build_relmap, render_relmap
from macros.render.sop import (
    outgoing_links,
    render_header,
    render_identitas,
    render_prosedur,
    render_relasi,
)

UNIT = "instansi: Pemerintah Kabupaten Malang\nunit: Kantor Kecamatan Kalipare\n"
KALIPARE = "sop_src/kab-malang/kec-kalipare"


def sop(nama: str, extra: str = "", steps: str = "") -> str:
    """A valid draft SOP (konsep: no nomor or signer needed)."""
    steps = steps or "  - kegiatan: Mengerjakan\n    pelaksana: Staf\n"
    return (
        f"---\nnama: {nama}\nstatus: konsep\ntanggal_pembuatan: 2024-01-01\n"
        f"disahkan_oleh:\n  jabatan: Camat\n{extra}pelaksana: [Staf]\nlangkah:\n{steps}---\n"
    )


def portal_of(tmp_path: Path, files: dict[str, str]) -> Portal:
    write_files(tmp_path, {f"{KALIPARE}/_unit.yml": UNIT, **files})
    return load_portal(tmp_path)


# ---------------------------------------------------------------- references both ways


def test_every_reference_of_the_samples_resolves_and_every_backlink_is_complete() -> None:
    portal = load_portal(PROJECT)
    written = [(r.id, e) for r in portal.records for e in edges_of(r)]
    assert written, "the sample content has relations"
    for source, edge in written:
        assert edge.target in portal.by_id, f"{source} refers to a missing SOP {edge.target}"
    expected = set()
    for source, edge in written:
        jenis = {"langkah": "langkah", "diganti-oleh": "diganti"}.get(edge.jenis) or INVERSE[edge.jenis]
        expected.add((edge.target, source, jenis))
    found = {(target, link.id, link.jenis) for target, links in portal.backlinks.items() for link in links}
    assert found == expected


@pytest.mark.parametrize(
    ("jenis", "seen_from_target"),
    [
        ("terkait", "Terkait"),
        ("prasyarat", "Lanjutan"),
        ("lanjutan", "Prasyarat"),
        ("bagian-dari", "Mencakup"),
    ],
)
def test_a_reference_reads_from_the_other_side_with_the_inverse_kind(
    tmp_path: Path, jenis: str, seen_from_target: str
) -> None:
    portal = portal_of(
        tmp_path,
        {
            f"{KALIPARE}/a.md": sop(
                "Persiapan Rapat", f"keterkaitan: [{{sop: kab-malang/kec-kalipare/b, jenis: {jenis}}}]\n"
            ),
            f"{KALIPARE}/b.md": sop("Penerimaan Surat"),
        },
    )
    a, b = portal.get("kab-malang/kec-kalipare/a"), portal.get("kab-malang/kec-kalipare/b")
    label = jenis.replace("-", " ").capitalize()
    assert f"SOP ini merujuk: {label}: Penerimaan Surat" in page_text(render_relasi(portal, a, ""), None)
    assert f"Dirujuk oleh: {seen_from_target}: Persiapan Rapat" in page_text(
        render_relasi(portal, b, ""), None
    )
    # The identity section's Keterkaitan box shows the kind and links the SOP.
    identitas = render_identitas(portal, a, "")
    assert f'{label}:</span> <a href="sop/kab-malang/kec-kalipare/b/">Penerimaan Surat</a>' in identitas


def test_a_step_carried_out_through_another_sop_links_it_both_ways(tmp_path: Path) -> None:
    steps = (
        "  - kegiatan: Mengirimkan undangan\n    pelaksana: Staf\n"
        "    keterangan: Paling lambat 3 hari\n    sop: kab-malang/kec-kalipare/kirim\n"
    )
    portal = portal_of(
        tmp_path,
        {f"{KALIPARE}/rapat.md": sop("Rapat", steps=steps), f"{KALIPARE}/kirim.md": sop("Pengiriman Surat")},
    )
    rapat, kirim = portal.get("kab-malang/kec-kalipare/rapat"), portal.get("kab-malang/kec-kalipare/kirim")
    table = render_prosedur(portal, rapat, "../../")
    assert 'Melalui SOP: <a href="../../sop/kab-malang/kec-kalipare/kirim/">Pengiriman Surat</a>' in table
    assert [(link.id, link.jenis) for link in outgoing_links(rapat)] == [
        ("kab-malang/kec-kalipare/kirim", "langkah-melalui")
    ]
    assert "Dirujuk oleh: Dipakai di langkah: Rapat" in page_text(render_relasi(portal, kirim, ""), None)
    # One wording per kind: the step's SOP page and the unit's relation map say the same.
    assert "SOP ini merujuk: Langkah melalui: Pengiriman Surat" in page_text(
        render_relasi(portal, rapat, ""), None
    )
    relmap = render_relmap(portal, portal.unit_of[rapat.id], "")
    assert '<td data-label="Keterkaitan">langkah melalui</td>' in relmap and "dipakai di langkah" in relmap
    assert "Terkait: Pengiriman Surat" not in page_text(render_relasi(portal, rapat, ""), None)


def test_a_revoked_sop_and_its_replacement_link_to_each_other(tmp_path: Path) -> None:
    portal = portal_of(
        tmp_path,
        {
            f"{KALIPARE}/lama.md": sop("Surat Lama", "diganti_oleh: kab-malang/kec-kalipare/baru\n").replace(
                "status: konsep", "status: dicabut"
            ),
            f"{KALIPARE}/baru.md": sop("Surat Baru"),
        },
    )
    lama, baru = portal.get("kab-malang/kec-kalipare/lama"), portal.get("kab-malang/kec-kalipare/baru")
    head = render_header(portal, lama, "")
    assert 'Penggantinya: <a href="sop/kab-malang/kec-kalipare/baru/">Surat Baru</a>' in head
    assert 'Menggantikan SOP yang dicabut: <a href="sop/kab-malang/kec-kalipare/lama/">Surat Lama</a>' in (
        render_header(portal, baru, "")
    )


# ---------------------------------------------------------------- suggestions


@pytest.mark.parametrize(
    "written",
    [
        "SOP Pengiriman Surat",
        "sop pengiriman surat",
        "SOP  Pengiriman  Surat.",
        "Pengiriman Surat",
        "S.O.P. Pengiriman Surat",
        "SOP Pengirman Surat",  # a letter missing
    ],
)
def test_a_text_naming_an_sop_is_suggested_as_a_reference(tmp_path: Path, written: str) -> None:
    portal = portal_of(
        tmp_path,
        {
            f"{KALIPARE}/lkj.md": sop("Penyusunan LKj", f'keterkaitan: ["Dokumen Renstra", "{written}"]\n'),
            f"{KALIPARE}/pengiriman-surat.md": sop("Pengiriman Surat"),
        },
    )
    assert [str(p) for p in portal.suggestions] == [
        f"{KALIPARE}/lkj.md: keterkaitan[2]: teks '{written.strip()}' mirip nama SOP 'Pengiriman Surat' "
        "(kab-malang/kec-kalipare/pengiriman-surat). Bila SOP itu yang dimaksud, tulis sebagai rujukan "
        "agar menjadi tautan: {sop: kab-malang/kec-kalipare/pengiriman-surat, jenis: terkait} "
        "(atau prasyarat, lanjutan, bagian-dari)"
    ]
    assert {p.severity for p in portal.suggestions} == {"saran"}
    assert portal.warnings == []


def test_a_step_keterangan_naming_an_sop_is_suggested_as_the_step_sop(tmp_path: Path) -> None:
    steps = (
        "  - kegiatan: Memerintahkan penggandaan\n    pelaksana: Staf\n    keterangan: SOP Pengiriman Surat\n"
        "  - kegiatan: Mendistribusikan\n    pelaksana: Staf\n"
        "    keterangan: Jika surat dikirim via email, lihat SOP Pengiriman Surat.\n"
    )
    portal = portal_of(
        tmp_path,
        {f"{KALIPARE}/lkj.md": sop("LKj", steps=steps), f"{KALIPARE}/kirim.md": sop("Pengiriman Surat")},
    )
    assert [(p.path, p.message.split(".")[0]) for p in portal.suggestions] == [
        (
            "langkah[1].keterangan",
            "teks 'SOP Pengiriman Surat' mirip nama SOP 'Pengiriman Surat' (kab-malang/kec-kalipare/kirim)",
        ),
        ("langkah[2].keterangan", "teks 'Jika surat dikirim via email, lihat SOP Pengiriman Surat"),
    ]
    assert portal.suggestions[0].message.endswith(
        "Bila langkah ini dijalankan melalui SOP itu, tambahkan 'sop: kab-malang/kec-kalipare/kirim' "
        "pada langkah ini agar menjadi tautan"
    )


@pytest.mark.parametrize(
    "case",
    [
        "referenced",  # the text names an SOP that the step already goes through
        "unrelated",  # a text that names no SOP
        "itself",  # the SOP's own name
        "shared words",  # shares words with a name, not the name
    ],
)
def test_no_suggestion(tmp_path: Path, case: str) -> None:
    keterangan = {
        "referenced": "SOP Pengiriman Surat\n    sop: kab-malang/kec-kalipare/kirim",
        "unrelated": "Aplikasi SRIKANDI",
        "itself": "SOP Penyusunan LKj",
        "shared words": "SOP Penerimaan Surat Masuk",
    }[case]
    steps = f"  - kegiatan: Mengerjakan\n    pelaksana: Staf\n    keterangan: {keterangan}\n"
    portal = portal_of(
        tmp_path,
        {
            f"{KALIPARE}/lkj.md": sop("Penyusunan LKj", steps=steps),
            f"{KALIPARE}/kirim.md": sop("Pengiriman Surat"),
        },
    )
    assert portal.suggestions == []


def test_the_same_name_in_several_units_suggests_the_one_in_the_same_unit(tmp_path: Path) -> None:
    other = "sop_src/kab-malang/kec-lain"
    files = {
        f"{KALIPARE}/lkj.md": sop("LKj", 'keterkaitan: ["SOP Pengiriman Surat"]\n'),
        f"{KALIPARE}/kirim.md": sop("Pengiriman Surat"),
        f"{other}/_unit.yml": "instansi: Pemerintah Kabupaten Malang\nunit: Kecamatan Lain\n",
        f"{other}/kirim.md": sop("Pengiriman Surat"),
        f"{other}/kirim-2.md": sop("Pengiriman surat"),
        "sop_src/kab-malang/kec-ketiga/_unit.yml": (
            "instansi: Pemerintah Kabupaten Malang\nunit: Kecamatan Ketiga\n"
        ),
        "sop_src/kab-malang/kec-ketiga/rapat.md": sop("Rapat", 'keterkaitan: ["SOP Pengiriman Surat"]\n'),
    }
    portal = portal_of(tmp_path, files)
    # Kalipare's text: its own unit's SOP. Ketiga's: three in other units, none chosen.
    # Lain's two same-named SOPs: each other's only candidate is not in their texts.
    assert [(p.file, p.message.split("(")[1].split(")")[0]) for p in portal.suggestions] == [
        (f"{KALIPARE}/lkj.md", "kab-malang/kec-kalipare/kirim")
    ]


def test_names_are_compared_without_sop_prefix_case_and_end_punctuation() -> None:
    assert normalise_name("  SOP  Pengiriman   Surat. ") == "pengiriman surat"
    assert normalise_name("S.O.P Pengiriman Surat") == "pengiriman surat"
    assert normalise_name("Sopir Dinas") == "sopir dinas"  # "SOP" only as a word
    assert 0.8 < THRESHOLD < 0.95


def test_match_sop_on_the_samples() -> None:
    portal = load_portal(PROJECT)
    lkj = portal.get("kab-malang/kec-kalipare/penyusunan-lkj")
    found = match_sop("SOP Pengiriman Surat", portal.records, lkj)
    assert found is not None and found.id == "kab-malang/kec-kalipare/pengiriman-surat"
    assert match_sop("SOP Perjanjian Kinerja", portal.records, lkj) is None


def test_suggestions_are_printed_by_check_and_never_fail_it(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            f"{KALIPARE}/_unit.yml": UNIT,
            f"{KALIPARE}/lkj.md": sop("LKj", 'keterkaitan: ["SOP Pengiriman Surat"]\n'),
            f"{KALIPARE}/kirim.md": sop("Pengiriman Surat"),
        },
    )
    result = check_sources(tmp_path)
    assert (result.errors, result.warnings, len(result.suggestions)) == ([], [], 1)
    out = io.StringIO()
    assert run_check(tmp_path, strict=True, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"saran: {KALIPARE}/lkj.md: keterkaitan[1]: teks 'SOP Pengiriman Surat' mirip")
    assert lines[-1] == "2 SOP diperiksa, tidak ada masalah."


def test_a_suggestion_is_logged_at_info_and_the_strict_build_succeeds(tmp_path: Path) -> None:
    build = build_site(
        tmp_path,
        {
            "kab-malang/kec-kalipare/_unit.yml": UNIT,
            "kab-malang/kec-kalipare/lkj.md": sop("LKj", 'keterkaitan: ["SOP Pengiriman Surat"]\n'),
            "kab-malang/kec-kalipare/kirim.md": sop("Pengiriman Surat"),
        },
    )
    assert build.returncode == 0, build.output
    line = next(line for line in build.output.splitlines() if "Saran:" in line)
    assert line.startswith("INFO")
    assert "keterkaitan[1]: teks 'SOP Pengiriman Surat' mirip nama SOP 'Pengiriman Surat'" in line


# ---------------------------------------------------------------- the unit's relation map


def test_the_relation_map_of_the_sample_unit() -> None:
    portal = load_portal(PROJECT)
    unit = next(u for u in portal.units if u.unit == "Kantor Kecamatan Kalipare")
    relmap = build_relmap(portal, unit)
    rows = {(r.source.sop.nama, r.label, r.target.sop.nama) for r in relmap.rows}
    assert ("Persiapan Rapat Koordinasi Kecamatan", "prasyarat", "Penerimaan Surat Masuk") in rows
    assert ("Persiapan Rapat Koordinasi Kecamatan", "langkah melalui", "Pengiriman Surat") in rows
    assert relmap.drawn
    # terkait both ways between two SOPs: two table rows, one line in the diagram
    assert len(relmap.arcs) == len(relmap.rows) - 1
    html = render_relmap(portal, unit, "../../../")
    assert html.count("<tr data-jenis=") == len(relmap.rows)
    assert 'aria-hidden="true"' in html
    text = page_text(html, None)
    assert "SOP unit ini tanpa keterkaitan:" in text
    assert "Pemeriksaan Kelengkapan Berkas Permohonan Pelayanan" in text


def test_a_unit_without_relations(tmp_path: Path) -> None:
    portal = portal_of(tmp_path, {f"{KALIPARE}/a.md": sop("A"), f"{KALIPARE}/b.md": sop("B")})
    html = render_relmap(portal, portal.units[0], "")
    assert "Belum ada keterkaitan antar-SOP di unit ini" in html
    assert "<svg" not in html and "<table" not in html


def test_relations_with_other_units_are_on_the_map(tmp_path: Path) -> None:
    other = "sop_src/kab-malang/bagian-umum"
    portal = portal_of(
        tmp_path,
        {
            f"{KALIPARE}/a.md": sop(
                "Surat Kecamatan", "keterkaitan: [{sop: kab-malang/bagian-umum/tnd, jenis: bagian-dari}]\n"
            ),
            f"{other}/_unit.yml": "instansi: Pemerintah Kabupaten Malang\nunit: Bagian Umum\n",
            f"{other}/tnd.md": sop("Tata Naskah Dinas"),
            f"{other}/arsip.md": sop("Arsip", "keterkaitan: [{sop: kab-malang/kec-kalipare/a}]\n"),
        },
    )
    kalipare = next(u for u in portal.units if u.unit == "Kantor Kecamatan Kalipare")
    relmap = build_relmap(portal, kalipare)
    assert [r.id for r in relmap.map.others] == ["kab-malang/bagian-umum/arsip", "kab-malang/bagian-umum/tnd"]
    text = page_text(render_relmap(portal, kalipare, ""), None)
    assert "Surat Kecamatan bagian dari Tata Naskah Dinas (Bagian Umum)" in text
    assert "Arsip (Bagian Umum) terkait Surat Kecamatan" in text


def test_hundreds_of_sops_make_a_table_not_a_diagram(tmp_path: Path) -> None:
    count = 300
    files = {
        f"{KALIPARE}/s{n}.md": sop(
            f"SOP Nomor {n}",
            f"keterkaitan: [{{sop: kab-malang/kec-kalipare/s{n + 1}, jenis: lanjutan}}, Dokumen {n}]\n",
            steps=f"  - kegiatan: Mengerjakan\n    pelaksana: Staf\n    keterangan: Lihat SOP Nomor {n}\n",
        )
        for n in range(count - 1)
    }
    files[f"{KALIPARE}/s{count - 1}.md"] = sop(f"SOP Nomor {count - 1}")
    portal = portal_of(tmp_path, files)
    started = time.perf_counter()
    assert suggest_references(portal.records) == []
    relmap = build_relmap(portal, portal.units[0])
    html = render_relmap(portal, portal.units[0], "")
    assert time.perf_counter() - started < 5
    assert not relmap.drawn and len(relmap.rows) == count - 1 > MAX_NODES
    assert "<svg" not in html and html.count("<tr data-jenis=") == count - 1
    assert "Bagan tidak digambar untuk 300 SOP yang saling terkait" in html


def test_names_in_the_map_are_escaped(tmp_path: Path) -> None:
    portal = portal_of(
        tmp_path,
        {
            f"{KALIPARE}/a.md": sop("'<b>{{ x }}</b>'", "keterkaitan: [{sop: kab-malang/kec-kalipare/b}]\n"),
            f"{KALIPARE}/b.md": sop("B & C"),
        },
    )
    html = render_relmap(portal, portal.units[0], "")
    assert "<b>" not in html and "{{" not in html
    assert "&lt;b&gt;&#123;&#123; x &#125;&#125;&lt;/b&gt;" in html
    assert "B &amp; C" in html


# ---------------------------------------------------------------- categories


def test_kategori_becomes_escaped_tags_in_the_front_matter(tmp_path: Path) -> None:
    portal = portal_of(
        tmp_path,
        {
            f"{KALIPARE}/a.md": sop(
                "A",
                'kategori: ["Pelayanan & Perizinan", "<script>x</script>", "{{ y }}",'
                ' "Pelayanan & Perizinan"]\n',
            )
        },
    )
    record = portal.records[0]
    lines = tags_front_matter(record)
    assert yaml.safe_load(lines) == {
        "tags": ["Pelayanan &amp; Perizinan", "&lt;script&gt;x&lt;/script&gt;", "&#123;&#123; y &#125;&#125;"]
    }
    assert tag_name("  Surat\n Menyurat ") == "Surat Menyurat"
    assert tags_front_matter(portal_of(tmp_path / "2", {f"{KALIPARE}/b.md": sop("B")}).records[0]) == ""


def test_catalog_rows_carry_escaped_filter_data(tmp_path: Path) -> None:
    portal = portal_of(
        tmp_path, {f"{KALIPARE}/a.md": sop("'\"Surat\" <Édaran> {{ x }}'", "kategori: [Persuratan]\n")}
    )
    attributes = str(filter_attributes(portal.records[0]))
    assert attributes == (
        ' data-teks="&#34;surat&#34; &lt;edaran&gt; &#123;&#123; x &#125;&#125;"'
        ' data-kategori="[&#34;Persuratan&#34;]"'
    )
    assert re.fullmatch(r'( data-[a-z]+="[^"<>{}]*")+', attributes)
