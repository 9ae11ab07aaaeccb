"""`python -m bench.impor`: score the importer against hand-made answer keys.

    python -m bench.impor --dokumen DOCS --kunci KEYS [--semua] [--json OUT]

DOCS is a folder of documents (PDF, .xlsx, .docx, in subfolders or not); KEYS holds,
for some of them, an answer key at the same relative path with `.md` instead of the
document's suffix: a complete SOP source in the portal's format, written by a person
from the rendered pages. Each keyed document goes through `macros.impor.import_file`;
the key and the importer's `result.text` are both read with the portal's own parser
(`split_front_matter`, `parse_yaml`) and compared field by field. With `--semua` every
document of DOCS is imported as well, for the figures that need no key: crashes,
outputs failing validation, seconds per document.

How the comparison works (docs/kinerja-impor.md has the same in Indonesian):

- Steps are aligned by number when the two step lists have the same length. When they
  differ (a step split, merged, dropped or invented), they are aligned by their
  `kegiatan` text instead (the order-keeping alignment with the highest total
  similarity; a pair counts only when the texts are at least half alike). A key step
  with no partner is wrong on every step measure; extra output steps are counted
  separately. Step numbers in `ke` and `keputusan` targets are translated through
  the alignment before comparing.
- Roles are matched to the key's roles by name (letters and digits only, any case),
  else by column position when both have as many roles, else by the most similar
  name: a step's pelaksana set is judged on columns, role spelling separately.
- The symbol kind of a step is `keputusan` (a decision), else `mulai` (first step or
  `mulai: true`), else `selesai` (last step or `selesai: true`), else `proses`.
- A decision branch is right when the aligned output step has a branch with the same
  label (trimmed, whitespace collapsed, any case, without end punctuation) to the
  same step. A key label starting with `?` marks a branch printed without a label:
  only its target is compared.
- Identity fields: nama, nomor, instansi, unit, the three dates and disahkan_oleh
  (jabatan, nama, pangkat, nip). Text is compared with whitespace collapsed and case
  ignored (nomor: all whitespace removed), dates as dates (`2 Juni 2025` equals
  `2025-06-02`; empty and `-` mean no date), NIP by its digits. A field empty in both
  is not counted.
- Outputs are validated as `make check` does, each in its own unit folder whose
  `_unit.yml` gives a placeholder instansi and unit (as the folder an import goes to
  would).

Scores are micro-averages over all keyed documents (right items / key items).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import signal
import statistics
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from macros.dates import is_blank, parse_tanggal
from macros.model import BOXES
from macros.yamlio import YamlError, parse_yaml, split_front_matter

SUFFIXES = (".pdf", ".xlsx", ".docx")
TIMEOUT = 120  # seconds before an import counts as a crash ("waktu habis")
IDENTITY = (
    "nama",
    "nomor",
    "instansi",
    "unit",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_oleh.jabatan",
    "disahkan_oleh.nama",
    "disahkan_oleh.pangkat",
    "disahkan_oleh.nip",
)
MUTU = ("kelengkapan", "waktu", "output", "keterangan")
# The measures, in report order: (key, Indonesian label, issue target or None).
MEASURES = (
    ("pelaksana_langkah", "langkah dengan himpunan pelaksana tepat", 0.95),
    ("simbol", "simbol dengan jenis tepat", 0.95),
    ("cabang", "cabang keputusan dengan label dan tujuan tepat", 0.85),
    ("identitas", "kolom identitas tepat", 0.95),
    ("alur", "langkah biasa dengan tujuan (ke) tepat", None),
    ("nama_pelaksana", "nama pelaksana (kolom) tepat", None),
    ("kegiatan", "teks kegiatan tepat", None),
    ("mutu_baku", "mutu baku dan keterangan tepat", None),
    ("kotak", "kotak identitas tepat", None),
)
_ENUM = re.compile(r"^\s*(?:\d+\s*[.,)]|[a-z][.)]|[-•*·])\s*", re.IGNORECASE)
_EDGE_PUNCT = ".,:;!?"
_UNIT_PLACEHOLDER = "instansi: Instansi Uji\nunit: Unit Uji\n"


# ---------------------------------------------------------------- normalising


def norm(value: Any) -> str:
    """Text as compared: NFKC, whitespace collapsed, trimmed, any case."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFKC", str(value)).split()).casefold()


