"""The workload profile the cost tools compute over, and its resolution to stated defaults."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from advisor.tools import defaults as d
from advisor.tools.base import refuse_empty
from advisor.tools.catalog import Tier
from advisor.tools.quantity import Hours, Quantity, Seconds, Share, Tokens, Usd

Privacy = Literal["public", "internal", "sensitive", "regulated"]
PRIVACY_LEVELS: tuple[str, ...] = ("public", "internal", "sensitive", "regulated")
DataBoundary = Literal["on_site", "contract", "region", "any"]
Agreement = Literal["baa", "dpa"]


class WorkloadProfile(BaseModel):
    """What the interview fills. Every field may be missing; ``resolve`` fills it and says so.

    Volume is given either per request (``requests_per_day`` with tokens per request) or per month
    (``monthly_input_tokens``/``monthly_output_tokens``); monthly figures win when both are set.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    requests_per_day: Tokens | None = None
    input_tokens_per_request: Tokens | None = None
    output_tokens_per_request: Tokens | None = None
    monthly_input_tokens: Tokens | None = None
    monthly_output_tokens: Tokens | None = None
    cached_input_share: Share | None = None
    cache_write_share: Share | None = Field(
        default=None,
        description="share of input tokens written to the provider's prompt cache at its standard lifetime"
        " (Anthropic 5 min, 1.25× input; OpenAI 30 min)",
    )
    cache_write_1h_share: Share | None = Field(
        default=None,
        description="share of input tokens written to the extended cache (Anthropic 1 h, 2× input; OpenAI 12 h)",
    )
    batch_share: Share | None = Field(
        default=None, description="share of traffic sent through the providers' batch APIs"
    )
    cloud_price_factor: Quantity | None = Field(
        default=None, gt=0, le=10, description="every cloud price × this (0.8 = prices drop 20%)"
    )
    price_factors: dict[str, Annotated[float, Field(gt=0, le=10)]] | None = Field(
        default=None, description="cloud price × factor per provider or model id"
    )
    privacy: Privacy | None = None
    data_boundary: DataBoundary | None = Field(
        default=None,
        description="where the data may go: on_site (own hardware only), contract (a provider you have a BAA/DPA"
        " with), region (processed in a named region), any",
    )
    contract: list[str] | None = Field(
        default=None, description="who the team has a BAA or DPA with: companies or platforms (aws, anthropic, …)"
    )
    agreement: Agreement | None = Field(default=None, description="the kind of contract: baa (HIPAA) or dpa (GDPR)")
    zero_retention: bool | None = Field(default=None, description="the provider must keep no prompts or outputs")
    region: str | None = Field(default=None, description="the region the data must be processed in: eu, us, de, …")
    frontier_share: Share | None = Field(
        default=None, description="share of traffic (the hardest turns) that needs the hard tier"
    )
    routine_tier: Tier | None = None
    hard_tier: Tier | None = None
    cloud_model: str | None = Field(default=None, description="catalog id of a preferred API model")
    hardware: str | None = Field(default=None, description="catalog id of hardware considered")
    owned_hardware: str | None = Field(
        default=None, description="catalog id of hardware the team already owns (a sunk cost)"
    )
    owned_units: int | None = Field(default=None, ge=0, le=1000, description="how many of owned_hardware")
    standby_units: int | None = Field(
        default=None,
        ge=0,
        le=8,
        description="local units beyond what the load needs, kept for failover ('N+1', 'no single point of"
        " failure', 'a standby': 1)",
    )
    contract_discounts: dict[str, Annotated[float, Field(ge=0, lt=1)]] | None = Field(
        default=None,
        description="off list price on a provider's cloud prices by your contract, per company or platform"
        " (aws=0.2: 20% off list on AWS)",
    )
    powered_anyway: bool | None = Field(
        default=None,
        description="the owned hardware stays powered for other work anyway: its idle draw is paid either way,"
        " so this work adds only the draw above idle",
    )
    local_model: str | None = Field(default=None, description="catalog id of an open-weight model")
    electricity_usd_per_kwh: Usd | None = None
    amortization_months: Quantity | None = Field(default=None, gt=0, le=240)
    hours_per_day: Hours | None = None
    traffic_hours: Hours | None = Field(
        default=None, description="hours a day the requests arrive in (24; office hours = 10)"
    )
    traffic_start_hour: Hours | None = Field(
        default=None, description="hour of the day the traffic window opens (9 = 09:00; 22 runs past midnight)"
    )
    traffic_days_per_week: Quantity | None = Field(
        default=None, ge=1, le=7, description="days a week the requests arrive on (7; weekdays = 5)"
    )
    serving_engine: str | None = Field(default=None, description="llama.cpp (Ollama; default) or vllm")
    streams: int | None = Field(default=None, ge=1, le=256, description="parallel streams per box (engine default)")
    kv_cache_type: str | None = Field(
        default=None, description="the local server's KV cache type: f16 (default), q8_0, q4_0 (llama.cpp), fp8 (vllm)"
    )
    max_utilization: Share | None = Field(
        default=None, gt=0, description="how busy a unit may be at the busy hour; the rest is headroom (0.8)"
    )
    latency_seconds: Seconds | None = Field(
        default=None, description="a whole answer must arrive within this many seconds (a latency need)"
    )
    first_token_seconds: Seconds | None = Field(
        default=None, description="the first token must arrive within this many seconds ('interactive')"
    )
    horizon_months: Quantity | None = Field(default=None, gt=0, le=240)
    setup_hours: Usd | None = None
    hourly_rate_usd: Usd | None = None
    maintenance_hours_per_month: Usd | None = None
    budget_usd_per_month: Usd | None = None
    offline_required: bool | None = None
    peak_requests_per_hour: Quantity | None = Field(
        default=None, ge=0, description="requests in the busiest hour, when stated beside the average (for capacity)"
    )
    peak_factor: Quantity | None = Field(
        default=None,
        ge=1,
        le=100,
        description="the busiest hour's rate as a multiple of the traffic window's average ('the peak is 2× the"
        " average': 2), when no peak rate is stated",
    )
    planned_requests_per_day: Tokens | None = Field(
        default=None, description="a future volume stated beside today's: offered as a what-if, never used as today's"
    )
    current_spend_usd_per_month: Usd | None = Field(
        default=None, description="what the team pays today for LLM APIs or subscriptions: a baseline, never a volume"
    )

    _not_empty = field_validator("*", mode="before")(refuse_empty)

    @field_validator("contract", mode="before")
    @classmethod
    def _contract_from_text(cls, value: object) -> object:
        """``aws, anthropic`` (as typed on a command line) → a list; an empty one is no contract."""
        if isinstance(value, str):
            value = [part.strip() for part in value.replace(";", ",").split(",")]
        if isinstance(value, list):
            value = [str(part).strip().lower() for part in value if str(part).strip()]
            return value or None
        return value

    @field_validator("contract_discounts", mode="before")
    @classmethod
    def _discounts_from_text(cls, value: object) -> object:
        """``aws=20%, anthropic=0.1`` (as typed on a command line or after /set) → {company: share off}."""
        if isinstance(value, str):
            pairs = [part.split("=", 1) for part in value.replace(";", ",").split(",") if part.strip()]
            if any(len(pair) != 2 for pair in pairs):
                raise ValueError("write company-or-platform=share off list, e.g. aws=20%,anthropic=0.1")
            value = {key.strip(): share.strip() for key, share in pairs}
        if isinstance(value, dict):
            value = {str(k).strip().lower(): _share_off(v) for k, v in value.items()}
            return value or None
        return value

    @field_validator("region", mode="before")
    @classmethod
    def _region_text(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("price_factors", mode="before")
    @classmethod
    def _factors_from_text(cls, value: object) -> object:
        """``openai=0.8, claude-haiku-4-5=1.1`` (as typed on a command line) → a dict."""
        if not isinstance(value, str):
            return value
        pairs = [part.split("=", 1) for part in value.replace(";", ",").split(",") if part.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise ValueError("write provider-or-model=factor, e.g. openai=0.8,claude-haiku-4-5=1.1")
        return {key.strip(): factor.strip() for key, factor in pairs}


def _share_off(value: object) -> object:
    """'20%' → 0.2; a number over 1 is a percentage (20 → 0.2); anything else as given (pydantic checks it)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(text.removesuffix("%")) / 100 if text.endswith("%") else _share_off(float(text))
        except ValueError:
            return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 100:
        return value / 100
    return value


class ResolvedProfile(BaseModel):
    """A profile with every figure the tools need, and the list of defaults that filled it."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    monthly_input_tokens: float
    monthly_output_tokens: float
    input_tokens_per_request: float | None
    output_tokens_per_request: float | None
    requests_per_day: float | None
    cached_input_share: float
    cache_write_share: float | None = None  # None: not given (no cache writes priced), as before the field
    cache_write_1h_share: float | None = None
    batch_share: float
    cloud_price_factor: float
    price_factors: dict[str, float]
    privacy: Privacy
    data_boundary: DataBoundary
    boundary_assumed: bool = False  # regulated data with no boundary stated: on-site until the user says
    contract: list[str] = []
    agreement: Agreement = "dpa"
    zero_retention: bool = False
    region: str | None = None
    frontier_share: float
    routine_tier: Tier
    hard_tier: Tier
    cloud_model: str | None
    hardware: str | None
    owned_hardware: str | None
    owned_units: int
    powered_anyway: bool = False  # the owned units' idle draw is paid either way: only the draw above it counts
    standby_units: int = 0  # local units beyond the load's, for failover (N+1)
    contract_discounts: dict[str, float] = {}  # company or platform → share off its list prices
    local_model: str | None
    electricity_usd_per_kwh: float
    amortization_months: float
    hours_per_day: float
    traffic_hours: float
    traffic_start_hour: float | None = None  # None: not given (where the window lies does not matter alone)
    traffic_days_per_week: float = 7.0  # the month's requests arrive on this many days a week
    serving_engine: str
    serving_engine_given: bool = True  # False: the default, and a server runs its own (vLLM)
    streams: int | None
    max_utilization: float = 0.8
    kv_cache_type: str | None = None
    latency_seconds: float | None = None
    first_token_seconds: float | None = None
    horizon_months: float
    setup_hours: float
    hourly_rate_usd: float
    maintenance_hours_per_month: float
    budget_usd_per_month: float | None
    offline_required: bool
    peak_requests_per_hour: float | None = None
    peak_factor: float | None = None
    planned_requests_per_day: float | None = None
    current_spend_usd_per_month: float | None = None
    assumptions: list[str]

    @property
    def monthly_tokens(self) -> float:
        return self.monthly_input_tokens + self.monthly_output_tokens

    @property
    def tokens_per_request(self) -> float | None:
        if self.input_tokens_per_request is None:
            return None
        return self.input_tokens_per_request + (self.output_tokens_per_request or 0)


class MissingVolume(ValueError):
    """The profile has no volume at all: nothing can be priced without one."""


_DEFAULTS: dict[str, tuple[object, str]] = {
    "cached_input_share": (0.0, "no prompt caching (cached input share 0%)"),
    "batch_share": (0.0, "no traffic through batch APIs"),
    "cloud_price_factor": (1.0, ""),
    "price_factors": ({}, ""),
    "privacy": (d.PRIVACY, "privacy: internal (no personal or regulated data)"),
    "frontier_share": (
        d.FRONTIER_SHARE,
        f"{d.FRONTIER_SHARE:.0%} of traffic needs a frontier model (the hardest turns)",
    ),
    "routine_tier": (d.ROUTINE_TIER, f"routine work needs a {d.ROUTINE_TIER}-tier model"),
    "hard_tier": (d.HARD_TIER, f"the hard share needs a {d.HARD_TIER}-tier model"),
    "electricity_usd_per_kwh": (
        d.ELECTRICITY_USD_PER_KWH,
        f"electricity at ${d.ELECTRICITY_USD_PER_KWH:.2f}/kWh (US average)",
    ),
    "amortization_months": (d.AMORTIZATION_MONTHS, f"{d.AMORTIZATION_MONTHS}-month amortisation"),
    "hours_per_day": (d.HOURS_PER_DAY, "local hardware powered 24 h a day"),
    "traffic_hours": (d.TRAFFIC_HOURS, "requests arrive around the clock (24 h traffic window)"),
    "serving_engine": (
        d.SERVING_ENGINE,
        f"local boxes serve with {d.SERVING_ENGINE} (as Ollama does), {d.SERVING_STREAMS} parallel slots;"
        " GPU servers with vLLM, batching as many streams as memory holds",
    ),
    "max_utilization": (
        d.MAX_UTILIZATION,
        f"local units sized to be at most {d.MAX_UTILIZATION:.0%} busy at the busy hour (headroom for bursts)",
    ),
    "horizon_months": (d.HORIZON_MONTHS, f"costs compared over {d.HORIZON_MONTHS} months"),
    "setup_hours": (d.SETUP_HOURS, "0 setup hours"),
    "hourly_rate_usd": (d.HOURLY_RATE_USD, f"engineering time at ${d.HOURLY_RATE_USD:.0f}/h"),
    "maintenance_hours_per_month": (d.MAINTENANCE_HOURS_PER_MONTH, "0 h a month of maintenance"),
    "offline_required": (False, "no requirement to run offline"),
}

# Data that stays on site (regulated data with no boundary stated, or an on-site boundary) reaches no
# frontier API, so its hard share is not assumed to need one: assuming 10% would put every option in
# conflict with a constraint the user never stated.
_REGULATED_DEFAULTS: dict[str, tuple[object, str]] = {
    "frontier_share": (
        0.0,
        "no share of the traffic needs a frontier API model (the data stays on your own hardware; set"
        " frontier_share if some work may leave it and needs one)",
    ),
}
# Regulated data a provider's BAA/DPA or a region would let out: an assumed share still sends none of
# it to a cloud model (the 10% default once put PHI on a global inference profile unasked).
_REGULATED_OUT_DEFAULTS: dict[str, tuple[object, str]] = {
    "frontier_share": (
        0.0,
        "no share of the regulated data is sent to a frontier API model on an assumption (a cloud part"
        " would go under your BAA/DPA or region; set frontier_share if some work needs one)",
    ),
}


def _stays_home(profile: WorkloadProfile) -> bool:
    """On-site by statement, or by default for regulated data with no boundary, contract or region."""
    if profile.data_boundary is not None:
        return profile.data_boundary == "on_site"
    return profile.privacy == "regulated" and not profile.contract and not profile.region


def _hard_share_defaults(profile: WorkloadProfile) -> dict[str, tuple[object, str]]:
    """The frontier share's default where the data may not go out on an assumption: none, said aloud."""
    if _stays_home(profile):
        return _REGULATED_DEFAULTS
    if profile.privacy == "regulated" and profile.data_boundary != "any":
        return _REGULATED_OUT_DEFAULTS
    return {}


def frontier_share_default(profile: WorkloadProfile) -> tuple[float, str]:
    """The share of the traffic assumed to need a frontier model when the user does not say (or says
    "don't know"), and the words that state it: none for data that may not go out on an assumption."""
    value, words = (_DEFAULTS | _hard_share_defaults(profile))["frontier_share"]
    return float(value), words  # type: ignore[arg-type]


def resolve(profile: WorkloadProfile) -> ResolvedProfile:
    """Fill every missing field from a stated default; raise MissingVolume when volume is absent."""
    assumptions: list[str] = []
    values = profile.model_dump()
    values["serving_engine_given"] = profile.serving_engine is not None
    defaults = _DEFAULTS | _hard_share_defaults(profile)
    for field, (default, words) in defaults.items():
        if values[field] is None:
            values[field] = default
            if words:
                assumptions.append(words)
    values["standby_units"] = profile.standby_units or 0
    values["contract_discounts"] = profile.contract_discounts or {}
    if values["traffic_days_per_week"] is None:
        values["traffic_days_per_week"] = 7.0  # "requests a day" are every day's: no assumption to state
    _fill_boundary(profile, values, assumptions)
    values["owned_hardware"] = profile.owned_hardware or (profile.hardware if profile.owned_units else None)
    if values["owned_hardware"] is None:
        values["owned_units"] = 0
    elif profile.owned_units is None:
        values["owned_units"] = 1
        assumptions.append(f"one {values['owned_hardware']} already owned (no count given)")
    if values["owned_hardware"] is None or profile.powered_anyway is None:
        values["powered_anyway"] = False
    if values["owned_hardware"] is not None and profile.powered_anyway is None:
        assumptions.append(
            f"the {values['owned_hardware']} you own is switched off when this work does not run on it, so its idle"
            " draw counts (`/set powered_anyway yes` if it stays on anyway)"
        )

    per_day = profile.requests_per_day
    tin, tout = profile.input_tokens_per_request, profile.output_tokens_per_request
    monthly_in, monthly_out = profile.monthly_input_tokens, profile.monthly_output_tokens
    if monthly_in is None and per_day is not None and tin is not None:
        monthly_in = per_day * tin * d.DAYS_PER_MONTH
    if monthly_out is None and per_day is not None and tout is not None:
        monthly_out = per_day * tout * d.DAYS_PER_MONTH
    if monthly_in is None and monthly_out is None:
        raise MissingVolume(
            "volume: not given; say e.g. '5,000 requests a day at 2K tokens in, 300 out' or '300M tokens a month'"
        )
    if monthly_out is None:
        monthly_out = 0.0
        assumptions.append("no output tokens (none given)")
    if monthly_in is None:
        monthly_in = 0.0
        assumptions.append("no input tokens (none given)")
    _fit_cache_writes(values, assumptions)
    values.update(
        monthly_input_tokens=monthly_in,
        monthly_output_tokens=monthly_out,
        assumptions=assumptions,
    )
    return ResolvedProfile.model_validate(values)


class BoundaryFields(BaseModel):
    """Where the data may go, resolved as `resolve` resolves it — for callers with no volume yet
    (the advisor's own Claude call checks its route against it)."""

    privacy: Privacy | None
    data_boundary: DataBoundary
    boundary_assumed: bool = False
    contract: list[str] = []
    agreement: Agreement = "dpa"
    zero_retention: bool = False
    region: str | None = None


def resolve_boundary(profile: WorkloadProfile) -> BoundaryFields:
    fields = {"privacy", "data_boundary", "contract", "agreement", "zero_retention", "region"}
    values = profile.model_dump(include=fields)
    _fill_boundary(profile, values, [])
    return BoundaryFields.model_validate(values)


def _fill_boundary(profile: WorkloadProfile, values: dict, assumptions: list[str]) -> None:
    """Where the data may go: as stated; else from a contract or region given; else on-site for
    regulated data (the safe default, said aloud) and anywhere for the rest."""
    values["contract"] = profile.contract or []
    values["zero_retention"] = bool(profile.zero_retention)
    if values["data_boundary"] is None:
        if profile.contract:
            values["data_boundary"] = "contract"
        elif profile.region:
            values["data_boundary"] = "region"
        elif values["privacy"] == "regulated":
            values["data_boundary"] = "on_site"
            values["boundary_assumed"] = True
            assumptions.append(
                "regulated data stays on your own hardware until you name a boundary (a cloud provider you"
                " have a BAA/DPA with, a region, or none at all)"
            )
        else:
            values["data_boundary"] = "any"
    if values["agreement"] is None:
        values["agreement"] = "dpa"
        if values["data_boundary"] == "contract" and profile.contract:
            assumptions.append(
                "the contract is read as a data-processing agreement (DPA) covering the company's services;"
                " say 'BAA' (or set agreement baa) for a HIPAA business associate agreement"
            )


def _fit_cache_writes(values: dict, assumptions: list[str]) -> None:
    """Cache reads and writes are parts of the input: where the shares add up to more than all of
    it, the writes are scaled down to what the reads leave, and the assumptions say so."""
    short, extended = values["cache_write_share"] or 0.0, values["cache_write_1h_share"] or 0.0
    room = 1.0 - values["cached_input_share"]
    if short + extended <= room + 1e-3:  # shares rounded to 4 places may overlap a hair
        if short or extended:
            assumptions.append(_written_words(short, extended))
        return
    scale = room / (short + extended)
    for field in ("cache_write_share", "cache_write_1h_share"):
        if values[field] is not None:
            values[field] *= scale
    assumptions.append(_written_words(short * scale, extended * scale))
    assumptions.append(
        f"cache writes scaled to {room:.0%} of input: with {values['cached_input_share']:.0%} read from the cache,"
        f" the {short + extended:.0%} written cannot all be input as well"
    )


def _written_words(short: float, extended: float) -> str:
    parts = [f"{short:.0%} for the standard 5 min / 30 min"] if short else []
    parts += [f"{extended:.0%} for the extended 1 h / 12 h"] if extended else []
    return (
        f"{short + extended:.0%} of input written to the prompt cache ({', '.join(parts)}),"
        " billed at each provider's cache-write price where it has one"
    )
