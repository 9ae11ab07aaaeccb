"""How the PDF reader follows a drawn flowchart: symbols, arrows and branch labels
drawn the many ways real SOP documents draw them (tests/impor_samples.py makes the
documents; each test is one way of drawing that the reader once misread)."""

from __future__ import annotations

import itertools
from pathlib import Path

from impor_samples import ROLE_X, ROW, procedure_pdf, row_y
from pdfmaker import PageDrawing

from macros.impor.draft import Draft
from macros.impor.pdf import read_pdf

PETUGAS, KASI, CAMAT = ROLE_X
TINY = (3.6, 3.6)  # an arrowhead as small as a list bullet


def read(tmp_path: Path, steps: list[str], draw: object) -> Draft:
    path = tmp_path / "sop.pdf"
    path.write_bytes(procedure_pdf(steps, draw))  # type: ignore[arg-type]
    return read_pdf(path)


def flow(draft: Draft) -> list[tuple[str, dict[str, int | None], list[int]]]:
    """Each step's kind, branches and `ke`, in order."""
    return [(s.kind, s.branches, s.ke) for s in draft.langkah]


def test_tiny_arrowheads_are_arrowheads_not_list_bullets(tmp_path: Path) -> None:
    """Arrowheads 3.6 pt wide (as some generators draw them) give the arrows their
    direction; they were once taken for the round bullets of a Mutu Baku list."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.box(PETUGAS - 20, row_y(2) - 8, PETUGAS + 20, row_y(2) + 8)
        page.diamond(KASI, row_y(3))
        page.capsule(KASI, row_y(4))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 8)], head=TINY)
        page.arrow([(PETUGAS, row_y(2) + 8), (PETUGAS, row_y(3)), (KASI - 20, row_y(3))], head=TINY)
        page.arrow([(KASI, row_y(3) + 10), (KASI, row_y(4) - 7)], head=TINY)
        page.text(KASI + 3, row_y(3) + 12, "Ya", 7)
        # "Tidak": from the right corner up and back into step 2's box
        page.arrow(
            [(KASI + 20, row_y(3)), (KASI + 30, row_y(3)), (KASI + 30, row_y(2)), (PETUGAS + 20, row_y(2))],
            head=TINY,
        )
        page.text(KASI + 21, row_y(3) - 9, "Tidak", 7)

    draft = read(tmp_path, ["Mulai", "Menerima berkas", "Memeriksa berkas", "Selesai"], draw)
    assert flow(draft) == [
        ("mulai", {}, []),
        ("proses", {}, []),
        ("keputusan", {"Ya": 4, "Tidak": 2}, []),
        ("selesai", {}, []),
    ]
    assert "keputusan" not in draft.langkah[2].doubts


def test_arrows_that_stop_short_of_their_symbols_still_join_them(tmp_path: Path) -> None:
    """A line starting a few points off the diamond's corner and an arrowhead ending a
    few points before the box (as hand-drawn Word flowcharts do) still link the two."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.box(PETUGAS - 20, row_y(2) - 8, PETUGAS + 20, row_y(2) + 8)
        page.diamond(KASI, row_y(3))
        page.capsule(KASI, row_y(4))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 14)])  # 6 pt short
        page.arrow([(PETUGAS, row_y(2) + 8), (PETUGAS, row_y(3)), (KASI - 26, row_y(3))])
        page.arrow([(KASI, row_y(3) + 16), (KASI, row_y(4) - 13)])  # starts and ends short
        page.text(KASI + 3, row_y(3) + 14, "Ya", 7)
        # "Tidak" leaves 6 pt above the diamond and stops 5 pt right of step 2's box.
        page.arrow([(KASI, row_y(3) - 16), (KASI, row_y(2)), (PETUGAS + 25, row_y(2))])
        page.text(KASI + 3, row_y(3) - 24, "Tidak", 7)

    draft = read(tmp_path, ["Mulai", "Menerima berkas", "Memeriksa berkas", "Selesai"], draw)
    assert flow(draft) == [
        ("mulai", {}, []),
        ("proses", {}, []),
        ("keputusan", {"Ya": 4, "Tidak": 2}, []),
        ("selesai", {}, []),
    ]
    assert all("ke" not in s.doubts and "keputusan" not in s.doubts for s in draft.langkah)


