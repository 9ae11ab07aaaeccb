"""The identity section of a PDF (Bagian Identitas): letterhead, labelled fields, six boxes.

Read from phrases (words of one line close together, so a cell's text is one
phrase) by their printed labels, in both layouts seen: label and value in separate
cells, or "Label : value". A value is what lies right of its label, down to the next
label of the same column; the six boxes are read below their titles, each in its
half of the grid. What fits nowhere is kept for the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .draft import Draft
from .geometry import Box
from .page import Page, Word, text_lines

LABELS: dict[str, re.Pattern[str]] = {
    "nomor": re.compile(r"^no(mor|\.)?\s*sop\b", re.I),
    "tanggal_pembuatan": re.compile(r"^tanggal\s*pembuatan|^tgl\.?\s*pembuatan", re.I),
    "tanggal_revisi": re.compile(r"^tanggal\s*revisi|^tgl\.?\s*revisi", re.I),
    "tanggal_efektif": re.compile(r"^tanggal\s*(efektif|pengesahan|berlaku)|^tgl\.?\s*efektif", re.I),
    "disahkan_oleh": re.compile(r"^disahkan\s*oleh", re.I),
    "nama": re.compile(r"^nama\s*sop\b", re.I),
}
BOX_TITLES: dict[str, re.Pattern[str]] = {
    "dasar_hukum": re.compile(r"^dasar\s*hukum\s*:?", re.I),
    "kualifikasi_pelaksana": re.compile(r"^kualifikasi\s*pelaksana(an)?\s*:?", re.I),
    "keterkaitan": re.compile(r"^keterkaitan\s*:?", re.I),
    "peralatan_perlengkapan": re.compile(r"^peralatan\s*(/|dan)?\s*(perlengkapan)?\s*:?", re.I),
    "peringatan": re.compile(r"^peringatan\s*:?", re.I),
    "pencatatan_pendataan": re.compile(r"^pencatatan\s*(dan|/|&)?\s*(pendataan)?\s*:?", re.I),
}
_FIRST_WORDS = re.compile(r"^(nomor|no\.?|tanggal|tgl\.?|disahkan|nama)$", re.I)
_ITEM = re.compile(r"^\s*(\d{1,2}\s*[.)]|[a-z]\s*[.)]|[-\u2022\u00b7*\u25cf\u2013])\s*")
_NIP = re.compile(r"\bNIP\.?\s*[:.]?\s*([\d\s]{8,})", re.I)
_PANGKAT = re.compile(r"^(pembina|penata|pengatur|juru|pangkat|\(?\s*I{1,3}V?\s*/\s*[a-e]\s*\)?$)", re.I)
_ADDRESS = re.compile(r"^(jalan|jln?\.|alamat)\b|kode pos|\bkel(urahan)?\.|\bRT\b", re.I)
_CONTACT = re.compile(
    r"\b(telepon|telp\.?|tel\.?|e-?mail|website|situs|laman)\s*:\s*(.+?)(?=\s*(?:·|\||,)?\s*"
    r"\b(?:telepon|telp\.?|tel\.?|e-?mail|website|situs|laman)\s*:|$)",
    re.I,
)
_CONTACT_KEYS = {
    "telepon": "telepon", "telp": "telepon", "tel": "telepon", "email": "email", "e-mail": "email",
    "website": "website", "situs": "website", "laman": "website",
}  # fmt: skip
_FOOTER = re.compile(
    r"ditandatangani secara elektronik|Balai Sertifikasi Elektronik|Pindai kode QR|kode QR di samping|"
    r"^Hal(aman|\.)\s*\d|^Versi berlaku|^Periksa keberlakuan|^Kode versi\s*:",
    re.I,
)


class Phrase:
    """Words of one line that sit together (one cell's line of text)."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = list(words)
        self.box = Box(
            min(w.box.x0 for w in words),
            min(w.box.top for w in words),
            max(w.box.x1 for w in words),
            max(w.box.bottom for w in words),
        )
        self.text = " ".join(w.text for w in words)
        self.size = max(w.size for w in words)
        self.used = False

    def __repr__(self) -> str:
        return f"Phrase({self.text!r} @ {self.box.x0:.0f},{self.box.top:.0f})"


def _phrases(words: Sequence[Word]) -> list[Phrase]:
    return [Phrase(line) for line in text_lines(words)]


def _lines(phrases: Sequence[Phrase]) -> list[str]:
    """Phrases as lines of text, top to bottom (phrases of one line joined)."""
    out: list[list[Phrase]] = []
    for p in sorted(phrases, key=lambda p: (p.box.top, p.box.x0)):
        if out and abs(out[-1][0].box.top - p.box.top) < 3:
            out[-1].append(p)
        else:
            out.append([p])
    return [" ".join(p.text for p in sorted(line, key=lambda p: p.box.x0)) for line in out]


def _strip_label(text: str, pattern: re.Pattern[str]) -> str:
    m = pattern.match(text)
    rest = text[m.end() :] if m else text
    return rest.strip().lstrip(":").strip()


def read_identity(pages: list[Page], table: tuple[int, float] | None, draft: Draft) -> None:
    """Fill the identity fields of `draft` from the pages before the table."""
    words: list[Word] = []
    last = table[0] if table else len(pages) - 1
    for index in range(0, last + 1):
        page = pages[index]
        for w in page.words:
            if table and index == table[0] and w.box.top >= table[1]:
                continue
            if w.box.top > page.height * 0.92:
                continue  # page footer (signature notice, page numbers)
            words.append(_shifted(w, index, page.height))
    phrases = [p for p in _phrases(words) if not _FOOTER.search(p.text)]
    _merge_wrapped_labels(phrases)
    rules: list[tuple[float, float, float]] = []  # horizontal grid lines: y, x0, x1 (pages stacked)
    for index in range(0, last + 1):
        shift = index * (pages[index].height + 20)
        for seg in pages[index].drawing.segments:
            if seg.horizontal:
                rules.append((seg.y0 + shift, min(seg.x0, seg.x1), max(seg.x0, seg.x1)))
        for box in pages[index].drawing.fills:
            rules += [(box.top + shift, box.x0, box.x1), (box.bottom + shift, box.x0, box.x1)]
    IdentityReader(phrases, draft, rules).read()


def _shifted(word: Word, index: int, height: float) -> Word:
    """Pages stacked top to bottom, so an identity section over two pages reads in order."""
    d = index * (height + 20)
    return Word(word.text, Box(word.box.x0, word.box.top + d, word.box.x1, word.box.bottom + d), word.size)


def _merge_wrapped_labels(phrases: list[Phrase]) -> None:
    """'Tanggal' over 'Pembuatan' (a label wrapped in its cell) becomes one phrase."""
    for p in list(phrases):
        if p not in phrases or not _FIRST_WORDS.match(p.text.strip()):
            continue
        below = [
            q
            for q in phrases
            if q is not p and 0 < q.box.top - p.box.bottom < 6 and abs(q.box.x0 - p.box.x0) < 3
        ]
        if below:
            q = min(below, key=lambda q: q.box.top)
            merged = Phrase([*p.words, *q.words])
            merged.text = f"{p.text} {q.text}"
            phrases[phrases.index(p)] = merged
            phrases.remove(q)


class IdentityReader:
    def __init__(self, phrases: list[Phrase], draft: Draft, rules: list[tuple[float, float, float]]) -> None:
        self.phrases, self.draft, self.rules = phrases, draft, rules

    def _cell(self, label: Phrase) -> tuple[float, float] | None:
        """The grid lines above and below a label's value cell, when the form has them."""
        x = label.box.x1 + 6
        ys = [y for y, x0, x1 in self.rules if x0 - 1 <= x <= x1 + 1]
        above = [y for y in ys if y <= label.box.top + 1]
        below = [y for y in ys if y >= label.box.bottom - 1]
        if not above or not below:
            return None
        return max(above), min(below)

    def _find(self, pattern: re.Pattern[str]) -> Phrase | None:
        return next((p for p in self.phrases if pattern.match(p.text)), None)

    def read(self) -> None:
        labels = {key: p for key, rx in LABELS.items() if (p := self._find(rx)) is not None}
        boxes = {key: p for key, rx in BOX_TITLES.items() if (p := self._find(rx)) is not None}
        for p in [*labels.values(), *boxes.values()]:
            p.used = True
        bottom = min((p.box.top for p in boxes.values()), default=float("inf"))
        for key, label in labels.items():
            value = self._value(key, label, labels, bottom)
            if key == "disahkan_oleh":
                self._pengesah(value)
            else:
                setattr(self.draft, key, " ".join(_lines(value)).strip())
        for key in LABELS:
            if key not in labels:
                self.draft.doubt(key, "label tidak ditemukan di bagian identitas")
        self._letterhead(labels, bottom)
        self._boxes(boxes)
        rest = [p for p in self.phrases if not p.used]
        if rest:
            self.draft.leftover += _lines(rest)

    def _value(self, key: str, label: Phrase, labels: dict[str, Phrase], bottom: float) -> list[Phrase]:
        rx = LABELS[key]
        inline = _strip_label(label.text, rx)
        below = [
            o.box.top
            for o in labels.values()
            if o is not label and o.box.top > label.box.top + 2 and abs(o.box.x0 - label.box.x0) < 40
        ]
        limit = min([*below, bottom])
        if key == "nama" and limit == float("inf"):
            limit = label.box.bottom + 40
        start = label.box.top - 3
        cell = self._cell(label)
        if cell is not None and cell[1] - cell[0] > 4:
            # Inside the value's cell: a label centred in a tall cell has text above it.
            start, limit = cell[0] - 1, min(limit, cell[1] + 1) if key != "nama" else cell[1] + 1
        out = []
        for p in self.phrases:
            if p.used or p is label:
                continue
            if start <= p.box.top and p.box.cy < limit - 1 and p.box.x0 >= label.box.x1 - 1:
                out.append(p)
        if key == "nama" and out:
            out += self._overflow(out, bottom)
        for p in out:
            p.used = True
        if inline:
            head = Phrase(label.words)
            head.text = inline
            out.insert(0, head)
        for p in out:
            p.text = p.text.lstrip(":").strip()
        return [p for p in out if p.text]

    def _split_at(self, x: float) -> None:
        """Phrases running from the left box into the right one (text set close to the
        column rule) become two."""
        for p in list(self.phrases):
            if p.used or not p.box.x0 < x < p.box.x1:
                continue
            left = [w for w in p.words if w.box.x1 <= x + 2]
            right = [w for w in p.words if w.box.x1 > x + 2]
            if left and right:
                at = self.phrases.index(p)
                self.phrases[at : at + 1] = [Phrase(left), Phrase(right)]

    def _overflow(self, value: list[Phrase], bottom: float) -> list[Phrase]:
        """Lines of a long name printed past its cell: directly below, aligned with it."""
        more: list[Phrase] = []
        last = max(value, key=lambda p: p.box.bottom)
        left = min(p.box.x0 for p in value)
        for p in sorted(self.phrases, key=lambda p: p.box.top):
            if p.used or p in value or p.box.top >= bottom - 1:
                continue
            if 0 <= p.box.top - last.box.bottom < last.box.height * 0.8 and abs(p.box.x0 - left) < 15:
                more.append(p)
                last = p
        return more

    def _pengesah(self, value: list[Phrase]) -> None:
        # The portal prints "KONSEP: belum disahkan" where a draft's signature would be.
        lines = [t for t in _lines(value) if t and not re.fullmatch(r"[\W_]+|KONSEP\b.*", t)]
        result: dict[str, str] = {}
        nip_at = next((i for i, t in enumerate(lines) if _NIP.search(t)), None)
        if nip_at is not None:
            m = _NIP.search(lines[nip_at])
            assert m is not None
            result["nip"] = " ".join(m.group(1).split())
            before = lines[:nip_at]
            self.draft.leftover += lines[nip_at + 1 :]
        else:
            before = lines
        if before and _PANGKAT.match(before[-1]) and len(before) >= 2:
            result["pangkat"] = before.pop()
        if len(before) >= 2:
            result["nama"] = before.pop()
        elif nip_at is None and before:
            self.draft.doubt("disahkan_oleh.nama", "nama pengesah tidak dapat dipisahkan dari jabatan")
        if before:
            result["jabatan"] = " ".join(before)
        self.draft.disahkan_oleh = result
        if "nama" not in result:
            self.draft.doubt("disahkan_oleh.nama", "nama pengesah tidak terbaca")

    def _letterhead(self, labels: dict[str, Phrase], bottom: float) -> None:
        if not labels:
            return
        left_of = min(p.box.x0 for p in labels.values()) - 3
        top_limit = min(bottom, max(p.box.bottom for p in labels.values()) + 30)
        head = [p for p in self.phrases if not p.used and p.box.x1 <= left_of and p.box.top < top_limit]
        for p in head:
            p.used = True
        lines = _line_phrases(head)
        names: list[str] = []
        sizes: list[float] = []  # the font size of each name
        alamat: list[str] = []
        cell_left = min((p.box.x0 for p in self.phrases), default=0.0)
        room = left_of - cell_left - 8  # the letterhead cell's width, less its padding
        previous: list[Phrase] | None = None
        for line in lines:
            text = " ".join(p.text for p in line)
            if previous is not None and names and not alamat and _continues(previous, line, room):
                names[-1] = f"{names[-1]} {text}"  # a name wrapped in its cell
                previous = line
                continue
            previous = line
            contacts = list(_CONTACT.finditer(text))
            if contacts:
                for m in contacts:
                    key = _CONTACT_KEYS[m.group(1).lower().rstrip(".")]
                    setattr(self.draft, key, m.group(2).strip(" ·|,;"))
            elif alamat or _ADDRESS.search(text):
                alamat.append(text)
            else:
                names.append(text)
                sizes.append(max(p.size for p in line))
        if alamat:
            self.draft.alamat = " ".join(alamat)
        if not names:
            self.draft.doubt("instansi", "kop (instansi dan unit) tidak ditemukan")
            return
        # Names set in two sizes: the larger names the instansi, the rest (however many
        # lines it wraps into) the unit. Otherwise every line but the last names the
        # instansi; the last, the unit.
        split = _size_change(sizes) or len(names) - 1
        self.draft.instansi = " ".join(names[:split]) or names[0]
        self.draft.unit = " ".join(names[split:]) if len(names) > 1 else ""
        if not self.draft.unit:
            self.draft.doubt("unit", "nama unit tidak ditemukan di kop")

    def _boxes(self, boxes: dict[str, Phrase]) -> None:
        titles = sorted(boxes.items(), key=lambda kv: (kv[1].box.top, kv[1].box.x0))
        if not titles:
            return
        xs = sorted({round(p.box.x0) for _, p in titles})
        split = None
        if len(xs) > 1 and xs[-1] - xs[0] > 100:
            split = (xs[0] + xs[-1]) / 2
            self._split_at(xs[-1] - 4)
        for key, title in titles:
            right_half = split is not None and title.box.x0 > split
            col_x0 = (split if right_half else -1.0) if split is not None else -1.0
            col_x1 = float("inf") if right_half or split is None else split
            nexts = [
                p.box.top
                for _, p in titles
                if p.box.top > title.box.top + 2 and (split is None or (p.box.x0 > split) == right_half)
            ]
            limit = min(nexts, default=float("inf"))
            if limit == float("inf"):
                limit = title.box.bottom + 200
            inside = [
                p
                for p in self.phrases
                if not p.used
                and title.box.bottom - 2 <= p.box.top < limit - 1
                and col_x0 - 8 <= p.box.x0 < col_x1 - 8
            ]
            inline = _strip_label(title.text, BOX_TITLES[key])
            for p in inside:
                p.used = True
            marked = _numbered_items(inside)
            if marked is not None:
                setattr(self.draft, key, ([inline] if inline else []) + marked)
                continue
            lines = ([inline] if inline else []) + _lines(inside)
            setattr(self.draft, key, _items(lines))


def _size_change(sizes: Sequence[float]) -> int | None:
    """Where a run of larger letterhead lines gives way to smaller ones (the instansi set
    above the unit), when the lines are set in exactly two sizes in that order."""
    runs = [i for i in range(1, len(sizes)) if abs(sizes[i] - sizes[i - 1]) > 0.3]
    if len(runs) == 1 and sizes[0] > sizes[-1]:
        return runs[0]
    return None


def _continues(line: list[Phrase], following: list[Phrase], room: float) -> bool:
    """Whether `following` is the rest of `line`, wrapped: its first word did not fit."""
    first = following[0].words[0]
    width = line[-1].box.x1 - line[0].box.x0
    space = first.box.height * 0.3
    return width + space + first.box.width > room


def _line_phrases(phrases: Sequence[Phrase]) -> list[list[Phrase]]:
    out: list[list[Phrase]] = []
    for p in sorted(phrases, key=lambda p: (p.box.top, p.box.x0)):
        if out and abs(out[-1][0].box.top - p.box.top) < 3:
            out[-1].append(p)
        else:
            out.append([p])
    return [sorted(line, key=lambda p: p.box.x0) for line in out]


_MARKER = re.compile(r"^\d{1,2}\s*[.,)]?$")


def _numbered_items(phrases: list[Phrase]) -> list[str] | None:
    """Items whose numbers stand in a column of their own ("4." centred beside the two
    lines of item 4): each line of text goes with the nearest number."""
    markers = [p for p in phrases if _MARKER.match(p.text)]
    texts = [p for p in phrases if p not in markers]
    if len(markers) < 2 or not texts or max(m.box.x1 for m in markers) > min(t.box.x0 for t in texts) + 1:
        return None
    groups: dict[int, list[Phrase]] = {id(m): [] for m in markers}
    for text in texts:
        nearest = min(markers, key=lambda m: abs(m.box.cy - text.box.cy))
        groups[id(nearest)].append(text)
    ordered = sorted(markers, key=lambda m: m.box.top)
    return [" ".join(_lines(groups[id(m)])) for m in ordered if groups[id(m)]]


def _items(lines: list[str]) -> list[str]:
    """Box lines as items: a numbered or bulleted line starts an item, others continue it."""
    items: list[str] = []
    numbered = sum(1 for t in lines if _ITEM.match(t))
    if not numbered and len(lines) > 1 and any(len(t) > 45 for t in lines):
        lines = [" ".join(lines)]  # one item wrapped over several lines
    for text in lines:
        m = _ITEM.match(text)
        if m or not items or not numbered:
            items.append(text[m.end() :] if m else text)
        else:
            items[-1] = f"{items[-1]} {text}"
    return [" ".join(t.split()) for t in items if t.strip() and t.strip() != "-"]
