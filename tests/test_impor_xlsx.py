"""The Excel reader (macros/impor/xlsx.py) on small workbooks built here: cells with
openpyxl, the drawing part (shapes, anchors, connectors) written as XML, since openpyxl
does not write shapes."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import Workbook
from openpyxl.styles import Alignment

from macros.impor import UnreadableDocument
from macros.impor.xlsx import EMU_PER_POINT, read_xlsx

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROW_EMU = 15 * EMU_PER_POINT  # default row height
COL_EMU = 105 * 9525  # a column 15 characters wide (105 px)

# Column letters of the test table (0-based indices for the anchors).
COLS = {"no": 0, "kegiatan": 1, "Anggota Tim": 2, "Ketua Tim": 3, "Kepala": 4}


# ---------------------------------------------------------------- building workbooks


def identity_sheet(ws: object) -> None:
    """Letterhead, identity labels with values, and the six boxes (rows 1-17)."""
    cells = {
        "A2": "BADAN PUSAT STATISTIK",
        "A3": "PROVINSI CONTOH",
        "A4": "TIM UMUM",
        "D1": "Nomor SOP",
        "E1": "SOP-001/17000/2025",
        "D2": "Tanggal Pembuatan",
        "E2": "2 Juni 2025",
        "D3": "Tanggal Revisi",
        "E3": "-",
        "D4": "Tanggal Efektif",
        "E4": "10 Juni 2025",
        "D5": "Disahkan oleh",
        "E5": "Kepala Kantor Contoh",
        "E6": "Budi Santoso, M.E.",
        "E7": "NIP. 19660825 198802 1 001",
        "D8": "Nama SOP",
        "E8": "Pengelolaan Surat Keluar",
        "A10": "DASAR HUKUM :",
        "D10": "KUALIFIKASI PELAKSANA :",
        "A11": "1. Undang-Undang Nomor 16 Tahun 1997;",
        "A12": "2. Peraturan Pemerintah Nomor 51 Tahun 1999\ntentang Penyelenggaraan Statistik;",
        "D11": "Memahami tata naskah dinas",
        "A13": "KETERKAITAN",
        "D13": "PERALATAN/ PERLENGKAPAN",
        "A14": "1. SOP Pengiriman Surat",
        "D14": "1. PC",
        "D15": "2. Printer",
        "A16": "PERINGATAN",
        "D16": "PENCATATAN DAN PENDATAAN",
        "A17": "Jika tidak diikuti, surat tidak sah",
        "D17": "Disimpan sebagai arsip",
    }
    for ref, value in cells.items():
        ws[ref] = value  # type: ignore[index]


def procedure_sheet(ws: object, first_row: int, steps: Sequence[tuple[str, ...]]) -> None:
    """The header (two rows) at first_row, then one row per step: (no, kegiatan,
    kelengkapan, waktu, output); a kegiatan given as 'text|2' spans two rows."""
    r = first_row
    ws.merge_cells(f"A{r}:A{r + 1}")  # type: ignore[attr-defined]
    ws.merge_cells(f"B{r}:B{r + 1}")  # type: ignore[attr-defined]
    ws.merge_cells(f"C{r}:E{r}")  # type: ignore[attr-defined]
    ws.merge_cells(f"F{r}:H{r}")  # type: ignore[attr-defined]
    ws.merge_cells(f"I{r}:I{r + 1}")  # type: ignore[attr-defined]
    header = {
        f"A{r}": "No",
        f"B{r}": "Kegiatan",
        f"C{r}": "Pelaksana",
        f"C{r + 1}": "Anggota\nTim",  # a wrapped name: one role
        f"D{r + 1}": "Ketua Tim",
        f"E{r + 1}": "Kepala",
        f"F{r}": "Mutu Baku",
        f"F{r + 1}": "Kelengkapan",
        f"G{r + 1}": "Waktu",
        f"H{r + 1}": "Output",
        f"I{r}": "Keterangan",
    }
    for ref, value in header.items():
        ws[ref] = value  # type: ignore[index]
    ws[f"C{r + 1}"].alignment = Alignment(wrap_text=True)  # type: ignore[index]
    row = r + 2
    for no, kegiatan, *mutu in steps:
        text, _, rows = kegiatan.partition("|")
        height = int(rows or 1)
        if height > 1:
            ws.merge_cells(f"A{row}:A{row + height - 1}")  # type: ignore[attr-defined]
            ws.merge_cells(f"B{row}:B{row + height - 1}")  # type: ignore[attr-defined]
        ws[f"A{row}"] = int(no) if no.isdigit() else no  # type: ignore[index]
        ws[f"B{row}"] = text  # type: ignore[index]
        for letter, value in zip("FGH", mutu, strict=False):
            ws[f"{letter}{row}"] = value  # type: ignore[index]
        row += height


def widths(ws: object) -> None:
    ws.column_dimensions["A"].width = 5  # type: ignore[attr-defined]
    ws.column_dimensions["B"].width = 30  # type: ignore[attr-defined]
    for letter in "CDEFGHI":
        ws.column_dimensions[letter].width = 15  # type: ignore[attr-defined]


@dataclass
class Drawn:
    """The XML of one drawing part, written anchor by anchor."""

    anchors: list[str]

    def __init__(self) -> None:
        self.anchors = []

    def shape(
        self,
        sid: int,
        prst: str,
        col: int,
        row: int,
        text: str = "",
        txbox: bool = False,
        cols: int = 1,
        left: float = 0.15,
        right: float = 0.85,
    ) -> Drawn:
        """A shape in a cell (0-based column and row), or across `cols` columns."""
        start = f"<xdr:col>{col}</xdr:col><xdr:colOff>{int(left * COL_EMU)}</xdr:colOff>"
        end_col = col + cols - 1
        end = f"<xdr:col>{end_col}</xdr:col><xdr:colOff>{int(right * COL_EMU)}</xdr:colOff>"
        self.anchors.append(
            "<xdr:twoCellAnchor>"
            f"<xdr:from>{start}<xdr:row>{row}</xdr:row><xdr:rowOff>{ROW_EMU // 5}</xdr:rowOff></xdr:from>"
            f"<xdr:to>{end}<xdr:row>{row}</xdr:row><xdr:rowOff>{ROW_EMU * 4 // 5}</xdr:rowOff></xdr:to>"
            + self._sp(sid, prst, text, txbox)
            + "<xdr:clientData/></xdr:twoCellAnchor>"
        )
        return self

    @staticmethod
    def _sp(sid: int, prst: str, text: str, txbox: bool, xfrm: str = "") -> str:
        body = f"<xdr:txBody><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></xdr:txBody>" if text else ""
        box = ' txBox="1"' if txbox else ""
        return (
            f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{sid}" name="Shape {sid}"/>'
            f"<xdr:cNvSpPr{box}/></xdr:nvSpPr><xdr:spPr>{xfrm}"
            f'<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom></xdr:spPr>{body}</xdr:sp>'
        )

    def connector(
        self,
        sid: int,
        start: int | None,
        end: int | None,
        cells: tuple[int, int, int, int],
        flip: str = "",
        arrow: str = "tail",
        sites: tuple[int, int] = (2, 0),
    ) -> Drawn:
        """A connector glued from shape `start` to shape `end` (None: not glued),
        anchored over cells (col, row) to (col, row), at their centres."""
        c0, r0, c1, r1 = cells
        glue = (f'<a:stCxn id="{start}" idx="{sites[0]}"/>' if start else "") + (
            f'<a:endCxn id="{end}" idx="{sites[1]}"/>' if end else ""
        )
        ends = f'<a:{arrow}End type="triangle"/>' if arrow else ""
        flips = "".join(f' {name}="1"' for name in flip.split())
        self.anchors.append(
            "<xdr:twoCellAnchor>"
            f"<xdr:from><xdr:col>{c0}</xdr:col><xdr:colOff>{COL_EMU // 2}</xdr:colOff>"
            f"<xdr:row>{r0}</xdr:row><xdr:rowOff>{ROW_EMU // 2}</xdr:rowOff></xdr:from>"
            f"<xdr:to><xdr:col>{c1}</xdr:col><xdr:colOff>{COL_EMU // 2}</xdr:colOff>"
            f"<xdr:row>{r1}</xdr:row><xdr:rowOff>{ROW_EMU // 2}</xdr:rowOff></xdr:to>"
            f'<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="{sid}" name="Connector {sid}"/>'
            f"<xdr:cNvCxnSpPr>{glue}</xdr:cNvCxnSpPr></xdr:nvCxnSpPr>"
            f'<xdr:spPr><a:xfrm{flips}><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
            f'<a:prstGeom prst="bentConnector3"><a:avLst/></a:prstGeom><a:ln>{ends}</a:ln></xdr:spPr>'
            "</xdr:cxnSp><xdr:clientData/></xdr:twoCellAnchor>"
        )
        return self

    def one_cell(self, sid: int, prst: str, col: int, row: int) -> Drawn:
        """A shape anchored by its top-left cell and an extent (oneCellAnchor)."""
        self.anchors.append(
            "<xdr:oneCellAnchor>"
            f"<xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>{COL_EMU // 5}</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>{ROW_EMU // 5}</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{COL_EMU * 3 // 5}" cy="{ROW_EMU * 3 // 5}"/>'
            + self._sp(sid, prst, "", False)
            + "<xdr:clientData/></xdr:oneCellAnchor>"
        )
        return self

    def absolute(self, sid: int, prst: str, x: int, y: int) -> Drawn:
        """A shape placed in sheet EMU (absoluteAnchor)."""
        self.anchors.append(
            f'<xdr:absoluteAnchor><xdr:pos x="{x}" y="{y}"/>'
            f'<xdr:ext cx="{COL_EMU // 2}" cy="{ROW_EMU // 2}"/>'
            + self._sp(sid, prst, "", False)
            + "<xdr:clientData/></xdr:absoluteAnchor>"
        )
        return self

    def group(self, col: int, row: int, children: Sequence[tuple[int, str, int, int, int, int]]) -> Drawn:
        """A group anchored over cols col..col+2 of one row; children (id, prst, x, y,
        cx, cy) in child coordinates 0..3000 x 0..1000, scaled onto the anchor."""
        inner = "".join(
            self._sp(
                sid, prst, "", False, f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            )
            for sid, prst, x, y, cx, cy in children
        )
        self.anchors.append(
            "<xdr:twoCellAnchor>"
            f"<xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row>"
            "<xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f"<xdr:to><xdr:col>{col + 3}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row + 1}</xdr:row>"
            "<xdr:rowOff>0</xdr:rowOff></xdr:to>"
            '<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="900" name="Group"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
            '<xdr:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1" cy="1"/>'
            '<a:chOff x="0" y="0"/><a:chExt cx="3000" cy="1000"/></a:xfrm></xdr:grpSpPr>'
            f"{inner}</xdr:grpSp><xdr:clientData/></xdr:twoCellAnchor>"
        )
        return self

    def xml(self) -> bytes:
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}">{"".join(self.anchors)}</xdr:wsDr>'
        ).encode()


def attach(path: Path, drawings: dict[int, bytes]) -> None:
    """Add drawing parts to sheets (1-based sheet numbers) of a saved workbook."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    types = etree.fromstring(parts["[Content_Types].xml"])
    for number, drawing in drawings.items():
        parts[f"xl/drawings/drawing{number}.xml"] = drawing
        parts[f"xl/worksheets/_rels/sheet{number}.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdD1" Type="{R}/drawing" Target="../drawings/drawing{number}.xml"/>'
            "</Relationships>"
        ).encode()
        sheet = etree.fromstring(parts[f"xl/worksheets/sheet{number}.xml"])
        node = etree.SubElement(sheet, f"{{{sheet.nsmap[None]}}}drawing", nsmap={"r": R})
        node.set(f"{{{R}}}id", "rIdD1")
        parts[f"xl/worksheets/sheet{number}.xml"] = etree.tostring(
            sheet, xml_declaration=True, encoding="UTF-8"
        )
        override = etree.SubElement(types, f"{{{types.nsmap[None]}}}Override")
        override.set("PartName", f"/xl/drawings/drawing{number}.xml")
        override.set("ContentType", "application/vnd.openxmlformats-officedocument.drawing+xml")
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


