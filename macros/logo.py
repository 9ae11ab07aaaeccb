"""Letterhead logos: checked before anything is published, and published as checked.

A logo is served from the portal's own origin, so a file that is not what its name says
could run there: an SVG is a document that may hold scripts, event handlers and links
to other sites. Raster logos (png, jpg, gif, webp) must start with their format's magic
bytes. An SVG is parsed safely (defusedxml: no DTD, no entities, so no entity bombs and
no external files) and rebuilt from an allow-list of SVG elements and attributes.

Why rebuild rather than refuse: logos exported by Inkscape or Illustrator carry editor
metadata (`sodipodi:`, `inkscape:` attributes, `<metadata>`) that is harmless but
outside any sensible allow-list; refusing them would send editors to hand-edit XML.
What is dropped can only run code or fetch something (scripts, `on*` handlers,
`<foreignObject>`, animations that rewrite attributes, links, external references in
`href` or `url(...)`); what is kept only draws. The caller publishes the returned
bytes, never the original file. Plain Python; no mkdocs import.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

LOGO_MAX_BYTES = 1_000_000  # a letterhead logo is a few kilobytes to a few hundred
SVG_MAX_DEPTH = 50  # nesting of elements; drawings need a handful of levels

RASTER_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
LOGO_SUFFIXES = (*RASTER_MAGIC, ".webp", ".svg")
LOGO_KINDS = "png, jpg, svg, webp, gif"

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

# SVG elements that only draw (no script, foreignObject, a, animate/set, image loading
# other documents, feImage, use of external files: `href` is checked below).
ELEMENTS = frozenset(
    """svg g defs title desc symbol use switch path rect circle ellipse line polyline polygon
    text tspan textPath linearGradient radialGradient stop clipPath mask pattern marker image
    style filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight
    feSpecularLighting feSpotLight feTile feTurbulence""".split()  # noqa: SIM905
)

# Presentation and geometry attributes (no `on*` handler, nothing that loads a resource
# but `href`, which must point inside the file or hold an embedded raster image).
ATTRIBUTES = frozenset(
    """id class style transform viewBox preserveAspectRatio width height x y x1 y1 x2 y2 cx
    cy r rx ry fx fy fr d points pathLength fill fill-opacity fill-rule stroke stroke-width
    stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset
    stroke-opacity opacity color display visibility overflow clip-path clip-rule
    clipPathUnits mask maskUnits maskContentUnits filter filterUnits primitiveUnits
    gradientUnits gradientTransform spreadMethod offset stop-color stop-opacity
    patternUnits patternContentUnits patternTransform markerWidth markerHeight refX refY
    orient markerUnits marker-start marker-mid marker-end font-family font-size
    font-weight font-style font-variant font-stretch text-anchor dominant-baseline
    alignment-baseline baseline-shift letter-spacing word-spacing text-decoration
    writing-mode direction dx dy rotate textLength lengthAdjust startOffset method spacing
    in in2 result stdDeviation mode type values operator k1 k2 k3 k4 radius flood-color
    flood-opacity lighting-color baseFrequency numOctaves seed stitchTiles scale
    xChannelSelector yChannelSelector tableValues slope intercept amplitude exponent
    order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength
    preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent azimuth
    elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle version mix-blend-mode
    isolation shape-rendering image-rendering text-rendering color-interpolation
    color-interpolation-filters paint-order vector-effect enable-background href lang""".split()  # noqa: SIM905
)
# Namespaced attributes kept, under their SVG 2 names (xlink:href is plain href).
_NAMESPACED = {f"{{{XLINK}}}href": "href", f"{{{XML}}}lang": "lang"}

# A value that could fetch or run something: a url() not pointing inside the file,
# CSS imports and old script hooks, a script URL; a backslash (CSS escapes could spell
# any of these).
_UNSAFE = re.compile(
    r"url\s*\(\s*(?![\s'\"]*#)|@import|expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|\\",
    re.IGNORECASE,
)
_EMBEDDED_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")


class LogoError(ValueError):
    """A logo that cannot be published; the message is for the editor (Indonesian)."""


def check_logo(path: Path) -> bytes:
    """The bytes to publish for a logo file: a raster image as it is, once its magic
    bytes match its extension; an SVG rebuilt from the allow-list. Raises LogoError."""
    suffix = path.suffix.lower()
    if suffix not in LOGO_SUFFIXES:
        raise LogoError(f"diharapkan gambar ({LOGO_KINDS}), ditemukan berkas '{path.suffix}'")
    with path.open("rb") as handle:
        data = handle.read(LOGO_MAX_BYTES + 1)
    if len(data) > LOGO_MAX_BYTES:
        raise LogoError(
            f"berkas logo terlalu besar: diharapkan paling besar {LOGO_MAX_BYTES:,} byte".replace(",", ".")
        )
    if suffix == ".svg":
        return sanitize_svg(data)
    if not _raster_matches(suffix, data):
        raise LogoError(
            f"isi berkas bukan gambar {suffix.lstrip('.').upper()}: diharapkan berkas gambar "
            f"yang sah ({LOGO_KINDS}) dengan ekstensi yang sesuai isinya"
        )
    return data


def _raster_matches(suffix: str, data: bytes) -> bool:
    if suffix == ".webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return data.startswith(RASTER_MAGIC[suffix])


def sanitize_svg(data: bytes) -> bytes:
    """An SVG rebuilt from the allow-list: what is not a drawing is left out."""
    try:
        source = defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise LogoError(
            "SVG memuat DTD atau entitas XML, yang tidak diizinkan: simpan ulang sebagai SVG biasa"
        ) from None
    except ET.ParseError:
        raise LogoError("SVG tidak dapat dibaca: diharapkan berkas XML SVG yang sah") from None
    if source.tag != f"{{{SVG}}}svg":
        raise LogoError(f'diharapkan gambar SVG (elemen akar <svg> dengan xmlns="{SVG}")')
    # The copy's elements carry plain names under one `xmlns` (every kept element is SVG).
    root = ET.Element("svg", {"xmlns": SVG, **_attributes(source)})
    stack = [(source, root, 1)]
    while stack:
        original, copy, depth = stack.pop()
        if depth > SVG_MAX_DEPTH:
            raise LogoError(f"SVG bersarang terlalu dalam: diharapkan paling dalam {SVG_MAX_DEPTH} tingkat")
        holds_text = original.tag in _HOLDS_TEXT
        copy.text = original.text if holds_text else None
        for child in original:
            if not _allowed_element(child):
                continue
            kept = ET.SubElement(copy, _local(child.tag), _attributes(child))
            kept.tail = child.tail if holds_text else None
            stack.append((child, kept, depth + 1))
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


# Elements whose text is content (the rest hold only elements and layout whitespace).
_HOLDS_TEXT = frozenset(
    f"{{{SVG}}}{name}" for name in ("text", "tspan", "textPath", "title", "desc", "style")
)


def _local(tag: str) -> str:
    return tag.removeprefix(f"{{{SVG}}}")


def _allowed_element(element: ET.Element) -> bool:
    if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{SVG}}}"):
        return False  # comments, processing instructions, other namespaces
    name = _local(element.tag)
    if name not in ELEMENTS:
        return False
    return not (name == "style" and _UNSAFE.search(element.text or ""))


def _attributes(element: ET.Element) -> dict[str, str]:
    kept: dict[str, str] = {}
    for name, value in element.attrib.items():
        plain = _NAMESPACED.get(name, name)
        if plain not in ATTRIBUTES or _UNSAFE.search(value):
            continue
        if plain == "href" and not (value.startswith("#") or _EMBEDDED_IMAGE.match(value)):
            continue
        kept[plain] = value
    return kept
