"""Keeping the user's catalog current: `advisor catalog update` (cloud prices from genai-prices)
and `advisor bench` (this machine's measured speeds), each writing its own marked block of the
user's ``catalog.toml``."""
