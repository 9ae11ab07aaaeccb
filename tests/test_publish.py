"""A failed build leaves the previous site whole (`make build`, `make pdf`:
`python -m macros.publish`).

The builds go through the same entry the Makefile calls, in a tiny project: a good
site first, then a broken one (or one killed halfway) must leave `site/` byte for byte
as it was, and nothing of the failed build next to it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import FIXTURES, make_project

from macros.publish import BuildFailed, clean_leftovers, publish

GOOD = FIXTURES / "good-minimal/sop_src"
BROKEN = FIXTURES / "broken-yaml/sop_src"
PAGE = "sop/kab-contoh/kec-contoh/minimal/index.html"


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def entry(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`make build` (or `make pdf` with --pdf) in the project, as the Makefile runs it."""
    return subprocess.run(
        [sys.executable, "-m", "macros.publish", *args],
        cwd=project,
        env={**ENV, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site.*"))


def use_sources(project: Path, sources: Path) -> None:
    shutil.rmtree(project / "sop_src")
    shutil.copytree(sources, project / "sop_src")


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A project whose site/ holds a good build, and that site's bytes."""
    project = make_project(tmp_path, GOOD)
    done = entry(project)
    assert done.returncode == 0, done.stderr
    assert "Situs baru di site/." in done.stderr
    return project, snapshot(project / "site")


def test_a_failed_build_leaves_the_previous_site_byte_for_byte(built: tuple[Path, dict[str, bytes]]) -> None:
    project, before = built
    assert PAGE in before and "sop.json" in before and "pagefind/pagefind.js" in before
    use_sources(project, BROKEN)
    done = entry(project)
    assert done.returncode != 0
    assert "Pembangunan gagal: site/ tidak diubah (tetap berisi situs sebelumnya)." in done.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_build_killed_halfway_leaves_the_previous_site_and_the_next_build_cleans_up(
    built: tuple[Path, dict[str, bytes]],
) -> None:
    project, before = built
    process = subprocess.Popen(
        [sys.executable, "-m", "macros.publish"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    work = project / f".site.baru-{process.pid}"
    deadline = time.monotonic() + 120
    while not any(work.rglob("*.html")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)  # the build and MkDocs under it, halfway
    process.wait()
    assert any(work.rglob("*.html")), "the build ended before it could be killed halfway"
    assert snapshot(project / "site") == before
    use_sources(project, BROKEN)
    assert entry(project).returncode != 0
    assert snapshot(project / "site") == before
    assert leftovers(project) == []  # the killed build's folder is gone


def test_a_good_build_replaces_the_site(built: tuple[Path, dict[str, bytes]]) -> None:
    project, before = built
    source = project / "sop_src/kab-contoh/kec-contoh/minimal.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Pelayanan Surat", "Layanan Baru"), encoding="utf-8"
    )
    (project / "site/sisa-lama.txt").write_text("dari situs sebelumnya", encoding="utf-8")
    done = entry(project)
    assert done.returncode == 0, done.stderr
    after = snapshot(project / "site")
    assert "Layanan Baru" in after[PAGE].decode() and "Layanan Baru" not in before[PAGE].decode()
    assert "sisa-lama.txt" not in after
    assert leftovers(project) == []
    mode = (project / "site").stat().st_mode & 0o777
    assert mode == (project / "sop_src").stat().st_mode & 0o777  # an ordinary folder, not a private one


def test_an_exception_halfway_removes_what_was_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("lama", encoding="utf-8")

    def steps(work: Path) -> None:
        (work / "index.html").write_text("setengah", encoding="utf-8")
        raise BuildFailed(3)

    with pytest.raises(BuildFailed):
        publish(site, steps)
    assert snapshot(site) == {"index.html": b"lama"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_previous_site_caught_between_two_renames_is_put_back(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    (tmp_path / f".site.lama-{pid}").mkdir()
    (tmp_path / f".site.lama-{pid}/index.html").write_text("lama", encoding="utf-8")
    (tmp_path / f".site.baru-{pid}").mkdir()
    clean_leftovers(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert snapshot(tmp_path / "site") == {"index.html": b"lama"}


def test_the_pdf_export_runs_in_the_new_folder_and_a_failed_one_keeps_the_site(
    built: tuple[Path, dict[str, bytes]], browser: object
) -> None:
    project, before = built
    done = entry(project, "--pdf")
    assert done.returncode == 0, done.stderr
    after = snapshot(project / "site")
    assert "pdf/kab-contoh/kec-contoh/minimal.pdf" in after
    assert "minimal.pdf" in after[PAGE].decode() and "minimal.pdf" not in before[PAGE].decode()
    assert leftovers(project) == []
    # The site builds, then the export fails (no browser where it is looked for): the
    # site with the PDFs stays as it was.
    failed = entry(project, "--pdf", PORTAL_SOP_CHROMIUM=str(project / "tidak-ada-chromium"))
    assert failed.returncode != 0
    assert "PDF tidak dibuat:" in failed.stderr
    assert snapshot(project / "site") == after
    assert leftovers(project) == []
