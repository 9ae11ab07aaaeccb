"""ProperDocs, the maintained continuation of MkDocs 1.x, builds the portal unchanged:
the sample portal built by both runners is the same page for page (bench/sitediff.py),
the generator tag aside. This is the owner's way off MkDocs (README: after May 2027)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import PROJECT, make_project, run_build

from bench.sitediff import compare_sites


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    project = make_project(tmp_path, PROJECT / "sop_src")
    with_mkdocs = run_build(project, tmp_path / "site-mkdocs")
    assert with_mkdocs.returncode == 0, with_mkdocs.output
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"]
    done = subprocess.run(
        [*command, "-d", str(tmp_path / "site-properdocs")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    page = (tmp_path / "site-properdocs" / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs' in page  # it really was ProperDocs
    result = compare_sites(tmp_path / "site-mkdocs", tmp_path / "site-properdocs")
    assert result.same, result.report()
    assert result.compared > 100
