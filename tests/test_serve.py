"""The preview server: an invalid SOP shows its errors in the browser in place of
the SOP, the server keeps running, and fixing the file brings the SOP back."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project

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
