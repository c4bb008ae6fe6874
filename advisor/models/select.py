"""Which local model to use: `--local` as given, or auto (Ollama if its server answers and has the
model, else the embedded model if installed, else none) — and one line saying what and why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from advisor.models.base import ChatModel, ModelError
from advisor.models.offline import OFFLINE_CLIENT, loopback_url, refusal

FORMS = "auto, ollama:MODEL, embedded, embedded:PATH.gguf or none"


@dataclass
class Selection:
    model: ChatModel | None
    label: str
    reason: str
    pullable: str | None = None  # an Ollama model the server answers without: /pull fetches it


def check_spec(spec: str | None) -> None:
    """Raise ValueError (one line) when ``spec`` is not a backend form, or names a file that is
    not a GGUF model; nothing is contacted, nothing loaded."""
    kind, _, arg = (spec or "auto").strip().partition(":")
    if kind not in ("auto", "none", "ollama", "embedded"):
        raise ValueError(f"--local: {spec!r} is not a backend; use {FORMS}")
    if kind == "embedded" and arg:
        from advisor.models.embedded_model import not_a_model

        problem = not_a_model(Path(arg).expanduser())
        if problem:
            raise ValueError(f"--local: {arg!r} {problem}")


def select_local(spec: str | None, *, ollama_host: str | None, ollama_model: str, offline: bool) -> Selection:
    spec = (spec or "auto").strip()
    kind, _, arg = spec.partition(":")
    if kind == "none":
        return Selection(None, "none", "no local model (--local none): the interview and the tools answer")
    if kind == "ollama":
        return _ollama(arg or ollama_model, ollama_host, offline, explicit=True)
    if kind == "embedded":
        return _embedded(arg or None, explicit=True)
    if kind != "auto":
        raise ValueError(f"--local: {spec!r} is not a backend; use {FORMS}")
    first = _ollama(ollama_model, ollama_host, offline, explicit=False)
    if first.model is not None:
        return first
    second = _embedded(None, explicit=False)
    second.pullable = first.pullable
    if second.model is not None:
        second.reason = f"{first.reason}; {second.reason}"
        return second
    reason = f"{first.reason}; {second.reason}; the interview and the tools answer alone"
    return Selection(None, "none", reason, first.pullable)


def _ollama(model: str, host: str | None, offline: bool, *, explicit: bool) -> Selection:
    from advisor.models.ollama_model import OllamaModel

    kwargs: dict[str, object] = {}
    if offline:
        url = loopback_url(host)
        if url is None:
            return Selection(None, "none", refusal(host))
        host, kwargs = url, OFFLINE_CLIENT
    try:
        candidate = OllamaModel(model, host=host, connect_timeout=1.5, client_kwargs=kwargs)
    except ModelError as exc:  # a proxy the client cannot use
        return Selection(None, "none", str(exc))
    report = candidate.health()
    if not report.ok:
        return Selection(None, "none", report.reason, model if report.missing and not offline else None)
    return Selection(candidate, candidate.label, report.reason)


def _embedded(path: str | None, *, explicit: bool) -> Selection:
    from advisor.models.embedded_model import INSTALL_HINT, EmbeddedModel, is_available
    from advisor.models.pull import pulled_model

    pulled = None if path else pulled_model()
    if pulled is not None:  # `advisor model pull` fetched one: it beats the shipped SmolLM2
        path = pulled.path
    if not is_available(path):
        where = f"at {path}" if path else "installed"
        return Selection(None, "none", f"no embedded model {where} ({INSTALL_HINT})")
    try:
        model = EmbeddedModel(path)
    except ModelError as exc:
        return Selection(None, "none", str(exc))
    how = f"pulled {pulled.id}" if pulled else model.path.name
    return Selection(model, model.label, f"using the embedded model {how}")


def local_models_markdown(host: str | None, offline: bool, cache: Path) -> str:
    """`/model`: the local models here — Ollama's (with size) and the embedded files — and what the
    probe made of each (mode and why), as a Markdown table."""
    from advisor.models.embedded_model import shipped_gguf
    from advisor.models.probe import cached_results
    from advisor.models.pull import pulled_model

    probed = cached_results(cache)
    rows: list[tuple[str, float | None]] = []
    kwargs: dict = {}
    if offline:  # loopback only, no proxies (guarantees' rule for every offline client)
        host, kwargs = loopback_url(host), OFFLINE_CLIENT
    if not (offline and host is None):
        try:
            import httpx

            from advisor.models.ollama_client import ollama_client

            client = ollama_client(host, timeout=httpx.Timeout(3.0, connect=1.5), **kwargs)
            rows += [(f"ollama:{m.model}", (m.size or 0) / 1e9) for m in client.list().models if m.model]
        except Exception:  # no server: only the embedded files are listed
            pass
    for path in (shipped_gguf(), Path(p.path) if (p := pulled_model()) else None):
        if path is not None and path.is_file():
            rows.append((f"embedded:{path.stem}", path.stat().st_size / 1e9))
    lines = ["| local model | size | probe |", "|---|---:|---|"]
    for label, size in rows:
        result = probed.get(label)
        verdict = f"{result.mode} ({result.why})" if result else "not probed yet"
        lines.append(f"| `{label}` | {f'{size:.2f} GB' if size else '—'} | {verdict} |")
    if not rows:
        lines.append("| none found | — | `/pull` here, `advisor model pull` or `ollama pull qwen3:4b` |")
    return "\n".join(lines)
