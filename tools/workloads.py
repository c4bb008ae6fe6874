"""Several workloads and the team they belong to: which profile fields are the team's (shared by every
workload: electricity, hardware owned, amortisation, horizon, rates, the serving box), a named
workload's own fields, and the workloads file `advisor calc compare --workloads` reads (TOML or JSON).

The plan over them is ``plan.py``; this module only says what a workload is and reads one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from advisor.tools.base import ToolError, short
from advisor.tools.profile import WorkloadProfile
from advisor.tools.tomlfile import TomlFileError, read_toml

# The profile fields a team holds once for all its workloads; every other field is a workload's own.
TEAM_FIELDS: tuple[str, ...] = (
    "electricity_usd_per_kwh",
    "amortization_months",
    "horizon_months",
    "hours_per_day",
    "setup_hours",
    "hourly_rate_usd",
    "maintenance_hours_per_month",
    "budget_usd_per_month",
    "hardware",
    "owned_hardware",
    "owned_units",
    "serving_engine",
    "streams",
    "cloud_price_factor",
    "price_factors",
)
MAX_WORKLOADS = 10
Pin = Literal["cloud", "local", "hybrid"]


def workload_fields() -> list[str]:
    """The profile fields each workload has of its own."""
    return [f for f in WorkloadProfile.model_fields if f not in TEAM_FIELDS]


def team_part(profile: WorkloadProfile) -> dict[str, Any]:
    """The team's fields of ``profile`` that are set."""
    return {f: v for f, v in profile.model_dump(exclude_none=True).items() if f in TEAM_FIELDS}


def workload_part(profile: WorkloadProfile) -> dict[str, Any]:
    """The workload's own fields of ``profile`` that are set."""
    return {f: v for f, v in profile.model_dump(exclude_none=True).items() if f not in TEAM_FIELDS}


def combined(team: WorkloadProfile | dict[str, Any], workload: WorkloadProfile | dict[str, Any]) -> WorkloadProfile:
    """One workload's whole profile: its own fields and the team's."""
    team_values = team_part(team) if isinstance(team, WorkloadProfile) else team
    own = workload_part(workload) if isinstance(workload, WorkloadProfile) else workload
    return WorkloadProfile.model_validate({**own, **team_values})


_HOUR = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|h)?"
_WINDOW = re.compile(rf"^\s*{_HOUR}\s*(?:-|–|—|to|until)\s*{_HOUR}\s*$", re.IGNORECASE)


def parse_window(text: str) -> tuple[float, float]:
    """'01-06', '1am–6am', '09:00-19:00', '22-06' → (start hour, hours long); ValueError otherwise."""
    match = _WINDOW.match(str(text))
    if not match:
        raise ValueError("write the window as START-END hours, e.g. 09-19 or 1am-6am (22-06 runs past midnight)")
    start = _hour(match[1], match[2], match[3])
    end = _hour(match[4], match[5], match[6] or (match[3] if match[3] and match[3].lower() in ("am", "pm") else None))
    hours = (end - start) % 24 or 24.0
    return start, hours


def _hour(hour: str, minutes: str | None, suffix: str | None) -> float:
    value = int(hour) + (int(minutes) / 60 if minutes else 0.0)
    suffix = (suffix or "").lower()
    if suffix in ("am", "pm") and not 1 <= int(hour) <= 12:
        raise ValueError(f"{hour}{suffix} is not an hour")
    if suffix == "pm" and int(hour) != 12:
        value += 12
    elif suffix == "am" and int(hour) == 12:
        value -= 12
    if not 0 <= value <= 24 or (minutes and int(minutes) >= 60):
        raise ValueError(f"{hour}{':' + minutes if minutes else ''} is not an hour of the day")
    return value % 24


def window_words(start: float | None, hours: float) -> str:
    """'01:00–06:00', or '10 h a day' when where it lies is not known, or 'around the clock'."""
    if hours >= 24:
        return "around the clock"
    if start is None:
        return f"{hours:g} h a day"
    end = (start + hours) % 24
    return f"{_clock(start)}–{_clock(end)}"