def test_a_label_in_a_frame_on_its_arrow_is_a_label_not_a_symbol(tmp_path: Path) -> None:
    """Branch labels set in text boxes: a thin frame as wide as a symbol ("Tidak", on
    the line, in another role's column) and an invisible white box as small as an
    arrowhead ("Ya"). Neither is a step's symbol or an arrowhead; both still label."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.box(PETUGAS - 20, row_y(2) - 8, PETUGAS + 20, row_y(2) + 8)
        page.diamond(PETUGAS, row_y(3))
        page.capsule(PETUGAS, row_y(4))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 8)])
        page.arrow([(PETUGAS, row_y(2) + 8), (PETUGAS, row_y(3) - 10)])
        page.arrow([(PETUGAS, row_y(3) + 10), (PETUGAS, row_y(4) - 7)])
        page.white_box(PETUGAS + 2, row_y(3) + 8, PETUGAS + 12, row_y(3) + 14)  # above the word's middle
        page.text(PETUGAS + 3, row_y(3) + 12, "Ya", 7)
        # "Tidak" runs through KASI's column, its label framed on the line.
        page.arrow([(PETUGAS + 20, row_y(3)), (CAMAT, row_y(3)), (CAMAT, row_y(2)), (PETUGAS + 20, row_y(2))])
        page.box(KASI - 10, row_y(3) - 4.5, KASI + 10, row_y(3) + 4.5)
        page.white_box(KASI - 9.5, row_y(3) - 4, KASI + 9.5, row_y(3) + 4)
        page.text(KASI - 8, row_y(3) - 3, "Tidak", 7)

    draft = read(tmp_path, ["Mulai", "Menerima berkas", "Memeriksa berkas", "Selesai"], draw)
    assert [s.pelaksana for s in draft.langkah] == [["Petugas"]] * 4
    assert flow(draft) == [
        ("mulai", {}, []),
        ("proses", {}, []),
        ("keputusan", {"Ya": 4, "Tidak": 2}, []),
        ("selesai", {}, []),
    ]


def test_a_capsule_beside_a_symbol_that_goes_on_ends_only_its_branch(tmp_path: Path) -> None:
    """Mid-table capsules: an end beside a box the flow goes on through (a parallel
    branch ends) is a plain step; a box handing over to a capsule in its row ends the
    flow there, even when the arrowhead stops short; a capsule with only an arrow
    leaving it is a second start."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 8)])
        page.box(PETUGAS - 20, row_y(2) - 8, PETUGAS + 20, row_y(2) + 8)
        page.arrow([(PETUGAS, row_y(2) + 8), (PETUGAS, row_y(3) - 8)])
        page.arrow([(PETUGAS + 20, row_y(2)), (KASI, row_y(2)), (KASI, row_y(3) - 7)])
        page.box(PETUGAS - 20, row_y(3) - 8, PETUGAS + 20, row_y(3) + 8)
        page.capsule(KASI, row_y(3))  # Kasi's branch ends here
        page.arrow([(PETUGAS, row_y(3) + 8), (PETUGAS, row_y(4) - 8)])
        page.box(PETUGAS - 20, row_y(4) - 8, PETUGAS + 20, row_y(4) + 8)
        page.capsule(KASI, row_y(4))
        page.arrow([(PETUGAS + 20, row_y(4)), (KASI - 26, row_y(4))])  # 6 pt short
        page.capsule(CAMAT, row_y(5))
        page.arrow([(CAMAT, row_y(5) + 7), (CAMAT, row_y(6) - 8)])
        page.box(CAMAT - 20, row_y(6) - 8, CAMAT + 20, row_y(6) + 8)
        page.capsule(KASI, row_y(6))
        page.arrow([(CAMAT - 20, row_y(6)), (KASI + 20, row_y(6))])

    steps = ["Mulai", "Menerima", "Memeriksa", "Menyerahkan", "Permohonan ulang", "Mengarsipkan"]
    draft = read(tmp_path, steps, draw)
    assert [s.kind for s in draft.langkah] == ["mulai", "proses", "proses", "selesai", "mulai", "selesai"]
    assert [s.pelaksana for s in draft.langkah][2:4] == [["Petugas", "Kasi"], ["Petugas", "Kasi"]]
    assert "ke" in draft.langkah[2].doubts  # read as a plain step: worth a look


