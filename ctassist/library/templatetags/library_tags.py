from typing import Any

from django import template

register = template.Library()


@register.filter
def display_value(value: Any) -> str:
    """A details value for reading: lists joined, objects as key: value."""
    if isinstance(value, list):
        return "; ".join(display_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {display_value(v)}" for k, v in value.items())
    return "" if value is None else str(value)


@register.filter
def add_pair(left: Any, right: Any) -> tuple[Any, Any]:
    """`a|add_pair:b` → (a, b), to loop over two versions in one template line."""
    return (left, right)
