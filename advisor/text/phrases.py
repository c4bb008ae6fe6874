"""The tools' English phrases — option labels, capacity verdicts, why an option fails, notes, the
assumptions — in the reader's words. Each form the tools write is a template here (the msgid its
translations are looked up by): the values are read back from the English and written again for
the reader — money in their currency, numbers and shares as their locale writes them, a nested
phrase translated in turn. A phrase of no known form stays as the tools wrote it.

A placeholder's name says what it holds: ``…_usd`` money, ``…_kwh`` a price per kWh, ``…_share`` a
percentage, ``…_months`` months, ``…_count`` a whole number, ``…_phrase`` another phrase of this
list, ``n`` a count as the interview writes it (written again in the reader's locale) and ``…_party`` a
company (kept, holding no comma); any other is a name or an id, kept as it is."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from advisor.text.field_labels import FIELD_LABELS
from advisor.tools.wording import N_

PHRASES = (
    # option labels (tools/options.py build_plans, evaluate)
    N_("Cloud: {models}"),
    N_("Cloud: {model} for everything"),
    N_("Local: {units_phrase} running {model}"),
    N_("Hybrid: {units_phrase} running {model} for {local_share}, {models} for {hard_share}"),
    N_("{units_count} × {name}"),
    N_("{units_count} × {name} (owned)"),
    N_("1 box of {name}"),
    N_("{units_count} boxes of {name}"),
    N_("{units_count} × {name} ({owned_count} owned, {buy_count} to buy)"),
    # capacity verdicts
    N_("1 × {hardware}: uses {busy_share} of its capacity, {streams_count} streams each"),
    N_("1 × {hardware}: uses {busy_share} of its capacity, 1 stream each"),
    N_("{units_count} × {hardware}: one carries {load_share} of the load, {streams_count} streams each"),
    N_("{units_count} × {hardware}: one carries {load_share} of the load, 1 stream each"),
    # how busy each unit is (tools/options.py busy_words)
    N_("1 × {hardware}: {busy_share} busy, {streams_count} streams"),
    N_("1 × {hardware}: {busy_share} busy, 1 stream"),
    N_("{units_count} × {hardware}, each {busy_share} busy, {streams_count} streams each"),
    N_("{units_count} × {hardware}, each {busy_share} busy, 1 stream each"),
    N_("1 × {hardware} ({replicas_count} replicas of 1 GPU): {busy_share} busy, {streams_count} streams a replica"),
    N_(
        "{units_count} × {hardware} ({replicas_count} replicas of 1 GPU), each {busy_share} busy, {streams_count}"
        " streams a replica"
    ),
    N_(
        "1 × {hardware} ({replicas_count} replicas of {gpus_count} GPUs): {busy_share} busy, {streams_count} streams"
        " a replica"
    ),
    N_(
        "{units_count} × {hardware} ({replicas_count} replicas of {gpus_count} GPUs), each {busy_share} busy,"
        " {streams_count} streams a replica"
    ),
    # why an option fails
    N_("regulated data may not go to a cloud API"),
    N_("the workload must run offline"),
    N_("rented GPUs are not offline"),
    N_("rented cloud GPUs take regulated data off-premises"),
    N_("over the {budget_usd}/month budget"),
    N_("the hard {hard_share} needs a {tier}-tier model; {model} is {model_tier}-tier"),
    N_("{model} is {model_tier}-tier; routine work needs {tier}"),
    N_("{model} is {model_tier}-tier; the hard {hard_share} needs {tier}"),
    N_("needs {units_count} × {hardware} to carry the volume (more than {max_count})"),
    N_("{model} holds {context_count} tokens; a request needs {need_count}"),
    N_("{model} holds {context_count} tokens; a request needs {need_count}: not offered locally"),
    # notes
    N_("already owned: no purchase to pay back"),
    N_("sensitive data goes to the API provider: check its data-processing terms"),
    N_("{model} at list −{off_share} (your contract with {company})"),
    N_("{model} has no attention shape in the catalog: its KV cache is not counted"),
    # the assumptions (tools/profile.py and tools/compare.py)
    N_("no prompt caching (cached input share {cached_share})"),
    N_("no traffic through batch APIs"),
    N_("privacy: internal (no personal or regulated data)"),
    N_("{frontier_share} of traffic needs a frontier model (the hardest turns)"),
    N_("routine work needs a {tier}-tier model"),
    N_("the hard share needs a {tier}-tier model"),
    N_("electricity at {price_kwh} (US average)"),
    N_("{amortization_count}-month amortisation"),
    N_("local hardware powered 24 h a day"),
    N_("requests arrive around the clock (24 h traffic window)"),
    N_("local boxes serve with {engine} (as Ollama does), {slots_count} parallel slots"),
    N_(
        "local boxes serve with {engine} (as Ollama does), {slots_count} parallel slots; GPU servers with vLLM,"
        " batching as many streams as memory holds"
    ),
    N_("local units sized to be at most {max_share} busy at the busy hour (headroom for bursts)"),
    N_("costs compared over {horizon_count} months"),
    N_("0 setup hours"),
    N_("engineering time at {rate_usd}/h"),
    N_("0 h a month of maintenance"),
    N_("no requirement to run offline"),
    N_(
        "no share of the traffic needs a frontier API model (the data stays on your own hardware; set"
        " frontier_share if some work may leave it and needs one)"
    ),
    N_(
        "no share of the regulated data is sent to a frontier API model on an assumption (a cloud part"
        " would go under your BAA/DPA or region; set frontier_share if some work needs one)"
    ),
    N_(
        "no share of the traffic needs a frontier API model (the data stays on your own hardware; set"
        " frontier_share if some work may leave it and needs one)"
    ),
    N_(
        "regulated data stays on your own hardware until you name a boundary (a cloud provider you have a BAA/DPA"
        " with, a region, or none at all)"
    ),
    N_("one {hardware} already owned (no count given)"),
    N_(
        "the {hardware} you own is switched off when this work does not run on it, so its idle draw counts"
        " (`/set powered_anyway yes` if it stays on anyway)"
    ),
    N_("no output tokens (none given)"),
    N_("no input tokens (none given)"),
    N_(
        "local speed from the roofline: prompts prefill at the chip's FLOPS, answers decode from memory bandwidth"
        " over the engine's parallel streams; cached input skips prefill"
    ),
    N_(
        "prices older than {days_count} days for {models}: `advisor catalog update` (in the chat, `/catalog update`)"
        " refreshes them from genai-prices' maintained data"
    ),
    N_("fewer streams where memory holds fewer at {context_count} tokens of context (the KV cache): {boxes}"),
    N_("fewer streams where memory holds fewer (the KV cache): {boxes}"),
    N_("price of the {hardware}: {basis}"),
    # what the advisor's own spend on Claude alone would have been (advisor/meter.py BASIS)
    N_("{model}, estimated at {chars_num} characters per token"),
    # time per request (tools/request_time.py): durations kept as written ("3.7 min")
    N_("{request} (first token {first})"),
    N_("a request takes {request} (first token {first})"),
    # what-ifs (advisor/interview/whatif.py, whatif_terms.py): the scenario a what-if answer names
    N_("{first_phrase} and {second_phrase}"),
    N_("volume ×{factor_num}"),
    N_("the data were {privacy}"),
    N_("you used {model}"),
    N_("the hardware were {hardware}"),
    N_("the local model were {model}"),
    N_("electricity cost {price_kwh}"),
    N_("the hardware were amortised over {months_num} months"),
    N_("costs were compared over {months_num} months"),
    N_("{cached_share} of input tokens were served from the cache"),
    N_("{frontier_share} of traffic needed the frontier tier"),
    N_("routine work needed a {tier}-tier model"),
    N_("the hardware ran {hours_num} hours a day"),
    N_("the budget were {budget_usd} a month"),
    N_("it had to run offline"),
    N_("it need not run offline"),
    N_("the hardware you own stayed on anyway"),
    N_("the hardware you own were off when unused"),
    N_("traffic were {requests} requests a day"),
    N_("electricity {change_signed} ({price_kwh})"),
    N_("cloud prices {change_signed}"),
    N_("{scope} prices {change_signed}"),
    N_("{batch_share} of traffic through batch APIs (where the model has a batch discount)"),
    # the serving stacks that run replicas across machines (tools/fleet.py fleet_reason)
    N_("{k8s_stacks} (on Kubernetes), or {plain_stacks} (without Kubernetes)"),
    N_("{plain_stacks} (without Kubernetes), or {k8s_stacks} (on Kubernetes)"),
    N_("{k8s_stacks} (on Kubernetes)"),
    N_("{plain_stacks} (without Kubernetes)"),
    N_("a load balancer of your choice"),
    # why the local model answers in its mode, as the status bar says it (advisor/models/probe.py decide)
    N_("tools {passed_count}/{total_count}, phrasing {phrased_count}/{phrase_total_count}"),
    N_("phrasing {phrased_count}/{phrase_total_count}; embedded, no tool calls"),
    N_("failed phrasing {phrased_count}/{phrase_total_count}"),
)
# what the interview says it read, noted or asks (advisor/interview: forms, tokens, rates, pending,
# boundary, unread, reader, corrections; catalog/reading.toml's bases)
READING = (
    # several workloads (advisor/agent.py, advisor/interview/work_nouns.py; tools/plan.py's reasons)
    N_("new workload '{name}'"),
    N_("for {workload}: {note_phrase}"),  # a note or a question about one of several workloads
    N_("for all of them: {note_phrase}"),
    N_("workload '{old}' is now '{new}'"),
    N_("for {workload}, instead of {requests_n} requests a day"),
    N_("a new workload '{name}'"),
    N_("its own cheapest option within its constraints"),
    N_("alone it would be {option_phrase}; together this costs less"),
    N_("shares the {hardware} with {names} ({overlap_phrase})"),
    N_("their loads add up where their hours overlap"),
    N_("their hours do not overlap"),
    N_("regulated data stays on your own hardware"),
    N_("{local_share} runs locally; the hard {hard_share} goes to {models}"),
    N_("around the clock"),
    N_("on cloud APIs"),  # where a what-if moves a workload (advisor/interview/plan_whatif.py's PLACES)
    N_("on your own hardware"),
    N_("a dot between thousands"),
    N_("a decimal comma"),
    N_("a page of about {words_count} words, about {tokens_count} tokens"),
    N_("about {factor_num} tokens a word"),
    N_("about {chars_count} characters a token"),
    N_("read {quote} as {value_num} (a decimal comma)"),
    N_("read {quote} as {value_count} (a dot between thousands, not a decimal point)"),
    N_("read {quote} as the choice: {choice_phrase}"),
    N_("read {quote} as the choice: {choice}"),  # a choice of no known form (an id) kept as it is
    N_("took {quote} as the total for all {total} — say 'each' if it is per one"),
    N_("{quote} is the exception, not the usual size: not used"),
    N_("{quote} is a peak day: capacity is sized by the busiest hour"),
    N_("{quote} is a busy-season figure: not taken as the usual volume"),
    N_("took the first token count as input and the second as output"),
    N_(
        "{agreement} is needed: only offerings whose provider signs one are kept — say who you have one with, if you"
        " do (for example: {example})"
    ),
    N_("I didn't use {quotes} — what does it count, and does it change the volume?"),
    N_("{quote} could be {ids} — which?"),
    N_("You corrected {quote}: how many requests a day is it, then?"),
    N_("which region must the data stay in: {names}?"),
    N_("still open from before — {choices_phrase}?"),
    N_("which question does {quote} answer? {choices_phrase}"),
    N_("read {quote}: none of {choices_phrase}"),
    N_('{quote}: a token count that small? Give the size with its unit ("300 tokens")'),
    # a reading asked back (advisor/interview/arbiter.py): the reading, why it is weak, the choices
    N_("{said}: {choices_phrase}? ({why_phrase})"),
    N_("{said}: {choices_phrase}?"),
    N_("{said}: 1) {label_phrase} instead, or 2) {keep_phrase} as you set it?"),
    N_("{said}: 1) {label_phrase} instead, or 2) {keep_phrase} as you gave it?"),
    N_("another figure"),
    N_("{quote} ({hardware}): 1) hardware you already have or 2) hardware to buy?"),
    N_("{quote} reads as {hardware}, a rental — is it hardware you rent, or your own?"),
    N_("{hardware}, which you have"),
    N_("{hardware}, to buy"),
    N_("{first_phrase}; {second_phrase}"),
    N_("1) {first_phrase} or 2) {second_phrase}"),
    N_("1) {first_phrase} or 2) {second_phrase} or 3) {third_phrase}"),
    N_("1) {first_phrase} or 2) {second_phrase} or 3) {third_phrase} or 4) {fourth_phrase}"),
    N_("1) {first_phrase} or 2) {second_phrase} or 3) {third_phrase} or 4) {fourth_phrase} or 5) {fifth_phrase}"),
    N_("leave it out"),
    N_("Per request or in total?"),
    N_("I didn't use {quotes}"),
    N_("a busy time — maybe not the usual volume"),
    N_("with {quote} in a busy season beside it"),
    N_("no period said"),
    N_("{quote} names no chip"),
    N_("I took {quote} as {n}"),
    N_("I took {quote} as {duration}"),
    # the interview's notes and the readings it asks about (advisor/interview: traffic_windows, answers,
    # unread, reader, settings, rates, owned, batch_jobs, arbiter)
    N_("took {quote} as {window} (say the hours if they differ, e.g. 1am–6am)"),
    N_("{window} (say the hours if they differ, e.g. 1am–6am)"),
    N_("no hardware yet: I'll compare what to buy"),
    N_("read {quote} as no hardware yet: I'll compare what to buy"),
    N_("no {field_label} given: I'll work without it"),
    N_("no budget limit"),
    N_("noted {quote} as the team's size — the volume is what they send"),
    N_("{quote} is not in the catalog ({ids} is another chip or size): not read"),
    N_("public data (may be published)"),
    N_("internal (nothing personal)"),
    N_("sensitive (personal or confidential)"),
    N_("regulated (health, card or privileged data, or a law keeps it in)"),
    N_("{quote}: is that a month, or a one-off budget for hardware?"),
    N_("a one-off hardware budget (the comparison prices each machine itself)"),
    N_("a batch job may wait for the providers' batch APIs"),
    N_("{amount_usd} a month paid today"),
    N_("{n} requests a day ({quote} of them)"),
    N_("{n} requests a day, the usual"),
    N_("{n} requests a day over the year"),
    N_("{hardware}, owned"),
    N_("{units_count} owned"),
    N_("{quote}: how many do you own? {choices_phrase}?"),
    N_("{n} (one node)"),
    N_("another number"),
    N_("none, we'd buy them"),
    N_("read {quote} as already owned: {hardware}, no purchase price (a sunk cost) — how many is asked"),
    N_("read {quote} as {n} owned"),
    N_("{quote} asks about it: not read as what the workload uses (`/set` takes it)"),
    N_("hardware {hardware}"),
    N_("{quote}: 1) {hardware}, yours to use for this, or 2) leave it out?"),
    N_("{hardware}, yours to use for this"),
    N_("electricity at {price_kwh}"),
    N_("{quote}: how many requests does each make a day?"),
    N_("{quote} is said in doubt, so it counts as none for now: tell me once it is settled (e.g. {example})"),
    N_(
        "{quote} is an agreement for {product}: whether it covers an AI platform is not said, so it counts as none"
        " for now — tell me if it does (for example: our DPA covers Azure OpenAI)"
    ),
    N_("noted {quote} — name its GPU or chip (e.g. 'an RTX 4090') to count it as hardware"),
    N_("{quote} corrected later in the message: not used"),
    N_("{quote} is in {currency}, which the catalog has no exchange rate for — give it in US dollars, euros or pounds"),
    N_("which hours does the traffic come in: {quotes}? Say e.g. '1am–6am'"),
    N_("you named {quotes} — which one is the {field_label} to price?"),
    N_(
        "read {quote} as a one-off hardware budget; the comparison takes a monthly budget (say e.g. '$500 a month')"
        " and prices each machine itself"
    ),
    N_("answers within {duration}"),
    N_("{quote} is both a hosted API and a model you run yourself ({ids}) — on the API, or on your own hardware?"),
    N_("the middle of the range"),
    N_("weekdays only: 5 days in 7"),
    N_("six days a week: 6 days in 7"),
    N_("{days_num} days a week: {days_again_num} days in 7"),
    N_("a DPA"),
    N_("a BAA"),
    N_("{field_label} {value_n}"),
    N_("{field_label} {value}"),
    N_("it is per shift — how many shifts a day"),
    N_("it is per {what} — how many are there"),
    N_("which is what goes in, and which what comes out?"),
    N_("then {quote}"),
    N_("with {quote} going in too — how much in all?"),
    N_("with {quote} beside it — is it the usual volume, or that season's"),
    N_("in which currency? (e.g. '0.30 €/kWh')"),
    N_("in which currency? (e.g. '500 € a month')"),
    N_("per request or in total?"),
    N_("what goes in, or what comes out?"),
    N_("{n} requests a day"),
    N_("{n} requests a day planned"),
    N_("{n} an hour at peak"),
    N_("{n} input tokens per request"),
    N_("{n} output tokens per request"),
    N_("{n} input tokens a month"),
    N_("{n} output tokens a month"),
    N_("{amount_usd} a month"),
    N_("keep {value_n}"),
    N_("every hour of the day"),  # requests at every hour, against a clock range beside it
    N_("keep {value}"),  # a value of no count (an id) kept as it is
    N_("{model} on the API"),
    N_("{model} on your own hardware"),
    N_("per working day, as before"),  # a correction saying only "a day" keeps the working days (rates.py)
    N_("{n} requests a day ({each_n} each for {quote})"),  # a rate per site × the count of sites (rates.py)
    N_("{n} requests a day in all"),
)
# where the data goes (tools/boundary.py, tools/boundary_summary.py): the basis, what an offering
# requires and why one is ruled out; names, regions and sources stay as the catalog writes them
BOUNDARY = (
    N_("No data boundary stated: any provider may process the data."),
    N_(
        "Regulated data and no boundary stated yet: it stays on your own hardware until you name one — a cloud"
        " provider you have a BAA or DPA with, a region, or none at all."
    ),
    N_("On-site: the data stays on your own hardware; no cloud offering is within that."),
    N_("Only offerings within {within_phrase}; every other cloud offering is ruled out, with its reason."),
    N_("{first_phrase}, {second_phrase}"),
    N_("a DPA with {who_party}"),
    N_("a BAA with {who_party}"),
    N_("a DPA with a provider who signs one"),
    N_("a BAA with a provider who signs one"),
    N_("processing in {region}"),
    N_("zero data retention"),
    N_("processing kept in {region} ({via})"),
    N_("your DPA with {company_party}"),
    N_("your BAA with {company_party}"),
    N_("a BAA with {company_party}, which it offers"),
    N_("zero data retention on at {company_party}"),
    N_("not processed in {region} — it runs in {where} ({source})"),
    N_("your {agreement} is with {parties_party}, not {company_party} — {offers_phrase}"),
    N_("a {agreement} with {company_party} would be needed"),
    N_("{company_party} offers one ({source})"),
    N_("{company_party} offers none ({source})"),
    N_("no source says {company_party} offers one"),
    N_("its processing region — no source says (unknown never passes)"),
    N_(
        "regulated data stays on your own hardware until you name a boundary: a provider under a BAA or DPA, or a"
        " region"
    ),
    N_("your data stays on your own hardware: the data boundary is on-site"),
    N_("{platform}: its processing region — no source says (unknown never passes)"),
    N_("{model} on {platform}: not processed in {region} — it runs in {where} ({source})"),
    N_("{failed_phrase} — within your boundary on {platform} ({model}, {prices})"),
    N_(
        "This reads the providers' published terms; it is not legal advice. The contract your team signed, and your"
        " compliance officer, decide what it covers."
    ),
)
# bad input, said in one line (advisor/session.py, advisor/slash/run.py, tools/quantity.py): the field,
# the value as typed and the command stay as written
ERRORS = (
    N_("{field}: {quote} not a number; write e.g. 300M, 2.5B, 50K or 1,200,000"),
    N_("{field}: {quote} must not be negative"),
    N_("{field}: {quote} must be a finite number"),
    N_("{field}: {quote} not a duration; write e.g. 5, 5s, 2 min or 1.5h"),
    N_("{field}: unknown field; fields are {fields}"),
    N_("{command}: unknown command; /help lists them"),
    N_("{command}: no volume yet — tell me how many requests or tokens first"),
    N_("{command}: no session yet"),
)
PRIVACY_WORDS = (N_("public"), N_("internal"), N_("sensitive"), N_("regulated"))
# A region in a boundary phrase ({region}, {where}, {names}): a catalog/regions.toml name (its msgid,
# extracted from there), these, or several joined by "or"; each translated as it reads after the
# form's "in" (a language whose "in" changes with the region has it in the region's translation).
REGION_WORDS = (
    N_("any region"),
    N_("a region not yet named"),
    N_("or"),
    N_("{via}, at {factor}× the price"),
    N_("and"),
)
REGION_PLACEHOLDERS = ("region", "where", "names")
DURATION_PLACEHOLDERS = ("request", "first", "duration")  # a duration as tools/quantity.py writes it ("8.9 s")

_KINDS = {  # placeholder suffix → (what it matches in English, how it is read back)
    "usd": (r"\$[\d,]+(?:\.\d+)?", lambda s: float(s.strip("$").replace(",", ""))),
    "kwh": (r"\$[\d,]+(?:\.\d+)?/kWh", lambda s: float(s.strip("$").removesuffix("/kWh").replace(",", ""))),
    "share": (r"(?:under )?\d+(?:\.\d+)?%", lambda s: float(s.removeprefix("under ").rstrip("%")) / 100),
    "count": (r"[\d,]+", lambda s: int(s.replace(",", ""))),
    "num": (r"[\d,]*\.?\d+", lambda s: float(s.replace(",", ""))),
    "signed": (r"[+−-]\d+(?:\.\d+)?%", lambda s: float(s[1:].rstrip("%")) / 100 * (1 if s[0] == "+" else -1)),
    "months": (r"[\d,]+\.\d months|about [\d,]+ years|never", None),
    "phrase": (r".+?", None),
    "n": (r"~?[\d,]*\.?\d+[KMBT]?", None),  # a count as the interview writes it ("~1,200", "20M")
    "party": (r"[^,;()]+", None),  # a company or the parties of an agreement ("AWS", "Microsoft or Google"), kept
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
NAME_PATTERNS = {  # a name of a closed kind: a source cited in parentheses ('https://…, 2026-12-07') holds none
    "source": r"[^()]+",
    "field_label": "|".join(re.escape(label) for label in sorted(FIELD_LABELS.values(), key=len, reverse=True)),
    "window": r"\d\d:\d\d–\d\d:\d\d",
}


def _kind(name: str) -> str:
    suffix = name.rsplit("_", 1)[-1]
    return suffix if suffix in _KINDS else "name"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each template as a pattern over the English, the most specific (longest fixed text) first."""
    out = []
    for template in (*PHRASES, *READING, *BOUNDARY, *ERRORS):
        parts, end = [], 0
        for match in _PLACEHOLDER.finditer(template):
            parts.append(re.escape(template[end : match.start()]))
            name = match.group(1)
            kind = _KINDS[_kind(name)][0] if _kind(name) != "name" else NAME_PATTERNS.get(name, ".+?")
            parts.append(f"(?P<{name}>{kind})")
            end = match.end()
        parts.append(re.escape(template[end:]))
        fixed = len(_PLACEHOLDER.sub("", template))
        out.append((fixed, re.compile("".join(parts) + r"\Z"), template))
    out.sort(key=lambda item: -item[0])
    return [(pattern, template) for _, pattern, template in out]