def _clock(hour: float) -> str:
    whole = int(hour)
    return f"{whole:02d}:{round((hour - whole) * 60):02d}"


class NamedWorkload(WorkloadProfile):
    """One workload of a plan: a name and its own profile fields (never the team's)."""

    name: str = Field(min_length=1, max_length=60)
    placement: Pin | None = Field(
        default=None, description="pin the workload to cloud, local or hybrid (a what-if: 'move it to the cloud')"
    )

    @model_validator(mode="before")
    @classmethod
    def _window(cls, data: Any) -> Any:
        """``traffic_window = "01-06"`` sets where the window opens and how long it lasts."""
        if isinstance(data, dict) and "traffic_window" in data:
            data = dict(data)
            try:
                start, hours = parse_window(data.pop("traffic_window"))
            except ValueError as exc:  # named, so the file's error line says which field and value
                raise ValueError(f"traffic_window is not a window of the day: {exc}") from None
            data.setdefault("traffic_start_hour", start)
            data.setdefault("traffic_hours", hours)
        return data

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("is empty; give each workload a name")
        return value

    @model_validator(mode="after")
    def _no_team_fields(self) -> NamedWorkload:
        shared = [f for f in TEAM_FIELDS if getattr(self, f) is not None]
        if shared:
            raise ValueError(f"{shared[0]} is the team's, shared by every workload: put it under [team]")
        return self

    def profile(self) -> WorkloadProfile:
        return WorkloadProfile.model_validate(self.model_dump(exclude={"name", "placement"}, exclude_none=True))


class TeamSettings(BaseModel):
    """The team's settings: every workload shares them (hardware bought once, one electricity rate)."""

    model_config = ConfigDict(extra="forbid")

    values: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _only_team_fields(cls, data: Any) -> Any:
        if isinstance(data, TeamSettings):
            return data
        if not isinstance(data, dict):
            raise ValueError("must be a table of team settings, e.g. electricity_usd_per_kwh = 0.30")
        if "values" in data and len(data) == 1 and isinstance(data["values"], dict):
            data = data["values"]
        for name in data:
            if name in WorkloadProfile.model_fields and name not in TEAM_FIELDS:
                raise ValueError(f"{name} is a workload's own field: put it in each [[workload]] it applies to")
            if name not in TEAM_FIELDS:
                raise ValueError(f"{name} is not a team setting; they are {', '.join(TEAM_FIELDS)}")
        profile = WorkloadProfile.model_validate(data)  # the fields' own checks (ranges, units)
        return {"values": profile.model_dump(exclude_none=True)}

    def profile(self) -> WorkloadProfile:
        return WorkloadProfile.model_validate(self.values)


class PlanInput(BaseModel):
    """Several named workloads and the team's shared settings."""

    model_config = ConfigDict(extra="forbid")

    team: TeamSettings = Field(default_factory=TeamSettings)
    workloads: list[NamedWorkload] = Field(min_length=1, max_length=MAX_WORKLOADS)
    top: int = Field(default=3, ge=1, le=50, description="options to list per deployment, per workload")

    @model_validator(mode="after")
    def _names_differ(self) -> PlanInput:
        seen: set[str] = set()
        for w in self.workloads:
            if w.name.casefold() in seen:
                raise ValueError(f"two workloads are named {w.name!r}; give each its own name")
            seen.add(w.name.casefold())
        return self

    def profiles(self) -> list[tuple[str, WorkloadProfile]]:
        """Each workload's whole profile (its fields and the team's), by name, in order."""
        return [(w.name, combined(self.team.values, w.profile())) for w in self.workloads]


def plan_input(named: list[tuple[str, WorkloadProfile]], pins: dict[str, Pin] | None = None, top: int = 3) -> PlanInput:
    """The plan's input from whole profiles (a session's workloads): the team's fields from the first
    (they share them), each workload's own from itself."""
    pins = pins or {}
    return PlanInput(
        team=TeamSettings.model_validate(team_part(named[0][1])),
        workloads=[
            NamedWorkload.model_validate({"name": name, "placement": pins.get(name), **workload_part(profile)})
            for name, profile in named
        ],
        top=top,
    )


