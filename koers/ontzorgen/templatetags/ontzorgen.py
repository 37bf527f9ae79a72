from django import template
from stdnum import iban as stdnum_iban

register = template.Library()


@register.filter(name="iban")
def iban_filter(value: str) -> str:
    """An IBAN in groups of four, the way people read it from a bank card."""
    return stdnum_iban.format(value) if value else ""
