"""A page of a PDF as the readers see it: its words with their boxes, its drawing and
its pictures; and words grouped into phrases. Shared by the table reader (pdf.py) and
the identity reader (identity.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .geometry import Box, Drawing


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    size: float = 0.0  # font size


@dataclass
class Page:
    number: int  # from 1
    width: float
    height: float
    words: list[Word]
    drawing: Drawing
    pictures: list[Box]


def text_lines(words: Iterable[Word], gap: float = 7.0) -> list[list[Word]]:
    """Words grouped into phrases: one line, neighbours closer than `gap`."""
    out: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.box.top / 2.5), w.box.x0)):
        for phrase in reversed(out[-6:]):
            last = phrase[-1]
            same_line = abs(last.box.top - word.box.top) < 2.5 or abs(last.box.bottom - word.box.bottom) < 2.5
            if same_line and -1 <= word.box.x0 - last.box.x1 <= gap:
                phrase.append(word)
                break
        else:
            out.append([word])
    return out
