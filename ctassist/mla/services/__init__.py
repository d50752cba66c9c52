"""Writes for MLA, one module per subject: drafted requests (`requests`), requested-State
profiles (`profiles`), tracked requests with their status life and facilitation (`tracking`),
networks and focal points (`networks`), central-authority notices (`notices`) and deadline
reminders (`reminders`). Every public name is re-exported here, so callers import from
`ctassist.mla.services`. The demo (`ctassist.mla.demo`) calls these services; they never
import it."""

from ctassist.mla.services.networks import (
    focal_point_hand_over,
    network_create,
    network_may_run,
    network_members_set,
    network_secretariat_add,
)
from ctassist.mla.services.notices import NOTICE_FIELDS, notice_publish, notice_update
from ctassist.mla.services.profiles import PROFILE_FIELDS, profile_save
from ctassist.mla.services.reminders import REMINDER_DAYS, mla_reminders_send
from ctassist.mla.services.requests import (
    mla_request_create,
    mla_request_finalize,
    mla_request_follow_up,
    mla_request_save,
)
from ctassist.mla.services.tracking import (
    EVENT_STATUS,
    TRACKING_FIELDS,
    TRANSITIONS,
    Kind,
    Status,
    facilitation_record,
    network_is_secretariat,
    tracking_create,
    tracking_event_record,
    tracking_export_logged,
    tracking_is_party,
    tracking_next_status,
    tracking_update,
)

__all__ = [
    "EVENT_STATUS",
    "NOTICE_FIELDS",
    "PROFILE_FIELDS",
    "REMINDER_DAYS",
    "TRACKING_FIELDS",
    "TRANSITIONS",
    "Kind",
    "Status",
    "facilitation_record",
    "focal_point_hand_over",
    "mla_reminders_send",
    "mla_request_create",
    "mla_request_finalize",
    "mla_request_follow_up",
    "mla_request_save",
    "network_create",
    "network_is_secretariat",
    "network_may_run",
    "network_members_set",
    "network_secretariat_add",
    "notice_publish",
    "notice_update",
    "profile_save",
    "tracking_create",
    "tracking_event_record",
    "tracking_export_logged",
    "tracking_is_party",
    "tracking_next_status",
    "tracking_update",
]