def test_a_capsule_without_arrows_reads_its_kind_from_the_text(tmp_path: Path) -> None:
    """A capsule whose arrows cannot be followed (drawn as pictures) in the first half
    of the table: "Pekerjaan selesai" ends the flow, it does not start one."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.box(KASI - 20, row_y(2) - 8, KASI + 20, row_y(2) + 8)
        page.capsule(PETUGAS, row_y(2))
        for n in (3, 4, 5):
            page.box(CAMAT - 20, row_y(n) - 8, CAMAT + 20, row_y(n) + 8)

    steps = ["Mulai", "Pekerjaan selesai", "Memeriksa", "Memperbaiki", "Melaporkan"]
    draft = read(tmp_path, steps, draw)
    assert draft.langkah[1].kind == "selesai"
    assert "ke" in draft.langkah[1].doubts


def test_a_branch_back_into_its_own_row_and_a_branch_handed_on_in_the_row(tmp_path: Path) -> None:
    """Two symbols in one decision row. Step 2: a box (entered from step 1) then a
    diamond whose "Tidak" goes back into that box: the step repeats. Step 3: a diamond
    whose "Y" goes to a second diamond in the row, which goes on to step 4 with no label
    of its own: the branch is "Y" to step 4."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.arrow([(PETUGAS + 20, row_y(1)), (KASI, row_y(1)), (KASI, row_y(2) - 8)])
        page.box(KASI - 20, row_y(2) - 8, KASI + 20, row_y(2) + 8)
        page.diamond(PETUGAS, row_y(2))
        page.arrow([(KASI - 20, row_y(2)), (PETUGAS + 20, row_y(2))])
        page.arrow(
            [
                (PETUGAS, row_y(2) - 10),
                (PETUGAS, row_y(2) - 17),
                (KASI + 10, row_y(2) - 17),
                (KASI + 10, row_y(2) - 8),
            ]
        )
        page.text(PETUGAS + 3, row_y(2) - 26, "Tidak", 7)
        page.arrow([(PETUGAS, row_y(2) + 10), (PETUGAS, row_y(3) - 10)])
        page.text(PETUGAS + 3, row_y(2) + 14, "Ya", 7)
        page.diamond(PETUGAS, row_y(3))
        page.diamond(KASI, row_y(3))
        page.arrow([(PETUGAS + 20, row_y(3)), (KASI - 20, row_y(3))])
        page.text(PETUGAS + 35, row_y(3) - 10, "Y", 7)
        page.arrow([(KASI, row_y(3) + 10), (KASI, row_y(4) - 7)])
        page.arrow(
            [
                (PETUGAS - 20, row_y(3)),
                (PETUGAS - 30, row_y(3)),
                (PETUGAS - 30, row_y(1)),
                (PETUGAS - 20, row_y(1)),
            ]
        )
        page.text(PETUGAS - 28, row_y(3) + 3, "T", 7)
        page.capsule(KASI, row_y(4))

    draft = read(tmp_path, ["Mulai", "Memeriksa", "Menilai", "Selesai"], draw)
    assert flow(draft) == [
        ("mulai", {}, []),
        ("keputusan", {"Ya": 3, "Tidak": 2}, []),
        ("keputusan", {"Y": 4, "T": 1}, []),
        ("selesai", {}, []),
    ]
    assert [s.pelaksana for s in draft.langkah][1:3] == [["Petugas", "Kasi"]] * 2


def test_a_branch_label_by_the_diamond_or_missing_is_still_named(tmp_path: Path) -> None:
    """Step 2: "Ya" printed by the diamond's lower corner, away from its arrow. Step 3:
    only "T" is printed; its other branch is the opposite answer, "Y". Both are marked
    for a look."""

    def draw(page: PageDrawing) -> None:
        page.capsule(KASI, row_y(1))
        page.arrow([(KASI, row_y(1) + 7), (KASI, row_y(2) - 10)])
        page.diamond(KASI, row_y(2))
        page.arrow([(KASI, row_y(2) + 10), (KASI, row_y(3) - 10)])
        page.text(KASI + 13, row_y(2) + 9, "Ya", 7)
        page.arrow([(KASI - 20, row_y(2)), (PETUGAS, row_y(2)), (PETUGAS, row_y(1)), (KASI - 20, row_y(1))])
        page.text(KASI - 38, row_y(2) - 9, "Tidak", 7)
        page.diamond(KASI, row_y(3))
        page.arrow([(KASI, row_y(3) + 10), (KASI, row_y(4) - 7)])
        page.arrow([(KASI + 20, row_y(3)), (CAMAT, row_y(3)), (CAMAT, row_y(2)), (KASI + 20, row_y(2))])
        page.text(KASI + 24, row_y(3) - 9, "T", 7)
        page.capsule(KASI, row_y(4))

    draft = read(tmp_path, ["Mulai", "Memeriksa", "Menilai", "Selesai"], draw)
    assert flow(draft)[1:3] == [("keputusan", {"Ya": 3, "Tidak": 1}, []), ("keputusan", {"Y": 4, "T": 2}, [])]
    assert "dekat belah ketupat" in draft.langkah[1].doubts["keputusan"]
    assert "lawan dari 'T'" in draft.langkah[2].doubts["keputusan"]