STEPS = (
    ("1", "Membuat draf surat", "PC", "30 menit", "Draf surat"),
    ("2", "Mencatat nomor surat", "Buku agenda", "10 menit", "1. Nomor surat\n2. Agenda"),
    ("3", "Memeriksa draf surat|2", "Draf surat", "20 menit", "Draf diperiksa"),
    ("4", "Menandatangani surat", "Draf surat", "5 menit", "Surat"),
    ("5", "Mengirim surat", "Surat", "1 hari", "Surat terkirim"),
)
HEADER = 19  # the table header's first row (1-based); steps from row 21


def row0(step: int) -> int:
    """0-based sheet row of a step's first row (step 3 spans two rows)."""
    return HEADER + 1 + step - 1 + (1 if step > 3 else 0)


def standard_drawing() -> Drawn:
    """1 capsule (Anggota) -> 2 boxes (Anggota, Ketua) -> 3 diamond (Ketua):
    Ya -> 4 (Kepala), Tidak -> 1; 4 -> 5 capsule (Anggota)."""
    d = Drawn()
    d.shape(10, "flowChartTerminator", COLS["Anggota Tim"], row0(1))
    d.shape(11, "flowChartProcess", COLS["Anggota Tim"], row0(2))
    d.shape(12, "rect", COLS["Ketua Tim"], row0(2))
    d.shape(13, "flowChartDecision", COLS["Ketua Tim"], row0(3))
    d.shape(14, "flowChartProcess", COLS["Kepala"], row0(4))
    d.shape(15, "flowChartTerminator", COLS["Anggota Tim"], row0(5))
    d.shape(20, "rect", COLS["Kepala"], row0(3), text="Ya", txbox=True, left=0.0, right=0.4)
    d.shape(21, "rect", COLS["Anggota Tim"], row0(3), text="Tidak", txbox=True, left=0.6, right=1.0)
    d.connector(30, 10, 11, (2, row0(1), 2, row0(2)))
    d.connector(31, 11, 12, (2, row0(2), 3, row0(2)))
    d.connector(32, 12, 13, (3, row0(2), 3, row0(3)))
    d.connector(33, 13, 14, (3, row0(3), 4, row0(4)), sites=(3, 0))  # right side of the diamond
    d.connector(34, 13, 10, (2, row0(1), 3, row0(3)), flip="flipH flipV", sites=(1, 1))  # left side
    d.connector(35, 14, 15, (2, row0(5), 4, row0(4)), flip="flipH flipV")
    return d