def _months_back(text: str) -> float | None:
    if text == "never":
        return None
    if text.startswith("about "):
        return float(text.split()[1].replace(",", "")) * 12
    return float(text.split()[0].replace(",", ""))


_COUNT = re.compile(r"(~?)([\d,]*\.?\d+)([KMBT]?)")


def _count_back(text: str, w: Any) -> str:
    """A count as the interview writes it ("~1,200", "2.5K") as the reader's locale writes it
    ("~1.200", "2,5K")."""
    if not (match := _COUNT.fullmatch(text)):
        return text
    approx, digits, suffix = match.groups()
    return approx + w.number(float(digits.replace(",", ""))) + suffix


def _regions(text: str, w: Any) -> str:
    """Region names as the tools write them ("the European Union (eu endpoint) or Europe") in the
    reader's words; a part of no known name stays as written."""
    parts = []
    for part in text.split(" or "):
        name, paren, rest = part.partition(" (")
        bare = name.removeprefix("the ")
        said = w._(bare)
        via = f"{paren}{_via(rest[:-1], w)})" if paren and rest.endswith(")") else paren + rest
        parts.append((said if said != bare else name) + via)
    return f" {w._('or')} ".join(parts)


# What a hardware name (catalog/hardware.toml) says after its chip, translated; the rest is the name.
HARDWARE_QUALIFIERS = (N_("card alone"), N_("cards alone"), N_("used"), N_("rented"), N_("host included"))
_QUALIFIED = re.compile(r"(?P<name>.+?)(?P<comma>, | \()(?P<what>" + "|".join(HARDWARE_QUALIFIERS) + r")(?P<end>\)?)")


