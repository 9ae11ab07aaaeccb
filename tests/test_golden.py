"""Golden files for the renderers, fed by the fixture portal tests/fixtures/good-portal/
(a frozen copy of the sample SOPs, so editing the live sample in sop_src/ does not break
these tests): the parts of an SOP page, the step list and the relations section, the
catalog, a unit page and the open data (sop.json, sop.csv). HTML is compared after
normalising whitespace, the open data exactly.

When a renderer changes on purpose, `pytest --update-golden` rewrites tests/golden/
and the diff of those files is reviewed with the change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest
from helpers import FIXTURES

from macros.index import Portal, load_portal
from macros.loader import SopRecord
from macros.render.katalog import render_katalog, render_unit
from macros.render.opendata import render_csv, render_json
from macros.render.sop import render_header, render_identitas, render_prosedur, render_relasi
from macros.render.steps import render_langkah

PORTAL = FIXTURES / "good-portal"
SOP_ID = "kab-malang/kec-kalipare/penyusunan-lkj"
ROOT = "../../../../"  # from sop/kab-malang/kec-kalipare/penyusunan-lkj/ to the site root
RELATED = "kab-malang/kec-kalipare/penerimaan-surat-masuk"  # refers and is referred to
UNIT = "pemerintah-kabupaten-malang/kantor-kecamatan-kalipare"

Renderer = Callable[[Portal, SopRecord, str], str]
PARTS: dict[str, tuple[str, Renderer]] = {
    "penyusunan-lkj.header.html": (SOP_ID, render_header),
    "penyusunan-lkj.identitas.html": (SOP_ID, functools.partial(render_identitas, fold=True)),
    "penyusunan-lkj.prosedur.html": (SOP_ID, render_prosedur),
    "penyusunan-lkj.langkah.html": (SOP_ID, render_langkah),
    "penerimaan-surat-masuk.relasi.html": (RELATED, render_relasi),
}


@pytest.fixture(scope="module")
def portal() -> Portal:
    return load_portal(PORTAL)


@pytest.mark.parametrize("name", list(PARTS))
def test_rendered_part_matches_its_golden_file(
    portal: Portal, golden: Callable[[str, str], None], name: str
) -> None:
    sop_id, render = PARTS[name]
    golden(name, render(portal, portal.get(sop_id), ROOT))


def test_catalog_matches_its_golden_file(portal: Portal, golden: Callable[[str, str], None]) -> None:
    golden("katalog.html", render_katalog(portal, "../"))


def test_unit_page_matches_its_golden_file(portal: Portal, golden: Callable[[str, str], None]) -> None:
    unit = next(u for u in portal.units if u.slug == UNIT)
    golden("unit.kantor-kecamatan-kalipare.html", render_unit(portal, unit, "../../../"))


def test_open_data_matches_its_golden_files(portal: Portal, golden: Callable[[str, str], None]) -> None:
    golden("sop.json", render_json(portal))
    golden("sop.csv", render_csv(portal))