def workbook(tmp_path: Path, drawing: Drawn | None, steps: Sequence[tuple[str, ...]] = STEPS) -> Path:
    book = Workbook()
    ws = book.active
    identity_sheet(ws)
    procedure_sheet(ws, HEADER, steps)
    widths(ws)
    path = tmp_path / "sop.xlsx"
    book.save(path)
    if drawing is not None:
        attach(path, {1: drawing.xml()})
    return path


# ---------------------------------------------------------------- tests


def test_identity_and_boxes_from_cells(tmp_path: Path) -> None:
    draft = read_xlsx(workbook(tmp_path, standard_drawing()))
    assert draft.nama == "Pengelolaan Surat Keluar"
    assert draft.nomor == "SOP-001/17000/2025"
    assert (draft.tanggal_pembuatan, draft.tanggal_revisi, draft.tanggal_efektif) == (
        "2 Juni 2025",
        "-",
        "10 Juni 2025",
    )
    assert draft.disahkan_oleh == {
        "jabatan": "Kepala Kantor Contoh",
        "nama": "Budi Santoso, M.E.",
        "nip": "19660825 198802 1 001",
    }
    assert draft.instansi == "BADAN PUSAT STATISTIK PROVINSI CONTOH"
    assert draft.unit == "TIM UMUM"
    assert draft.dasar_hukum == [
        "Undang-Undang Nomor 16 Tahun 1997;",
        "Peraturan Pemerintah Nomor 51 Tahun 1999 tentang Penyelenggaraan Statistik;",
    ]
    assert draft.kualifikasi_pelaksana == ["Memahami tata naskah dinas"]
    assert draft.keterkaitan == ["SOP Pengiriman Surat"]
    assert draft.peralatan_perlengkapan == ["PC", "Printer"]
    assert draft.peringatan == ["Jika tidak diikuti, surat tidak sah"]
    assert draft.pencatatan_pendataan == ["Disimpan sebagai arsip"]


