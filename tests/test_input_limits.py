"""Hostile sources cost little and end in a clean Indonesian message (issue 16).

One regression test per defect, each with its minimal input, asserting the exact
problem line `make check` prints (file, line, field path, message): YAML anchors,
aliases and tags are refused before anything is built or cached; nesting, items,
values, lengths and file size are bounded; text that cannot be written is refused;
odd keys, bad encodings and parser errors give Indonesian messages with their line;
only a line feed ends a front matter line; no printed line starts with '::'; a build
with an unwritable value fails whole, and the preview gives an unreadable file its own
error page (the live server: tests/test_serve.py).
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from helpers import FIXTURES, make_project

from macros.cli import check_sources, main
from macros.edge.pages import PortalSite
from macros.loader import CACHE, load_sources
from macros.yamlio import YamlError, parse_yaml, split_front_matter

REPOSITORY = Path(__file__).resolve().parent.parent
FOLDER = "sop_src/kab-contoh/kec-contoh"
FILE = f"{FOLDER}/x.md"
UNIT_FILE = f"{FOLDER}/_unit.yml"
UNIT = "instansi: Pemerintah Kabupaten Contoh\nunit: Kantor Kecamatan Contoh\n"
# Lines 2 to 10 of the file; what a test adds starts at line 11.
BASE = """\
nama: Pelayanan Surat Keterangan
status: konsep
tanggal_pembuatan: 2024-01-02
disahkan_oleh:
  jabatan: Camat Contoh
pelaksana: [Staf]
langkah:
  - kegiatan: Membuat surat keterangan
    pelaksana: Staf
