"""The SOP model: the source format (shared SOP-FORMAT.md) in code, and its messages.

One pydantic model validates what an editor writes. Every field carries its
Indonesian label and description, which the editor guide and the JSON Schema are
made from. Errors are raised in Indonesian (`PydanticCustomError`); `validation.py`
runs the model and translates them, and checks the rules that span fields (roles,
step targets, what `berlaku` requires). Nothing else in the project re-reads raw
YAML or checks types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    Tag,
    WithJsonSchema,
    create_model,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from .dates import EXPECTED as DATE_EXPECTED
from .dates import Tanggal, TanggalError, is_blank, parse_tanggal
from .durations import MAX_DIGITS, Waktu, long_number, parse_waktu
from .errors import describe, short, suggestion
from .periode import TinjauSetiap

# ---------------------------------------------------------------- value types


def _fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    """An Indonesian error. The context is put into the message here, in one pass:
    pydantic would replace `{name}` again inside values already put in (an editor's
    text holding `{found}`)."""
    text = _PLACEHOLDER.sub(lambda m: str(context[m[1]]) if m[1] in context else m[0], message)
    return PydanticCustomError(kind, text)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _as_text(value: Any) -> str:
    """Text as written; numbers keep their source (`070` stays `070`)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(getattr(value, "source", value))
    if isinstance(value, date):
        return value.isoformat()
    raise _fail("teks", "diharapkan teks, ditemukan {found}", found=describe(value))


def _required_text(value: Any) -> str:
    text = _as_text(value) if value is not None else ""
    if not text:
        raise _fail("wajib", "wajib diisi: diharapkan teks, ditemukan {found}", found=describe(value))
    return text


def _optional_text(value: Any) -> str | None:
    if value is None:
        return None
    return _as_text(value) or None


def _listify(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Mapping):
        raise _fail(
            "teks_atau_daftar",
            "diharapkan teks atau daftar teks, ditemukan {found}",
            found=describe(value),
        )
    return [value]


def _item_text(value: Any) -> str:
    return "" if value is None else _as_text(value)


def _drop_blank(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(item for item in items if item)


_TEXT_SCHEMA: dict[str, Any] = {"type": ["string", "number"], "pattern": r"\S"}  # not blank
_TEXT_LIST_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": ["string", "number", "null"]},
        {"type": "array", "items": {"type": ["string", "number", "null"]}},
    ]
}

Text = Annotated[str, BeforeValidator(_required_text), WithJsonSchema(_TEXT_SCHEMA)]
OptionalText = Annotated[
    str | None,
    BeforeValidator(_optional_text),
    WithJsonSchema({"type": ["string", "number", "null"]}),
]
ItemText = Annotated[str, BeforeValidator(_item_text)]
TextList = Annotated[
    tuple[ItemText, ...],
    BeforeValidator(_listify),
    AfterValidator(_drop_blank),
    WithJsonSchema(_TEXT_LIST_SCHEMA),
]


def _tanggal(value: Any) -> Tanggal | None:
    if value is None:
        return None
    if isinstance(value, date):
        return Tanggal.of(value)
    if not isinstance(value, str):
        raise _fail(
            "tanggal",
            "diharapkan {expected}, ditemukan {found}",
            expected=DATE_EXPECTED,
            found=describe(value),
        )
    if is_blank(value):
        return None
    try:
        return parse_tanggal(value)
    except ValueError as exc:
        raise _fail(
            "tanggal",
            "tanggal tidak dapat dibaca ({reason}): diharapkan {expected}, ditemukan '{found}'",
            reason=str(exc) if isinstance(exc, TanggalError) else "tanggal tidak ada",
            expected=DATE_EXPECTED,
            found=value.strip(),
        ) from None