def read_workloads(path: Path, team: dict[str, Any] | None = None) -> PlanInput:
    """A workloads file (TOML: a ``[team]`` table and ``[[workload]]`` tables; JSON: the same as
    ``{"team": {...}, "workloads": [...]}``); ``team`` overrides its team settings. A ToolError
    naming the file, the entry, the field and the value when it cannot be used."""
    raw = _read(path)
    if not isinstance(raw, dict):
        raise ToolError("workloads", str(path), "must hold a team table and a list of workloads")
    entries = raw.get("workloads", raw.get("workload"))
    unknown = sorted(set(raw) - {"team", "workloads", "workload"})
    if unknown:
        raise ToolError("workloads", str(path), f"has an unknown section {unknown[0]!r}; use [team] and [[workload]]")
    if not isinstance(entries, list) or not entries:
        raise ToolError("workloads", str(path), "lists no workload; add [[workload]] tables with a name each")
    team_values = raw.get("team", {})
    if not isinstance(team_values, dict):
        raise ToolError("team", team_values, f"in {path} must be a table of team settings")
    document = {"team": {**team_values, **(team or {})}, "workloads": entries}
    try:
        return PlanInput.model_validate(document)
    except ValidationError as exc:
        raise _file_error(path, entries, exc) from None


def _read(path: Path) -> Any:
    if path.suffix.lower() == ".json":
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise ToolError("workloads", str(path), f"cannot be read: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ToolError("workloads", str(path), "is not UTF-8 text; save it as UTF-8") from None
        try:
            return json.loads(text, parse_constant=_no_constant)
        except (json.JSONDecodeError, ValueError) as exc:
            raise ToolError("workloads", str(path), f"is not valid JSON: {exc}") from None
        except RecursionError:
            raise ToolError("workloads", str(path), "is nested too deeply to read") from None
    if path.suffix.lower() != ".toml":
        raise ToolError("workloads", str(path), "must be a .toml or .json file")
    try:
        return read_toml(path)
    except TomlFileError as exc:
        raise ToolError("workloads", str(path), str(exc).removeprefix(f"{path}: ")) from None


class WorkloadsFileError(ToolError):
    """A workloads file that cannot be used; the field is named as the file writes it (snake_case)."""

    def __init__(self, field: str, value: object, hint: str):
        super().__init__(field, value, hint)
        ValueError.__init__(self, f"{field}: {short(value)} {hint}" if value is not None else f"{field}: {hint}")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _file_error(path: Path, entries: list[Any], exc: ValidationError) -> ToolError:
    """One line: the file, the workload (by name where it has one), the field, the value, a hint."""
    err = exc.errors()[0]
    loc = list(err["loc"])
    message = err["msg"].removeprefix("Value error, ")
    where = str(path)
    if loc[:1] == ["workloads"] and len(loc) > 1 and isinstance(loc[1], int):
        entry = entries[loc[1]] if loc[1] < len(entries) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        where += f", workload {loc[1] + 1}" + (f" ({name!r})" if isinstance(name, str) else "")
        loc = loc[2:]
    elif loc[:1] == ["team"]:
        where += ", [team]"
        loc = [part for part in loc[1:] if part != "values"]
    field = ".".join(str(part) for part in loc) or "entry"
    named = re.match(r"(\w+) (is .*)", message)
    if not loc and named and isinstance(err.get("input"), dict) and named[1] in err["input"]:  # a check of the entry
        value = err["input"].get(named[1]) if isinstance(err.get("input"), dict) else None
        return WorkloadsFileError(named[1], value, f"in {where}: {named[2]}")
    if err["type"] == "extra_forbidden":
        return WorkloadsFileError(field, None, f"in {where} is not a profile field; see `advisor calc compare --help`")
    if err["type"] == "missing":
        return WorkloadsFileError(field, None, f"in {where} is missing; it is required")
    return WorkloadsFileError(field, err.get("input"), f"in {where}: {message}")
