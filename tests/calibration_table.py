"""Print every calibration and held-back point with the roofline's figure and the ratio
(modelled ÷ measured), its band and its source: `.venv/bin/python tests/calibration_table.py`."""

from __future__ import annotations

from advisor.tools.capacity import CapacityInput, capacity
from advisor.tools.catalog import load_catalog
from tests.calibration import CALIBRATION, HELD_BACK, Point, with_extras


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
    return out


if __name__ == "__main__":
    print("| set | point | | measured | modelled | ratio | source |")
    print("|---|---|---|---:|---:|---:|---|")
    for row in rows():
        print("| " + " | ".join(row) + " |")
