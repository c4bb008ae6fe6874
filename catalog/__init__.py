"""The shipped catalog: TOML data files, loaded by tools.catalog."""
