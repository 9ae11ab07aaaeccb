"""Golden files for the rendered parts of an SOP page (the sample
kab-malang/kec-kalipare/penyusunan-lkj), compared after normalising whitespace.

When a renderer changes on purpose, `pytest --update-golden` rewrites tests/golden/
and the diff of those files is reviewed with the change.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import PROJECT

from macros.index import Portal, load_portal
from macros.loader import SopRecord
from macros.render.sop import render_header, render_identitas, render_prosedur

SOP_ID = "kab-malang/kec-kalipare/penyusunan-lkj"
ROOT = "../../../../"  # from sop/kab-malang/kec-kalipare/penyusunan-lkj/ to the site root

Renderer = Callable[[Portal, SopRecord, str], str]
PARTS: dict[str, Renderer] = {
    "penyusunan-lkj.header.html": render_header,
    "penyusunan-lkj.identitas.html": render_identitas,
    "penyusunan-lkj.prosedur.html": render_prosedur,
}


@pytest.fixture(scope="module")
def portal() -> Portal:
    return load_portal(PROJECT)


@pytest.mark.parametrize("name", list(PARTS))
def test_rendered_part_matches_its_golden_file(
    portal: Portal, golden: Callable[[str, str], None], name: str
) -> None:
    golden(name, PARTS[name](portal, portal.get(SOP_ID), ROOT))
