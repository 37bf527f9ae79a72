"""What ``koers bench load`` reads from wrk and prints: the report line of its Lua script, the
percentiles, one line per figure with the target beside it."""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

from koers.lib import loadbench
from koers.lib.loadbench import LUA, NOTIFY_LUA, THINK_LUA, Load, LoadResult, figure_lines, parse_wrk, percentile

REPORT = (
    "Running 10s test @ http://127.0.0.1:8000\n"
    "  2 threads and 16 connections\n"
    "KOERS-WRK requests=4200 duration_us=10000000 non200=3 connect=0 read=2 write=0 timeout=1 "
    "p50_us=12500 p95_us=98000 p99_us=151000 max_us=402000\n"
)


def test_it_reads_the_report_line_in_milliseconds_and_counts_every_failure_as_an_error():
    result = parse_wrk(REPORT)
    assert result == LoadResult(requests=4200, seconds=10.0, errors=6, p50=12.5, p95=98.0, p99=151.0, max=402.0)
    assert result.per_second == 420.0


def test_it_refuses_output_without_a_report_and_shows_what_wrk_said():
    with pytest.raises(ValueError, match="unable to connect"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_percentiles_interpolate_between_the_closest_ranks():
    values = [40.0, 10.0, 30.0, 20.0]
    assert percentile(values, 0) == 10.0
    assert percentile(values, 50) == 25.0
    assert percentile(values, 100) == 40.0
    assert percentile([7.0], 99) == 7.0
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)


def test_percentiles_refuse_nothing_and_shares_outside_0_to_100():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_each_figure_gets_its_own_line_with_the_target_and_ok_or_over():
    result = LoadResult(requests=900, seconds=3.0, errors=2, p50=20.0, p95=180.0, p99=240.0, max=300.0)
    lines = figure_lines("caseload", Load(16), result, {"p50": 25.0, "p95": 150.0, "errors": 0})
    assert len(lines) == 5
    p50, p95, p99, rate, errors = lines
    assert "p50" in p50 and "20.0 ms" in p50 and "doel ≤ 25 ms" in p50 and p50.endswith("ok")
    assert "doel ≤ 150 ms" in p95 and p95.endswith("OVER")
    assert "doel" not in p99 and not p99.endswith(("ok", "OVER"))
    assert "300.0" in rate and "(900 verzoeken)" in rate
    assert errors.endswith("OVER") and "c=16" in errors


