"""Issue 16, the model's part: every rejection is a clean Indonesian message at the right
field path, exact rules (distinct branch labels, ASCII digits), and work that stays
linear in the size of every field (Waktu, suggestions, the flowchart of a long SOP).

Each defect has its minimal input and the exact line an editor reads. Sources are
checked the way `make check` does (`check_sources` on a tiny project in tmp_path);
timing-sensitive tests count work or use bounds far above the fixed code's time.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any, get_args

import pytest
from helpers import write_files
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import InitErrorDetails, ValidationError
from pydantic_core.core_schema import ErrorType

from macros import flowchart
from macros.cli import check_sources
from macros.dates import parse_tanggal
from macros.durations import parse_waktu
from macros.errors import Hints
from macros.flow import check_flow
from macros.index import load_portal
from macros.model import MAX_ROLES, MAX_STEPS, MAX_TARGETS, Langkah
from macros.render.sop import render_prosedur
from macros.validation import translate, validate_sop

FILE = "sop_src/unit/lkj.md"
UNIT = "instansi: Pemerintah Kabupaten Malang\nunit: Kantor Kecamatan Kalipare\n"
HEAD = "nama: Penyusunan LKj\nnomor: '070/1'\ntanggal_pembuatan: 2024-01-02\ntanggal_efektif: 2024-01-15\n"
SIGNER = "disahkan_oleh:\n  jabatan: Camat\n  nama: Budi\n"
ROLES = "pelaksana: [Camat, Staf]\n"
STEPS = (
    "langkah:\n  - {kegiatan: Memerintahkan, pelaksana: Camat}\n  - {kegiatan: Menyusun, pelaksana: Staf}\n"
)
DATE = "tanggal seperti 2019-08-01 atau 1 Agustus 2019 (atau bulan saja: Januari 2023)"
STEP_KEYS = "kegiatan, pelaksana, kelengkapan, waktu, output, keterangan, sop, keputusan, ke, mulai, selesai"


def front(
    *, head: str = HEAD, signer: str = SIGNER, roles: str = ROLES, steps: str = STEPS, extra: str = ""
) -> str:
    return f"---\n{head}{signer}{roles}{steps}{extra}---\n"


def check(tmp_path: Path, text: str) -> list[str]:
    """The problem lines `make check` prints for one SOP file (errors, then warnings)."""
    write_files(tmp_path, {"sop_src/unit/_unit.yml": UNIT, FILE: text})
    result = check_sources(tmp_path)
    return [str(p) for p in [*result.errors, *result.warnings]]


def at(path: str, message: str) -> str:
    return f"{FILE}: {path}: {message}"


def decision(branches: str) -> str:
    """Three steps, the first a decision with the given branches (flow YAML)."""
    return (
        "langkah:\n"
        f"  - {{kegiatan: Memeriksa, pelaksana: Camat, keputusan: {branches}}}\n"
        "  - {kegiatan: Menyusun, pelaksana: Staf}\n"
        "  - {kegiatan: Mengirim, pelaksana: Staf}\n"
    )


def test_the_base_is_valid(tmp_path: Path) -> None:
    assert check(tmp_path, front()) == []


# ---------------------------------------------------------------- keys that are not text
# The reader (`yamlio`) makes every key text as written; the model still names a key
# that is not text (data from elsewhere, or an older reader) at its own path. These
# tests give the model such data directly.


def _valid() -> dict[str, Any]:
    return {
        "nama": "x",
        "nomor": "1",
        "instansi": "i",
        "unit": "u",
        "tanggal_pembuatan": "2024-01-01",
        "tanggal_efektif": "2024-01-02",
        "disahkan_oleh": {"jabatan": "c", "nama": "n", "pangkat": "p", "nip": "196311161990102002"},
        "keterkaitan": [{"sop": "a/b", "jenis": "terkait"}],
        "pelaksana": ["A", "B"],
        "langkah": [
            {"kegiatan": "a", "pelaksana": "A", "keputusan": {"Ya": 2, "Tidak": 1}},
            {"kegiatan": "b", "pelaksana": "B", "ke": [1], "waktu": "1 jam"},
            {"kegiatan": "c", "pelaksana": "B"},
        ],
    }


def _with(path: tuple[Any, ...], key: Any, value: Any) -> dict[str, Any]:
    data = _valid()
    node: Any = data
    for part in path:
        node = node[part]
    node[key] = value
    return data


@pytest.mark.parametrize(
    ("path", "key", "line"),
    [
        # `null:` at the top: was "None: Keys should be strings"
        (
            (),
            None,
            "null: kunci 'null' tidak dikenal: diharapkan nama kunci berupa teks (nama, nomor, instansi, "
            "unit, alamat, telepon, email, website, logo, tanggal_pembuatan, tanggal_revisi, "
            "tanggal_efektif, disahkan_oleh, dasar_hukum, kualifikasi_pelaksana, keterkaitan, "
            "peralatan_perlengkapan, peringatan, pencatatan_pendataan, status, diganti_oleh, kategori, "
            "tinjau_setiap, pelaksana, langkah), ditemukan kosong",
        ),
        # `1: 4` in a step: was "langkah[1][2]: Keys should be strings" (the key read as a position)
        (
            ("langkah", 1),
            1,
            f"langkah[2].1: kunci '1' tidak dikenal: diharapkan nama kunci berupa teks ({STEP_KEYS}), "
            "ditemukan angka '1'",
        ),
        (
            ("disahkan_oleh",),
            True,
            "disahkan_oleh.true: kunci 'true' tidak dikenal: diharapkan nama kunci berupa teks "
            "(jabatan, nama, pangkat, nip), ditemukan nilai benar/salah 'true'",
        ),
        (
            ("keterkaitan", 0),
            2.5,
            "keterkaitan[1].2.5: kunci '2.5' tidak dikenal: diharapkan nama kunci berupa teks (sop, jenis), "
            "ditemukan angka '2.5'",
        ),
    ],
)
def test_a_key_that_is_not_text_is_named_at_its_own_path(path: tuple[Any, ...], key: Any, line: str) -> None:
    sop, errors, _ = validate_sop(_with(path, key, 4))
    assert sop is None
    assert [f"{where}: {message}" for where, message in errors] == [line]


@pytest.mark.parametrize(
    ("branches", "message"),
    [
        (
            {None: 2, "Tidak": 3},
            "label cabang kosong: diharapkan teks label (mis. {Ya: 7, Tidak: 5}), ditemukan kosong",
        ),
        (
            {" ": 2, "Tidak": 3},
            "label cabang kosong: diharapkan teks label (mis. {Ya: 7, Tidak: 5}), ditemukan teks kosong",
        ),
        # YAML's `1:` and `'1':`: one label as text (was merged into one branch in silence)
        (
            {1: 2, "1": 3},
            "label cabang harus berbeda, ditemukan angka '1' dan teks '1' yang sama-sama dibaca '1'",
        ),
        (
            {True: 2, "true": 3},
            "label cabang harus berbeda, ditemukan nilai benar/salah 'true' dan teks 'true' yang sama-sama "
            "dibaca 'true'",
        ),
    ],
)
def test_a_branch_label_is_text_and_one_of_its_kind(branches: dict[Any, int], message: str) -> None:
    data = _valid()
    data["langkah"][0]["keputusan"] = branches
    sop, errors, _ = validate_sop(data)
    assert sop is None
    assert errors == [("langkah[1].keputusan", message)]


# ---------------------------------------------------------------- pydantic's own texts


def _error_of(kind: str) -> ValidationError:
    """A ValidationError of one of pydantic's own error types, with whatever context
    that type's message needs ("'name' required in context", "... must be a String")."""
    context: dict[str, Any] = {}
    for _ in range(20):
        error = InitErrorDetails(type=kind, loc=("langkah", 0, "waktu"), input={"a": 1})  # type: ignore[typeddict-item]
        if context:
            error["ctx"] = context
        try:
            exc = ValidationError.from_exception_data("Sop", [error])
            exc.errors()
            return exc
        except TypeError as problem:
            name = str(problem).split("'")[1]
            context[name] = "x" if "must be a String" in str(problem) or name not in context else 1
    raise AssertionError(f"no context found for {kind}")


