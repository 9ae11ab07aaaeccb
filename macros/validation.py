"""Validation of an SOP source against the model: every problem of a file, in Indonesian.

The types in `model.py` check each field on its own and raise Indonesian messages;
this module runs them and turns pydantic's errors into (field path, message) pairs,
then checks what spans fields, on whatever parts of a file are valid, so one run
reports every problem of a file: the roles and targets of steps and the flow's reach
(`flow.check_flow`), and what an SOP in force requires.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, get_args

from pydantic import TypeAdapter, ValidationError
from pydantic_core.core_schema import ErrorType

from .dates import EXPECTED as DATE_EXPECTED
from .errors import Hints, describe, field_path, short
from .flow import check_flow
from .model import MAX_STEPS, UNIT_KEYS, Langkah, Pengesah, Rujukan, Sop, UnitInfo, _Model

SOP_KEYS = tuple(Sop.model_fields)
STEP_KEYS = tuple(Langkah.model_fields)

# What a required key holds, for "missing" messages.
_EXPECTED = {
    "nama": "teks nama",
    "instansi": "teks nama instansi",
    "unit": "teks nama unit kerja",
    "tanggal_pembuatan": DATE_EXPECTED,
    "disahkan_oleh": "pemetaan dengan jabatan, nama, pangkat, nip",
    "jabatan": "teks jabatan",
    "pelaksana": "nama pelaksana atau daftar nama pelaksana",
    "langkah": "daftar langkah",
    "kegiatan": "teks kegiatan",
    "sop": "id SOP",
}

_TYPE_WORDS = {
    "dict_type": "pemetaan (kunci: nilai)",
    "model_type": "pemetaan (kunci: nilai)",
    "model_attributes_type": "pemetaan (kunci: nilai)",
    "list_type": "daftar",
    "tuple_type": "daftar",
    "string_type": "teks",
    "int_type": "angka",
    "int_parsing": "angka",
    "bool_type": "true atau false",
    "bool_parsing": "true atau false",
}


def _keys_of(loc: tuple[str | int, ...]) -> tuple[str, ...]:
    """The keys allowed at the mapping that holds `loc`'s last part."""
    parent = [p for p in loc[:-1] if isinstance(p, str)]
    if not parent:
        return SOP_KEYS
    if parent[-1] == "disahkan_oleh":
        return tuple(Pengesah.model_fields)
    if parent[-1] == "keterkaitan":
        return tuple(Rujukan.model_fields)
    if parent[-1] == "langkah":
        return STEP_KEYS
    return UNIT_KEYS


def _clean_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union and wrapper tags from an error location."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (
            part in ("Rujukan", "str", "function-before[_keterkaitan_item()]", "[key]")
            or part.startswith(("function-", "tuple[", "dict[", "union["))
        ):
            continue
        out.append(part)
    return tuple(out)


# Every error type pydantic itself can raise; the model's own errors (Indonesian,
# `model._fail`) have other names, so whatever is not here is already the editor's text.
_PYDANTIC_TYPES = frozenset(get_args(ErrorType))