def test_roles_steps_and_mutu_baku_from_the_table(tmp_path: Path) -> None:
    draft = read_xlsx(workbook(tmp_path, standard_drawing()))
    assert draft.pelaksana == ["Anggota Tim", "Ketua Tim", "Kepala"]  # the wrapped name joined
    assert [s.kegiatan for s in draft.langkah] == [s[1].split("|")[0] for s in STEPS]
    assert [s.nomor for s in draft.langkah] == [1, 2, 3, 4, 5]
    second = draft.langkah[1]
    assert (second.kelengkapan, second.waktu, second.output) == (
        ["Buku agenda"],
        "10 menit",
        ["Nomor surat", "Agenda"],
    )


def test_shapes_give_roles_kinds_and_flow(tmp_path: Path) -> None:
    draft = read_xlsx(workbook(tmp_path, standard_drawing()))
    steps = draft.langkah
    assert [s.pelaksana for s in steps] == [
        ["Anggota Tim"],
        ["Anggota Tim", "Ketua Tim"],  # two symbols in one row: several roles
        ["Ketua Tim"],  # the diamond sits in the merged two-row step
        ["Kepala"],
        ["Anggota Tim"],
    ]
    assert [s.kind for s in steps] == ["mulai", "proses", "keputusan", "proses", "selesai"]
    assert steps[2].branches == {"Ya": 4, "Tidak": 1}
    assert all(s.ke == [] for s in steps)  # every plain step goes on to the next one
    assert not any(s.doubts for s in steps)


