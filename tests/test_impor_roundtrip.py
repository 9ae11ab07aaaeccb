"""Round trip: every SOP the portal prints (`make pdf`) imports back to the same SOP.

The sample SOPs (sop_src/) and the print fixtures (tests/fixtures_print/cetak/: several
roles per step, custom branch labels, loops, several ends, 17 steps over several
pages) are built with PDF links, printed by the system's Chromium exactly as
`make pdf` does, then imported with `macros.impor.import_file`. The imported source
must pass validation and give back the identity, the pelaksana, every step with its
roles, symbol, branches, `ke` and Mutu Baku.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pytest
from helpers import PROJECT, make_project, run_builds
from test_print import CETAK, configure

from macros import flow
from macros.impor import import_file
from macros.impor.writer import validation_errors
from macros.index import load_portal
from macros.loader import SopRecord
from macros.model import Rujukan, Sop
from macros.pdf import export, pdf_path
from macros.validation import validate_sop
from macros.yamlio import parse_yaml, split_front_matter

SOURCES = {"contoh": PROJECT / "sop_src", "cetak": CETAK / "sop_src"}
BOXES = (
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "peralatan_perlengkapan",
    "peringatan",
    "pencatatan_pendataan",
)


class Printed(NamedTuple):
    record: SopRecord
    pdf: Path


@pytest.fixture(scope="module")
def printed(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> list[Printed]:
    jobs, projects = [], []
    for name, sources in SOURCES.items():
        tmp = tmp_path_factory.mktemp(f"impor-{name}")
        project = make_project(tmp, sources)
        configure(project, kertas="A4", pdf=True)
        jobs.append((project, tmp / "site"))
        projects.append(project)
    out = []
    for (project, site), build in zip(jobs, run_builds(jobs), strict=True):
        assert build.returncode == 0, build.output
        export(site, project, books=False, log=False, browser=browser)
        for record in load_portal(project).records:
            out.append(Printed(record, pdf_path(site, record.id)))
    return out


def imported_sop(path: Path) -> Sop:
    result = import_file(path)
    assert validation_errors(result.text) == []
    parts = split_front_matter(result.text)
    assert parts is not None
    sop, errors, _ = validate_sop(parse_yaml(parts[0]))
    assert sop is not None, errors
    return sop


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def differences(want: Sop, got: Sop) -> list[str]:
    """Every field of the printed SOP the import did not give back (empty: the same)."""
    out: list[str] = []

    def check(path: str, a: Any, b: Any) -> None:
        if a != b:
            out.append(f"{path}: ditulis {a!r}, diimpor {b!r}")

    for key in ("nama", "nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "pelaksana"):
        check(key, getattr(want, key), getattr(got, key))
    # The letterhead is printed in capitals (CSS text-transform): compare without case.
    for key in ("instansi", "unit", "alamat", "telepon", "email", "website"):
        check(key, _fold(getattr(want, key)), _fold(getattr(got, key)))
    for key in ("jabatan", "nama", "pangkat", "nip"):
        check(f"disahkan_oleh.{key}", getattr(want.disahkan_oleh, key), getattr(got.disahkan_oleh, key))
    for key in BOXES:
        check(key, getattr(want, key), getattr(got, key))
    texts = tuple(item for item in want.keterkaitan if not isinstance(item, Rujukan))
    check(
        "keterkaitan",
        texts,
        tuple(item for item in got.keterkaitan if not isinstance(item, Rujukan))[: len(texts)],
    )
    check("langkah (jumlah)", len(want.langkah), len(got.langkah))
    for number, (a, b) in enumerate(zip(want.langkah, got.langkah, strict=False), start=1):
        here = f"langkah[{number}]"
        check(f"{here}.kegiatan", a.kegiatan, b.kegiatan)
        check(f"{here}.pelaksana", set(a.pelaksana), set(b.pelaksana))
        check(f"{here} simbol", flow.symbol(want.langkah, number), flow.symbol(got.langkah, number))
        check(f"{here}.keputusan", a.keputusan, b.keputusan)
        check(
            f"{here} alur",
            [(e.target, e.label) for e in flow.edges(want.langkah, number)],
            [(e.target, e.label) for e in flow.edges(got.langkah, number)],
        )
        for key in ("kelengkapan", "waktu", "output", "keterangan"):
            check(f"{here}.{key}", getattr(a, key), getattr(b, key))
    return out


def test_every_printed_sop_imports_back_to_the_same_sop(printed: list[Printed]) -> None:
    assert len(printed) >= 10
    problems = {}
    for item in printed:
        found = differences(item.record.sop, imported_sop(item.pdf))
        if found:
            problems[item.record.id] = found
    assert problems == {}


def test_the_fixtures_cover_what_the_round_trip_must_show(printed: list[Printed]) -> None:
    """Several roles in a step, custom labels, a loop back, several ends, a table over pages."""
    steps = [(item.record.sop, n) for item in printed for n in range(1, len(item.record.sop.langkah) + 1)]
    assert any(len(sop.langkah[n - 1].pelaksana) >= 2 for sop, n in steps)
    labels = {label for sop, n in steps for label in (sop.langkah[n - 1].keputusan or {})}
    assert labels - {"Ya", "Tidak"}
    assert any(e.target <= n for sop, n in steps for e in flow.edges(sop.langkah, n))
    assert any(len(flow.ends(item.record.sop.langkah)) >= 2 for item in printed)
    assert any(len(item.record.sop.langkah) >= 17 for item in printed)
