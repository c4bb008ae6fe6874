"""`advisor ask --json` on a what-if carries the scenario's own recommendation ("then"), in the main
recommendation's shape, so a script reads `scenario.recommendation.not_offered` and the pick without
parsing the answer's text (interfaces.md, `advisor ask --json`)."""

from __future__ import annotations

import json

from advisor.cli import main
from advisor.tools.compare import Recommendation

FIRST = "500 requests a day, 40,000 tokens in and 1,000 out each, we'd run qwen3 8b locally, public data"


def _ask(capsys, *args: str) -> dict:
    code = main(["ask", "--offline", "--local", "none", "--session", "w", "--json", *args])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_a_whatif_carries_its_recommendation_then(capsys):
    now = _ask(capsys, FIRST)
    assert "scenario" not in now  # not a what-if: no scenario
    doc = _ask(capsys, "what if it were HIPAA data")
    scenario = doc["scenario"]
    then = Recommendation.model_validate(scenario["recommendation"])  # the main recommendation's model
    assert then.deployment == "local" and doc["recommendation"]["deployment"] != "local"
    assert then.option_id in {o["id"] for o in scenario["options"]}
    kind = doc["recommendation"]["deployment"]
    assert doc["answer"].startswith(f"**If {scenario['title']}: local, ")  # the pick then, first
    assert f"(now {kind}, " in doc["answer"]  # against the pick now
    # the named model cannot hold a 41,000-token request, then as now: said in the JSON, not only the text
    assert any("qwen3-8b holds 32,768 tokens" in line for line in then.not_offered)
    assert doc["profile"]["privacy"] == "public"  # a scenario, not a change
