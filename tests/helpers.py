"""Shared test helpers: the project path, tiny projects in tmp_path, strict site builds,
reading pages and golden files. Tests import them from here (`from helpers import ...`);
conftest.py holds only pytest's fixtures and options.

Site builds run `mkdocs build --strict` in a subprocess whose working directory is the
tiny project (the test process never changes directory), so the copied `macros/`
package is the one imported. Builds are slow next to everything else: share them
through module- or session-scoped fixtures.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

PROJECT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"


# ---------------------------------------------------------------- git


def git(repo: Path, *args: str, when: str | None = None) -> None:
    """Run git in a test repository, with a fixed identity (and commit date `when`)."""
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
        "HOME": str(repo),
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


# ---------------------------------------------------------------- tiny projects


class Build(NamedTuple):
    """The result of one `mkdocs build --strict`: (returncode, output, site)."""

    returncode: int
    output: str  # stdout and stderr together
    site: Path


def write_files(root: Path, files: Mapping[str, str]) -> None:
    """Write text files under root; keys are relative paths, values are dedented."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def make_project(
    tmp_path: Path,
    sources: Mapping[str, str] | Path,
    docs: Mapping[str, str] | None = None,
) -> Path:
    """A tiny copy of the project in tmp_path/project: mkdocs.yml, docs/, overrides/,
    the macros/ package, and sop_src/ from `sources`.

    `sources` is either {path under sop_src/: text} or a folder to copy as sop_src/.
    `docs` adds or replaces files under docs/ ({path under docs/: text}).
    """
    project = tmp_path / "project"
    project.mkdir(parents=True)
    shutil.copy2(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("docs", "overrides", "macros"):
        shutil.copytree(PROJECT / folder, project / folder, ignore=ignore)
    if isinstance(sources, Path):
        shutil.copytree(sources, project / "sop_src", ignore=ignore)
    else:
        (project / "sop_src").mkdir()
        write_files(project / "sop_src", sources)
    if docs:
        write_files(project / "docs", docs)
    return project


def _command(config: Path, site: Path, strict: bool) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    return [*command, "--strict"] if strict else command


def _environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def run_build(project: Path, site: Path, strict: bool = True) -> Build:
    """Build a project (a folder with mkdocs.yml) into `site`, in a subprocess."""
    return run_builds([(project, site)], strict=strict)[0]


def run_builds(jobs: Sequence[tuple[Path, Path]], parallel: int = 4, strict: bool = True) -> list[Build]:
    """Build several (project, site) pairs, a few at a time; results in the same order."""
    results: list[Build | None] = [None] * len(jobs)
    running: list[tuple[int, subprocess.Popen[str]]] = []
    pending = list(enumerate(jobs))

    def reap(entry: tuple[int, subprocess.Popen[str]]) -> None:
        index, process = entry
        output, _ = process.communicate(timeout=300)
        results[index] = Build(process.returncode, output, jobs[index][1])

    while pending or running:
        while pending and len(running) < parallel:
            index, (project, site) = pending.pop(0)
            process = subprocess.Popen(
                _command(project / "mkdocs.yml", site, strict),
                cwd=project,
                env=_environment(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            running.append((index, process))
        reap(running.pop(0))
    return [r for r in results if r is not None]


def build_site(
    tmp_path: Path,
    sources: Mapping[str, str] | Path,
    docs: Mapping[str, str] | None = None,
    strict: bool = True,
) -> Build:
    """Make a tiny project in tmp_path and build it strictly into tmp_path/site."""
    project = make_project(tmp_path, sources, docs)
    return run_build(project, tmp_path / "site", strict)


def sop_pages(site: Path) -> list[Path]:
    """Every SOP page written into a site (none when the build refused the sources)."""
    folder = site / "sop"
    return sorted(folder.rglob("index.html")) if folder.is_dir() else []


# ---------------------------------------------------------------- reading pages


class _TextParser(HTMLParser):
    """Text content of an HTML document, or of its <article> elements only."""

    def __init__(self, inside: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.inside, self.depth, self.skip = inside, 0, 0
        self.parts: list[str] = []
        self.title: list[str] = []  # the document's <title> (not an SVG's)
        self.in_title = False
        self.titles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.inside:
            self.depth += 1
        elif tag in ("script", "style"):
            self.skip += 1
        elif tag == "title":
            self.titles += 1
            self.in_title = self.titles == 1

    def handle_endtag(self, tag: str) -> None:
        if tag == self.inside:
            self.depth -= 1
        elif tag in ("script", "style"):
            self.skip -= 1
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skip and (self.inside is None or self.depth > 0):
            self.parts.append(data)


def squash(text: str) -> str:
    """Whitespace-normalised text: runs of whitespace become one space."""
    return " ".join(text.split())


def page_text(html: str, inside: str | None = "article") -> str:
    """The whitespace-normalised text a reader sees in a page's <article> (the content),
    or in the whole document with inside=None. Scripts and styles are not text."""
    parser = _TextParser(inside)
    parser.feed(html)
    parser.close()
    return squash(" ".join(parser.parts))


def page_title(html: str) -> str:
    """The text of the page's <title> (entities decoded)."""
    parser = _TextParser(None)
    parser.feed(html)
    parser.close()
    return squash("".join(parser.title))


# ---------------------------------------------------------------- golden files


def normalise_html(html: str) -> str:
    """Whitespace-insensitive form of rendered HTML: no space between tags, runs of
    whitespace as one space."""
    html = re.sub(r">\s+<", "><", html.strip())
    return re.sub(r"\s+", " ", html)
