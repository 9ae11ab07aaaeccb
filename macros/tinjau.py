"""After signing: each SOP's monitoring, evaluation and review dates, and the state of
units and of the portal (shared SOP-FORMAT.md, "Review period").

For an SOP in force:
- the next review is due `tinjau_setiap` (the SOP's, its `_unit.yml`'s, mkdocs.yml's,
  else 1 tahun) after the latest of its `tanggal_efektif`, its `tanggal_revisi` and the
  `tanggal` of its latest evaluation;
- the next monitoring is due 6 months after its latest monitoring (or after
  `tanggal_efektif` when it has none).
A date is overdue when the build date (`SOURCE_DATE_EPOCH` when set) is past it; being
overdue is shown and published, never an error. An evaluation recommending `revisi` or
`cabut` stands until the SOP is revised after it (a later `tanggal_revisi`) or revoked.
Plain Python: computed once per build from the index.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import Tanggal
from .index import Portal, Unit
from .loader import SopRecord
from .pemantauan import KRITERIA, Hasil, RecordFile
from .periode import MONITORING, Semester, Setiap, parse_setiap

SEGERA_HARI = 30  # "due soon": within this many days of the build date


@dataclass(frozen=True)
class Putaran:
    """One SOP's result in one round (one `hasil` item of a record file)."""

    file: RecordFile
    hasil: Hasil

    def key(self) -> tuple[str, str, str]:
        """What a page shows of this result, as text (pydantic's own JSON: fast)."""
        return (self.file.src, self.tanggal.iso(), self.hasil.model_dump_json())

    @property
    def jenis(self) -> str:
        assert self.file.rekaman is not None
        return self.file.rekaman.jenis

    @property
    def tanggal(self) -> Tanggal:
        assert self.file.rekaman is not None
        return self.file.rekaman.tanggal


@dataclass(frozen=True)
class Keadaan:
    """An SOP's monitoring, evaluation and review state at the build date."""

    sop_id: str
    berlaku: bool
    setiap: Setiap
    monitoring: tuple[Putaran, ...] = ()  # newest first
    evaluasi: tuple[Putaran, ...] = ()  # newest first
    tinjau_berikutnya: date | None = None  # None unless in force
    pantau_berikutnya: date | None = None
    perlu_tinjau: bool = False
    perlu_pantau: bool = False
    rekomendasi: Putaran | None = None  # the latest evaluation, when it asks for revisi or cabut and stands

    def key(self) -> str:
        """What an SOP page shows of this state, as one text (the dirty preview's)."""
        rounds = [p.key() for p in (*self.monitoring, *self.evaluasi)]
        advice = None if self.rekomendasi is None else self.rekomendasi.key()
        return repr((self.tinjau_berikutnya, self.pantau_berikutnya, self.terlambat, advice, rounds))

    @property
    def terlambat(self) -> bool:
        return self.perlu_tinjau or self.perlu_pantau

    @property
    def monitoring_terakhir(self) -> Putaran | None:
        return self.monitoring[0] if self.monitoring else None

    @property
    def evaluasi_terakhir(self) -> Putaran | None:
        return self.evaluasi[0] if self.evaluasi else None


def _day(tanggal: Tanggal) -> date:
    return tanggal.as_date  # a month alone counts from its first day


def keadaan_of(record: SopRecord, setiap: Setiap, putaran: list[Putaran], today: date) -> Keadaan:
    """One SOP's state from its rounds (any order)."""
    sop = record.sop
    ordered = sorted(putaran, key=lambda p: (p.tanggal, p.file.src), reverse=True)
    monitoring = tuple(p for p in ordered if p.jenis == "monitoring")
    evaluasi = tuple(p for p in ordered if p.jenis == "evaluasi")
    own = parse_setiap(sop.tinjau_setiap) if sop.tinjau_setiap else setiap
    if sop.status != "berlaku" or sop.tanggal_efektif is None:
        return Keadaan(record.id, False, own, monitoring, evaluasi)
    bases = [_day(sop.tanggal_efektif)]
    if sop.tanggal_revisi is not None:
        bases.append(_day(sop.tanggal_revisi))
    if evaluasi:
        bases.append(_day(evaluasi[0].tanggal))
    tinjau = own.after(max(bases))
    pantau = MONITORING.after(_day(monitoring[0].tanggal) if monitoring else _day(sop.tanggal_efektif))
    rekomendasi = None
    if evaluasi and evaluasi[0].hasil.rekomendasi_akhir in ("revisi", "cabut"):
        revised = sop.tanggal_revisi is not None and _day(sop.tanggal_revisi) > _day(evaluasi[0].tanggal)
        rekomendasi = None if revised else evaluasi[0]
    return Keadaan(
        record.id,
        True,
        own,
        monitoring,
        evaluasi,
        tinjau,
        pantau,
        today > tinjau,
        today > pantau,
        rekomendasi,
    )


