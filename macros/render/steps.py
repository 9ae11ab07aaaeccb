"""The phone view: the steps as a vertical list.

Each step shows its number, the activity, who does it, the time, the inputs and
outputs, and where the flow goes when that is not simply the next step (decision
branches, `ke`, ends), with links to the target step's item in the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import flow
from ..flowchart import chain
from ..index import Portal
from ..loader import SopRecord
from ..model import Langkah
from . import render_template

ANCHOR = "daftar-langkah-"


@dataclass(frozen=True)
class Tujuan:
    """Where the flow goes from a step: a branch label (or None) and the target step."""

    label: str | None
    target: int
    kegiatan: str

    @property
    def anchor(self) -> str:
        return f"{ANCHOR}{self.target}"


@dataclass(frozen=True)
class Item:
    number: int
    step: Langkah
    simbol: flow.Simbol
    pelaksana: tuple[str, ...]  # in the order the table joins them
    mulai: bool  # a start other than the first step
    selesai: bool
    tujuan: tuple[Tujuan, ...]  # shown only where the flow is not simply the next step

    @property
    def anchor(self) -> str:
        return f"{ANCHOR}{self.number}"


def items(roles: Sequence[str], steps: Sequence[Langkah]) -> list[Item]:
    out: list[Item] = []
    for number, step in enumerate(steps, start=1):
        edges = flow.edges(steps, number)
        plain_next = len(edges) == 1 and edges[0].label is None and edges[0].target == number + 1
        tujuan = (
            ()
            if plain_next
            else tuple(Tujuan(e.label, e.target, steps[e.target - 1].kegiatan) for e in edges)
        )
        ordered = tuple(roles[c] for c in chain(roles, step)) or step.pelaksana
        out.append(
            Item(
                number=number,
                step=step,
                simbol=flow.symbol(steps, number),
                pelaksana=ordered,
                mulai=flow.is_start(steps, number) and number != 1,
                selesai=flow.is_end(steps, number),
                tujuan=tujuan,
            )
        )
    return out


def render_langkah(portal: Portal, record: SopRecord, root: str) -> str:
    sop = record.sop
    return render_template(
        "sop_langkah.html",
        record=record,
        items=items(sop.pelaksana, sop.langkah),
        portal=portal,
        root=root,
    )


__all__ = ["ANCHOR", "Item", "Tujuan", "items", "render_langkah"]
