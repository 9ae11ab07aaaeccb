"""Last-change dates from git and the repository address for edit links."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from helpers import git

from macros.history import last_changes, repository_url


def test_last_change_is_the_newest_commit_touching_each_file(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "sop_src").mkdir()
    (tmp_path / "sop_src" / "a.md").write_text("1")
    (tmp_path / "sop_src" / "b.md").write_text("1")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "one", when="2024-01-02T10:00:00+07:00")
    first = {"sop_src/a.md": date(2024, 1, 2), "sop_src/b.md": date(2024, 1, 2)}
    assert last_changes(tmp_path) == first
    (tmp_path / "sop_src" / "b.md").write_text("2")
    import macros.history

    reads: list[Path] = []
    original = macros.history._read_changes
    macros.history._read_changes = lambda project, folder: reads.append(project) or original(project, folder)  # type: ignore[assignment]
    try:
        assert last_changes(tmp_path) == first  # read once per commit (a preview asks often)
        assert reads == []
    finally:
        macros.history._read_changes = original
    (tmp_path / "README").write_text("not an SOP")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "two", when="2025-03-04T10:00:00+07:00")
    assert last_changes(tmp_path) == {"sop_src/a.md": date(2024, 1, 2), "sop_src/b.md": date(2025, 3, 4)}


def test_no_git_history_means_no_dates(tmp_path: Path) -> None:
    assert last_changes(tmp_path) == {}


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("https://github.com/pemkab/portal-sop.git", "https://github.com/pemkab/portal-sop"),
        ("git@github.com:pemkab/portal-sop.git", "https://github.com/pemkab/portal-sop"),
        ("https://gitlab.com/pemkab/sop", "https://gitlab.com/pemkab/sop"),
        ("/srv/git/portal-sop.git", None),
    ],
)
def test_repository_url_from_the_origin_remote(tmp_path: Path, remote: str, url: str | None) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "remote", "add", "origin", remote)
    assert repository_url(tmp_path, {}) == url


def test_repository_url_from_github_actions(tmp_path: Path) -> None:
    environ = {"GITHUB_REPOSITORY": "pemkab/portal-sop", "GITHUB_SERVER_URL": "https://github.com"}
    assert repository_url(tmp_path, environ) == "https://github.com/pemkab/portal-sop"


def test_sop_pages_link_to_their_source_and_show_the_last_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers import FIXTURES, make_project, run_build

    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)  # as on GitHub Actions' runners

    project = make_project(tmp_path, FIXTURES / "good-minimal" / "sop_src")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "SOP", when="2025-03-04T10:00:00+07:00")
    git(project, "remote", "add", "origin", "git@github.com:pemkab/portal-sop.git")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    pages = sorted((tmp_path / "site" / "sop").rglob("index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        source = page.parent.relative_to(tmp_path / "site" / "sop").as_posix()
        edit = f'href="https://github.com/pemkab/portal-sop/edit/main/sop_src/{source}.md"'
        assert edit in html
        assert "Ubah halaman ini" in html
        assert "4 Maret 2025" in html
        assert re.search(r"Pembaruan terakhir: 4 Maret 2025\s*</span>", html)  # in words, not only a tooltip
        assert 'data-md-component="source"' not in html  # no runtime fetch from the forge
