"""Portal SOP: a plain-Python core (model, loader, index, flow, layout, renderers) and
its MkDocs edge (`macros.edge`), the only part that knows MkDocs."""
