"""The loopback servers themselves (tests/loopback.py): a reply the client gave up on ends with its
server. A handler that outlived its test once wrote, seconds later, to a client that had timed out,
and the BrokenPipe traceback it printed landed in another test's captured output
(test_hostile_values [capacity] counted it as the command's). Its pauses are sleeps, not timed waits
on an Event: under faketime (CI's second pass, the clock a year ahead) a timed wait never ends, and
a held-back reply must still come. Real httpx against 127.0.0.1 only."""

from __future__ import annotations

import threading

import httpx
import pytest

from tests.loopback import Reply, loopback


def _threads() -> set[threading.Thread]:
    return set(threading.enumerate())


def test_a_held_back_reply_comes_after_its_pause():
    with loopback({"/slow": [Reply(body={"ok": 1}, delay=0.2)]}) as (url, _):
        assert httpx.get(f"{url}/slow", timeout=30).json() == {"ok": 1}


def test_a_held_back_reply_ends_with_its_server_and_prints_nothing(capfd):
    before = _threads()
    with loopback({"/slow": [Reply(body={}, delay=600)]}) as (url, rec):
        with pytest.raises(httpx.TimeoutException):
            httpx.get(f"{url}/slow", timeout=0.2)
        assert len(rec.requests) == 1
    assert _threads() - before == set()  # no handler still waiting to answer
    assert capfd.readouterr().err == ""


def test_a_client_that_hangs_up_mid_stream_is_no_traceback(capfd):
    before = _threads()
    lines = [{"n": i, "pad": "x" * 4000} for i in range(2000)]
    with loopback({"/stream": [Reply(lines=lines, line_delay=0.001)]}) as (url, _):
        with httpx.stream("GET", f"{url}/stream", timeout=10) as response:
            first = next(response.iter_lines())
        assert '"n": 0' in first
    assert _threads() - before == set()
    assert capfd.readouterr().err == ""
