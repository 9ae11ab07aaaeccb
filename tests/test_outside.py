"""Nothing from outside the repository, and logos safe to publish.

Symbolic links under sop_src/ (SOP files, folders, `_unit.yml`, logos) and in docs/
are refused by their own path, never followed: the message says nothing of the
target (its path, whether it exists, what it holds). A `logo:` that leaves sop_src/
and docs/ gets one message whether or not the file exists. Logos are checked by
content (magic bytes, a size bound) and an SVG is published rebuilt from an
allow-list. The links are made by the tests at run time (none is committed).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, make_project, run_build, write_files

from macros.loader import SYMLINK, load_sources
from macros.logo import LOGO_MAX_BYTES, LogoError, check_logo, sanitize_svg

UNIT_DIR = "sop_src/kab-contoh/kec-contoh"
MINIMAL = (FIXTURES / "good-minimal/sop_src/kab-contoh/kec-contoh/minimal.md").read_text(encoding="utf-8")
UNIT = (FIXTURES / "good-minimal/sop_src/kab-contoh/kec-contoh/_unit.yml").read_text(encoding="utf-8")
SECRET = "RAHASIA-DI-LUAR-REPOSITORI"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def source_project(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    """A project with one valid SOP and its unit file, plus `files` (project-relative)."""
    project = tmp_path / "project"
    write_files(project, {f"{UNIT_DIR}/_unit.yml": UNIT, f"{UNIT_DIR}/minimal.md": MINIMAL, **(files or {})})
    return project


def outside(tmp_path: Path) -> Path:
    """A folder next to the project (outside it) holding a secret SOP, a unit file
    with the secret and a real image."""
    folder = tmp_path / "luar"
    write_files(
        folder, {"rahasia.md": MINIMAL.replace("nama:", f"# {SECRET}\nnama:"), "passwd": f"{SECRET}:x:0:0\n"}
    )
    (folder / "logo.png").write_bytes(PNG)
    return folder


def lines(project: Path) -> list[str]:
    return [str(p) for p in load_sources(project).problems]


def assert_reveals_nothing(text: str, target: Path) -> None:
    assert SECRET not in text
    assert str(target.parent) not in text and target.name not in text


# ---------------------------------------------------------------- symbolic links


@pytest.mark.parametrize("exists", [True, False])
def test_a_linked_sop_file_is_refused_by_its_own_path(tmp_path: Path, exists: bool) -> None:
    target = outside(tmp_path) / ("rahasia.md" if exists else "tidak-ada.md")
    project = source_project(tmp_path)
    (project / UNIT_DIR / "tautan.md").symlink_to(target)
    loaded = load_sources(project)
    assert lines(project) == [f"{UNIT_DIR}/tautan.md: {SYMLINK}"]
    assert [r.id for r in loaded.records] == ["kab-contoh/kec-contoh/minimal"]
    assert_reveals_nothing("\n".join(lines(project)), target)


def test_a_linked_folder_is_refused_and_nothing_in_it_is_read(tmp_path: Path) -> None:
    target = outside(tmp_path)
    project = source_project(tmp_path)
    (project / "sop_src/kab-lain").symlink_to(target, target_is_directory=True)
    assert lines(project) == [f"sop_src/kab-lain: {SYMLINK}"]
    assert [r.id for r in load_sources(project).records] == ["kab-contoh/kec-contoh/minimal"]


def test_a_linked_unit_file_is_refused_without_quoting_the_target(tmp_path: Path) -> None:
    target = outside(tmp_path) / "passwd"
    project = source_project(tmp_path)
    (project / UNIT_DIR / "_unit.yml").unlink()
    (project / UNIT_DIR / "_unit.yml").symlink_to(target)
    # The SOP's missing instansi/unit are not reported: the broken unit file is the problem.
    assert lines(project) == [f"{UNIT_DIR}/_unit.yml: {SYMLINK}"]
    assert_reveals_nothing("\n".join(lines(project)), target)


def test_a_linked_source_folder_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "sop_src").symlink_to(outside(tmp_path), target_is_directory=True)
    assert lines(project) == [f"sop_src: {SYMLINK}"]


def test_an_upper_case_md_extension_is_an_error_not_silence(tmp_path: Path) -> None:
    project = source_project(tmp_path, {f"{UNIT_DIR}/besar.MD": MINIMAL, f"{UNIT_DIR}/campur.Md": MINIMAL})
    assert lines(project) == [
        f"{UNIT_DIR}/besar.MD: ekstensi '.MD' tidak dibaca: diharapkan '.md' (huruf kecil), "
        "ganti nama berkas menjadi 'besar.md'",
        f"{UNIT_DIR}/campur.Md: ekstensi '.Md' tidak dibaca: diharapkan '.md' (huruf kecil), "
        "ganti nama berkas menjadi 'campur.md'",
    ]


# ---------------------------------------------------------------- logo paths


def with_logo(tmp_path: Path, value: str, files: dict[str, str] | None = None) -> Path:
    return source_project(tmp_path, {f"{UNIT_DIR}/_unit.yml": f"{UNIT}logo: {value}\n", **(files or {})})


def logo_lines(project: Path) -> list[str]:
    return [str(p) for p in load_sources(project).problems if p.path == "logo"]


OUTSIDE_LOGO = "diharapkan path gambar (png, jpg, svg, webp, gif) di bawah sop_src/ atau docs/, ditemukan"


@pytest.mark.parametrize("name", ["logo.png", "tidak-ada.png"])
def test_a_logo_outside_gets_one_message_whether_or_not_it_exists(tmp_path: Path, name: str) -> None:
    folder = outside(tmp_path)  # tmp_path/luar: holds logo.png, not tidak-ada.png
    relative = f"../../../../luar/{name}"  # from the unit's folder to tmp_path/luar
    for value in (relative, str(folder / name)):
        shutil.rmtree(tmp_path / "project", ignore_errors=True)
        assert logo_lines(with_logo(tmp_path, value)) == [
            f"{UNIT_DIR}/_unit.yml: logo: {OUTSIDE_LOGO} '{value}'"
        ]


def test_a_logo_escaping_through_dots_is_refused_without_looking(tmp_path: Path) -> None:
    project = with_logo(tmp_path, "../../../docs/../../luar/logo.png")
    outside(tmp_path)
    assert logo_lines(project) == [
        f"{UNIT_DIR}/_unit.yml: logo: {OUTSIDE_LOGO} '../../../docs/../../luar/logo.png'"
    ]


def test_a_logo_path_through_a_linked_folder_is_refused(tmp_path: Path) -> None:
    project = with_logo(tmp_path, "gambar/logo.png")
    (project / UNIT_DIR / "gambar").symlink_to(outside(tmp_path), target_is_directory=True)
    assert logo_lines(project) == [f"{UNIT_DIR}/_unit.yml: logo: '{UNIT_DIR}/gambar': {SYMLINK}"]


def test_a_linked_logo_is_refused(tmp_path: Path) -> None:
    project = with_logo(tmp_path, "docs/logo.png")
    (project / "docs").mkdir()
    (project / "docs/logo.png").symlink_to(outside(tmp_path) / "logo.png")
    assert logo_lines(project) == [f"{UNIT_DIR}/_unit.yml: logo: 'docs/logo.png': {SYMLINK}"]


def test_a_logo_inside_that_is_missing_is_named(tmp_path: Path) -> None:
    assert logo_lines(with_logo(tmp_path, "logo.png")) == [
        f"{UNIT_DIR}/_unit.yml: logo: berkas gambar tidak ditemukan: diharapkan path gambar di "
        "bawah sop_src/ atau docs/, ditemukan 'logo.png'"
    ]


# ---------------------------------------------------------------- logo content


def test_a_raster_logo_must_be_the_image_its_name_says(tmp_path: Path) -> None:
    project = with_logo(tmp_path, "logo.png", {f"{UNIT_DIR}/logo.png": "<svg onload='x()'/>"})
    assert logo_lines(project) == [
        f"{UNIT_DIR}/_unit.yml: logo: '{UNIT_DIR}/logo.png': isi berkas bukan gambar PNG: diharapkan "
        "berkas gambar yang sah (png, jpg, svg, webp, gif) dengan ekstensi yang sesuai isinya"
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.png", PNG),
        ("a.jpg", b"\xff\xd8\xff\xe0" + bytes(16)),
        ("a.jpeg", b"\xff\xd8\xff\xdb" + bytes(16)),
        ("a.gif", b"GIF89a" + bytes(16)),
        ("a.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(8)),
    ],
)
def test_raster_logos_are_published_as_they_are(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    assert check_logo(tmp_path / name) == data


def test_a_logo_over_the_size_bound_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(PNG + bytes(LOGO_MAX_BYTES))
    with pytest.raises(LogoError) as caught:
        check_logo(tmp_path / "a.png")
    assert str(caught.value) == "berkas logo terlalu besar: diharapkan paling besar 1.000.000 byte"


HOSTILE_SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3"
     width="80" height="96" viewBox="0 0 80 96" onload="alert(1)">
  <script>alert(2)</script>
  <metadata><x>y</x></metadata>
  <foreignObject width="80" height="96"><body xmlns="http://www.w3.org/1999/xhtml"
    onload="alert(3)"><iframe src="https://example.org/"/></body></foreignObject>
  <a href="javascript:alert(4)"><circle r="5"/></a>
  <a xlink:href="https://example.org/"><circle r="6"/></a>
  <style>@import url(https://example.org/x.css); .a { fill: red }</style>
  <style>.b { fill: #1a4d8f }</style>
  <path class="b" d="M40 2 L76 16 Z" fill="url(#g)" stroke="url(https://example.org/#s)" onclick="alert(5)"/>
  <rect width="4" height="4" style="fill: u\\72l(https://example.org/)"/>
  <use xlink:href="https://example.org/a.svg#x"/>
  <use href="#g"/>
  <image href="https://example.org/track.png"/>
  <image href="data:image/svg+xml;base64,PHN2Zy8+"/>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
  <set attributeName="href" to="javascript:alert(6)"/>
  <animate attributeName="onload" to="alert(7)"/>
  <feImage href="https://example.org/x.png"/>
  <text x="1" y="20">Kabupaten <tspan>Contoh</tspan> &amp; kota</text>
</svg>
"""
SANITISED = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="96" viewBox="0 0 80 96">'
    "<style>.b { fill: #1a4d8f }</style>"
    '<path class="b" d="M40 2 L76 16 Z" fill="url(#g)" />'
    '<rect width="4" height="4" />'
    "<use />"
    '<use href="#g" />'
    "<image />"
    "<image />"
    '<image href="data:image/png;base64,iVBORw0KGgo=" />'
    '<text x="1" y="20">Kabupaten <tspan>Contoh</tspan> &amp; kota</text>'
    "</svg>"
)


