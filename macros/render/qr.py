"""The QR code printed on every page of an SOP in force: it links the paper to the SOP's
page on the public site, where a reader checks that the copy is current (agencies that
sign electronically print one linking to the original).

Generated at build time with segno (no JavaScript, nothing fetched), as SVG of a fixed
printed size: the print stylesheet places it in the bottom page margin of every page.
Choosing the best mask makes a code cost about 3 ms, so the codes are kept between
builds (`qr_data_uri`'s `cache`: one small file per address, which never changes the
code of an address; a file that is not a data URI is drawn again).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path

import segno

SIZE_MM = 16.0  # printed size, quiet zone included
BORDER = 2  # quiet zone, in modules (the page margin around it is white too)
ERROR = "m"  # error correction: ~15% of the code may be damaged or stamped over


def qr_code(url: str) -> segno.QRCode:
    """The QR code of a URL (always a full QR code, never a Micro QR)."""
    return segno.make(url, error=ERROR, micro=False, boost_error=False)


def _scale(code: segno.QRCode) -> float:
    width, _ = code.symbol_size(scale=1, border=BORDER)
    return SIZE_MM / width


CACHE = ".cache/portal-sop/qr"  # the build's cache of codes, in the project (gitignored)
# What decides a code besides its address: a change starts new cache files.
_CACHE_KEY = f"segno {segno.__version__} {ERROR} {BORDER} {SIZE_MM} data-uri"
_DATA_URI = re.compile(r"data:image/svg\+xml,[A-Za-z0-9%._~-]*\Z")  # as segno writes it


def qr_data_uri(url: str, cache: Path | None = None) -> str:
    """The QR code of a URL as an SVG data URI (fully percent-encoded: safe inside a CSS
    string in an HTML <style>). `cache`: a folder where codes are kept between builds
    (written atomically: worker processes may draw at the same time)."""
    if cache is None:
        return _data_uri(url)
    name = hashlib.sha256(f"{_CACHE_KEY} {url}".encode()).hexdigest()[:32]
    path = cache / f"{name}.txt"
    with contextlib.suppress(OSError, UnicodeDecodeError):
        kept = path.read_text(encoding="ascii")
        if _DATA_URI.match(kept):
            return kept
    drawn = _data_uri(url)
    with contextlib.suppress(OSError):
        cache.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}")
        temporary.write_text(drawn, encoding="ascii")
        os.replace(temporary, path)
    return drawn


def _data_uri(url: str) -> str:
    code = qr_code(url)
    return code.svg_data_uri(scale=_scale(code), border=BORDER, unit="mm", omit_charset=True)


def qr_svg(url: str) -> str:
    """The QR code of a URL as inline SVG markup (the same picture as `qr_data_uri`)."""
    code = qr_code(url)
    return code.svg_inline(scale=_scale(code), border=BORDER, unit="mm")


__all__ = ["BORDER", "CACHE", "SIZE_MM", "qr_code", "qr_data_uri", "qr_svg"]
