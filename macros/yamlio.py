"""Reading front matter and unit files.

The loader follows the YAML 1.2 core schema rather than PyYAML's YAML 1.1 default,
because editors write Indonesian text: `Ya`, `No`, `On` and `Off` stay text, `070`
is not an octal number and dates stay as written (the model reads them). Numbers
remember how they were written, so a text field given `070` shows `070`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class SourceInt(int):
    """An int that remembers its source text."""

    source: str


class SourceFloat(float):
    """A float that remembers its source text."""

    source: str


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars and no merge keys or timestamps."""


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))


def _construct_bool(loader: _Loader, node: yaml.ScalarNode) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node))
    if not _INT.match(text):  # an explicit !!int tag on odd text: keep it as text
        return text
    value = SourceInt(int(text))
    value.source = text
    return value


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node))
    if not _FLOAT.match(text):
        return text
    value = SourceFloat(float(text))
    value.source = text
    return value


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass(frozen=True)
class YamlError(Exception):
    """YAML that does not parse: the line (1-based, in the file) and the reason."""

    line: int | None
    reason: str


_REASONS = {
    "mapping values are not allowed here": "tanda ':' tidak diharapkan di sini "
    "(beri tanda kutip pada teks yang memuat ': ')",
    "could not find expected ':'": "tanda ':' yang diharapkan tidak ditemukan",
    "found character '\\t' that cannot start any token": "karakter tab tidak boleh "
    "dipakai untuk indentasi; gunakan spasi",
    "expected <block end>, but found '-'": "indentasi daftar tidak rata",
    "found duplicate key": "kunci yang sama ditulis dua kali",
    "expected ',' or ']'": "daftar dalam kurung siku [ ... ] tidak ditutup dengan ']' "
    "atau butirnya tidak dipisah koma",
    "expected ',' or '}'": "pemetaan dalam kurung kurawal { ... } tidak ditutup dengan '}' "
    "atau butirnya tidak dipisah koma",
    "found unexpected end of stream": "tanda kutip tidak ditutup",
    "did not find expected key": "indentasi tidak rata: kunci yang diharapkan tidak ditemukan",
    "did not find expected '-' indicator": "butir daftar harus diawali '-' pada indentasi yang sama",
    "found undefined alias": "alias '*...' tidak dikenal (beri tanda kutip pada teks yang diawali '*')",
    "found unknown escape character": "karakter escape '\\' tidak dikenal dalam teks berkutip ganda "
    "(gunakan kutip tunggal)",
    "expected <block end>, but found '<scalar>'": "ada teks sesudah nilai berkutip, atau "
    "indentasi tidak rata (beri tanda kutip pada seluruh teks)",
    "expected <block end>, but found": "indentasi tidak rata",
    "expected a comment or a line break": "ada teks sesudah nilai berkutip; "
    "beri tanda kutip pada seluruh teks",
}
_TOKEN = re.compile(r"found character '(.+)' that cannot start any token")


def _reason(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    for english, indonesian in _REASONS.items():
        if problem.startswith(english):
            return indonesian
    token = _TOKEN.match(problem)
    if token:
        return f"karakter '{token[1]}' tidak boleh mengawali nilai; beri tanda kutip pada teksnya"
    return f"YAML tidak dapat dibaca (pesan pengurai: {problem})"


class _DuplicateKeyLoader(_Loader):
    """Rejects a key written twice in one mapping, which YAML would silently merge."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                continue
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"found duplicate key '{key}'", key_node.start_mark
                )
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(self, node, deep=deep)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same reading with libyaml's parser (about 10x faster), when PyYAML has it."""

    construct_mapping = _DuplicateKeyLoader.construct_mapping


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
_FastLoader.yaml_constructors = {**_FastLoader.yaml_constructors, **_Loader.yaml_constructors}


def parse_yaml(text: str, line_offset: int = 0) -> Any:
    """Parse YAML text; raise YamlError with the file line (text starts after line_offset)."""
    try:
        return yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        pass  # read again with the pure-Python parser, whose messages are translated
    try:
        return yaml.load(text, Loader=_DuplicateKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        reason = _reason(exc)
        if "duplicate key" in str(getattr(exc, "problem", "")):
            key = str(exc.problem).split("'")[1]  # type: ignore[attr-defined]
            reason = f"kunci '{key}' ditulis dua kali"
        raise YamlError(line, reason) from None


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split '---\\nYAML\\n---\\nbody'; return (yaml, body, first body line) or None."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "".join(lines[1:number]), "".join(lines[number + 1 :]), number + 2
    return None


class ParseCache:
    """Parsed YAML by content, kept between runs (`.cache/`, never committed): parsing
    is most of a check's time. Stored as JSON, never pickle, so a cache file can not
    run code; numbers keep their source text. A file whose data JSON cannot hold
    (non-text keys) is simply parsed each time. Any change to this module starts a new
    cache."""

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
                except (OSError, ValueError, KeyError, AttributeError):
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