def test_a_hostile_svg_keeps_only_what_draws() -> None:
    assert sanitize_svg(HOSTILE_SVG).decode() == SANITISED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
            "SVG memuat DTD atau entitas XML, yang tidak diizinkan: simpan ulang sebagai SVG biasa",
        ),
        (
            b'<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg"/>',
            "SVG memuat DTD atau entitas XML, yang tidak diizinkan: simpan ulang sebagai SVG biasa",
        ),
        (b"<svg", "SVG tidak dapat dibaca: diharapkan berkas XML SVG yang sah"),
        (b"<svg/>", 'diharapkan gambar SVG (elemen akar <svg> dengan xmlns="http://www.w3.org/2000/svg")'),
        (
            b'<html xmlns="http://www.w3.org/2000/svg"/>',
            'diharapkan gambar SVG (elemen akar <svg> dengan xmlns="http://www.w3.org/2000/svg")',
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 5000 + b"</g>" * 5000 + b"</svg>",
            "SVG bersarang terlalu dalam: diharapkan paling dalam 50 tingkat",
        ),
    ],
)
def test_an_svg_that_is_not_a_plain_drawing_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(LogoError) as caught:
        sanitize_svg(data)
    assert str(caught.value) == message


# ---------------------------------------------------------------- the built site


EXECUTABLE = re.compile(rb"<script|\son\w+\s*=|javascript:|foreignObject|https?://example", re.IGNORECASE)


