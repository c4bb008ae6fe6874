"""The stated defaults of the cost model. Every one that a result uses is named in its assumptions."""

DAYS_PER_MONTH = 30
AMORTIZATION_MONTHS = 36
HORIZON_MONTHS = 36
ELECTRICITY_USD_PER_KWH = 0.16
HOURLY_RATE_USD = 75.0
SETUP_HOURS = 0.0
MAINTENANCE_HOURS_PER_MONTH = 0.0
HOURS_PER_DAY = 24.0
BANDWIDTH_EFFICIENCY = 0.6
BANDWIDTH_EFFICIENCY_RANGE = (0.5, 0.8)
MEMORY_OVERHEAD_GB = 1.5
KV_CACHE_BYTES = 2  # fp16 cache
DEFAULT_QUANT = "Q4_K_M"
DEFAULT_CONTEXT_TOKENS = 8192
ROUTINE_TIER = "strong"
HARD_TIER = "frontier"
FRONTIER_SHARE = 0.10
PRIVACY = "internal"
CLOSE_MARGIN = 0.15  # options within 15% of each other are "close"
PREFILL_SPEEDUP = 10  # input (prefill) tokens take ~1/10 of an output token's decode time
MAX_UNITS = 8  # beyond this many boxes an option is a data centre, not a purchase
