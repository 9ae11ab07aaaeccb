"""The versions of every SOP, from the git history (`history.read_log`: one pass).

The commits are replayed oldest first. A file keeps its history when renamed or moved
(git's rename detection); each time its content, or a `_unit.yml` above it, changes,
it is validated like a source of today (unit defaults of that commit merged) and a new
version is recorded when its version code (`versi.py`) differs from the previous one:
a commit that only reformats, reorders or comments is no version. A version that does
not validate is recorded as such, with its problems. What changed is told in words
(`perubahan.py`), against the last valid version.

The sources of today (the loaded records) close each history: a working tree whose
content is not committed yet adds a version "belum di-commit". Without a history (no
git, a shallow clone) every SOP has its current version only, and `notice` says why.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .dates import Tanggal
from .history import Log, read_log
from .loader import UNIT_FILE, SopRecord, apply_unit_defaults, unit_defaults_reader
from .model import SOP_ID, Sop
from .perubahan import describe
from .sources import SRC_DIR, sop_id_of_file
from .validation import validate_sop, validate_unit
from .versi import versi_of, versi_record
from .yamlio import ParseCache, YamlError, split_front_matter

UNCOMMITTED = "Perubahan belum di-commit"
DELETED = "Berkas SOP dihapus dari sumber"


@dataclass(frozen=True)
class Versi:
    """One version of an SOP (or its deletion, `kode` None and `dihapus`)."""

    kode: str | None  # the version code; None: does not validate (or deleted)
    sop_id: str  # the SOP's id in that version (its path then)
    waktu: datetime | None  # the commit's date; None: not committed
    commit: str | None
    pesan: str  # the commit's subject
    nama: str = ""
    nomor: str | None = None
    status: str | None = None
    tanggal_revisi: Tanggal | None = None
    tanggal_efektif: Tanggal | None = None
    diganti_oleh: str | None = None
    perubahan: tuple[str, ...] = ()
    masalah: tuple[str, ...] = ()  # why it does not validate
    dihapus: bool = False
    instansi: str = ""  # the SOP's instansi and unit in that version ("" when invalid)
    unit: str = ""

    @property
    def valid(self) -> bool:
        return self.kode is not None


@dataclass
class RiwayatSop:
    """The versions of one SOP, oldest first; `sop_id`: its id today (or last)."""

    sop_id: str
    versions: list[Versi] = field(default_factory=list)
    current: bool = False  # the SOP is in the portal today

    def newest_first(self) -> list[Versi]:
        return list(reversed(self.versions))


@dataclass
class Riwayat:
    notice: str | None
    histories: list[RiwayatSop]
    by_sop: dict[str, RiwayatSop] = field(default_factory=dict)  # current SOP id -> history
    by_kode: dict[str, list[tuple[RiwayatSop, int]]] = field(default_factory=dict)  # code -> where

    def __post_init__(self) -> None:
        for history in self.histories:
            if history.current:
                self.by_sop[history.sop_id] = history
            for index, version in enumerate(history.versions):
                if version.kode:
                    self.by_kode.setdefault(version.kode, []).append((history, index))


# ---------------------------------------------------------------- replaying the log


@dataclass
class _Line:
    history: RiwayatSop
    path: str
    last: _Ref | None = None  # the last valid version's content


def _sop_id(path: str, folder: str) -> str | None:
    """The SOP id of a source path (relative to the project), None when it is no SOP
    (`SOP_ID` also refuses any `_` or `.` folder or file)."""
    sop_id = sop_id_of_file(path, folder.rstrip("/"))
    return sop_id if sop_id is not None and SOP_ID.match(sop_id) else None


class _Units:
    """The `_unit.yml` defaults at a point of the replay (folder -> blob), parsed and
    validated once per blob."""

    def __init__(self, log: Log, cache: ParseCache) -> None:
        self.log, self.cache = log, cache
        self.blobs: dict[str, str] = {}
        self._values: dict[str, dict[str, Any]] = {}

    def values(self, blob: str) -> dict[str, Any]:
        if blob not in self._values:
            self._values[blob] = {}
            text = self.log.blobs.get(blob)
            try:
                data = self.cache.parse(text) if text is not None else None
            except YamlError:
                return self._values[blob]
            info, _ = validate_unit(data)
            if info is not None:
                self._values[blob] = {k: v for k, v in info.model_dump().items() if v is not None}
        return self._values[blob]

    def defaults(self, path: str) -> dict[str, Any]:
        parts = path.split("/")[:-1]
        out: dict[str, Any] = {}
        for end in range(1, len(parts) + 1):
            blob = self.blobs.get("/".join(parts[:end]))
            if blob:
                out.update(self.values(blob))
        return out


def _evaluate(
    text: str | None, defaults: dict[str, Any], cache: ParseCache
) -> tuple[Sop | None, str, list[str]]:
    """Validate one historical source like a source of today: (model, body, problems)."""
    if text is None:
        return None, "", ["berkas harus berenkode UTF-8, ditemukan enkode lain"]
    parts = split_front_matter(text)
    if parts is None:
        return None, "", ["front matter tidak ditemukan"]
    front, body, _ = parts
    try:
        data = cache.parse(front, line_offset=1)
    except YamlError as exc:
        return None, body, [f"baris {exc.line}: {exc.reason}" if exc.line else exc.reason]
    if isinstance(data, dict):
        apply_unit_defaults(data, defaults)
    sop, errors, _ = validate_sop(data)
    if sop is None or errors:
        return None, body, [f"{p}: {m}" if p else m for p, m in errors] or ["tidak valid"]
    return sop, body, []


@dataclass(frozen=True)
class _Ref:
    """A version's content: its source blob and the unit defaults it was validated with
    (`key`: what its evaluation is stored under), its version code."""

    key: str
    kode: str
    blob: str
    defaults: dict[str, Any]


_FIELDS = ("nama", "nomor", "status", "tanggal_revisi", "tanggal_efektif", "diganti_oleh", "instansi", "unit")
_DATES = ("tanggal_revisi", "tanggal_efektif")


class _Store:
    """What replaying costs, done once per content: each (blob, unit defaults) is parsed
    and validated once, into its version code, the fields a version shows and its
    problems; what changed between two version codes is described once. Both are kept
    between builds (`CACHE`, JSON: a cache file cannot run code), so a build after a new
    commit validates only the new contents. The models are made again only when two
    versions not described before must be compared. Any change to the code of macros/
    starts a new cache."""

    def __init__(self, log: Log, path: Path | None, parse: ParseCache) -> None:
        self.log, self.path, self.parse = log, path, parse
        self._old: dict[str, Any] = {"eval": {}, "beda": {}}
        if path is not None and path.is_file():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
                if stored.get("versi") == _CODE and isinstance(stored.get("eval"), dict):
                    self._old = {"eval": stored["eval"], "beda": stored.get("beda") or {}}
            except (OSError, ValueError, AttributeError):
                pass
        self._new: dict[str, dict[str, Any]] = {"eval": {}, "beda": {}}
        self._models: dict[str, tuple[Sop, str]] = {}
        self.known: dict[str, tuple[SopRecord, dict[str, Any]]] = {}  # see `know`

    def know(self, project: Path, records: list[SopRecord], folder: str) -> None:
        """Today's sources, validated already by the loader: a past content that is the
        same file (same git blob id) with the same unit defaults (logo aside: it is in
        no version code) takes their model instead of being validated again."""
        units: dict[str, dict[str, Any]] = {}
        defaults = unit_defaults_reader(project, folder)  # each _unit.yml read once
        for record in records:
            try:
                data = (project / record.src).read_bytes()
            except OSError:
                continue
            where = record.src.rsplit("/", 1)[0].removeprefix(folder.rstrip("/")).strip("/")
            if where not in units:
                units[where] = _no_logo(defaults(where))
            blob = hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
            self.known[blob] = (record, units[where])

    def _get(self, kind: str, key: str) -> Any:
        if key in self._new[kind]:
            return self._new[kind][key]
        if key in self._old[kind]:
            self._new[kind][key] = self._old[kind][key]
            return self._new[kind][key]
        return None

    def evaluate(self, blob: str, defaults: dict[str, Any]) -> tuple[_Ref | None, dict[str, Any], list[str]]:
        """A content's reference (None: it does not validate), its fields, its problems."""
        key = hashlib.blake2b(
            (blob + json.dumps(defaults, sort_keys=True, default=str)).encode(), digest_size=16
        ).hexdigest()
        found = self._get("eval", key)
        today = self.known.get(blob)
        sop: Sop | None
        problems: list[str] = []
        if found is None and today is not None and today[1] == _no_logo(defaults):
            sop, body = today[0].sop, today[0].body
        elif found is None:
            sop, body, problems = _evaluate(self.log.blobs.get(blob), defaults, self.parse)
        if found is None:
            found = {"kode": None, "masalah": problems[:5]}
            if sop is not None:
                self._models[key] = (sop, body)
                kode = versi_record(today[0]) if today and sop is today[0].sop else versi_of(sop, body)
                found = {"kode": kode, "masalah": []}
                for name in _FIELDS:
                    value = getattr(sop, name)
                    found[name] = [value.year, value.month, value.day] if name in _DATES and value else value
            self._new["eval"][key] = found
        fields = {name: found.get(name) for name in _FIELDS}
        for name in _DATES:
            fields[name] = Tanggal(*fields[name]) if fields[name] else None
        ref = _Ref(key, found["kode"], blob, defaults) if found["kode"] else None
        return ref, fields, list(found["masalah"])

    def model(self, ref: _Ref) -> tuple[Sop, str]:
        if ref.key not in self._models:
            sop, body, _ = _evaluate(self.log.blobs.get(ref.blob), ref.defaults, self.parse)
            if sop is None:  # (cannot happen: the same content validated before)
                raise ValueError(f"versi {ref.kode} tidak dapat dibaca ulang")
            self._models[ref.key] = (sop, body)
        return self._models[ref.key]

    def describe(self, old: _Ref | None, new: _Ref) -> list[str]:
        key = f"{old.kode if old else ''}>{new.kode}"
        found = self._get("beda", key)
        if found is None:
            before = self.model(old) if old else (None, "")
            found = describe(before[0], before[1], *self.model(new))
            self._new["beda"][key] = found
        return list(found)

    def save(self) -> None:
        """Keep what this build used (the cache never grows past the history)."""
        if self.path is None or self._new == self._old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(
                json.dumps({"versi": _CODE, **self._new}, ensure_ascii=False), encoding="utf-8"
            )
            temporary.replace(self.path)
        except OSError:
            pass  # a read-only checkout: the next build replays again