@pytest.fixture(scope="module")
def logos_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose unit logo is the hostile SVG and whose SOP has a PNG logo in docs/."""
    tmp = tmp_path_factory.mktemp("logos")
    sop = MINIMAL.replace("nama:", "logo: docs/gambar/logo.png\nnama:", 1)
    project = make_project(
        tmp,
        {
            "kab-contoh/kec-contoh/_unit.yml": f"{UNIT}logo: logo.svg\n",
            "kab-contoh/kec-contoh/minimal.md": sop,
        },
    )
    sop_src = project / UNIT_DIR
    write_files(sop_src, {"lain.md": MINIMAL.replace("/001/", "/002/", 1)})
    (sop_src / "logo.svg").write_bytes(HOSTILE_SVG)
    (project / "docs/gambar").mkdir()
    (project / "docs/gambar/logo.png").write_bytes(PNG)
    build = run_build(project, tmp / "site")
    assert build.returncode == 0, build.output
    return build.site


def test_the_published_svg_logo_is_the_sanitised_one(logos_site: Path) -> None:
    published = logos_site / "_sop_src/kab-contoh/kec-contoh/logo.svg"
    assert published.read_bytes() == sanitize_svg(HOSTILE_SVG)
    assert not EXECUTABLE.search(published.read_bytes())
    page = (logos_site / "sop/kab-contoh/kec-contoh/lain/index.html").read_text(encoding="utf-8")
    assert 'src="../../../../_sop_src/kab-contoh/kec-contoh/logo.svg"' in page


def test_a_logo_in_docs_is_published_as_checked(logos_site: Path) -> None:
    assert (logos_site / "gambar/logo.png").read_bytes() == PNG
    page = (logos_site / "sop/kab-contoh/kec-contoh/minimal/index.html").read_text(encoding="utf-8")
    assert 'src="../../../../gambar/logo.png"' in page


def test_a_link_in_docs_stops_the_build_before_anything_is_read(tmp_path: Path) -> None:
    target = outside(tmp_path) / "passwd"
    project = make_project(tmp_path, FIXTURES / "good-minimal/sop_src")
    (project / "docs/rahasia.md").symlink_to(target)
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert f"docs/rahasia.md: {SYMLINK}" in build.output
    assert_reveals_nothing(build.output, target)
    assert not build.site.exists()


def test_linked_sources_publish_nothing(tmp_path: Path) -> None:
    target = outside(tmp_path)
    project = make_project(tmp_path, FIXTURES / "good-minimal/sop_src")
    (project / UNIT_DIR / "tautan.md").symlink_to(target / "rahasia.md")
    (project / "sop_src/kab-lain").symlink_to(target, target_is_directory=True)
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert f"{UNIT_DIR}/tautan.md: {SYMLINK}" in build.output
    assert f"sop_src/kab-lain: {SYMLINK}" in build.output
    assert_reveals_nothing(build.output, target / "rahasia.md")
    assert not build.site.exists()


@pytest.mark.parametrize("value", ["a" * 300 + ".png", "gambar/" + "b" * 256 + "/logo.png"])
def test_a_logo_path_with_a_name_too_long_is_a_message_not_a_traceback(tmp_path: Path, value: str) -> None:
    """A name over 255 bytes made the file system refuse the lookup (OSError: File name
    too long) and the loader crash; found by the fuzz test (issue 16)."""
    longest = max(len(part) for part in value.split("/"))
    assert logo_lines(with_logo(tmp_path, value)) == [
        f"{UNIT_DIR}/_unit.yml: logo: nama folder atau berkas dalam path logo terlalu panjang: "
        f"diharapkan paling banyak 255 byte per nama, ditemukan {longest} byte"
    ]
