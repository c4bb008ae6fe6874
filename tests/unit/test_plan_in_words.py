"""A plan across workloads as the user hears it: in the session's language and currency (€ when they
talk €), a what-if for one workload that leaves the others' placement alone but moves their part of
a shared box says why, a what-if for a busy season says it read the figures as a month of it, and
"why?" after a plan explains the plan — where each job goes and why — not the one line again.
--local none, the real Session."""

from __future__ import annotations

import json
import re

import pytest

from advisor.cli import main

ASK = ["ask", "--local", "none", "--offline", "--session", "shop"]
SHOP_ES = [
    "Generamos 2.000 descripciones de producto al día, 1.500 tokens de entrada y 400 de salida. Son datos públicos.",
    "Además queremos un chatbot de soporte: 3.000 conversaciones al día, 2.000 tokens de entrada y 300 de salida,"
    " datos internos, durante el día. Pagamos la luz a 0,25 €/kWh.",
    "Y un resumen de reseñas: 7.000 reseñas al día, 800 tokens de entrada y 150 de salida, públicas, de noche.",
]
SHOP_EN = [
    "We write 2,000 product descriptions a day, 1,500 tokens in and 400 out, public data.",
    "We also run a support chatbot: 3,000 conversations a day, 2,000 tokens in and 300 out, internal data,"
    " during the day.",
    "And a review summary job: 7,000 reviews a day, 800 tokens in and 150 out, public, overnight.",
]


def ask(capsys, text: str, *flags: str) -> str:
    assert main([*ASK, *flags, text]) == 0
    return capsys.readouterr().out


@pytest.fixture
def shop_es(capsys) -> None:
    for text in SHOP_ES:
        ask(capsys, text)


@pytest.fixture
def shop_en(capsys) -> None:
    for text in SHOP_EN:
        ask(capsys, text)


def test_the_plan_and_the_workloads_list_speak_spanish_in_euros(capsys, shop_es):
    listed = ask(capsys, "/workload")
    assert "| carga de trabajo | volumen | privacidad | ubicación | al mes |" in listed
    assert "Plan para 3 cargas de trabajo" in listed and "$" not in listed and "€" in listed
    assert "What you say" not in listed and "a day" not in listed


def test_a_whatif_in_spanish_in_euros_says_the_season_and_why_the_others_move(capsys, shop_es):
    answer = ask(capsys, "¿y si el chatbot se duplica en Navidad?")
    assert "**Escenario — chatbot: volumen ×2**" in answer and "| carga de trabajo | ahora |" in answer
    assert "| híbrida 1× rtx-3090-24gb-used + claude-sonnet-5 (compartido) |" in answer
    assert "$" not in answer and "€" in answer
    assert "'en Navidad': una época punta, no todo el año" in answer
    assert "This is a scenario" not in answer


def test_a_whatif_for_one_workload_says_why_the_others_part_of_a_shared_box_moves(capsys, shop_en):
    doc = json.loads(ask(capsys, "what if the chatbot doubles?", "--json"))
    now = {p["workload"]: p for p in doc["plan"]["placements"]}
    then = {p["workload"]: p for p in doc["scenario"]["plan"]["placements"]}
    sharing = [n for n, p in now.items() if "chatbot" not in n and "support chatbot" in p["shares_with"]]
    assert sharing, "the chatbot shares its box with another workload here"
    for name in sharing:
        assert then[name]["option"] == now[name]["option"] and then[name]["monthly_usd"] != now[name]["monthly_usd"]
        line = next(line for line in doc["answer"].splitlines() if line.startswith(f"- {name} is unchanged"))
        assert "with support chatbot" in line and "split by the time each workload takes of it" in line
    assert "a busy time" not in doc["answer"]  # no season said: none assumed


def test_a_whatif_at_christmas_is_a_month_of_it_not_the_year(capsys, shop_en):
    answer = ask(capsys, "what if the chatbot doubles at Christmas?")
    assert re.search(
        r"'at Christmas': a busy time, not the whole year — 'monthly then' is what a month like it costs", answer
    )


def test_why_after_a_plan_explains_where_each_job_goes(capsys, shop_en):
    answer = ask(capsys, "why?")
    assert answer.startswith("**Why this plan**")
    for name in ("workload 1", "support chatbot", "review summary"):
        assert re.search(rf"^- \*\*{name}\*\* → ", answer, re.MULTILINE)
    assert "Current plan" not in answer


def test_when_the_shared_box_grows_the_others_part_says_so(capsys, shop_en):
    ask(capsys, "/workload use workload 1")
    ask(capsys, "/set requests_per_day 8000")
    doc = json.loads(ask(capsys, "what if the chatbot doubles?", "--json"))
    units = [{b["hardware"]: b["units"] for b in plan["boxes"]} for plan in (doc["plan"], doc["scenario"]["plan"])]
    assert units[0] != units[1], "the doubled chatbot needs more units of the shared box here"
    line = next(line for line in doc["answer"].splitlines() if line.startswith("- workload 1 is unchanged"))
    assert "it shares with support chatbot needs 2 units then instead of 1" in line


def test_the_answer_about_one_workload_says_the_plan_puts_it_elsewhere(capsys):
    """The turn's answer about the workload in use is its recommendation alone; where the plan puts it
    on a shared box instead, a line says so first (t6a: 'still cloud' while the plan put it on the GPU)."""
    for text in SHOP_EN:
        ask(capsys, text)
    ask(capsys, "/workload use workload 1")
    doc = json.loads(ask(capsys, "1,000 product descriptions a day", "--json"))
    placed = next(p for p in doc["plan"]["placements"] if p["workload"] == "workload 1")
    assert placed["option"] != placed["alone"], "alone, the descriptions would go elsewhere here"
    assert "_in the plan it goes to Hybrid: " in doc["answer"] and "; what follows is it alone_" in doc["answer"]


def test_a_note_about_one_of_several_workloads_is_in_the_sessions_language(capsys):
    ask(capsys, SHOP_ES[0])
    answer = ask(capsys, SHOP_ES[1])
    assert "_para chatbot: tomado 'durante el día' como 09:00–19:00" in answer and "for chatbot" not in answer
    assert "_carga de trabajo nueva 'chatbot'._" in answer
