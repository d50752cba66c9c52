"""E-mail the owners of tracked requests whose deadline is near or passed (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ctassist.mla.services import REMINDER_DAYS, mla_reminders_send


class Command(BaseCommand):
    help = "E-mail deadline reminders for tracked MLA requests (once per request per day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--within-days", type=int, default=REMINDER_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        sent = mla_reminders_send(today=timezone.localdate(), within_days=options["within_days"])
        self.stdout.write(f"{sent} reminder(s) sent")
