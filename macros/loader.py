"""Read `sop_src/`: unit files, front matter, bodies; collect every problem.

Nothing is rendered here. The result is a list of validated records plus every
problem of every file, so an editor sees all of them in one run.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import Problem
from .logo import LOGO_KINDS, LogoError, check_logo
from .model import UNIT_KEYS, Sop, UnitInfo
from .pemantauan import RecordFile, read_records
from .sources import SRC_DIR
from .validation import validate_sop, validate_unit
from .yamlio import (
    MAX_BODY_CHARS,
    ParseCache,
    Unreadable,
    YamlError,
    number,
    read_source,
    split_front_matter,
    unwritable,
)

UNIT_FILE = "_unit.yml"
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class SopRecord:
    """A valid SOP with where it came from."""

    id: str  # path under sop_src/ without .md
    src: str  # path relative to the project, e.g. sop_src/kab-malang/x.md
    sop: Sop
    body: str  # the free Markdown after the front matter (content, not a template)


@dataclass
class Loaded:
    records: list[SopRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pemantauan: list[RecordFile] = field(default_factory=list)  # `_pemantauan/*.yml` (macros/pemantauan.py)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _walk(folder: Path, project: Path, problems: list[Problem]) -> Iterator[Path]:
    """Source files below a folder, sorted; names starting with '_' or '.' are not SOPs.
    A symbolic link is never followed (it could bring in anything outside the
    repository), and a `.MD` file is named, not skipped in silence."""
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        rel = entry.relative_to(project).as_posix()
        if entry.is_symlink():
            problems.append(Problem(rel, "", SYMLINK))
        elif entry.is_dir():
            yield from _walk(entry, project, problems)
        elif entry.suffix == ".md":
            if entry.is_file():
                yield entry
            else:
                problems.append(Problem(rel, "", "diharapkan berkas biasa, ditemukan berkas khusus"))
        elif entry.suffix.lower() == ".md":
            problems.append(
                Problem(
                    rel,
                    "",
                    f"ekstensi '{entry.suffix}' tidak dibaca: diharapkan '.md' (huruf kecil), "
                    f"ganti nama berkas menjadi '{entry.stem}.md'",
                )
            )


# A link's own path is named; its target (where it points, whether it exists, what it
# holds) never is: CI logs are public.
SYMLINK = (
    "tautan simbolik (symlink) tidak diizinkan: diharapkan berkas atau folder biasa di "
    "dalam repositori, ditemukan tautan (isi dan tujuannya tidak dibaca)"
)


def linked_part(path: Path, base: Path) -> Path | None:
    """The first of `base` and the parts of `path` below it that is a symbolic link,
    without following any; None when there is none. `path` is lexically under `base`."""
    current = base
    if current.is_symlink():
        return current
    for part in path.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def find_links(folder: Path) -> list[Path]:
    """Symbolic links at or below a folder, sorted, found without following any."""
    if folder.is_symlink():
        return [folder]
    found: list[Path] = []
    for top, dirs, files in os.walk(folder):  # os.walk follows no link by default
        found.extend(Path(top, name) for name in [*dirs, *files] if Path(top, name).is_symlink())
    return sorted(found)


def _read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    try:
        return read_source(path)
    except Unreadable as exc:
        problems.append(Problem(rel, f"baris {exc.line}" if exc.line else "", exc.reason))
    return None


class _Units:
    """`_unit.yml` files, read once each; the nearest folder's value wins per key."""

    def __init__(self, root: Path, project: Path, problems: list[Problem], cache: ParseCache) -> None:
        self.root, self.project, self.problems, self.cache = root, project, problems, cache
        self._cache: dict[Path, dict[str, Any]] = {}
        self._state: dict[Path, tuple[dict[str, Any], bool, str]] = {}
        self.broken: set[Path] = set()  # unit files with errors

    def _own(self, folder: Path) -> dict[str, Any]:
        if folder not in self._cache:
            self._cache[folder] = self._read(folder / UNIT_FILE)
        return self._cache[folder]

    def _read(self, path: Path) -> dict[str, Any]:
        rel = path.relative_to(self.project).as_posix()
        if path.is_symlink():
            self.problems.append(Problem(rel, "", SYMLINK))
            self.broken.add(path)
            return {}
        if not path.is_file():
            return {}
        text = _read_text(path, rel, self.problems)
        if text is None:
            self.broken.add(path)
            return {}
        try:
            data = self.cache.parse(text)
        except YamlError as exc:
            where = f"baris {exc.line}" if exc.line else ""
            self.problems.append(Problem(rel, where, exc.reason))
            self.broken.add(path)
            return {}
        info, errors = validate_unit(data)
        self.problems.extend(Problem(rel, p, m) for p, m in errors)
        if errors:
            self.broken.add(path)
        if info is None:
            return {}
        values = {k: v for k, v in info.model_dump().items() if v is not None}
        if "logo" in values:
            logo = resolve_logo(values["logo"], path.parent, self.project, rel, self.problems)
            values.pop("logo")
            if logo:
                values["logo"] = logo
        return values

    def state(self, folder: Path) -> tuple[dict[str, Any], bool, str]:
        """A folder's unit keys (the nearest folder's value wins), whether a `_unit.yml`
        in it or above it has errors, and both as one text (the memo's key): computed
        once per folder."""
        if folder not in self._state:
            relative = folder.relative_to(self.root)
            parts = [*reversed(relative.parents), relative]
            defaults: dict[str, Any] = {}
            for part in parts:
                defaults.update(self._own(self.root / part))
            broken = any(self.root / part / UNIT_FILE in self.broken for part in parts)
            text = json.dumps([defaults, broken], sort_keys=True, default=str)
            self._state[folder] = (defaults, broken, text)
        defaults, broken, text = self._state[folder]
        return dict(defaults), broken, text

    def origins(self, folder: Path) -> dict[str, str]:
        """The unit file each of a folder's unit keys comes from (project-relative)."""
        relative = folder.relative_to(self.root)
        out: dict[str, str] = {}
        for part in [*reversed(relative.parents), relative]:
            path = self.root / part / UNIT_FILE
            out.update(dict.fromkeys(self._own(self.root / part), path.relative_to(self.project).as_posix()))
        return out


