"""advisor: run LLM workloads on your own hardware, on cloud APIs, or both — with real numbers."""

__version__ = "0.1.0"
