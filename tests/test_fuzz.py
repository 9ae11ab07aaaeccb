"""Fuzzing the sources (issue 16): a mutated sample source gives a valid SOP or clean
problems (file, field path, Indonesian message), never an exception, within a time and
memory bound; what is valid renders through every page renderer.

Each example takes one sample SOP (`sop_src/` or a fixture under `tests/fixtures/`)
with its folder's other files, mutates the SOP or its `_unit.yml` (lines deleted,
duplicated, swapped or re-indented; values turned into other types, long or hostile
text with HTML, Jinja, Mermaid or CSV syntax, other digits and scripts; keys misspelt
or of other types; random characters and bytes inserted), writes the folder into a
project and checks it as `make check` does (`check_sources`), twice: the second time
from the parse cache, as a later run would. The two runs must agree. A valid result is
rendered by the renderers of `macros/render/` (not MkDocs); an invalid one by the
preview's error page.

Examples: PORTAL_SOP_FUZZ=<n> (default 200, the same examples on every run); a
campaign: PORTAL_SOP_FUZZ=10000 PORTAL_SOP_FUZZ_SEED=1 .venv/bin/python -m pytest
tests/test_fuzz.py. With PORTAL_SOP_FUZZ_LOG=<file>, each failing input is appended to
that file (JSON lines) and the run goes on, so one campaign lists every crash.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import string
import tempfile
import time
import traceback
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import FIXTURES, PROJECT
from hypothesis import HealthCheck, event, given, seed, settings
from hypothesis import strategies as st

from macros import loader
from macros.cli import check_sources
from macros.errors import Problem
from macros.index import Portal, load_portal
from macros.render import render_template
from macros.render.katalog import render_katalog, render_unit, tags_front_matter
from macros.render.opendata import render_csv, render_json
from macros.render.print_parts import PrintSettings, render_cetak
from macros.render.sop import render_header, render_identitas, render_prosedur, render_relasi, render_uraian

EXAMPLES = int(os.environ.get("PORTAL_SOP_FUZZ", "200"))
SEED = os.environ.get("PORTAL_SOP_FUZZ_SEED")
LOG = os.environ.get("PORTAL_SOP_FUZZ_LOG")

# Bounds per input (issue 16: `make check` at most 5 s and 300 MB for an input of up to
# 1 MB; the build at most 10 s beyond its normal time). Measured with tracemalloc on,
# which slows Python down, on a machine shared with other jobs: the time bounds are
# generous, and ALARM ends an input that hangs.
CHECK_SECONDS = 10.0
RENDER_SECONDS = 20.0
PEAK_BYTES = 300_000_000
ALARM_SECONDS = 120


# ---------------------------------------------------------------- the samples


@dataclass(frozen=True)
class Sample:
    folder: tuple[tuple[str, str], ...]  # (path under sop_src/, text) of one unit folder
    target: str  # the SOP of that folder this sample mutates


def _samples() -> list[Sample]:
    roots = [
        PROJECT / "sop_src",
        *sorted(p / "sop_src" for p in FIXTURES.iterdir() if (p / "sop_src").is_dir()),
    ]
    out: list[Sample] = []
    for root in roots:
        for folder in sorted({p.parent for p in root.rglob("*.md")}):
            files = tuple(
                (p.relative_to(root).as_posix(), p.read_text(encoding="utf-8"))
                for p in sorted(folder.iterdir())
                if p.is_file() and (p.suffix == ".md" or p.name == "_unit.yml")
            )
            out += [Sample(files, rel) for rel, _ in files if rel.endswith(".md")]
    return out


SAMPLES = _samples()

# ---------------------------------------------------------------- mutations

HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% include 'mkdocs.yml' %}",
    "{{ config.extra }}",
    "{found}",
    "{b}{a}{label}",
    "```mermaid\ngraph TD; A-->B\n```",
    'A-->|"x"|B; click A call alert(1)',
    "%%{init: {'securityLevel': 'loose'}}%%",
    "end\nsubgraph x",
    '=HYPERLINK("http://contoh.invalid","klik")',
    "+1+2",
    "@SUM(A1)",
    "::error file=x.md::palsu",
    "]]></svg><script>",
    "<!--",
    "[tautan](javascript:alert(1))",
    "**tebal** _miring_ `kode`",
    "\u202ekiri ke kanan",
    "baris\u2028baru",
    "nol\u0000byte",
    "lonceng\u0007",
    "tunggal\ud800",
    "Ｃａｍａｔ",
    "١٢٣ ٤٥٦",
    "¹²³⁴",
    "😀 Camat 🏛",
    "漢字 テスト",
    "‏مرحبا",
    "Ya ",
    " Ya",
    "x" * 300,
    "\t",
    "-",
    "",
    " ",
]

PLAIN_VALUES = [
    "0",
    "-1",
    "1.5",
    "1e400",
    ".inf",
    ".nan",
    "0x1F",
    "0o17",
    "070",
    "null",
    "~",
    "",
    "true",
    "false",
    "yes",
    "[]",
    "{}",
    "[1, 2]",
    "[[1]]",
    "[a, {b: c}]",
    "{a: 1}",
    "{Ya: 2, ' Ya': 3}",
    "{1: 4, '1': 3}",
    "{null: 1, Tidak: 2}",
    "{Ya: 99, Tidak: 0}",
    "{Ya: 1, Tidak: -1}",
    "[1, 99, 0, -2]",
    "2024-02-30",
    "31 Februari 2024",
    "0000-01-01",
    "9999-12-31",
    "'２０２４-01-01'",
    "'1 Agustus ２０１９'",
    "'19631116 199010 2 00²'",
    "196311161990102002",
    "1-3 hari",
    "'30 menit - 3 Jam'",
    "99999999 menit",
    "'1,5 jam'",
    "konsep",
    "dicabut",
    "berlaku",
    "kab-malang/kec-kalipare/pengiriman-surat",
    "../../etc/passwd",
    "/etc/passwd",
    "docs/assets/logo.svg",
    "&a [1]",
    "*a",
    "!!python/object:os.system",
    "!!binary aGVsbG8=",
    "? [a]",
    "|\n  blok teks",
    ">\n  lipat",
]

HOSTILE_LINES = [
    "---",
    "...",
    "langkah: []",
    "pelaksana: []",
    "langkah:",
    "  - kegiatan: Tambahan",
    "  - {kegiatan: x, pelaksana: Tidak Ada, ke: 99}",
    "  - {kegiatan: y, pelaksana: Staf, keputusan: {Ya: 1, Tidak: 1}}",
    "    ke: [1, 1, 1]",
    "    selesai: true",
    "    mulai: true",
    "    keputusan: {Ya: 1, ' Ya': 2}",
    "    sop: kab-contoh/tidak-ada",
    "keterkaitan: [{sop: kab-malang/kec-kalipare/pengiriman-surat, jenis: lanjutan}, teks biasa]",
    "diganti_oleh: kab-malang/kec-kalipare/pengiriman-surat",
    "status: dicabut",
    "status: konsep",
    "logo: ../../../../etc/passwd",
    "logo: docs/assets/tidak-ada.png",
    "kategori: [Surat, Surat, '']",
    "a: &a [1, 2]",
    "b: *a",
    "c: &c [*c]",
    "<<: {nama: x}",
    "%YAML 1.1",
    "nama: !!str 1",
    "nama: !custom x",
    "? nama",
    ": nilai",
    "\tnama: tab",
    "nama: 'tidak ditutup",
    'nama: "\\ud800"',
    'nama: "\\x00\\a"',
    "1: 4",
    "null: 3",
    "true: x",
    "'': kosong",
    "::error file=x.md::palsu: 1",
    "# komentar",
    "",
]

KEY_NAMES = [
    "nama",
    "nomor",
    "pelaksana",
    "langkah",
    "kegiatan",
    "keputusan",
    "ke",
    "waktu",
    "sop",
    "jenis",
    "nip",
]


def _yaml_text(text: str) -> str:
    """A text as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