def test_a_flipped_connector_and_a_headEnd_arrow_point_backwards(tmp_path: Path) -> None:
    d = standard_drawing()
    # 4 -> 2 drawn from 2 to 4 with the arrowhead at its start: the flow is 4 -> 2
    d.connector(36, 11, 14, (2, row0(2), 4, row0(4)), arrow="head")
    draft = read_xlsx(workbook(tmp_path, d))
    assert draft.langkah[3].ke == [2, 5]


def test_loops_and_jumps_become_ke(tmp_path: Path) -> None:
    d = Drawn()
    d.shape(10, "flowChartTerminator", 2, row0(1))
    d.shape(11, "flowChartProcess", 3, row0(2))
    d.shape(12, "flowChartProcess", 4, row0(3))
    d.shape(13, "flowChartProcess", 4, row0(4))
    d.shape(14, "flowChartTerminator", 2, row0(5))
    d.connector(30, 10, 11, (2, row0(1), 3, row0(2)))
    d.connector(31, 11, 13, (3, row0(2), 4, row0(4)))  # 2 jumps to 4
    d.connector(32, 12, 13, (4, row0(3), 4, row0(4)))
    d.connector(33, 13, 14, (2, row0(5), 4, row0(4)), flip="flipH flipV")
    draft = read_xlsx(workbook(tmp_path, d))
    assert draft.langkah[1].ke == [4]
    assert draft.langkah[2].ke == []  # 3 -> 4 is the next step
    assert draft.langkah[2].doubts == {}


def test_unglued_lines_are_followed_by_their_ends_and_labels_found(tmp_path: Path) -> None:
    d = standard_drawing()
    d.anchors = [a for a in d.anchors if "Connector 33" not in a]
    # the Ya branch drawn as a plain line (no glue) from the diamond's centre to the box
    d.connector(33, None, None, (3, row0(3), 4, row0(4)))
    draft = read_xlsx(workbook(tmp_path, d))
    assert draft.langkah[2].branches == {"Ya": 4, "Tidak": 1}


