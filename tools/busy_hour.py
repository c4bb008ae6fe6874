"""The hour local units are sized for (cost-model.md, "Time per request and fleets"): the busiest
hour's request rate against the traffic window's average.

A peak is stated as a rate (``peak_requests_per_hour``) or as a multiple of the window's average
(``peak_factor``: 'the peak is 2× the average'); the rate wins when both are given.

Without a stated peak the busy hour is the traffic window's average rate: the requests of a day
spread evenly over ``traffic_hours``. A stated peak (``peak_requests_per_hour``) above that average
sizes the units for it: the load at the peak is ``factor`` times the window's average, and each
unit must carry it within its headroom. A peak at or below the average changes nothing (it is said).
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.tools import defaults as d
from advisor.tools.profile import ResolvedProfile


@dataclass(frozen=True)
class BusyHour:
    factor: float  # the load at the busy hour over the window's average (1: sized for the average)
    average_per_hour: float | None  # requests an hour, averaged over the traffic window
    peak_per_hour: float | None  # the stated peak, when it sized the units
    peak_below_average: bool = False  # a stated peak at or below the window's average: not used

    @property
    def sized_for_peak(self) -> bool:
        return self.peak_per_hour is not None


def requests_per_month(p: ResolvedProfile) -> float | None:
    """The month's requests: the stated rate, else the month's input over a request's input."""
    if p.requests_per_day is not None:
        return p.requests_per_day * d.DAYS_PER_MONTH
    if p.input_tokens_per_request:
        return p.monthly_input_tokens / p.input_tokens_per_request
    return None


def busy_hour(p: ResolvedProfile, hours: float) -> BusyHour:
    """The busy hour of ``p``'s traffic, which arrives ``hours`` a day on its days of the week."""
    month = requests_per_month(p)
    traffic_hours = d.DAYS_PER_MONTH * p.traffic_days_per_week / 7 * hours
    average = month / traffic_hours if month is not None and traffic_hours > 0 else None
    peak = p.peak_requests_per_hour
    if peak is None and p.peak_factor is not None and average is not None:
        peak = p.peak_factor * average  # 'the peak is 2× the average'
    if peak is None or average is None or average <= 0:
        return BusyHour(1.0, average, None)
    if peak <= average:
        return BusyHour(1.0, average, None, peak_below_average=True)
    return BusyHour(peak / average, average, peak)
