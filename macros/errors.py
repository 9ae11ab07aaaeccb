"""Problem records: what an editor is told about a source file.

A problem names the file (relative to the project), the field path (positions
counted from 1, as editors count), and a message in Indonesian that says what was
expected and what was found. Nothing here imports mkdocs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

# error: fails the build; warning: reported, fails the strict build; saran (a
# suggestion, e.g. a text that names an existing SOP): reported at INFO, never fatal.
Severity = Literal["error", "warning", "saran"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one source file."""

    file: str
    path: str
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # One problem, one line of text that can be written: a control character or a
        # line break from a file name, key or value is shown as an escape, so no printed
        # line starts with what a source wrote (GitHub reads '::error' as a command).
        for name in ("file", "path", "message"):
            object.__setattr__(self, name, escape_controls(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class SourceErrors(Exception):
    """Raised when any source file is invalid; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text: str) -> str:
    """Control characters, line and paragraph separators and lone surrogates written
    as escapes (\\n, \\x07, \\u2028, \\ud800): the text stays on one line and can be
    written (printed, encoded). Other text is unchanged."""
    return _ESCAPED.sub(_escape, text) if _ESCAPED.search(text) else text


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def field_path(loc: Iterable[str | int]) -> str:
    """Turn a location tuple into an editor's field path: ('langkah', 3, 'ke') -> 'langkah[4].ke'.

    Integer positions are zero-based in code and shown one-based.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to a misspelt word, if any is close enough."""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    if match:
        return lowered[match[0]]
    # A role written short ('Kasubag' for 'Kasubag Evapor') is a prefix of the real one.
    prefixed = [c for c in options if c.lower().startswith(word.lower()) and word]
    return prefixed[0] if len(prefixed) == 1 else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """' Maksud Anda 'x'?' when a close choice exists, else ''."""
    best = closest(word, choices)
    return f" Maksud Anda '{best}'?" if best else ""


def describe(value: Any) -> str:
    """Describe a found value in Indonesian for an error message."""
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return f"nilai benar/salah '{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"angka '{getattr(value, 'source', value)}'"
    if isinstance(value, date):
        return f"tanggal '{value.isoformat()}'"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"teks '{text}'" if value.strip() else "teks kosong"
    if isinstance(value, dict):
        keys = ", ".join(str(k) for k in list(value)[:6])
        return f"pemetaan (kunci: {keys})" if keys else "pemetaan kosong"
    if isinstance(value, (list, tuple)):
        return f"daftar {len(value)} butir" if value else "daftar kosong"
    return type(value).__name__
