"""A tiny PDF writer for the importer's tests: text, lines, boxes, polygons, a picture.

Coordinates are points from the top-left corner (as pdfplumber reports them). The
output is a plain PDF 1.4 with one Helvetica font, enough for the PDF reader to see
what a word processor's "Save as PDF" draws: words, grid lines, symbols and arrows.
"""

from __future__ import annotations

import itertools
import zlib
from dataclasses import dataclass, field

Point = tuple[float, float]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


@dataclass
class PageDrawing:
    width: float = 842.0
    height: float = 595.0
    ops: list[str] = field(default_factory=list)
    picture: bool = False

    def text(self, x: float, top: float, text: str, size: float = 8.0) -> None:
        """Text whose top is at `top` (baseline about 0.8 size below)."""
        y = self.height - top - size * 0.8
        body = _escape(text).encode("latin-1").decode("latin-1")
        self.ops.append(f"BT /F1 {size} Tf {x:.2f} {y:.2f} Td ({body}) Tj ET")

    def point(self, x: float, y: float) -> str:
        """A point given from the top of the page, in PDF coordinates (from the bottom)."""
        return f"{x:.2f} {self.height - y:.2f}"

    def line(
        self, x0: float, y0: float, x1: float, y1: float, width: float = 0.8, white: bool = False
    ) -> None:
        """A stroked line; `white`: in the paper's colour (an eraser, the gap of a hop)."""
        h = self.height
        body = f"{width} w {x0:.2f} {h - y0:.2f} m {x1:.2f} {h - y1:.2f} l S"
        self.ops.append(f"q 1 G {body} Q" if white else body)

    def hop(self, x: float, y: float, r: float = 3.75, gap: bool = False) -> None:
        """Where a horizontal line at `y` crosses a vertical one at `x`, it arcs over it:
        the arc (two Bezier quarter circles) from x - r to x + r. The line under it is
        erased by a white stroke and the vertical drawn again, as the portal prints it;
        `gap`: the horizontal line is drawn in two pieces instead (see `line`), as
        other programs draw hops."""
        h, k = self.height, 0.5523 * r
        if not gap:
            self.line(x - r - 1, y, x + r + 1, y, width=3, white=True)
            self.line(x, y - r + 0.5, x, y + r - 0.5)
        self.ops.append(
            f"0.8 w {x - r:.2f} {h - y:.2f} m "
            f"{x - r:.2f} {h - y + k:.2f} {x - k:.2f} {h - y + r:.2f} {x:.2f} {h - y + r:.2f} c "
            f"{x + k:.2f} {h - y + r:.2f} {x + r:.2f} {h - y + k:.2f} {x + r:.2f} {h - y:.2f} c S"
        )

    def image(self, x0: float, top: float, x1: float, bottom: float) -> None:
        """The grey picture placed over a rectangle (an arrow or a text box exported as
        an image)."""
        self.ops.append(
            f"q {x1 - x0:.2f} 0 0 {bottom - top:.2f} {x0:.2f} {self.height - bottom:.2f} cm /Im1 Do Q"
        )

    def box(self, x0: float, top: float, x1: float, bottom: float) -> None:
        h = self.height
        self.ops.append(f"0.8 w {x0:.2f} {h - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re S")

    def shade(self, x0: float, top: float, x1: float, bottom: float, gray: float = 0.85) -> None:
        """A filled grey rectangle without outline (cell or text shading)."""
        h = self.height
        self.ops.append(f"{gray} g {x0:.2f} {h - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re f 0 g")

    def white_box(self, x0: float, top: float, x1: float, bottom: float) -> None:
        """A rectangle filled and stroked in white: invisible (a text box's background)."""
        h = self.height
        self.ops.append(f"1 g 1 G {x0:.2f} {h - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re B 0 g 0 G")

    def polygon(self, points: list[Point], fill: bool = False) -> None:
        path = " ".join(f"{self.point(x, y)} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(points))
        self.ops.append(f"0.8 w {path} h {'f' if fill else 'S'}")

    def diamond(self, cx: float, cy: float, w: float = 40, h: float = 20) -> None:
        self.polygon([(cx - w / 2, cy), (cx, cy - h / 2), (cx + w / 2, cy), (cx, cy + h / 2)])

    def capsule(self, cx: float, cy: float, w: float = 40, h: float = 14) -> None:
        """A terminator: two half circles joined by straight sides (Bezier arcs)."""
        r, k = h / 2, 0.5523 * h / 2
        x0, x1 = cx - w / 2 + r, cx + w / 2 - r
        top, bottom = self.height - (cy - r), self.height - (cy + r)
        mid = self.height - cy
        self.ops.append(
            f"0.8 w {x0:.2f} {top:.2f} m {x1:.2f} {top:.2f} l "
            f"{x1 + k:.2f} {top:.2f} {x1 + r:.2f} {mid + k:.2f} {x1 + r:.2f} {mid:.2f} c "
            f"{x1 + r:.2f} {mid - k:.2f} {x1 + k:.2f} {bottom:.2f} {x1:.2f} {bottom:.2f} c "
            f"{x0:.2f} {bottom:.2f} l "
            f"{x0 - k:.2f} {bottom:.2f} {x0 - r:.2f} {mid - k:.2f} {x0 - r:.2f} {mid:.2f} c "
            f"{x0 - r:.2f} {mid + k:.2f} {x0 - k:.2f} {top:.2f} {x0:.2f} {top:.2f} c h S"
        )

    def connector(self, cx: float, top: float, mark: str) -> None:
        """An off-page connector (a "home plate" pointing down) with its mark inside."""
        self.polygon(
            [(cx - 10, top), (cx + 10, top), (cx + 10, top + 12), (cx, top + 18), (cx - 10, top + 12)]
        )
        self.text(cx - 2, top + 3, mark, 7)

    def rounded_box(self, x0: float, top: float, x1: float, bottom: float, r: float = 3.0) -> None:
        """A process box with rounded corners (radius r, Bezier arcs)."""
        p, k = self.point, 0.5523 * r

        self.ops.append(
            f"0.8 w {p(x0 + r, top)} m {p(x1 - r, top)} l "
            f"{p(x1 - r + k, top)} {p(x1, top + r - k)} {p(x1, top + r)} c {p(x1, bottom - r)} l "
            f"{p(x1, bottom - r + k)} {p(x1 - r + k, bottom)} {p(x1 - r, bottom)} c {p(x0 + r, bottom)} l "
            f"{p(x0 + r - k, bottom)} {p(x0, bottom - r + k)} {p(x0, bottom - r)} c {p(x0, top + r)} l "
            f"{p(x0, top + r - k)} {p(x0 + r - k, top)} {p(x0 + r, top)} c h S"
        )

    def documents(self, x0: float, top: float, x1: float, bottom: float) -> None:
        """The multi-document symbol as one outline: three sheets stacked up and to the
        right, the front sheet's bottom edge wavy."""
        p, w = self.point, x1 - x0

        self.ops.append(
            f"0.8 w {p(x0, bottom - 1)} m "
            f"{p(x0 + w * 0.15, bottom)} {p(x0 + w * 0.3, bottom + 0.5)} {p(x0 + w * 0.45, bottom)} c "
            f"{p(x0 + w * 0.6, bottom - 1)} {p(x0 + w * 0.75, bottom - 3)} {p(x1 - 6, bottom - 4)} c "
            f"{p(x1 - 3, bottom - 4)} l {p(x1 - 3, bottom - 6)} l {p(x1, bottom - 6)} l {p(x1, top)} l "
            f"{p(x0 + 6, top)} l {p(x0 + 6, top + 2)} l {p(x0 + 3, top + 2)} l {p(x0 + 3, top + 4)} l "
            f"{p(x0, top + 4)} l h S"
        )

    def arrow(
        self, points: list[Point], head: tuple[float, float] = (5.0, 4.0), to_base: bool = False
    ) -> None:
        """A polyline with a filled arrowhead (`head`: width, length) at its last point,
        its outline closed by a line back to its first corner (as word processors write
        it). With `to_base` the line stops where the head begins."""
        (ax, ay), (bx, by) = points[-2], points[-1]
        r, d = head[0] / 2, head[1]
        line = list(points)
        if to_base:
            step = d if (bx > ax if ay == by else by > ay) else -d
            line[-1] = (bx - step, by) if ay == by else (bx, by - step)
        for a, b in itertools.pairwise(line):
            self.line(*a, *b)
        if ax == bx:  # vertical
            d = d if by > ay else -d
            self.polygon([(bx - r, by - d), (bx + r, by - d), (bx, by), (bx - r, by - d)], fill=True)
        else:
            d = d if bx > ax else -d
            self.polygon([(bx - d, by - r), (bx - d, by + r), (bx, by), (bx - d, by - r)], fill=True)


def make_pdf(pages: list[PageDrawing]) -> bytes:
    """The PDF file of the pages."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pixels = zlib.compress(bytes([90, 160, 160, 90] * 64 * 16))
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    page_ids = []
    pages_id = len(objects) + 2 * len(pages) + 1
    for page in pages:
        ops = list(page.ops)
        if page.picture:
            ops.append(f"q {page.width - 80:.2f} 0 0 {page.height - 200:.2f} 40 60 cm /Im1 Do Q")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                % (pages_id, page.width, page.height, content, font, image)
            )
        )
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)
