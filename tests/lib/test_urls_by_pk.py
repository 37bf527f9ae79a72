"""urls_by_pk gives the URL Django's reverse gives, for any primary key."""

import pytest
from django.urls import reverse, set_script_prefix

from koers.lib.views import urls_by_pk


@pytest.mark.parametrize("pk", [1, 42, 10**12, 9223372036854775807])
def test_it_gives_what_reverse_gives(pk):
    assert urls_by_pk("people:detail")(pk) == reverse("people:detail", args=[pk])


def test_it_keeps_the_script_prefix_of_the_moment_it_was_made():
    set_script_prefix("/koers/")
    try:
        url_of = urls_by_pk("people:detail")
        assert url_of(7) == reverse("people:detail", args=[7])
        assert url_of(7).startswith("/koers/")
    finally:
        set_script_prefix("/")


def test_it_takes_only_whole_numbers():
    with pytest.raises(ValueError):
        urls_by_pk("people:detail")("7/../../admin")


def test_a_kept_url_follows_the_script_prefix_of_each_moment():
    from koers.lib.views import reversed_url

    assert reversed_url("people:caseload") == reverse("people:caseload")
    set_script_prefix("/koers/")
    try:
        assert reversed_url("people:caseload") == reverse("people:caseload")
        assert reversed_url("people:caseload").startswith("/koers/")
    finally:
        set_script_prefix("/")
    assert not reversed_url("people:caseload").startswith("/koers/")