def _key_text(key: Any) -> str:
    """A mapping key as the editor wrote it (`null`, `1`, `true`)."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return str(key).lower()
    if isinstance(key, (int, float)):
        return str(getattr(key, "source", key))
    return short(str(key))


def _message(
    kind: str, loc: tuple[str | int, ...], error: Any, keys: tuple[str, ...] | None, hints: Hints
) -> str:
    """The Indonesian message of one pydantic error (its location cleaned)."""
    found = describe(error.get("input"))
    if kind == "extra_forbidden":
        key = short(str(loc[-1])) if loc else "?"
        allowed = keys if keys is not None and len(loc) == 1 else _keys_of(loc)
        hint = hints(str(loc[-1]) if loc else "", allowed)
        message = f"kunci '{key}' tidak dikenal.{hint}"
        return message if hint else message + f" Kunci yang dikenal: {', '.join(allowed)}."
    if kind == "invalid_key":  # a key that is not text: `1:`, `null:`, `true:`
        allowed = keys if keys is not None and len(loc) == 1 else _keys_of(loc)
        return (
            f"kunci '{_key_text(error.get('input'))}' tidak dikenal: diharapkan nama kunci berupa "
            f"teks ({', '.join(allowed)}), ditemukan {describe(error.get('input'))}"
        )
    if kind == "missing":
        expected = _EXPECTED.get(str(loc[-1]) if loc else "", "nilai")
        if loc == ("pelaksana",):  # the SOP's own list; a step may name a single role
            expected = "daftar nama pelaksana"
        return f"wajib diisi: diharapkan {expected}, tidak ditemukan"
    if kind in _TYPE_WORDS:
        if not loc:
            return f"front matter harus berupa pemetaan (kunci: nilai), ditemukan {found}"
        return f"diharapkan {_TYPE_WORDS[kind]}, ditemukan {found}"
    if kind == "recursion_loop":
        return f"nilai merujuk dirinya sendiri tanpa akhir, ditemukan {found}"
    if kind not in _PYDANTIC_TYPES:  # the model's own message, in Indonesian already
        return str(error["msg"])
    # Any other pydantic error (its text is English and internal): what the field holds.
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    expected = _EXPECTED.get(field, "nilai sesuai format SOP")
    return f"nilai tidak dapat dibaca: diharapkan {expected}, ditemukan {found}"


def translate(
    exc: ValidationError, keys: tuple[str, ...] | None = None, hints: Hints | None = None
) -> list[tuple[str, str]]:
    """Turn pydantic errors into (field path, Indonesian message), one per problem."""
    hints = hints or Hints()
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for error in exc.errors(include_url=False):
        loc = _clean_loc(tuple(error["loc"]))
        kind = error["type"]
        message = _message(kind, loc, error, keys, hints)
        if kind == "invalid_key":  # the key is the last part: never read as a position
            path = field_path((*loc[:-1], _key_text(error.get("input"))))
        else:
            path = field_path(tuple(short(p) if isinstance(p, str) else p for p in loc))
        line = f"{path}: {message}"
        if line not in seen:  # a union reports each alternative; keep one
            seen.add(line)
            out.append((path, message))
    return out


def validate_sop(data: Any) -> tuple[Sop | None, list[tuple[str, str]], list[tuple[str, str]]]:
    """Validate one SOP's front matter (unit defaults already merged).

    Returns the SOP (None when invalid), its errors and its warnings, each as
    (field path, message).
    """
    errors: list[tuple[str, str]] = []
    sop: Sop | None = None
    hints = Hints()
    try:
        sop = Sop.model_validate(data)
    except ValidationError as exc:
        errors.extend(translate(exc, hints=hints))
    roles, steps = _valid_parts(sop, data)
    flow_errors, warnings = check_flow(roles, steps, hints)
    errors.extend(flow_errors)
    if sop is not None:
        errors.extend(_check_berlaku(sop))
    return (sop if not errors else None), errors, warnings


def _valid_parts(sop: Sop | None, data: Any) -> tuple[tuple[str, ...] | None, list[Langkah | None]]:
    """The role list and steps that validate on their own, for the cross-field checks."""
    if sop is not None:
        return sop.pelaksana, list(sop.langkah)
    if not isinstance(data, Mapping):
        return None, []
    roles: tuple[str, ...] | None
    try:
        roles = _ROLES.validate_python(data.get("pelaksana"))
    except ValidationError:
        roles = None
    raw_steps = data.get("langkah")
    steps: list[Langkah | None] = []
    if isinstance(raw_steps, list) and len(raw_steps) <= MAX_STEPS:  # too many: that is the error
        for raw in raw_steps:
            try:
                steps.append(Langkah.model_validate(raw))
            except ValidationError:
                steps.append(None)
    return roles, steps


_ROLES: TypeAdapter[tuple[str, ...]] = TypeAdapter(Sop.model_fields["pelaksana"].rebuild_annotation())


def _check_berlaku(sop: Sop) -> list[tuple[str, str]]:
    """What an SOP in force must have: a number, an effective date, the signer's name."""
    if sop.status != "berlaku":
        return []
    missing = []
    if not sop.nomor:
        missing.append(("nomor", "teks nomor SOP"))
    if sop.tanggal_efektif is None:
        missing.append(("tanggal_efektif", DATE_EXPECTED))
    if not sop.disahkan_oleh.nama:
        missing.append(("disahkan_oleh.nama", "nama pengesah"))
    return [
        (
            path,
            f"wajib diisi bila status berlaku: diharapkan {what}, ditemukan kosong "
            "(atau tulis 'status: konsep' untuk draf)",
        )
        for path, what in missing
    ]


def validate_unit(data: Any) -> tuple[_Model | None, list[tuple[str, str]]]:
    """Validate a `_unit.yml` mapping."""
    if data is None:
        return UnitInfo(), []
    if not isinstance(data, Mapping):
        return None, [("", f"isi _unit.yml harus berupa pemetaan (kunci: nilai), ditemukan {describe(data)}")]
    try:
        return UnitInfo.model_validate(data), []
    except ValidationError as exc:
        return None, translate(exc, keys=UNIT_KEYS)
