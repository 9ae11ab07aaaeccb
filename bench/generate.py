"""Synthetic SOPs for the benchmark, and the two projects built from them.

`generate(n)` makes `n` realistic SOPs, deterministically (one seed): 20 units in four
instansi, each with a `_unit.yml`; every SOP has 6 pelaksana, 12 langkah with two
decisions that send the work back (rework loops), 2-4 dasar hukum, 2-3 items in each
identity box, Indonesian administrative wording, and some `keterkaitan` references to
other SOPs of its unit (plus a few `sop:` steps and revoked SOPs with a replacement).

Two projects are written from the same SOPs:

- the portal (`make_portal_project`): a copy of the repository's mkdocs.yml, docs/,
  overrides/ and macros/ with the generated `sop_src/`, a git repository whose history
  gives every SOP three versions (`past_versions`: a draft, the version signed, today's),
  so the build reads, replays and publishes history as an agency's portal does;
- the baseline (`make_plain_project`): the same mkdocs.yml without `hooks:` and without
  the macros plugin, and the same pages written as plain Markdown (tables and lists with
  the same text) under docs/sop/, docs/katalog/ and docs/index.md, so MkDocs and
  Material do the same work minus the SOP machinery.

Plain Python; imports neither mkdocs nor the portal's macros.
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from macros.pemantauan import KRITERIA

SEED = 20240607
REPO = Path(__file__).resolve().parent.parent

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]

# ------------------------------------------------------------------ vocabulary

# (instansi folder, instansi, jenis kepala daerah, kode wilayah, [(unit folder, unit, kind)])
INSTANSI: list[tuple[str, str, str, str, list[tuple[str, str, str]]]] = [
    (
        "kab-malang",
        "Pemerintah Kabupaten Malang",
        "Bupati Malang",
        "35.07",
        [
            ("kec-kalipare", "Kantor Kecamatan Kalipare", "kecamatan"),
            ("kec-dampit", "Kantor Kecamatan Dampit", "kecamatan"),
            ("dispendukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
            ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan"),
            ("bagian-hukum", "Bagian Hukum Sekretariat Daerah", "bagian"),
        ],
    ),
    (
        "prov-jambi",
        "Pemerintah Provinsi Jambi",
        "Gubernur Jambi",
        "15",
        [
            ("bpkpd", "Badan Pengelolaan Keuangan dan Pendapatan Daerah", "badan"),
            ("dinkes", "Dinas Kesehatan", "dinas"),
            ("biro-hukum", "Biro Hukum Sekretariat Daerah", "bagian"),
            ("inspektorat", "Inspektorat Daerah", "badan"),
            ("dishub", "Dinas Perhubungan", "dinas"),
        ],
    ),
    (
        "kab-balangan",
        "Pemerintah Kabupaten Balangan",
        "Bupati Balangan",
        "63.11",
        [
            ("kec-tebing-tinggi", "Kantor Kecamatan Tebing Tinggi", "kecamatan"),
            ("kec-paringin", "Kantor Kecamatan Paringin", "kecamatan"),
            ("dinsos", "Dinas Sosial", "dinas"),
            ("bappelitbangda", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "badan"),
            ("satpol-pp", "Satuan Polisi Pamong Praja", "dinas"),
        ],
    ),
    (
        "kota-surabaya",
        "Pemerintah Kota Surabaya",
        "Wali Kota Surabaya",
        "35.78",
        [
            ("diskominfo", "Dinas Komunikasi dan Informatika", "dinas"),
            ("kec-genteng", "Kantor Kecamatan Genteng", "kecamatan"),
            ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas"),
            ("dlh", "Dinas Lingkungan Hidup", "dinas"),
            ("bagian-organisasi", "Bagian Organisasi Sekretariat Daerah", "bagian"),
        ],
    ),
]

# Six pelaksana per kind of unit, top of the hierarchy first. Index: 0 kepala, 1 sekretaris,
# 2 kepala bidang/seksi, 3 kasubag, 4 staf, 5 pemohon (the outside party).
ROLES: dict[str, tuple[str, ...]] = {
    "kecamatan": (
        "Camat",
        "Sekretaris Camat",
        "Kasi Pelayanan Umum",
        "Kasubag Umum dan Kepegawaian",
        "Staf Pelaksana",
        "Pemohon",
    ),
    "dinas": (
        "Kepala Dinas",
        "Sekretaris",
        "Kepala Bidang",
        "Kasubag Umum",
        "Pengadministrasi Umum",
        "Pemohon",
    ),
    "badan": (
        "Kepala Badan",
        "Sekretaris",
        "Kepala Bidang",
        "Kasubag Program",
        "Analis Kebijakan",
        "Pemohon",
    ),
    "bagian": (
        "Kepala Bagian",
        "Kasubag Tata Usaha",
        "Kepala Subbagian Teknis",
        "Analis Hukum",
        "Pengadministrasi",
        "Perangkat Daerah Pemohon",
    ),
}

PROSES = (
    "Penyusunan",
    "Pelayanan",
    "Penerbitan",
    "Verifikasi",
    "Pengelolaan",
    "Pengajuan",
    "Penyelesaian",
    "Pemrosesan",
    "Pendistribusian",
    "Pengarsipan",
    "Penanganan",
    "Pelaporan",
    "Pembinaan",
    "Pengendalian",
    "Evaluasi",
    "Pemantauan",
    "Pengesahan",
    "Penatausahaan",
    "Pemeriksaan",
    "Rekapitulasi",
    "Legalisasi",
    "Fasilitasi",
)
OBJEK = (
    "Surat Keterangan Domisili",
    "Surat Pengantar Nikah",
    "Laporan Kinerja Instansi Pemerintah",
    "Rencana Kerja Tahunan",
    "Dokumen Pelaksanaan Anggaran",
    "Surat Perintah Perjalanan Dinas",
    "Kartu Keluarga",
    "Akta Kelahiran",
    "Izin Usaha Mikro",
    "Pengaduan Masyarakat",
    "Surat Masuk",
    "Surat Keluar",
    "Cuti Pegawai",
    "Kenaikan Pangkat Pegawai",
    "Barang Milik Daerah",
    "Laporan Keuangan",
    "Rekomendasi Teknis",
    "Permohonan Informasi Publik",
    "Surat Keterangan Tidak Mampu",
    "Bantuan Sosial",
    "Izin Keramaian",
    "Laporan Realisasi Anggaran",
    "Naskah Dinas",
    "Produk Hukum Daerah",
    "Arsip Inaktif",
    "Gaji Pegawai",
    "Persetujuan Bangunan Gedung",
    "Rencana Strategis",
    "Tindak Lanjut Hasil Pemeriksaan",
    "Usulan Pelatihan Pegawai",
    "Kendaraan Dinas",
    "Surat Keterangan Ahli Waris",
    "Surat Keterangan Usaha",
    "Survei Kepuasan Masyarakat",
    "Musyawarah Perencanaan Pembangunan",
    "Daftar Hadir Pegawai",
)
BERKAS = (
    "berkas permohonan",
    "surat masuk",
    "dokumen persyaratan",
    "nota dinas",
    "formulir isian",
    "data pemohon",
    "usulan kegiatan",
    "laporan",
)
KONSEP = ("konsep surat", "draf keputusan", "konsep laporan", "naskah dinas", "konsep rekomendasi")

# The twelve stages of a typical administrative procedure: (verb phrases, pelaksana index).
# Stages 4 and 8 (0-based) are the decisions.
STAGES: list[tuple[tuple[str, ...], int, tuple[str, ...]]] = [
    (
        ("Mengajukan {berkas} beserta persyaratan", "Menyampaikan {berkas} secara tertulis"),
        5,
        ("{Berkas}", "{Berkas} dan persyaratan"),
    ),
    (
        (
            "Menerima dan mencatat {berkas} dalam buku agenda",
            "Menginput {berkas} ke aplikasi",
            "Meregistrasi {berkas}",
        ),
        4,
        ("{Berkas} tercatat", "Nomor agenda"),
    ),
    (
        ("Memberi disposisi atas {berkas}", "Mendisposisikan {berkas} kepada pejabat terkait"),
        0,
        ("Lembar disposisi",),
    ),
    (
        ("Meneliti kelengkapan {berkas}", "Memverifikasi keabsahan {berkas}", "Memeriksa {berkas}"),
        2,
        ("Hasil penelitian berkas", "Daftar periksa terisi"),
    ),
    (
        ("Memeriksa kelengkapan dan keabsahan {berkas}", "Menilai kesesuaian {berkas} dengan persyaratan"),
        2,
        ("Hasil verifikasi", "{Berkas} lengkap"),
    ),
    (
        ("Memproses {berkas} sesuai ketentuan", "Menelaah {berkas}", "Mengolah data {berkas}"),
        4,
        ("Telaahan staf", "Data terolah"),
    ),
    (("Menyusun {konsep}", "Mengetik {konsep}", "Menyiapkan {konsep}"), 4, ("{Konsep}",)),
    (("Mengoreksi dan memaraf {konsep}", "Mereviu {konsep}"), 3, ("{Konsep} terparaf",)),
    (("Memeriksa dan menyetujui {konsep}", "Menilai {konsep}"), 1, ("{Konsep} disetujui",)),
    (("Menandatangani {konsep}", "Mengesahkan {konsep}"), 0, ("{Konsep} yang telah ditandatangani",)),
    (
        ("Memberi nomor, menggandakan dan mendistribusikan {konsep}", "Menyampaikan {konsep} kepada pemohon"),
        3,
        ("Tanda terima", "Bukti pengiriman"),
    ),
    (
        ("Mengarsipkan {konsep} dan {berkas}", "Melaporkan hasil penyelesaian kepada atasan"),
        4,
        ("Arsip", "Laporan penyelesaian"),
    ),
]
# Where editors differ: other pelaksana some stages are given to (each role keeps at least
# one stage of its own, so no pelaksana is left unused).
ROLE_CHOICES: dict[int, tuple[int, ...]] = {
    1: (4, 3),
    3: (2, 3, 4),
    5: (4, 2, 3),
    7: (3, 2, 1),
    11: (4, 3, 5),
}
DECISIONS = (("Lengkap", "Tidak lengkap"), ("Ya", "Tidak"), ("Sesuai", "Tidak sesuai"))
APPROVALS = (("Setuju", "Perbaikan"), ("Ya", "Tidak"), ("Disetujui", "Dikembalikan"))
WAKTU = (
    "5 menit",
    "10 menit",
    "15 menit",
    "30 menit",
    "1 jam",
    "2 jam",
    "1 hari",
    "1-3 hari",
    "3 hari kerja",
    "30 menit - 1 jam",
)
KELENGKAPAN = (
    "Formulir permohonan",
    "KTP dan Kartu Keluarga",
    "Surat pengantar RT/RW",
    "Lembar disposisi",
    "Buku agenda surat",
    "Komputer dan printer",
    "Daftar periksa kelengkapan",
    "Nota dinas",
    "Berkas persyaratan",
    "Pedoman tata naskah dinas",
)
DASAR_HUKUM = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
    "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan",
    "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
    "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 "
    "tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan "
    "Pemerintah Daerah",
)
KUALIFIKASI = (
    "Memahami tugas pokok dan fungsi unit kerja",
    "Mampu mengoperasikan komputer",
    "Memahami tata naskah dinas",
    "Berpendidikan paling rendah SMA atau sederajat",
    "Memahami peraturan perundang-undangan terkait",
    "Mampu berkomunikasi dengan baik",
    "Teliti dan cermat dalam memeriksa berkas",
    "Memahami aplikasi pelayanan yang digunakan",
)
KETERKAITAN_TEKS = (
    "Standar Pelayanan unit kerja",
    "Maklumat Pelayanan",
    "Rencana Strategis Perangkat Daerah",
    "Jadwal Retensi Arsip",
    "Perjanjian Kinerja",
)
PERALATAN = (
    "Komputer dan printer",
    "Jaringan internet",
    "Alat tulis kantor",
    "Buku agenda surat",
    "Stempel dinas",
    "Aplikasi tata naskah dinas elektronik",
    "Lemari arsip",
    "Mesin fotokopi",
)
PERINGATAN = (
    "Apabila SOP ini tidak dilaksanakan, pelayanan kepada masyarakat akan terhambat",
    "Berkas yang tidak lengkap dikembalikan kepada pemohon disertai alasan",
    "Keterlambatan penyelesaian wajib dilaporkan kepada atasan langsung",
    "Kerahasiaan data pribadi pemohon wajib dijaga",
    "Setiap perubahan isi dokumen harus mendapat persetujuan pejabat berwenang",
)
PENCATATAN = (
    "Buku register permohonan",
    "Arsip surat keluar",
    "Basis data aplikasi pelayanan",
    "Buku agenda surat masuk",
    "Laporan bulanan",
    "Lembar kendali penyelesaian",
)
NAMA_DEPAN = [
    "Agus",
    "Budi",
    "Sri",
    "Dewi",
    "Hendra",
    "Siti",
    "Bambang",
    "Rina",
    "Eko",
    "Wahyu",
    "Nur",
    "Yuliana",
    "Ahmad",
    "Retno",
    "Joko",
    "Fitri",
    "Rahmat",
    "Indah",
    "Muhammad",
    "Ratna",
]
NAMA_BELAKANG = [
    "Santoso",
    "Wulandari",
    "Prasetyo",
    "Hidayat",
    "Susanti",
    "Saputra",
    "Rahayu",
    "Kurniawan",
    "Lestari",
    "Setiawan",
    "Nugroho",
    "Hasibuan",
    "Siregar",
    "Rahman",
    "Hakim",
    "Permana",
]
GELAR = (", S.Sos", ", S.STP, M.Si", ", S.H., M.H.", ", S.E., M.M.", ", S.Pd, MM", ", S.IP", ", S.T., M.T.")
PANGKAT = ("Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Penata Tingkat I")
JENIS = ("terkait", "prasyarat", "lanjutan", "bagian-dari")


# ------------------------------------------------------------------ the synthetic SOPs


@dataclass
class Unit:
    folder: str  # under sop_src/, e.g. kab-malang/kec-kalipare
    instansi: str
    unit: str
    kind: str
    kepala_daerah: str
    kode: str
    pengesah: dict[str, str]
    letterhead: dict[str, str]

    @property
    def roles(self) -> tuple[str, ...]:
        return ROLES[self.kind]

    @property
    def slug(self) -> str:
        return f"{slugify(self.instansi)}/{slugify(self.unit)}"


@dataclass
class SynthSop:
    id: str
    unit: Unit
    data: dict[str, Any]  # the front matter (instansi and unit come from _unit.yml)
    body: str
    references: list[tuple[str, str]] = field(default_factory=list)  # (target id, jenis)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(NAMA_DEPAN).upper()} {rng.choice(NAMA_BELAKANG).upper()}{rng.choice(GELAR)}"


def _nip(rng: random.Random) -> str:
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(20 * 365))
    hired = born.year + rng.randint(22, 30)
    return f"{born:%Y%m%d} {hired}{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 15):03d}"


def units(seed: int = SEED) -> list[Unit]:
    """The 20 units, four instansi of five units each."""
    rng = random.Random(f"{seed}-units")
    out: list[Unit] = []
    for folder, instansi, kepala_daerah, kode, members in INSTANSI:
        for number, (sub, name, kind) in enumerate(members, start=1):
            head = ROLES[kind][0]
            place = name.removeprefix("Kantor Kecamatan ") if kind == "kecamatan" else name
            pengesah = {
                "jabatan": f"{head} {place}" if kind == "kecamatan" else f"{head} {name}",
                "nama": _person(rng),
                "pangkat": rng.choice(PANGKAT),
                "nip": _nip(rng),
            }
            domain = f"{sub}.{folder.split('-', 1)[1]}.go.id"
            letterhead = {
                "alamat": f"Jalan {rng.choice(NAMA_BELAKANG)} No. {rng.randint(1, 120)}",
                "telepon": f"(0{rng.randint(300, 799)}) {rng.randint(100000, 999999)}",
                "email": f"{sub}@{folder.split('-', 1)[1]}.go.id",
                "website": f"https://{domain}",
            }
            out.append(
                Unit(
                    f"{folder}/{sub}",
                    instansi,
                    name,
                    kind,
                    kepala_daerah,
                    f"{kode}.{number:02d}",
                    pengesah,
                    letterhead,
                )
            )
    return out


def _tanggal(rng: random.Random, day: date) -> str:
    """ISO or the Indonesian long form, as editors write them."""
    if rng.random() < 0.6:
        return day.isoformat()
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def _pick(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> list[str]:
    return rng.sample(pool, rng.randint(low, high))


def _steps(rng: random.Random, roles: tuple[str, ...], sop_ref: str | None) -> list[dict[str, Any]]:
    berkas, konsep = rng.choice(BERKAS), rng.choice(KONSEP)
    back1 = rng.randint(2, 4)  # step numbers (1-based) the decisions send the work back to
    back2 = rng.randint(6, 8)
    steps: list[dict[str, Any]] = []
    words = {"berkas": berkas, "konsep": konsep, "Berkas": berkas.capitalize(), "Konsep": konsep.capitalize()}
    for index, (phrases, role, outputs) in enumerate(STAGES):
        number = index + 1
        step: dict[str, Any] = {
            "kegiatan": rng.choice(phrases).format(**words),
            "pelaksana": roles[role],
        }
        if index in ROLE_CHOICES and rng.random() < 0.5:
            step["pelaksana"] = roles[rng.choice(ROLE_CHOICES[index])]
        if index == 5 and rng.random() < 0.3:
            step["pelaksana"] = [roles[2], roles[4]]  # done together, drawn in both columns
        kelengkapan = _pick(rng, KELENGKAPAN, 1, 2)
        step["kelengkapan"] = kelengkapan[0] if len(kelengkapan) == 1 else kelengkapan
        step["waktu"] = rng.choice(WAKTU)
        step["output"] = rng.choice(outputs).format(**words)
        if index == 4:
            yes, no = rng.choice(DECISIONS)
            step["keputusan"] = {yes: number + 1, no: back1}
        elif index == 8:
            yes, no = rng.choice(APPROVALS)
            step["keputusan"] = {yes: number + 1, no: back2}
        if index == 6 and sop_ref:
            step["sop"] = sop_ref
        if rng.random() < 0.2:
            step["keterangan"] = rng.choice(
                ("Paling lambat 1 hari kerja", "Melalui aplikasi", "Dapat diwakilkan")
            )
        steps.append(step)
    return steps


def generate(n: int, seed: int = SEED) -> list[SynthSop]:
    """`n` SOPs spread evenly over the 20 units; the same `n` and seed give the same SOPs."""
    all_units = units(seed)
    rng = random.Random(f"{seed}-sops")
    out: list[SynthSop] = []
    per_unit: dict[str, list[SynthSop]] = {u.folder: [] for u in all_units}
    names: set[str] = set()
    for i in range(n):
        unit = all_units[i % len(all_units)]
        siblings = per_unit[unit.folder]
        k = len(siblings)
        nama = f"{rng.choice(PROSES)} {rng.choice(OBJEK)}"
        slug = slugify(nama)
        sop_id, extra = f"{unit.folder}/{slug}", 2
        while sop_id in names:
            sop_id, extra = f"{unit.folder}/{slug}-{extra}", extra + 1
        names.add(sop_id)
        made = date(2015, 1, 1) + timedelta(days=rng.randrange(9 * 365))
        status = "berlaku"
        roll = rng.random()
        if roll < 0.08:
            status = "konsep"
        elif roll < 0.12 and k > 0:
            status = "dicabut"
        data: dict[str, Any] = {"nama": nama}
        if status != "konsep" or rng.random() < 0.5:
            data["nomor"] = f"{rng.choice(('800', '470', '060', '045'))}/{k + 1:04d}/{unit.kode}/{made.year}"
        data["tanggal_pembuatan"] = _tanggal(rng, made)
        effective = made + timedelta(days=rng.randint(0, 60))
        if rng.random() < 0.4:
            effective = effective + timedelta(days=rng.randint(200, 900))
            data["tanggal_revisi"] = _tanggal(rng, effective)
        if status != "konsep":
            data["tanggal_efektif"] = _tanggal(rng, effective)
        data["disahkan_oleh"] = dict(unit.pengesah)
        data["status"] = status
        if status == "dicabut":
            data["diganti_oleh"] = rng.choice(siblings).id
        data["dasar_hukum"] = _pick(rng, DASAR_HUKUM, 2, 4)
        data["kualifikasi_pelaksana"] = _pick(rng, KUALIFIKASI, 2, 3)
        keterkaitan: list[Any] = _pick(rng, KETERKAITAN_TEKS, 1, 2)
        references: list[tuple[str, str]] = []
        if k > 0 and rng.random() < 0.6:
            target, jenis = rng.choice(siblings).id, rng.choice(JENIS)
            keterkaitan.append({"sop": target, "jenis": jenis})
            references.append((target, jenis))
        if len(keterkaitan) < 2:
            keterkaitan.append(rng.choice([t for t in KETERKAITAN_TEKS if t not in keterkaitan]))
        data["keterkaitan"] = keterkaitan
        data["peralatan_perlengkapan"] = _pick(rng, PERALATAN, 2, 3)
        data["peringatan"] = _pick(rng, PERINGATAN, 2, 3)
        data["pencatatan_pendataan"] = _pick(rng, PENCATATAN, 2, 3)
        data["pelaksana"] = list(unit.roles)
        sop_ref = rng.choice(siblings).id if k > 0 and rng.random() < 0.1 else None
        data["langkah"] = _steps(rng, unit.roles, sop_ref)
        if sop_ref:
            references.append((sop_ref, "langkah"))
        body = ""
        if rng.random() < 0.5:
            body = (
                f"SOP ini mengatur tata cara {nama.lower()} di lingkungan {unit.unit}. "
                f"Pelaksanaannya mengacu pada {data['dasar_hukum'][0]}.\n\n"
                f"- Permohonan yang lengkap diselesaikan sesuai waktu pada tabel prosedur.\n"
                f"- Pertanyaan dapat disampaikan melalui {unit.letterhead['email']}.\n"
            )
        sop = SynthSop(sop_id, unit, data, body, references)
        siblings.append(sop)
        out.append(sop)
    return out


# ------------------------------------------------------------------ the portal project


def _yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_sources(sops: list[SynthSop], sop_src: Path, seed: int = SEED, version: int = -1) -> None:
    """The `sop_src/` folder: one `_unit.yml` per unit, one Markdown file per SOP
    (`version`: which of `past_versions`, -1 today's)."""
    for unit in units(seed):
        folder = sop_src / unit.folder
        folder.mkdir(parents=True, exist_ok=True)
        info = {"instansi": unit.instansi, "unit": unit.unit, **unit.letterhead}
        (folder / "_unit.yml").write_text(_yaml(info), encoding="utf-8")
    for sop in sops:
        text = f"---\n{_yaml(past_versions(sop)[version])}---\n{sop.body}"
        (sop_src / f"{sop.id}.md").write_text(text, encoding="utf-8")
    write_records(sops, sop_src, seed)


def past_versions(sop: SynthSop) -> list[dict[str, Any]]:
    """An SOP's versions, oldest first, as an agency's history has them: a draft (konsep,
    no number or dates of effect yet, the first step taking longer), the version signed
    (a revoked SOP still in force then, the second step's waktu of then), today's."""
    draft = copy.deepcopy(sop.data)
    for key in ("nomor", "tanggal_efektif", "tanggal_revisi", "diganti_oleh"):
        draft.pop(key, None)
    draft["status"] = "konsep"
    draft["langkah"][0]["waktu"] = "3 hari"
    signed = copy.deepcopy(sop.data)
    signed.pop("diganti_oleh", None)
    signed.pop("tanggal_revisi", None)
    if signed["status"] == "dicabut":
        signed["status"] = "berlaku"
    signed["langkah"][1]["waktu"] = "2 hari"
    return [draft, signed, sop.data]


HISTORY_DATES = ("2023-01-16T09:00:00+07:00", "2023-07-03T09:00:00+07:00", "2024-01-15T09:00:00+07:00")


def commit_history(sops: list[SynthSop], project: Path, seed: int = SEED) -> None:
    """Make `project` a git repository with one commit per version of every SOP
    (`past_versions`), on fixed dates with a fixed identity: the same history each time."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }

    def git(*args: str, when: str | None = None) -> None:
        dated = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env | dated)

    git("init", "-q", "-b", "main")
    for version, (when, message) in enumerate(
        zip(HISTORY_DATES, ("Konsep SOP", "SOP disahkan", "Revisi SOP"), strict=True)
    ):
        write_sources(sops, project / "sop_src", seed, version)
        git("add", "-A")
        git("commit", "-q", "--no-verify", "-m", message, when=when)


_ANSWERS = ("ya", "tidak")


def write_records(sops: list[SynthSop], sop_src: Path, seed: int = SEED) -> None:
    """One monitoring and one evaluation round per unit (`_pemantauan/`), over every SOP
    in force of the unit, as an agency keeps them."""
    rng = random.Random(f"{seed}-pemantauan")
    for unit in units(seed):
        in_force = [s.id for s in sops if s.unit.folder == unit.folder and s.data["status"] == "berlaku"]
        if not in_force:
            continue
        folder = sop_src / unit.folder / "_pemantauan"
        folder.mkdir(parents=True, exist_ok=True)
        penilai = {"jabatan": f"Sekretaris {unit.unit}", "nama": _person(rng)}
        monitoring = [
            {"sop": i, "penilaian": rng.choice(("berjalan-baik", "berjalan-baik", "tidak-berjalan-baik"))}
            for i in in_force
        ]
        evaluasi = [
            {
                "sop": i,
                "kriteria": {k: rng.choice(_ANSWERS) for k in KRITERIA},
                "catatan": "Dievaluasi oleh tim.",
            }
            for i in in_force
        ]
        for name, jenis, tanggal, hasil in (
            ("2024-semester-1.yml", "monitoring", "2024-06-28", monitoring),
            ("2024-evaluasi.yml", "evaluasi", "2024-07-10", evaluasi),
        ):
            record = {"jenis": jenis, "tanggal": tanggal, "penilai": penilai, "hasil": hasil}
            (folder / name).write_text(_yaml(record), encoding="utf-8")


_COPY_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


def _copy_repo(project: Path, repo: Path, folders: tuple[str, ...]) -> None:
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy2(repo / "mkdocs.yml", project / "mkdocs.yml")
    for folder in folders:
        shutil.copytree(repo / folder, project / folder, ignore=_COPY_IGNORE)


def make_portal_project(sops: list[SynthSop], project: Path, repo: Path = REPO, seed: int = SEED) -> Path:
    """A copy of the repository's site (mkdocs.yml, docs/, overrides/, macros/) whose
    sop_src/ holds the generated SOPs, committed with their history (`commit_history`)."""
    _copy_repo(project, repo, ("docs", "overrides", "macros"))
    commit_history(sops, project, seed)
    return project


# ------------------------------------------------------------------ the baseline project


def plain_config(text: str, nav_units: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """mkdocs.yml without the SOP machinery: no `hooks:` section, no macros plugin,
    Material's own search (`extra.pencarian: lunr`: the Pagefind index is the hook's
    work); the catalog's nav entry becomes a section with the unit pages, as the hook
    makes it."""
    out: list[str] = []
    skip_indent: int | None = None
    for line in text.splitlines():
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if skip_indent is not None:
            # Inside a removed block: its deeper lines (and, for a top-level key, its
            # unindented list items).
            if not stripped or indent > skip_indent or (skip_indent == 0 and stripped.startswith("- ")):
                continue
            skip_indent = None
        if re.match(r"^hooks:\s*$", line):
            skip_indent = 0
            continue
        if re.match(r"^\s*-\s+macros:?\s*$", line):
            skip_indent = indent
            continue
        search = re.match(r"^(\s+)pencarian:", line)
        if search:  # the portal's Pagefind index is made by the hook: Material's own search
            out.append(f"{search.group(1)}pencarian: lunr")
            continue
        catalog = re.match(r"^(\s*)- ([^:]+): katalog/index\.md\s*$", line)
        if catalog:
            pad = catalog.group(1)
            out.append(f"{pad}- {catalog.group(2)}:")
            out.append(f"{pad}    - katalog/index.md")
            for instansi, members in nav_units:
                out.append(f"{pad}    - {_quote(instansi)}:")
                for title, uri in members:
                    out.append(f"{pad}        - {_quote(title)}: {uri}")
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cell(values: Any) -> str:
    """A table cell: one value, or several joined with <br>."""
    if values is None or values == "" or values == []:
        return "-"
    if isinstance(values, (list, tuple)):
        return "<br>".join(f"{i}. {v}" if len(values) > 1 else str(v) for i, v in enumerate(values, 1))
    return str(values).replace("|", "\\|")


def _rel(from_uri: str, to_uri: str) -> str:
    return os.path.relpath(to_uri, os.path.dirname(from_uri) or ".").replace(os.sep, "/")


STATUS = {"berlaku": "Berlaku", "konsep": "Konsep", "dicabut": "Dicabut"}


def plain_sop_page(sop: SynthSop, by_id: dict[str, SynthSop], backlinks: list[tuple[str, str]]) -> str:
    """The text of an SOP page as plain Markdown: the same content as the portal's page."""
    uri = f"sop/{sop.id}.md"
    d, unit = sop.data, sop.unit
    unit_uri = f"katalog/{unit.slug}/index.md"
    pengesah = d["disahkan_oleh"]
    lines = [
        "---",
        "hide:",
        "  - navigation",
        "---",
        "",
        f"[Katalog]({_rel(uri, 'katalog/index.md')}) › {unit.instansi} › "
        f"[{unit.unit}]({_rel(uri, unit_uri)})",
        "",
        f"# {d['nama']}",
        "",
        f"- **Unit:** {unit.unit}, {unit.instansi}",
        f"- **Nomor SOP:** {d.get('nomor') or '-'}",
        f"- **Status:** {STATUS[d['status']]}",
        f"- **Tanggal Efektif:** {d.get('tanggal_efektif') or '-'}",
        f"- **Pelaksana:** {len(d['pelaksana'])} jabatan, {len(d['langkah'])} langkah",
        "",
        "## Identitas SOP",
        "",
        f"**{unit.instansi}**  ",
        f"**{unit.unit}**  ",
        f"{unit.letterhead['alamat']}, {unit.letterhead['telepon']}, {unit.letterhead['email']}",
        "",
        "| | |",
        "|---|---|",
        f"| Nomor SOP | {d.get('nomor') or '-'} |",
        f"| Tanggal Pembuatan | {d['tanggal_pembuatan']} |",
        f"| Tanggal Revisi | {d.get('tanggal_revisi') or '-'} |",
        f"| Tanggal Efektif | {d.get('tanggal_efektif') or '-'} |",
        f"| Disahkan oleh | {pengesah['jabatan']}<br>{pengesah['nama']}<br>{pengesah['pangkat']}<br>"
        f"NIP {pengesah['nip']} |",
        f"| Nama SOP | {d['nama']} |",
        "",
        "| Dasar Hukum | Kualifikasi Pelaksana |",
        "|---|---|",
        f"| {_cell(d['dasar_hukum'])} | {_cell(d['kualifikasi_pelaksana'])} |",
        "",
        "| Keterkaitan | Peralatan/Perlengkapan |",
        "|---|---|",
        f"| {_cell([_keterkaitan(k, by_id) for k in d['keterkaitan']])} "
        f"| {_cell(d['peralatan_perlengkapan'])} |",
        "",
        "| Peringatan | Pencatatan dan Pendataan |",
        "|---|---|",
        f"| {_cell(d['peringatan'])} | {_cell(d['pencatatan_pendataan'])} |",
        "",
        "## Prosedur",
        "",
        "| No | Kegiatan | " + " | ".join(d["pelaksana"]) + " | Kelengkapan | Waktu | Output | Keterangan |",
        "|---|---|" + "---|" * len(d["pelaksana"]) + "---|---|---|---|",
    ]
    for number, step in enumerate(d["langkah"], start=1):
        roles = step["pelaksana"] if isinstance(step["pelaksana"], list) else [step["pelaksana"]]
        marks = [
            "◆" if "keputusan" in step and r in roles else ("■" if r in roles else "") for r in d["pelaksana"]
        ]
        flow = ", ".join(f"{k} → {v}" for k, v in step.get("keputusan", {}).items())
        if number == len(d["langkah"]):
            flow = "Selesai"
        notes = [x for x in (step.get("keterangan"), flow) if x]
        if "sop" in step:
            target = by_id[step["sop"]]
            notes.append(f"Melalui SOP: [{target.data['nama']}]({_rel(uri, f'sop/{target.id}.md')})")
        lines.append(
            f"| {number} | {step['kegiatan']} | "
            + " | ".join(marks)
            + f" | {_cell(step['kelengkapan'])} | {step['waktu']} | {_cell(step['output'])} | "
            + ("<br>".join(notes) or " ")
            + " |"
        )
    lines += ["", "### Langkah", ""]
    for number, step in enumerate(d["langkah"], start=1):
        roles = step["pelaksana"] if isinstance(step["pelaksana"], list) else [step["pelaksana"]]
        lines.append(
            f"{number}. **{step['kegiatan']}** — {', '.join(roles)}; {step['waktu']}; {_cell(step['output'])}"
        )
    if sop.body.strip():
        lines += ["", "## Uraian", "", sop.body.strip()]
    lines += ["", "## SOP Terkait", ""]
    related = [*sop.references, *backlinks]
    if not related:
        lines.append("Tidak ada SOP terkait.")
    for target, jenis in related:
        lines.append(f"- [{by_id[target].data['nama']}]({_rel(uri, f'sop/{target}.md')}) ({jenis})")
    return "\n".join(lines) + "\n"


