"""mkdocs-macros' module (mkdocs.yml `module_name: macros/edge/macros_plugin`).

mkdocs-macros loads this file by its path, outside the `macros` package, so it only
makes the project importable and hands over `define_env` of `pages.py`, where every
macro is defined.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PROJECT = Path(__file__).resolve().parent.parent.parent
if str(_PROJECT) not in sys.path:
    sys.path.insert(0, str(_PROJECT))

from macros.edge.pages import define_env  # noqa: E402

__all__ = ["define_env"]