def alnum(value: Any) -> str:
    """Letters and digits only: spelling compared, layout (spaces, line breaks) not."""
    return "".join(ch for ch in norm(value) if ch.isalnum())


def items_text(value: Any) -> str:
    """A text or a list of texts as one string of letters and digits, without the
    list numbering ("1.", "-", "•") a document may or may not keep."""
    if value is None:
        return ""
    items = value if isinstance(value, list) else [value]
    return "".join(alnum(_ENUM.sub("", str(item))) for item in items if item is not None)


def norm_label(value: Any) -> str:
    """A branch label as compared; a leading `?` (a key's unprinted label) is kept."""
    text = norm(value)
    core = text.lstrip("?").strip(_EDGE_PUNCT + " ")
    return "?" + core if text.startswith("?") else core


def norm_date(value: Any) -> Any:
    """A date as a comparable value: (year, month, day), None when blank."""
    if value is None:
        return None
    text = str(value)
    if is_blank(text):
        return None
    try:
        parsed = parse_tanggal(text)
    except ValueError:
        return norm(text)
    return (parsed.year, parsed.month, parsed.day)


def norm_identity(name: str, value: Any) -> Any:
    if name.startswith("tanggal_"):
        return norm_date(value)
    if name.endswith("nip"):
        digits = "".join(ch for ch in str(value or "") if ch.isdigit())
        return digits or None
    if name == "nomor":
        return "".join(norm(value).split()) or None
    return norm(value) or None


# ---------------------------------------------------------------- reading a source


@dataclass(frozen=True)
class Step:
    kegiatan: str
    roles: frozenset[str]  # as written (normalised), mapped to key roles when scoring
    kind: str  # mulai, selesai, keputusan, proses
    branches: tuple[tuple[str, int | None], ...]  # (normalised label, target step)
    next: frozenset[int]  # where a plain step goes (empty for ends and decisions)
    mutu: Mapping[str, str]


@dataclass(frozen=True)
class Source:
    """What the scorer compares, read leniently (an output failing validation is
    still scored on what it holds)."""

    identity: Mapping[str, Any]
    roles: tuple[str, ...]
    steps: tuple[Step, ...]
    boxes: Mapping[str, str]


class Unreadable(Exception):
    """The text has no front matter, or its YAML does not parse."""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _flag(value: Any) -> bool:
    return value is True or norm(value) in ("true", "ya", "yes")


def front_matter(text: str) -> dict[str, Any]:
    parts = split_front_matter(text)
    if parts is None:
        raise Unreadable("front matter tidak ditemukan")
    try:
        data = parse_yaml(parts[0], line_offset=1)
    except YamlError as exc:
        raise Unreadable(f"YAML tidak terbaca: {exc.reason}") from exc
    if not isinstance(data, dict):
        raise Unreadable("front matter bukan pemetaan")
    return data


def read_source(text: str) -> Source:
    data = front_matter(text)
    raw_pengesah = data.get("disahkan_oleh")
    pengesah: dict[str, Any] = raw_pengesah if isinstance(raw_pengesah, dict) else {}
    identity: dict[str, Any] = {}
    for name in IDENTITY:
        owner, _, inner = name.rpartition(".")
        value = pengesah.get(inner) if owner else data.get(name)
        identity[name] = norm_identity(name, value)
    roles = tuple(norm(role) for role in _as_list(data.get("pelaksana")))
    raw_steps = [s if isinstance(s, dict) else {} for s in _as_list(data.get("langkah"))]
    count = len(raw_steps)
    steps: list[Step] = []
    for number, raw in enumerate(raw_steps, start=1):
        decision = raw.get("keputusan")
        branches = (
            tuple((norm_label(label), _int(target)) for label, target in decision.items())
            if isinstance(decision, dict) and decision
            else ()
        )
        ends = number == count or _flag(raw.get("selesai"))
        if branches:
            kind = "keputusan"
        elif number == 1 or _flag(raw.get("mulai")):
            kind = "mulai"
        elif ends:
            kind = "selesai"
        else:
            kind = "proses"
        nexts: frozenset[int] = frozenset()
        if not branches and not ends:
            targets = [_int(t) for t in _as_list(raw.get("ke"))] or [number + 1]
            nexts = frozenset(t for t in targets if t is not None)
        steps.append(
            Step(
                kegiatan=alnum(raw.get("kegiatan")),
                roles=frozenset(norm(role) for role in _as_list(raw.get("pelaksana"))),
                kind=kind,
                branches=branches,
                next=nexts,
                mutu={name: items_text(raw.get(name)) for name in MUTU},
            )
        )
    boxes = {name: items_text(data.get(name)) for name in BOXES}
    return Source(identity, roles, tuple(steps), boxes)


