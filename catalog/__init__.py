"""The shipped catalog: TOML data files, loaded by tools.catalog. Imported as ``advisor.catalog``."""

if __name__ != "advisor.catalog":  # one module object per file: never a second, top-level `catalog`
    raise ImportError(f"import advisor.catalog, not {__name__}: catalog/ installs inside advisor")
