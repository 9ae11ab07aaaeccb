"""The versions of an SOP from a git history built here, and what changed, in words."""

from __future__ import annotations

import gzip
import re
import shutil
import textwrap
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import git, page_text

from macros.history import NO_GIT, SHALLOW
from macros.index import load_portal
from macros.render.kabar import kabar, render_feed
from macros.render.print_parts import PrintSettings, render_cetak
from macros.render.qr import qr_data_uri
from macros.render.riwayat import render_sop_riwayat, render_versi_page
from macros.riwayat import DELETED, Riwayat, build_riwayat, verdicts
from macros.versi import versi_record

UNIT = "instansi: Pemerintah Kabupaten Contoh\nunit: Kecamatan Contoh\n"

V1 = """\
---
nama: Penerimaan Berkas
tanggal_pembuatan: 2024-01-10
status: konsep
disahkan_oleh: {jabatan: Camat}
pelaksana: [Staf, Kasi]
langkah:
  - kegiatan: Menerima berkas
    pelaksana: Staf
    waktu: 1 hari
  - kegiatan: Memeriksa berkas
    pelaksana: Kasi
    waktu: 1 hari
    keputusan: {Ya: 3, Tidak: 1}
  - kegiatan: Mengarsipkan berkas
    pelaksana: Staf
    waktu: 1 hari
---
"""

# Formatting only: a comment, another key order, block style. No new version.
V1_FORMAT = V1.replace("---\nnama:", "---\n# disusun ulang\nstatus: konsep\nnama:").replace(
    "status: konsep\ndisahkan_oleh: {jabatan: Camat}", "disahkan_oleh:\n  jabatan: Camat"
)
V2 = V1.replace(
    "  - kegiatan: Memeriksa berkas",
    "  - kegiatan: Mencatat berkas di register\n    pelaksana: Staf\n    waktu: 1 hari\n"
    "  - kegiatan: Memeriksa berkas",
).replace("{Ya: 3, Tidak: 1}", "{Ya: 4, Tidak: 1}")
V3 = V2.replace(
    "  - kegiatan: Mengarsipkan berkas\n    pelaksana: Staf\n    waktu: 1 hari",
    "  - kegiatan: Mengarsipkan berkas\n    pelaksana: Staf\n    waktu: 2 hari",
)
V4 = V3.replace("Staf", "Pengadministrasi Umum")
V5 = V4.replace("{Ya: 4, Tidak: 1}", "{Ya: 4, Tidak: 2}")
BROKEN = V5.replace("pelaksana: [Pengadministrasi Umum, Kasi]", "pelaksana: [Pengadministrasi, Kasi]")
V6 = V5.replace("status: konsep", "status: berlaku\nnomor: 001/2024\ntanggal_efektif: 2024-03-01").replace(
    "{jabatan: Camat}", "{jabatan: Camat, nama: Drs. Budi}"
)
V7 = V6.replace("status: berlaku", "status: dicabut\ndiganti_oleh: contoh/pengganti")
PENGGANTI = V6.replace("Penerimaan Berkas", "Penerimaan Berkas Terpadu").replace("001/2024", "002/2024")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Riwayat]:
    """A repository whose SOP goes through every kind of change, one commit each."""
    repo = tmp_path_factory.mktemp("riwayat")
    src = repo / "sop_src" / "contoh"
    src.mkdir(parents=True)
    git(repo, "init", "-q")
    (src / "_unit.yml").write_text(UNIT)
    steps = [
        ("berkas.md", V1, "SOP baru penerimaan berkas"),
        ("berkas.md", V1_FORMAT, "Rapikan format"),
        ("berkas.md", V2, "Tambah langkah pencatatan"),
        ("berkas.md", V3, "Waktu pengarsipan"),
        ("berkas.md", V4, "Nama jabatan baru"),
        ("berkas.md", V5, "Cabang Tidak ke pencatatan"),
        ("mv", "", "Pindahkan berkas"),
        ("penerimaan.md", BROKEN, "Salah ketik"),
        ("penerimaan.md", V6, "Disahkan"),
        ("pengganti.md", PENGGANTI, "SOP pengganti"),
        ("penerimaan.md", V7, "Dicabut, diganti SOP terpadu"),
    ]
    for day, (name, text, message) in enumerate(steps, start=1):
        if name == "mv":
            git(repo, "mv", "sop_src/contoh/berkas.md", "sop_src/contoh/penerimaan.md")
        else:
            (src / name).write_text(textwrap.dedent(text))
            git(repo, "add", "-A")
        git(repo, "commit", "-qm", message, when=f"2024-02-{day:02d}T10:00:00+07:00")
    portal = load_portal(repo)
    return repo, build_riwayat(repo, portal.records, date(2024, 3, 1))