_DATE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {
            "type": "string",
            "pattern": r"^\s*(-|[0-9]{4}-[0-9]{1,2}(-[0-9]{1,2})?|([0-9]{1,2}\s+)?[A-Za-z]+\.?\s+[0-9]{4})?"
            r"\s*$",
        },
        {"type": "null"},
    ]
}
TanggalField = Annotated[
    Tanggal | None,
    BeforeValidator(_tanggal),
    PlainSerializer(lambda t: t.iso() if t else None),
    WithJsonSchema(_DATE_SCHEMA),
]


def _required_tanggal(value: Any) -> Tanggal:
    tanggal = _tanggal(value)
    if tanggal is None:
        raise _fail(
            "wajib",
            "wajib diisi: diharapkan {expected}, ditemukan {found}",
            expected=DATE_EXPECTED,
            found=describe(value) if value is None else f"'{value}'",
        )
    return tanggal


RequiredTanggal = Annotated[
    Tanggal,
    BeforeValidator(_required_tanggal),
    PlainSerializer(lambda t: t.iso()),
    # Required: a date, not blank or '-'.
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*([0-9]{4}-[0-9]{1,2}(-[0-9]{1,2})?|([0-9]{1,2}\s+)?[A-Za-z]+\.?\s+[0-9]{4})\s*$",
        }
    ),
]

_NIP_DIGITS = 18
_ASCII_DIGITS = frozenset("0123456789")  # str.isdigit() also takes '²', '１', '١'


def _nip(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _fail("nip", "diharapkan NIP 18 angka, ditemukan {found}", found=describe(value))
    text = _as_text(value)
    if not text or text == "-":
        return None
    digits = text.replace(" ", "")
    ascii_digits = sum(c in _ASCII_DIGITS for c in digits)
    if ascii_digits != len(digits) or len(digits) != _NIP_DIGITS:
        other = next((c for c in digits if c.isdigit() and c not in _ASCII_DIGITS), None)
        raise _fail(
            "nip",
            "NIP tidak valid: diharapkan 18 angka (spasi boleh, mis. 19631116 199010 2 002), "
            "ditemukan '{found}' ({count} angka{other})",
            found=short(text),
            count=ascii_digits,
            other=(
                ""
                if ascii_digits == len(digits)
                else f", dengan angka selain 0-9: '{other}'"
                if other
                else ", dengan karakter selain angka dan spasi"
            ),
        )
    return text


NipField = Annotated[
    str | None,
    BeforeValidator(_nip),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*(-|[0-9]( *[0-9]){17})?\s*$"},
                {"type": "integer", "minimum": 10**17, "maximum": 10**18 - 1},
                {"type": "null"},
            ]
        }
    ),
]

SOP_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


def _sop_id(value: Any) -> str:
    text = _as_text(value) if value is not None else ""
    text = text.strip("/").removesuffix(".md").removeprefix("sop_src/")
    if not SOP_ID.match(text):
        raise _fail(
            "sop_id",
            "diharapkan id SOP (path berkas di bawah sop_src/ tanpa .md, huruf kecil, angka "
            "dan '-', mis. kab-malang/kec-kalipare/pengiriman-surat), ditemukan {found}",
            found=describe(value),
        )
    return text


SopId = Annotated[
    str, BeforeValidator(_sop_id), WithJsonSchema({"type": "string", "pattern": SOP_ID.pattern})
]

STATUS = ("konsep", "berlaku", "dicabut")
Status = Literal["konsep", "berlaku", "dicabut"]


def _choice(choices: tuple[str, ...], what: str) -> Any:
    def check(value: Any) -> str:
        text = _as_text(value).lower() if value is not None else ""
        if text not in choices:
            shown = "'" + value + "'" if isinstance(value, str) else describe(value)
            raise _fail(
                what,
                "diharapkan salah satu dari {choices}, ditemukan {found}.{hint}",
                choices=", ".join(choices),
                found=shown,
                hint=suggestion(text, choices),
            )
        return text

    return BeforeValidator(check)


JENIS = ("terkait", "prasyarat", "lanjutan", "bagian-dari")
Jenis = Literal["terkait", "prasyarat", "lanjutan", "bagian-dari"]

