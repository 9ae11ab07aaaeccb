"""Draft -> the portal's source text (front matter + body), always valid.

The writer is the one place that knows the source format on the import side. It
normalises what a reader saw into values the model accepts, turning every reading
the format would reject into a best guess with a doubt, then writes YAML line by
line so each doubt becomes a `# PERIKSA: <why>` comment on the line it concerns.
Scalars are quoted by PyYAML's emitter (never by hand), so text from a document
(HTML, Jinja, Markdown, Mermaid syntax, YAML look-alikes) stays text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from ..dates import Tanggal, is_blank, parse_tanggal
from ..durations import long_number
from ..index import slugify
from ..model import BOXES
from ..validation import validate_sop
from ..yamlio import parse_yaml, split_front_matter
from . import ImportResult
from .draft import Doubt, Draft, DraftStep

MAX_SLUG = 60
LEFTOVER_HEADING = "Teks lain dari dokumen asli"
_MONTHS_EXTRA = {
    # English and short forms seen on documents, on top of the Indonesian names dates.py knows.
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6,
    "jul": 7, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
    "oct": 10, "nov": 11, "des": 12, "dec": 12, "mei": 5, "juni": 6, "juli": 7,
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$")
_WORD_DATE = re.compile(r"^(?:(\d{1,2})\s*[-/ ]?\s*)?([A-Za-z]+)\.?\s*[-/ ,]?\s*(\d{1,2}\s*,\s*)?(\d{4})$")


# ---------------------------------------------------------------- values


def clean_text(text: str) -> str:
    """One line of plain text: control characters and runs of whitespace become one space."""
    chars = [" " if unicodedata.category(c)[0] == "C" else c for c in str(text)]
    return " ".join("".join(chars).split())


def read_date(text: str) -> Tanggal | None:
    """A date in any printed form seen on SOPs, or None when it cannot be read."""
    value = clean_text(text).strip(" .,")
    if not value:
        return None
    try:
        return parse_tanggal(value)
    except ValueError:
        pass
    try:
        numeric = _NUMERIC_DATE.match(value)
        if numeric:
            day, month, year = (int(g) for g in numeric.groups())
            return Tanggal(year, month, day)
        words = _WORD_DATE.match(value)
        if words:
            day_text, month_name, day_after, year_text = words.groups()
            month = _MONTHS_EXTRA.get(month_name.lower()) or parse_tanggal(f"1 {month_name} 2000").month
            day_value = day_text or (day_after.strip(" ,") if day_after else None)
            return Tanggal(int(year_text), month, int(day_value) if day_value else None)
    except ValueError:
        return None
    return None


def _nip_ok(text: str) -> bool:
    digits = text.replace(" ", "")
    return digits.isdigit() and len(digits) == 18


def scalar(value: Any) -> str:
    """One YAML scalar as PyYAML's emitter writes it (quoted when plain would misread)."""
    dumped = yaml.safe_dump({"k": value}, allow_unicode=True, width=2**31 - 1, default_flow_style=False)
    return dumped[len("k: ") :].rstrip("\n")


def _comment(reason: str) -> str:
    return f"  # PERIKSA: {clean_text(reason)}"


# ---------------------------------------------------------------- normalising


@dataclass
class _Out:
    """The values to write, each with its doubt (field path -> reason)."""

    data: dict[str, Any] = field(default_factory=dict)
    doubts: dict[str, str] = field(default_factory=dict)

    def doubt(self, path: str, reason: str) -> None:
        if path in self.doubts and reason not in self.doubts[path]:
            self.doubts[path] = f"{self.doubts[path]}; {reason}"
        else:
            self.doubts[path] = reason


def _text_list(items: list[str]) -> list[str]:
    return [t for t in (clean_text(i) for i in items) if t and t != "-"]


