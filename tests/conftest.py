"""pytest's fixtures and options for the tests: golden files (`--update-golden`) and the
system browser. Shared helpers are in `helpers.py`, imported by the tests from there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import GOLDEN, PROJECT, normalise_html

# The system's Chromium and the flags it needs on a closed network (shared with `make pdf`).
from macros.pdf import CHROMIUM, CHROMIUM_ARGS


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.html from the current renderers instead of comparing",
    )


# ---------------------------------------------------------------- golden files


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Any:
    """compare(name, text): check text against tests/golden/<name>, or rewrite it with
    --update-golden. HTML (*.html) is compared after normalising whitespace, any other
    file (sop.json, sop.csv) exactly."""
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
        expected, actual = path.read_text(encoding="utf-8"), html.strip() + "\n"
        if name.endswith(".html"):
            expected, actual = normalise_html(expected), normalise_html(actual)
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
                f"rendered output differs from golden/{name} "
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
