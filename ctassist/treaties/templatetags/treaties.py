from django import template

from ctassist.treaties.models import action_label as label_of_action
from ctassist.treaties.selectors import status_label as label_of

register = template.Library()


@register.filter
def status_label(status: str) -> str:
    return label_of(status)


@register.filter
def status_class(status: str) -> str:
    return "status-" + status.replace("_", "-")


@register.filter
def action_label(kind: str | None) -> str:
    return label_of_action(kind)
