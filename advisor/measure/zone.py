"""The time zone a usage import groups by (`--tz`, an IANA name; UTC by default): which local day
and hour a UTC instant falls in, fast enough to ask once a record.

A day's UTC offset is looked up once (its offset at the start and at the end of the UTC day); on a
day without a transition a record's local day and hour are arithmetic on its Unix time, on the
few days a zone changes its offset each record is converted on its own."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY = 86400
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class UnknownZone(ValueError):
    pass


def zone(name: str | None) -> tzinfo:
    """The IANA zone ``name`` (``Europe/Berlin``; ``UTC`` or None for UTC); an UnknownZone naming
    it otherwise."""
    if name is None or name.strip().upper() in ("UTC", "Z", "ETC/UTC"):
        return UTC
    text = name.strip()
    try:
        if not text or text.startswith(("/", ".")) or ".." in text:
            raise ValueError(text)
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownZone(
            f"tz: {name!r} is not an IANA time zone; write one like Europe/Berlin, America/New_York or UTC"
        ) from None


def zone_name(tz: tzinfo) -> str:
    return "UTC" if tz is UTC else str(getattr(tz, "key", tz))


class LocalClock:
    """UTC instants → local day (as days since 1970-01-01) and hour in one zone."""

    __slots__ = ("_offsets", "tz")

    def __init__(self, tz: tzinfo = UTC) -> None:
        self.tz = tz
        self._offsets: dict[int, int | None] = {}  # UTC day → its offset in seconds, None on a transition day

    def day_hour(self, at: datetime) -> tuple[int, int]:
        seconds = int(at.timestamp())
        utc_day = seconds // DAY
        offset = self._offsets.get(utc_day, -1)
        if offset == -1:
            offset = self._offsets[utc_day] = self._day_offset(utc_day)
        if offset is None:  # the zone changes its offset today: this record on its own
            local = at.astimezone(self.tz)
            return local.toordinal() - _EPOCH_ORDINAL, local.hour
        local_seconds = seconds + offset
        return local_seconds // DAY, local_seconds % DAY // 3600

    def _day_offset(self, utc_day: int) -> int | None:
        start = datetime.fromtimestamp(utc_day * DAY, UTC)
        first = start.astimezone(self.tz).utcoffset()
        last = (start + timedelta(seconds=DAY - 1)).astimezone(self.tz).utcoffset()
        if first != last or first is None:
            return None
        return int(first.total_seconds())

    def midnight(self, day: date) -> datetime:
        """The UTC instant the local ``day`` starts."""
        return datetime(day.year, day.month, day.day, tzinfo=self.tz).astimezone(UTC)

    def local_date(self, at: datetime) -> date:
        return at.astimezone(self.tz).date()


def day_date(day: int) -> date:
    """A day number from LocalClock.day_hour as a date."""
    return date.fromordinal(day + _EPOCH_ORDINAL)
