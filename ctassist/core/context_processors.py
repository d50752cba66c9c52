from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ctassist.core.access import can_edit_reference_data, user_role
from ctassist.core.modules import platform_modules


def platform(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "platform_modules": platform_modules(),
        "user_role": user_role(user),
        "user_can_edit": can_edit_reference_data(user),
    }
