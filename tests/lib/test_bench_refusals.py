"""``koers bench load`` measures on PostgreSQL only and refuses options it cannot use, with a clear
message and before it starts anything."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from koers.lib.loadbench import SCREEN_KEYS, Refused, checked_options, database_url, require_postgresql

DEFAULTS = {"persons": 100_000, "sizes": None, "connections": "1,16", "users": "16", "think": 1000, "duration": 10, "max_requests": 50_000,
            "workers": 4, "jobs": 340}


def test_it_refuses_sqlite_and_says_how_to_start_postgresql():
    with pytest.raises(Refused, match=r"bin/postgres start"):
        require_postgresql("sqlite")
    require_postgresql("postgresql")


@pytest.mark.django_db
def test_the_command_refuses_to_run_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("the suite runs on PostgreSQL here")
    for name in ("load", "all"):
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("bench", name, "--persons", "10000", stdout=StringIO())


def test_the_load_benchmarks_are_listed_beside_the_apps_benchmarks(db):
    out = StringIO()
    call_command("bench", "--list", stdout=out)
    names = {line.split()[0] for line in out.getvalue().splitlines()}
    assert {"load", "all", "signals", "duo", "monitoring"} <= names


@pytest.mark.parametrize(
    "change",
    [{"duration": 0}, {"duration": 601}, {"workers": 0}, {"workers": 33}, {"max_requests": 0}, {"jobs": 0},
     {"sizes": "10"}, {"connections": "0"}, {"users": "veel"}, {"users": "300"}, {"think": 5}, {"think": 60_001}],
)
def test_it_refuses_options_out_of_bounds(change):
    with pytest.raises(Refused):
        checked_options({**DEFAULTS, **change})


def test_users_at_work_can_be_left_out_with_zero():
    assert checked_options(DEFAULTS)["users"] == [16]
    assert checked_options({**DEFAULTS, "users": "0"})["users"] == []


def test_one_size_or_several_become_a_sorted_list():
    assert checked_options(DEFAULTS)["sizes"] == [100_000]
    assert checked_options({**DEFAULTS, "sizes": "100000,10000"})["sizes"] == [10_000, 100_000]


def test_the_bench_database_lives_on_the_same_server_under_its_own_name():
    assert database_url("postgres://koers@127.0.0.1:55432/koers", "koers_bench_10000") == (
        "postgres://koers@127.0.0.1:55432/koers_bench_10000"
    )
    assert database_url("postgres://u:p@db/koers?sslmode=require", "koers_bench_1") == (
        "postgres://u:p@db/koers_bench_1?sslmode=require"
    )


def test_all_screens_are_measured_unless_some_are_named():
    assert checked_options(DEFAULTS)["screens"] == SCREEN_KEYS
    named = checked_options({**DEFAULTS, "screens": "dossier, caseload,duo_ingest"})["screens"]
    assert named == ("caseload", "dossier", "duo_ingest")


def test_it_refuses_a_screen_it_does_not_know_and_names_the_known_ones():
    with pytest.raises(Refused, match=r"dossiers.*caseload, caseload_centrum"):
        checked_options({**DEFAULTS, "screens": "caseload,dossiers"})
