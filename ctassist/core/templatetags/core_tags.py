"""Template filters every app uses."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """`mapping|get_item:key` — a dict lookup with a variable key."""
    return mapping.get(key)