def test_every_change_is_a_version_with_its_change_in_words(history: tuple[Path, Riwayat]) -> None:
    _, riwayat = history
    assert riwayat.notice is None
    sop = riwayat.by_sop["contoh/penerimaan"]
    shown = [(v.pesan, v.valid, list(v.perubahan)) for v in sop.versions]
    assert shown == [
        ("SOP baru penerimaan berkas", True, ["SOP baru: Penerimaan Berkas"]),
        # "Rapikan format" and "Pindahkan berkas" change nothing the page shows: no version
        (
            "Tambah langkah pencatatan",
            True,
            ["Langkah 2 ditambahkan: Mencatat berkas di register", "Total waktu: 3 hari → 4 hari"],
        ),
        (
            "Waktu pengarsipan",
            True,
            ["Waktu langkah 4: 1 hari → 2 hari", "Total waktu: 4 hari → 5 hari"],
        ),
        ("Nama jabatan baru", True, ["Pelaksana 'Staf' diganti 'Pengadministrasi Umum'"]),
        ("Cabang Tidak ke pencatatan", True, ["Keputusan langkah 3: cabang 'Tidak' kini ke langkah 2"]),
        ("Salah ketik", False, []),
        (
            "Disahkan",
            True,
            [
                "Status: konsep → berlaku",
                "Nomor SOP: - → 001/2024",
                "Tanggal Efektif: - → 1 Maret 2024",
                "Pengesah: Camat → Camat, Drs. Budi",
            ],
        ),
        (
            "Dicabut, diganti SOP terpadu",
            True,
            ["Status: berlaku → dicabut", "Diganti oleh SOP 'contoh/pengganti'"],
        ),
    ]
    broken = sop.versions[5]
    assert broken.kode is None and broken.sop_id == "contoh/penerimaan"
    assert any("Pengadministrasi Umum" in m for m in broken.masalah), broken.masalah
    # The file was renamed: its versions before the move keep their id of then.
    assert [v.sop_id for v in sop.versions[:5]] == ["contoh/berkas"] * 5
    assert [v.waktu.date().isoformat() for v in sop.versions if v.waktu] == [
        "2024-02-01", "2024-02-03", "2024-02-04", "2024-02-05", "2024-02-06",
        "2024-02-08", "2024-02-09", "2024-02-11",
    ]  # fmt: skip
    codes = [v.kode for v in sop.versions if v.kode]
    assert len(set(codes)) == len(codes) == 7
    assert riwayat.by_sop["contoh/pengganti"].versions[0].perubahan == (
        "SOP baru: Penerimaan Berkas Terpadu",
    )