# ---------------------------------------------------------------- limits

# How long the lists of an SOP may be. The largest SOPs on paper have about 30 steps,
# 6 pelaksana and decisions of 2-3 branches; the flowchart's drawing grows with steps x
# pelaksana and with the rows each arrow spans, so a source may not make it unbounded.
MAX_STEPS = 150
MAX_ROLES = 20
MAX_TARGETS = 5  # `ke` targets of a step, branches of a decision


def _at_most(value: Any, most: int, kind: str, what: str, hint: str = "") -> Any:
    """Refuse a list (or mapping) longer than `most` before its items are read."""
    if isinstance(value, (list, tuple, Mapping)) and len(value) > most:
        raise _fail(
            kind,
            "terlalu banyak {what}: diharapkan paling banyak {most} {what}{hint}, ditemukan {count}",
            what=what,
            most=most,
            hint=hint,
            count=len(value),
        )
    return value


# ---------------------------------------------------------------- the model


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _label(label: str, description: str, **default: Any) -> Any:
    """Field metadata: the printed label and the editor-facing description (and default)."""
    return Field(description=description, json_schema_extra={"label": label}, **default)


class Pengesah(_Model):
    """Disahkan oleh: who signs the SOP."""

    jabatan: Text = _label("Jabatan", "Jabatan pengesah, mis. Camat Kalipare.")
    nama: OptionalText = _label("Nama", "Nama lengkap dengan gelar; wajib bila status berlaku.", default=None)
    pangkat: OptionalText = _label("Pangkat", "Pangkat/golongan, mis. Pembina.", default=None)
    nip: NipField = _label("NIP", "18 angka; spasi boleh (19631116 199010 2 002).", default=None)


class Rujukan(_Model):
    """A reference to another SOP in Keterkaitan."""

    sop: SopId = _label("SOP", "Id SOP yang dirujuk (path di bawah sop_src/ tanpa .md).")
    jenis: Annotated[Jenis, _choice(JENIS, "jenis")] = _label(
        "Jenis",
        "terkait (bawaan), prasyarat (harus terjadi sebelumnya), lanjutan (menyusul SOP ini), "
        "bagian-dari (SOP ini bagian dari SOP yang lebih besar).",
        default="terkait",
    )


def _keterkaitan_item(value: Any) -> Any:
    if isinstance(value, Mapping):
        return value
    return _required_text(value)


def _keterkaitan_kind(value: Any) -> str:
    # A mapping is a reference and is checked as one only (not also reported as "not text").
    return "Rujukan" if isinstance(value, (Mapping, Rujukan)) else "str"


KeterkaitanItem = Annotated[
    Annotated[Rujukan, Tag("Rujukan")] | Annotated[str, Tag("str")],
    Discriminator(_keterkaitan_kind),
    BeforeValidator(_keterkaitan_item),
    # Inlined: a hand-written "$ref" to Rujukan is unknown to pydantic's generator.
    WithJsonSchema({"anyOf": [{"type": ["string", "number"]}, Rujukan.model_json_schema()]}),
]


def _roles(value: Any) -> Any:
    if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return [value]
    if isinstance(value, (list, tuple)) and not value:
        raise _fail("pelaksana", "diharapkan sedikitnya satu nama pelaksana, ditemukan daftar kosong")
    return value


RoleNames = Annotated[
    tuple[Text, ...],
    BeforeValidator(_roles),
    WithJsonSchema(
        {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}
    ),
]


