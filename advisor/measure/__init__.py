"""Measure, don't ask: the workload read from a team's own usage records (Claude Code session logs,
an `llm` logs.db, a provider's CSV export), reduced to aggregates as the records stream past.

Nothing here keeps a record after counting it, and nothing here opens a connection."""
