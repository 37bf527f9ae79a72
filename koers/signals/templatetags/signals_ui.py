from django import template

from koers.lib.deadlines import kind_label as label_of

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    return str(label_of(kind))