def _no_logo(defaults: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in defaults.items() if k != "logo"}


_CODE = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
).hexdigest()[:16]  # the code that makes versions: any change starts a new cache


def _version(
    line: _Line, sop_id: str, commit: Any, store: _Store, blob: str, defaults: dict[str, Any]
) -> Versi | None:
    """The version a change makes, or None when what the page shows stays the same."""
    when, sha, subject = commit
    previous = line.history.versions[-1] if line.history.versions else None
    ref, fields, problems = store.evaluate(blob, defaults)
    if ref is None:
        if previous is not None and not previous.valid and previous.masalah == tuple(problems):
            return None
        return Versi(None, sop_id, when, sha, subject, masalah=tuple(problems))
    if previous is not None and previous.kode == ref.kode:
        return None  # formatting only, or a file moved: the printed copy is still this version
    changes = store.describe(line.last, ref)
    line.last = ref
    return Versi(ref.kode, sop_id, when, sha, subject, perubahan=tuple(changes), **fields)


CACHE = ".cache/portal-sop/riwayat.json"  # each content's evaluation, each change described (gitignored)
PARSED = ".cache/portal-sop/riwayat-yaml.json"  # parsed YAML of past versions (gitignored)


def replay(
    log: Log, folder: str = SRC_DIR, store: _Store | None = None
) -> tuple[list[_Line], dict[str, _Line]]:
    """Every SOP's versions from the log: (all histories, the live ones by path).
    `store`: each content's evaluation (validating is most of the cost)."""
    store = store or _Store(log, None, ParseCache(None))
    units = _Units(log, store.parse)
    lines: list[_Line] = []
    live: dict[str, _Line] = {}
    ended: dict[str, _Line] = {}  # a deleted path's history (a file put back continues it)
    texts: dict[str, str] = {}  # path -> blob of the live SOP files
    for commit in log.commits:
        touched: dict[str, _Line] = {}
        unit_folders: list[str] = []
        head = (commit.when, commit.sha, commit.subject)
        for change in commit.changes:
            if change.path.rsplit("/", 1)[-1] == UNIT_FILE and change.status != "R":
                where = change.path.rsplit("/", 1)[0]
                if change.blob:
                    units.blobs[where] = change.blob
                else:
                    units.blobs.pop(where, None)
                unit_folders.append(where + "/")
                continue
            old_line = live.pop(change.old, None) if change.old else None
            if change.old:
                texts.pop(change.old, None)
            if change.status == "D":
                gone = live.pop(change.path, None)
                texts.pop(change.path, None)
                if gone is not None:
                    _end(gone, change.path, folder, head, ended)
                continue
            if _sop_id(change.path, folder) is None:
                if old_line is not None:
                    _end(old_line, change.old or change.path, folder, head, ended)
                continue
            line = old_line or live.get(change.path) or ended.pop(change.path, None)
            if line is None:
                line = _Line(RiwayatSop(_sop_id(change.path, folder) or ""), change.path)
                lines.append(line)
            line.path = change.path
            live[change.path] = line
            if change.blob:
                texts[change.path] = change.blob
            touched[change.path] = line
        for where in unit_folders:
            touched.update({p: line for p, line in live.items() if p.startswith(where)})
        for path, line in sorted(touched.items()):
            sop_id = _sop_id(path, folder) or ""
            version = _version(line, sop_id, head, store, texts.get(path, ""), units.defaults(path))
            if version is not None:
                line.history.versions.append(version)
                line.history.sop_id = sop_id
    return lines, live