# ---------------------------------------------------------------- aligning


def align_steps(key: Sequence[Step], out: Sequence[Step]) -> dict[int, int]:
    """Key step number -> output step number (both from 1)."""
    if len(key) == len(out):
        return {n: n for n in range(1, len(key) + 1)}
    sim = [[_similarity(k.kegiatan, o.kegiatan) for o in out] for k in key]
    rows, cols = len(key), len(out)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            take = best[i + 1][j + 1] + sim[i][j] if sim[i][j] >= 0.5 else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: dict[int, int] = {}
    i = j = 0
    while i < rows and j < cols:
        if sim[i][j] >= 0.5 and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            pairs[i + 1] = j + 1
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def map_roles(key: Sequence[str], out: Sequence[str]) -> dict[str, str]:
    """Output role name -> key role name (see the module docstring)."""
    by_spelling = {alnum(role): role for role in key}
    mapping: dict[str, str] = {}
    for index, role in enumerate(out):
        if alnum(role) in by_spelling:
            mapping[role] = by_spelling[alnum(role)]
        elif len(out) == len(key):
            mapping[role] = key[index]
        else:
            close = difflib.get_close_matches(alnum(role), list(by_spelling), n=1, cutoff=0.75)
            if close:
                mapping[role] = by_spelling[close[0]]
    return mapping


