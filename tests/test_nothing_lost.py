"""Nothing an editor wrote is lost: every value of every sample SOP's validated model
is found in the text of that SOP's page, in the real project built strictly.

The walk is generic over the model, so a key added to the format is checked as soon
as a sample uses it. Dates are looked for in their Indonesian long form; a step's
values are looked for in that step's own row of the procedure table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from helpers import PROJECT, Build, page_text, run_build, squash
from pydantic import BaseModel

from macros.dates import Tanggal
from macros.index import JENIS_LABEL, Portal, load_portal
from macros.loader import SopRecord
from macros.model import Langkah
from macros.render import STATUS_LABEL

PORTAL = load_portal(PROJECT)
IDS = [record.id for record in PORTAL.records]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    # Strict; a failure is reported by test_project_builds_strictly. MkDocs writes every
    # page before a strict abort on warnings, so the page checks still say what they see.
    return run_build(PROJECT, tmp_path_factory.mktemp("project") / "site")


def test_project_builds_strictly(built: Build) -> None:
    assert built.returncode == 0, built.output


def values(portal: Portal, path: str, value: object) -> Iterator[tuple[str, str]]:
    """(field path, text a reader must find) for every value below `value`."""
    key = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if value is None or isinstance(value, bool) or key == "logo":
        return  # flags are symbols; the logo is an image
    if key == "status":
        yield path, STATUS_LABEL[str(value)]
    elif key in ("sop", "diganti_oleh"):
        yield path, portal.get(str(value)).sop.nama  # a link shows the SOP's name
    elif key == "jenis":
        yield path, JENIS_LABEL[str(value)].capitalize()
    elif key == "ke":
        assert isinstance(value, tuple)
        yield path, "Lanjut ke " + ", ".join(str(t) for t in value)
    elif key == "keputusan":
        assert isinstance(value, dict)
        for label, target in value.items():
            yield f"{path}.{label}", f"{label} → {target}"
    elif isinstance(value, Tanggal):
        yield path, value.long()
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, item in value:
            yield from values(portal, f"{path}.{name}" if path else name, item)
    elif isinstance(value, tuple):
        for index, item in enumerate(value, start=1):
            yield from values(portal, f"{path}[{index}]", item)
    else:  # pragma: no cover - a new kind of value: decide how a page shows it
        pytest.fail(f"{path}: no rule for {type(value).__name__} {value!r}")


def _html(build: Build, record: SopRecord) -> str:
    return (build.site / "sop" / record.id / "index.html").read_text(encoding="utf-8")


def _row(html: str, number: int) -> str:
    match = re.search(rf'<tr id="langkah-{number}".*?</tr>', html, re.S)
    assert match is not None, f"no row for langkah {number}"
    return match.group(0)


def test_the_walk_covers_every_kind_of_value() -> None:
    found = {
        path.split("[")[0].split(".")[0] for r in PORTAL.records for path, _ in values(PORTAL, "", r.sop)
    }
    assert {"nama", "nomor", "instansi", "unit", "tanggal_pembuatan", "disahkan_oleh", "langkah"} <= found
    paths = [path for r in PORTAL.records for path, _ in values(PORTAL, "", r.sop)]
    assert any(p.endswith(".keputusan.Ya") for p in paths)
    assert any(p.startswith("disahkan_oleh.nip") for p in paths)


@pytest.mark.parametrize("sop_id", IDS)
def test_identity_values_are_on_the_page(built: Build, sop_id: str) -> None:
    record = PORTAL.get(sop_id)
    text = page_text(_html(built, record))
    identity = {name: value for name, value in record.sop if name != "langkah"}
    lost = [
        f"{path}: {expected!r}"
        for name, value in identity.items()
        for path, expected in values(PORTAL, name, value)
        if squash(expected) not in text
    ]
    assert not lost, "not on the page:\n" + "\n".join(lost)


@pytest.mark.parametrize("sop_id", IDS)
def test_every_step_value_is_in_its_row(built: Build, sop_id: str) -> None:
    record = PORTAL.get(sop_id)
    html = _html(built, record)
    lost = []
    for number, step in enumerate(record.sop.langkah, start=1):
        assert isinstance(step, Langkah)
        row = _row(html, number)
        text = page_text(row, inside=None)
        assert text.startswith(f"{number} "), text
        for path, expected in values(PORTAL, f"langkah[{number}]", step):
            if ".pelaksana[" in path:
                continue  # a role is shown by its column: checked below
            if squash(expected) not in text:
                lost.append(f"{path}: {expected!r}")
        # The symbol is drawn in the column of each of the step's roles, in column order
        # (off-page connectors, data-simbol="penghubung", mark print page breaks: not steps).
        drawn = [
            unescape(r) for r in re.findall(r'data-pelaksana="([^"]*)" data-simbol="(?!penghubung")', row)
        ]
        columns = [role for role in record.sop.pelaksana if role in step.pelaksana]
        if drawn != columns:
            lost.append(f"langkah[{number}].pelaksana: drawn in {drawn}, expected {columns}")
    assert not lost, "not in the step's row:\n" + "\n".join(lost)


@pytest.mark.parametrize("sop_id", IDS)
def test_role_columns_and_body(built: Build, sop_id: str) -> None:
    record = PORTAL.get(sop_id)
    html = _html(built, record)
    header = re.search(r'<table class="sop-prosedur".*?</thead>', html, re.S)
    assert header is not None
    assert page_text(header.group(0), inside=None).endswith(
        " ".join([*record.sop.pelaksana, "Kelengkapan Waktu Output"])
    )
    assert squash(record.body) in page_text(html)


@pytest.mark.parametrize("sop_id", IDS)
def test_catalog_entry_matches_the_page(built: Build, sop_id: str) -> None:
    record = PORTAL.get(sop_id)
    text = page_text(_html(built, record))
    sop = record.sop
    assert f"Nomor SOP {sop.nomor or '-'}" in text
    assert f"Unit {sop.unit}, {sop.instansi}" in text


def test_project_build_has_a_page_per_sop(built: Build) -> None:
    pages = sorted(
        p.parent.relative_to(built.site / "sop").as_posix() for p in (built.site / "sop").rglob("index.html")
    )
    assert pages == IDS
