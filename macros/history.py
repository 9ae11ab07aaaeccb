"""The git history of the SOP sources: when each file last changed (one `git log`
call), and every commit's changed files with their contents (`read_log`: one
`git log` pass and one `git cat-file --batch` for all of them, never a call per file
or per version). `macros/riwayat.py` makes versions of them."""

from __future__ import annotations

import contextlib
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime
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


def history_files(project: Path) -> list[Path]:
    """The files git rewrites when the history of this working tree changes: HEAD (a
    checkout), its reflog (every commit, amend, reset, merge or checkout here) and the
    current branch's loose ref; those that exist, none outside git. The preview server
    watches them, so that a commit that changes no source still refreshes what the
    pages show of the history (the SOPs' Riwayat, the changes)."""
    git_dir = _git(project, "rev-parse", "--absolute-git-dir")
    if not git_dir:
        return []
    common = _git(project, "rev-parse", "--git-common-dir")  # (relative to the project, or absolute)
    common_dir = project / common if common else Path(git_dir)
    branch = _git(project, "symbolic-ref", "-q", "HEAD")  # refs/heads/<name>; None when detached
    files = [Path(git_dir) / "HEAD", Path(git_dir) / "logs" / "HEAD"]
    if branch:
        files.append(common_dir / branch)
    return [path.resolve() for path in files if path.is_file()]


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


@dataclass(frozen=True)
class Change:
    """One file changed by a commit: `status` A (added), M (modified), D (deleted), R
    (renamed from `old`); `blob` the new content's object id (None when deleted)."""

    status: str
    path: str
    old: str | None = None
    blob: str | None = None


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime  # the committer date, with its offset
    subject: str
    changes: tuple[Change, ...] = ()


@dataclass
class Log:
    """The commits that touched the source folder, oldest first, with the content of
    every file they wrote (blob id -> text; files that are not UTF-8 are absent).
    `notice`: why there is no history (not a git checkout, a shallow clone), else None."""

    commits: list[Commit] = field(default_factory=list)
    blobs: dict[str, str] = field(default_factory=dict)
    head: str | None = None
    notice: str | None = None


NO_GIT = (
    "Riwayat versi tidak tersedia: folder proyek bukan repositori git (atau git tidak "
    "terpasang); portal hanya menampilkan versi saat ini."
)
SHALLOW = (
    "Riwayat versi tidak tersedia: repositori ini klon dangkal (shallow clone); portal hanya "
    "menampilkan versi saat ini. Di GitHub Actions pakai actions/checkout dengan fetch-depth: 0."
)
GIT_FAILED = "Riwayat versi tidak terbaca dari git ({reason}); portal hanya menampilkan versi saat ini."


def read_log(project: Path, folder: str = SRC_DIR, wanted: tuple[str, ...] = (".md", "_unit.yml")) -> Log:
    """Every commit of the first-parent history that touched `folder` (paths relative to
    the project, renames followed), with the contents of the files ending in `wanted`
    that they wrote. Read once per HEAD: a preview server asks again after each edit."""
    head = _git(project, "rev-parse", "HEAD")
    if head is None:
        return Log(notice=NO_GIT)
    if _git(project, "rev-parse", "--is-shallow-repository") == "true":
        return Log(head=head, notice=SHALLOW)
    key = (str(project), folder, head, wanted)
    if key not in _LOGS:
        _LOGS.clear()
        _LOGS[key] = _read_log(project, folder, wanted, head)
    return _LOGS[key]


_LOGS: dict[tuple[str, str, str, tuple[str, ...]], Log] = {}
_RAW = re.compile(r"^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([AMDRTC])\d*$")


def _read_log(project: Path, folder: str, wanted: tuple[str, ...], head: str) -> Log:
    command = [
        "git", "-c", "core.quotePath=false", "-C", str(project), "log", "--first-parent",
        "--diff-merges=first-parent", "--reverse", "-M", "--raw", "--no-abbrev", "-z",
        "--relative", "--format=%x01%H%x1f%cI%x1f%s", "--", folder,
    ]  # fmt: skip
    try:
        out = subprocess.run(command, capture_output=True, check=True, timeout=600).stdout
    except subprocess.CalledProcessError as exc:
        reason = exc.stderr.decode("utf-8", "replace").strip().splitlines()
        return Log(head=head, notice=GIT_FAILED.format(reason=reason[0] if reason else "galat"))
    except (OSError, subprocess.SubprocessError) as exc:
        return Log(head=head, notice=GIT_FAILED.format(reason=type(exc).__name__))
    commits = [_commit(block) for block in out.decode("utf-8", "replace").split("\x01")[1:]]
    wanted_blobs = {
        c.blob for commit in commits for c in commit.changes if c.blob and c.path.endswith(wanted)
    }
    return Log(commits, _blobs(project, sorted(wanted_blobs)), head)


def _commit(block: str) -> Commit:
    """One commit of `git log -z --raw`: its header line, then NUL-separated fields."""
    header, _, rest = block.partition("\n")
    sha, when, subject = header.rstrip("\x00").split("\x1f", 2)
    fields = rest.strip("\n\x00").split("\x00") if rest.strip("\n\x00") else []
    changes, index = [], 0
    while index < len(fields):
        match = _RAW.match(fields[index].strip("\n"))
        if match is None:
            index += 1
            continue
        blob, status = match[2], match[3]
        blob_or_none = None if status == "D" or set(blob) == {"0"} else blob
        if status in "RC":
            old, path = fields[index + 1], fields[index + 2]
            index += 3
            if status == "C":
                changes.append(Change("A", path, None, blob_or_none))
                continue
            changes.append(Change("R", path, old, blob_or_none))
        else:
            path = fields[index + 1]
            index += 2
            changes.append(Change("M" if status == "T" else status, path, None, blob_or_none))
    return Commit(sha, datetime.fromisoformat(when), subject, tuple(changes))


def _blobs(project: Path, ids: list[str]) -> dict[str, str]:
    """The contents of blobs, all in one `git cat-file --batch`."""
    if not ids:
        return {}
    try:
        out = subprocess.run(
            ["git", "-C", str(project), "cat-file", "--batch"],
            input="\n".join(ids).encode() + b"\n",
            capture_output=True,
            check=True,
            timeout=600,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    blobs: dict[str, str] = {}
    position = 0
    while position < len(out):
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        with contextlib.suppress(UnicodeDecodeError):  # (not UTF-8: the version says so)
            blobs[header[0].decode()] = out[position : position + size].decode("utf-8")
        position += size + 1
    return blobs


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