def test_unlabelled_branches_get_a_name_and_a_doubt(tmp_path: Path) -> None:
    d = standard_drawing()
    d.anchors = [a for a in d.anchors if ">Ya<" not in a and ">Tidak<" not in a]
    draft = read_xlsx(workbook(tmp_path, d))
    step = draft.langkah[2]
    assert sorted(step.branches.values()) == [1, 4]
    assert step.doubts["keputusan"] == "2 cabang tanpa label yang terbaca"


def test_a_wide_symbol_belongs_to_every_column_it_covers(tmp_path: Path) -> None:
    d = standard_drawing()
    d.anchors = [a for a in d.anchors if 'id="14"' not in a]
    d.shape(14, "flowChartProcess", COLS["Ketua Tim"], row0(4), cols=2, left=0.1, right=0.9)
    draft = read_xlsx(workbook(tmp_path, d))
    assert draft.langkah[3].pelaksana == ["Ketua Tim", "Kepala"]


def test_a_symbol_on_a_column_border_is_doubted(tmp_path: Path) -> None:
    d = standard_drawing()
    d.anchors = [a for a in d.anchors if 'id="14"' not in a]
    # centred 4% of a column left of the Ketua Tim | Kepala border
    d.shape(14, "flowChartProcess", COLS["Ketua Tim"], row0(4), cols=2, left=0.61, right=0.31)
    draft = read_xlsx(workbook(tmp_path, d))
    assert draft.langkah[3].pelaksana == ["Ketua Tim"]
    assert draft.langkah[3].doubts["pelaksana"] == "simbol di batas dua kolom pelaksana"


def test_grouped_shapes_are_placed_by_the_group_transform(tmp_path: Path) -> None:
    d = standard_drawing()
    d.anchors = [a for a in d.anchors if 'id="14"' not in a and 'id="15"' not in a]
    # a group over the three role columns of step 4: its child sits in the last third
    d.group(COLS["Anggota Tim"], row0(4), [(14, "flowChartProcess", 2100, 200, 800, 600)])
    d.shape(15, "flowChartTerminator", COLS["Anggota Tim"], row0(5))
    draft = read_xlsx(workbook(tmp_path, d))
    assert draft.langkah[3].pelaksana == ["Kepala"]
    assert draft.langkah[3].kind == "proses"
    assert draft.langkah[4].kind == "selesai"