def test_the_working_tree_closes_the_history(history: tuple[Path, Riwayat], tmp_path: Path) -> None:
    repo, riwayat = history
    sop = riwayat.by_sop["contoh/penerimaan"]
    assert sop.versions[-1].commit is not None  # committed: nothing added
    path = repo / "sop_src" / "contoh" / "pengganti.md"
    original = path.read_text()
    try:
        path.write_text(original.replace("nomor: 002/2024", "nomor: 003/2024"))
        portal = load_portal(repo)
        again = build_riwayat(repo, portal.records, date(2024, 3, 1))
    finally:
        path.write_text(original)
    older, newest = again.by_sop["contoh/pengganti"].versions
    assert (newest.commit, newest.pesan, newest.perubahan) == (
        None,
        "Perubahan belum di-commit",
        ("Nomor SOP: 002/2024 → 003/2024",),
    )
    assert older.kode is not None and newest.kode is not None
    (replaced,) = verdicts(again, older.kode, date(2024, 3, 1))
    assert (replaced.berlaku, replaced.teks) == (
        False,
        f"Versi ini tidak berlaku lagi: diganti sejak 1 Maret 2024 oleh versi {newest.kode}",
    )
    assert replaced.pengganti == newest and replaced.sop_id == "contoh/pengganti"
    html = render_versi_page(portal, again, older.kode, "../../")
    assert f'<a href="../../v/{newest.kode}/"><code>{newest.kode}</code></a>' in html
    assert "<li>Nomor SOP: 002/2024 → 003/2024</li>" in html
    assert '<a href="../../sop/contoh/pengganti/">Buka halaman SOP saat ini</a>' in html


def test_verdicts_of_every_version(history: tuple[Path, Riwayat]) -> None:
    repo, riwayat = history
    today = date(2024, 3, 1)
    sop = riwayat.by_sop["contoh/penerimaan"]
    revoked = "SOP ini dicabut sejak 11 Februari 2024: versi ini tidak berlaku lagi"
    for version in sop.versions:
        if version.kode is None:
            assert version.kode not in riwayat.by_kode
            continue
        (verdict,) = verdicts(riwayat, version.kode, today)
        assert (verdict.berlaku, verdict.teks, verdict.penggantinya) == (False, revoked, "contoh/pengganti")
        assert verdict.sop_id == "contoh/penerimaan"
    current = riwayat.by_sop["contoh/pengganti"].versions[-1]
    assert current.kode is not None
    (verdict,) = verdicts(riwayat, current.kode, today)
    assert (verdict.berlaku, verdict.teks) == (True, "Versi ini berlaku")
    portal = load_portal(repo)
    html = render_versi_page(portal, riwayat, sop.versions[0].kode or "", "../../")
    assert f"<strong>{revoked}</strong>" in html
    assert (
        'Penggantinya: <a href="../../sop/contoh/pengganti/">Penerimaan Berkas Terpadu</a> (002/2024).'
        in html
    )
    section = render_sop_riwayat(riwayat, sop, "../../../", today)
    assert section.count('class="sop-riwayat__versi') == len(sop.versions)
    assert "<li>Keputusan langkah 3: cabang &#39;Tidak&#39; kini ke langkah 2</li>" in section
    assert "<strong>Versi tidak valid</strong>" in section
    assert section.index("Dicabut, diganti SOP terpadu") < section.index("SOP baru penerimaan berkas")


def test_the_qr_code_of_a_printed_copy_leads_to_its_version(history: tuple[Path, Riwayat]) -> None:
    repo, _ = history
    record = load_portal(repo).get("contoh/pengganti")
    settings = PrintSettings(site_url="https://sop.example.go.id/")
    html = render_cetak(record, "../../../", settings)
    url = f"https://sop.example.go.id/v/{versi_record(record)}/"
    assert f'data-url="{url}"' in html
    assert qr_data_uri(url) in re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), html)


