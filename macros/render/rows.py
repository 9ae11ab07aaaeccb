"""The rows of the procedure table: each step with its symbol and its flow in words.

Shared by the table (`render/sop.py`) and its print plan (`render/print_parts.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import flow
from ..loader import SopRecord
from ..model import Langkah

SYMBOL_LABEL = {"mulai": "Mulai", "proses": "Proses", "keputusan": "Keputusan", "selesai": "Selesai"}


@dataclass(frozen=True)
class Row:
    """One row of the procedure table."""

    number: int
    step: Langkah
    symbol: flow.Simbol
    flow: str  # the flow written out: 'Ya → 7, Tidak → 5', 'Lanjut ke 3', 'Selesai'

    @property
    def symbol_label(self) -> str:
        return SYMBOL_LABEL[self.symbol]


def flow_text(steps: list[Langkah] | tuple[Langkah, ...], number: int) -> str:
    """How the flow leaves a step, in words, where it is not simply the next row."""
    step = steps[number - 1]
    parts: list[str] = []
    if flow.is_start(steps, number) and number != 1:
        parts.append("Mulai")
    if step.keputusan:
        parts.append(", ".join(f"{label} → {target}" for label, target in step.keputusan.items()))
    elif flow.is_end(steps, number):
        parts.append("Selesai")
    elif step.ke:
        parts.append("Lanjut ke " + ", ".join(str(t) for t in step.ke))
    return "; ".join(parts)


def rows(record: SopRecord) -> list[Row]:
    steps = record.sop.langkah
    return [Row(n, step, flow.symbol(steps, n), flow_text(steps, n)) for n, step in enumerate(steps, start=1)]


__all__ = ["SYMBOL_LABEL", "Row", "flow_text", "rows"]
