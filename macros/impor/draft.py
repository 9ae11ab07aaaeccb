"""The importer's intermediate representation: what a reader saw in a document.

Every reader (PDF, Excel, Word via PDF) fills a `Draft`; one writer
(`macros.impor.writer`) turns it into the portal's source format. A Draft holds
readings as printed (dates as text, step targets as step numbers counted from 1,
the way the source format counts) and, beside each reading, the reasons it may be
wrong (`doubts`: field name -> Indonesian reason). The writer turns doubts into
`# PERIKSA: <why>` comments; it also fixes up readings the format would reject and
adds a doubt for each fix.

Field names here are an interface (the Excel reader is written against them):
add fields, never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["proses", "keputusan", "mulai", "selesai"]
KINDS: tuple[Kind, ...] = ("proses", "keputusan", "mulai", "selesai")


@dataclass
class Doubt:
    """One item needing a human look: the field path (as validation errors name
    fields, positions from 1: `langkah[4].pelaksana`) and why, in Indonesian."""

    field: str
    reason: str


@dataclass
class DraftStep:
    """One row of the procedure table.

    `kind`: `proses` (box), `keputusan` (diamond), `mulai` / `selesai` (capsule).
    `branches`: for a decision, printed label -> target step number (from 1), or
    None when the target could not be followed. `ke`: target step numbers when the
    flow does not go to the next step (empty: the next step).
    `doubts`: step field name (`kegiatan`, `pelaksana`, `keputusan`, `ke`, `waktu`,
    ...) -> reason.
    """

    kegiatan: str = ""
    pelaksana: list[str] = field(default_factory=list)
    kind: Kind = "proses"
    branches: dict[str, int | None] = field(default_factory=dict)
    ke: list[int] = field(default_factory=list)
    kelengkapan: list[str] = field(default_factory=list)
    waktu: str = ""
    output: list[str] = field(default_factory=list)
    keterangan: str = ""
    nomor: int | None = None  # the number printed in the No column, if any
    doubts: dict[str, str] = field(default_factory=dict)

    def doubt(self, name: str, reason: str) -> None:
        """Record a doubt on a field of this step (several reasons are joined)."""
        if name in self.doubts and reason not in self.doubts[name]:
            self.doubts[name] = f"{self.doubts[name]}; {reason}"
        else:
            self.doubts[name] = reason


@dataclass
class Draft:
    """One SOP as read from one document, before it is written as source."""

    source: str = ""  # file name of the document read
    nama: str = ""
    nomor: str = ""
    instansi: str = ""
    unit: str = ""
    # Letterhead details, when printed (empty: not found).
    alamat: str = ""
    telepon: str = ""
    email: str = ""
    website: str = ""
    # Dates exactly as printed ("1 Agustus 2019", "01-08-2019", "-"); the writer
    # normalises them.
    tanggal_pembuatan: str = ""
    tanggal_revisi: str = ""
    tanggal_efektif: str = ""
    # jabatan, nama, pangkat, nip (missing keys: not found).
    disahkan_oleh: dict[str, str] = field(default_factory=dict)
    # The six boxes of the identity section, named as macros.model.BOXES.
    dasar_hukum: list[str] = field(default_factory=list)
    kualifikasi_pelaksana: list[str] = field(default_factory=list)
    keterkaitan: list[str] = field(default_factory=list)
    peralatan_perlengkapan: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    pencatatan_pendataan: list[str] = field(default_factory=list)
    pelaksana: list[str] = field(default_factory=list)
    langkah: list[DraftStep] = field(default_factory=list)
    # Text that fits no field, kept for the body (never silently dropped).
    leftover: list[str] = field(default_factory=list)
    # Identity-level doubts: field path (`nomor`, `disahkan_oleh.nip`, `pelaksana`,
    # `langkah`) -> reason.
    doubts: dict[str, str] = field(default_factory=dict)
    # Messages about the whole document (e.g. the table is a picture), Indonesian.
    notes: list[str] = field(default_factory=list)
    # The PDF actually read when the document was converted first (.docx), for the
    # review page's page images; None when the document itself is the PDF.
    pdf: bytes | None = None

    def doubt(self, name: str, reason: str) -> None:
        """Record a doubt on an identity-level field (several reasons are joined)."""
        if name in self.doubts and reason not in self.doubts[name]:
            self.doubts[name] = f"{self.doubts[name]}; {reason}"
        else:
            self.doubts[name] = reason
