"""Printed pages per SOP: the repository's sample SOPs and N synthetic ones, built and
exported to PDF with the real export (`macros.pdf`, the system's Chromium), their
pages counted (pypdf). For docs/panduan/cetak.md and docs/kinerja.md.

    python -m bench.pages [--n 100] [--work DIR]

Prints a Markdown table: for each set of SOPs, how many print on 1, 2, 3, ... pages,
and (samples) each SOP's steps, pelaksana and pages. A printed count that differs
from the page plan's is reported on stderr.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.generate import REPO, generate, make_portal_project
from macros.index import load_portal
from macros.pdf import export
from macros.print_layout import DEFAULT_KERTAS, pages_estimate
from macros.render.flowchart_svg import draw
from macros.render.print_parts import print_plan
from macros.render.rows import rows


def build(project: Path, site: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([*command, "-d", str(site)], cwd=project, env=env, check=True)


def planned(project: Path) -> dict[str, int]:
    """The pages each SOP's page plan promises (print_layout.pages_estimate): the printed
    count must be the same, or the browser broke a page where the plan did not."""
    portal = load_portal(project)
    out = {}
    for record in portal.records:
        chart = draw(record.sop.pelaksana, record.sop.langkah)
        plan = print_plan(portal, record, rows(record), DEFAULT_KERTAS, chart)
        out[record.id] = pages_estimate(plan)
    return out


def pages_of(project: Path) -> list[tuple[str, int, int, int]]:
    """(id, steps, pelaksana, printed pages) of every SOP of a project."""
    site = project / "site"
    build(project, site)
    done = export(site, project, books=False, log=False)
    plan = planned(project)
    for p in done.sops:
        if p.pages != plan[p.record.id]:
            print(f"{p.record.id}: {p.pages} halaman tercetak, rencana {plan[p.record.id]}", file=sys.stderr)
    return sorted(
        (p.record.id, len(p.record.sop.langkah), len(p.record.sop.pelaksana), p.pages) for p in done.sops
    )


def sample_project(work: Path) -> Path:
    project = work / "contoh"
    project.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides", "macros", "sop_src"):
        shutil.copytree(REPO / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def histogram(rows: list[tuple[str, int, int, int]]) -> str:
    counts = Counter(pages for *_, pages in rows)
    return ", ".join(f"{n} SOP {pages} halaman" for pages, n in sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="synthetic SOPs (bench/generate.py)")
    parser.add_argument(
        "--work", type=Path, default=None, help="folder for the projects (default: temporary)"
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="halaman-"))
    samples = pages_of(sample_project(work))
    synthetic = pages_of(make_portal_project(generate(args.n), work / "bench"))
    print("| SOP | langkah | pelaksana | halaman |")
    print("|---|---:|---:|---:|")
    for sop_id, steps, roles, pages in samples:
        print(f"| {sop_id} | {steps} | {roles} | {pages} |")
    print()
    print(f"Contoh ({len(samples)} SOP): {histogram(samples)}")
    print(f"Sintetis ({len(synthetic)} SOP, 12 langkah, 6 pelaksana): {histogram(synthetic)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
