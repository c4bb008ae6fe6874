"""The shipped catalog: every entry valid, ids unique, every price dated and sourced, a tier with a
basis for every model, names resolving, and errors that name file, entry and field."""

from __future__ import annotations

import pytest

from advisor.tools.catalog import CatalogError, load_catalog, validate_file


def test_every_entry_is_dated_and_sourced(catalog):
    for section in ("cloud", "hardware", "local-models", "electricity", "workloads"):
        entries = catalog.section(section)
        assert entries, section
        for entry in entries.values():
            source = entry.price.source if section == "cloud" else entry.source
            assert source.strip(), entry.id
    for model in catalog.cloud.values():
        for point in (model.price, *model.history):
            assert point.source and point.as_of


def test_every_model_has_a_tier_with_a_basis(catalog):
    for model in [*catalog.cloud.values(), *catalog.local_models.values()]:
        assert model.tier in {"frontier", "strong", "budget"} and model.tier_basis.strip(), model.id


def test_ids_are_lowercase_slugs(catalog):
    for section in ("hardware", "local-models"):
        for entry_id in catalog.section(section):
            assert entry_id == entry_id.lower() and " " not in entry_id


def test_ids_of_the_interfaces_doc_exist(catalog):
    for model_id in (
        "claude-sonnet-4-5",
        "claude-haiku-4-5",
        "claude-opus-4-1",
        "claude-opus-4-5",
        "claude-sonnet-4-6",
        "claude-opus-4-7",
        "claude-3-haiku",
        "gpt-5",
        "gpt-5-mini",
        "gpt-5.5",
        "gpt-4.1",
        "gpt-4.1-mini",
        "gemini-2.5-flash",
        "deepseek-v4-flash",
        "deepseek-v4-pro",
        "llama-4-scout",
    ):
        assert model_id in catalog.cloud
    assert "mac-studio-m4-ultra-128gb" in catalog.hardware and "rtx-4090-24gb" in catalog.hardware
    assert "llama-3.3-70b" in catalog.local_models


def test_seed_errors_are_encoded_right(catalog):
    pro = catalog.cloud["deepseek-v4-pro"]
    assert pro.price.input == 0.66  # DeepSeek's own off-peak list price since 2026-08-17, not the reseller's
    assert any(h.input == 0.435 and h.cache_read == 0.003625 for h in pro.history)  # its own price before
    assert catalog.cloud["fireworks-deepseek-v4-pro"].price.input == 1.74
    sonnet = catalog.cloud["claude-sonnet-4-5"].price
    assert (sonnet.long_context_threshold, sonnet.long_context_input, sonnet.long_context_output) == (200000, 6, 22.5)
    for box in ("mac-studio-m4-ultra-128gb", "mac-studio-m4-ultra-192gb"):
        assert "M3 Ultra" in catalog.hardware[box].bandwidth_basis
    assert catalog.hardware["mac-mini-m4-16gb"].measured == []  # 70B at 12-18 tok/s on 16 GB is impossible


def test_names_people_type_resolve(catalog):
    assert catalog.find("cloud", "sonnet 4.5") == "claude-sonnet-4-5"
    assert len(catalog.resolve("cloud", "opus")) == 0 and len(catalog.closest("cloud", "opus 4")) >= 2
    assert catalog.closest("cloud", "claude-sonet-4-5")[0] == "claude-sonnet-4-5"
    assert catalog.find("hardware", "two used 3090s") == "dual-rtx-3090-48gb-used"


def test_measured_speeds_name_known_models(catalog):
    for box in catalog.hardware.values():
        for m in box.measured:
            assert m.local_model in catalog.local_models
            assert m.tokens_per_second_low <= m.tokens_per_second_high


def test_broken_user_file_names_file_entry_and_field(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text(
        '[[cloud]]\nid = "x"\nname = "X"\nprovider = "p"\ntier = "mythic"\ntier_basis = "b"\n'
        '[cloud.price]\ninput = 1\noutput = 2\nsource = "s"\nas_of = 2026-01-01\n'
    )
    with pytest.raises(CatalogError) as err:
        load_catalog((bad,))
    message = str(err.value)
    assert "mine.toml" in message and "x" in message and "tier" in message


def test_user_file_overrides_and_extends(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[electricity]]\nid = "office"\nname = "Our office"\nusd_per_kwh = 0.21\nsource = "bill"\nas_of = 2026-11-01\n'
    )
    catalog = load_catalog((mine,))
    assert catalog.electricity["office"].usd_per_kwh == 0.21
    assert validate_file(mine) == 1