def _keterkaitan(item: Any, by_id: dict[str, SynthSop]) -> str:
    if isinstance(item, dict):
        return f"{by_id[item['sop']].data['nama']} ({item['jenis']})"
    return str(item)


def _sop_table(sops: list[SynthSop], from_uri: str) -> list[str]:
    lines = ["| Nama SOP | Nomor | Status | Tanggal Efektif |", "|---|---|---|---|"]
    for sop in sorted(sops, key=lambda s: (s.data["nama"].lower(), s.id)):
        d = sop.data
        link = _rel(from_uri, f"sop/{sop.id}.md")
        lines.append(
            f"| [{d['nama']}]({link}) | {d.get('nomor') or '-'} | {STATUS[d['status']]} | "
            f"{d.get('tanggal_efektif') or '-'} |"
        )
    return lines


def write_plain_pages(
    sops: list[SynthSop], docs: Path, seed: int = SEED
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The baseline's generated pages; returns the unit entries for the nav."""
    by_id = {s.id: s for s in sops}
    back: dict[str, list[tuple[str, str]]] = {}
    for sop in sops:
        for target, jenis in sop.references:
            back.setdefault(target, []).append((sop.id, jenis))
        if sop.data.get("diganti_oleh"):
            back.setdefault(sop.data["diganti_oleh"], []).append((sop.id, "pengganti dari"))
    for sop in sops:
        path = docs / "sop" / f"{sop.id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(plain_sop_page(sop, by_id, back.get(sop.id, [])), encoding="utf-8")
    all_units = units(seed)
    members = {u.folder: [s for s in sops if s.unit.folder == u.folder] for u in all_units}
    catalog = ["# Katalog SOP", "", "Semua SOP, dikelompokkan menurut instansi dan unit kerja.", ""]
    nav: list[tuple[str, list[tuple[str, str]]]] = []
    for instansi in sorted({u.instansi for u in all_units}, key=str.lower):
        catalog += [f"## {instansi}", ""]
        entries: list[tuple[str, str]] = []
        for unit in sorted((u for u in all_units if u.instansi == instansi), key=lambda u: u.unit.lower()):
            if not members[unit.folder]:
                continue
            uri = f"katalog/{unit.slug}/index.md"
            entries.append((unit.unit, uri))
            catalog += [f"### [{unit.unit}]({_rel('katalog/index.md', uri)})", ""]
            catalog += [*_sop_table(members[unit.folder], "katalog/index.md"), ""]
            page = [f"[Katalog]({_rel(uri, 'katalog/index.md')}) › {instansi}", "", f"# {unit.unit}", ""]
            page += [
                f"{instansi}<br>{unit.letterhead['alamat']}",
                "",
                f"{len(members[unit.folder])} SOP.",
                "",
            ]
            page += _sop_table(members[unit.folder], uri)
            (docs / uri).parent.mkdir(parents=True, exist_ok=True)
            (docs / uri).write_text("\n".join(page) + "\n", encoding="utf-8")
        if entries:
            nav.append((instansi, entries))
    (docs / "katalog" / "index.md").write_text("\n".join(catalog) + "\n", encoding="utf-8")
    recent = sorted(sops, key=lambda s: s.id)[:10]
    home = (docs / "index.md").read_text(encoding="utf-8")
    home = home.replace("{{ statistik() }}", f"{len(sops)} SOP dari {len(nav)} instansi.")
    home = home.replace(
        "{{ sop_terbaru(10) }}",
        "\n".join(f"- [{s.data['nama']}]({_rel('index.md', f'sop/{s.id}.md')})" for s in recent),
    )
    (docs / "index.md").write_text(home, encoding="utf-8")
    return nav


_MACRO_CALL = re.compile(r"\{\{.*?\}\}")


def make_plain_project(sops: list[SynthSop], project: Path, repo: Path = REPO, seed: int = SEED) -> Path:
    """The baseline: the same site with the SOP pages as plain Markdown and no SOP
    machinery (no hook, no macros plugin)."""
    _copy_repo(project, repo, ("docs", "overrides"))
    docs = project / "docs"
    for page in docs.rglob("*.md"):  # the hand-written pages' macro calls become plain text
        text = page.read_text(encoding="utf-8")
        if page.relative_to(docs).as_posix() not in ("index.md", "katalog/index.md") and "{{" in text:
            page.write_text(_MACRO_CALL.sub("(tabel)", text), encoding="utf-8")
    nav = write_plain_pages(sops, docs, seed)
    # The open data the hook publishes (sop.json, sop.csv), linked from data-terbuka.md:
    # empty stand-ins, so the baseline's links resolve as the portal's do.
    (docs / "sop.json").write_text("[]\n", encoding="utf-8")
    (docs / "sop.csv").write_text("id,nomor,nama\n", encoding="utf-8")
    # Likewise the monitoring open data and the portal-wide monitoring page (generated).
    (docs / "pemantauan.json").write_text("[]\n", encoding="utf-8")
    (docs / "pemantauan.csv").write_text("sumber,jenis,tanggal\n", encoding="utf-8")
    (docs / "pemantauan").mkdir(exist_ok=True)
    (docs / "pemantauan" / "index.md").write_text("# Pemantauan SOP\n", encoding="utf-8")
    # And the change page and feed (issue 15); the history itself has no stand-in: the
    # verification pages and the Riwayat sections are the portal's cost.
    (docs / "perubahan.xml").write_text('<feed xmlns="http://www.w3.org/2005/Atom"/>\n', encoding="utf-8")
    (docs / "perubahan").mkdir(exist_ok=True)
    (docs / "perubahan" / "index.md").write_text("# Perubahan Terbaru\n", encoding="utf-8")
    config = plain_config((repo / "mkdocs.yml").read_text(encoding="utf-8"), nav)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the benchmark's synthetic projects.")
    parser.add_argument("n", type=int, help="number of SOPs")
    parser.add_argument("dest", type=Path, help="folder to create (portal/ and plain/ inside)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    sops = generate(args.n, args.seed)
    make_portal_project(sops, args.dest / "portal", seed=args.seed)
    make_plain_project(sops, args.dest / "plain", seed=args.seed)
    print(f"{args.n} SOP: {args.dest / 'portal'} dan {args.dest / 'plain'}")


if __name__ == "__main__":
    main()
