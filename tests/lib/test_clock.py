import datetime as dt

from django.utils import timezone

from koers.lib import clock


def test_the_test_suite_runs_on_a_fixed_day():
    assert clock.today() == dt.date(2026, 11, 25)


def test_frozen_moves_the_clock_and_puts_it_back():
    with clock.frozen(dt.date(2028, 2, 29)):
        assert clock.today() == dt.date(2028, 2, 29)
        assert timezone.is_aware(clock.now())
    assert clock.today() == dt.date(2026, 11, 25)


def test_a_date_means_noon_local_time_so_the_day_never_slips_across_midnight():
    with clock.frozen(dt.date(2027, 3, 28)):
        assert timezone.localtime(clock.now()).hour == 12