ENGLISH = ("should", "Input", "Field required", "Extra inputs", "Value error", "Assertion", "Keys ")


@pytest.mark.parametrize("kind", sorted(get_args(ErrorType)))
def test_every_pydantic_error_type_gets_an_indonesian_message(kind: str) -> None:
    exc = _error_of(kind)
    english = str(exc.errors()[0]["msg"])
    ((path, message),) = translate(exc)
    assert path == ("langkah[1].{'a': 1}" if kind == "invalid_key" else "langkah[1].waktu")  # a key: itself
    assert english not in message
    assert not any(word in message for word in ENGLISH), message
    assert any(word in message for word in ("diharapkan", "tidak dikenal", "merujuk dirinya")), message


def test_an_unexpected_pydantic_error_names_what_the_field_holds() -> None:
    ((_, message),) = translate(_error_of("date_from_datetime_inexact"))
    assert (
        message
        == "nilai tidak dapat dibaca: diharapkan nilai sesuai format SOP, ditemukan pemetaan (kunci: a)"
    )


HOSTILE: list[Any] = [
    None,
    0,
    -1,
    1.5,
    True,
    "",
    " ",
    "{found}",
    [],
    [None],
    [[1]],
    {},
    {"a": 1},
    {1: 2},
    {None: None},
    {2.5: [1]},
]


