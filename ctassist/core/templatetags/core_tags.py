"""Template filters every app uses."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """`mapping|get_item:key` — a dict lookup with a variable key."""
    return mapping.get(key)


@register.filter
def language_name(code: str | None) -> str:
    """`record.language|language_name` — "français", not "fr"."""
    from ctassist.core.languages import language_name as name_of

    return name_of(code)


@register.filter
def language_names(codes: Any) -> str:
    """A list of codes as the languages' own names, separated by commas."""
    from ctassist.core.languages import language_name as name_of

    return ", ".join(name_of(code) for code in codes or [])
