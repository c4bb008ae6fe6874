"""Months as a person writes them: a payback or crossover within ten years in months, beyond it in
years ('about 196 years', not '2,346.2 months'), none at all as 'never'."""

from __future__ import annotations

from advisor.text.render import months, payback_words


def test_months_read_as_a_person_writes_them():
    assert months(4.62) == "4.6 months"
    assert months(119.9) == "119.9 months"
    assert months(120) == "about 10 years"
    assert months(2346.2) == "about 196 years"
    assert months(None) == "never"


def test_a_payback_beyond_ten_years_reads_in_years():
    option = {"deployment": "local", "units": 1, "owned_units": 0, "payback_months": 2346.2}
    assert payback_words(option) == "about 196 years"


def test_a_pick_that_does_not_pay_back_within_the_horizon_does_not_claim_it_does():
    """A regulated clinic at 600 short requests a day: the local pick is made for privacy; against
    the cloud its hardware would pay back only after decades. That is said, not listed as a reason.
    (At 3,000 a day a used 3090 pays back within the horizon since its electricity follows how busy it is.)"""
    from advisor.text.summary import recommendation_bullets
    from advisor.tools.catalog import load_catalog
    from advisor.tools.compare import CompareInput, compare

    profile = dict(requests_per_day=600, input_tokens_per_request=1500, output_tokens_per_request=400)
    result = compare(CompareInput(**profile, privacy="regulated"), load_catalog())
    rec = result.recommendation
    assert rec.deployment == "local" and rec.crossover_month and rec.crossover_month > 36
    bullets = "\n".join(recommendation_bullets(result))
    assert not any("pays back" in reason for reason in rec.reasons)
    assert "it would pay back only after about" in bullets and "beyond the 36 months compared" in bullets
    ruled_out = "regulated data stays on your own hardware until you name a boundary: a provider under a BAA or DPA"
    assert f"what it pays for: groq-gpt-oss-120b is ruled out ({ruled_out}, or a region)" in bullets
    assert "overtakes cloud" not in bullets
