"""The editor guide's reference tables, made from the model's own field descriptions
so the guide cannot drift from what the validator accepts."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ..model import Langkah, Pengesah, Rujukan, Sop, UnitInfo
from ..pemantauan import Hasil, Penilai, Rekaman
from . import render_template

# When a key is required only in some cases, the guide says so.
_CONDITIONAL = {
    ("Sop", "nomor"): "bila status berlaku",
    ("Sop", "tanggal_efektif"): "bila status berlaku",
    ("Pengesah", "nama"): "bila status berlaku",
    ("Sop", "instansi"): "ya (di sini atau di _unit.yml)",
    ("Sop", "unit"): "ya (di sini atau di _unit.yml)",
    ("Hasil", "penilaian"): "bila jenis monitoring",
    ("Hasil", "kriteria"): "bila jenis evaluasi",
}
MODELS: dict[str, type[BaseModel]] = {
    "sop": Sop,
    "langkah": Langkah,
    "disahkan_oleh": Pengesah,
    "keterkaitan": Rujukan,
    "unit": UnitInfo,
    "pemantauan": Rekaman,
    "penilai": Penilai,
    "hasil": Hasil,
}


@dataclass(frozen=True)
class KeyDoc:
    key: str
    label: str
    required: str
    description: str


def key_docs(model: type[BaseModel]) -> list[KeyDoc]:
    out = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        required = _CONDITIONAL.get((model.__name__, name), "ya" if info.is_required() else "tidak")
        out.append(KeyDoc(name, str(extra.get("label", name)), required, info.description or ""))
    return out


def render_key_table(which: str = "sop") -> str:
    return render_template("guide_keys.html", keys=key_docs(MODELS[which]))
