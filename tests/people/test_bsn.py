import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from koers.people.validators import validate_bsn
from koers.synthetic.bsn import bsn_for


@given(st.integers(min_value=10_000_000, max_value=99_999_999))
def test_every_generated_bsn_passes_the_elfproef(prefix):
    bsn = bsn_for(prefix)
    if bsn is not None:
        validate_bsn(bsn)
        assert stdnum_bsn.is_valid(bsn)


@given(st.text(max_size=20))
def test_any_text_is_either_a_valid_bsn_or_refused_with_a_dutch_message(text):
    if stdnum_bsn.is_valid(text):
        validate_bsn(text)
    else:
        with pytest.raises(ValidationError, match="geen geldig BSN"):
            validate_bsn(text)


@pytest.mark.parametrize("value", ["111222333", "123456782", "999990019"])
def test_it_accepts_known_valid_bsns(value):
    validate_bsn(value)


@pytest.mark.parametrize("value", ["123456789", "12345678", "1234567890", "abcdefghi", ""])
def test_it_refuses_malformed_bsns(value):
    with pytest.raises(ValidationError):
        validate_bsn(value)