def _normalise_identity(draft: Draft, out: _Out, defaults: dict[str, str]) -> None:
    for path, reason in draft.doubts.items():
        out.doubt(path, reason)
    nama = clean_text(draft.nama)
    if not nama:
        nama = f"SOP impor {clean_text(draft.source) or 'tanpa nama'}"
        out.doubt("nama", "nama SOP tidak terbaca; diisi sementara")
    out.data["nama"] = nama
    nomor = clean_text(draft.nomor)
    out.data["nomor"] = nomor if nomor and nomor != "-" else None
    for key in ("instansi", "unit"):
        value = clean_text(getattr(draft, key))
        if value:
            out.data[key] = value
        elif key not in defaults:
            out.data[key] = f"Tulis nama {key}"
            out.doubt(key, f"{key} tidak terbaca dari kop dokumen; isi sendiri atau pakai _unit.yml")
    for key in ("alamat", "telepon", "email", "website"):
        value = clean_text(getattr(draft, key))
        if value:
            out.data[key] = value
    dates: dict[str, Tanggal | None] = {}
    for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        printed = clean_text(getattr(draft, key))
        dates[key] = read_date(printed) if printed and not is_blank(printed) else None
        if printed and not is_blank(printed) and dates[key] is None:
            out.doubt(key, f"tanggal tertulis '{printed}' tidak terbaca")
    if dates["tanggal_pembuatan"] is None:
        fallback = dates["tanggal_efektif"] or dates["tanggal_revisi"]
        if fallback is None:
            today = date.today()
            fallback = Tanggal.of(today)
        dates["tanggal_pembuatan"] = fallback
        out.doubt("tanggal_pembuatan", "tanggal pembuatan tidak terbaca; diisi tanggal lain sementara")
    for key, when in dates.items():
        out.data[key] = when.iso() if when is not None else None
    pengesah = {k: clean_text(v) for k, v in draft.disahkan_oleh.items() if clean_text(v)}
    if not pengesah.get("jabatan"):
        pengesah["jabatan"] = "Tulis jabatan pengesah"
        out.doubt("disahkan_oleh.jabatan", "jabatan pengesah tidak terbaca")
    nip = pengesah.get("nip", "")
    if nip and not _nip_ok(nip):
        digits = "".join(c for c in nip if c.isdigit())
        if len(digits) == 18:
            pengesah["nip"] = digits
        else:
            del pengesah["nip"]
            out.doubt("disahkan_oleh.nip", f"NIP tertulis '{nip}' bukan 18 angka; tidak ditulis")
    out.data["disahkan_oleh"] = {
        k: pengesah[k] for k in ("jabatan", "nama", "pangkat", "nip") if pengesah.get(k)
    }
    for box in BOXES:
        out.data[box] = _text_list(getattr(draft, box))
    out.data["status"] = "konsep"


def _unique_roles(draft: Draft, out: _Out) -> list[str]:
    roles: list[str] = []
    for raw in draft.pelaksana:
        name = clean_text(raw)
        if not name:
            continue
        if name in roles:
            base, n = name, 2
            while f"{base} ({n})" in roles:
                n += 1
            name = f"{base} ({n})"
            out.doubt("pelaksana", f"nama pelaksana '{base}' tertulis lebih dari sekali")
        roles.append(name)
    if not roles:
        roles = ["Pelaksana"]
        out.doubt("pelaksana", "kolom pelaksana tidak terbaca; diisi sementara")
    return roles