def unit_defaults(
    project: Path, folder: str, src_dir: str = SRC_DIR
) -> tuple[dict[str, Any], dict[str, str]]:
    """What the `_unit.yml` files in and above `folder` (relative to the source folder)
    give its SOPs, by the rules of a build (the nearest folder's value wins per key; a
    broken file gives nothing, `make check` reports it), and the file each comes from."""
    project = project.resolve()
    root = project / src_dir
    units = _Units(root, project, [], ParseCache(None))
    return units.state(root / folder)[0], units.origins(root / folder)


def unit_defaults_reader(project: Path, src_dir: str = SRC_DIR) -> Callable[[str], dict[str, Any]]:
    """`unit_defaults(project, folder)[0]` for many folders, each `_unit.yml` read once."""
    project = project.resolve()
    root = project / src_dir
    units = _Units(root, project, [], ParseCache(None))
    return lambda folder: units.state(root / folder)[0]


def apply_unit_defaults(data: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Fill the letterhead keys an SOP leaves empty from its folder's unit defaults."""
    for key in UNIT_KEYS:
        if data.get(key) in (None, "") and key in defaults:
            data[key] = defaults[key]


LOGO_NAME_MAX = 255  # bytes in one name of a path (the file systems' limit)


def resolve_logo(value: str, folder: Path, project: Path, rel: str, problems: list[Problem]) -> str | None:
    """A logo path, relative to its file's folder or to the project; must be an image
    under sop_src/ or docs/ (`macros/logo.py` checks its content). Returns the
    project-relative path. Nothing outside those folders is looked at: a path that
    leaves them (`..`, an absolute path) gets the same message whether or not it
    exists, and no symbolic link is followed."""
    longest = max((len(part.encode("utf-8", "surrogatepass")) for part in value.split("/")), default=0)
    if longest > LOGO_NAME_MAX:
        problems.append(
            Problem(
                rel,
                "logo",
                f"nama folder atau berkas dalam path logo terlalu panjang: diharapkan paling banyak "
                f"{LOGO_NAME_MAX} byte per nama, ditemukan {longest} byte",
            )
        )
        return None
    inside = [path for path in (_within(folder / value, project), _within(project / value, project)) if path]
    if not inside:
        problems.append(
            Problem(
                rel,
                "logo",
                f"diharapkan path gambar ({LOGO_KINDS}) di bawah sop_src/ atau docs/, ditemukan '{value}'",
            )
        )
        return None
    try:
        return _checked_logo(inside, value, project, rel, problems)
    except OSError as exc:  # a path the system cannot look up (too long, say)
        problems.append(Problem(rel, "logo", f"path logo tidak dapat dibaca ({exc.strerror})"))
        return None


def _checked_logo(
    inside: list[str], value: str, project: Path, rel: str, problems: list[Problem]
) -> str | None:
    """The first of the candidate paths that is a file, its link and content checked."""
    for path in inside:
        link = linked_part(project / path, project / path.split("/")[0])
        if link is not None:
            where = link.relative_to(project).as_posix()
            problems.append(Problem(rel, "logo", f"'{where}': {SYMLINK}"))
            return None
        if (project / path).is_file():
            try:
                check_logo(project / path)
            except LogoError as exc:
                problems.append(Problem(rel, "logo", f"'{path}': {exc}"))
                return None
            except OSError as exc:
                problems.append(Problem(rel, "logo", f"'{path}': berkas tidak dapat dibaca ({exc.strerror})"))
                return None
            return path
    problems.append(
        Problem(
            rel,
            "logo",
            f"berkas gambar tidak ditemukan: diharapkan path gambar di "
            f"bawah sop_src/ atau docs/, ditemukan '{value}'",
        )
    )
    return None


def _within(path: Path, project: Path) -> str | None:
    """`path` relative to the project, lexically (no file is looked at), when it lies
    under sop_src/ or docs/; None otherwise."""
    rel = Path(os.path.relpath(os.path.normpath(path), project)).as_posix()
    return rel if rel.startswith(("sop_src/", "docs/")) else None


def _body_problems(body: str, first_line: int) -> list[tuple[str, str]]:
    """What is wrong with the Markdown after the front matter: too long, or a character
    that cannot be written (the body is read as written, never as YAML)."""
    if len(body) > MAX_BODY_CHARS:
        return [
            (
                f"baris {first_line}",
                f"uraian (teks Markdown sesudah front matter) terlalu panjang: {number(len(body))} "
                f"karakter, paling banyak {number(MAX_BODY_CHARS)}",
            )
        ]
    found = unwritable(body)
    if found is None:
        return []
    index, reason = found
    line = first_line + body.count("\n", 0, index)
    return [(f"baris {line}", f"uraian (teks Markdown sesudah front matter) {reason}; hapus karakter itu")]


def sop_id_of(path: Path, root: Path) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


CACHE = ".cache/portal-sop/yaml.json"  # parsed YAML by content (gitignored)


def load_sources(project: Path, src_dir: str = SRC_DIR, use_cache: bool = True) -> Loaded:
    """Read and validate every SOP under `project/src_dir`."""
    loaded = Loaded()
    project = project.resolve()
    root = project / src_dir
    if root.is_symlink():
        loaded.problems.append(Problem(src_dir, "", SYMLINK))
        return loaded
    if not root.is_dir():
        loaded.problems.append(Problem(src_dir, "", "folder sumber SOP tidak ditemukan"))
        return loaded
    cache = ParseCache(project / CACHE if use_cache else None)
    units = _Units(root, project, loaded.problems, cache)
    memo = _Memo(_MEMOS.get(root, {}) if use_cache else {})
    for path in _walk(root, project, loaded.problems):
        defaults, broken, state = units.state(path.parent)
        record = memo.load(path, root, project, (defaults, broken, state), loaded.problems, cache)
        if record is not None:
            loaded.records.append(record)
    loaded.pemantauan = read_records(
        root, project, lambda folder: units.state(folder)[0], loaded.problems, cache
    )
    cache.save()
    if use_cache:
        _MEMOS[root] = memo.current
    loaded.problems.sort(key=lambda p: (p.file, p.severity != "error"))
    return loaded


_Outcome = tuple[SopRecord | None, list[Problem], str]  # record, problems, parse cache key
_Key = tuple[str, str, str]  # file, text, its folder's unit state (`_Units.state`)
_MEMOS: dict[Path, dict[_Key, _Outcome]] = {}  # root -> the last load's


class _Memo:
    """Validated SOPs of the last load in this process, by file and content: a preview
    server reloads every SOP at each change, and only the edited ones need validating
    again. An SOP with its own `logo` is always loaded again (the image file may have
    come or gone)."""

    def __init__(self, previous: dict[_Key, _Outcome]) -> None:
        self.previous = previous
        self.current: dict[_Key, _Outcome] = {}

    def load(
        self,
        path: Path,
        root: Path,
        project: Path,
        unit: tuple[dict[str, Any], bool, str],
        problems: list[Problem],
        cache: ParseCache,
    ) -> SopRecord | None:
        defaults, unit_broken, state = unit
        try:
            text = read_source(path)
        except Unreadable:  # load_one reports it
            return load_one(path, root, project, defaults, problems, unit_broken, cache)
        key = (str(path), text, state)
        outcome = self.previous.get(key)
        if outcome is not None:
            cache.keep(outcome[2])
        else:
            own: list[Problem] = []
            record = load_one(path, root, project, defaults, own, unit_broken, cache)
            parts = split_front_matter(text)
            outcome = (record, own, ParseCache.key(parts[0]) if parts else "")
            if parts and "\nlogo:" in f"\n{parts[0]}":
                problems.extend(own)
                return record
        self.current[key] = outcome
        problems.extend(outcome[1])
        return outcome[0]


def load_one(
    path: Path,
    root: Path,
    project: Path,
    defaults: dict[str, Any],
    problems: list[Problem],
    unit_broken: bool = False,
    cache: ParseCache | None = None,
) -> SopRecord | None:
    cache = cache or ParseCache(None)
    rel = path.relative_to(project).as_posix()
    sop_id = sop_id_of(path, root)
    bad = [part for part in PurePosixPath(sop_id).parts if not _NAME.match(part)]
    if bad:
        problems.append(
            Problem(
                rel,
                "",
                f"nama berkas/folder '{bad[0]}' tidak valid: diharapkan huruf "
                "kecil, angka dan '-' saja (id SOP dipakai di alamat halaman)",
            )
        )
        return None
    text = _read_text(path, rel, problems)
    if text is None:
        return None
    parts = split_front_matter(text)
    if parts is None:
        problems.append(
            Problem(
                rel,
                "",
                "front matter tidak ditemukan: diharapkan berkas diawali baris "
                "'---', data SOP dalam YAML, lalu baris '---'",
            )
        )
        return None
    front, body, body_line = parts
    problems.extend(Problem(rel, where, message) for where, message in _body_problems(body, body_line))
    try:
        data = cache.parse(front, line_offset=1)
    except YamlError as exc:
        problems.append(Problem(rel, f"baris {exc.line}" if exc.line else "", exc.reason))
        return None
    if isinstance(data, dict):
        logo_problems: list[Problem] = []
        if data.get("logo") and isinstance(data["logo"], str):
            data["logo"] = resolve_logo(data["logo"], path.parent, project, rel, logo_problems)
            problems.extend(logo_problems)
        apply_unit_defaults(data, defaults)
        if logo_problems:
            data.pop("logo", None)
    sop, errors, warnings = validate_sop(data)
    for field_path, message in errors:
        if field_path in ("instansi", "unit") and message.startswith("wajib"):
            if unit_broken:
                continue  # the broken _unit.yml above is the problem, and is reported
            message += f" (tulis di front matter atau di {UNIT_FILE} pada folder ini atau di atasnya)"
        problems.append(Problem(rel, field_path, message))
    problems.extend(Problem(rel, p, m, "warning") for p, m in warnings)
    if sop is None or any(p.file == rel and p.severity == "error" for p in problems):
        return None
    return SopRecord(sop_id, rel, sop, body)


__all__ = [
    "Loaded",
    "SopRecord",
    "UnitInfo",
    "apply_unit_defaults",
    "load_sources",
    "unit_defaults",
    "unit_defaults_reader",
]