def test_opposite_answers() -> None:
    from macros.impor.pdf import _opposite

    assert [_opposite(x) for x in ("Ya", "T", "tidak", "Tidak lengkap", "Sudah sesuai", "Teknis", "")] == [
        "Tidak",
        "Y",
        "ya",
        "Lengkap",
        "Belum sesuai",
        "",
        "",
    ]


def test_a_box_drawn_across_two_role_columns_belongs_to_both(tmp_path: Path) -> None:
    """Step 2's box covers most of Petugas's and Kasi's columns (one task done
    together); step 3's box only runs a little into Kasi's column."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.box(PETUGAS - 30, row_y(2) - 8, KASI + 25, row_y(2) + 8)
        page.box(PETUGAS - 30, row_y(3) - 8, PETUGAS + 50, row_y(3) + 8)
        page.capsule(CAMAT, row_y(4))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 8)])
        page.arrow([(PETUGAS, row_y(2) + 8), (PETUGAS, row_y(3) - 8)])
        page.arrow([(PETUGAS + 50, row_y(3)), (CAMAT, row_y(3)), (CAMAT, row_y(4) - 7)])

    draft = read(tmp_path, ["Mulai", "Membahas bersama", "Mencatat", "Selesai"], draw)
    assert [s.pelaksana for s in draft.langkah] == [["Petugas"], ["Petugas", "Kasi"], ["Petugas"], ["Camat"]]
    assert "pelaksana" in draft.langkah[1].doubts


def test_off_page_connectors_are_matched_by_their_mark(tmp_path: Path) -> None:
    """Steps 1 and 2 go on over the page break through connectors "1" (to step 3) and
    "2" (to step 4); on the next page the two stand in each other's columns, and the
    arrows out of them are shorter than their arrowheads are far from the connector."""

    def first(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 8)])
        page.arrow([(PETUGAS + 20, row_y(1)), (CAMAT, row_y(1)), (CAMAT, row_y(2) + 30)])
        page.connector(CAMAT, row_y(2) + 30, "1")
        page.box(PETUGAS - 20, row_y(2) - 8, PETUGAS + 20, row_y(2) + 8)
        page.arrow([(PETUGAS, row_y(2) + 8), (PETUGAS, row_y(2) + 30)])
        page.connector(PETUGAS, row_y(2) + 30, "2")

    def second(page: PageDrawing) -> None:
        page.connector(PETUGAS, row_y(1) - 23, "1")
        page.arrow([(PETUGAS, row_y(1) - 5), (PETUGAS, row_y(1) + 2)])
        page.box(PETUGAS - 20, row_y(1) + 2, PETUGAS + 20, row_y(1) + 18)
        page.connector(CAMAT, row_y(2) - 23, "2")
        page.arrow([(CAMAT, row_y(2) - 5), (CAMAT, row_y(2) + 4)])
        page.capsule(CAMAT, row_y(2) + 11)

    path = tmp_path / "sop.pdf"
    steps = ["Mulai", "Memeriksa", "Mencatat", "Selesai"]
    path.write_bytes(procedure_pdf(steps, first, more=second, split=2))
    draft = read_pdf(path)
    assert [s.pelaksana for s in draft.langkah] == [["Petugas"], ["Petugas"], ["Petugas"], ["Camat"]]
    assert [s.ke for s in draft.langkah[:2]] == [[2, 3], [4]]


def test_numbers_under_the_kegiatan_title_and_role_titles_on_shading(tmp_path: Path) -> None:
    """One title spans the numbers' column and the Kegiatan column, and each role's
    title sits on grey shading narrower than its cell: the numbers still start the
    rows, and a box as wide as that shading is still a symbol, not the cell."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.arrow([(PETUGAS + 20, row_y(1)), (KASI, row_y(1)), (KASI, row_y(2) - 8)])
        page.box(KASI - 35, row_y(2) - 8, KASI + 35, row_y(2) + 8)  # as wide as the shading
        page.arrow([(KASI, row_y(2) + 8), (KASI, row_y(3) - 7)])
        page.capsule(KASI, row_y(3))

    path = tmp_path / "sop.pdf"
    roles = ("Petugas Loket", "Kasi Umum", "Camat Kota")
    path.write_bytes(procedure_pdf(["Mulai", "Memeriksa", "Selesai"], draw, roles, untitled_numbers=True))
    draft = read_pdf(path)
    assert draft.pelaksana == list(roles)
    assert [(s.nomor, s.kegiatan, s.pelaksana) for s in draft.langkah] == [
        (1, "Mulai", ["Petugas Loket"]),
        (2, "Memeriksa", ["Kasi Umum"]),
        (3, "Selesai", ["Kasi Umum"]),
    ]


