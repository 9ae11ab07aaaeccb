"""The version code (`versi`) of an SOP: a short fingerprint of what its page shows.

Made from the validated model, not from the source text, so comments, key order,
quoting, indentation and the build date change nothing, while any change to a value
the page shows gives another code. The same content gives the same code on every
machine: canonical JSON (sorted keys, no spaces, UTF-8), SHA-256, the first 12 hex
digits (48 bits: two different versions share a code once in ~10^14 pairs).

What goes in: every field of the model except `logo` (a path to an image file, whose
content the code could not follow anyway), and the free Markdown after the front
matter with line-end spaces and blank-line runs normalised.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Protocol

from .model import Sop

LENGTH = 12
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalised_body(body: str) -> str:
    """The free Markdown as it reads: spaces at line ends and extra blank lines dropped."""
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def canonical(sop: Sop, body: str) -> str:
    """The canonical JSON text a version code is the fingerprint of."""
    data = sop.model_dump(mode="json", exclude={"logo"})
    return json.dumps(
        {"sop": data, "uraian": normalised_body(body)},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )


def versi_of(sop: Sop, body: str) -> str:
    """The version code of an SOP's validated content (12 lowercase hex digits)."""
    return hashlib.sha256(canonical(sop, body).encode("utf-8")).hexdigest()[:LENGTH]


class _Record(Protocol):
    @property
    def sop(self) -> Sop: ...
    @property
    def body(self) -> str: ...


_KEPT: dict[int, tuple[object, str]] = {}


def versi_record(record: _Record) -> str:
    """The version code of a loaded SOP, computed once per record object (the header,
    the print furniture and the open data all show it)."""
    hit = _KEPT.get(id(record))
    if hit is None or hit[0] is not record:
        if len(_KEPT) > 100_000:
            _KEPT.clear()
        hit = (record, versi_of(record.sop, record.body))
        _KEPT[id(record)] = hit
    return hit[1]


__all__ = ["LENGTH", "canonical", "normalised_body", "versi_of", "versi_record"]
