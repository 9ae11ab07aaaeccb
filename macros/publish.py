"""`make build` and `make pdf`: a failed build leaves the previous site whole.

    python -m macros.publish [--pdf] [--site site]

The site is built (`mkdocs build --strict`, and with --pdf the PDF export of
`macros.pdf`) into a new folder next to `site/`, `.site.baru-<pid>`; only when every
step succeeded does that folder take the place of `site/`, in one atomic exchange of
the two names (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere two renames). A build
that fails, is interrupted or crashes halfway leaves `site/` as it was: what it wrote
is removed, at once or, after a crash, by the next build.

Plain Python: MkDocs and the export run as child processes (their output goes straight
to the terminal); nothing here imports mkdocs. `make serve` builds in its own way.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
NEW, OLD = "baru", "lama"  # .<site>.baru-<pid>: being built; .<site>.lama-<pid>: being replaced


class BuildFailed(Exception):
    """A step of the build failed; carries the exit code to return."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


Steps = Callable[[Path], None]  # builds the whole site into the folder given


def publish(site: Path, steps: Steps) -> None:
    """Run `steps` into a new folder next to `site`, then put it in place of `site`.
    Any exception from `steps` leaves `site` untouched and the new folder removed."""
    site = site.absolute()
    clean_leftovers(site)
    work = _scratch(site, NEW)
    shutil.rmtree(work, ignore_errors=True)  # a leftover of a process with our pid
    work.mkdir(parents=True)
    try:
        steps(work)
        _swap(work, site)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # after the swap: the previous site


def _scratch(site: Path, kind: str, pid: int | None = None) -> Path:
    return site.with_name(f".{site.name}.{kind}-{os.getpid() if pid is None else pid}")


def clean_leftovers(site: Path) -> None:
    """Remove what builds that crashed left next to `site` (their process is gone). A
    previous site caught between the two renames of the fallback swap is put back."""
    for path in sorted(site.parent.glob(f".{site.name}.*-*")):
        kind, _, pid = path.name.removeprefix(f".{site.name}.").partition("-")
        if kind not in (NEW, OLD) or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == OLD and not site.exists():
            path.rename(site)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _swap(new: Path, site: Path) -> None:
    """Put `new` in place of `site`; `new` then names the previous site (if any)."""
    if not site.exists():
        new.rename(site)
    elif not _exchange(new, site):
        old = _scratch(site, OLD)
        site.rename(old)
        try:
            new.rename(site)
        except OSError:
            old.rename(site)
            raise
        old.rename(new)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two names atomically (Linux renameat2); False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False  # an old kernel or a file system without exchange
    raise OSError(code, os.strerror(code), str(b))


RUNNERS = ("mkdocs", "properdocs")  # ProperDocs: the maintained continuation of MkDocs 1.x


def build_steps(project: Path, pdf: bool, runner: str = "mkdocs") -> Steps:
    """The strict build by `runner` (with "Unduh PDF" links and the export when `pdf`)."""

    def run(command: list[str], env: dict[str, str]) -> None:
        code = subprocess.run(command, cwd=project, env=env, check=False).returncode
        if code != 0:
            raise BuildFailed(code)

    def steps(work: Path) -> None:
        env = {**os.environ, "PORTAL_SOP_PDF": "1"} if pdf else dict(os.environ)
        config = str(project / "mkdocs.yml")
        run([sys.executable, "-m", runner, "build", "--strict", "-f", config, "-d", str(work)], env)
        if pdf:
            run([sys.executable, "-m", "macros.pdf", "--site", str(work), "--project", str(project)], env)

    return steps


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdf", action="store_true", help="also export every SOP to PDF (site/pdf/)")
    parser.add_argument("--site", type=Path, default=PROJECT / "site", help="the site folder (default: site)")
    parser.add_argument("--runner", choices=RUNNERS, default="mkdocs", help="the generator (default: mkdocs)")
    args = parser.parse_args(argv)
    try:
        publish(args.site, build_steps(PROJECT, args.pdf, args.runner))
    except BuildFailed as exc:
        print(
            f"Pembangunan gagal: {args.site.name}/ tidak diubah (tetap berisi situs sebelumnya).",
            file=sys.stderr,
        )
        return exc.code
    print(f"Situs baru di {args.site.name}/.", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