def _end(line: _Line, path: str, folder: str, head: Any, ended: dict[str, _Line]) -> None:
    when, sha, subject = head
    line.history.versions.append(
        Versi(
            None,
            _sop_id(path, folder) or line.history.sop_id,
            when,
            sha,
            subject,
            dihapus=True,
            perubahan=(DELETED,),
        )
    )
    ended[path] = line


# ---------------------------------------------------------------- today's sources


def build_riwayat(project: Path, records: list[SopRecord], today: date, folder: str = SRC_DIR) -> Riwayat:
    """The history of every SOP, closed by the loaded records of today."""
    log = read_log(project, folder)
    key = id(log)
    if _REPLAYS.get("key") != (key, log.head, folder):
        _REPLAYS.clear()
        _REPLAYS["key"] = (key, log.head, folder)
        parsed = ParseCache(project / PARSED)
        store = _Store(log, project / CACHE, parsed)
        store.know(project, records, folder)
        _REPLAYS["lines"] = replay(log, folder, store)
        _REPLAYS["store"] = store
        store.save()
        parsed.save()
    lines, live = _REPLAYS["lines"]
    store = _REPLAYS["store"]
    histories = {id(line): RiwayatSop(line.history.sop_id, list(line.history.versions)) for line in lines}
    lasts = {id(line): line.last for line in lines}
    out: list[RiwayatSop] = []
    for record in records:
        line = live.get(record.src)
        history = histories.pop(id(line)) if line is not None else RiwayatSop(record.id)
        last = lasts.get(id(line)) if line is not None else None
        kode = versi_record(record)
        history.current = True
        history.sop_id = record.id
        newest = history.versions[-1] if history.versions else None
        if newest is None or newest.kode != kode:
            pesan = UNCOMMITTED if log.notice is None else "Versi saat ini"
            before = store.model(last) if last else (None, "")
            changes = describe(before[0], before[1], record.sop, record.body)
            sop = record.sop
            history.versions.append(
                Versi(
                    kode,
                    record.id,
                    None,
                    None,
                    pesan,
                    sop.nama,
                    sop.nomor,
                    sop.status,
                    sop.tanggal_revisi,
                    sop.tanggal_efektif,
                    sop.diganti_oleh,
                    tuple(changes),
                    instansi=sop.instansi,
                    unit=sop.unit,
                )
            )
        elif newest.sop_id != record.id:  # (cannot happen: a path is an id)
            history.versions[-1] = replace(newest, sop_id=record.id)
        out.append(history)
    out += [h for h in histories.values() if h.versions]
    return Riwayat(log.notice, out)