def test_a_label_over_two_lines_reads_top_down_whichever_word_is_nearer(tmp_path: Path) -> None:
    """ "Belum" over "valid" beside the diamond: the lower word is nearer the diamond,
    the label is still "Belum valid"."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 8)])
        page.box(PETUGAS - 20, row_y(2) - 8, PETUGAS + 20, row_y(2) + 8)
        page.arrow([(PETUGAS + 20, row_y(2)), (KASI, row_y(2)), (KASI, row_y(3) - 10)])
        page.diamond(KASI, row_y(3))
        page.arrow([(KASI - 20, row_y(3)), (PETUGAS, row_y(3)), (PETUGAS, row_y(2) + 8)])
        page.text(KASI - 38, row_y(3) - 20, "Belum", 7)
        page.text(KASI - 36, row_y(3) - 11, "valid", 7)
        page.arrow([(KASI, row_y(3) + 10), (KASI, row_y(4) - 7)])
        page.text(KASI + 3, row_y(3) + 12, "valid", 7)
        page.capsule(KASI, row_y(4))

    draft = read(tmp_path, ["Mulai", "Mengisi", "Memverifikasi", "Selesai"], draw)
    assert draft.langkah[2].branches == {"valid": 4, "Belum valid": 2}


def test_rounded_process_boxes_and_documents_are_process_symbols(tmp_path: Path) -> None:
    """A process drawn as a box with rounded corners (step 2) and a multi-document
    symbol beside a box (step 3) are process steps, not starts or ends."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 12)])
        page.rounded_box(PETUGAS - 22, row_y(2) - 12, PETUGAS + 22, row_y(2) + 12, r=6)
        page.arrow([(PETUGAS, row_y(2) + 12), (PETUGAS, row_y(3) - 8)])
        page.box(PETUGAS - 20, row_y(3) - 8, PETUGAS + 20, row_y(3) + 8)
        page.documents(CAMAT - 20, row_y(3) - 11, CAMAT + 20, row_y(3) + 11)
        page.arrow([(CAMAT - 20, row_y(3)), (PETUGAS + 20, row_y(3))])
        page.arrow([(PETUGAS, row_y(3) + 8), (PETUGAS, row_y(4) - 7)])
        page.capsule(PETUGAS, row_y(4))

    draft = read(tmp_path, ["Mulai", "Menerima", "Mencocokkan dokumen", "Selesai"], draw)
    assert [s.kind for s in draft.langkah] == ["mulai", "proses", "proses", "selesai"]
    assert draft.langkah[2].pelaksana == ["Petugas", "Camat"]


def test_an_elbow_drawn_as_arrows_with_a_head_at_each_bend_is_one_arrow(tmp_path: Path) -> None:
    """Each leg of an elbow line ends in its own arrowhead, the next leg starting a few
    points away: the legs together lead from the diamond back to step 2."""

    def draw(page: PageDrawing) -> None:
        page.capsule(KASI, row_y(1))
        page.arrow([(KASI, row_y(1) + 7), (KASI, row_y(2) - 8)])
        page.box(KASI - 20, row_y(2) - 8, KASI + 20, row_y(2) + 8)
        page.arrow([(KASI, row_y(2) + 8), (KASI, row_y(3) - 10)])
        page.diamond(KASI, row_y(3))
        page.arrow([(KASI, row_y(3) + 10), (KASI, row_y(4) - 7)])
        page.text(KASI + 3, row_y(3) + 12, "Ya", 7)
        page.arrow([(KASI + 20, row_y(3)), (CAMAT + 2.5, row_y(3))], to_base=True)  # head at the bend
        page.arrow([(CAMAT, row_y(3)), (CAMAT, row_y(2))], to_base=True)  # and at the next
        page.arrow([(CAMAT, row_y(2)), (KASI + 20, row_y(2))])
        page.text(KASI + 24, row_y(3) - 9, "Tidak", 7)
        page.capsule(KASI, row_y(4))

    draft = read(tmp_path, ["Mulai", "Memeriksa", "Menilai", "Selesai"], draw)
    assert draft.langkah[2].branches == {"Ya": 4, "Tidak": 2}


