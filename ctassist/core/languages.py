"""Languages as readers see them: a code ("fr", "zh") written as the language's own name
("français", "简体中文"), never shown raw."""

from __future__ import annotations

from django.utils.translation import get_language_info

# Codes the data uses that Django knows under another name.
_ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-tw": "zh-hant", "pt-br": "pt-br"}


def language_name(code: str | None) -> str:
    """The language's own name; the code itself only when no name is known for it."""
    if not code:
        return ""
    normalized = _ALIASES.get(code.lower(), code.lower())
    try:
        return str(get_language_info(normalized)["name_local"])
    except KeyError:
        return code