def values() -> st.SearchStrategy[str]:
    """A value as YAML source."""
    digits = st.integers(1, 12_000).map(lambda n: "1" * n)
    return st.one_of(
        st.sampled_from(PLAIN_VALUES),
        st.sampled_from(HOSTILE_TEXT).map(_yaml_text),  # twice: text is what most keys take
        st.sampled_from(HOSTILE_TEXT).map(_yaml_text),
        st.text(max_size=40).map(_yaml_text),
        st.integers(-(10**6), 10**6).map(str),
        digits,
        digits.map(lambda d: f"{d} menit"),
        st.integers(1, 20_000).map(lambda n: _yaml_text("panjang " * (n // 8))),
        st.lists(st.sampled_from(["a", "1", "null", "[x]", "Camat", "Staf"]), max_size=30).map(
            lambda items: "[" + ", ".join(items) + "]"
        ),
        st.integers(1, 400).map(lambda n: "[" + ", ".join(str(i % 7 + 1) for i in range(n)) + "]"),
        st.integers(1, 60).map(lambda n: "{" + ", ".join(f"c{i}: {i % 5 + 1}" for i in range(n)) + "}"),
    )


Lines = list[str]
Mutation = Callable[[st.DrawFn, Lines], Lines]


def _index(draw: st.DrawFn, lines: Lines) -> int:
    """A line; the opening `---` (line 0, where hypothesis's small numbers lead) only
    now and then."""
    first = 0 if len(lines) < 2 or draw(st.integers(0, 9)) == 0 else 1
    return draw(st.integers(first, max(len(lines) - 1, 0)))


def delete(draw: st.DrawFn, lines: Lines) -> Lines:
    if not lines:
        return lines
    i = _index(draw, lines)
    count = draw(st.integers(1, 3))
    return lines[:i] + lines[i + count :]


def duplicate(draw: st.DrawFn, lines: Lines) -> Lines:
    if not lines:
        return lines
    i, j = _index(draw, lines), _index(draw, lines)
    return [*lines[:j], lines[i], *lines[j:]]


def swap(draw: st.DrawFn, lines: Lines) -> Lines:
    if len(lines) < 2:
        return lines
    i, j = _index(draw, lines), _index(draw, lines)
    out = list(lines)
    out[i], out[j] = out[j], out[i]
    return out


def indent(draw: st.DrawFn, lines: Lines) -> Lines:
    if not lines:
        return lines
    i = _index(draw, lines)
    out = list(lines)
    if draw(st.booleans()):
        out[i] = " " * draw(st.integers(1, 4)) + out[i]
    else:
        out[i] = out[i][draw(st.integers(1, 4)) :] if out[i].startswith(" ") else out[i]
    return out


def _keyed(lines: Lines) -> list[int]:
    """Lines of the form `key: value` (also `- key: value` and in flow steps)."""
    return [i for i, line in enumerate(lines) if ":" in line and not line.lstrip().startswith("#")]


def value(draw: st.DrawFn, lines: Lines) -> Lines:
    keyed = _keyed(lines)
    if not keyed:
        return lines
    i = draw(st.sampled_from(keyed))
    head = lines[i].split(":", 1)[0]
    out = list(lines)
    out[i] = f"{head}: {draw(values())}"
    return out


TEXT_KEYS = (
    "nama",
    "nomor",
    "instansi",
    "unit",
    "alamat",
    "telepon",
    "email",
    "website",
    "jabatan",
    "pangkat",
    "kegiatan",
    "kelengkapan",
    "output",
    "keterangan",
    "waktu",
)


def text_value(draw: st.DrawFn, lines: Lines) -> Lines:
    """A text where text belongs (a text key, or an item of a list of texts): the SOP
    mostly stays valid, so its hostile text reaches the renderers."""
    places = [
        i
        for i, line in enumerate(lines)
        if line.strip().removeprefix("- ").split(":", 1)[0] in TEXT_KEYS
        or (line.lstrip().startswith("- ") and ":" not in line and "{" not in line)
    ]
    if not places:
        return lines
    i = draw(st.sampled_from(places))
    printable = st.characters(exclude_categories=("Cs", "Cc"))  # what YAML accepts; values() has the rest
    long = st.integers(1, 1500).map(lambda n: " ".join(["Menyampaikan", "berkas", "permohonan"] * n)[:9000])
    text = draw(st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(printable, max_size=60), long))
    line = lines[i]
    out = list(lines)
    if ":" in line and line.strip().removeprefix("- ").split(":", 1)[0] in TEXT_KEYS:
        out[i] = f"{line.split(':', 1)[0]}: {_yaml_text(text)}"
    else:
        out[i] = f"{line[: line.index('- ') + 2]}{_yaml_text(text)}"
    return out


_ROLES_WRITTEN = re.compile(r"^pelaksana:\s*\[(.*)\]\s*$")


def step_flow(draw: st.DrawFn, lines: Lines) -> Lines:
    """A flow key added to a step: jumps, decisions (labels alike or not), starts, ends,
    several roles, a sub-SOP: the shapes the flowchart, step list and diagram draw."""
    block = [i for i, line in enumerate(lines) if line.lstrip().startswith("- kegiatan:")]
    flow = [
        i for i, line in enumerate(lines) if line.lstrip().startswith("- {") and line.rstrip().endswith("}")
    ]
    if not block and not flow:
        return lines
    count = len(block) + len(flow)
    roles = ["Camat", "Staf", "Sekcam", "Tidak Ada"]
    for line in lines:
        found = _ROLES_WRITTEN.match(line)
        if found:
            roles = [r.strip() for r in found[1].split(",") if r.strip()] or roles
    target = st.integers(0, count + 2).map(str)
    targets = st.lists(target, min_size=1, max_size=6).map(lambda t: "[" + ", ".join(t) + "]")
    label = st.sampled_from(
        ["Ya", "Tidak", "'Ya '", "' Ya'", "Y", "Lengkap", "Tidak lengkap", "'1'", "1", "'x'"]
    )
    branches = st.lists(st.tuples(label, target), min_size=1, max_size=6).map(
        lambda bs: "{" + ", ".join(f"{k}: {v}" for k, v in bs) + "}"
    )
    extra = draw(
        st.one_of(
            targets.map(lambda t: f"ke: {t}"),
            target.map(lambda t: f"ke: {t}"),
            branches.map(lambda b: f"keputusan: {b}"),
            st.sampled_from(["selesai: true", "mulai: true", "selesai: false", "mulai: null"]),
            st.lists(st.sampled_from(roles), min_size=1, max_size=5).map(
                lambda r: f"pelaksana: [{', '.join(r)}]"
            ),
            st.sampled_from(["sop: kab-malang/kec-kalipare/pengiriman-surat", "sop: unit/tidak-ada"]),
        )
    )
    out = list(lines)
    i = draw(st.sampled_from(block + flow))
    line = lines[i]
    if i in block:
        out.insert(i + 1, " " * (len(line) - len(line.lstrip()) + 2) + extra)
    else:
        cut = line.rfind("}")
        out[i] = f"{line[:cut]}, {extra}{line[cut:]}"
    return out


def flow_value(draw: st.DrawFn, lines: Lines) -> Lines:
    """A value inside a flow mapping (`{kegiatan: a, pelaksana: b}`)."""
    flows = [i for i, line in enumerate(lines) if "{" in line and ":" in line]
    if not flows:
        return value(draw, lines)
    i = draw(st.sampled_from(flows))
    line = lines[i]
    key = draw(st.sampled_from(KEY_NAMES))
    new = draw(values()).replace("\n", " ")
    out = list(lines)
    cut = line.rfind("}")
    out[i] = line[:cut] + f", {key}: {new}" + line[cut:] if cut > 0 else line
    return out


def key(draw: st.DrawFn, lines: Lines) -> Lines:
    keyed = _keyed(lines)
    if not keyed:
        return lines
    i = draw(st.sampled_from(keyed))
    head, rest = lines[i].split(":", 1)
    stripped = head.lstrip(" -")
    prefix = head[: len(head) - len(stripped)]
    choice = draw(
        st.one_of(
            st.sampled_from(["null", "1", "true", "2.5", "''", '"{found}"', '"::x"', "x" * 300, "~"]),
            st.sampled_from(KEY_NAMES),
            st.just(stripped[:-1] if stripped else "k"),  # misspelt
            st.just(stripped + stripped[-1:]),
            st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=12),
        )
    )
    out = list(lines)
    out[i] = f"{prefix}{choice}:{rest}"
    return out


def insert_line(draw: st.DrawFn, lines: Lines) -> Lines:
    i = draw(st.integers(0, len(lines)))
    return [*lines[:i], draw(st.sampled_from(HOSTILE_LINES)), *lines[i:]]


def insert_text(draw: st.DrawFn, lines: Lines) -> Lines:
    if not lines:
        return lines
    i = _index(draw, lines)
    line = lines[i]
    at = draw(st.integers(0, len(line)))
    text = draw(
        st.one_of(
            st.text(min_size=1, max_size=8),
            st.sampled_from(["'", '"', ":", "#", "[", "{", "-", "&", "*", "!", "|", ">", "%", "@", "`"]),
        )
    )
    out = list(lines)
    out[i] = line[:at] + text + line[at:]
    return out


MUTATIONS: list[Mutation] = [
    *[text_value] * 6,
    *[step_flow] * 4,
    delete,
    duplicate,
    swap,
    indent,
    value,
    value,
    flow_value,
    key,
    insert_line,
    insert_text,
]


@dataclass(frozen=True)
class Case:
    files: dict[str, bytes]  # path under sop_src/ -> content
    changed: str  # the file mutated

    def shown(self) -> str:
        return json.dumps(
            {"changed": self.changed, "text": self.files[self.changed].decode("utf-8", "replace")}
        )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    sample = draw(st.sampled_from(SAMPLES))
    files = {rel: text.encode("utf-8") for rel, text in sample.folder}
    unit = sample.target.rsplit("/", 1)[0] + "/_unit.yml" if "/" in sample.target else "_unit.yml"
    target = unit if unit in files and draw(st.integers(0, 4)) == 0 else sample.target
    lines = files[target].decode("utf-8").split("\n")
    # mostly one mutation (so that many results are still valid and get rendered)
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        lines = draw(st.sampled_from(MUTATIONS))(draw, lines)
    data = "\n".join(lines).encode("utf-8", "surrogatepass")  # a lone surrogate: bytes that are not UTF-8
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
    files[target] = data
    return Case(files, target)


# ---------------------------------------------------------------- running one case


class Hang(Exception):
    pass


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# English that pydantic or PyYAML would write; the YAML reader's own fallback wraps an
# untranslated parser text as "(pesan pengurai: ...)", which is the reader's to translate.
ENGLISH = (
    "should be",
    "Input should",
    "Field required",
    "Extra inputs",
    "Value error",
    "Keys should",
    "Traceback",
    "object has no attribute",
    "while parsing",
    "while scanning",
    "expected <block end>",
    "could not find expected",
    "found character",
    "mapping values are not allowed",
    "found unexpected end of stream",
)


def clean(problem: Problem) -> list[str]:
    """What is wrong with a problem as an editor reads it (empty: nothing)."""
    wrong = []
    if not (problem.file == "sop_src" or problem.file.startswith("sop_src/")):
        wrong.append(f"file outside sop_src: {problem.file!r}")
    if not problem.message.strip():
        wrong.append("empty message")
    if "pesan pengurai" not in problem.message and any(word in problem.message for word in ENGLISH):
        wrong.append(f"English text: {problem.message[:200]!r}")
    if (
        "None" in problem.path.split(".")
        or problem.path.startswith("[")
        or "][" in problem.path.replace("].", "")
    ):
        wrong.append(f"odd field path: {problem.path!r}")
    return wrong


SETTINGS = PrintSettings(site_url="https://sop.contoh.go.id/")


def render(portal: Portal, changed: str) -> int:
    """Every page part the site would write for the changed SOP, and the pages that list
    SOPs; returns the size of what was written."""
    size = 0
    for record in portal.records:
        if record.src != f"sop_src/{changed}":
            continue
        size += len(render_header(portal, record, "../../"))
        size += len(render_identitas(portal, record, "../../"))
        size += len(render_prosedur(portal, record, "../../"))
        size += len(render_relasi(portal, record, "../../"))
        size += len(render_uraian(record))
        size += len(render_cetak(record, "../../", SETTINGS))
        size += len(tags_front_matter(record))
    size += len(render_katalog(portal, "../"))
    for unit in portal.units:
        size += len(render_unit(portal, unit, "../../"))
    size += len(render_json(portal)) + len(render_csv(portal))
    size += len(render_template("recent.html", records=portal.recent(10), root="", portal=portal))
    size += len(render_template("stats.html", counts=portal.counts()))
    return size


def error_page(problems: list[Problem]) -> int:
    return len(
        render_template(
            "error_page.html", file=problems[0].file, problems=problems, total=len(problems), root="../"
        )
    )


# One project for every case (the loader memoises by folder), removed at exit.
WORK = Path(tempfile.mkdtemp(prefix="portal-sop-fuzz-"))
atexit.register(shutil.rmtree, WORK, True)


def run(case: Case) -> None:
    """Check a case as `make check` does (then again from the parse cache) and render
    it; raise AssertionError for anything but a valid SOP or clean problems in bounds."""
    src = WORK / "sop_src"
    shutil.rmtree(src, ignore_errors=True)
    for rel, data in case.files.items():
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    tracemalloc.start()
    try:
        with alarm(ALARM_SECONDS):
            started = time.perf_counter()
            first = check_sources(WORK)
            seconds = time.perf_counter() - started
            loader._MEMOS.clear()  # the second run reads the parse cache, as a new process would
            second = check_sources(WORK)
            _, peak = tracemalloc.get_traced_memory()
            problems = [*first.errors, *first.warnings]
            assert [str(p) for p in problems] == [str(p) for p in [*second.errors, *second.warnings]], (
                "a second run (from the parse cache) differs"
            )
            assert seconds < CHECK_SECONDS, f"check took {seconds:.1f} s"
            assert peak < PEAK_BYTES, f"check peaked at {peak / 1e6:.0f} MB"
            wrong = [f"{p}: {w}" for p in problems for w in clean(p)]
            assert not wrong, "\n".join(wrong)
            started = time.perf_counter()
            if first.errors:
                error_page(first.errors)
            # as the preview does: the SOPs without errors are rendered, the rest get
            # their error page
            portal = load_portal(WORK, lenient=True)
            valid = any(r.src == f"sop_src/{case.changed}" for r in portal.records)
            event("the mutated SOP is valid" if valid else "the mutated file has errors")
            render(portal, case.changed)
            seconds = time.perf_counter() - started
            assert seconds < RENDER_SECONDS, f"rendering took {seconds:.1f} s"
            _, peak = tracemalloc.get_traced_memory()
            assert peak < PEAK_BYTES, f"rendering peaked at {peak / 1e6:.0f} MB"
    finally:
        tracemalloc.stop()


def _record(case: Case, failure: BaseException) -> None:
    assert LOG is not None
    entry = {
        "error": f"{type(failure).__name__}: {str(failure)[:500]}",
        "where": traceback.format_exception(failure)[-3:-1]
        if not isinstance(failure, AssertionError)
        else [],
        "case": json.loads(case.shown()),
    }
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")


_checks = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=SEED is None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def test_samples_are_found() -> None:
    assert len(SAMPLES) >= 20
    assert any(rel.endswith("_unit.yml") for s in SAMPLES for rel, _ in s.folder)


@_checks
@given(cases())
def _fuzz(case: Case) -> None:
    try:
        run(case)
    except Exception as failure:
        if LOG is None:
            raise AssertionError(f"{failure}\ninput: {case.shown()[:3000]}") from failure
        _record(case, failure)


test_mutated_sources_give_a_valid_sop_or_clean_problems = seed(int(SEED))(_fuzz) if SEED else _fuzz
