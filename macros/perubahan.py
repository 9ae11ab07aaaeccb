"""What changed between two versions of an SOP, in Indonesian sentences, computed from
their validated models (not from a line diff of the sources).

Steps have no ids: they are matched by their kegiatan (difflib's longest matching
runs; a changed kegiatan in the same place stays the same step), so "Langkah 4
ditambahkan" is told once instead of every later step looking changed. Step numbers
in a sentence are the new version's, except for a removed step (the old number).
A role whose name changed in the same place of `pelaksana` is a renamed role, and the
steps it carries out are not reported again.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any, get_origin

from . import flow
from .dates import Tanggal
from .model import Langkah, Pengesah, Rujukan, Sop
from .versi import normalised_body

NEW = "SOP baru: {nama}"
BODY = "Uraian diubah"


def _label(name: str) -> str:
    extra = Sop.model_fields[name].json_schema_extra
    return str(extra["label"]) if isinstance(extra, dict) and "label" in extra else name


def _text(value: Any) -> str:
    if value is None or value == "" or value == ():
        return "-"
    if isinstance(value, Tanggal):
        return value.long()
    if isinstance(value, Rujukan):
        return f"{value.sop} ({value.jenis})"
    return str(value)


def _q(value: Any) -> str:
    return f"'{_text(value)}'"


def _pengesah(value: Pengesah) -> str:
    parts = [value.jabatan, value.nama, value.pangkat, f"NIP {value.nip}" if value.nip else None]
    return ", ".join(p for p in parts if p)


def _list_change(label: str, old: Sequence[Any], new: Sequence[Any]) -> list[str]:
    if list(old) == list(new):
        return []
    added = [_q(v) for v in new if v not in old]
    removed = [_q(v) for v in old if v not in new]
    parts = []
    if added:
        parts.append("ditambahkan " + ", ".join(added))
    if removed:
        parts.append("dihapus " + ", ".join(removed))
    return [f"{label} diubah: " + ("; ".join(parts) if parts else "urutan diubah")]


# Fields told by sentences of their own in `describe`, or (`logo`: a path to an image,
# outside the version code too, macros/versi.py) by none.
_OWN = frozenset(("status", "diganti_oleh", "disahkan_oleh", "tinjau_setiap", "pelaksana", "langkah", "logo"))


def _is_list(name: str) -> bool:
    return get_origin(Sop.model_fields[name].annotation) is tuple


# Every other field of the model, in the model's order: a list (the boxes of the
# identity section, kategori) told by what was added and removed, any other value
# as "<label>: before → after". A field added to Sop gets its sentence here.
_LISTS = tuple(name for name in Sop.model_fields if name not in _OWN and _is_list(name))
_SCALARS = tuple(name for name in Sop.model_fields if name not in _OWN and not _is_list(name))


def describe(old: Sop | None, old_body: str, new: Sop, new_body: str) -> list[str]:
    """The changes from `old` (None: the SOP is new) to `new`, one sentence each, in
    the order a reader meets them on the page."""
    if old is None:
        return [NEW.format(nama=new.nama)]
    out: list[str] = []
    if old.status != new.status:
        out.append(f"Status: {old.status} → {new.status}")
    if old.diganti_oleh != new.diganti_oleh:
        out.append(
            f"Diganti oleh SOP '{new.diganti_oleh}'"
            if new.diganti_oleh
            else "Tidak lagi diganti oleh SOP lain"
        )
    for name in _SCALARS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            out.append(f"{_label(name)}: {_text(before)} → {_text(after)}")
    if old.disahkan_oleh != new.disahkan_oleh:
        out.append(f"Pengesah: {_pengesah(old.disahkan_oleh)} → {_pengesah(new.disahkan_oleh)}")
    if old.tinjau_setiap != new.tinjau_setiap:
        out.append(f"{_label('tinjau_setiap')}: {_text(old.tinjau_setiap)} → {_text(new.tinjau_setiap)}")
    for name in _LISTS:
        out += _list_change(_label(name), getattr(old, name), getattr(new, name))
    renamed = _renamed_roles(old.pelaksana, new.pelaksana)
    out += [f"Pelaksana '{a}' diganti '{b}'" for a, b in renamed.items()]
    out += [
        f"Pelaksana '{r}' ditambahkan"
        for r in new.pelaksana
        if r not in old.pelaksana and r not in renamed.values()
    ]
    out += [f"Pelaksana '{r}' dihapus" for r in old.pelaksana if r not in new.pelaksana and r not in renamed]
    out += _steps(old.langkah, new.langkah, renamed)
    before, after = flow.total_time(old.langkah), flow.total_time(new.langkah)
    if before.shown() != after.shown():
        out.append(f"Total waktu: {before.shown()} → {after.shown()}")
    if normalised_body(old_body) != normalised_body(new_body):  # as the version code reads it
        out.append(BODY)
    return out


def _renamed_roles(old: Sequence[str], new: Sequence[str]) -> dict[str, str]:
    """Roles whose name changed in the same place of the list (old name -> new)."""
    if len(old) != len(new):
        return {}
    return {a: b for a, b in zip(old, new, strict=True) if a != b and a not in new and b not in old}


def _match(old: Sequence[Langkah], new: Sequence[Langkah]) -> tuple[dict[int, int], list[int], list[int]]:
    """Old step number -> new step number for the steps that stayed; the new steps
    added; the old steps removed."""
    keys = [s.kegiatan.casefold() for s in old], [s.kegiatan.casefold() for s in new]
    pairs: dict[int, int] = {}
    added: list[int] = []
    removed: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, *keys, autojunk=False).get_opcodes():
        if tag == "equal" or tag == "replace":
            common = min(i2 - i1, j2 - j1)
            pairs.update({i1 + k + 1: j1 + k + 1 for k in range(common)})
            removed += range(i1 + common + 1, i2 + 1)
            added += range(j1 + common + 1, j2 + 1)
        elif tag == "insert":
            added += range(j1 + 1, j2 + 1)
        else:
            removed += range(i1 + 1, i2 + 1)
    return pairs, added, removed


def _steps(old: Sequence[Langkah], new: Sequence[Langkah], renamed: dict[str, str]) -> list[str]:
    pairs, added, removed = _match(old, new)
    out = [f"Langkah {n} dihapus: {old[n - 1].kegiatan}" for n in removed]
    out += [f"Langkah {n} ditambahkan: {new[n - 1].kegiatan}" for n in added]

    def moved(target: int) -> int | None:
        return pairs.get(target)

    for o, n in sorted(pairs.items(), key=lambda kv: kv[1]):
        out += _step(n, old[o - 1], new[n - 1], renamed, moved)
    return out


def _step(number: int, a: Langkah, b: Langkah, renamed: dict[str, str], moved: Any) -> list[str]:
    out: list[str] = []
    if a.kegiatan != b.kegiatan:
        out.append(f"Kegiatan langkah {number}: '{a.kegiatan}' → '{b.kegiatan}'")
    roles = tuple(renamed.get(r, r) for r in a.pelaksana)
    if roles != b.pelaksana:
        out.append(f"Pelaksana langkah {number}: {', '.join(a.pelaksana)} → {', '.join(b.pelaksana)}")
    if (a.waktu or "") != (b.waktu or ""):
        out.append(f"Waktu langkah {number}: {_text(a.waktu)} → {_text(b.waktu)}")
    for name, label in (("kelengkapan", "Kelengkapan"), ("output", "Output")):
        out += _list_change(f"{label} langkah {number}", getattr(a, name), getattr(b, name))
    if a.keterangan != b.keterangan:
        out.append(f"Keterangan langkah {number}: {_text(a.keterangan)} → {_text(b.keterangan)}")
    if a.sop != b.sop:
        out.append(
            f"Langkah {number} kini melalui SOP '{b.sop}'"
            if b.sop
            else f"Langkah {number} tidak lagi melalui SOP lain"
        )
    out += _branches(number, a, b, moved)
    if (a.ke is None) != (b.ke is None) or (
        a.ke is not None and b.ke is not None and [moved(t) for t in a.ke] != list(b.ke)
    ):
        after = "langkah " + ", ".join(str(t) for t in b.ke) if b.ke else "langkah sesudahnya"
        out.append(f"Langkah {number} kini berlanjut ke {after}")
    for flag, on, off in (
        ("mulai", "kini juga titik mulai", "bukan lagi titik mulai"),
        ("selesai", "kini titik selesai", "bukan lagi titik selesai"),
    ):
        if getattr(a, flag) != getattr(b, flag):
            out.append(f"Langkah {number} {on if getattr(b, flag) else off}")
    return out


def _branches(number: int, a: Langkah, b: Langkah, moved: Any) -> list[str]:
    if a.keputusan is None and b.keputusan is None:
        return []
    if b.keputusan is None:
        return [f"Langkah {number} bukan lagi keputusan"]
    shown = ", ".join(f"'{label}' ke langkah {t}" for label, t in b.keputusan.items())
    if a.keputusan is None:
        return [f"Langkah {number} kini keputusan: {shown}"]
    out = []
    for label, target in b.keputusan.items():
        if label not in a.keputusan:
            out.append(f"Keputusan langkah {number}: cabang '{label}' ditambahkan, ke langkah {target}")
        elif moved(a.keputusan[label]) != target:
            out.append(f"Keputusan langkah {number}: cabang '{label}' kini ke langkah {target}")
    out += [
        f"Keputusan langkah {number}: cabang '{label}' dihapus"
        for label in a.keputusan
        if label not in b.keputusan
    ]
    return out


__all__ = ["BODY", "NEW", "describe"]
