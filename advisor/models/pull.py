"""`advisor model pull`: a capable small instruct GGUF from Hugging Face for the embedded path,
chosen by the machine's memory from catalog/embedded_models.toml. Downloaded through
`huggingface_hub` (its cache, resume of a partial file, a progress bar), checked against the
catalog's sha256 or the Hub's own LFS checksum, and recorded so the next start uses it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from advisor.paths import data_dir
from advisor.tools.userfile import JSON_MAX_BYTES, read_bytes, replace_atomically

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
RECORD = "pulled_model.json"


class PullError(Exception):
    """A pull failed; ``str(err)`` is one line with what to do instead."""


def offline_refusal(what: str, source: str = "the Ollama registry") -> str:
    """Why offline mode pulls nothing: the model would come from the internet."""
    return f"offline: pulling {what} would download it from {source}, so nothing is pulled"


class PullProgress(BaseModel):
    """Where a pull is: the server's status line and the bytes of the layers seen so far."""

    model: str
    status: str
    completed: int = 0
    total: int = 0

    @property
    def percent(self) -> float | None:
        return 100.0 * self.completed / self.total if self.total else None

    def line(self) -> str:
        if not self.total:
            return f"pulling {self.model}: {self.status}"
        return (
            f"pulling {self.model}: {_size(self.completed)} of {_size(self.total)} ({self.percent:.0f}%)"
            f" — {self.status}"
        )