def _recursive() -> list[Any]:
    loop: list[Any] = []
    loop.append(loop)
    return loop


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the data a value can be replaced: each key's value and each item."""
    out = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _places(value, (*path, index))
    return out


def _replaced(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = _valid()
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize("path", _places(_valid()), ids=lambda p: ".".join(map(str, p)))
def test_any_value_anywhere_gives_indonesian_messages(path: tuple[Any, ...]) -> None:
    for value in [*HOSTILE, _recursive()]:
        sop, errors, warnings = validate_sop(_replaced(path, value))
        for where, message in [*errors, *warnings]:
            assert not any(word in message for word in ENGLISH), (path, value, where, message)
            assert "None" not in where, (path, value, where)
        assert (sop is None) == bool(errors)


def test_an_editor_text_in_braces_is_shown_as_written(tmp_path: Path) -> None:
    # Pydantic replaced `{name}` again inside values already put into a message.
    assert check(tmp_path, front(steps=decision("{'{b}': 2, ' {b}': 3}"))) == [
        at(
            "langkah[1].keputusan",
            "label cabang harus berbeda, ditemukan teks '{b}' dan teks ' {b}' yang sama-sama dibaca '{b}'",
        )
    ]


# ---------------------------------------------------------------- branch labels


@pytest.mark.parametrize(
    ("branches", "message"),
    [
        ("{'Ya': 2, ' Ya': 3}", "ditemukan teks 'Ya' dan teks ' Ya' yang sama-sama dibaca 'Ya'"),
        ("{Ya: 2, Tidak: 3, 'Ya ': 1}", "ditemukan teks 'Ya' dan teks 'Ya ' yang sama-sama dibaca 'Ya'"),
    ],
)
def test_branch_labels_must_differ_after_trimming_and_as_text(
    tmp_path: Path, branches: str, message: str
) -> None:
    assert check(tmp_path, front(steps=decision(branches))) == [
        at("langkah[1].keputusan", f"label cabang harus berbeda, {message}")
    ]


@pytest.mark.parametrize("branches", ["{1: 4, '1': 3}", "{true: 2, 'true': 3}"])
def test_labels_written_as_a_number_and_as_text_are_one_label(tmp_path: Path, branches: str) -> None:
    # The reader may refuse them as one key written twice (keys are text as written)
    # or hand them to the model, which refuses them as one label: either way one error
    # at the decision, never one branch merged in silence.
    (line,) = check(tmp_path, front(steps=decision(branches)))
    assert "langkah[1].keputusan: " in line
    assert "ditulis dua kali" in line or "label cabang harus berbeda" in line


def test_labels_that_differ_in_case_are_two_branches(tmp_path: Path) -> None:
    assert check(tmp_path, front(steps=decision("{Ya: 2, ya: 3}"))) == []


# ---------------------------------------------------------------- ASCII digits


NIP = "NIP tidak valid: diharapkan 18 angka (spasi boleh, mis. 19631116 199010 2 002), ditemukan"


@pytest.mark.parametrize(
    ("nip", "found"),
    [
        ("19631116199010200²", "'19631116199010200²' (17 angka, dengan angka selain 0-9: '²')"),
        (
            "１９６３１１１６１９９０１０２００２",
            "'１９６３１１１６１９９０１０２００２' (0 angka, dengan angka selain 0-9: '１')",
        ),
        ("١٩٦٣١١١٦ ١٩٩٠١٠ ٢ ٠٠٢", "'١٩٦٣١١١٦ ١٩٩٠١٠ ٢ ٠٠٢' (0 angka, dengan angka selain 0-9: '١')"),
    ],
)
def test_a_nip_takes_ascii_digits_only(tmp_path: Path, nip: str, found: str) -> None:
    signer = f"disahkan_oleh:\n  jabatan: Camat\n  nama: Budi\n  nip: '{nip}'\n"
    assert check(tmp_path, front(signer=signer)) == [at("disahkan_oleh.nip", f"{NIP} {found}")]


@pytest.mark.parametrize(
    ("written", "digit"),
    [("２０２４-01-02", "２"), ("2024-0١-02", "١"), ("1 Agustus 2019²", "²"), ("²1 Agustus 2019", "²")],
)
def test_a_date_takes_ascii_digits_only(tmp_path: Path, written: str, digit: str) -> None:
    head = HEAD.replace("tanggal_pembuatan: 2024-01-02", f"tanggal_pembuatan: '{written}'")
    assert check(tmp_path, front(head=head)) == [
        at(
            "tanggal_pembuatan",
            f"tanggal tidak dapat dibaca (angka ditulis dengan 0-9 saja, ditemukan '{digit}'): "
            f"diharapkan {DATE}, ditemukan '{written}'",
        )
    ]
    with pytest.raises(ValueError):
        parse_tanggal(written)


def test_waktu_reads_ascii_digits_only() -> None:
    assert parse_waktu("10 menit").readable
    assert not parse_waktu("１０ menit").readable
    assert not parse_waktu("١٠ menit").readable


# ---------------------------------------------------------------- Waktu


def test_a_waktu_of_ten_thousand_digits_is_refused_at_once(tmp_path: Path) -> None:
    # It made the build take 30 s (reading it was quadratic in its digits).
    steps = (
        f"langkah:\n  - {{kegiatan: a, pelaksana: Camat, waktu: '{'1' * 10_000}'}}\n"
        + STEPS.split("\n", 2)[2]
    )
    started = time.perf_counter()
    lines = check(tmp_path, front(steps=steps))
    assert time.perf_counter() - started < 1.0
    assert lines == [
        at(
            "langkah[1].waktu",
            "bilangan waktu terlalu panjang: diharapkan paling banyak 6 digit per bilangan (mis. 10 menit, "
            "1-3 Hari), ditemukan bilangan 10000 digit '11111111111111111...'",
        )
    ]


@pytest.mark.parametrize(
    "text",
    ["1" * 100_000, "1" * 100_000 + " menit", "1 " * 50_000, "1," * 50_000, "1-" * 50_000, "menit " * 50_000],
)
def test_reading_any_waktu_is_linear(text: str) -> None:
    started = time.perf_counter()
    assert not parse_waktu(text).readable
    assert time.perf_counter() - started < 1.0  # a run of 100,000 digits took hours


def test_six_digits_are_still_read() -> None:
    waktu = parse_waktu("999999 menit")
    assert waktu.readable and waktu.low is not None and waktu.low.text() == "16666 jam 39 menit"


# ---------------------------------------------------------------- suggestions


def test_a_thousand_misspelt_roles_give_bounded_output_and_work() -> None:
    # 1,000 misspelt roles gave 16.7 s and 19 MB, every role listed in every message.
    rng = random.Random(7)
    roles = tuple(f"Kepala {''.join(rng.choice('abcdefghij') for _ in range(10))}" for _ in range(1000))
    steps: list[Langkah | None] = [
        Langkah.model_validate({"kegiatan": "a", "pelaksana": role[:-1] + "x"}) for role in roles
    ]
    started = time.perf_counter()
    errors, _ = check_flow(roles, steps)
    assert time.perf_counter() - started < 2.0
    assert len(errors) == 1000
    size = sum(len(path) + len(message) for path, message in errors)
    assert size < 250_000
    assert sum("Maksud Anda" in message for _, message in errors) <= 10
    assert errors[0][1].endswith(f"dan 992 lainnya). Maksud Anda '{roles[0]}'?")


def test_the_role_list_in_a_message_is_cut_short(tmp_path: Path) -> None:
    names = [f"Jabatan {n}" for n in range(10)]
    roles = f"pelaksana: [{', '.join(names)}]\n"
    steps = "langkah:\n" + "".join(f"  - {{kegiatan: a, pelaksana: {n}}}\n" for n in names)
    steps += "  - {kegiatan: b, pelaksana: Bendahara}\n"
    lines = check(tmp_path, front(roles=roles, steps=steps))
    assert lines == [
        at(
            "langkah[11].pelaksana",
            "'Bendahara' tidak ada di daftar pelaksana (Jabatan 0, Jabatan 1, Jabatan 2, Jabatan 3, "
            "Jabatan 4, Jabatan 5, Jabatan 6, Jabatan 7, dan 2 lainnya).",
        )
    ]


def test_hints_look_each_word_up_once_and_stop_at_their_limit() -> None:
    calls: list[str] = []

    def hint(word: str, choices: Any) -> str:
        calls.append(word)
        return f" {word}?"

    hints = Hints(limit=2)
    assert [hints(w, ("a",), hint) for w in ["x", "x", "y", "z", "x"]] == [" x?", " x?", " y?", "", " x?"]
    assert calls == ["x", "y"]


def test_very_long_words_are_not_compared() -> None:
    hints = Hints()
    assert hints("kegiatan" * 1000, ("kegiatan",)) == ""
    assert hints("kegiatn", ("kegiatan",)) == " Maksud Anda 'kegiatan'?"


# ---------------------------------------------------------------- list limits


def _steps(count: int, **extra: str) -> str:
    out = "langkah:\n"
    for number in range(1, count + 1):
        more = "".join(f", {k}: {v}" for k, v in extra.items()) if number == 1 else ""
        out += f"  - {{kegiatan: langkah {number}, pelaksana: {'Camat' if number == 1 else 'Staf'}{more}}}\n"
    return out


def test_too_many_steps(tmp_path: Path) -> None:
    assert check(tmp_path, front(steps=_steps(MAX_STEPS + 1))) == [
        at(
            "langkah",
            "terlalu banyak langkah: diharapkan paling banyak 150 langkah (pecah prosedur yang panjang "
            "menjadi beberapa SOP, dirujuk dengan 'sop:' pada langkahnya), ditemukan 151",
        )
    ]
    assert check(tmp_path, front(steps=_steps(MAX_STEPS))) == []


def test_too_many_roles(tmp_path: Path) -> None:
    roles = f"pelaksana: [{', '.join(f'P{n}' for n in range(MAX_ROLES + 1))}]\n"
    assert check(tmp_path, front(roles=roles)) == [
        at(
            "pelaksana",
            "terlalu banyak pelaksana: diharapkan paling banyak 20 pelaksana (satu kolom tiap pelaksana), "
            "ditemukan 21",
        )
    ]


def test_too_many_targets_and_branches(tmp_path: Path) -> None:
    targets = f"[{', '.join(['2'] * (MAX_TARGETS + 1))}]"
    assert check(tmp_path, front(steps=_steps(3, ke=targets))) == [
        at(
            "langkah[1].ke",
            "terlalu banyak nomor langkah: diharapkan paling banyak 5 nomor langkah, ditemukan 6",
        )
    ]
    branches = "{" + ", ".join(f"c{n}: 2" for n in range(MAX_TARGETS + 1)) + "}"
    assert check(tmp_path, front(steps=_steps(3, keputusan=branches))) == [
        at("langkah[1].keputusan", "terlalu banyak cabang: diharapkan paling banyak 5 cabang, ditemukan 6")
    ]


# ---------------------------------------------------------------- the flowchart of a long SOP


def _long_flow(count: int, seed: int, jumps: float = 0.3) -> tuple[tuple[str, ...], list[Langkah]]:
    rng = random.Random(seed)
    roles = ("Camat", "Sekcam", "Kasi", "Staf")
    steps = []
    for number in range(1, count + 1):
        spec: dict[str, Any] = {"kegiatan": f"langkah {number}", "pelaksana": rng.choice(roles)}
        if number < count and rng.random() < jumps:
            spec["ke"] = [rng.randint(1, count), rng.randint(1, count)]
        steps.append(Langkah.model_validate(spec))
    return roles, steps


def test_the_router_of_a_long_sop_stops_at_its_budget() -> None:
    # 2,000 steps with many `ke` jumps: checking every route against every line drawn
    # grew with the square of the steps (10 s at 800 steps).
    roles, steps = _long_flow(2000, seed=1)
    started = time.perf_counter()
    plan = flowchart.layout(roles, steps)
    assert time.perf_counter() - started < 15.0
    assert plan.unchecked > 0
    assert plan.work < 2 * flowchart.WORK_BUDGET
    assert len(plan.panah) == sum(len(flowchart.flow.edges(steps, n)) for n in range(1, 2001))


def test_an_sop_of_ordinary_size_is_routed_within_a_small_part_of_the_budget() -> None:
    roles, steps = _long_flow(40, seed=2)
    plan = flowchart.layout(roles, steps)
    assert plan.unchecked == 0
    assert plan.work < flowchart.WORK_BUDGET // 10


def test_a_small_budget_gives_plain_routes_not_a_failure() -> None:
    roles, steps = _long_flow(60, seed=3)
    plan = flowchart.layout(roles, steps, budget=1000)
    assert plan.unchecked > 0
    assert {(a.source, a.target) for a in plan.panah} >= {
        (e.source, e.target) for e in flowchart.flow.all_edges(steps)
    }


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(2, 80), st.integers(0, 10_000), st.sampled_from([10**9, 3000]))
def test_crossings_by_row_are_the_lines_crossing_each_boundary(count: int, seed: int, budget: int) -> None:
    roles, steps = _long_flow(count, seed, jumps=0.5)
    plan = flowchart.layout(roles, steps, budget=budget)
    for row in range(0, count + 1):
        boundary = row * flowchart.CELL + flowchart.HALF
        seen: dict[tuple[int, int], flowchart.Crossing] = {}
        for index, arrow in enumerate(plan.panah):
            for a, b in arrow.segments:
                if a.gx == b.gx and min(a.gy, b.gy) < boundary < max(a.gy, b.gy):
                    seen.setdefault((a.col, a.dx), flowchart.Crossing(a.col, a.dx, index))
        assert flowchart.crossings(plan, row) == sorted(seen.values(), key=lambda c: (c.kolom, c.dx))


