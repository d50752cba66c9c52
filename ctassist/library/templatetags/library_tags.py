from typing import Any

from django import template

register = template.Library()


@register.filter
def add_pair(left: Any, right: Any) -> tuple[Any, Any]:
    """`a|add_pair:b` → (a, b), to loop over two versions in one template line."""
    return (left, right)
