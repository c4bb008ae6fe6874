"""The deterministic interview: reading free-text answers into the workload profile, choosing the
next question, and reading what-if questions. Works with no language model at all."""

from advisor.interview.fields import resolve_id_field
from advisor.interview.questions import Question, next_question
from advisor.interview.reader import Reading, read_answer
from advisor.interview.whatif import WhatIf, read_whatif

__all__ = ["Question", "Reading", "WhatIf", "next_question", "read_answer", "read_whatif", "resolve_id_field"]
