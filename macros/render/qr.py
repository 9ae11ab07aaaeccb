"""The QR code printed on every page of an SOP in force: it links the paper to the SOP's
page on the public site, where a reader checks that the copy is current (agencies that
sign electronically print one linking to the original).

Generated at build time with segno (no JavaScript, nothing fetched), as SVG of a fixed
printed size: the print stylesheet places it in the bottom page margin of every page.
"""

from __future__ import annotations

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


def qr_data_uri(url: str) -> str:
    """The QR code of a URL as an SVG data URI (fully percent-encoded: safe inside a CSS
    string in an HTML <style>)."""
    code = qr_code(url)
    return code.svg_data_uri(scale=_scale(code), border=BORDER, unit="mm", omit_charset=True)


def qr_svg(url: str) -> str:
    """The QR code of a URL as inline SVG markup (the same picture as `qr_data_uri`)."""
    code = qr_code(url)
    return code.svg_inline(scale=_scale(code), border=BORDER, unit="mm")


__all__ = ["BORDER", "SIZE_MM", "qr_code", "qr_data_uri", "qr_svg"]
