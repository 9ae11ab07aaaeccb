"""The MkDocs edge: everything that knows MkDocs, mkdocs-macros or the theme.

- `pages.py`: how an SOP becomes a page (generated pages, the macros, kept HTML).
- `hooks.py`: the MkDocs event functions (mkdocs.yml `hooks:`).
- `macros_plugin.py`: mkdocs-macros' module (mkdocs.yml `module_name:`), a door to `pages.py`.
- `preview.py`: the dirty preview's fingerprints (`make serve`).
- `ahead.py`: parts rendered ahead in worker processes.
- `internals.py`: every reach into MkDocs' or Material's internals.

Only `hooks.py` and `internals.py` import mkdocs; nothing outside this package does.
"""
