"""Shared test helpers: the project path, tiny projects in tmp_path, strict site builds,
golden files and the system browser.

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
from collections.abc import Iterator, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

import pytest

PROJECT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"

# The system's Chromium and the flags it needs on a closed network (shared with `make pdf`).
from macros.pdf import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.html from the current renderers instead of comparing",
    )


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


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Any:
    """compare(name, html): check html against tests/golden/<name>, or rewrite it with
    --update-golden."""
    update = bool(request.config.getoption("--update-golden"))

    def compare(name: str, html: str) -> None:
        __tracebackhide__ = True
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html.strip() + "\n", encoding="utf-8")
            return
        if not path.is_file():
            pytest.fail(f"golden file {path.relative_to(PROJECT)} is missing: run pytest --update-golden")
        expected = normalise_html(path.read_text(encoding="utf-8"))
        actual = normalise_html(html)
        if expected != actual:
            import difflib

            diff = "\n".join(
                difflib.unified_diff(
                    expected.replace("><", ">\n<").splitlines(),
                    actual.replace("><", ">\n<").splitlines(),
                    f"golden/{name}",
                    "rendered",
                    lineterm="",
                )
            )
            pytest.fail(
                f"rendered HTML differs from golden/{name} "
                f"(run pytest --update-golden if the change is intended):\n{diff}"
            )

    return compare


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium through Playwright (never a downloaded browser).

    Skips with a reason when Chromium or Playwright is missing, unless
    PORTAL_SOP_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
    """
    required = os.environ.get("PORTAL_SOP_REQUIRE_BROWSER") == "1"

    def unavailable(reason: str) -> None:
        if required:
            pytest.fail(f"{reason} (PORTAL_SOP_REQUIRE_BROWSER=1)")
        pytest.skip(f"{reason}: browser tests skipped (install Debian's chromium)")

    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception as exc:  # the browser exists but cannot start here
            unavailable(f"{CHROMIUM} did not start ({exc.__class__.__name__}: {exc})")
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page; no network beyond file:// and localhost is expected."""
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()