"""
NO_ALIAS = "sumber SOP tidak memakai jangkar '&' dan alias '*'; tulis nilainya langsung"


def quote(start: str) -> str:
    return f"(beri tanda kutip pada teks yang diawali '{start}')"


def anchor(name: str) -> str:
    return f"jangkar YAML '&{name}' tidak diizinkan: {NO_ALIAS} {quote('&')}"


def alias(name: str) -> str:
    return f"alias YAML '*{name}' tidak diizinkan: {NO_ALIAS} {quote('*')}"


def tag(name: str) -> str:
    return f"tag YAML '{name}' tidak diizinkan: tulis nilai biasa {quote('!')}"


SURROGATE = (
    "teks memuat surrogate tunggal U+D800 (bukan huruf, biasanya dari escape '\\ud800' dalam "
    "teks berkutip ganda; teks ini tidak dapat ditulis); hapus karakter itu"
)
SURROGATE_KEY = (
    "memuat surrogate tunggal U+D800 (bukan huruf, biasanya dari escape '\\ud800' dalam teks "
    "berkutip ganda; teks ini tidak dapat ditulis); tulis kunci pada satu baris"
)
BODY = "uraian (teks Markdown sesudah front matter)"
COLON = "tanda ':' tidak diharapkan di sini (beri tanda kutip pada teks yang memuat ': ')"
LINE_END = "padahal yang mengakhiri baris hanya baris baru biasa; hapus karakter tak terlihat ini"
# A 300-byte billion laughs under an unknown key: 9**7 'lol' once expanded (it cost
# 15 s, 200 MB and a 39 MB cache file; two levels more, 26 s and 1.9 GB).
BOMB = "aneh:\n  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"  {b}: &{b} [{','.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdef", "bcdefg", strict=True)
)


def sop(extra: str = "", body: str = "") -> str:
    return f"---\n{BASE}{extra}---\n{body}"


def write(project: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in {UNIT_FILE: UNIT, **files}.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return project


def check(project: Path, files: dict[str, str | bytes] | None = None) -> list[str]:
    """The errors `make check` prints for a project (after writing `files`)."""
    return [str(p) for p in check_sources(write(project, files or {})).errors]


def refused(tmp_path: Path, extra: str = "", body: str = "") -> list[str]:
    return check(tmp_path, {FILE: sop(extra, body)})


def at(line: int, message: str, file: str = FILE) -> str:
    return f"{file}: baris {line}: {message}"


def test_the_base_is_valid(tmp_path: Path) -> None:
    assert refused(tmp_path) == []


# ---------------------------------------------------------------- anchors, aliases, tags


def test_an_alias_bomb_is_refused_at_its_first_anchor_fast_and_never_cached(tmp_path: Path) -> None:
    assert len(BOMB) <= 300
    tracemalloc.start()
    started = time.perf_counter()
    first = refused(tmp_path, BOMB)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert first == [at(12, f"aneh.a: {anchor('a')}")]
    assert elapsed < 1 and peak < 10_000_000
    cache = (tmp_path / CACHE).read_text(encoding="utf-8")
    assert "lol" not in cache and len(cache) < 10_000  # only the unit file is cached
    assert refused(tmp_path, BOMB) == first  # the second run (cache read back) says the same


ALIASES_AND_TAGS = [
    pytest.param("aneh: &a [*a]\n", at(11, f"aneh: {anchor('a')}"), id="recursive-alias"),
    pytest.param("kategori: *surat\n", at(11, f"kategori: {alias('surat')}"), id="alias"),
    pytest.param("kategori: [a, !!str b]\n", at(11, f"kategori[2]: {tag('!!str')}"), id="standard-tag"),
    pytest.param("kategori: !!set {a, b}\n", at(11, f"kategori: {tag('!!set')}"), id="set-tag"),
    pytest.param(
        "nomor: !python/object:os.system x\n",
        at(11, f"nomor: {tag('!python/object:os.system')}"),
        id="custom-tag",
    ),
]


def test_an_alias_in_a_unit_file_is_refused_with_the_unit_files_line(tmp_path: Path) -> None:
    unit = UNIT + "alamat: &a Jalan Merdeka\ntelepon: *a\n"
    assert check(tmp_path, {UNIT_FILE: unit, FILE: sop()}) == [at(3, f"alamat: {anchor('a')}", UNIT_FILE)]


# ---------------------------------------------------------------- limits


DEEP = "daftar/pemetaan bersarang terlalu dalam: lebih dari 50 tingkat"


def test_nesting_500_levels_deep_is_refused_at_level_51(tmp_path: Path) -> None:
    assert refused(tmp_path, "aneh: " + "[" * 500 + "]" * 500 + "\n") == [
        at(11, f"aneh[1][1][1][1][1][1][1]...: {DEEP}")
    ]
    assert refused(tmp_path, "aneh:\n" + "".join(f"{'  ' * i}- \n" for i in range(1, 61))) == [
        at(61, f"aneh[1][1][1][1][1][1][1]...: {DEEP}")
    ]


def test_nesting_100000_levels_deep_ends_in_a_message_not_a_crash(tmp_path: Path) -> None:
    """libyaml's composer recursed in C: this input ended the process (SIGSEGV). Run in a
    child process, so a regression fails this test instead of the whole run."""
    write(tmp_path, {FILE: sop("aneh: " + "[" * 100_000 + "]" * 100_000 + "\n")})
    done = subprocess.run(
        [sys.executable, "-m", "macros.cli", "--root", str(tmp_path), "check"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == at(11, f"aneh[1][1][1][1][1][1][1]...: {DEEP}")


LIMITS = [
    pytest.param(
        "kategori: [" + ",".join(["a"] * 1001) + "]\n",
        at(11, "kategori: daftar terlalu panjang: lebih dari 1.000 butir"),
        id="items",
    ),
    pytest.param(
        "aneh:\n" + "".join(f"  k{i}: 1\n" for i in range(1001)),
        at(1012, "aneh: pemetaan terlalu besar: lebih dari 1.000 kunci"),
        id="keys",
    ),
    pytest.param(
        "aneh:\n" + "".join(f"  - [{','.join(['a'] * 900)}]\n" for _ in range(30)),
        at(34, "aneh[23][155]: terlalu banyak nilai: lebih dari 20.000 nilai dalam satu berkas"),
        id="values",
    ),
    pytest.param(
        "kategori: " + "a" * 10_001 + "\n",
        at(11, "kategori: nilai terlalu panjang: 10.001 karakter, paling banyak 10.000"),
        id="value-length",
    ),
    pytest.param(
        "k" * 201 + ": 1\n",
        at(11, "kunci terlalu panjang: 201 karakter, paling banyak 200"),
        id="key-length",
    ),
]


def test_a_body_over_100000_characters_is_refused_with_its_first_line(tmp_path: Path) -> None:
    assert refused(tmp_path, body="x\n" * 50_001) == [
        at(
            12,
            f"{BODY} terlalu panjang: 100.002 karakter, paling banyak 100.000",
        )
    ]
    assert refused(tmp_path, body="x" * 100_000) == []


def test_a_file_over_1000000_bytes_is_refused_unread(tmp_path: Path) -> None:
    text = sop()
    big = text + "x" * (1_000_001 - len(text))
    assert check(tmp_path, {FILE: big}) == [
        f"{FILE}: berkas terlalu besar: 1.000.001 byte, paling banyak 1.000.000 byte per berkas "
        "sumber (pecah menjadi beberapa SOP)"
    ]
    big_unit = UNIT + "#" * (1_000_001 - len(UNIT))
    assert check(tmp_path, {UNIT_FILE: big_unit, FILE: sop()}) == [
        f"{UNIT_FILE}: berkas terlalu besar: 1.000.001 byte, paling banyak 1.000.000 byte per "
        "berkas sumber (pecah menjadi beberapa SOP)"
    ]
    record = f"{FOLDER}/_pemantauan/2024-semester-1.yml"  # a monitoring record: the same limit
    big_record = "jenis: monitoring\n" + "#" * (1_000_001 - len("jenis: monitoring\n"))
    assert check(tmp_path, {record: big_record, FILE: sop()}) == [
        f"{record}: berkas terlalu besar: 1.000.001 byte, paling banyak 1.000.000 byte per "
        "berkas sumber (pecah menjadi beberapa SOP)"
    ]


def test_a_number_of_5000_digits_stays_text(tmp_path: Path) -> None:
    """Python refuses to read an int of more than 4,300 digits (ValueError)."""
    write(tmp_path, {FILE: sop("nomor: " + "7" * 5000 + "\n")})
    (record,) = load_sources(tmp_path).records
    assert record.sop.nomor == "7" * 5000


# Each a worst case of at most 1 MB for one limit (the quoted values are within the
# limits and end at the unknown key).
WORST = {
    "alias-bomb-20-levels": "aneh:\n  a0: &a0 [lol,lol]\n"
    + "".join(f"  a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 20)),
    "values": "aneh:\n" + "".join(f"  - [{','.join(['a'] * 999)}]\n" for _ in range(490)),
    "nesting": "aneh: " + "[" * 480_000 + "\n",
    "long-values-and-an-error-at-the-end": "aneh:\n"
    + "".join(f"  k{i}: {'kata ' * 1990}\n" for i in range(99))
    + "  x: a: b\n",
    "long-quoted-values": "aneh:\n" + "".join(f'  k{i}: "{"kata " * 1990}"\n' for i in range(99)),
}


def _at_most_2_gb() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2**31, 2**31))


@pytest.mark.parametrize("name", list(WORST))
def test_a_hostile_megabyte_costs_make_check_under_5_s_and_300_mb(tmp_path: Path, name: str) -> None:
    """`make check` as CI runs it, a process of its own (start-up included): its wall
    time and peak resident memory (the alias bomb took 26 s and 1.9 GB)."""
    text = sop(WORST[name])
    assert len(text.encode()) <= 1_000_000
    write(tmp_path, {FILE: text})
    with (tmp_path / "out.txt").open("w+", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "macros.cli", "--root", str(tmp_path), "check"],
            cwd=REPOSITORY,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_at_most_2_gb,  # a regression fails here, not the machine
        )
        while not (waited := os.wait4(process.pid, os.WNOHANG))[0]:
            if time.perf_counter() - started > 60:
                process.kill()
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        _, status, usage = waited
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = out.read().splitlines()
    assert process.returncode == 1, lines[:3]
    assert len(lines) == 2 and lines[0].startswith(f"{FILE}: ") and lines[1] == "1 masalah di 1 berkas."
    assert elapsed < 5, elapsed
    assert usage.ru_maxrss * 1024 < 300_000_000, usage.ru_maxrss  # (Linux: kilobytes)


# ---------------------------------------------------------------- text that can be written


def control(code: str, name: str) -> str:
    return f"kategori: teks memuat karakter kendali U+{code} ({name}); hapus karakter itu"


UNWRITABLE = [
    pytest.param('kategori: "Con\\ud800toh"\n', at(11, f"kategori: {SURROGATE}"), id="surrogate"),
    pytest.param('keterkaitan: [a, "Con\\ud800toh"]\n', at(11, f"keterkaitan[2]: {SURROGATE}"), id="in-list"),
    pytest.param('kategori: "Con\\0toh"\n', at(11, control("0000", "NUL")), id="nul"),
    pytest.param('kategori: "Con\\atoh"\n', at(11, control("0007", "BEL")), id="bel"),
    pytest.param('kategori: "Con\\etoh"\n', at(11, control("001B", "ESC")), id="esc"),
    pytest.param(
        "kategori: Con\atoh\n",
        at(11, "baris ini memuat karakter kendali U+0007 (BEL); hapus karakter tak terlihat ini"),
        id="raw-bel",
    ),
    pytest.param(
        '"Con\\ud800toh": 1\n', at(11, f"kunci 'Con\\ud800toh' {SURROGATE_KEY}"), id="surrogate-key"
    ),
]


def test_newline_and_tab_stay_allowed_in_values(tmp_path: Path) -> None:
    write(tmp_path, {FILE: sop('kategori: "baris satu\\nbaris\\tdua"\n')})
    assert load_sources(tmp_path).records[0].sop.kategori == ("baris satu\nbaris\tdua",)


def test_a_control_character_in_the_body_is_refused_with_its_line(tmp_path: Path) -> None:
    assert refused(tmp_path, body="Isi.\nBunyi \a di sini.\n") == [
        at(
            13,
            f"{BODY} memuat karakter kendali U+0007 (BEL); hapus karakter itu",
        )
    ]


# ---------------------------------------------------------------- encodings and line ends


def test_bytes_that_are_not_utf8_name_their_line_and_byte(tmp_path: Path) -> None:
    data = sop().encode().replace(b"Keterangan", b"Ket\xe9rangan")
    assert check(tmp_path, {FILE: data}) == [
        at(
            2,
            "berkas harus berenkode UTF-8, ditemukan byte 0xE9 yang bukan UTF-8 (enkode lain, mis. "
            "Windows-1252); simpan ulang sebagai UTF-8",
        )
    ]
    assert check(tmp_path, {FILE: sop().encode("utf-16")}) == [
        f"{FILE}: berkas harus berenkode UTF-8, ditemukan UTF-16; simpan ulang sebagai UTF-8"
    ]


def test_a_byte_order_mark_is_read_in_sops_and_unit_files(tmp_path: Path) -> None:
    write(tmp_path, {UNIT_FILE: "\ufeff" + UNIT, FILE: "\ufeff" + sop()})
    (record,) = load_sources(tmp_path).records
    assert record.sop.instansi == "Pemerintah Kabupaten Contoh"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r"])
def test_only_a_line_feed_ends_a_front_matter_line(separator: str) -> None:
    text = f"---\nnama: a{separator}---\nnomor: 1\n---\nIsi.\n"
    assert split_front_matter(text) == (f"nama: a{separator}---\nnomor: 1\n", "Isi.\n", 5)
    assert split_front_matter("---\r\nnama: a\r\n---\r\nIsi.\r\n") == ("nama: a\r\n", "Isi.\r\n", 4)


@pytest.mark.parametrize(
    ("separator", "name"),
    [
        ("\u2028", "pemisah baris U+2028 (LINE SEPARATOR)"),
        ("\u2029", "pemisah baris U+2029 (PARAGRAPH SEPARATOR)"),
        ("\x85", "karakter kendali U+0085 (NEL)"),
        ("\r", "karakter kendali U+000D (CR)"),
    ],
)
def test_a_line_separator_before_three_dashes_is_refused_not_an_early_end(
    tmp_path: Path, separator: str, name: str
) -> None:
    assert refused(tmp_path, f"kategori: Surat{separator}---\n") == [
        at(11, f"baris ini memuat {name}, {LINE_END}")
    ]


# ---------------------------------------------------------------- keys


ODD_KEYS = [
    pytest.param("aneh: {[a, b]: c}\n", at(11, "aneh: kunci harus teks, ditemukan daftar"), id="list"),
    pytest.param(
        "aneh: {? {a: 1} : c}\n", at(11, "aneh: kunci harus teks, ditemukan pemetaan"), id="mapping-key"
    ),
    pytest.param(
        "aneh: {1: 4, '1': 3}\n", at(11, "aneh: kunci '1' ditulis dua kali"), id="number-and-text-key"
    ),
    pytest.param(
        '"a\\n::error file=x.md::boom": 1\n',
        at(11, "kunci 'a\\n::error file=x.md::boom' memuat baris baru; tulis kunci pada satu baris"),
        id="key-with-a-newline",
    ),
    pytest.param('"a\\tb": 1\n', at(11, "kunci 'a\\tb' memuat tab; tulis kunci pada satu baris"), id="tab"),
]


@pytest.mark.parametrize("key", ["1", "~", "null", "true", "''"])
def test_a_key_written_as_a_number_or_null_is_an_unknown_key_by_its_text(tmp_path: Path, key: str) -> None:
    (line,) = refused(tmp_path, f"{key}: x\n")
    text = key.strip("'")
    assert line.startswith(
        f"{FILE}: {text}: kunci '{text}' tidak dikenal." if text else f"{FILE}: kunci '' tidak"
    )
    assert "Keys should be strings" not in line


# ---------------------------------------------------------------- parser errors


PARSER_ERRORS = [
    ("kategori: Surat: masuk\n", 11, COLON),
    ("aneh:\n\t- a\n", 12, "karakter tab tidak boleh dipakai untuk indentasi; gunakan spasi"),
    ('kategori: "Surat\nnomor: 1\n', 11, "tanda kutip tidak ditutup"),
    ("kategori: Surat\n  masuk: 1\n", 12, COLON),
    ("aneh:\n  a: 1\n b: 2\n", 13, "indentasi tidak rata"),
    ("kategori: &\n", 11, "tanda '&' harus diikuti nama; beri tanda kutip pada teks yang diawali '&'"),
    (
        "kategori: |x\n",
        11,
        "tanda '|' atau '>' (teks blok) harus diikuti baris baru; beri tanda kutip "
        "pada teks yang diawali '|' atau '>'",
    ),
    (
        'kategori: "a\\qb"\n',
        11,
        "karakter escape '\\' tidak dikenal dalam teks berkutip ganda (gunakan kutip tunggal)",
    ),
    (
        'kategori: "a\\x4"\n',
        11,
        "escape '\\x', '\\u' atau '\\U' dalam teks berkutip ganda harus diikuti "
        "angka heksadesimal (gunakan kutip tunggal)",
    ),
    ("kategori: `a`\n", 11, "karakter '`' tidak boleh mengawali nilai; beri tanda kutip pada teksnya"),
    ("kategori: !\n", 11, f"kategori: {tag('!')}"),
    ("kategori: !<x\n", 11, "tag YAML tidak diizinkan; beri tanda kutip pada teks yang diawali '!'"),
    ("--- x\n", 11, "ada dokumen YAML kedua (baris '---' atau '...' di tengah); tulis satu dokumen saja"),
    (
        "%YAML 1.2\n",
        12,
        "ada baris pengarah YAML ('%...') atau akhir dokumen ('...') sebelum baris ini; "
        f"hapus baris itu {quote('%')}",
    ),
    ("%YAML\n", 11, f"baris pengarah YAML ('%...') tidak dapat dibaca; hapus baris itu {quote('%')}"),
]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        *ALIASES_AND_TAGS,
        *LIMITS,
        *UNWRITABLE,
        *ODD_KEYS,
        *(
            pytest.param(extra, at(line, message), id=f"yaml-{i}")
            for i, (extra, line, message) in enumerate(PARSER_ERRORS)
        ),
    ],
)
def test_a_hostile_front_matter_gets_one_message_with_its_line_and_field(
    tmp_path: Path, extra: str, expected: str
) -> None:
    """Each of these ended in a traceback, passed unnoticed, cost seconds, or got
    PyYAML's English text or pydantic's 'Keys should be strings' at a wrong path."""
    assert refused(tmp_path, extra) == [expected]


def test_every_parser_error_of_mutated_sources_is_indonesian_with_a_line() -> None:
    """A few thousand sample sources with punctuation inserted, dropped or replaced:
    each parses or gets a YamlError with a line and no English text."""
    samples = sorted((Path(__file__).resolve().parent.parent / "sop_src").rglob("*.md"))
    texts = [split_front_matter(p.read_text(encoding="utf-8"))[0] for p in samples[:20]]  # type: ignore[index]
    marks = [*":-[]{}\"'&*!|>%@`#?,\t \n\\", "---", "\u2028", "\x00"]
    rng = random.Random(16)
    english = re.compile(r"\b(?:found|expected|while|scanning|parsing|not allowed|could not)\b")
    for _ in range(1000):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            at_ = rng.randrange(len(text))
            text = text[:at_] + rng.choice(marks) + text[at_ + rng.randint(0, 1) :]
        try:
            parse_yaml(text, line_offset=1)
        except YamlError as exc:
            assert exc.line is not None and 2 <= exc.line <= text.count("\n") + 2, (text, exc)
            assert not english.search(exc.reason), exc.reason


# ---------------------------------------------------------------- output


def test_no_printed_line_starts_with_two_colons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A key or a file name holding a newline and '::error file=...' would be read by
    GitHub as a workflow command; only the annotations the tool writes start so."""
    write(
        tmp_path,
        {
            FILE: sop('"a\\n::error file=README.md::boom": 1\n'),
            f"{FOLDER}/c\n::error file=z\n.md": sop(),
        },
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = io.StringIO()
    assert main(["--root", str(tmp_path), "check"], out=out) == 1
    lines = out.getvalue().splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 2
    assert all(line.startswith(f"::error file={FOLDER}/") for line in annotations)
    assert sorted(lines[:2]) == [
        f"{FOLDER}/c\\n::error file=z\\n.md: nama berkas/folder 'c\\n::error file=z\\n' tidak valid: "
        "diharapkan huruf kecil, angka dan '-' saja (id SOP dipakai di alamat halaman)",
        at(11, "kunci 'a\\n::error file=README.md::boom' memuat baris baru; tulis kunci pada satu baris"),
    ]


# ---------------------------------------------------------------- build and preview


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
GOOD = FIXTURES / "good-minimal/sop_src"
MINIMAL = "sop_src/kab-contoh/kec-contoh/minimal.md"
NAMA = "nama: Pelayanan Surat Keterangan"
WITH_SURROGATE = 'nama: "Pelayanan Surat Keterangan \\ud800"'  # else valid: it passed `make check`


def test_a_lone_surrogate_fails_the_build_whole_and_leaves_the_previous_site(tmp_path: Path) -> None:
    """It passed `make check` and broke `mkdocs build` halfway (158 of 222 files, an
    empty sop.json)."""
    project = make_project(tmp_path, GOOD)

    def publish() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "macros.publish"]
        return subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, timeout=600)

    assert publish().returncode == 0
    before = {p: p.read_bytes() for p in sorted((project / "site").rglob("*")) if p.is_file()}
    source = project / MINIMAL
    source.write_text(
        source.read_text(encoding="utf-8").replace(NAMA, WITH_SURROGATE),
        encoding="utf-8",
    )
    done = publish()
    assert done.returncode != 0
    assert at(2, f"nama: {SURROGATE}", MINIMAL) in done.stderr
    assert "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in sorted((project / "site").rglob("*")) if p.is_file()} == before
    assert not list(project.glob(".site.*"))


