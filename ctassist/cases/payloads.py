"""JSON shapes of case records, shared by the API (and any export)."""

from __future__ import annotations

from typing import Any

from ctassist.cases.models import CaseFile, Person


def person_payload(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "version": person.version,
        "role": person.role,
        "full_name": person.full_name,
        "date_of_birth": person.date_of_birth,
        "age_at_offence": person.age_at_offence,
        "child": person.is_child,
        "sex": person.sex,
        "nationality": person.nationality.code if person.nationality else None,
        "detention": person.detention,
        "detention_place": person.detention_place,
        "custody_start": person.custody_start,
        "last_review": person.last_review,
        "protection_measures": person.protection_measures,
        "charges": [
            {
                "id": c.pk,
                "version": c.version,
                "offence": c.offence,
                "instrument": c.instrument.code if c.instrument else None,
                "disposition": c.disposition,
                "disposition_date": c.disposition_date,
                "sentence": c.sentence,
                "appealed": c.appealed,
            }
            for c in person.charges.all()
        ],
    }


def case_summary(case: CaseFile) -> dict[str, Any]:
    return {
        "id": case.pk,
        "version": case.version,
        "title": case.title,
        "unit": case.unit.code,
        "country": case.unit.country.code,
        "stage": case.stage,
        "status": case.status,
        "juvenile": case.juvenile,
        "police_ref": case.police_ref,
        "prosecution_ref": case.prosecution_ref,
        "court_ref": case.court_ref,
        "opened_on": case.opened_on,
        "illustrative": case.illustrative,
    }


def case_payload(case: CaseFile) -> dict[str, Any]:
    return {
        **case_summary(case),
        "facts": case.facts,
        "offence_date": case.offence_date,
        "status_reason": case.status_reason,
        "instruments": [i.code for i in case.instruments.all()],
        "legislation": case.legislation,
        "persons": [person_payload(p) for p in case.persons.all()],
        "hearings": [
            {
                "id": h.pk,
                "starts_at": h.starts_at,
                "court": h.court,
                "purpose": h.purpose,
                "closed_session": h.closed_session,
            }
            for h in case.hearings.all()
        ],
        "evidence": [
            {
                "id": e.pk,
                "version": e.version,
                "number": e.number,
                "description": e.description,
                "kind": e.kind,
                "origin": e.origin,
                "holder": e.holder,
                "sha256": e.sha256 or None,
                "chain": [
                    {"at": t.at, "from": t.from_holder, "to": t.to_holder, "note": t.note}
                    for t in e.transfers.all()
                ],
            }
            for e in case.evidence.all()
        ],
    }