def test_two_role_columns_with_one_title_stay_two_roles(tmp_path: Path) -> None:
    """Two columns both titled "Tim Kerja": the second is numbered, and a step drawn in
    both names both."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 8)])
        page.box(KASI - 15, row_y(2) - 8, KASI + 15, row_y(2) + 8)
        page.box(CAMAT - 15, row_y(2) - 8, CAMAT + 15, row_y(2) + 8)
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2)), (KASI - 15, row_y(2))])
        page.arrow([(KASI + 15, row_y(2)), (CAMAT - 15, row_y(2))])
        page.arrow([(CAMAT, row_y(2) + 8), (CAMAT, row_y(3) - 7)])
        page.capsule(CAMAT, row_y(3))

    path = tmp_path / "sop.pdf"
    path.write_bytes(
        procedure_pdf(["Mulai", "Membahas", "Selesai"], draw, roles=("Petugas", "Tim Kerja", "Tim Kerja"))
    )
    draft = read_pdf(path)
    assert draft.pelaksana == ["Petugas", "Tim Kerja", "Tim Kerja (2)"]
    assert draft.langkah[1].pelaksana == ["Tim Kerja", "Tim Kerja (2)"]
    assert "lebih dari sekali" in draft.doubts["pelaksana"]


def test_a_line_running_over_the_page_break_without_connectors(tmp_path: Path) -> None:
    """The "Ya" branch runs off the bottom of the table and on from the top of the
    next page into the end capsule, with no off-page connector drawn."""

    def first(page: PageDrawing) -> None:
        page.capsule(KASI, row_y(1))
        page.arrow([(KASI, row_y(1) + 7), (KASI, row_y(2) - 10)])
        page.diamond(KASI, row_y(2))
        page.line(KASI, row_y(2) + 10, KASI, row_y(2) + 25)  # to the table's bottom edge
        page.text(KASI + 3, row_y(2) + 12, "Ya", 7)
        page.arrow([(KASI - 20, row_y(2)), (PETUGAS, row_y(2)), (PETUGAS, row_y(1)), (KASI - 20, row_y(1))])
        page.text(KASI - 38, row_y(2) - 9, "Tidak", 7)

    def second(page: PageDrawing) -> None:
        page.arrow([(KASI, row_y(1) - 25), (KASI, row_y(1) - 7)])  # from the table's top edge
        page.capsule(KASI, row_y(1))

    path = tmp_path / "sop.pdf"
    path.write_bytes(procedure_pdf(["Mulai", "Memeriksa", "Selesai"], first, more=second, split=2))
    draft = read_pdf(path)
    assert draft.langkah[1].branches == {"Ya": 3, "Tidak": 1}
    assert "keputusan" not in draft.langkah[1].doubts


def test_row_rules_drawn_in_pieces_still_divide_the_rows(tmp_path: Path) -> None:
    """The rules under steps 2 and 3 are drawn as short pieces end to end (cut at every
    word of the justified Kegiatan cell, some a fraction of a point off the line): the
    rows are still three, none is lost."""

    def draw(page: PageDrawing) -> None:
        for n in (2, 3):
            y = row_y(n) - ROW / 2
            page.ops[:] = [op for op in page.ops if f" {page.height - y:.2f} m 800.00" not in op]
            for x0, x1, dy in (
                (40, 60, 0),
                (60.7, 110, 0.6),
                (110.7, 150, 0),
                (150.7, 199.3, 0.3),
                (200, 800, 0),
            ):
                page.line(x0, y + dy, x1, y + dy)  # a piece a little off the line
        page.capsule(PETUGAS, row_y(1))
        page.arrow([(PETUGAS, row_y(1) + 7), (PETUGAS, row_y(2) - 8)])
        page.box(PETUGAS - 20, row_y(2) - 8, PETUGAS + 20, row_y(2) + 8)
        page.arrow([(PETUGAS, row_y(2) + 8), (PETUGAS, row_y(3) - 7)])
        page.capsule(PETUGAS, row_y(3))

    draft = read(tmp_path, ["Mulai", "Mencatat", "Selesai"], draw)
    assert [(s.nomor, s.kegiatan) for s in draft.langkah] == [(1, "Mulai"), (2, "Mencatat"), (3, "Selesai")]


YES_NO = [("mulai", {}, []), ("keputusan", {"Ya": 3, "Tidak": 1}, []), ("selesai", {}, [])]


def around_a_decision(
    page: PageDrawing, w: float = 40, h: float = 20, start: tuple[float, float] = (40, 14)
) -> None:
    """Everything but the diamond (w by h, drawn by the test in Kasi's column, step 2)
    of a three-step flow: a start capsule (w, h: `start`) above it with an arrow down
    into it, "Ya" down to the end capsule, "Tidak" left and back up to the start. The
    flow reads YES_NO."""
    page.capsule(KASI, row_y(1), *start)
    page.arrow([(KASI, row_y(1) + start[1] / 2), (KASI, row_y(2) - h / 2)])
    page.arrow([(KASI, row_y(2) + h / 2), (KASI, row_y(3) - 7)])
    page.text(KASI + 3, row_y(2) + h / 2 + 2, "Ya", 7)
    page.arrow(
        [(KASI - w / 2, row_y(2)), (PETUGAS, row_y(2)), (PETUGAS, row_y(1)), (KASI - start[0] / 2, row_y(1))]
    )
    page.text(KASI - 38, row_y(2) - 12, "Tidak", 7)
    page.capsule(KASI, row_y(3))


def test_a_kegiatan_cell_split_into_sub_cells_stays_one_step(tmp_path: Path) -> None:
    """Step 2's Kegiatan cell is divided by rules across that column only (the check,
    then its "Ya" and "Tidak" outcomes, each in a cell of its own) while its number and
    its diamond run over them: one step, one decision, all of its text."""
    top = row_y(2) - ROW / 2

    def draw(page: PageDrawing) -> None:
        for y in (top + 17, top + 34):
            page.line(60, y, 200, y)  # the Kegiatan column only
        page.text(63, top + 5, "Memeriksa berkas")
        page.text(63, top + 21, "Ya, diteruskan")
        page.text(63, top + 38, "Tidak, dikembalikan")
        page.diamond(KASI, row_y(2))
        around_a_decision(page)

    draft = read(tmp_path, ["Mulai", "", "Selesai"], draw)
    assert [(s.nomor, s.kegiatan) for s in draft.langkah] == [
        (1, "Mulai"),
        (2, "Memeriksa berkas Ya, diteruskan Tidak, dikembalikan"),
        (3, "Selesai"),
    ]
    assert flow(draft) == YES_NO
    assert draft.langkah[1].pelaksana == ["Kasi"]


def test_a_diamond_as_tall_as_its_row_or_taller_is_still_its_decision(tmp_path: Path) -> None:
    """Step 2's diamond fills its row from rule to rule (it was taken for the cell),
    step 3's runs over the rules into its neighbours (it was dropped): each is still
    the decision of the row its middle is in, the second marked for a look."""

    def draw(page: PageDrawing) -> None:
        page.capsule(PETUGAS, row_y(1))
        page.arrow([(PETUGAS + 20, row_y(1)), (KASI, row_y(1)), (KASI, row_y(2) - ROW / 2)])
        page.diamond(KASI, row_y(2), w=44, h=ROW)
        page.arrow([(KASI + 22, row_y(2)), (CAMAT, row_y(2)), (CAMAT, row_y(3) - 32)])
        page.text(KASI + 24, row_y(2) - 9, "Ya", 7)
        page.arrow([(KASI - 22, row_y(2)), (PETUGAS, row_y(2)), (PETUGAS, row_y(1) + 7)])
        page.text(KASI - 40, row_y(2) - 9, "Tidak", 7)
        page.diamond(CAMAT, row_y(3), w=44, h=64)
        page.arrow([(CAMAT, row_y(3) + 32), (CAMAT, row_y(4) - 7)])
        page.text(CAMAT + 3, row_y(3) + 34, "Ya", 7)
        page.arrow([(CAMAT - 22, row_y(3)), (KASI, row_y(3)), (KASI, row_y(2) + ROW / 2)])
        page.text(CAMAT - 40, row_y(3) - 9, "Tidak", 7)
        page.capsule(CAMAT, row_y(4))

    draft = read(tmp_path, ["Mulai", "Memeriksa", "Menilai", "Selesai"], draw)
    assert [s.pelaksana for s in draft.langkah] == [["Petugas"], ["Kasi"], ["Camat"], ["Camat"]]
    assert flow(draft) == [
        ("mulai", {}, []),
        ("keputusan", {"Ya": 3, "Tidak": 1}, []),
        ("keputusan", {"Ya": 4, "Tidak": 2}, []),
        ("selesai", {}, []),
    ]
    assert "keputusan" not in draft.langkah[1].doubts
    assert "melewati garis barisnya" in draft.langkah[2].doubts["keputusan"]


def test_a_diamond_drawn_as_four_lines_is_a_diamond(tmp_path: Path) -> None:
    """Step 2's diamond is four separate strokes, not one outline: it is still the
    step's decision, and its sides are not lines of an arrow."""

    def draw(page: PageDrawing) -> None:
        x, y = KASI, row_y(2)
        corners = [(x + 20, y), (x, y + 10), (x - 20, y), (x, y - 10), (x + 20, y)]
        for a, b in itertools.pairwise(corners):
            page.line(*a, *b)
        around_a_decision(page)

    draft = read(tmp_path, ["Mulai", "Memeriksa", "Selesai"], draw)
    assert draft.langkah[1].pelaksana == ["Kasi"]
    assert flow(draft) == YES_NO


