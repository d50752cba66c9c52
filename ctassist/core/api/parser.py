"""Query strings and forms read strictly: a parameter that takes one value, given several times,
is refused (422) instead of silently keeping the last one, as the published schema says."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser
from ninja.types import DictStrAny


class StrictParser(Parser):
    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> DictStrAny:
        result: DictStrAny = {}
        for key in data:
            values = data.getlist(key)
            # Several values for a one-value parameter stay a list, which its schema refuses.
            result[key] = values if key in list_fields or len(values) > 1 else values[0]
        return result
