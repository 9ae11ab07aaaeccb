"""Flow semantics of an SOP's steps (SOP-FORMAT.md, "Flow semantics").

Steps are numbered from 1. The first step and every `mulai` step are starts; the
last step and every `selesai` step are ends; a decision goes to each branch target;
any other step goes to its `ke` targets, or the following step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .durations import Total, total_of
from .errors import Hints, listing, short, suggestion
from .model import Langkah

Simbol = Literal["mulai", "proses", "keputusan", "selesai"]


@dataclass(frozen=True)
class Edge:
    """An arrow from one step to another; `label` is the decision branch, if any."""

    source: int
    target: int
    label: str | None = None


def is_start(steps: Sequence[Langkah], number: int) -> bool:
    return number == 1 or steps[number - 1].mulai


def is_end(steps: Sequence[Langkah], number: int) -> bool:
    step = steps[number - 1]
    if step.keputusan:
        return False
    return number == len(steps) or step.selesai


def symbol(steps: Sequence[Langkah], number: int) -> Simbol:
    """The symbol rule: keputusan, else mulai, else selesai, else proses."""
    if steps[number - 1].keputusan:
        return "keputusan"
    if is_start(steps, number):
        return "mulai"
    if is_end(steps, number):
        return "selesai"
    return "proses"


def edges(steps: Sequence[Langkah], number: int) -> list[Edge]:
    """The arrows leaving a step, in the order written."""
    step = steps[number - 1]
    if step.keputusan:
        return [Edge(number, target, label) for label, target in step.keputusan.items()]
    if is_end(steps, number):
        return []
    targets = step.ke or (number + 1,)
    return [Edge(number, target) for target in targets]


def all_edges(steps: Sequence[Langkah]) -> list[Edge]:
    return [edge for number in range(1, len(steps) + 1) for edge in edges(steps, number)]


def starts(steps: Sequence[Langkah]) -> list[int]:
    return [n for n in range(1, len(steps) + 1) if is_start(steps, n)]


def ends(steps: Sequence[Langkah]) -> list[int]:
    return [n for n in range(1, len(steps) + 1) if is_end(steps, n)]


def unreachable(steps: Sequence[Langkah]) -> list[int]:
    """Steps that no start reaches."""
    seen: set[int] = set()
    todo = starts(steps)
    while todo:
        number = todo.pop()
        if number in seen:
            continue
        seen.add(number)
        todo.extend(e.target for e in edges(steps, number))
    return [n for n in range(1, len(steps) + 1) if n not in seen]


def main_path(steps: Sequence[Langkah]) -> list[int]:
    """From step 1 to an end, taking each decision's first branch, each step once.

    Where the first choice leads back to a step already on the path (a rework loop
    written first), the next choice that moves on is taken instead.
    """
    path: list[int] = []
    on_path: set[int] = set()
    number: int | None = 1
    while number is not None and number not in on_path:
        path.append(number)
        on_path.add(number)
        choices = [e.target for e in edges(steps, number)]
        number = next((t for t in choices if t not in on_path), None)
    return path


def total_time(steps: Sequence[Langkah]) -> Total:
    """The total Waktu along the main path."""
    return total_of((n, steps[n - 1].waktu_terbaca) for n in main_path(steps))


# ---------------------------------------------------------------- checks


def check_flow(
    roles: tuple[str, ...] | None, steps: list[Langkah | None], hints: Hints | None = None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Roles of steps, step targets, and the flow's reach. Returns (errors, warnings).
    `hints`: the file's suggestions (bounded work however many roles are misspelt)."""
    hints = hints or Hints()
    errors: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    count = len(steps)
    used: set[str] = set()
    known = set(roles or ())
    for index, step in enumerate(steps):
        if step is None:
            continue
        here = f"langkah[{index + 1}]"
        for position, role in enumerate(step.pelaksana):
            used.add(role)
            if roles is not None and role not in known:
                path = f"{here}.pelaksana" + (f"[{position + 1}]" if len(step.pelaksana) > 1 else "")
                errors.append(
                    (
                        path,
                        f"'{short(role)}' tidak ada di daftar pelaksana "
                        f"({listing(roles)}).{hints(role, roles, _role_hint)}",
                    )
                )
        for where, target in _targets(step):
            if target > count:
                errors.append(
                    (f"{here}.{where}", f"diharapkan nomor langkah 1 sampai {count}, ditemukan {target}")
                )
        if step.keputusan and step.ke:
            errors.append(
                (f"{here}.ke", "langkah keputusan menentukan tujuannya lewat cabang 'keputusan'; hapus 'ke'")
            )
        if step.selesai and (step.ke or step.keputusan):
            which = "ke" if step.ke else "keputusan"
            errors.append((f"{here}.selesai", f"langkah yang selesai tidak berlanjut, tetapi ada '{which}'"))
        if index == count - 1 and step.ke:
            errors.append(
                (
                    f"{here}.ke",
                    "langkah terakhir selalu mengakhiri alur; hapus 'ke' atau pindahkan langkah ini",
                )
            )
    if roles is not None and all(s is not None for s in steps) and steps:
        for role in roles:
            if role not in used:
                unused = f"pelaksana '{short(role)}' tidak dipakai oleh langkah mana pun"
                warnings.append(("pelaksana", unused))
        if not errors:
            valid = [s for s in steps if s is not None]
            reached = set(range(1, len(valid) + 1)) - set(unreachable(valid))
            if not reached & set(ends(valid)):
                warnings.append(
                    (
                        "langkah",
                        "alur tidak pernah selesai: tidak ada langkah selesai yang dapat dicapai "
                        "(langkah terakhir berupa keputusan? tambahkan langkah penutup atau 'selesai: true')",
                    )
                )
            for number in unreachable(valid):
                warnings.append(
                    (
                        f"langkah[{number}]",
                        "langkah ini tidak dapat dicapai dari titik mulai "
                        "mana pun (tambahkan 'mulai: true' atau 'ke')",
                    )
                )
    return errors, warnings


def _role_hint(role: str, roles: Sequence[str]) -> str:
    """A role written short ('Kasubag' for 'Kasubag Evapor') suggests the first listed
    role that begins with it (as SOP-FORMAT.md's example); otherwise the closest name."""
    longer = [r for r in roles if r.lower().startswith(role.lower() + " ")]
    return f" Maksud Anda '{longer[0]}'?" if longer else suggestion(role, roles)


def _targets(step: Langkah) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    if step.ke:
        many = len(step.ke) > 1
        out += [(f"ke[{i + 1}]" if many else "ke", t) for i, t in enumerate(step.ke)]
    if step.keputusan:
        out += [(f"keputusan.{label}", t) for label, t in step.keputusan.items()]
    return out