_REPLAYS: dict[str, Any] = {}


__all__ = ["DELETED", "UNCOMMITTED", "Riwayat", "RiwayatSop", "Versi", "build_riwayat", "replay"]


# ---------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Putusan:
    """What a version's verification page says: the verdict, whether the version is
    the one in force, the version that replaced it (with what changed), the SOP's page."""

    berlaku: bool
    teks: str
    versi: Versi
    sop_id: str | None  # the SOP's page today (None: no longer in the portal)
    pengganti: Versi | None = None
    penggantinya: str | None = None  # the SOP named in diganti_oleh


def tanggal_of(version: Versi, today: date) -> Tanggal:
    when = version.waktu.date() if version.waktu else today
    return Tanggal.of(when)


def putusan(history: RiwayatSop, index: int, today: date) -> Putusan:
    """The verdict on the version `index` of an SOP's history."""
    version = history.versions[index]
    later = [v for v in history.versions[index + 1 :] if v.kode != version.kode and (v.valid or v.dihapus)]
    page = history.sop_id if history.current else None
    newest = next((v for v in reversed(history.versions) if v.valid), version)
    if newest.status == "dicabut" and (not later or later[-1].valid):
        start: Versi | None = None  # the first version of the last run of revoked ones
        for v in history.versions:
            if v.valid:
                start = (start or v) if v.status == "dicabut" else None
        revoked = start or version
        since = tanggal_of(revoked, today).long()
        text = f"SOP ini dicabut sejak {since}: versi ini tidak berlaku lagi"
        return Putusan(False, text, version, page, None, newest.diganti_oleh)
    if not later:
        if not history.current:
            return Putusan(False, "SOP ini tidak ada di portal saat ini", version, None)
        if version.status == "berlaku":
            return Putusan(True, "Versi ini berlaku", version, page)
        return Putusan(
            False, "Versi ini konsep: belum disahkan, tidak berlaku sebagai pedoman resmi", version, page
        )
    first = later[0]
    since = tanggal_of(first, today).long()
    if first.dihapus:
        return Putusan(False, f"SOP ini dihapus dari portal sejak {since}", version, page)
    text = f"Versi ini tidak berlaku lagi: diganti sejak {since} oleh versi {first.kode}"
    return Putusan(False, text, version, page, first)


def verdicts(riwayat: Riwayat, kode: str, today: date) -> list[Putusan]:
    """The verdicts on a version code: one per SOP that had it (its last time)."""
    last: dict[int, tuple[RiwayatSop, int]] = {}
    for history, index in riwayat.by_kode.get(kode, []):
        last[id(history)] = (history, index)
    return [putusan(history, index, today) for history, index in last.values()]