def test_a_run_without_a_single_answer_is_over_and_shows_no_latency():
    result = LoadResult(requests=0, seconds=5.0, errors=0, p50=0.0, p95=0.0, p99=0.0, max=0.0)
    p50, p95, p99, rate, errors = figure_lines("caseload", Load(16), result, {"p50": 25.0, "p95": 150.0, "errors": 0})
    assert p50.endswith("OVER") and "0.0 ms" not in p50 and p95.endswith("OVER")
    assert not p99.endswith(("ok", "OVER"))
    assert "geen antwoord binnen de meettijd" in rate


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.send_response(200 if self.path == "/goed/" else 404)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def wrk_against(handler, tmp_path: Path, script: str, lines: str, threads: int, *args: str) -> LoadResult:
    """wrk with ``script`` for two seconds against a local server of ``handler``; its arguments are a
    file of ``lines`` and ``args``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (tmp_path / "script.lua").write_text(script)
        (tmp_path / "lines.txt").write_text(lines)
        done = subprocess.run(
            ["wrk", "--latency", "-t", str(threads), "-c", str(threads), "-d", "2s", "-s", str(tmp_path / "script.lua"),
             f"http://127.0.0.1:{server.server_port}", "--", str(tmp_path / "lines.txt"), *args],
            capture_output=True, text=True, timeout=30,
        )
    finally:
        server.shutdown()
    return parse_wrk(done.stdout)


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (bin/install)")
def test_the_lua_script_rotates_over_the_urls_and_reports_answers_other_than_200(tmp_path: Path):
    result = wrk_against(_Pages, tmp_path, LUA, "/goed/\n/weg/\n", 1, "40", "0")
    assert 30 <= result.requests <= 40  # the threads stop at the limit of requests, long before 2 s are over
    assert result.errors == pytest.approx(result.requests / 2, abs=1)
    assert 0 < result.p50 <= result.p99 <= result.max


class _Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        time.sleep(2)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_page_that_does_not_answer_in_time_is_reported_too_slow(monkeypatch):
    monkeypatch.setattr(loadbench, "CHECK_SECONDS", 0.2)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(loadbench.TooSlow, match="/personen/ gaf binnen 0.2 s geen antwoord"):
            loadbench.check_answer(server.server_port, "/personen/", "sessionid=x")
    finally:
        server.shutdown()


def test_a_throughput_target_is_a_floor():
    fast = LoadResult(requests=6000, seconds=10.0, errors=0, p50=3.0, p95=9.0, p99=12.0, max=20.0)
    slow = LoadResult(requests=3000, seconds=10.0, errors=0, p50=6.0, p95=18.0, p99=24.0, max=40.0)
    rate = figure_lines("ingest", Load(16), fast, {"errors": 0, "per_second": 500.0})[3]
    assert "600.0" in rate and "doel ≥ 500" in rate and " ok " in rate
    assert " OVER " in figure_lines("ingest", Load(16), slow, {"errors": 0, "per_second": 500.0})[3]


class _Inbox(http.server.BaseHTTPRequestHandler):
    received: list[tuple[dict, dict]] = []

    def do_POST(self):  # noqa: N802 (the name http.server calls)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Inbox.received.append((dict(self.headers), body))
        self.send_response(201 if body["bsn"] == "111222333" else 400)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (bin/install)")
def test_the_notification_script_posts_a_notification_per_request_each_with_its_own_berichtid(tmp_path: Path):
    result = wrk_against(
        _Inbox, tmp_path, NOTIFY_LUA, "111222333 00000001001234567000\n999888777 00000001007654321000\n", 2,
        "20", "7", "geheim", "00000001800866472000",
    )
    headers = [h for h, _ in _Inbox.received]
    bodies = [b for _, b in _Inbox.received]
    assert 30 <= result.requests <= 40 and len(bodies) >= result.requests
    assert len({h["berichtId"] for h in headers}) == len(headers)
    assert all(uuid.UUID(h["berichtId"]) for h in headers)
    assert {(h["Authorization"], h["bron"], h["Content-Type"]) for h in headers} == {
        ("Bearer geheim", "00000001800866472000", "application/json")
    }
    assert {(b["bsn"], h["doel"]) for h, b in _Inbox.received} == {
        ("111222333", "00000001001234567000"), ("999888777", "00000001007654321000")
    }
    assert all(b["gebeurtenisId"] == "SS199" and b["registratieDatumTijd"].endswith("+00:00") for b in bodies)
    assert result.errors == pytest.approx(result.requests / 2, abs=2)


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (bin/install)")
def test_a_user_waits_a_think_time_between_two_requests(tmp_path: Path):
    # 200 ms on average (100 to 300): in two seconds one user asks 6 to 20 times, not the 400 allowed.
    result = wrk_against(_Pages, tmp_path, THINK_LUA, "/goed/\n", 1, "400", "0", "200")
    assert 6 <= result.requests <= 21
    assert result.errors == 0


def test_the_page_targets_hold_for_one_connection_and_for_users_at_work():
    caseload = next(s for s in loadbench.SCENARIOS if s.key == "caseload")
    assert caseload.targets_at(Load(1)) == loadbench.PAGE_TARGETS
    assert caseload.targets_at(Load(16, think_ms=1000)) == loadbench.PAGE_TARGETS
    # Sixteen connections without a pause measure what the machine can take: no errors is the target.
    assert caseload.targets_at(Load(16)) == {"errors": 0}
    search = next(s for s in loadbench.SCENARIOS if s.key == "search_bsn")
    assert search.targets_at(Load(1)) == {"p50": 10.0, "errors": 0}
    assert search.targets_at(Load(16, think_ms=1000)) == {"errors": 0}


def test_a_line_says_whether_connections_or_users_asked():
    result = LoadResult(requests=90, seconds=20.0, errors=0, p50=20.0, p95=40.0, p99=60.0, max=80.0)
    assert figure_lines("caseload", Load(16), result, {})[0].split()[1] == "c=16"
    assert figure_lines("caseload", Load(16, think_ms=1000), result, {})[0].split()[1] == "u=16"


def test_the_search_box_is_asked_as_htmx_asks_it():
    from koers.people.views import CASELOAD_RESULTS

    search = next(s for s in loadbench.SCENARIOS if s.key == "search_name")
    assert f"HX-Target: {CASELOAD_RESULTS}" in search.headers