def test_a_diamond_inside_one_outline_with_its_arrows_is_a_diamond(tmp_path: Path) -> None:
    """Step 2's diamond and the two lines leaving it are drawn as one filled outline of
    their strokes (as some PDF generators write lines): no symbol as a whole, but the
    diamond's inner contour closes on itself and is the step's decision."""
    x, y, t = KASI, row_y(2), 0.5

    def draw(page: PageDrawing) -> None:
        down, left = row_y(3) - 7, PETUGAS
        page.polygon(
            [
                (x + 20 + t, y),  # outer right corner
                (x + 20 - t, y),  # the inner contour, all the way round
                (x, y + 10 - t),
                (x - 20 + t, y),
                (x, y - 10 + t),
                (x + 20 - t, y),
                (x + 20 + t, y),  # back out: the outer contour, broken by the lines
                (x, y - 10 - t),
                (x - 20 - t, y - t),
                (left, y - t),  # the line to the left, out and back
                (left, y + t),
                (x - 20 - t, y + t),
                (x - t, y + 10 + t),
                (x - t, down),  # the line down, out and back
                (x + t, down),
                (x + t, y + 10 + t),
            ],
            fill=True,
        )
        page.capsule(KASI, row_y(1))
        page.arrow([(KASI, row_y(1) + 7), (KASI, row_y(2) - 10)])
        page.arrow([(left, y), (left, row_y(1)), (KASI - 20, row_y(1))])
        page.polygon([(x - 2.5, down - 4), (x + 2.5, down - 4), (x, down), (x - 2.5, down - 4)], fill=True)
        page.text(KASI + 3, row_y(2) + 12, "Ya", 7)
        page.text(KASI - 38, row_y(2) - 9, "Tidak", 7)
        page.capsule(KASI, row_y(3))

    draft = read(tmp_path, ["Mulai", "Memeriksa", "Selesai"], draw)
    assert draft.langkah[1].pelaksana == ["Kasi"]
    assert flow(draft) == YES_NO


