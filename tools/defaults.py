"""The stated defaults of the cost model. Every one that a result uses is named in its assumptions."""

DAYS_PER_MONTH = 30
BUSINESS_DAYS_PER_WEEK = 5  # "per business day" / "per weekday" rates: 5 working days in a 7-day week
AMORTIZATION_MONTHS = 36
HORIZON_MONTHS = 36
ELECTRICITY_USD_PER_KWH = 0.16
HOURLY_RATE_USD = 75.0
SETUP_HOURS = 0.0
MAINTENANCE_HOURS_PER_MONTH = 0.0
HOURS_PER_DAY = 24.0
MEMORY_OVERHEAD_GB = 1.5
KV_CACHE_BYTES = 2  # fp16 cache
DEFAULT_QUANT = "Q4_K_M"
DEFAULT_CONTEXT_TOKENS = 8192
ROUTINE_TIER = "strong"
HARD_TIER = "frontier"
FRONTIER_SHARE = 0.10
PRIVACY = "internal"
SERVING_ENGINE = "llama.cpp"  # Ollama and llama-server run on it
SERVING_STREAMS = 4  # llama.cpp / Ollama parallel slots
TRAFFIC_HOURS = 24.0  # the hours a day the requests arrive in ("office hours" = 10)
TENSOR_PARALLEL_EFFICIENCY = 0.85  # share of linear scaling left after communication
PREFILL_DECODE_RATIO_UNMODELLED = 10  # prefill/decode when a box's FLOPS are unknown (Apple Q4: ~10)
MAX_UTILIZATION = 0.8  # a unit sized for the busy hour keeps a fifth of its time free: queues stay short
MAX_UNITS = 8  # beyond this many boxes (desktops, cards) an option is a data centre, not a purchase
MAX_SERVERS = 64  # rack servers run as a fleet behind a load balancer; past this, a data-centre project
