"""When each SOP source last changed, from the git history (one `git log` call)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

from .sources import SRC_DIR


def last_changes(project: Path, folder: str = SRC_DIR) -> dict[str, date]:
    """Project-relative path -> date of the last commit that touched it.

    Empty when the project is not a git checkout or git is missing. A shallow clone
    knows only its own commits (CI must fetch the full history for true dates).
    Read once per commit: a preview server asks again after every edit.
    """
    head = _git(project, "rev-parse", "HEAD")
    key = (str(project), folder, head or "")
    if head is None or key not in _READ:
        _READ.clear()
        _READ[key] = _read_changes(project, folder)
    return dict(_READ[key])


_READ: dict[tuple[str, str, str], dict[str, date]] = {}


def _git(project: Path, *args: str) -> str | None:
    try:
        return subprocess.run(
            ["git", "-C", str(project), *args], capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def _read_changes(project: Path, folder: str) -> dict[str, date]:
    try:
        out = subprocess.run(
            [
                "git",
                "-C",
                str(project),
                "log",
                "--format=%x00%cs",
                "--name-only",
                "--no-renames",
                "--relative",
                "--",
                folder,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    changes: dict[str, date] = {}
    for block in out.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        when = date.fromisoformat(lines[0])
        for name in lines[1:]:
            if name.strip():
                changes.setdefault(name.strip(), when)
    return changes


_REMOTE = re.compile(r"^(?:https://|git@)(?P<host>github\.com|gitlab\.com)[/:](?P<path>[^\s]+?)(?:\.git)?/?$")


def repository_url(project: Path, environ: dict[str, str]) -> str | None:
    """The web address of the repository: from GitHub Actions' variables, else from
    the `origin` remote when it is on GitHub or GitLab."""
    if environ.get("GITHUB_REPOSITORY"):
        server = environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        return f"{server}/{environ['GITHUB_REPOSITORY']}"
    remote = _git(project, "remote", "get-url", "origin")
    if remote is None:
        return None
    match = _REMOTE.match(remote)
    return f"https://{match['host']}/{match['path']}" if match else None
