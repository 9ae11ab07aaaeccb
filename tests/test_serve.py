"""The preview server: an invalid SOP shows its errors in the browser in place of
the SOP, the server keeps running, and fixing the file brings the SOP back."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, git, make_project

from macros.riwayat import UNCOMMITTED

SOP = "kab-contoh/kec-contoh"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        html = _get(url)
        if text in html:
            return html
        time.sleep(0.5)
    pytest.fail(f"{text!r} never appeared at {url}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    project = make_project(tmp_path, FIXTURES / "good-minimal" / "sop_src")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_invalid_sop_shows_its_errors_and_the_server_keeps_running(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    project, url, process = server
    source = next((project / "sop_src").rglob("*.md"))
    sop_id = source.relative_to(project / "sop_src").with_suffix("").as_posix()
    page = f"{url}sop/{sop_id}/"
    good = _wait_for(page, 'class="sop-title"')
    assert "sop-galat" not in good

    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("nama:", "namma:", 1), encoding="utf-8")
    broken = _wait_for(page, "SOP ini belum dapat ditampilkan")
    assert "kunci &#39;namma&#39; tidak dikenal. Maksud Anda &#39;nama&#39;?" in broken
    assert f"sop_src/{sop_id}.md" in broken
    assert process.poll() is None  # still serving

    source.write_text(text, encoding="utf-8")
    _wait_for(page, 'class="sop-title"')
    assert process.poll() is None


def test_a_lone_surrogate_gets_its_error_page_and_every_other_page_stays_served(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    """A source with a lone surrogate passed the check and broke writing its page: every
    request hung until the file was fixed (issue 16)."""
    project, url, process = server
    source = next((project / "sop_src").rglob("*.md"))
    folder = source.parent.relative_to(project / "sop_src").as_posix()
    good = f"{url}sop/{folder}/{source.stem}/"
    _wait_for(good, 'class="sop-title"')
    text = source.read_text(encoding="utf-8")
    nama = next(line for line in text.splitlines() if line.startswith("nama: "))
    source.with_name("rusak.md").write_text(
        text.replace(nama, f'{nama[:6]}"{nama[6:]} \\ud800"'), encoding="utf-8"
    )
    broken = _wait_for(f"{url}sop/{folder}/rusak/", "SOP ini belum dapat ditampilkan")
    assert "baris 2</code>: nama: teks memuat surrogate tunggal U+D800" in broken
    assert 'class="sop-title"' in _get(good)
    assert process.poll() is None


KALIPARE = "kab-malang/kec-kalipare"


@contextlib.contextmanager
def _serving(project: Path, tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    """`make serve`'s command (dirty: only changed pages are written again) on a
    project; gives the folder the server writes the site to, the base URL and the
    process."""
    from helpers import PROJECT

    temp = tmp_path / "temp"  # mkdocs serve builds into a new folder here
    temp.mkdir()
    port = _free_port()
    command = next(line for line in (PROJECT / "Makefile").read_text().splitlines() if "mkdocs serve" in line)
    flags = command.split("mkdocs serve", 1)[1].split()
    assert "--dirty" in flags and "--strict" in flags
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *flags, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)},
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/", "Portal SOP")
        (site,) = temp.glob("mkdocs_*")
        yield site, f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
        assert "Aborted" not in output, output


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, Path, str, subprocess.Popen[str]]]:
    """The dirty preview server on the sample SOPs; returns the project, the folder the
    server writes the site to, the base URL and the process."""
    from helpers import PROJECT

    project = make_project(tmp_path, PROJECT / "sop_src")
    with _serving(project, tmp_path) as (site, url, process):
        yield project, site, url, process


def test_a_commit_alone_shows_in_the_history(tmp_path: Path) -> None:
    """An edit previewed, then committed: no source changes, the SOP's Riwayat follows."""
    project = make_project(tmp_path, FIXTURES / "good-minimal" / "sop_src")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Awal")
    source = next((project / "sop_src").rglob("*.md"))
    sop_id = source.relative_to(project / "sop_src").with_suffix("").as_posix()
    text = source.read_text(encoding="utf-8")
    nama = next(line for line in text.splitlines() if line.startswith("nama:"))
    source.write_text(text.replace(nama, f"{nama} Edisi Uji", 1), encoding="utf-8")
    with _serving(project, tmp_path) as (_, url, process):
        page = f"{url}sop/{sop_id}/"
        assert UNCOMMITTED in _wait_for(page, "Edisi Uji")
        git(project, "commit", "-qam", "Nama SOP disahkan ulang")
        html = _wait_for(page, "Nama SOP disahkan ulang")
        assert UNCOMMITTED not in html
        assert process.poll() is None


def test_an_edit_rewrites_the_pages_that_show_it_and_no_other(
    preview: tuple[Path, Path, str, subprocess.Popen[str]],
) -> None:
    project, site, url, process = preview
    edited = f"{KALIPARE}/penerimaan-surat-masuk"
    referring = f"{KALIPARE}/pengiriman-surat"  # names it under "SOP Terkait"
    unrelated = "prov-jambi/bpkpd/penyusunan-lkj"
    unrelated_page = site / "sop" / unrelated / "index.html"
    kategori = _wait_for(f"{url}kategori/", "Persuratan")
    before = unrelated_page.stat().st_mtime_ns

    source = project / "sop_src" / f"{edited}.md"
    text = source.read_text(encoding="utf-8")
    nama = next(line for line in text.splitlines() if line.startswith("nama:"))
    source.write_text(text.replace(nama, f"{nama} Edisi Uji", 1), encoding="utf-8")

    _wait_for(f"{url}sop/{edited}/", "Edisi Uji")
    # what shows the SOP elsewhere follows in the same rebuild
    assert "Edisi Uji" in _get(f"{url}sop/{referring}/")
    assert "Edisi Uji" in _get(f"{url}katalog/")
    assert "Edisi Uji" in _get(f"{url}katalog/pemerintah-kabupaten-malang/kantor-kecamatan-kalipare/")
    assert "Edisi Uji" in _get(f"{url}sop.json")
    # an SOP page that does not show it is not written again
    assert unrelated_page.stat().st_mtime_ns == before
    # the category page still lists every categorised SOP, the unchanged ones too
    after = _get(f"{url}kategori/")
    links = lambda html: sorted(set(re.findall(r'href="[./]*sop/([^"#]+)/"', html)))  # noqa: E731
    assert links(after) == links(kategori) and len(links(after)) == 4
    assert "Edisi Uji" in after

    # a deleted SOP's page is gone from the preview (and from its search index)
    (project / "sop_src" / f"{unrelated}.md").unlink()
    deadline = time.monotonic() + 60
    while unrelated_page.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not unrelated_page.exists()

    # a change of configuration shows on every page, hand-written ones too
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name: Portal SOP", "site_name: Portal Uji")
    )
    _wait_for(f"{url}sop/{referring}/", "Portal Uji")
    assert "Portal Uji" in _get(f"{url}panduan/format/")
    assert process.poll() is None