def _hardware_name(text: str, w: Any) -> str:
    """'NVIDIA L40S (48 GB) GPU, card alone' as the reader says the part after the chip."""
    if not (match := _QUALIFIED.fullmatch(text)) or (match["comma"] == " (") != bool(match["end"]):
        return text
    return f"{match['name']}{match['comma']}{w._(match['what'])}{match['end']}"


_PRICED = re.compile(r"(?P<via>.+), at (?P<factor>\d+(?:\.\d+)?)× the price")


def _via(text: str, w: Any) -> str:
    """How an offering keeps the data in a region (catalog/platforms.toml's ``via``, a msgid of its
    own), with the price factor the tools add ('…, at 1.1× the price'), in the reader's words."""
    if match := _PRICED.fullmatch(text):
        return w._("{via}, at {factor}× the price", via=w._(match["via"]), factor=w.number(float(match["factor"])))
    return w._(text)


def _value(name: str, text: str, w: Any) -> str:
    if name in REGION_PLACEHOLDERS:
        return _regions(text, w)
    if name in DURATION_PLACEHOLDERS:
        return w.duration_said(text)
    if name == "via":
        return _via(text, w)
    if name == "name":
        return _hardware_name(text, w)
    if name == "field_label" or (name == "agreement" and text in ("a DPA", "a BAA")):
        return w._(text)
    if name == "example":
        return translate(text, w)
    if name == "quotes":  # "'A' and 'B'", "'A' or 'B'": the joining word in the reader's language
        return re.sub(r"' (and|or) '", lambda m: f"' {w._(m.group(1))} '", text)
    if name == "total":
        return _count_back(text, w)
    if name.endswith("_stacks"):  # serving stacks' names ('Ray Serve, SGLang router or LiteLLM proxy'): the 'or'
        return re.sub(r" or (?=[^,]+\Z)", f" {w._('or')} ", text)
    kind = _kind(name)
    if kind == "usd":
        return w.money(_KINDS["usd"][1](text))
    if kind == "kwh":
        return w.per_kwh(_KINDS["kwh"][1](text))
    if kind == "share":
        share = w.pct(_KINDS["share"][1](text))
        return w._("under {pct}", pct=share) if text.startswith("under ") else share
    if kind == "count":
        return w.number(_KINDS["count"][1](text))
    if kind == "num":
        return w.number(_KINDS["num"][1](text))
    if kind == "signed":
        change = _KINDS["signed"][1](text)
        return ("+" if change > 0 else "−") + w.pct(abs(change))
    if kind == "months":
        return w.months(_months_back(text))
    if kind == "phrase":
        return translate(text, w)
    if kind == "n":
        return _count_back(text, w)
    if kind == "party":
        return text
    if name in ("tier", "model_tier", "privacy"):  # the catalog's tiers and the privacy classes, in words
        return w._(text)
    return text


