"""Validation of an SOP source against the model: every problem of a file, in Indonesian.

The types in `model.py` check each field on its own and raise Indonesian messages;
this module runs them and turns pydantic's errors into (field path, message) pairs,
then checks what spans fields, on whatever parts of a file are valid, so one run
reports every problem of a file: the roles and targets of steps and the flow's reach
(`flow.check_flow`), and what an SOP in force requires.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .dates import EXPECTED as DATE_EXPECTED
from .errors import describe, field_path, suggestion
from .flow import check_flow
from .model import UNIT_KEYS, Langkah, Pengesah, Rujukan, Sop, UnitInfo, _Model

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


def translate(exc: ValidationError, keys: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """Turn pydantic errors into (field path, Indonesian message), one per problem."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for error in exc.errors(include_url=False):
        loc = _clean_loc(tuple(error["loc"]))
        kind = error["type"]
        found = describe(error.get("input"))
        if kind == "extra_forbidden":
            key = str(loc[-1]) if loc else "?"
            allowed = keys if keys is not None and len(loc) == 1 else _keys_of(loc)
            hint = suggestion(key, allowed)
            message = f"kunci '{key}' tidak dikenal.{hint}"
            if not hint:
                message += f" Kunci yang dikenal: {', '.join(allowed)}."
        elif kind == "missing":
            expected = _EXPECTED.get(str(loc[-1]) if loc else "", "nilai")
            if loc == ("pelaksana",):  # the SOP's own list; a step may name a single role
                expected = "daftar nama pelaksana"
            message = f"wajib diisi: diharapkan {expected}, tidak ditemukan"
        elif kind in _TYPE_WORDS:
            if not loc:
                message = f"front matter harus berupa pemetaan (kunci: nilai), ditemukan {found}"
            else:
                message = f"diharapkan {_TYPE_WORDS[kind]}, ditemukan {found}"
        elif kind == "union_tag_invalid" or kind.startswith("union"):
            message = f"nilai tidak valid, ditemukan {found}"
        elif kind in ("value_error", "assertion_error"):
            message = str(error["msg"]).removeprefix("Value error, ")
        else:
            message = str(error["msg"])
        path = field_path(loc)
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
    try:
        sop = Sop.model_validate(data)
    except ValidationError as exc:
        errors.extend(translate(exc))
    roles, steps = _valid_parts(sop, data)
    flow_errors, warnings = check_flow(roles, steps)
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
    if isinstance(raw_steps, list):
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