def test_a_deleted_sop_keeps_its_history(tmp_path: Path) -> None:
    src = tmp_path / "sop_src" / "contoh"
    src.mkdir(parents=True)
    git(tmp_path, "init", "-q")
    (src / "_unit.yml").write_text(UNIT)
    (src / "lama.md").write_text(V1)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "one", when="2024-01-01T10:00:00+07:00")
    git(tmp_path, "rm", "-q", "sop_src/contoh/lama.md")
    git(tmp_path, "commit", "-qm", "two", when="2024-01-02T10:00:00+07:00")
    riwayat = build_riwayat(tmp_path, load_portal(tmp_path, lenient=True).records, date(2024, 3, 1))
    assert riwayat.by_sop == {}
    (gone,) = riwayat.histories
    assert [(v.pesan, v.dihapus, v.perubahan) for v in gone.versions] == [
        ("one", False, ("SOP baru: Penerimaan Berkas",)),
        ("two", True, (DELETED,)),
    ]
    (verdict,) = verdicts(riwayat, gone.versions[0].kode or "", date(2024, 3, 1))
    assert (verdict.berlaku, verdict.teks, verdict.sop_id) == (
        False,
        "SOP ini dihapus dari portal sejak 2 Januari 2024",
        None,
    )
    entries = kabar(riwayat, date(2024, 3, 1))
    assert [(k.jenis, k.judul, k.ringkasan, k.kode, k.halaman) for k in entries] == [
        ("dihapus", "Dihapus dari portal: Penerimaan Berkas", DELETED, gone.versions[0].kode, None),
        ("baru", "SOP baru: Penerimaan Berkas", "SOP baru: Penerimaan Berkas", gone.versions[0].kode, None),
    ]
    assert entries[0].id != entries[1].id


def test_without_git_or_with_a_shallow_clone_only_current_versions(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    (plain / "sop_src" / "contoh").mkdir(parents=True)
    (plain / "sop_src" / "contoh" / "_unit.yml").write_text(UNIT)
    (plain / "sop_src" / "contoh" / "a.md").write_text(V1)
    riwayat = build_riwayat(plain, load_portal(plain).records, date(2024, 3, 1))
    assert riwayat.notice == NO_GIT
    assert kabar(riwayat, date(2024, 3, 1)) == []  # when the SOPs changed is not known
    (only,) = riwayat.by_sop["contoh/a"].versions
    assert (only.commit, only.pesan, only.perubahan) == (
        None,
        "Versi saat ini",
        ("SOP baru: Penerimaan Berkas",),
    )

    origin = tmp_path / "origin"
    (origin / "sop_src" / "contoh").mkdir(parents=True)
    git(origin, "init", "-q")
    (origin / "sop_src" / "contoh" / "_unit.yml").write_text(UNIT)
    for n, text in enumerate((V1, V2), start=1):
        (origin / "sop_src" / "contoh" / "a.md").write_text(text)
        git(origin, "add", "-A")
        git(origin, "commit", "-qm", f"c{n}")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(tmp_path / "shallow"))
    shallow = tmp_path / "shallow"
    riwayat = build_riwayat(shallow, load_portal(shallow).records, date(2024, 3, 1))
    assert riwayat.notice == SHALLOW
    assert len(riwayat.by_sop["contoh/a"].versions) == 1


# ---------------------------------------------------------------- change notices


EXPECTED_KABAR = [
    (
        "2024-02-11T10:00:00+07:00",
        "status",
        "Dicabut: Penerimaan Berkas",
        "Status: berlaku → dicabut; Diganti oleh SOP 'contoh/pengganti'",
    ),
    (
        "2024-02-10T10:00:00+07:00",
        "baru",
        "SOP baru: Penerimaan Berkas Terpadu",
        "SOP baru: Penerimaan Berkas Terpadu",
    ),
    (
        "2024-02-09T10:00:00+07:00",
        "status",
        "Mulai berlaku: Penerimaan Berkas",
        "Status: konsep → berlaku; Nomor SOP: - → 001/2024; Tanggal Efektif: - → 1 Maret 2024; "
        "Pengesah: Camat → Camat, Drs. Budi",
    ),
    (
        "2024-02-06T10:00:00+07:00",
        "revisi",
        "Revisi: Penerimaan Berkas",
        "Keputusan langkah 3: cabang 'Tidak' kini ke langkah 2",
    ),
    (
        "2024-02-05T10:00:00+07:00",
        "revisi",
        "Revisi: Penerimaan Berkas",
        "Pelaksana 'Staf' diganti 'Pengadministrasi Umum'",
    ),
    (
        "2024-02-04T10:00:00+07:00",
        "revisi",
        "Revisi: Penerimaan Berkas",
        "Waktu langkah 4: 1 hari → 2 hari; Total waktu: 4 hari → 5 hari",
    ),
    (
        "2024-02-03T10:00:00+07:00",
        "revisi",
        "Revisi: Penerimaan Berkas",
        "Langkah 2 ditambahkan: Mencatat berkas di register; Total waktu: 3 hari → 4 hari",
    ),
    ("2024-02-01T10:00:00+07:00", "baru", "SOP baru: Penerimaan Berkas", "SOP baru: Penerimaan Berkas"),
]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_change_notices_newest_first_and_never_a_broken_version(history: tuple[Path, Riwayat]) -> None:
    _, riwayat = history
    entries = kabar(riwayat, date(2024, 3, 1))
    shown = [(k.waktu.isoformat(), k.jenis, k.judul, k.ringkasan) for k in entries]
    assert shown == EXPECTED_KABAR  # ("Salah ketik" did not validate: never on the portal)
    codes = {v.kode for h in riwayat.histories for v in h.versions if v.kode}
    assert {k.kode for k in entries} == codes
    assert [k.halaman for k in entries] == ["contoh/penerimaan", "contoh/pengganti"] + [
        "contoh/penerimaan"
    ] * 6
    assert len({k.id for k in entries}) == len(entries)
    assert all(
        re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", k.id)
        for k in entries
    )


