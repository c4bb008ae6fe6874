"""Chat models behind one small protocol: Ollama, an embedded GGUF model, and Claude."""
