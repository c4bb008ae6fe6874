"""The calculators: pure functions over the catalog, and the one tool registry. Imported as
``advisor.tools`` (it installs inside advisor; in a checkout advisor/__init__.py finds it here)."""

if __name__ != "advisor.tools":  # one module object per file: never a second, top-level `tools`
    raise ImportError(f"import advisor.tools, not {__name__}: tools/ installs inside advisor")
