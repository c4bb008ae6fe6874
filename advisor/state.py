"""The session's state: the profile the interview fills, which fields the user gave, which the user
declined, the questions waiting for an answer (a Choice: a question with options), the last usage
import's measurement, the last Claude memo. Plain data; the agent changes
it, the store keeps it whole (one JSON document a session), the UI shows it.

To add a field: give it a default. A state saved before the field existed then still loads, and
nothing else (store, migration, session) needs to change."""

from __future__ import annotations

import secrets
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import UsageError
from advisor.measure.measured import Measured
from advisor.tools.profile import WorkloadProfile
from advisor.tools.workloads import MAX_WORKLOADS, TEAM_FIELDS, combined, team_part, workload_part

FIRST_WORKLOAD = "workload 1"  # the name of a session's first workload until the user names it

ANSWERS_ALLOWED = 2  # the answer right after the question, and one more (after a reminder)


class Option(BaseModel):
    label: str = Field(description="what picking it means, as shown ('llama-4-scout on your own hardware')")
    changes: dict[str, Any] = Field(default_factory=dict, description="the profile fields picking it sets")
    side: str | None = Field(default=None, description="'cloud' or 'local': the words for that side pick it")
    names: list[str] = Field(default_factory=list, description="words that pick it ('opus', 'claude-opus-4-5')")


class Choice(BaseModel):
    """One question the reader asked with options, waiting for an answer."""

    question: str
    fields: list[str] = Field(description="the profile fields it is about: an answer giving one drops it")
    options: list[Option]
    answers_left: int = ANSWERS_ALLOWED
    per: str = Field(default="", description="what the figure asked about is per ('store', 'shift'): a count answers")
    each: float | None = Field(default=None, description="the figure for one of ``per``, times the count answered")
    among: list[Choice] = Field(
        default_factory=list,
        description="for 'which question does 2 answer?': the choices its options come from, one each; "
        "the ones not picked open again",
    )

    def shown(self) -> str:
        """The options as the question shows them: '1) … or 2) …'."""
        return " or ".join(f"{i}) {o.label}" for i, o in enumerate(self.options, 1))

    def reminder(self) -> str:
        return f"still open from before — {self.shown()}?"


class Shown(BaseModel):
    """What the answers have shown of the recommendation so far: the next answer says only what
    changed since (the pick, its figures, a new warning, a new or changed assumption)."""

    option_id: str | None = None
    label: str = ""
    deployment: str | None = None
    monthly_usd: float | None = None
    horizon_usd: float | None = None
    runner_up: str | None = None  # the best option of another kind, as last shown
    assumptions: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class BillHold(BaseModel):
    """A Claude response whose reported usage is beyond what the advisor sent and allowed: recorded
    in the ledger as reported, and the session's Claude calls wait until the user confirms it."""

    model: str
    input_tokens: int  # as the response reported them
    output_tokens: int
    usd: float  # what the ledger recorded for them
    most_input_tokens: int  # the most the request sent could be (one token a byte, and the framing)
    max_output_tokens: int  # what the call allowed (max_tokens)


class FigureFor(BaseModel):
    """A volume said with a new work noun while the workload in use has one ("15,000 conversations a
    month" after "500 a day"): which workload it is for was asked; the next answer picks by number."""

    text: str  # the message it was said in, read again into the workload picked
    options: list[str]  # the workloads offered, the last one new
    new: str  # the name the new one takes


class ParkedWorkload(BaseModel):
    """A workload not being discussed: its own profile fields and what the interview knows of them
    (the team's fields stay with the session, shared)."""

    model_config = ConfigDict(extra="ignore")

    name: str
    key: str = ""  # what tells it apart when two processes merge (kept through renames; "": its name)
    profile: WorkloadProfile = Field(default_factory=WorkloadProfile)  # its own fields only
    given: list[str] = Field(default_factory=list)
    sources: dict[str, str] = Field(default_factory=dict)  # how each of its fields was given
    bases: dict[str, dict[str, Any]] = Field(default_factory=dict)  # what its read values were worked from
    declined: list[str] = Field(default_factory=list)
    asked_count: dict[str, int] = Field(default_factory=dict)
    measured: Measured | None = None
    shown: Shown = Field(default_factory=Shown)  # what its answers last showed


class WorkloadError(UsageError):
    """A workload command that cannot be done: one line saying why and what to do."""


def same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _team_only(fields: list[str]) -> list[str]:
    return [f for f in fields if f in TEAM_FIELDS]


