"""What other apps may write into the programme data (a public entry point, listed in `public`
of the boundary contract in pyproject.toml): a person who took part in an activity somewhere
else — a course completed or a webinar attended on the learning platform — recorded as that
activity's participant through the same de-duplicated registry the attendance-sheet import
uses (`registry_key`: same name, country and agency, ignoring case and spaces)."""

from __future__ import annotations

from django.db import transaction

from ctassist.assistance.models import Activity, Attendance, Participant
from ctassist.core.audit import Actor, audit_creates
from ctassist.core.errors import NotFound
from ctassist.geo.models import State


def registry_key(name: str, country: str, agency: str) -> tuple[str, str, str]:
    """One person in the participants' registry: the name folded (case, spaces), the
    country's code and the agency."""
    return (" ".join(name.split()).casefold(), country, agency)


def participant_registered(
    *, full_name: str, sex: str, country: State, position: str = ""
) -> tuple[Participant, bool]:
    """The registry's participant for this person (agency `other`), made if new."""
    key = registry_key(full_name, country.code, Participant.Agency.OTHER)
    for person in Participant.objects.filter(
        country=country,
        agency=Participant.Agency.OTHER,
        full_name__iexact=" ".join(full_name.split()),
    ).select_related("country"):
        if registry_key(person.full_name, person.country.code, person.agency) == key:
            return person, False
    person = Participant.objects.create(
        full_name=" ".join(full_name.split()),
        sex=sex if sex in Participant.Sex.values else Participant.Sex.UNKNOWN,
        agency=Participant.Agency.OTHER,
        country=country,
        position=position[:200],
    )
    return person, True


@transaction.atomic
def activity_participant_record(
    *,
    actor: Actor,
    activity_id: int,
    full_name: str,
    sex: str,
    country: State,
    position: str = "",
    completed: bool = True,
    note: str = "",
) -> bool:
    """Record that this person took part in the activity (`completed` as the sheets say it).
    True if a new attendance was recorded; False if they were already a participant."""
    activity = Activity.objects.filter(pk=activity_id).first()
    if activity is None:
        raise NotFound(f"No activity {activity_id}")
    person, made = participant_registered(
        full_name=full_name, sex=sex, country=country, position=position
    )
    attendance, new = Attendance.objects.get_or_create(
        activity=activity, participant=person, defaults={"completed": completed}
    )
    created = ([person] if made else []) + ([attendance] if new else [])
    if created:
        audit_creates(actor=actor, instances=created, note=note or "learning platform")
    return new