def _step_no(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(
            "nomor_langkah",
            "diharapkan nomor langkah (angka 1, 2, ...), ditemukan {found}",
            found=describe(value),
        )
    return int(value)


StepNo = Annotated[int, BeforeValidator(_step_no), WithJsonSchema({"type": "integer", "minimum": 1})]


def _step_targets(value: Any) -> Any:
    _at_most(value, MAX_TARGETS, "ke", "nomor langkah")
    if isinstance(value, (list, tuple)):
        if not value:
            raise _fail("ke", "diharapkan nomor langkah atau daftar nomor langkah, ditemukan daftar kosong")
        return list(value)
    return [_step_no(value)]  # checked here, so a single `ke: x` is reported at `ke`, not `ke[1]`


def _branch_label(key: Any) -> str:
    """A branch label as text: `Ya`, `1` (YAML reads `1:` as a number), `true`."""
    label = str(key).lower() if isinstance(key, bool) else _as_text(key) if key is not None else ""
    if not label:
        raise _fail(
            "keputusan",
            "label cabang kosong: diharapkan teks label (mis. {Ya: 7, Tidak: 5}), ditemukan {found}",
            found=describe(key),
        )
    return label


def _branches(value: Any) -> Any:
    if not isinstance(value, Mapping):
        raise _fail(
            "keputusan",
            "diharapkan pemetaan label cabang ke nomor langkah (mis. {Ya: 7, Tidak: 5}), ditemukan {found}",
            found=describe(value),
        )
    _at_most(value, MAX_TARGETS, "keputusan", "cabang")
    labels = [_branch_label(k) for k in value]
    if len(value) < 2:
        raise _fail(
            "keputusan",
            "keputusan memerlukan sedikitnya dua cabang (mis. {Ya: 7, Tidak: 5}), "
            "ditemukan {count} cabang{names}",
            count=len(value),
            names=f" ({', '.join(short(label) for label in labels)})" if labels else "",
        )
    # Labels are compared as read: trimmed, and as text (`1:` and `'1':` are one label).
    first: dict[str, Any] = {}
    for key, label in zip(value, labels, strict=True):
        if label in first:
            raise _fail(
                "keputusan",
                "label cabang harus berbeda, ditemukan {a} dan {b} yang sama-sama dibaca '{label}'",
                a=describe(first[label]),
                b=describe(key),
                label=short(label),
            )
        first[label] = key
    return {label: target for label, target in zip(labels, value.values(), strict=True)}


Branches = Annotated[
    dict[Text, StepNo],
    BeforeValidator(_branches),
    WithJsonSchema(
        {"type": "object", "minProperties": 2, "additionalProperties": {"type": "integer", "minimum": 1}}
    ),
]


def _flag(value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _fail("benar_salah", "diharapkan true atau false, ditemukan {found}", found=describe(value))
    return value


Flag = Annotated[bool, BeforeValidator(_flag), WithJsonSchema({"type": ["boolean", "null"]})]


def _waktu(value: Any) -> str | None:
    text = _optional_text(value)
    number = long_number(text) if text else None
    if number is not None:
        raise _fail(
            "waktu",
            "bilangan waktu terlalu panjang: diharapkan paling banyak {most} digit per bilangan "
            "(mis. 10 menit, 1-3 Hari), ditemukan bilangan {count} digit '{number}'",
            most=MAX_DIGITS,
            count=len(number),
            number=short(number, 20),
        )
    return text


WaktuText = Annotated[
    str | None, BeforeValidator(_waktu), WithJsonSchema({"type": ["string", "number", "null"]})
]


class Langkah(_Model):
    """One step of the procedure (one row of the flowchart table)."""

    kegiatan: Text = _label("Kegiatan", "Kegiatan, kalimat kerja aktif tanpa subjek.")
    pelaksana: RoleNames = _label(
        "Pelaksana",
        "Nama pelaksana (harus ada di daftar pelaksana SOP), atau daftar beberapa nama: "
        "kegiatan digambar di setiap kolom itu pada baris yang sama.",
    )
    kelengkapan: TextList = _label("Kelengkapan", "Mutu Baku: kelengkapan yang diperlukan.", default=())
    waktu: WaktuText = _label(
        "Waktu",
        "Mutu Baku: waktu seperti tertulis (10 menit, 1-3 Hari, 3 hari kerja, -).",
        default=None,
    )
    output: TextList = _label("Output", "Mutu Baku: keluaran.", default=())
    keterangan: OptionalText = _label("Keterangan", "Keterangan.", default=None)
    sop: SopId | None = _label(
        "SOP",
        "Langkah ini dijalankan melalui SOP lain (id SOP); ditampilkan sebagai tautan.",
        default=None,
    )
    keputusan: Branches | None = _label(
        "Keputusan",
        "Langkah ini keputusan (belah ketupat): label cabang ke nomor langkah, sedikitnya dua "
        "cabang, mis. {Ya: 7, Tidak: 5}. Cabang pertama adalah jalur utama.",
        default=None,
    )
    ke: (
        Annotated[
            tuple[StepNo, ...],
            BeforeValidator(_step_targets),
            WithJsonSchema(
                {
                    "anyOf": [
                        {"type": "integer", "minimum": 1},
                        {"type": "array", "minItems": 1, "items": {"type": "integer", "minimum": 1}},
                    ]
                }
            ),
        ]
        | None
    ) = _label(
        "Ke",
        "Nomor langkah berikutnya (atau daftar nomor); bawaan: langkah sesudahnya.",
        default=None,
    )
    mulai: Flag = _label("Mulai", "true: langkah ini juga titik mulai.", default=False)
    selesai: Flag = _label("Selesai", "true: alur berakhir di langkah ini.", default=False)

    @property
    def waktu_terbaca(self) -> Waktu | None:
        return parse_waktu(self.waktu) if self.waktu is not None else None


class Sop(_Model):
    """One SOP: Bagian Identitas and Bagian Flowchart."""

    nama: Text = _label("Nama SOP", "Nama SOP.")
    nomor: OptionalText = _label(
        "Nomor SOP", "Nomor SOP seperti tertulis (boleh kosong untuk konsep).", default=None
    )
    # The letterhead (kop surat), declared here only: `UnitInfo` below is made of it.
    instansi: Text = _label("Instansi", "Nama instansi, mis. Pemerintah Kabupaten Malang (kop surat).")
    unit: Text = _label("Unit", "Nama unit kerja, mis. Kantor Kecamatan Kalipare (kop surat).")
    alamat: OptionalText = _label("Alamat", "Alamat kantor (kop surat).", default=None)
    telepon: OptionalText = _label("Telepon", "Nomor telepon kantor (kop surat).", default=None)
    email: OptionalText = _label("Email", "Alamat email kantor (kop surat).", default=None)
    website: OptionalText = _label("Website", "Situs web kantor (kop surat).", default=None)
    logo: OptionalText = _label(
        "Logo", "Path gambar logo di bawah sop_src/ atau docs/ (kop surat).", default=None
    )
    tanggal_pembuatan: RequiredTanggal = _label(
        "Tanggal Pembuatan", "Tanggal selesai disusun (2019-08-01 atau 1 Agustus 2019)."
    )
    tanggal_revisi: TanggalField = _label(
        "Tanggal Revisi", "Tanggal revisi, atau kosong / - pada terbitan pertama.", default=None
    )
    tanggal_efektif: TanggalField = _label(
        "Tanggal Efektif",
        "Tanggal mulai berlaku (= tanggal pengesahan); wajib bila berlaku.",
        default=None,
    )
    disahkan_oleh: Pengesah = _label("Disahkan oleh", "Pejabat yang mengesahkan.")
    dasar_hukum: TextList = _label("Dasar Hukum", "Peraturan yang menjadi dasar.", default=())
    kualifikasi_pelaksana: TextList = _label(
        "Kualifikasi Pelaksana", "Kemampuan yang diperlukan pelaksana.", default=()
    )
    keterkaitan: Annotated[tuple[KeterkaitanItem, ...], BeforeValidator(_listify)] = _label(
        "Keterkaitan",
        "Daftar: teks biasa, atau rujukan ke SOP lain {sop: <id>, jenis: <jenis>}.",
        default=(),
    )
    peralatan_perlengkapan: TextList = _label(
        "Peralatan/Perlengkapan", "Peralatan dan perlengkapan.", default=()
    )
    peringatan: TextList = _label("Peringatan", "Akibat bila SOP tidak dilaksanakan.", default=())
    pencatatan_pendataan: TextList = _label(
        "Pencatatan dan Pendataan", "Apa yang dicatat dan didata.", default=()
    )
    status: Annotated[Status, _choice(STATUS, "status")] = _label(
        "Status", "konsep (draf), berlaku (bawaan), atau dicabut.", default="berlaku"
    )
    diganti_oleh: SopId | None = _label(
        "Diganti oleh", "Id SOP pengganti (untuk SOP yang dicabut).", default=None
    )
    kategori: TextList = _label(
        "Kategori", "Kategori untuk penjelajahan (tambahan portal, tidak wajib).", default=()
    )
    tinjau_setiap: TinjauSetiap = _label(
        "Tinjau setiap",
        "Jangka tinjau ulang (6 bulan, 1 tahun, 2 tahun); kosong: dari _unit.yml, mkdocs.yml, atau 1 tahun.",
        default=None,
    )
    pelaksana: Annotated[
        tuple[Text, ...],
        BeforeValidator(lambda v: _at_most(v, MAX_ROLES, "pelaksana", "pelaksana", _COLUMNS)),
        AfterValidator(lambda v: _roles_unique(v)),
    ] = _label("Pelaksana", "Daftar jabatan pelaksana, satu kolom masing-masing, sesuai urutan.")
    langkah: Annotated[
        tuple[Langkah, ...],
        BeforeValidator(lambda v: _at_most(v, MAX_STEPS, "langkah", "langkah", _SPLIT)),
        AfterValidator(lambda v: _not_empty(v)),
    ] = _label("Langkah", "Daftar langkah; nomor langkah = urutannya, mulai dari 1.")


# The six boxes of the identity section, in printed order (lists of text; keterkaitan
# may also hold references). The importer's Draft has the same attribute names.
BOXES: tuple[str, ...] = (
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan_perlengkapan",
    "peringatan",
    "pencatatan_pendataan",
)

# The letterhead keys and the review period, allowed in `_unit.yml` and in an SOP's front matter.
UNIT_KEYS = ("instansi", "unit", "alamat", "telepon", "email", "website", "logo", "tinjau_setiap")
_UNIT_TYPES: dict[str, Any] = {"tinjau_setiap": TinjauSetiap}


def _optional(field: FieldInfo) -> Any:
    """A field of Sop as a `_unit.yml` key: the same label and description, optional."""
    return Field(default=None, description=field.description, json_schema_extra=field.json_schema_extra)


# The content of a `_unit.yml` file: the letterhead of Sop, every key optional (values
# are defaults for every SOP below it).
UnitInfo = create_model(
    "UnitInfo",
    __base__=_Model,
    __doc__="The content of a `_unit.yml` file: defaults for every SOP below it.",
    **{key: (_UNIT_TYPES.get(key, OptionalText), _optional(Sop.model_fields[key])) for key in UNIT_KEYS},  # type: ignore[call-overload]
)


_COLUMNS = " (satu kolom tiap pelaksana)"
_SPLIT = " (pecah prosedur yang panjang menjadi beberapa SOP, dirujuk dengan 'sop:' pada langkahnya)"


def _roles_unique(roles: tuple[str, ...]) -> tuple[str, ...]:
    if not roles:
        raise _fail("pelaksana", "diharapkan sedikitnya satu pelaksana, ditemukan daftar kosong")
    seen: set[str] = set()
    for role in roles:
        if role in seen:
            raise _fail("pelaksana", "nama pelaksana harus unik, ditemukan '{role}' dua kali", role=role)
        seen.add(role)
    return roles


def _not_empty(steps: tuple[Langkah, ...]) -> tuple[Langkah, ...]:
    if not steps:
        raise _fail("langkah", "diharapkan sedikitnya satu langkah, ditemukan daftar kosong")
    return steps
