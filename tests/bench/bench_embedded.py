"""Benchmark (a script, not a test): tokens/second of the embedded model through the adapter
against llama-cpp-python called directly on the same prompt. Run: python tests/bench/bench_embedded.py"""

from __future__ import annotations

import statistics
import time

PROMPT = [{"role": "user", "content": "Explain in a few sentences why memory bandwidth limits LLM decoding."}]
MAX_TOKENS, RUNS = 96, 5


def direct(llama) -> float:
    started = time.perf_counter()
    out = llama.create_chat_completion(messages=PROMPT, max_tokens=MAX_TOKENS, temperature=0.3, stream=True)
    text = "".join(c["choices"][0].get("delta", {}).get("content") or "" for c in out)
    return len(llama.tokenize(text.encode(), add_bos=False)) / (time.perf_counter() - started)


def adapter(model) -> float:
    from advisor.models.base import Finished, Message

    started = time.perf_counter()
    done = [e for e in model.chat([Message(role="user", content=PROMPT[0]["content"])]) if isinstance(e, Finished)]
    return done[0].usage.output_tokens / (time.perf_counter() - started)


if __name__ == "__main__":
    from advisor.models.embedded_model import EmbeddedModel

    model = EmbeddedModel(max_tokens=MAX_TOKENS)
    model.load()
    print(f"load: {model.load_seconds:.2f} s")
    adapter(model)  # warm up
    a = statistics.median(adapter(model) for _ in range(RUNS))
    d = statistics.median(direct(model._llama) for _ in range(RUNS))
    print(f"direct llama-cpp-python: {d:.1f} tokens/s; through the adapter: {a:.1f} tokens/s; ratio {a / d:.3f}")
