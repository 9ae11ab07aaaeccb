"""How the PDF reader follows a drawn flowchart: symbols, arrows and branch labels
drawn the many ways real SOP documents draw them (tests/impor_samples.py makes the
documents; each test is one way of drawing that the reader once misread)."""

from __future__ import annotations

from pathlib import Path

from impor_samples import ROLE_X, procedure_pdf, row_y
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
