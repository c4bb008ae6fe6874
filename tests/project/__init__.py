"""The house rules: layers, layout, registration, packaging, docs, the catalog schema."""