def _feed(text: str) -> Any:
    from defusedxml import ElementTree as SafeTree

    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    return SafeTree.fromstring(text.encode("utf-8"))


def _one(node: Any, name: str) -> Any:
    found = node.findall(ATOM + name)
    assert len(found) == 1, (name, found)
    return found[0]


def _rfc3339(text: str) -> datetime:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", text), text
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert when.tzinfo is not None
    return when


def check_atom(text: str, self_href: str) -> list[Any]:
    """Parse an Atom feed and check every element RFC 4287 requires (and those a feed
    reader needs): feed id, title, updated, author/name, link rel=self; entry id, title,
    updated, link rel=alternate, summary. Returns the entries."""
    feed = _feed(text)
    assert feed.tag == ATOM + "feed"
    assert _one(feed, "id").text.startswith("urn:uuid:")
    assert _one(feed, "title").text
    updated = _rfc3339(_one(feed, "updated").text)
    assert _one(_one(feed, "author"), "name").text
    links = {link.get("rel"): link for link in feed.findall(ATOM + "link")}
    assert links["self"].get("href") == self_href
    assert links["self"].get("type") == "application/atom+xml"
    entries = feed.findall(ATOM + "entry")
    times = []
    for entry in entries:
        assert _one(entry, "id").text.startswith("urn:uuid:")
        assert _one(entry, "title").text
        assert _one(entry, "summary").text
        times.append(_rfc3339(_one(entry, "updated").text))
        alternate = [link for link in entry.findall(ATOM + "link") if link.get("rel") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href")
    assert times == sorted(times, reverse=True)  # newest first
    assert len({_one(e, "id").text for e in entries}) == len(entries)
    assert not entries or updated == times[0]
    return entries


def test_the_atom_feed(history: tuple[Path, Riwayat]) -> None:
    _, riwayat = history
    entries = kabar(riwayat, date(2024, 3, 1))
    site = "https://sop.example.go.id/"
    text = render_feed(
        entries, title="Perubahan", path="perubahan.xml", page="perubahan/", author="Pemkab",
        site_url=site, today=date(2024, 3, 1),
    )  # fmt: skip
    shown = check_atom(text, site + "perubahan.xml")
    assert [
        (e.find(ATOM + "updated").text.replace("Z", "+00:00"), e.find(ATOM + "title").text,
         e.find(ATOM + "summary").text)
        for e in shown
    ] == [(w, t, s) for w, _, t, s in EXPECTED_KABAR]  # fmt: skip
    first = shown[0]
    links = {link.get("rel"): link.get("href") for link in first.findall(ATOM + "link")}
    assert links == {
        "alternate": f"{site}v/{entries[0].kode}/",
        "related": f"{site}sop/contoh/penerimaan/",
    }
    assert first.find(ATOM + "id").text == entries[0].id
    assert _feed(text).find(ATOM + "updated").text == "2024-02-11T10:00:00+07:00"
    # Without the site's address: links relative to the feed (a unit's, two folders down).
    unit = render_feed(
        entries[:1], title="Unit", path="katalog/a/b/perubahan.xml", page="katalog/a/b/", author="Pemkab",
        site_url=None, today=date(2024, 3, 1),
    )  # fmt: skip
    (entry,) = check_atom(unit, "perubahan.xml")
    assert entry.find(ATOM + "link").get("href") == f"../../../v/{entries[0].kode}/"
    # An SOP name is text: escaped, never markup.
    empty = render_feed(
        [], title="<b>&</b>", path="perubahan.xml", page="perubahan/", author="A & B",
        site_url=site, today=date(2024, 3, 1),
    )  # fmt: skip
    assert check_atom(empty, site + "perubahan.xml") == []
    assert "<title>&lt;b&gt;&amp;&lt;/b&gt;</title>" in empty
    assert _feed(empty).find(ATOM + "updated").text == "2024-03-01T00:00:00Z"  # the build date


@pytest.fixture(scope="module")
def history_sites(
    history: tuple[Path, Riwayat], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """The history's repository built as a portal, twice (sites a and b)."""
    from helpers import PROJECT, run_build

    repo, _ = history
    tmp_path = tmp_path_factory.mktemp("riwayat-site")
    project = tmp_path / "project"
    shutil.copytree(repo, project)  # (the history's repository, plus an untracked portal)
    shutil.copy2(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides", "macros"):
        shutil.copytree(PROJECT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    builds = [run_build(project, tmp_path / name, strict=False) for name in ("a", "b")]
    for build in builds:
        assert build.returncode == 0, build.output
    return tmp_path / "a", tmp_path / "b"


def test_the_site_publishes_the_feeds_and_the_change_page(history_sites: tuple[Path, Path]) -> None:
    a, b = history_sites
    site = "https://sop.example.org/"
    unit = "katalog/pemerintah-kabupaten-contoh/kecamatan-contoh/"
    entries = check_atom((a / "perubahan.xml").read_text(encoding="utf-8"), site + "perubahan.xml")
    assert [e.find(ATOM + "title").text for e in entries] == [t for _, _, t, _ in EXPECTED_KABAR]
    mine = check_atom((a / unit / "perubahan.xml").read_text(encoding="utf-8"), f"{site}{unit}perubahan.xml")
    assert len(mine) == len(EXPECTED_KABAR)
    for path in ("perubahan.xml", f"{unit}perubahan.xml", "perubahan/index.html"):
        assert (a / path).read_bytes() == (b / path).read_bytes(), path  # reproducible
    home = (a / "index.html").read_text(encoding="utf-8")
    assert '<a href="perubahan/">Perubahan Terbaru</a>' in home
    feed = 'type="application/atom+xml" title="Perubahan SOP: Portal SOP" href="perubahan.xml">'
    assert f'<link rel="alternate" {feed}' in home
    page = (a / unit / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="perubahan-terbaru">Perubahan terbaru</h2>' in page
    assert f'<a class="sop-feed" href="../../../{unit}perubahan.xml" type="application/atom+xml">' in page
    assert 'type="application/atom+xml" title="Perubahan SOP: Kecamatan Contoh" href="perubahan.xml">' in page
    assert "<li>Keputusan langkah 3: cabang &#39;Tidak&#39; kini ke langkah 2</li>" in page
    changes = (a / "perubahan" / "index.html").read_text(encoding="utf-8")
    text = page_text(changes)
    assert "11 Februari 2024 Dicabut Penerimaan Berkas" in text
    assert text.index("Penerimaan Berkas Terpadu") < text.index("Pelaksana 'Staf' diganti")
    assert f'href="../{unit}perubahan.xml"' in changes
    # A verification page is a small whole document (one per version: 3 per SOP and more).
    kode = entries[0].find(ATOM + "link").get("href").split("/")[-2]
    check = (a / "v" / kode / "index.html").read_text(encoding="utf-8")
    assert check.startswith("<!doctype html>") and len(check.encode()) < 8000
    assert f"<title>Verifikasi versi {kode} - Portal SOP</title>" in check
    assert f'<link rel="canonical" href="{site}v/{kode}/">' in check
    assert "<strong>SOP ini dicabut sejak 11 Februari 2024: versi ini tidak berlaku lagi</strong>" in check
    assert '<a href="../../sop/contoh/penerimaan/">Buka halaman SOP saat ini</a>' in check


def test_the_sitemap_lists_the_current_versions(
    history: tuple[Path, Riwayat], history_sites: tuple[Path, Path]
) -> None:
    """sitemap.xml lists the verification page of each SOP's current version (the
    revoked one's and its replacement's), not the superseded ones; its .gz is the same."""
    from defusedxml import ElementTree as SafeTree

    _, riwayat = history
    a, b = history_sites
    text = (a / "sitemap.xml").read_text(encoding="utf-8")
    urls = {
        url.find(SITEMAP + "loc").text: url.find(SITEMAP + "lastmod").text
        for url in SafeTree.fromstring(text.encode("utf-8")).iter(SITEMAP + "url")
    }
    site = "https://sop.example.org/"
    current = [
        riwayat.by_sop[sop_id].versions[-1].kode for sop_id in ("contoh/penerimaan", "contoh/pengganti")
    ]
    listed = [url for url in urls if url.startswith(site + "v/")]
    assert listed == [f"{site}v/{kode}/" for kode in current]
    assert len(riwayat.by_kode) > len(current)  # superseded versions have pages, not entries
    assert all((a / "v" / kode / "index.html").is_file() for kode in current)
    assert {urls[url] for url in listed} == {urls[site]}  # dated like the pages: the build date
    assert f"{site}sop/contoh/penerimaan/" in urls  # MkDocs' own entries are kept
    assert gzip.decompress((a / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    assert (a / "sitemap.xml.gz").read_bytes() == (b / "sitemap.xml.gz").read_bytes()


def test_a_second_build_reads_the_versions_from_its_cache(
    history: tuple[Path, Riwayat], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each content is validated once: a later build (another process: nothing in
    memory) takes every version from `.cache/portal-sop/riwayat.json`, validating no
    past content, and gets the same versions."""
    from macros import history as history_module
    from macros import riwayat as riwayat_module

    repo, _ = history
    project = tmp_path / "copy"
    shutil.copytree(repo, project, ignore=shutil.ignore_patterns(".cache"))
    records = load_portal(project).records

    def shown(riwayat: Riwayat) -> list[Any]:
        return [(h.sop_id, h.versions) for h in riwayat.histories]

    def fresh() -> Riwayat:
        riwayat_module._REPLAYS.clear()
        history_module._LOGS.clear()
        return build_riwayat(project, records, date(2024, 3, 1))

    first = fresh()
    assert (project / riwayat_module.CACHE).is_file()

    def no_validation(*args: Any) -> Any:
        raise AssertionError("validated again")

    monkeypatch.setattr(riwayat_module, "validate_sop", no_validation)
    assert shown(fresh()) == shown(first)


def test_contents_the_same_as_todays_files_are_not_validated_again(
    history: tuple[Path, Riwayat], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from macros import history as history_module
    from macros import riwayat as riwayat_module

    repo, riwayat = history
    project = tmp_path / "copy"
    shutil.copytree(repo, project, ignore=shutil.ignore_patterns(".cache"))
    records = load_portal(project).records
    validate = riwayat_module.validate_sop

    def validate_past_only(data: Any) -> Any:
        assert data.get("nama") != "Penerimaan Berkas Terpadu", "today's file validated again"
        return validate(data)

    monkeypatch.setattr(riwayat_module, "validate_sop", validate_past_only)
    riwayat_module._REPLAYS.clear()
    history_module._LOGS.clear()
    again = build_riwayat(project, records, date(2024, 3, 1))  # (no cache file in the copy)
    assert [h.versions for h in again.histories] == [h.versions for h in riwayat.histories]
