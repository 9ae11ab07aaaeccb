"""Where the SOP sources live in a project, and where their images are published.

The one setting of the source folder: the loader, the index, the history, the command
line and the MkDocs edge take it from here (or are handed it), never spell it out.
"""

from __future__ import annotations

SRC_DIR = "sop_src"  # the folder of SOP sources, relative to the project
PUBLISHED = "_sop_src"  # where images under SRC_DIR (logos) are published in the site
DOCS_DIR = "docs"  # images under docs/ are published by MkDocs itself


def sop_id_of_file(rel: str, src_dir: str = SRC_DIR) -> str | None:
    """The SOP id of a project-relative SOP source ('sop_src/a/b.md' -> 'a/b'); None for
    any other file (a `_unit.yml`, a file outside the source folder)."""
    prefix = f"{src_dir}/"
    if not rel.startswith(prefix) or not rel.endswith(".md"):
        return None
    return rel.removeprefix(prefix).removesuffix(".md")


def published_path(path: str) -> str:
    """Where a project-relative image (a logo: the loader accepts only images under
    sop_src/ or docs/) is in the built site, relative to its root."""
    if path.startswith(f"{DOCS_DIR}/"):
        return path.removeprefix(f"{DOCS_DIR}/")
    return f"{PUBLISHED}/" + path.removeprefix(f"{SRC_DIR}/")


__all__ = ["DOCS_DIR", "PUBLISHED", "SRC_DIR", "published_path", "sop_id_of_file"]