def _own_only(fields: list[str]) -> list[str]:
    return [f for f in fields if f not in TEAM_FIELDS]


class SessionState(BaseModel):
    model_config = ConfigDict(extra="ignore")  # a field dropped later does not break old sessions

    profile: WorkloadProfile = Field(default_factory=WorkloadProfile)
    given: list[str] = Field(default_factory=list)  # fields the user stated (vs assumed)
    # How each field got its value: set (/set), answered (an answer to a direct question, a pick, a
    # correction), read (in passing), measured (a usage import) or assumed (a default taken on the
    # user's word, e.g. "don't know"). A field given before this existed counts as read.
    sources: dict[str, str] = Field(default_factory=dict)
    bases: dict[str, dict[str, Any]] = Field(default_factory=dict)  # the figures a read value was worked from
    asked: str | None = None  # the pending question: the field the last question asked about
    declined: list[str] = Field(default_factory=list)  # fields the user said "none" to: not asked again
    memo: str | None = None  # the last Claude memo, for the report
    measured: Measured | None = None  # the last usage import's aggregates (`advisor import`, /import)
    asked_count: dict[str, int] = Field(default_factory=dict)  # times each question was asked (never a third)
    unread: list[str] = Field(default_factory=list)  # the last answer's numbers no reading used
    open_choices: list[Choice] = Field(default_factory=list)  # questions with options the next answer may pick
    shown: Shown = Field(default_factory=Shown)  # what the answers have shown: the next says what changed
    lang: str | None = None  # the language the user writes in (config.LANGUAGES), as their messages show it
    currency: str | None = None  # the currency they give amounts in (EUR, GBP): the figures are shown in it
    # Several workloads: ``profile`` (and given, declined, …) is the one being discussed, with the team's
    # fields; the others wait in ``parked``. ``names``: every workload in the order they were added
    # (empty: one workload, as a session saved before workloads existed loads).
    workload: str = FIRST_WORKLOAD
    workload_key: str = ""  # the key of the workload in use (ParkedWorkload.key)
    parked: list[ParkedWorkload] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    bill_hold: BillHold | None = None  # a Claude bill beyond what was sent: no Claude call until confirmed
    figure_for: FigureFor | None = None  # a volume whose workload was asked (1) this one or 2) a new one?)

    def apply(self, changes: dict[str, Any], how: str | dict[str, str] = "read") -> dict[str, list[Any]]:
        """Set fields (validated by the profile model), recording ``how`` each was given (one word for
        all, or per field); the [old, new] of each that changed."""
        diff: dict[str, list[Any]] = {}
        for field, value in changes.items():
            old = getattr(self.profile, field)
            setattr(self.profile, field, value)
            new = getattr(self.profile, field)
            source = how if isinstance(how, str) else how.get(field, "read")
            if value is None:
                self.sources.pop(field, None)
            else:
                self.sources[field] = source
            self.bases.pop(field, None)  # a value given anew: what the old one was worked from no longer holds
            if source == "assumed" or value is None:
                if field in self.given:
                    self.given.remove(field)
            elif field not in self.given:
                self.given.append(field)
            if value is not None:  # settled another way (a value taken back while asked settles nothing)
                self.open_choices = [c for c in self.open_choices if field not in c.fields]
            if old != new:
                diff[field] = [old, new]
        return diff

    def apply_measured(self, measured: Measured) -> dict[str, list[Any]]:
        """Make an import's figures the profile's measured values (they replace what the user
        typed for those fields); the [old, new] of each that changed. A later /set of one of them
        makes it given again."""
        diff: dict[str, list[Any]] = {}
        for field, value in measured.profile_fields().items():
            old = getattr(self.profile, field)
            setattr(self.profile, field, value)
            if field in self.given:
                self.given.remove(field)
            self.sources[field] = "measured"
            if old != getattr(self.profile, field):
                diff[field] = [old, getattr(self.profile, field)]
        self.measured = measured
        return diff

    def measured_fields(self) -> list[str]:
        """The profile fields that still hold the import's measured value."""
        if self.measured is None:
            return []
        return [
            field
            for field, value in self.measured.profile_fields().items()
            if field not in self.given and getattr(self.profile, field) == value
        ]

    def source(self, field: str) -> str | None:
        """How ``field`` got its value (None: it has none). A session saved before sources were kept
        says "read" for what the user gave."""
        if getattr(self.profile, field, None) is None:
            return None
        if field in self.sources:
            return self.sources[field]
        return "measured" if field in self.measured_fields() else "read" if field in self.given else None

    def all_sources(self) -> dict[str, str]:
        return {f: s for f in type(self.profile).model_fields if (s := self.source(f)) is not None}

    def has_volume(self) -> bool:
        return profile_has_volume(self.profile)

    # ---- several workloads ---------------------------------------------------------------------
    def workload_names(self) -> list[str]:
        return list(self.names) or [self.workload]

    def find_workload(self, name: str) -> str | None:
        """The workload called ``name`` (case and spacing aside), or None."""
        return next((n for n in self.workload_names() if same_name(n, name)), None)

    def _named(self, name: str) -> str:
        found = self.find_workload(name)
        if found is None:
            raise WorkloadError(f"workload: no {name!r}; the workloads are {', '.join(self.workload_names())}")
        return found

    def _park(self) -> ParkedWorkload:
        """The workload being discussed, as it waits while another is."""
        return ParkedWorkload(
            name=self.workload,
            key=self.workload_key or self.workload,
            profile=WorkloadProfile.model_validate(workload_part(self.profile)),
            given=_own_only(self.given),
            sources={f: how for f, how in self.sources.items() if f not in TEAM_FIELDS},
            bases={f: b for f, b in self.bases.items() if f not in TEAM_FIELDS},
            declined=_own_only(self.declined),
            asked_count={f: n for f, n in self.asked_count.items() if f not in TEAM_FIELDS},
            measured=self.measured,
            shown=self.shown,
        )

    def _take_up(self, parked: ParkedWorkload) -> None:
        """Discuss ``parked``: its fields with the team's; the question pending was the other's."""
        self._restore(parked)
        self.asked, self.open_choices, self.unread = None, [], []

    def _restore(self, parked: ParkedWorkload) -> None:
        """``parked``'s fields, interview state and name, as the workload in use (with the team's)."""
        self.profile = combined(self.profile, parked.profile)
        self.given = _team_only(self.given) + [f for f in parked.given if f not in TEAM_FIELDS]
        self.sources = {f: how for f, how in self.sources.items() if f in TEAM_FIELDS} | {
            f: how for f, how in parked.sources.items() if f not in TEAM_FIELDS
        }
        self.bases = {f: b for f, b in self.bases.items() if f in TEAM_FIELDS} | {
            f: b for f, b in parked.bases.items() if f not in TEAM_FIELDS
        }
        self.declined = _team_only(self.declined) + [f for f in parked.declined if f not in TEAM_FIELDS]
        self.asked_count = {f: n for f, n in self.asked_count.items() if f in TEAM_FIELDS} | {
            f: n for f, n in parked.asked_count.items() if f not in TEAM_FIELDS
        }
        self.measured, self.shown = parked.measured, parked.shown
        self.workload, self.workload_key = parked.name, parked.key or parked.name

    def add_workload(self, name: str) -> str:
        """A new workload, empty but for the team's settings, now the one discussed."""
        name = " ".join(name.split())
        if not name:
            raise WorkloadError("workload: give it a name, e.g. /workload add essay grading")
        if len(name) > 60:
            raise WorkloadError(f"workload: {name[:40]!r}… is too long a name (60 characters at most)")
        if self.find_workload(name) is not None:
            raise WorkloadError(f"workload: {name!r} exists already; /workload use {name} discusses it")
        if len(self.workload_names()) >= MAX_WORKLOADS:
            raise WorkloadError(f"workload: {MAX_WORKLOADS} workloads at most in one session; drop one first")
        names = self.workload_names()
        if len(names) == 1:
            self._window_hours_are_its_own()
        self.parked.append(self._park())
        self._take_up(ParkedWorkload(name=name, key=secrets.token_hex(4)))
        self.names = [*names, name]
        return name

    def _window_hours_are_its_own(self) -> None:
        """A window's words ('from 9 to 5') are also read as the hours a day a box is powered, a team
        setting; when a second workload comes, they are the first one's window alone (the shared
        boxes serve the others' hours too)."""
        p = self.profile
        if p.hours_per_day is not None and p.traffic_start_hour is not None and p.hours_per_day == p.traffic_hours:
            p.hours_per_day = None
            self.given = [f for f in self.given if f != "hours_per_day"]

    def select_workload(self, name: str) -> str:
        """`ask --workload NAME`: discuss it; a new name is added — or names the session's first
        workload while that is still empty and unnamed. Says which it did."""
        found = self.find_workload(name)
        if found is not None:
            self.use_workload(found)
            return f"workload {found!r}"
        if self.workload_names() == [FIRST_WORKLOAD] and not workload_part(self.profile) and self.measured is None:
            return f"workload {self.rename_workload(FIRST_WORKLOAD, name)!r} (named)"
        return f"workload {self.add_workload(name)!r} (new)"

    def use_workload(self, name: str) -> str:
        """Discuss the workload called ``name`` (the one discussed now waits)."""
        target = self._named(name)
        if target == self.workload:
            return target
        parked = next(p for p in self.parked if p.name == target)
        self.parked = [p for p in self.parked if p.name != target] + [self._park()]
        self._take_up(parked)
        return target

    def rename_workload(self, old: str, new: str) -> str:
        old = self._named(old)
        new = " ".join(new.split())
        if not new or len(new) > 60:
            raise WorkloadError("workload: give a name of 1 to 60 characters")
        clash = self.find_workload(new)
        if clash is not None and clash != old:
            raise WorkloadError(f"workload: {clash!r} exists already")
        self.names = [new if n == old else n for n in self.workload_names()]
        if self.workload == old:  # its key stays what it was, so a merge knows it by its old key
            self.workload, self.workload_key = new, self.workload_key or old
        for p in self.parked:
            if p.name == old:
                p.name, p.key = new, p.key or old
        return new

    def drop_workload(self, name: str) -> str:
        """Remove a workload; dropping the one discussed moves to the first other. The last stays."""
        target = self._named(name)
        names = self.workload_names()
        if len(names) == 1:
            raise WorkloadError(f"workload: {target!r} is the only one; /reset starts afresh")
        if target == self.workload:
            self.use_workload(next(n for n in names if n != target))
        self.parked = [p for p in self.parked if p.name != target]
        self.names = [n for n in names if n != target]
        return target

    def normalised(self) -> dict[str, Any]:
        """The state as JSON with every workload keyed by its name (the one in use too) and the team's
        fields apart: two versions saved by two processes merge workload by workload, whichever each
        had in use (Session.save)."""
        data = self.model_dump(mode="json")
        data["profile"] = {f: v for f, v in data["profile"].items() if f in TEAM_FIELDS}
        data["given"], data["declined"] = _team_only(self.given), _team_only(self.declined)
        data["asked_count"] = {f: n for f, n in self.asked_count.items() if f in TEAM_FIELDS}
        data["measured"], data["shown"] = None, Shown().model_dump(mode="json")
        everyone = [*self.parked, self._park()]
        data["parked"] = {p.key or p.name: p.model_dump(mode="json") for p in everyone}
        data["workload_key"] = self.workload_key or self.workload
        data["names"] = self.workload_names()
        return data

    @classmethod
    def from_normalised(cls, data: dict[str, Any]) -> SessionState:
        """The state ``normalised`` gave (or a merge of several), with its workload in use taken up."""
        data = dict(data)
        parked = {key: ParkedWorkload.model_validate({**p, "key": key}) for key, p in data.pop("parked").items()}
        current = parked.pop(data.get("workload_key") or data.get("workload") or FIRST_WORKLOAD, None)
        if current is None:  # the one in use was dropped by the other side: the first that is left
            current = parked.pop(next(iter(parked))) if parked else ParkedWorkload(name=FIRST_WORKLOAD)
        present = [current.name, *(p.name for p in parked.values())]
        names = [n for n in dict.fromkeys(data.get("names", [])) if n in present]
        names += [n for n in present if n not in names]
        state = cls.model_validate({**data, "parked": list(parked.values()), "names": names if len(names) > 1 else []})
        state._restore(current)
        return state

    def workload_profiles(self) -> list[tuple[str, WorkloadProfile]]:
        """Every workload's whole profile (its own fields and the team's), in the order added."""
        team = team_part(self.profile)
        parked = {p.name: p for p in self.parked}
        out = []
        for name in self.workload_names():
            profile = self.profile if name == self.workload else combined(team, parked[name].profile)
            out.append((name, profile))
        return out

    def workload_state(self, name: str) -> SessionState:
        """One workload's state as a one-workload session would hold it (for reports and panels)."""
        name = self._named(name)
        if name == self.workload:
            return self
        parked = next(p for p in self.parked if p.name == name)
        view = SessionState(profile=self.profile.model_copy(), given=list(self.given), declined=list(self.declined))
        view._take_up(parked)
        return view


def profile_has_volume(p: WorkloadProfile) -> bool:
    return (
        p.monthly_input_tokens is not None
        or p.monthly_output_tokens is not None
        or (p.requests_per_day is not None and p.input_tokens_per_request is not None)
    )
