"""The monitoring pages: golden files of the new parts (fed by the fixture site
tests/fixtures/good-pemantauan, at a fixed build date), the overdue notice appearing and
disappearing with SOURCE_DATE_EPOCH, the generated pages of a built site, and the forms
printed by Chromium (pages, the header repeated, no row or SOP split across pages)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, Build, make_project, page_text, run_build

from macros.index import Portal, Unit, load_portal
from macros.periode import parse_setiap
from macros.render.opendata import render_pemantauan_csv, render_pemantauan_json
from macros.render.pemantauan import (
    render_portal_pemantauan,
    render_sop_pemantauan,
    render_sop_tinjau,
    render_unit_pemantauan,
)
from macros.tinjau import Siklus

FIXTURE = FIXTURES / "good-pemantauan"
LAIN = "kab-contoh/kec-contoh/lain"
OK = "kab-contoh/kec-contoh/ok"
UNIT = "pemerintah-kabupaten-contoh/kantor-kecamatan-contoh"
SOP_ROOT = "../../../../"


def epoch(day: str) -> str:
    return str(int(datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC).timestamp()))


def siklus_at(day: str, source: Path = FIXTURE) -> Siklus:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(day))
        portal = load_portal(source)
    return Siklus(portal, parse_setiap("1 tahun"))


@pytest.fixture(scope="module")
def siklus() -> Siklus:
    return siklus_at("2025-01-10")  # lain: monitoring overdue since 28 December; review due today


@pytest.fixture(scope="module")
def portal(siklus: Siklus) -> Portal:
    return siklus.portal


def test_sop_parts_match_their_golden_files(
    portal: Portal, siklus: Siklus, golden: Callable[[str, str], None]
) -> None:
    golden("pemantauan.lain.tinjau.html", render_sop_tinjau(siklus, portal.get(LAIN)))
    golden("pemantauan.lain.sop.html", render_sop_pemantauan(portal, siklus, portal.get(LAIN), SOP_ROOT))
    golden("pemantauan.ok.sop.html", render_sop_pemantauan(portal, siklus, portal.get(OK), SOP_ROOT))


def test_unit_and_portal_pages_match_their_golden_files(
    portal: Portal, siklus: Siklus, golden: Callable[[str, str], None]
) -> None:
    unit = next(u for u in portal.units if u.slug == UNIT)
    golden("pemantauan.unit.html", render_unit_pemantauan(portal, siklus, unit, "../../../../"))
    golden("pemantauan.portal.html", render_portal_pemantauan(portal, siklus, "../"))


def test_the_due_list_is_one_table_with_a_unit_column_on_the_portal_page_only(
    portal: Portal, siklus: Siklus
) -> None:
    unit = next(u for u in portal.units if u.slug == UNIT)

    def due_table(html: str) -> str:
        start = html.index("<th>Jatuh tempo</th>")
        return html[start : html.index("</table>", start)]

    unit_table = due_table(render_unit_pemantauan(portal, siklus, unit, SOP_ROOT))
    portal_table = due_table(render_portal_pemantauan(portal, siklus, SOP_ROOT))
    assert "<th>Unit</th>" not in unit_table and "Kantor Kecamatan Contoh" not in unit_table
    assert portal_table.count("<td>Kantor Kecamatan Contoh</td>") == portal_table.count("<tr>") > 0
    without_unit = portal_table.replace("<th>Unit</th>", "").replace("<td>Kantor Kecamatan Contoh</td>", "")
    assert without_unit == unit_table


def test_a_unit_without_sops_has_a_page_without_forms(siklus: Siklus) -> None:
    empty = Unit("Pemerintah Kabupaten Contoh", "Bagian Baru", "pemerintah-kabupaten-contoh/bagian-baru")
    html = render_unit_pemantauan(siklus.portal, siklus, empty, SOP_ROOT)
    text = page_text(html, inside=None)
    assert "Bagian Baru, Pemerintah Kabupaten Contoh. Keadaan per 10 Januari 2025." in text
    assert "SOP berlaku 0" in text
    assert "Tidak ada tinjau ulang atau monitoring yang terlambat atau jatuh tempo dalam 30 hari." in text
    assert "Unit ini belum punya SOP yang berlaku." in text
    assert "pm-formulir" not in html and "Riwayat putaran" not in text


def test_open_data_of_the_records_matches_its_golden_files(
    portal: Portal, golden: Callable[[str, str], None]
) -> None:
    golden("pemantauan.json", render_pemantauan_json(portal))
    golden("pemantauan.csv", render_pemantauan_csv(portal))


def test_the_notice_appears_and_disappears_with_the_build_date() -> None:
    def notice(day: str, sop_id: str) -> str:
        cycle = siklus_at(day)
        return page_text(render_sop_tinjau(cycle, cycle.portal.get(sop_id)), inside=None)

    # lain: monitored 28 Juni 2024 (due 28 Desember), reviewed from the evaluation of
    # 10 Juli 2024 every 6 bulan (due 10 Januari 2025), which recommended revisi.
    standing = "Evaluasi 10 Juli 2024 merekomendasikan SOP ini direvisi (skor 5/7)."
    assert notice("2024-12-28", LAIN) == f"{standing} Lihat pemantauan dan evaluasi ↓"
    assert notice("2024-12-29", LAIN).startswith(
        "Monitoring terlambat sejak 28 Desember 2024. Monitoring dilakukan setiap 6 bulan."
    )
    assert "Perlu ditinjau ulang" not in notice("2025-01-10", LAIN)
    assert notice("2025-01-11", LAIN).startswith(
        "Perlu ditinjau ulang sejak 10 Januari 2025. Tinjau ulang dilakukan setiap 6 bulan."
    )
    # ok: in good standing until its monitoring is due (28 Desember 2024).
    assert notice("2024-12-28", OK) == ""
    assert notice("2024-12-29", OK).startswith("Monitoring terlambat sejak 28 Desember 2024.")
    assert siklus_at("2024-12-28").of("kab-contoh/kec-contoh/konsep").tinjau_berikutnya is None


# ---------------------------------------------------------------- the built site


# SOPs added to the fixture unit's two in force: 20 in force need several pages of
# each form, and put the signature block alone on the last page of both unless it is
# kept with the last rows (measured in Chromium 156: monitoring rows 19-22 and any
# even number of evaluated SOPs did).
EXTRA = 18


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """The fixture site built strictly at 10 Januari 2025, with many SOPs in force so
    that the forms need several pages."""
    tmp = tmp_path_factory.mktemp("pemantauan")
    project = make_project(tmp, FIXTURE / "sop_src")
    unit = project / "sop_src" / "kab-contoh" / "kec-contoh"
    template = (unit / "ok.md").read_text(encoding="utf-8")
    for n in range(1, EXTRA + 1):
        text = template.replace("Pelayanan Surat Keterangan", f"Layanan Contoh Nomor {n:02d}")
        (unit / f"layanan-{n:02d}.md").write_text(
            text.replace("470/001/", f"470/{100 + n}/"), encoding="utf-8"
        )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch("2025-01-10"))
        build = run_build(project, tmp / "site")
    assert build.returncode == 0, build.output
    yield build


def test_generated_pages_and_links(built: Build) -> None:
    site = built.site
    sop_html = (site / "sop" / LAIN / "index.html").read_text(encoding="utf-8")
    text = page_text(sop_html)
    assert text.index("Monitoring terlambat sejak 28 Desember 2024") < text.index("Identitas SOP ¶")
    assert "Pemantauan dan evaluasi ¶" in text
    assert "Pengantar &lt;Domisili&gt;" in sop_html and "<Domisili>" not in sop_html
    assert f'href="{SOP_ROOT}katalog/{UNIT}/pemantauan/"' in sop_html
    konsep = page_text(
        (site / "sop" / "kab-contoh/kec-contoh/konsep" / "index.html").read_text(encoding="utf-8")
    )
    assert "Pemantauan dan evaluasi" not in konsep  # a draft without records has no such section
    unit_html = (site / "katalog" / UNIT / "pemantauan" / "index.html").read_text(encoding="utf-8")
    assert "Pemantauan SOP Kantor Kecamatan Contoh" in unit_html  # its title
    assert 'href="../../../../pemantauan.json"' not in unit_html
    portal_html = (site / "pemantauan" / "index.html").read_text(encoding="utf-8")
    assert f'href="../katalog/{UNIT}/pemantauan/"' in portal_html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="pemantauan/"' in home
    assert (site / "pemantauan.json").is_file() and (site / "pemantauan.csv").is_file()


def _pdf_pages(page: Any, url: str, out: Path) -> list[str]:
    page.goto(url)
    page.emulate_media(media="print")
    page.pdf(path=str(out), prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True)
    return [" ".join(p.split()) for p in text.stdout.split("\f") if p.strip()]


def test_printed_forms(built: Build, page: Any, tmp_path: Path) -> None:
    unit_page = (built.site / "katalog" / UNIT / "pemantauan" / "index.html").as_uri()
    monitoring = _pdf_pages(page, unit_page + "#formulir-monitoring", tmp_path / "m.pdf")
    size = subprocess.run(["pdfinfo", str(tmp_path / "m.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 59[45]\.\d+ pts", size), size  # A4 landscape
    assert len(monitoring) >= 2
    names = [f"Layanan Contoh Nomor {n:02d}" for n in range(1, EXTRA + 1)]
    for number, text in enumerate(monitoring, start=1):
        assert "MONITORING PELAKSANAAN SOP Periode: Semester I 2025" in text  # header on every page
        assert "Penilaian terhadap penerapan" in text and "Paraf" in text and "Prosedur" in text
        assert f"Hal. {number} dari {len(monitoring)}" in text
        assert "EVALUASI" not in text  # the chosen form only
        for name in names:  # a row is whole: its name and its number on the same page
            if name in text:
                n = int(name[-2:])
                assert f"470/{100 + n}/35.07.11/2024" in text
    assert sum(text.count("Layanan Contoh Nomor") for text in monitoring) == EXTRA
    assert_signed_with_a_row(monitoring)

    evaluation = _pdf_pages(page, unit_page + "#formulir-evaluasi", tmp_path / "e.pdf")
    tables = [text for text in evaluation if "Rekomendasi:" in text]
    assert len(tables) >= 3 and evaluation[: len(tables)] == tables
    for number, text in enumerate(evaluation, start=1):
        assert f"Hal. {number} dari {len(evaluation)}" in text
    for text in tables:
        assert "EVALUASI PENERAPAN SOP Periode: Tahun 2025" in text and "Kriteria evaluasi" in text
        # Each SOP's seven questions and its recommendation stay on its page.
        count = (
            text.count("Layanan Contoh Nomor")
            + text.count("Pelayanan Surat")
            + text.count("Penerbitan Surat")
        )
        assert text.count("1. Mampu mendorong peningkatan kinerja") == count
        assert text.count("7. Sistem berjalan sinergi satu dengan lainnya") == count
        assert text.count("Rekomendasi:") == count
    assert "Ketua Tim Evaluasi" in evaluation[-1]  # the signature block, after the table
    assert_signed_with_a_row(evaluation)
    assert "Rekomendasi:" in evaluation[-1]  # a whole SOP with it


def assert_signed_with_a_row(pages: list[str]) -> None:
    """The signature block of a blank form is whole on the last page, with at least one
    row of the table (an SOP's name) above it, never alone."""
    signature = ("......................., ....................... 20....", "(....", "NIP. ....")
    assert all(part in pages[-1] for part in signature), pages[-1]
    assert not any(part in page for page in pages[:-1] for part in signature)
    names = ("Layanan Contoh Nomor", "Pelayanan Surat Keterangan", "Penerbitan Surat Pengantar")
    assert any(name in pages[-1] for name in names), pages[-1]