# ---------------------------------------------------------------- scoring


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def merge(self, other: Tally) -> None:
        self.right += other.right
        self.total += other.total

    @property
    def rate(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Score:
    tallies: dict[str, Tally] = field(default_factory=lambda: {m[0]: Tally() for m in MEASURES})
    errors: Counter[str] = field(default_factory=Counter)  # kinds of error, no document text
    key_steps: int = 0
    out_steps: int = 0

    def merge(self, other: Score) -> None:
        for name, tally in other.tallies.items():
            self.tallies[name].merge(tally)
        self.errors.update(other.errors)
        self.key_steps += other.key_steps
        self.out_steps += other.out_steps


def score(key_text: str, out_text: str) -> Score:
    """Compare an importer output with its answer key (both SOP sources)."""
    key = read_source(key_text)
    result = Score(key_steps=len(key.steps))
    try:
        out = read_source(out_text)
    except Unreadable:
        result.errors["keluaran tidak terbaca (front matter/YAML)"] += 1
        out = Source({}, (), (), {})
    result.out_steps = len(out.steps)
    if len(out.steps) != len(key.steps):
        result.errors[_count_kind(len(key.steps), len(out.steps))] += 1
    _score_identity(key, out, result)
    _score_steps(key, out, result)
    for name in BOXES:
        if key.boxes[name] or out.boxes.get(name):
            ok = key.boxes[name] == out.boxes.get(name, "")
            result.tallies["kotak"].add(ok)
            if not ok:
                result.errors[f"kotak: {name} berbeda"] += 1
    return result


def _count_kind(want: int, got: int) -> str:
    if got > want:
        return "jumlah langkah: keluaran lebih banyak"
    if got <= max(1, want // 2):
        return "jumlah langkah: keluaran separuh kunci atau kurang"
    return "jumlah langkah: keluaran sedikit kurang"


def _text_kind(want: Any, got: Any) -> str:
    """How a wrong text differs, in words that say nothing of the text itself."""
    if got is None:
        return "kosong"
    if want is None:
        return "berlebih"
    if isinstance(want, str) and isinstance(got, str):
        if got in want:
            return "salah (sebagian dari yang benar)"
        if want in got:
            return "salah (memuat yang benar dan teks lain)"
    return "salah"


def _score_identity(key: Source, out: Source, result: Score) -> None:
    for name in IDENTITY:
        want, got = key.identity[name], out.identity.get(name)
        if want is None and got is None:
            continue
        ok = want == got
        result.tallies["identitas"].add(ok)
        if not ok:
            result.errors[f"identitas: {name} {_text_kind(want, got)}"] += 1
    for index, role in enumerate(key.roles):
        ok = index < len(out.roles) and alnum(out.roles[index]) == alnum(role)
        result.tallies["nama_pelaksana"].add(ok)
        if not ok:
            result.errors["pelaksana: nama/urutan kolom berbeda"] += 1
    if len(out.roles) != len(key.roles):
        result.errors["pelaksana: jumlah kolom berbeda"] += 1


def _score_steps(key: Source, out: Source, result: Score) -> None:
    pairs = align_steps(key.steps, out.steps)
    back = {o: k for k, o in pairs.items()}
    roles = map_roles(key.roles, out.roles)
    for kind, count in (
        ("langkah kunci tanpa pasangan", len(key.steps) - len(pairs)),
        ("langkah keluaran berlebih", len(out.steps) - len(pairs)),
    ):
        if count:
            result.errors[kind] += count
    for number, want in enumerate(key.steps, start=1):
        partner = pairs.get(number)
        got = out.steps[partner - 1] if partner else None
        # pelaksana
        got_roles = frozenset(roles.get(r, "?" + r) for r in got.roles) if got else frozenset()
        ok = got is not None and got_roles == want.roles
        result.tallies["pelaksana_langkah"].add(ok)
        if got is not None and not ok:
            if got_roles < want.roles:
                result.errors["pelaksana langkah: kolom kurang"] += 1
            elif got_roles > want.roles:
                result.errors["pelaksana langkah: kolom berlebih"] += 1
            else:
                result.errors["pelaksana langkah: kolom salah"] += 1
        # symbol kind
        ok = got is not None and got.kind == want.kind
        result.tallies["simbol"].add(ok)
        if got is not None and not ok:
            result.errors[f"simbol: {want.kind} terbaca {got.kind}"] += 1
        # decision branches
        _score_branches(want, got, back, result)
        # plain flow
        if want.next:
            mapped = frozenset(back.get(t, -t) for t in got.next) if got else frozenset()
            ok = got is not None and mapped == want.next
            result.tallies["alur"].add(ok)
            if got is not None and not ok:
                result.errors["alur: tujuan ke berbeda"] += 1
        # texts
        ok = got is not None and got.kegiatan == want.kegiatan
        result.tallies["kegiatan"].add(ok)
        if got is not None and not ok:
            result.errors["kegiatan: teks berbeda"] += 1
        for name in MUTU:
            if want.mutu[name] or (got and got.mutu[name]):
                ok = got is not None and got.mutu[name] == want.mutu[name]
                result.tallies["mutu_baku"].add(ok)
                if got is not None and not ok:
                    result.errors[f"mutu baku: {name} berbeda"] += 1


def _score_branches(want: Step, got: Step | None, back: Mapping[int, int], result: Score) -> None:
    if not want.branches:
        return
    if got is not None and not got.branches:
        result.errors["cabang: langkah keputusan tanpa cabang"] += len(want.branches)
    left = [(label, back.get(t) if t is not None else None) for label, t in (got.branches if got else ())]
    for label, target in want.branches:
        blind = label.startswith("?")
        hit = next(
            (i for i, (l2, t2) in enumerate(left) if t2 == target and (blind or l2 == label)),
            None,
        )
        result.tallies["cabang"].add(hit is not None)
        if hit is not None:
            left.pop(hit)
        elif got is not None and got.branches:
            labels = {l2 for l2, _ in left}
            targets = {t2 for _, t2 in left}
            if not blind and label not in labels and target in targets:
                result.errors["cabang: label salah"] += 1
            elif blind or label in labels:
                result.errors["cabang: tujuan salah"] += 1
            else:
                result.errors["cabang: label dan tujuan salah"] += 1


# ---------------------------------------------------------------- validating


def validate_outputs(texts: Mapping[str, str]) -> dict[str, list[str]]:
    """Errors `make check` reports for each output, alone in a unit folder (two
    outputs never meet: a nomor read twice is not this check's business)."""
    from macros.cli import check_sources  # the portal's own check, imported when used

    errors: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-impor-") as tmp:
        for index, (name, text) in enumerate(texts.items(), start=1):
            project = Path(tmp) / f"p{index:04d}"
            folder = project / "sop_src" / "impor"
            folder.mkdir(parents=True)
            (folder / "_unit.yml").write_text(_UNIT_PLACEHOLDER, encoding="utf-8")
            (folder / "sop.md").write_text(text, encoding="utf-8")
            checked = check_sources(project)
            errors[name] = [f"{p.path}: {p.message}" for p in checked.errors]
    return errors


# ---------------------------------------------------------------- running the importer


@dataclass
class Run:
    """One document through the importer."""

    name: str  # path under DOCS
    seconds: float = 0.0  # wall clock
    cpu: float = 0.0  # CPU seconds of this process: what the import costs when the machine is shared
    text: str | None = None
    status: str = "ok"  # ok, tak-terbaca (UnreadableDocument), crash
    message: str = ""  # the exception's type and where it was raised, for crashes
    invalid: list[str] = field(default_factory=list)
    score: Score | None = None


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Timeout


def run_importer(path: Path, name: str, importer: Callable[[Path], Any], unreadable: type[Exception]) -> Run:
    run = Run(name)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        run.text = importer(path).text
    except _Timeout:
        run.status, run.message = "crash", f"waktu habis ({TIMEOUT} s)"
    except unreadable as exc:
        run.status, run.message = "tak-terbaca", str(exc)
    except Exception as exc:
        run.status, run.message = "crash", _where(exc)
    finally:
        run.seconds = time.perf_counter() - start
        run.cpu = time.process_time() - cpu
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return run


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    place = f" di {Path(last.filename).name}:{last.lineno} ({last.name})" if last else ""
    return f"{type(exc).__name__}{place}"


def documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def keyed(dokumen: Path, kunci: Path) -> Iterator[tuple[Path, Path | None]]:
    """(key, document) for every key under KEYS (a .md file starting with front
    matter; notes such as a README are not keys); document None when missing."""
    for key in sorted(kunci.rglob("*.md")):
        if not key.read_text(encoding="utf-8").startswith("---"):
            continue
        rel = key.relative_to(kunci)
        doc = next(
            (dokumen / rel.with_suffix(s) for s in SUFFIXES if (dokumen / rel.with_suffix(s)).is_file()),
            None,
        )
        yield key, doc


def evaluate(dokumen: Path, kunci: Path, semua: bool, log: Callable[[str], None]) -> dict[str, Any]:
    from macros.impor import UnreadableDocument, import_file  # the importer, imported when used

    runs: dict[str, Run] = {}
    missing: list[str] = []
    pairs = list(keyed(dokumen, kunci))
    for key, doc in pairs:
        if doc is None:
            missing.append(key.relative_to(kunci).as_posix())
            continue
        name = doc.relative_to(dokumen).as_posix()
        run = run_importer(doc, name, import_file, UnreadableDocument)
        run.score = score(key.read_text(encoding="utf-8"), run.text or "")
        runs[name] = run
        log(f"{name}: {run.status} {run.seconds:.2f} s")
    if semua:
        for doc in documents(dokumen):
            name = doc.relative_to(dokumen).as_posix()
            if name not in runs:
                runs[name] = run_importer(doc, name, import_file, UnreadableDocument)
    invalid = validate_outputs({n: r.text for n, r in runs.items() if r.text is not None})
    for name, problems in invalid.items():
        runs[name].invalid = problems
    return summarise(list(runs.values()), missing)


def summarise(runs: Sequence[Run], missing: Sequence[str] = ()) -> dict[str, Any]:
    total = Score()
    per_document = []
    for run in runs:
        entry: dict[str, Any] = {
            "dokumen": run.name,
            "status": run.status,
            "detik": round(run.seconds, 3),
            "detik_cpu": round(run.cpu, 3),
            "tidak_valid": len(run.invalid) > 0,
        }
        if run.message:
            entry["pesan"] = run.message
        if run.score is not None:
            total.merge(run.score)
            entry["langkah_kunci"] = run.score.key_steps
            entry["langkah_keluaran"] = run.score.out_steps
            entry["ukuran"] = {k: [t.right, t.total] for k, t in run.score.tallies.items()}
        per_document.append(entry)
    seconds = [r.seconds for r in runs]
    errors = Counter(total.errors)
    for run in runs:
        if run.status == "crash":
            errors[f"crash: {run.message}"] += 1
        for problem in run.invalid:
            errors[f"tidak valid: {_problem_kind(problem)}"] += 1
    return {
        "dokumen_berkunci": sum(1 for r in runs if r.score is not None),
        "dokumen_diimpor": len(runs),
        "kunci_tanpa_dokumen": list(missing),
        "crash": sum(1 for r in runs if r.status == "crash"),
        "tak_terbaca": sum(1 for r in runs if r.status == "tak-terbaca"),
        "tidak_valid": sum(1 for r in runs if r.invalid),
        "detik": _times(seconds),
        "detik_cpu": _times([r.cpu for r in runs]),
        "ukuran": {
            name: {"tepat": t.right, "jumlah": t.total, "persen": _percent(t.rate)}
            for name, t in total.tallies.items()
        },
        "jenis_kesalahan": dict(errors.most_common()),
        "per_dokumen": per_document,
    }


def _times(seconds: Sequence[float]) -> dict[str, Any]:
    return {
        "rata_rata": round(statistics.fmean(seconds), 3) if seconds else None,
        "median": round(statistics.median(seconds), 3) if seconds else None,
        "maks": round(max(seconds), 3) if seconds else None,
        "lebih_dari_2_s": sum(1 for s in seconds if s > 2.0),
    }


def _problem_kind(problem: str) -> str:
    """A validation message without its document-specific parts (field indices and
    quoted values): `langkah[4].pelaksana: 'X' tidak ada ...` -> `langkah[].pelaksana`."""
    path = problem.split(":", 1)[0]
    return re.sub(r"\[\d+\]", "[]", path) or "(berkas)"


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(100 * rate, 1)


# ---------------------------------------------------------------- printing


def report(summary: Mapping[str, Any], per_document: bool = True) -> str:
    lines: list[str] = []
    if per_document:
        for entry in summary["per_dokumen"]:
            if "ukuran" not in entry:
                continue
            parts = [f"{entry['dokumen']}: {entry['status']}, {entry['detik']:.2f} s"]
            parts.append(f"langkah {entry['langkah_keluaran']}/{entry['langkah_kunci']}")
            for name, _, _ in MEASURES[:4]:
                right, total = entry["ukuran"][name]
                if total:
                    parts.append(f"{name} {right}/{total}")
            if entry["tidak_valid"]:
                parts.append("TIDAK VALID")
            lines.append("; ".join(parts))
        lines.append("")
    lines.append(f"Dokumen berkunci: {summary['dokumen_berkunci']}; diimpor: {summary['dokumen_diimpor']}")
    for name, label, target in MEASURES:
        m = summary["ukuran"][name]
        goal = f" (sasaran {round(target * 100)}%)" if target else ""
        percent = "-" if m["persen"] is None else f"{m['persen']:.1f}%"
        lines.append(f"  {label}: {m['tepat']}/{m['jumlah']} = {percent}{goal}")
    lines.append(
        f"  crash: {summary['crash']}; tak terbaca: {summary['tak_terbaca']}; "
        f"keluaran tidak valid: {summary['tidak_valid']}"
    )
    for key, what in (("detik", "detik per dokumen"), ("detik_cpu", "detik CPU per dokumen")):
        times = summary[key]
        if times["median"] is not None:
            lines.append(
                f"  {what}: rata-rata {times['rata_rata']:.2f}, median {times['median']:.2f}, "
                f"maks {times['maks']:.2f}; lebih dari 2 s: {times['lebih_dari_2_s']}"
            )
    if summary["kunci_tanpa_dokumen"]:
        lines.append(f"  kunci tanpa dokumen: {len(summary['kunci_tanpa_dokumen'])}")
    if summary["jenis_kesalahan"]:
        lines.append("Jenis kesalahan:")
        lines.extend(f"  {count} x {kind}" for kind, count in summary["jenis_kesalahan"].items())
    return "\n".join(lines)


def _id(value: float | None, digits: int = 1) -> str:
    """A number as the Indonesian pages write it (decimal comma)."""
    return "-" if value is None else f"{value:.{digits}f}".replace(".", ",")


def markdown(summary: Mapping[str, Any], errors: int = 15) -> str:
    """The tables of docs/kinerja-impor.md, in Indonesian (no document names)."""
    measures = summary["ukuran"]
    lines = ["| Sasaran | Hasil | Status |", "|:--|:--|:--|"]
    for name, label, target in MEASURES:
        if target is None:
            continue
        m = measures[name]
        reached = m["persen"] is not None and m["persen"] >= 100 * target
        lines.append(
            f"| paling sedikit {round(100 * target)}% {label} | {_id(m['persen'])}% "
            f"({m['tepat']} dari {m['jumlah']}) | {'tercapai' if reached else 'belum'} |"
        )
    seconds = summary["detik"]
    count = summary["dokumen_diimpor"]
    lines.append(
        f"| 0 crash pada semua dokumen | {summary['crash']} dari {count} dokumen | "
        f"{'tercapai' if summary['crash'] == 0 else 'belum'} |"
    )
    lines.append(
        f"| setiap hasil lolos `make check` | {count - summary['tidak_valid']} dari {count} | "
        f"{'tercapai' if summary['tidak_valid'] == 0 else 'belum'} |"
    )
    cpu = summary["detik_cpu"]
    if seconds["maks"] is not None:
        lines.append(
            f"| paling lama 2 s per dokumen | waktu dinding: median {_id(seconds['median'], 2)} s, "
            f"paling lama {_id(seconds['maks'], 2)} s, {seconds['lebih_dari_2_s']} dokumen di atas 2 s; "
            f"waktu CPU: median {_id(cpu['median'], 2)} s, paling lama {_id(cpu['maks'], 2)} s, "
            f"{cpu['lebih_dari_2_s']} dokumen di atas 2 s | {_time_status(seconds, cpu)} |"
        )
    lines += ["", "| Ukuran | Benar | Jumlah | Persen |", "|:--|--:|--:|--:|"]
    for name, label, _ in MEASURES:
        m = measures[name]
        lines.append(f"| {label} | {m['tepat']} | {m['jumlah']} | {_id(m['persen'])}% |")
    lines += ["", "| Folder | Dokumen | Berkunci | Crash | Tak terbaca | Tidak sah | Detik | Detik CPU |"]
    lines.append("|:--|--:|--:|--:|--:|--:|--:|--:|")
    folders: dict[str, list[Mapping[str, Any]]] = {}
    for entry in summary["per_dokumen"]:
        folder = entry["dokumen"].split("/", 1)[0] if "/" in entry["dokumen"] else "."
        folders.setdefault(folder, []).append(entry)
    for folder, entries in sorted(folders.items()):
        lines.append(
            f"| {folder} | {len(entries)} | {sum(1 for e in entries if 'ukuran' in e)} | "
            f"{sum(1 for e in entries if e['status'] == 'crash')} | "
            f"{sum(1 for e in entries if e['status'] == 'tak-terbaca')} | "
            f"{sum(1 for e in entries if e['tidak_valid'])} | "
            f"{_id(statistics.fmean(e['detik'] for e in entries), 2)} | "
            f"{_id(statistics.fmean(e['detik_cpu'] for e in entries), 2)} |"
        )
    lines += ["", "| Jenis kesalahan | Kali |", "|:--|--:|"]
    for kind, times in list(summary["jenis_kesalahan"].items())[:errors]:
        lines.append(f"| {kind} | {times} |")
    return "\n".join(lines)


def _time_status(wall: Mapping[str, Any], cpu: Mapping[str, Any]) -> str:
    if wall["lebih_dari_2_s"] == 0:
        return "tercapai"
    if cpu["lebih_dari_2_s"] == 0:
        return "tercapai menurut waktu CPU; belum menurut waktu dinding"
    return "belum"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.impor", description="Ukur hasil impor terhadap kunci jawaban."
    )
    parser.add_argument("--dokumen", type=Path, required=True, help="folder dokumen (PDF, xlsx, docx)")
    parser.add_argument("--kunci", type=Path, required=True, help="folder kunci jawaban (.md)")
    parser.add_argument("--semua", action="store_true", help="impor juga semua dokumen tanpa kunci")
    parser.add_argument(
        "--json", type=Path, help="tulis hasil lengkap sebagai JSON ke berkas ini ('-': layar)"
    )
    parser.add_argument("--ringkas", action="store_true", help="tanpa baris per dokumen")
    parser.add_argument(
        "--markdown", action="store_true", help="cetak tabel Markdown halaman Ketepatan Impor"
    )
    return parser


def main(argv: Sequence[str] | None = None, out: Any = None) -> int:
    args = _parser().parse_args(argv)
    out = out or sys.stdout
    for folder in (args.dokumen, args.kunci):
        if not folder.is_dir():
            print(f"folder tidak ditemukan: {folder}", file=out)
            return 2
    summary = evaluate(args.dokumen, args.kunci, args.semua, lambda line: print(line, file=sys.stderr))
    if args.json is not None:
        text = json.dumps(summary, indent=2, ensure_ascii=False)
        if str(args.json) == "-":
            print(text, file=out)
            return 0
        args.json.write_text(text + "\n", encoding="utf-8")
    print(markdown(summary) if args.markdown else report(summary, per_document=not args.ringkas), file=out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