def translate(text: str, w: Any) -> str:
    """``text`` (a tool's English phrase) in the reader's words, or as it is when no form fits; a
    phrase of no form with a remark in parentheses after it ('… (weekdays only: 5 days in 7)') is said
    as its two parts."""
    if (said := _translated(text, w)) is not None:
        return said
    if text.endswith(")") and (head := _remark(text)) is not None:
        said = f"{translate(head[0], w)} ({translate(head[1], w)})"
        return said if said != text else text
    return text


def _remark(text: str) -> tuple[str, str] | None:
    """'head (remark)' → (head, remark), the remark the last balanced parenthesis."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            head = text[:i].rstrip()
            return (head, text[i + 1 : -1]) if head and i > 0 and text[i - 1] == " " else None
    return None


def _nested(text: str, w: Any) -> str | None:
    """A phrase inside a form: one of the forms, or an id as it is ('gemini-2.5-flash')."""
    said = _translated(text, w)
    return text if said is None and _ID.fullmatch(text) else said


_ID = re.compile(r"[a-z0-9][a-z0-9.\-]*[a-z0-9]")


def _translated(text: str, w: Any) -> str | None:
    """``text`` in the reader's words, or None when no form fits it — a form that holds another
    phrase ("{first_phrase} and {second_phrase}") fits only when that phrase is one of the forms."""
    for pattern, template in _patterns():
        if not (match := pattern.match(text)):
            continue
        values = match.groupdict()
        nested = {name: _nested(value, w) for name, value in values.items() if _kind(name) == "phrase"}
        if any(v is None for v in nested.values()):
            continue
        return w._(template, **{name: nested.get(name) or _value(name, value, w) for name, value in values.items()})
    return None