def test_arrows_drawn_as_pictures_are_marked_not_silently_guessed(tmp_path: Path) -> None:
    """The arrow from step 2's box down to the diamond and the diamond's "Tidak" branch
    are thin pictures, not lines: the steps they touch and the document say their flow
    was guessed. A label set in a picture under its text is no arrow."""

    def draw(page: PageDrawing) -> None:
        page.capsule(KASI, row_y(1))
        page.arrow([(KASI, row_y(1) + 7), (KASI, row_y(2) - 8)])
        page.box(KASI - 20, row_y(2) - 8, KASI + 20, row_y(2) + 8)
        page.image(KASI - 4, row_y(2) + 9, KASI + 4, row_y(3) - 11)  # the arrow down, with its head
        page.diamond(KASI, row_y(3))
        page.arrow([(KASI, row_y(3) + 10), (KASI, row_y(4) - 7)])
        page.image(KASI + 2, row_y(3) + 11, KASI + 16, row_y(3) + 20)  # the label's text box
        page.text(KASI + 3, row_y(3) + 12, "Ya", 7)
        page.image(KASI + 21, row_y(3) - 1.5, CAMAT, row_y(3) + 1.5)  # "Tidak", to the right
        page.text(KASI + 24, row_y(3) - 9, "Tidak", 7)
        page.capsule(KASI, row_y(4))

    draft = read(tmp_path, ["Mulai", "Memeriksa", "Menilai", "Selesai"], draw)
    assert [s.kind for s in draft.langkah] == ["mulai", "proses", "keputusan", "selesai"]
    assert any(note.startswith("2 potong panah bagan alir berupa gambar") for note in draft.notes)
    assert "berupa gambar" in draft.langkah[1].doubts["ke"]
    assert "berupa gambar" in draft.langkah[2].doubts["keputusan"]
    assert not any(
        "berupa gambar" in why for s in (draft.langkah[0], draft.langkah[3]) for why in s.doubts.values()
    )


def test_a_diamond_and_a_capsule_in_grey_cells_are_symbols_not_the_cells(tmp_path: Path) -> None:
    """Steps 1 and 2 are shaded grey across their whole cell and their symbols sit in the
    middle of it: the shading is no frame whose box the symbol takes (it was, and the
    symbol as big as its cell was dropped as the cell), and the branch labels printed
    on the shading still label."""

    def draw(page: PageDrawing) -> None:
        for n in (1, 2):
            page.shade(KASI - 40, row_y(n) - ROW / 2, KASI + 40, row_y(n) + ROW / 2)
        page.diamond(KASI, row_y(2), w=56, h=36)
        around_a_decision(page, w=56, h=36, start=(52, 32))

    draft = read(tmp_path, ["Mulai", "Memeriksa", "Selesai"], draw)
    assert [s.pelaksana for s in draft.langkah] == [["Kasi"]] * 3
    assert flow(draft) == YES_NO
