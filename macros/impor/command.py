"""`make impor` / `python -m macros.cli impor`: import documents into a unit folder.

Each file is imported on its own (one bad file never stops the others), written to
`sop_src/<unit>/<slug>.md` without overwriting (a numbered suffix instead), and
summarised; a review page per file goes to `.cache/impor/`. The exit status is
non-zero only when some file could not be read at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from ..yamlio import Unreadable, YamlError, parse_yaml, read_source, split_front_matter
from . import ImportResult, UnreadableDocument, import_file
from .writer import write_draft

REPORT_DIR = Path(".cache") / "impor"


def free_path(folder: Path, slug: str) -> Path:
    """`<slug>.md`, or `<slug>-2.md`, `<slug>-3.md`, ... when taken."""
    candidate = folder / f"{slug}.md"
    number = 2
    while candidate.exists():
        candidate = folder / f"{slug}-{number}.md"
        number += 1
    return candidate


def _write_new(folder: Path, slug: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        target = free_path(folder, slug)
        try:
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            return target
        except FileExistsError:  # taken between the check and the write
            continue


def numbers_in(folder: Path, project: Path) -> dict[str, str]:
    """`nomor` of the SOPs already in a folder -> the file holding it (no two alike in a unit)."""
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            parts = split_front_matter(read_source(path))
            data = parse_yaml(parts[0]) if parts else None
        except (Unreadable, YamlError):
            continue  # `make check` reports it
        nomor = data.get("nomor") if isinstance(data, dict) else None
        if nomor not in (None, "", "-"):
            found[" ".join(str(nomor).split())] = path.relative_to(project).as_posix()
    return found


def _unique_number(result: ImportResult, taken: dict[str, str], defaults: dict[str, str]) -> ImportResult:
    """A document imported twice (or two with one number) would break `make check`:
    the second keeps its number only as a PERIKSA note."""
    draft = result.draft
    nomor = " ".join(draft.nomor.split()) if draft is not None else ""
    if draft is None or nomor not in taken:
        return result
    draft.nomor = ""
    draft.doubt("nomor", f"nomor '{nomor}' sudah dipakai {taken[nomor]}; dikosongkan agar tidak ganda")
    again = write_draft(draft, defaults)
    again.pdf = result.pdf
    return again


def summary(result: ImportResult) -> str:
    return (
        f"{result.langkah} langkah, {result.pelaksana} pelaksana, {result.keputusan} keputusan, "
        f"{len(result.periksa)} perlu diperiksa (PERIKSA)"
    )


def run_impor(
    project: Path,
    files: list[Path],
    folder: str,
    defaults: dict[str, str],
    out: TextIO,
    report_dir: Path | None = None,
) -> int:
    """Import every file; returns 0, or 1 when some file could not be read."""
    from .review import render_review

    reports = project / (report_dir or REPORT_DIR)
    target_folder = project / "sop_src" / folder
    failed = 0
    for path in files:
        name = str(path)
        try:
            result = import_file(path, defaults)
        except UnreadableDocument as exc:
            failed += 1
            print(f"{name}: GAGAL: {exc}", file=out)
            continue
        except Exception as exc:  # a bug must not stop the other files
            failed += 1
            print(f"{name}: GAGAL: galat tak terduga saat membaca ({type(exc).__name__}: {exc})", file=out)
            continue
        result = _unique_number(result, numbers_in(target_folder, project), defaults)
        target = _write_new(target_folder, result.slug, result.text)
        rel = target.relative_to(project).as_posix()
        print(f"{name}: ditulis {rel}: {summary(result)}", file=out)
        for note in result.notes:
            print(f"  PERIKSA: {note}", file=out)
        try:
            reports.mkdir(parents=True, exist_ok=True)
            page = reports / f"{target.stem}.html"
            page.write_text(render_review(result, path, rel, defaults), encoding="utf-8")
            print(f"  halaman tinjauan: {page.relative_to(project).as_posix()}", file=out)
        except Exception as exc:  # the source file is written; the review page is a help
            print(f"  halaman tinjauan tidak dapat dibuat ({type(exc).__name__}: {exc})", file=out)
    if len(files) > 1:
        print(f"{len(files) - failed} dari {len(files)} berkas diimpor.", file=out)
    return 1 if failed else 0
