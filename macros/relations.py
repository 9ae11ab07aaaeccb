"""Relations between SOPs beyond the written references: suggestions and the unit map.

Plain Python over the index's records; nothing here imports mkdocs.

- `suggest_references`: a plain-text `keterkaitan` item, or a step's `keterangan`,
  that names an existing SOP ("SOP Pengiriman Surat" where an SOP is named
  "Pengiriman Surat") is reported as a suggestion (severity "saran", never fatal):
  the editor may turn it into a reference, which then becomes a link both ways.
- `unit_map`: the relations that touch one unit's SOPs, as nodes and edges, for the
  relation map on the unit page.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .errors import SUGGEST_LENGTH, Problem
from .loader import SopRecord
from .model import Rujukan

# How close a text must be to an SOP name (difflib ratio on the normalised forms).
# 0.85 accepts a missing or extra letter or word ending ("Pengiriman Surat-Surat" is
# not enough, "Pengirman Surat" is) and rejects names that merely share words
# ("Penerimaan Surat Masuk" against "Pengiriman Surat": 0.58).
THRESHOLD = 0.85

_SOP_PREFIX = re.compile(r"^(?:sop|s\.o\.p\.?)\s+", re.IGNORECASE)
# "... lihat SOP Pengiriman Surat." -> the name after "SOP", up to punctuation.
_MENTION = re.compile(r"\bSOP\s+([^.,;:()\[\]\n]{3,80})", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = " \t.,;:-–—\"'“”‘’()"


def normalise_name(text: str) -> str:
    """The comparable form of a name: lower case, single spaces, no leading 'SOP ',
    no punctuation at the ends."""
    text = _SPACE.sub(" ", text).strip(_EDGE_PUNCT)
    text = _SOP_PREFIX.sub("", text).strip(_EDGE_PUNCT)
    return text.casefold()


# Comparing two texts costs difflib up to the product of their lengths (two texts of
# 10,000 characters: a minute and a half). A name longer than SUGGEST_LENGTH is never
# compared (the longest real SOP name has 120 characters), nor a text too long to come
# within THRESHOLD of such a name.
_LONGEST_TEXT = int(SUGGEST_LENGTH * (2 / THRESHOLD - 1)) + 1


def _candidates(text: str) -> list[str]:
    """The forms of a text worth comparing with SOP names: the whole text, and each
    name written after the word 'SOP' inside a longer text."""
    out = [normalise_name(text)]
    if len(text) > 3:
        out += [normalise_name(m.group(1)) for m in _MENTION.finditer(text)]
    return [c for c in dict.fromkeys(out) if c and len(c) <= _LONGEST_TEXT]


class _Names:
    """The SOP names to compare texts with, indexed by word: a text is compared (with
    difflib) only with names sharing at least half of its words, and each distinct
    name once, so hundreds of SOPs (many of them namesakes) times every text stay fast."""

    def __init__(self, records: Iterable[SopRecord]) -> None:
        self.records: dict[str, list[SopRecord]] = defaultdict(list)  # normalised name -> SOPs
        for record in records:
            name = normalise_name(record.sop.nama)
            if len(name) <= SUGGEST_LENGTH:
                self.records[name].append(record)
        self.by_word: dict[str, list[str]] = defaultdict(list)
        for name in self.records:
            for word in set(name.split()):
                self.by_word[word].append(name)

    def near(self, text: str) -> Iterator[str]:
        """Distinct normalised names sharing at least half of the text's words."""
        words = set(text.split())
        shared: dict[str, int] = defaultdict(int)
        for word in words:
            for name in self.by_word.get(word, ()):
                shared[name] += 1
        needed = max(1, (len(words) + 1) // 2)
        for name, count in shared.items():
            if count >= needed:
                yield name


def match_sop(text: str, records: Sequence[SopRecord], here: SopRecord) -> SopRecord | None:
    """The one SOP among `records` (other than `here`) whose name the text names, or None.

    Several close names (every kecamatan has its "Pengiriman Surat"): the one in the
    same unit wins if it is the only one there; otherwise nothing is suggested.
    """
    return _match(text, _Names(records), here)


class _Similar:
    """Whether a text and a name are alike (difflib), remembered from one check of the
    portal to the next: a preview server checks again after every edit, and only pairs
    with an edited text or name need comparing then."""

    def __init__(self) -> None:
        self.previous: dict[tuple[str, str], bool] = {}
        self.current: dict[tuple[str, str], bool] = {}

    def next_round(self) -> None:
        """Start a check of the whole portal: keep only what the last one used."""
        self.previous, self.current = self.current, {}

    def names_alike(self, candidate: str, names: Iterable[str]) -> Iterator[str]:
        matcher: difflib.SequenceMatcher[str] | None = None
        for name in names:
            key = (candidate, name)
            alike = self.current.get(key)
            if alike is None:
                alike = self.previous.get(key)
            if alike is None:
                if matcher is None:
                    matcher = difflib.SequenceMatcher(None, autojunk=False)
                    matcher.set_seq2(candidate)  # difflib caches what it learns about it
                matcher.set_seq1(name)
                alike = (
                    matcher.real_quick_ratio() >= THRESHOLD
                    and matcher.quick_ratio() >= THRESHOLD
                    and matcher.ratio() >= THRESHOLD
                )
            self.current[key] = alike
            if alike:
                yield name


_SIMILAR = _Similar()


def _match(text: str, names: _Names, here: SopRecord) -> SopRecord | None:
    found: dict[str, SopRecord] = {}
    for candidate in _candidates(text):
        for name in _SIMILAR.names_alike(candidate, names.near(candidate)):
            found.update((r.id, r) for r in names.records[name] if r.id != here.id)
    if len(found) == 1:
        return next(iter(found.values()))
    same_unit = [
        r for r in found.values() if (r.sop.instansi, r.sop.unit) == (here.sop.instansi, here.sop.unit)
    ]
    return same_unit[0] if len(same_unit) == 1 else None


def referenced(record: SopRecord) -> set[str]:
    """The ids of the SOPs an SOP refers to: keterkaitan, steps carried out through an
    SOP, its replacement."""
    sop = record.sop
    ids = {item.sop for item in sop.keterkaitan if isinstance(item, Rujukan)}
    ids |= {step.sop for step in sop.langkah if step.sop}
    if sop.diganti_oleh:
        ids.add(sop.diganti_oleh)
    return ids


def suggest_references(records: Sequence[SopRecord]) -> list[Problem]:
    """Suggestions (severity 'saran') for texts that name an existing SOP without
    referring to it."""
    named = _Names(records)
    _SIMILAR.next_round()
    out: list[Problem] = []
    for record in records:
        already = referenced(record)
        for i, item in enumerate(record.sop.keterkaitan):
            if isinstance(item, Rujukan):
                continue
            target = _match(item, named, record)
            if target is not None and target.id not in already:
                out.append(
                    Problem(
                        record.src,
                        f"keterkaitan[{i + 1}]",
                        f"teks '{item}' mirip nama SOP '{target.sop.nama}' ({target.id}). Bila SOP "
                        f"itu yang dimaksud, tulis sebagai rujukan agar menjadi tautan: "
                        f"{{sop: {target.id}, jenis: terkait}} (atau prasyarat, lanjutan, bagian-dari)",
                        "saran",
                    )
                )
        for i, step in enumerate(record.sop.langkah):
            if not step.keterangan or step.sop:
                continue
            target = _match(step.keterangan, named, record)
            if target is not None:
                out.append(
                    Problem(
                        record.src,
                        f"langkah[{i + 1}].keterangan",
                        f"teks '{step.keterangan}' mirip nama SOP '{target.sop.nama}' ({target.id}). "
                        f"Bila langkah ini dijalankan melalui SOP itu, tambahkan 'sop: {target.id}' "
                        "pada langkah ini agar menjadi tautan",
                        "saran",
                    )
                )
    return out


# ---------------------------------------------------------------- the unit map


@dataclass(frozen=True)
class Edge:
    """One relation as written: `source` refers to `target` with `jenis`
    (a keterkaitan jenis, 'langkah' for a step carried out through it, or 'diganti'
    for a revoked SOP and its replacement)."""

    source: str
    target: str
    jenis: str


def edges_of(record: SopRecord) -> Iterator[Edge]:
    """Every relation an SOP writes, once per (target, jenis)."""
    seen: set[tuple[str, str]] = set()
    sop = record.sop
    written: list[tuple[str, str]] = [
        (item.sop, item.jenis) for item in sop.keterkaitan if isinstance(item, Rujukan)
    ]
    written += [(step.sop, "langkah") for step in sop.langkah if step.sop]
    if sop.diganti_oleh:
        written.append((sop.diganti_oleh, "diganti-oleh"))
    for target, jenis in written:
        if (target, jenis) not in seen:
            seen.add((target, jenis))
            yield Edge(record.id, target, jenis)


@dataclass
class UnitMap:
    """The relations touching one unit: its own SOPs (in the unit's order), the other
    units' SOPs they connect with, and the edges among them."""

    own: list[SopRecord]
    others: list[SopRecord] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    @property
    def connected(self) -> set[str]:
        return {e.source for e in self.edges} | {e.target for e in self.edges}

    def isolated(self) -> list[SopRecord]:
        """The unit's SOPs with no relation at all."""
        linked = self.connected
        return [r for r in self.own if r.id not in linked]


def unit_map(own: Sequence[SopRecord], everyone: Iterable[SopRecord]) -> UnitMap:
    """The relations with at least one end among `own` (the unit's SOPs)."""
    by_id = {r.id: r for r in everyone}
    mine = {r.id for r in own}
    edges: list[Edge] = []
    for record in by_id.values():
        for edge in edges_of(record):
            if (edge.source in mine or edge.target in mine) and edge.target in by_id:
                edges.append(edge)
    edges.sort(key=lambda e: (e.source not in mine, e.source, e.target, e.jenis))
    other_ids = sorted({i for e in edges for i in (e.source, e.target)} - mine)
    others = sorted(
        (by_id[i] for i in other_ids), key=lambda r: (r.sop.unit.lower(), r.sop.nama.lower(), r.id)
    )
    return UnitMap(own=list(own), others=others, edges=edges)


__all__ = [
    "THRESHOLD",
    "Edge",
    "UnitMap",
    "edges_of",
    "match_sop",
    "normalise_name",
    "referenced",
    "suggest_references",
]
