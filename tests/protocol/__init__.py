"""The real ollama / anthropic / hub clients against loopback servers that speak the wire protocol."""
