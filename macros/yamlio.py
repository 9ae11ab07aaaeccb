"""Reading front matter and unit files.

The loader follows the YAML 1.2 core schema rather than PyYAML's YAML 1.1 default,
because editors write Indonesian text: `Ya`, `No`, `On` and `Off` stay text, `070`
is not an octal number and dates stay as written (the model reads them). Numbers
remember how they were written, so a text field given `070` shows `070`; keys are
text as written (`1:` is the key '1').

Sources arrive from anyone, so the data is built here from PyYAML's event stream
(libyaml's parser when present) by `_Reader`, never by PyYAML's composer: anchors,
aliases and tags, which an SOP has no use for, are refused at the event that holds
them, before anything is built (an alias bomb costs nothing, and the parse cache never
holds expanded data); so are nesting, values and items past the limits below, keys
that are not text or hold control characters, and values that hold text that cannot
be written (lone surrogates, control characters other than newline and tab). Every
refusal and every parser error is an Indonesian reason with the file line.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import escape_controls, field_path


class SourceInt(int):
    """An int that remembers its source text."""

    source: str


class SourceFloat(float):
    """A float that remembers its source text."""

    source: str


# Limits on what one source file may hold (README, docs/panduan/galat.md). Far above
# any real SOP (the largest sample: 12 KB, 364 values, nesting 5, values of 200
# characters), low enough that no file costs a check more than a second or two.
MAX_FILE_BYTES = 1_000_000  # one source file (front matter and body), in bytes
MAX_BODY_CHARS = 100_000  # the Markdown after the front matter
MAX_DEPTH = 50  # lists and mappings inside one another
MAX_ITEMS = 1_000  # items in one list or keys in one mapping
MAX_VALUES = 20_000  # values (keys, texts, numbers, lists, mappings) in one file
MAX_TEXT = 10_000  # characters in one value
MAX_KEY = 200  # characters in one key
_MAX_DIGITS = 100  # a longer number stays text (Python refuses ints past 4,300 digits)


def number(count: int) -> str:
    """An Indonesian number: 1.000.000."""
    return f"{count:,}".replace(",", ".")


class Unreadable(Exception):
    """A source file that cannot be read as text: its line (None: the whole file) and
    why, in Indonesian."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def read_source(path: Path) -> str:
    """A source file's text: at most MAX_FILE_BYTES, UTF-8 (a BOM is allowed), \r\n read
    as \n. A lone \r stays (it ends no line; the front matter check refuses it). Raises
    Unreadable."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # never more, whatever the file holds
            size = max(os.fstat(handle.fileno()).st_size, len(data))
    except OSError as exc:
        raise Unreadable(None, f"berkas tidak dapat dibaca ({exc.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(
            None,
            f"berkas terlalu besar: {number(size)} byte, paling banyak {number(MAX_FILE_BYTES)} "
            "byte per berkas sumber (pecah menjadi beberapa SOP)",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Unreadable(None, "berkas harus berenkode UTF-8, ditemukan UTF-16; simpan ulang sebagai UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Unreadable(
            line,
            f"berkas harus berenkode UTF-8, ditemukan byte 0x{data[exc.start]:02X} yang bukan UTF-8 "
            "(enkode lain, mis. Windows-1252); simpan ulang sebagai UTF-8",
        ) from None
    return text.replace("\r\n", "\n")


@dataclass(frozen=True)
class YamlError(Exception):
    """YAML that does not parse or is refused: the line (1-based, in the file) and the
    reason, which starts with the field path when one is known."""

    line: int | None
    reason: str


# What a value may not hold: control characters other than line feed and tab, lone
# surrogates (text that cannot be written), U+FFFE/U+FFFF (not characters). A key also
# no line feed, tab or line separator.
_UNWRITABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_UNWRITABLE_KEY = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# What a front matter may not hold as written, before YAML reads it: the same, and
# U+2028/U+2029 and a lone CR, which YAML reads as line breaks and editors do not.
_NOT_IN_YAML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]|\r(?!\n)"
)
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}
_SEPARATORS = {"\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def unwritable(text: str, key: bool = False) -> tuple[int, str] | None:
    """Where and why a text cannot be a value (or a key) as it is, in Indonesian; None
    if it can."""
    match = (_UNWRITABLE_KEY if key else _UNWRITABLE).search(text)
    return (match.start(), _char_reason(match.group())) if match else None


def _char_reason(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"memuat surrogate tunggal U+{code:04X} (bukan huruf, biasanya dari escape "
            f"'\\u{code:04x}' dalam teks berkutip ganda; teks ini tidak dapat ditulis)"
        )
    if code in (0xFFFE, 0xFFFF):
        return f"memuat U+{code:04X} (bukan huruf)"
    if char in _SEPARATORS:
        return f"memuat pemisah baris U+{code:04X} ({_SEPARATORS[char]})"
    if char == "\n":
        return "memuat baris baru"
    if char == "\t":
        return "memuat tab"
    name = _CONTROL_NAMES.get(code)
    return f"memuat karakter kendali U+{code:04X}{f' ({name})' if name else ''}"


def check_front_matter_text(text: str, line_offset: int = 0) -> None:
    """Refuse, with its line, a character a front matter may not hold as written."""
    match = _NOT_IN_YAML.search(text)
    if match is None:
        return
    line = text.count("\n", 0, match.start()) + 1 + line_offset
    reason = _char_reason(match.group())
    if match.group() in "\u2028\u2029\x85\r":
        reason += ", padahal yang mengakhiri baris hanya baris baru biasa"
    raise YamlError(line, f"baris ini {reason}; hapus karakter tak terlihat ini")


def _shown_key(key: str) -> str:
    """A key quoted for a message, on one line (control characters escaped)."""
    return f"'{_shown(key)}'"


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def _plain(text: str) -> Any:
    """A plain (unquoted) scalar by the YAML 1.2 core schema: true/false, null, numbers
    that remember how they were written; anything else is text."""
    if text[:1] in "tTfFnN~-+.0123456789":  # (also the empty text)
        if _BOOL.match(text):
            return text.lower() == "true"
        if _NULL.match(text):
            return None
        if _INT.match(text) and len(text) <= _MAX_DIGITS:
            value = SourceInt(int(text))
            value.source = text
            return value
        if _FLOAT.match(text) and len(text) <= _MAX_DIGITS:
            real = SourceFloat(float(text))
            real.source = text
            return real
    return text


def _shown(name: str) -> str:
    return escape_controls(name if len(name) <= 60 else name[:57] + "...")


_REFUSED = {
    "anchor": "jangkar YAML '&{name}' tidak diizinkan: sumber SOP tidak memakai jangkar '&' "
    "dan alias '*'; tulis nilainya langsung (beri tanda kutip pada teks yang diawali '&')",
    "alias": "alias YAML '*{name}' tidak diizinkan: sumber SOP tidak memakai jangkar '&' dan "
    "alias '*'; tulis nilainya langsung (beri tanda kutip pada teks yang diawali '*')",
    "tag": "tag YAML '{name}' tidak diizinkan: tulis nilai biasa (beri tanda kutip pada teks "
    "yang diawali '!')",
}


class _Reader:
    """Builds the data of one YAML document from the parser's events, refusing what
    sources have no use for (anchors, aliases, tags, keys that are not text) and what
    exceeds the limits, at the event that breaks the rule: before anything is built
    from it. Keys are text as written (`1:` is the key '1'); a key written twice is an
    error. Recursion is bounded by MAX_DEPTH."""

    def __init__(self, events: Any, line_offset: int) -> None:
        self.events = events
        self.line_offset = line_offset
        self.path: list[str | int] = []
        self.values = 0

    def fail(self, event: Any, reason: str) -> YamlError:
        where = field_path(self.path[:8]) + ("..." if len(self.path) > 8 else "")
        line = event.start_mark.line + 1 + self.line_offset
        return YamlError(line, f"{where}: {reason}" if where else reason)

    def document(self) -> Any:
        events = self.events
        events.get_event()  # stream start
        if events.check_event(yaml.StreamEndEvent):
            return None
        events.get_event()  # document start
        data = self.node(0)
        events.get_event()  # document end
        if not events.check_event(yaml.StreamEndEvent):
            raise self.fail(
                events.peek_event(),
                "ada dokumen YAML kedua (baris '---' atau '...' di tengah); tulis satu dokumen saja",
            )
        return data

    def _count(self, event: Any) -> None:
        """Refuse an alias, an anchor or a tag; count the value against MAX_VALUES."""
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(event, _REFUSED["alias"].format(name=_shown(str(event.anchor))))
        if event.anchor is not None:
            raise self.fail(event, _REFUSED["anchor"].format(name=_shown(event.anchor)))
        if event.tag is not None:
            tag = re.sub("^tag:yaml.org,2002:", "!!", event.tag)
            raise self.fail(event, _REFUSED["tag"].format(name=_shown(tag)))
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.fail(
                event, f"terlalu banyak nilai: lebih dari {number(MAX_VALUES)} nilai dalam satu berkas"
            )

    def node(self, depth: int) -> Any:
        event = self.events.get_event()
        self._count(event)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if depth >= MAX_DEPTH:
            raise self.fail(
                event,
                f"daftar/pemetaan bersarang terlalu dalam: lebih dari {MAX_DEPTH} tingkat",
            )
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(depth + 1)
        return self.mapping(depth + 1)

    def scalar(self, event: Any) -> Any:
        text: str = event.value
        if len(text) > MAX_TEXT:
            raise self.fail(
                event,
                f"nilai terlalu panjang: {number(len(text))} karakter, paling banyak {number(MAX_TEXT)}",
            )
        problem = unwritable(text)
        if problem:
            raise self.fail(event, f"teks {problem[1]}; hapus karakter itu")
        return _plain(text) if event.implicit[0] else text

    def sequence(self, depth: int) -> list[Any]:
        events, items = self.events, list[Any]()
        path = self.path
        while not events.check_event(yaml.SequenceEndEvent):
            if len(items) == MAX_ITEMS:
                raise self.fail(
                    events.peek_event(), f"daftar terlalu panjang: lebih dari {number(MAX_ITEMS)} butir"
                )
            path.append(len(items))
            items.append(self.node(depth))
            path.pop()
        events.get_event()
        return items

    def mapping(self, depth: int) -> dict[str, Any]:
        events, out = self.events, dict[str, Any]()
        path = self.path
        while not events.check_event(yaml.MappingEndEvent):
            key, event = self.key()
            if key in out:
                raise self.fail(event, f"kunci {_shown_key(key)} ditulis dua kali")
            if len(out) == MAX_ITEMS:
                raise self.fail(event, f"pemetaan terlalu besar: lebih dari {number(MAX_ITEMS)} kunci")
            path.append(key)
            out[key] = self.node(depth)
            path.pop()
        events.get_event()
        return out

    def key(self) -> tuple[str, Any]:
        event = self.events.get_event()
        self._count(event)
        if not isinstance(event, yaml.ScalarEvent):
            found = "daftar" if isinstance(event, yaml.SequenceStartEvent) else "pemetaan"
            raise self.fail(event, f"kunci harus teks, ditemukan {found}")
        key: str = event.value
        if len(key) > MAX_KEY:
            raise self.fail(
                event, f"kunci terlalu panjang: {number(len(key))} karakter, paling banyak {number(MAX_KEY)}"
            )
        problem = unwritable(key, key=True)
        if problem:
            raise self.fail(event, f"kunci {_shown_key(key)} {problem[1]}; tulis kunci pada satu baris")
        return key, event


_NO_TAG = "tag YAML tidak diizinkan; beri tanda kutip pada teks yang diawali '!'"
# PyYAML's problems, in Indonesian. The first entry whose English text starts the
# problem (or, with a context, whose context starts the parser's) gives the reason.
_REASONS = [
    (
        "mapping values are not allowed here",
        "tanda ':' tidak diharapkan di sini (beri tanda kutip pada teks yang memuat ': ')",
    ),
    ("could not find expected ':'", "tanda ':' yang diharapkan tidak ditemukan"),
    (
        "found character '\\t' that cannot start any token",
        "karakter tab tidak boleh dipakai untuk indentasi; gunakan spasi",
    ),
    ("expected <block end>, but found '-'", "indentasi daftar tidak rata"),
    (
        "expected <block end>, but found '<scalar>'",
        "ada teks sesudah nilai berkutip, atau indentasi tidak rata (beri tanda kutip pada seluruh teks)",
    ),
    ("expected <block end>, but found", "indentasi tidak rata"),
    (
        "expected ',' or ']'",
        "daftar dalam kurung siku [ ... ] tidak ditutup dengan ']' atau butirnya tidak dipisah koma",
    ),
    (
        "expected ',' or '}'",
        "pemetaan dalam kurung kurawal { ... } tidak ditutup dengan '}' atau butirnya tidak dipisah koma",
    ),
    ("found unexpected end of stream", "tanda kutip tidak ditutup"),
    ("found unexpected document separator", "tanda kutip tidak ditutup sebelum baris '---' atau '...'"),
    ("did not find expected key", "indentasi tidak rata: kunci yang diharapkan tidak ditemukan"),
    ("did not find expected '-' indicator", "butir daftar harus diawali '-' pada indentasi yang sama"),
    (
        "found unknown escape character",
        "karakter escape '\\' tidak dikenal dalam teks berkutip ganda (gunakan kutip tunggal)",
    ),
    (
        "expected escape sequence of",
        "escape '\\x', '\\u' atau '\\U' dalam teks berkutip ganda harus "
        "diikuti angka heksadesimal (gunakan kutip tunggal)",
    ),
    (
        "expected a comment or a line break",
        "ada teks sesudah nilai berkutip; beri tanda kutip pada seluruh teks",
    ),
    (
        "invalid indentation or unclosed '[' or '{'",
        "indentasi tidak rata, atau kurung '[' atau '{' tidak ditutup",
    ),
    (
        "mapping keys are not allowed here",
        "tanda '?' tidak diharapkan di sini (beri tanda kutip pada teks yang diawali '?')",
    ),
    (
        "sequence entries are not allowed here",
        "butir daftar '-' tidak diharapkan di sini (indentasi "
        "tidak rata, atau beri tanda kutip pada teks yang diawali '-')",
    ),
    (
        "expected the node content",
        "nilai yang diharapkan tidak ditemukan (beri tanda kutip pada teks yang diawali tanda baca)",
    ),
    (
        "expected '<document start>'",
        "ada baris pengarah YAML ('%...') atau akhir dokumen ('...') sebelum baris ini; hapus "
        "baris itu (beri tanda kutip pada teks yang diawali '%')",
    ),
    ("while scanning an anchor", "tanda '&' harus diikuti nama; beri tanda kutip pada teks yang diawali '&'"),
    ("while scanning an alias", "tanda '*' harus diikuti nama; beri tanda kutip pada teks yang diawali '*'"),
    ("while scanning a tag", _NO_TAG),
    ("while parsing a tag", _NO_TAG),
    ("found undefined tag handle", _NO_TAG),
    ("found non-specific tag", _NO_TAG),
    (
        "while scanning a directive",
        "baris pengarah YAML ('%...') tidak dapat dibaca; hapus baris itu "
        "(beri tanda kutip pada teks yang diawali '%')",
    ),
    ("found duplicate YAML directive", "baris pengarah '%YAML' ditulis dua kali; hapus baris itu"),
    ("found incompatible YAML document", "baris pengarah '%YAML' meminta versi YAML lain; hapus baris itu"),
    (
        "while scanning a block scalar",
        "tanda '|' atau '>' (teks blok) harus diikuti baris baru; "
        "beri tanda kutip pada teks yang diawali '|' atau '>'",
    ),
]
_TOKEN = re.compile(r"found character '(.+)' that cannot start any token")
_GENERAL = "YAML tidak dapat dibaca di sini: periksa tanda kutip, tanda ':' dan indentasi baris ini"


def _reason(exc: yaml.YAMLError) -> str:
    problem = str(getattr(exc, "problem", None) or "")
    context = str(getattr(exc, "context", None) or "")
    for english, indonesian in _REASONS:
        if problem.startswith(english) or (english.startswith("while") and context.startswith(english)):
            return indonesian
    token = _TOKEN.match(problem)
    if token:
        return f"karakter '{token[1]}' tidak boleh mengawali nilai; beri tanda kutip pada teksnya"
    return _GENERAL


def _mark(exc: yaml.YAMLError) -> Any:
    """Where an editor should look: where an unclosed quote opened, else the problem."""
    problem = str(getattr(exc, "problem", None) or "")
    if problem.startswith(("found unexpected end of stream", "found unexpected document separator")):
        return getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    return getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)


_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml's parser, about 10x faster, when PyYAML has it


def parse_yaml(text: str, line_offset: int = 0) -> Any:
    """Parse YAML text (the YAML 1.2 core schema, no anchors, aliases or tags, within
    the limits); raise YamlError with the file line (text starts after line_offset)."""
    text = text.removeprefix("\ufeff")
    check_front_matter_text(text, line_offset)
    if _FAST is not None:
        try:
            return _Reader(_FAST(text), line_offset).document()
        except yaml.YAMLError:
            pass  # read again with the pure-Python parser, whose messages are translated
    try:
        return _Reader(yaml.SafeLoader(text), line_offset).document()
    except yaml.YAMLError as exc:
        mark = _mark(exc)
        line = mark.line + 1 + line_offset if mark is not None else None
        raise YamlError(line, _reason(exc)) from None


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split '---\\nYAML\\n---\\nbody'; return (yaml, body, first body line) or None.
    Only a line feed ends a line (\\r\\n too): U+2028, U+0085 or a lone \\r before
    '---' does not end the front matter."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if lines[0].rstrip(" \t\r") != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip(" \t\r") in ("---", "..."):
            front = "\n".join(lines[1:index]) + "\n" if index > 1 else ""
            return front, "\n".join(lines[index + 1 :]), index + 2
    return None


class ParseCache:
    """Parsed YAML by content, kept between runs (`.cache/`, never committed): parsing
    is most of a check's time. Stored as JSON, never pickle, so a cache file can not
    run code; numbers keep their source text. Only what `parse_yaml` accepted is
    stored, so nothing in it was expanded (no aliases) and it is no larger than its
    source; data JSON could not hold is simply parsed each time. Any change to this
    module starts a new cache."""

    _VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stored: dict[str, Any] | None = None  # read when first needed
        self._new: dict[str, Any] = {}
        self._kept: set[str] = set()  # texts used but parsed by nobody (see `keep`)

    @property
    def _old(self) -> dict[str, Any]:
        if self._stored is None:
            self._stored = {}
            if self.path is not None and self.path.is_file():
                try:
                    stored = json.loads(self.path.read_text(encoding="utf-8"))
                    if stored.get("versi") == self._VERSION:
                        self._stored = stored["isi"]
                except (OSError, ValueError, KeyError, AttributeError, RecursionError):
                    self._stored = {}
        return self._stored

    @staticmethod
    def key(text: str) -> str:
        """What a text is cached under."""
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def parse(self, text: str, line_offset: int = 0) -> Any:
        key = self.key(text)
        if key in self._old:
            self._new[key] = self._old[key]
            return _decode(self._new[key])
        data = parse_yaml(text, line_offset)
        encoded = _encode(data)
        if encoded is not _UNCACHEABLE:
            self._new[key] = encoded
        return data

    def keep(self, key: str) -> None:
        """A text (its `key`) this run used without parsing it, its result being known
        already: keep its entry in the saved cache."""
        self._kept.add(key)

    def save(self) -> None:
        """Keep what this run used (so the cache never grows past the sources)."""
        if self.path is None or self._stored is None:
            return  # nothing was parsed: the stored cache holds all this run used
        self._new.update((key, self._old[key]) for key in self._kept if key in self._old)
        if self._new == self._old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps({"versi": self._VERSION, "isi": self._new}), encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            pass  # a read-only checkout still checks, only slower


_UNCACHEABLE = object()


def _encode(value: Any) -> Any:
    if isinstance(value, SourceInt):
        return {"$int": value.source}
    if isinstance(value, SourceFloat):
        return {"$float": value.source}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return _UNCACHEABLE
        out = {}
        for k, v in value.items():
            encoded = _encode(v)
            if encoded is _UNCACHEABLE:
                return _UNCACHEABLE
            out[k] = encoded
        return {"$map": out} if any(k.startswith("$") for k in out) else out
    if isinstance(value, list):
        items = [_encode(v) for v in value]
        return _UNCACHEABLE if any(i is _UNCACHEABLE for i in items) else items
    if value is None or isinstance(value, (str, bool)):
        return value
    return _UNCACHEABLE


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((tag, inner),) = value.items()
            if tag == "$int":
                number = SourceInt(int(inner))
                number.source = inner
                return number
            if tag == "$float":
                real = SourceFloat(float(inner))
                real.source = inner
                return real
            if tag == "$map":
                return {k: _decode(v) for k, v in inner.items()}
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value