def test_one_cell_and_absolute_anchors(tmp_path: Path) -> None:
    d = standard_drawing()
    d.anchors = [a for a in d.anchors if 'id="14"' not in a and 'id="15"' not in a]
    d.one_cell(14, "flowChartProcess", COLS["Kepala"], row0(4))
    # columns A (5 characters: 35 px) and B (30 characters: 210 px), then C: Anggota Tim
    left = (35 + 210) * 9525
    d.absolute(15, "flowChartTerminator", left + COL_EMU // 4, row0(5) * ROW_EMU + ROW_EMU // 4)
    draft = read_xlsx(workbook(tmp_path, d))
    assert draft.langkah[3].pelaksana == ["Kepala"]
    assert draft.langkah[4].pelaksana == ["Anggota Tim"]
    assert draft.langkah[4].kind == "selesai"


def test_offpage_connectors_carry_the_flow(tmp_path: Path) -> None:
    d = standard_drawing()
    d.anchors = [a for a in d.anchors if "Connector 35" not in a]
    # 4 -> pentagon "A" (below step 4) ... pentagon "A" (above step 5) -> 5
    d.shape(40, "flowChartOffpageConnector", COLS["Kepala"], row0(5), text="A", left=0.4, right=0.6)
    d.shape(41, "homePlate", COLS["Anggota Tim"], row0(5), text="A", left=0.0, right=0.1)
    d.connector(35, 14, 40, (4, row0(4), 4, row0(5)))
    d.connector(37, 41, 15, (2, row0(5), 2, row0(5)))
    d.connector(38, 14, 40, (4, row0(4), 4, row0(5)))  # a second piece to the same pentagon
    draft = read_xlsx(workbook(tmp_path, d))
    assert draft.langkah[3].ke == []
    assert draft.langkah[4].kind == "selesai"
    assert draft.langkah[4].pelaksana == ["Anggota Tim"]  # pentagons are no pelaksana


def test_a_table_without_a_drawing_keeps_its_texts_with_doubts(tmp_path: Path) -> None:
    draft = read_xlsx(workbook(tmp_path, None))
    assert len(draft.langkah) == 5
    assert all(s.pelaksana == [] for s in draft.langkah)
    assert draft.langkah[0].doubts["pelaksana"] == "tidak ada simbol bagan di lembar ini"
    assert "tanpa gambar bagan" in draft.notes[0]


def test_a_row_without_a_symbol_is_doubted(tmp_path: Path) -> None:
    d = standard_drawing()
    d.anchors = [a for a in d.anchors if 'id="12"' not in a and 'id="11"' not in a]
    draft = read_xlsx(workbook(tmp_path, d))
    assert draft.langkah[1].pelaksana == []
    assert draft.langkah[1].doubts["pelaksana"] == "tidak ada simbol di baris ini"


def test_steps_continue_on_a_second_sheet(tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    identity_sheet(first)
    procedure_sheet(first, HEADER, STEPS[:3])
    widths(first)
    second = book.create_sheet("Hal 2")
    procedure_sheet(second, 1, STEPS[3:])
    widths(second)
    path = tmp_path / "two.xlsx"
    book.save(path)
    one = Drawn()
    one.shape(10, "flowChartTerminator", 2, row0(1)).shape(11, "rect", 2, row0(2)).shape(
        12, "rect", 3, row0(3)
    )
    one.shape(13, "homePlate", 3, row0(3) + 2, text="1")
    one.connector(30, 10, 11, (2, row0(1), 2, row0(2))).connector(31, 11, 12, (2, row0(2), 3, row0(3)))
    one.connector(32, 12, 13, (3, row0(3), 3, row0(3) + 2))
    two = Drawn()
    two.shape(13, "homePlate", 4, 0, text="1").shape(14, "rect", 4, 2).shape(15, "flowChartTerminator", 2, 3)
    two.connector(30, 13, 14, (4, 0, 4, 2)).connector(31, 14, 15, (2, 3, 4, 2), flip="flipH flipV")
    attach(path, {1: one.xml(), 2: two.xml()})
    draft = read_xlsx(path)
    assert [s.pelaksana for s in draft.langkah] == [
        ["Anggota Tim"],
        ["Anggota Tim"],
        ["Ketua Tim"],
        ["Kepala"],
        ["Anggota Tim"],
    ]
    assert [s.kind for s in draft.langkah] == ["mulai", "proses", "proses", "proses", "selesai"]
    assert all(s.ke == [] for s in draft.langkah)


def test_not_an_sop_workbook_is_unreadable(tmp_path: Path) -> None:
    book = Workbook()
    book.active["A1"] = "Daftar belanja"
    path = tmp_path / "lain.xlsx"
    book.save(path)
    with pytest.raises(UnreadableDocument, match="tidak ditemukan identitas maupun tabel prosedur"):
        read_xlsx(path)
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(UnreadableDocument, match="berkas Excel tidak dapat dibuka"):
        read_xlsx(broken)


def test_import_file_turns_an_excel_sop_into_a_valid_source(tmp_path: Path) -> None:
    from bench.impor import read_source, validate_outputs
    from macros.impor import import_file

    result = import_file(workbook(tmp_path, standard_drawing()))
    assert validate_outputs({"x": result.text}) == {"x": []}
    source = read_source(result.text)
    assert source.roles == ("anggota tim", "ketua tim", "kepala")
    assert [sorted(s.roles) for s in source.steps] == [
        ["anggota tim"],
        ["anggota tim", "ketua tim"],
        ["ketua tim"],
        ["kepala"],
        ["anggota tim"],
    ]
    assert source.steps[2].branches == (("ya", 4), ("tidak", 1))
    assert (result.langkah, result.pelaksana, result.keputusan) == (5, 3, 1)