def test_the_preview_shows_an_unreadable_file_on_its_own_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, GOOD)
    text = (project / MINIMAL).read_text(encoding="utf-8")
    (project / FOLDER / "surrogate.md").write_text(text.replace(NAMA, WITH_SURROGATE), encoding="utf-8")
    (project / FOLDER / "latin.md").write_bytes(text.replace("Keterangan", "Ket\xe9rangan").encode("latin-1"))
    (project / FOLDER / "besar.md").write_text(text + "x" * 1_000_000, encoding="utf-8")
    site = PortalSite(project)
    site.load(lenient=True)
    assert sorted(site.broken) == [
        f"sop/kab-contoh/kec-contoh/{n}/index.md" for n in ("besar", "latin", "surrogate")
    ]
    assert "sop/kab-contoh/kec-contoh/minimal/index.md" in site.pages


def test_a_project_with_only_hostile_sources_keeps_the_cache_small(tmp_path: Path) -> None:
    """The parse cache holds what was accepted, as JSON no larger than its source."""
    write(tmp_path, {FILE: sop(BOMB), f"{FOLDER}/y.md": sop()})
    check(tmp_path)
    stored = json.loads((tmp_path / CACHE).read_text(encoding="utf-8"))["isi"]
    assert len(stored) == 2  # the unit file and y.md
    assert all("aneh" not in json.dumps(entry) for entry in stored.values())