def test_the_longest_sop_allowed_renders_in_bounded_time(tmp_path: Path) -> None:
    # MAX_STEPS steps, every step jumping to MAX_TARGETS far steps: the most lines a
    # source can ask for; routing, drawing and the page break connectors stay bounded.
    rng = random.Random(5)
    names = ["Camat", "Sekcam", "Kasi", "Staf"]
    steps = "langkah:\n"
    for number in range(1, MAX_STEPS + 1):
        targets = ", ".join(str(rng.randint(1, MAX_STEPS)) for _ in range(MAX_TARGETS))
        jump = f", ke: [{targets}]" if number < MAX_STEPS else ""
        steps += f"  - {{kegiatan: langkah {number}, pelaksana: {rng.choice(names)}, waktu: 5 menit{jump}}}\n"
    write_files(
        tmp_path,
        {
            "sop_src/unit/_unit.yml": UNIT,
            FILE: front(roles=f"pelaksana: [{', '.join(names)}]\n", steps=steps),
        },
    )
    portal = load_portal(tmp_path)
    started = time.perf_counter()
    html = render_prosedur(portal, portal.records[0], "../../")
    assert time.perf_counter() - started < 30.0  # about 2 s; the unbounded router took minutes
    assert len(html) < 10_000_000


def test_suggested_references_never_compare_long_texts(tmp_path: Path) -> None:
    # "does this text name another SOP?" compared every text with every name by
    # difflib: two texts of 9,000 characters cost about 90 s.
    rng = random.Random(1)
    one, two = ("".join(rng.choice("ab ") for _ in range(9000)).strip() for _ in range(2))

    def sop(name: str, text: str) -> str:
        return (
            f"---\nnama: '{name}'\nstatus: konsep\ntanggal_pembuatan: 2024-01-01\n"
            f"disahkan_oleh: {{jabatan: Camat}}\npelaksana: [Staf]\nketerkaitan: ['{text}']\n"
            f"langkah: [{{kegiatan: a, pelaksana: Staf, keterangan: '{text}'}}]\n---\n"
        )

    write_files(
        tmp_path,
        {
            "sop_src/unit/_unit.yml": UNIT,
            "sop_src/unit/x.md": sop(one, two),
            "sop_src/unit/y.md": sop(two, one),
        },
    )
    started = time.perf_counter()
    result = check_sources(tmp_path)
    assert time.perf_counter() - started < 5.0
    assert (result.errors, result.suggestions) == ([], ())