def _size(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB"


class PullChoice(BaseModel):
    id: str
    name: str
    repo: str
    file: str
    size_gb: float | None = None
    min_memory_gb: float = 0
    license: str = ""
    sha256: str | None = None
    default: bool = True  # may be picked by memory (else offered by name only)


class Pulled(BaseModel):
    id: str
    repo: str
    file: str
    path: str
    sha256: str
    revision: str | None = None


def choices() -> list[PullChoice]:
    text = (resources.files("advisor.catalog") / "embedded_models.toml").read_text(encoding="utf-8")
    return [PullChoice.model_validate(m) for m in tomllib.loads(text)["model"]]


def memory_gb() -> float | None:
    """This machine's physical memory in GB, or None where the platform does not say."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (ValueError, OSError, AttributeError):
        return None


def recommended(memory: float | None) -> PullChoice:
    """The largest default choice this much memory runs comfortably (the smallest if unknown)."""
    options = sorted((c for c in choices() if c.default), key=lambda c: c.min_memory_gb)
    fitting = [c for c in options if memory is not None and c.min_memory_gb <= memory]
    return fitting[-1] if fitting else options[0]


def resolve_choice(name: str | None) -> PullChoice:
    """A catalog id, ``REPO:FILE.gguf`` for any GGUF on the Hub, or None for the recommended one."""
    if not name:
        return recommended(memory_gb())
    for choice in choices():
        if name.lower() in (choice.id, choice.name.lower()):
            return choice
    repo, sep, file = name.partition(":")
    if sep and "/" in repo and file.endswith(".gguf"):
        return PullChoice(id=Path(file).stem.lower(), name=file, repo=repo, file=file, default=False)
    ids = ", ".join(c.id for c in choices())
    raise ValueError(f"model pull: {name!r} is not a choice; choose one of {ids}, or REPO:FILE.gguf")


def hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def pull(
    choice: PullChoice,
    *,
    say=print,
    cache_dir: Path | None = None,
    on_progress: Callable[[PullProgress], None] | None = None,
) -> Pulled:
    """Download ``choice`` (resuming a partial file), verify it and record it for the next start.
    The bytes go to a tqdm bar on stderr, or to ``on_progress`` (a UI) when one is given."""
    import httpx2
    from huggingface_hub import get_hf_file_metadata, hf_hub_download, hf_hub_url
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    endpoint = hub_endpoint()
    url = hf_hub_url(choice.repo, choice.file, endpoint=endpoint)
    try:
        meta = get_hf_file_metadata(url, timeout=15)
        size = f" ({meta.size / 1e9:.2f} GB)" if meta.size else ""
        say(f"downloading {choice.name}{size} from {endpoint}/{choice.repo}")
        from tqdm import tqdm  # the plain bar: shown on any terminal, or a log, not only a TTY

        bar = tqdm if on_progress is None else _reporting_bar(choice.file, on_progress)
        path = Path(
            hf_hub_download(
                choice.repo, choice.file, endpoint=endpoint, etag_timeout=15, cache_dir=cache_dir, tqdm_class=bar
            )
        )
    except HfHubHTTPError as exc:  # before OSError: it is one
        status = exc.response.status_code if exc.response is not None else "?"
        raise PullError(f"Hugging Face answered {status} for {choice.repo}/{choice.file}") from None
    except (httpx2.HTTPError, LocalEntryNotFoundError, OSError) as exc:
        raise PullError(
            f"cannot reach Hugging Face at {endpoint} ({type(exc).__name__}) — offline, the shipped SmolLM2"
            " still answers (quiet), or use --local none, or --local embedded:PATH.gguf for a file you have"
        ) from None
    digest = _verify(path, choice, meta.etag, say)
    pulled = Pulled(
        id=choice.id, repo=choice.repo, file=choice.file, path=str(path), sha256=digest, revision=meta.commit_hash
    )
    data_dir().mkdir(parents=True, exist_ok=True)
    replace_atomically(data_dir() / RECORD, pulled.model_dump_json(indent=1))
    return pulled


def _reporting_bar(name: str, on_progress: Callable[[PullProgress], None]) -> type:
    """A tqdm bar that draws nothing and hands its figures to ``on_progress`` instead."""
    from tqdm import tqdm

    class ReportingBar(tqdm):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**kwargs, "file": _Nowhere()})

        def update(self, n: float | None = 1) -> bool | None:
            shown = super().update(n)
            total = int(self.total or 0)
            on_progress(PullProgress(model=name, status="downloading", completed=int(self.n), total=total))
            return shown

    return ReportingBar


class _Nowhere:
    def write(self, _text: str) -> None:
        pass

    def flush(self) -> None:
        pass


def _verify(path: Path, choice: PullChoice, etag: str | None, say) -> str:
    """The file's sha256, checked against the catalog's and the Hub's (an LFS file's X-Linked-Etag
    is its sha256). A mismatch removes the download — the cached blob too, or the next pull would
    reuse the bad bytes without asking the Hub — and raises PullError naming whose checksum failed."""
    expected = {"the catalog's sha256": choice.sha256}
    expected["the Hub's checksum (X-Linked-Etag)"] = etag if etag and _SHA256.match(etag) else None
    known = {who: sha for who, sha in expected.items() if sha}
    if not known:
        say("no sha256 to check it against (neither the catalog nor the Hub gives one); using it unchecked")
        return _sha256(path)
    say(f"verifying the checksum against {' and '.join(known)}…")
    digest = _sha256(path)
    for who, sha in known.items():
        if digest != sha:
            blob = path.resolve()
            path.unlink(missing_ok=True)
            blob.unlink(missing_ok=True)
            raise PullError(
                f"{choice.file}: its sha256 {digest[:12]}… is not {who} {sha[:12]}… — the download is removed;"
                " pulling it again fetches it afresh"
            )
    return digest


def pulled_model() -> Pulled | None:
    """The model `advisor model pull` fetched last, if its file is still there."""
    record = data_dir() / RECORD
    try:
        pulled = Pulled.model_validate(json.loads(read_bytes(record, JSON_MAX_BYTES, "pull record")))
    except (OSError, ValueError, RecursionError):
        return None
    return pulled if Path(pulled.path).is_file() else None


def offer() -> str:
    """The line the chat shows when no Ollama answers and no capable model is cached."""
    choice = recommended(memory_gb())
    memory = memory_gb()
    fits = f", picked for this machine's {memory:.0f} GB" if memory else ""
    size = f"{choice.size_gb:g} GB" if choice.size_gb else "a download"
    return (
        f"for a local model worth hearing, pull one — /pull in the chat or `advisor model pull`"
        f" ({choice.name}, {size}{fits});"
        " until then the shipped SmolLM2 keeps quiet"
    )