def _normalise_step(step: DraftStep, number: int, count: int, roles: list[str], out: _Out) -> dict[str, Any]:
    here = f"langkah[{number}]"
    for name, reason in step.doubts.items():
        out.doubt(f"{here}.{name}" if name else here, reason)
    item: dict[str, Any] = {}
    kegiatan = clean_text(step.kegiatan)
    if not kegiatan:
        kegiatan = "Kegiatan tidak terbaca"
        out.doubt(f"{here}.kegiatan", "teks kegiatan tidak terbaca")
    item["kegiatan"] = kegiatan
    names: list[str] = []
    for raw in step.pelaksana:
        name = clean_text(raw)
        if name in roles and name not in names:
            names.append(name)
        elif name and name not in roles:
            out.doubt(f"{here}.pelaksana", f"pelaksana '{name}' tidak ada di daftar pelaksana")
    if not names:
        names = [roles[0]]
        out.doubt(f"{here}.pelaksana", "pelaksana langkah ini tidak terbaca; diisi pelaksana pertama")
    item["pelaksana"] = names[0] if len(names) == 1 else names
    kelengkapan, output = _text_list(step.kelengkapan), _text_list(step.output)
    if kelengkapan:
        item["kelengkapan"] = kelengkapan[0] if len(kelengkapan) == 1 else kelengkapan
    waktu = clean_text(step.waktu)
    too_long = long_number(waktu)
    if too_long:  # (the format refuses it: a number read wrong, not a duration)
        out.doubt(
            f"{here}.waktu", f"waktu tertulis '{waktu}' memuat bilangan {len(too_long)} digit; tidak ditulis"
        )
    elif waktu:
        item["waktu"] = waktu
    if output:
        item["output"] = output[0] if len(output) == 1 else output
    keterangan = clean_text(step.keterangan)
    if keterangan:
        item["keterangan"] = keterangan
    following = number + 1 if number < count else number
    if step.kind == "keputusan":
        item["keputusan"] = _branches(step, number, count, following, out)
    else:
        targets = [t for t in step.ke if 1 <= t <= count]
        if len(targets) < len(step.ke):
            out.doubt(f"{here}.ke", "panah menuju langkah yang tidak ada; tidak ditulis")
        if targets and step.kind == "selesai":
            out.doubt(f"{here}.ke", "simbol selesai tetapi ada panah keluar; panah tidak ditulis")
        elif targets and targets != [following] and number < count:
            item["ke"] = targets[0] if len(targets) == 1 else list(dict.fromkeys(targets))
    if step.kind == "mulai" and number > 1:
        item["mulai"] = True
    if step.kind == "selesai" and number < count:
        item["selesai"] = True
    return item


def _branches(step: DraftStep, number: int, count: int, following: int, out: _Out) -> dict[str, int]:
    here = f"langkah[{number}].keputusan"
    branches: dict[str, int] = {}
    for n, (raw_label, target) in enumerate(step.branches.items(), start=1):
        label = clean_text(raw_label) or f"Cabang {n}"
        if label != clean_text(raw_label):
            out.doubt(here, "label cabang tidak terbaca")
        while label in branches:
            label = f"{label} ({n})"
        if target is None or not 1 <= target <= count:
            out.doubt(here, f"tujuan cabang '{label}' tidak dapat diikuti; ditebak langkah {following}")
            target = following
        branches[label] = target
    defaults = (("Ya", following), ("Tidak", number))
    for label, target in defaults:
        if len(branches) >= 2:
            break
        if label not in branches:
            branches[label] = target
            out.doubt(here, f"cabang '{label}' tidak terbaca; ditebak ke langkah {target}")
    return branches


def normalise(draft: Draft, defaults: dict[str, str] | None = None) -> _Out:
    """The values to write and their doubts; always valid for the model."""
    out = _Out()
    _normalise_identity(draft, out, defaults or {})
    roles = _unique_roles(draft, out)
    out.data["pelaksana"] = roles
    steps = list(draft.langkah)
    if not steps:
        steps = [DraftStep(kegiatan="", pelaksana=[roles[0]])]
        out.doubt("langkah", "tidak ada langkah yang terbaca; satu langkah diisi sementara")
    out.data["langkah"] = [
        _normalise_step(step, number, len(steps), roles, out) for number, step in enumerate(steps, start=1)
    ]
    return out


# ---------------------------------------------------------------- writing


_HEADER = (
    "# Diimpor dari '{source}' dengan `make impor`: periksa setiap baris bertanda PERIKSA\n"
    "# dengan dokumen aslinya, hapus tandanya, lalu jalankan `make check`.\n"
)
_STEP_KEYS = ("kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan", "keputusan", "ke")


def _note(path: str, doubts: dict[str, str], seen: set[str]) -> str:
    if path not in doubts:
        return ""
    seen.add(path)
    return _comment(doubts[path])


def _lines_for(
    key: str, value: Any, path: str, doubts: dict[str, str], indent: str, seen: set[str]
) -> list[str]:
    """`key: value` (with nested lists/mappings in block style), PERIKSA on the key line."""
    note = _note(path, doubts, seen)
    if isinstance(value, dict):
        if not value:
            return [f"{indent}{key}: {{}}{note}"]
        lines = [f"{indent}{key}:{note}"]
        for k, v in value.items():
            lines += _lines_for(scalar(k), v, f"{path}.{k}", doubts, indent + "  ", seen)
        return lines
    if isinstance(value, list):
        if not value:
            return [f"{indent}{key}: []{note}"]
        lines = [f"{indent}{key}:{note}"]
        lines += [f"{indent}  - {scalar(v)}" for v in value]
        return lines
    return [f"{indent}{key}: {scalar(value)}{note}"]


