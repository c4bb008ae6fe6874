"""A module, a calculator or the reader called in-process: examples, seeds and properties."""
