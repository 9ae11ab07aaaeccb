"""Formatting the benchmark's results: medians, the tables, the targets.

Plain functions over the results dictionary that `bench.run` writes (results.json), so
the tables can be printed again (`python -m bench.report results.json`) and tested
without building anything.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

KB = 1024
MB = 1024 * 1024


def number(value: float | None, digits: int = 1, lang: str = "en") -> str:
    """A number with thousands separators: 1,234.5 (en) or 1.234,5 (id); '-' for None."""
    if value is None:
        return "-"
    text = f"{value:,.{digits}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table; every column but the first is right-aligned (numbers)."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"]
    out.append(
        "|"
        + "|".join(("-" * (w + 1) + ":") if i else (":" + "-" * (w + 1)) for i, w in enumerate(widths))
        + "|"
    )
    for row in rows:
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def build_medians(side: dict[str, Any]) -> dict[str, float | None]:
    """Median wall seconds, CPU seconds and peak memory (MB) of one project's builds."""
    builds = side.get("builds", [])
    rss = median([b["maxrss_kb"] for b in builds])
    return {
        "wall": median([b["wall"] for b in builds]),
        "cpu": median([b["cpu"] for b in builds]),
        "rss_mb": rss / 1024 if rss is not None else None,
        "runs": len(builds),
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


# Labels of the tables, in English (terminal) and Indonesian (docs/kinerja.md).
LABELS = {
    "en": {
        "build": [
            "SOPs",
            "runs",
            "portal s",
            "baseline s",
            "ratio",
            "ms/SOP",
            "CPU s portal",
            "CPU s baseline",
            "CPU ratio",
            "peak MB portal",
            "peak MB baseline",
        ],
        "weight": [
            "SOPs",
            "site MB portal",
            "site MB baseline",
            "KB/SOP portal",
            "KB/SOP baseline",
            "first view KB",
            "first view KB baseline",
            "mermaid KB",
            "search index KB",
            "search KB/query typed",
            "search KB/query pasted",
        ],
    },
    "id": {
        "build": [
            "SOP",
            "ulangan",
            "portal (s)",
            "pembanding (s)",
            "rasio",
            "ms/SOP",
            "CPU portal (s)",
            "CPU pembanding (s)",
            "rasio CPU",
            "memori puncak portal (MB)",
            "memori puncak pembanding (MB)",
        ],
        "weight": [
            "SOP",
            "situs portal (MB)",
            "situs pembanding (MB)",
            "KB/SOP portal",
            "KB/SOP pembanding",
            "tampilan pertama (KB)",
            "tampilan pertama pembanding (KB)",
            "mermaid (KB)",
            "indeks cari (KB)",
            "cari per kueri, diketik (KB)",
            "cari per kueri, ditempel (KB)",
        ],
    },
}


def build_rows(results: dict[str, Any], lang: str = "en") -> list[list[str]]:
    rows = []
    for size in results["sizes"]:
        n = size["n"]
        portal, plain = build_medians(size["portal"]), build_medians(size["plain"])
        rows.append(
            [
                number(n, 0, lang),
                f"{portal['runs']}+{plain['runs']}",
                number(portal["wall"], 1, lang),
                number(plain["wall"], 1, lang),
                number(_ratio(portal["wall"], plain["wall"]), 2, lang),
                number(portal["wall"] * 1000 / n if portal["wall"] is not None else None, 1, lang),
                number(portal["cpu"], 1, lang),
                number(plain["cpu"], 1, lang),
                number(_ratio(portal["cpu"], plain["cpu"]), 2, lang),
                number(portal["rss_mb"], 0, lang),
                number(plain["rss_mb"], 0, lang),
            ]
        )
    return rows


def _kb(value: float | None) -> float | None:
    return value / KB if value is not None else None


def weight_rows(results: dict[str, Any], lang: str = "en") -> list[list[str]]:
    rows = []
    for size in results["sizes"]:
        n = size["n"]
        portal, plain = size["portal"], size["plain"]
        view = size.get("first_view", {})
        search = size.get("search", {})
        rows.append(
            [
                number(n, 0, lang),
                number(portal.get("site_bytes", 0) / MB, 1, lang),
                number(plain.get("site_bytes", 0) / MB, 1, lang),
                number(portal.get("site_bytes", 0) / KB / n, 1, lang),
                number(plain.get("site_bytes", 0) / KB / n, 1, lang),
                number(_kb(view.get("portal", {}).get("total")), 1, lang),
                number(_kb(view.get("plain", {}).get("total")), 1, lang),
                number(_kb(view.get("portal", {}).get("mermaid")), 1, lang),
                number(_kb(search.get("index_gz")), 1, lang),
                number(_kb(search.get("per_query")), 1, lang),
                number(_kb(search.get("per_query_pasted")), 1, lang),
            ]
        )
    return rows


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """The targets of issue 7: (what, measured, met). `met` is None when not measured."""
    by_n = {s["n"]: s for s in results["sizes"]}
    out: list[tuple[str, str, bool | None]] = []

    def wall(n: int, side: str) -> float | None:
        return build_medians(by_n[n][side])["wall"] if n in by_n else None

    ratio = _ratio(wall(1000, "portal"), wall(1000, "plain"))
    out.append(("build time <= 1.3x baseline at 1,000 SOPs", _fmt(ratio, "x"), _le(ratio, 1.3)))
    growth = _ratio(wall(5000, "portal"), wall(1000, "portal"))
    out.append(("build time at 5,000 <= 5.5x time at 1,000", _fmt(growth, "x"), _le(growth, 5.5)))
    # Per SOP at 1,000 SOPs and more: below that the fixed ~10 MB of theme, Mermaid and
    # Pagefind code is most of the site (shown by the table and `marginal_kb`).
    large = [s for s in results["sizes"] if s["n"] >= 1000]
    per_sop = max((s["portal"]["site_bytes"] / KB / s["n"] for s in large), default=None)
    out.append(
        ("<= 100 KB of site per SOP at 1,000+ SOPs (largest)", _fmt(per_sop, " KB"), _le(per_sop, 100))
    )
    views = [_kb(s.get("first_view", {}).get("portal", {}).get("total")) for s in results["sizes"]]
    view = max((v for v in views if v is not None), default=None)
    out.append(("SOP page first view <= 400 KB gzip, without Mermaid", _fmt(view, " KB"), _le(view, 400)))
    # Judged on the query typed letter by letter: the search box searches as one types.
    search = _kb(by_n.get(5000, {}).get("search", {}).get("per_query"))
    out.append(
        ("search <= 300 KB fetched per typed query at 5,000 SOPs", _fmt(search, " KB"), _le(search, 300))
    )
    serve = results.get("serve", {})
    # Judged on `make serve`, the preview editors run (median of the edits).
    shown = next((m.get("browser") for m in serve.get("modes", []) if m["mode"] == "make serve"), None)
    out.append(
        (
            f"one-SOP edit shown within 3 s under make serve ({serve.get('n', 1000)} SOPs)",
            _fmt(shown, " s"),
            _le(shown, 3),
        )
    )
    return out


def marginal_kb(results: dict[str, Any], side: str = "portal") -> float | None:
    """Site KB added per SOP between the smallest and the largest size."""
    sizes = sorted(results["sizes"], key=lambda s: s["n"])
    if len(sizes) < 2:
        return None
    first, last = sizes[0], sizes[-1]
    return (last[side]["site_bytes"] - first[side]["site_bytes"]) / KB / (last["n"] - first["n"])


def _fmt(value: float | None, unit: str) -> str:
    return "not measured" if value is None else f"{value:,.2f}{unit}"


def _le(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def render(results: dict[str, Any], lang: str = "en") -> str:
    labels = LABELS[lang]
    parts = [
        table(labels["build"], build_rows(results, lang)),
        "",
        table(labels["weight"], weight_rows(results, lang)),
        "",
    ]
    if lang == "en":
        parts.append("Targets:")
        for what, measured, met in targets(results):
            mark = {True: "met", False: "NOT met", None: "not measured"}[met]
            parts.append(f"- {what}: {measured} ({mark})")
        extra = marginal_kb(results)
        if extra is not None:
            plain = marginal_kb(results, "plain") or 0
            parts.append(f"- site added per SOP: {extra:,.1f} KB (baseline {plain:,.1f} KB)")
        serve = results.get("serve")
        if serve:
            for mode in serve.get("modes", []):
                parts.append(
                    f"- serve {mode['mode']}: page text updated after {_fmt(mode.get('http'), ' s')} (HTTP), "
                    f"{_fmt(mode.get('browser'), ' s')} (browser)"
                )
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the tables of a benchmark results.json.")
    parser.add_argument("results", type=Path)
    parser.add_argument("--lang", choices=("en", "id"), default="en")
    args = parser.parse_args()
    print(render(json.loads(args.results.read_text(encoding="utf-8")), args.lang), end="")


if __name__ == "__main__":
    main()