@dataclass(frozen=True)
class Jadwal:
    """A review or monitoring that is overdue or due soon."""

    record: SopRecord
    unit: Unit
    apa: str  # "Tinjau ulang" or "Monitoring"
    tanggal: date
    terlambat: bool


@dataclass(frozen=True)
class Ringkasan:
    """A unit's state at a glance."""

    unit: Unit
    berlaku: int
    dipantau: int  # SOPs in force monitored in the current semester
    terlambat: int  # SOPs in force whose review or monitoring is overdue
    dievaluasi: int  # SOPs in force evaluated in the current year
    rata_skor: float | None  # the mean number of "ya" of the latest evaluations of SOPs in force

    def rata_teks(self) -> str:
        if self.rata_skor is None:
            return "-"
        return f"{self.rata_skor:.1f}".replace(".", ",") + f"/{len(KRITERIA)}"


@dataclass
class Siklus:
    """Every SOP's state and the unit and portal summaries, at the build date."""

    portal: Portal
    setiap: Setiap  # the site-wide review period
    keadaan: dict[str, Keadaan] = field(default_factory=dict)
    semester: Semester = field(init=False)

    def __post_init__(self) -> None:
        today = self.portal.hari_ini
        self.semester = Semester.of(today)
        rounds: dict[str, list[Putaran]] = defaultdict(list)
        for record_file in self.portal.pemantauan:
            assert record_file.rekaman is not None
            for hasil in record_file.rekaman.hasil:
                rounds[hasil.sop].append(Putaran(record_file, hasil))
        self.keadaan = {
            r.id: keadaan_of(r, self.setiap, rounds.get(r.id, []), today) for r in self.portal.records
        }

    @property
    def hari_ini(self) -> date:
        return self.portal.hari_ini

    def of(self, sop_id: str) -> Keadaan:
        return self.keadaan[sop_id]

    def ringkasan(self, unit: Unit) -> Ringkasan:
        states = [self.keadaan[r.id] for r in unit.records if self.keadaan[r.id].berlaku]
        year = self.hari_ini.year
        scores = [s.evaluasi[0].hasil.jumlah_ya for s in states if s.evaluasi]
        return Ringkasan(
            unit,
            len(states),
            sum(1 for s in states if s.monitoring and self.semester.contains(_day(s.monitoring[0].tanggal))),
            sum(1 for s in states if s.terlambat),
            sum(1 for s in states if s.evaluasi and s.evaluasi[0].tanggal.year == year),
            sum(scores) / len(scores) if scores else None,
        )

    def jadwal(self, units: list[Unit] | None = None) -> list[Jadwal]:
        """Reviews and monitorings overdue or due within 30 days, soonest first."""
        limit = self.hari_ini + timedelta(days=SEGERA_HARI)
        out = []
        for unit in self.portal.units if units is None else units:
            for record in unit.records:
                state = self.keadaan[record.id]
                for apa, when in (
                    ("Tinjau ulang", state.tinjau_berikutnya),
                    ("Monitoring", state.pantau_berikutnya),
                ):
                    if when is not None and when <= limit:
                        out.append(Jadwal(record, unit, apa, when, when < self.hari_ini))
        return sorted(out, key=lambda j: (j.tanggal, j.record.id, j.apa))

    def rounds_of(self, unit: Unit, jenis: str) -> list[tuple[RecordFile, list[Hasil]]]:
        """A unit's rounds of one kind, newest first, each with its results for the
        unit's SOPs."""
        ids = {r.id for r in unit.records}
        out = []
        for record_file in self.portal.pemantauan:
            assert record_file.rekaman is not None
            if record_file.rekaman.jenis != jenis:
                continue
            own = [h for h in record_file.rekaman.hasil if h.sop in ids]
            if own:
                out.append((record_file, own))
        out.sort(key=lambda item: (item[0].rekaman.tanggal, item[0].src), reverse=True)  # type: ignore[union-attr]
        return out


__all__ = ["SEGERA_HARI", "Jadwal", "Keadaan", "Putaran", "Ringkasan", "Siklus", "keadaan_of"]