def render_source(out: _Out, source: str, leftover: list[str], notes: list[str]) -> str:
    """The Markdown source: front matter with PERIKSA comments, then the body."""
    seen: set[str] = set()
    lines: list[str] = []
    for key, value in out.data.items():
        if key in ("langkah", "disahkan_oleh"):
            continue
        lines += _lines_for(key, value, key, out.doubts, "", seen)
        if key == "tanggal_efektif":
            pengesah = out.data["disahkan_oleh"]
            lines += _lines_for("disahkan_oleh", pengesah, "disahkan_oleh", out.doubts, "", seen)
    lines.append(f"langkah:{_note('langkah', out.doubts, seen)}")
    for number, step in enumerate(out.data["langkah"], start=1):
        here = f"langkah[{number}]"
        lines.append(f"  # Langkah {number}{_note(here, out.doubts, seen)}")
        first = True
        for key in (*_STEP_KEYS, "mulai", "selesai"):
            if key not in step:
                continue
            block = _lines_for(key, step[key], f"{here}.{key}", out.doubts, "    ", seen)
            if first:
                block[0] = "  - " + block[0][4:]
                first = False
            lines += block
    head = ["---", *_HEADER.format(source=clean_text(source).replace("'", "")).splitlines()]
    head += [f"# PERIKSA: {clean_text(note)}" for note in notes]
    # Doubts about a value that is not written (e.g. a NIP that could not be read).
    head += [f"# PERIKSA ({path}): {clean_text(why)}" for path, why in out.doubts.items() if path not in seen]
    body = _render_body(leftover)
    return "\n".join([*head, *lines, "---"]) + "\n" + body


def _render_body(leftover: list[str]) -> str:
    """Text that fits no field, kept verbatim in a fenced block (never interpreted)."""
    texts = [t.rstrip() for t in leftover if t and t.strip()]
    if not texts:
        return ""
    content = "\n".join(texts)
    content = "".join(c if c in "\n\t" or unicodedata.category(c)[0] != "C" else " " for c in content)
    longest = max((len(m) for m in re.findall(r"`+|~+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    return (
        f"\n## {LEFTOVER_HEADING}\n\n"
        "<!-- PERIKSA: teks ini ada di dokumen asli tetapi tidak cocok dengan kolom mana pun; "
        "pindahkan ke kolom yang tepat atau hapus. -->\n\n"
        f"{fence}text\n{content}\n{fence}\n"
    )


def slug_for(nama: str) -> str:
    slug = slugify(nama)
    if slug == "unit" and "unit" not in nama.lower():
        slug = "sop-impor"
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def validation_errors(text: str, defaults: dict[str, str] | None = None) -> list[str]:
    """What `make check` would say about this source text on its own (expected: nothing)."""
    parts = split_front_matter(text)
    if parts is None:
        return ["front matter tidak ditemukan"]
    data = parse_yaml(parts[0], line_offset=1)
    for key, value in (defaults or {}).items():
        if data.get(key) in (None, ""):
            data[key] = value
    _, errors, _ = validate_sop(data)
    return [f"{path}: {message}" for path, message in errors]


def write_draft(draft: Draft, defaults: dict[str, str] | None = None) -> ImportResult:
    """The source text of a Draft, with its doubts; raises RuntimeError on a writer bug."""
    out = normalise(draft, defaults)
    leftover = list(draft.leftover)
    if leftover:
        out.doubt("isi", "teks yang tidak cocok dengan kolom mana pun ada di bagian akhir berkas")
    text = render_source(out, draft.source, leftover, draft.notes)
    errors = validation_errors(text, defaults)
    if errors:  # a bug in the writer, never the document's fault
        raise RuntimeError("hasil impor tidak valid:\n" + "\n".join(errors))
    steps = out.data["langkah"]
    return ImportResult(
        text=text,
        slug=slug_for(out.data["nama"]),
        periksa=[Doubt(path, reason) for path, reason in out.doubts.items()],
        langkah=len(steps),
        pelaksana=len(out.data["pelaksana"]),
        keputusan=sum(1 for s in steps if "keputusan" in s),
        draft=draft,
        notes=list(draft.notes),
    )
