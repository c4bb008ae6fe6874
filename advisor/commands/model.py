"""`advisor model`: the embedded models it can pull (`list`) and the download itself (`pull`)."""

from __future__ import annotations

import argparse
import sys

from advisor.commands.registry import command
from advisor.errors import UsageError


def arguments(model: argparse.ArgumentParser, argv: list[str]) -> None:
    actions = model.add_subparsers(dest="action", metavar="ACTION", required=True)
    pull = actions.add_parser(
        "pull",
        help="download NAME (default: the pick for this machine's memory), or ollama[:MODEL] into Ollama",
    )
    pull.add_argument(
        "name",
        nargs="?",
        default=None,
        help="a choice from `advisor model list`, REPO:FILE.gguf, or ollama[:MODEL] (default: the configured one)",
    )
    actions.add_parser("list", help="the choices, the pick for this machine, what is pulled, and what Ollama has")


@command(
    "model",
    help="pull a capable embedded model from Hugging Face, or list the choices",
    description="Download a small instruct GGUF for the embedded path (HF_ENDPOINT is honoured).",
    arguments=arguments,
)
def run(args: argparse.Namespace) -> int:
    from advisor.models.pull import PullError, choices, memory_gb, pull, pulled_model, recommended, resolve_choice

    if args.action == "list":
        memory = memory_gb()
        pick = recommended(memory)
        have = pulled_model()
        print(f"this machine: {memory:.0f} GB of memory" if memory else "this machine: memory unknown")
        for c in choices():
            mark = "★" if c.id == pick.id else " "
            size = f"{c.size_gb:g} GB" if c.size_gb else "?"
            print(f"{mark} {c.id:<24} {size:>8}  needs {c.min_memory_gb:g} GB  {c.repo}/{c.file}")
        print(f"pulled: {have.path}" if have else "pulled: nothing yet (the shipped SmolLM2 answers, quietly)")
        print(f"ollama: {_ollama_status()}")
        return 0
    if (args.name or "").split(":")[0] == "ollama":
        return _pull_ollama(args.name.partition(":")[2])
    from advisor.config import load_config
    from advisor.models.pull import hub_endpoint, offline_refusal

    try:
        choice = resolve_choice(args.name)
        if load_config().offline:  # ADVISOR_OFFLINE or the config file: nothing leaves the machine
            print(f"advisor: error: {offline_refusal(choice.file, hub_endpoint())}", file=sys.stderr)
            return 1
        pulled = pull(choice, say=lambda line: print(f"advisor: {line}", file=sys.stderr, flush=True))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except PullError as exc:
        print(f"advisor: error: {exc}", file=sys.stderr)
        return 1
    print(f"pulled {choice.name} → {pulled.path} (sha256 {pulled.sha256[:12]}…); the next start uses it")
    return 0


def _ollama_status() -> str:
    """Whether Ollama answers and has the configured model, as the chat's start would find it."""
    from advisor.config import load_config
    from advisor.models.select import select_local

    config = load_config()
    found = select_local(
        f"ollama:{config.ollama_model}",
        ollama_host=config.ollama_host,
        ollama_model=config.ollama_model,
        offline=config.offline,
    )
    return found.reason


def _pull_ollama(model: str) -> int:
    """`advisor model pull ollama[:MODEL]`: the server pulls, a bar on stderr shows its bytes."""
    from tqdm import tqdm

    from advisor.config import load_config
    from advisor.models.ollama_pull import pull_client, pull_ollama
    from advisor.models.pull import PullError, PullProgress, offline_refusal

    config = load_config()
    model = model or config.ollama_model
    if config.offline:
        print(f"advisor: error: {offline_refusal(model)}", file=sys.stderr)
        return 1
    bar = tqdm(total=0, unit="B", unit_scale=True, desc=f"pulling {model}", file=sys.stderr, leave=True)

    def show(progress: PullProgress) -> None:
        if progress.total and bar.total != progress.total:
            bar.total = progress.total
        bar.n = progress.completed
        bar.set_postfix_str(progress.status, refresh=False)
        bar.refresh()

    try:
        pull_ollama(pull_client(config.ollama_host), model, show)
    except PullError as exc:
        bar.close()
        print(f"advisor: error: {exc}", file=sys.stderr)
        return 1
    bar.close()
    use = "the next start uses it" if model == config.ollama_model else f"start with --local ollama:{model} to use it"
    print(f"pulled {model} into Ollama; {use}")
    return 0
