"""Print every calibration and held-back point with the roofline's figure and the ratio
(modelled ÷ measured), its band and its source: `.venv/bin/python tests/calibration_table.py`."""

from __future__ import annotations

from advisor.tools.capacity import CapacityInput, capacity
from advisor.tools.catalog import load_catalog
from tests.calibration import CALIBRATION, FIRST_TOKEN, HELD_BACK, FirstToken, Point, with_extras


def _run(point: Point, catalog):
    return capacity(
        CapacityInput(
            hardware=point.hardware, local_model=point.model, quant=point.quant, context_tokens=point.context,
            streams=point.streams, engine=point.engine,
        ),
        catalog,
    )  # fmt: skip


def rows() -> list[tuple[str, str, str, str, str, str]]:
    catalog = with_extras(load_catalog())
    out = []
    for kind, points in (("fit", CALIBRATION), ("held back", HELD_BACK)):
        for point in points:
            result = _run(point, catalog)
            for what, measured, modelled in (
                ("decode", point.decode, result.tokens_per_second),
                ("prefill", point.prefill, result.prefill_tokens_per_second),
            ):
                if measured:
                    ratio = f"{modelled / measured:.2f}"
                    out.append((kind, point.label, what, f"{measured:,.1f}", f"{modelled:,.1f}", ratio, point.source))
    for first in FIRST_TOKEN:
        modelled = first_token_ms(first, catalog)
        ratio = f"{modelled / first.ttft_ms:.2f}"
        kind = "fit" if first.fitted else "held back"
        out.append(
            (kind, first.label, "first token ms", f"{first.ttft_ms:,.1f}", f"{modelled:,.1f}", ratio, first.source)
        )
    return out


def first_token_ms(first: FirstToken, catalog) -> float:
    """The roofline's time to first token for the point's prompt, in ms."""
    result = capacity(
        CapacityInput(
            hardware=first.hardware, local_model=first.model, quant=first.quant, engine=first.engine,
            input_tokens=first.prompt_tokens, context_tokens=max(1024, first.prompt_tokens),
        ),
        catalog,
    )  # fmt: skip
    return 1000 * result.ttft_s


if __name__ == "__main__":
    print("| set | point | | measured | modelled | ratio | source |")
    print("|---|---|---|---:|---:|---:|---|")
    for row in rows():
        print("| " + " | ".join(row) + " |")
