"""`advisor bench [--local …] [--input-tokens N] [--output-tokens N] [--streams B] [--json]`:
measure this machine's local model and save the result to the user's catalog."""

from __future__ import annotations

import argparse
import json

from advisor.commands.registry import command
from advisor.errors import UsageError


def arguments(p: argparse.ArgumentParser, argv: list[str]) -> None:
    p.add_argument("--local", default=None, help="auto (default), ollama:MODEL, embedded or embedded:PATH.gguf")
    p.add_argument("--input-tokens", default=None, metavar="N", help="prompt tokens per request (512)")
    p.add_argument("--output-tokens", default=None, metavar="N", help="answer tokens per request (128)")
    p.add_argument("--streams", default=None, metavar="B", help="parallel streams for the second pass (4)")
    p.add_argument("--no-save", action="store_true", help="measure only; leave the catalog alone")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")


def _inputs(args: argparse.Namespace):
    from pydantic import ValidationError

    from advisor.tools.quantity import parse_quantity
    from advisor.upkeep.bench import BenchInput

    given = {}
    for name in ("input_tokens", "output_tokens", "streams"):
        raw = getattr(args, name)
        if raw is None:
            continue
        try:
            given[name] = int(parse_quantity(raw))
        except (ValueError, TypeError) as exc:
            raise UsageError(f"{name.replace('_', '-')}: {raw!r} {exc}") from None
    try:
        return BenchInput(**given)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]).replace("_", "-")
        raise UsageError(f"{field}: {err.get('input')!r} {err['msg'].lower()}") from None


def _backend(spec: str | None, config):
    from advisor.models.base import ModelError
    from advisor.models.select import check_spec, select_local
    from advisor.upkeep.bench import EmbeddedBackend, OllamaBackend

    try:
        check_spec(spec)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if (spec or "").strip() == "none":
        raise UsageError("--local: 'none' has nothing to measure; use auto, ollama:MODEL or embedded")
    # offline=True: only a loopback Ollama is "this machine"
    chosen = select_local(spec, ollama_host=config.ollama_host, ollama_model=config.ollama_model, offline=True)
    if chosen.model is None:
        raise UsageError(f"no local model to measure: {chosen.reason}")
    model = chosen.model
    try:
        if model.label.startswith("ollama:"):
            return OllamaBackend(model.model, model.client), chosen.reason
        return EmbeddedBackend(str(model.path)), chosen.reason
    except ModelError as exc:
        raise UsageError(str(exc)) from None


@command(
    "bench",
    help="measure this machine's local model (prefill and decode tok/s)",
    description=(
        "Measure prefill and decode tokens a second of the local model on this machine, at the"
        " workload's prompt and answer sizes, at 1 and at B parallel streams. The result is saved"
        " to catalog.toml beside config.toml (hardware id this-machine); capacity uses it first."
    ),
    arguments=arguments,
)
def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from advisor.config import load_config
    from advisor.models.base import ModelError
    from advisor.paths import config_dir
    from advisor.tools.catalog import CatalogError
    from advisor.tools.userfile import UserFileError
    from advisor.upkeep.bench import measure, memory_gb, steps
    from advisor.upkeep.bench_store import save

    inp = _inputs(args)
    config = load_config()
    backend, reason = _backend(args.local, config)
    err = Console(stderr=True)
    err.print(f"measuring {backend.label}: {reason}")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("loading the model", total=steps(inp))
        try:
            result = measure(backend, inp, lambda label: bar.update(task, advance=1, description=label))
        except ModelError as exc:
            raise UsageError(f"bench: {exc}") from None
    if not args.no_save:
        path = config_dir() / "catalog.toml"
        try:
            result.local_model_id = save(result, path, config.catalog(), memory_gb())
        except (UserFileError, CatalogError) as exc:
            raise UsageError(f"bench: not saved: {exc}") from None
        result.saved_to = str(path)
    if args.json:
        print(json.dumps(result.model_dump(mode="json"), indent=2))
    else:
        print(render(result, backend.note))
    return 0


def render(result, note: str) -> str:
    from advisor.upkeep.model_shape import describe

    lines = [
        f"{result.backend} on {result.machine}, {result.measured_on}",
        f"{result.input_tokens} tokens in, {result.output_tokens} out per request",
        "",
        f"{'streams':>8}  {'prefill tok/s':>14}  {'decode tok/s (all)':>19}  {'per stream':>10}",
    ]
    for phase in result.phases:
        lines.append(
            f"{phase.streams:>8}  {phase.prefill_tokens_per_second:>14,.1f}"
            f"  {phase.decode_tokens_per_second:>19,.1f}  {phase.decode_tokens_per_second_per_stream:>10,.1f}"
        )
    lines += ["", note]
    shape = result.model.shape()
    if shape.get("layers") and shape.get("kv_heads"):
        lines.append(f"attention shape from the model file: {describe(shape)}")
    elif result.model.shape_note:
        lines.append(f"attention shape unknown: {result.model.shape_note}")
    if result.saved_to:
        lines += [
            f"saved to {result.saved_to} (hardware this-machine, model {result.local_model_id})",
            f"next: advisor calc capacity --hardware this-machine --local-model {result.local_model_id}",
        ]
    return "\n".join(lines)
