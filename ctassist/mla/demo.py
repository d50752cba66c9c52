"""Illustrative tracking data, labelled so: networks named in the report (¶62–¶67) with real
member States but invented focal points, about twenty tracked requests of 2019–2020 across the
statuses with facilitation records, and COVID-19-era central-authority notices modelled on the
2020 compilations (not real notices). Idempotent. Status paths go through the service's
`tracking_next_status`, so the demo never holds a state the services would refuse.
`mla_demo_load`, run by `ctassist demo`, adds illustrative requested-State profiles first. The
demo calls the services; the services never import the demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from ctassist.accounts.models import User
from ctassist.geo.models import State
from ctassist.mla.models import (
    CentralAuthorityNotice,
    Facilitation,
    FocalPoint,
    Network,
    RequestedStateProfile,
    TrackedRequest,
    TrackingEvent,
)
from ctassist.mla.services import tracking_next_status

ILLUSTRATIVE = "Illustrative demo data: not a real network record."
SECRETARIAT = "demo-network-secretariat"

NETWORKS: tuple[tuple[str, str, str], ...] = (
    (
        "wacap",
        "West African Network of Central Authorities and Prosecutors against Organized Crime "
        "(WACAP)",
        "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI NER NGA SEN SLE TGO MRT TCD",
    ),
    ("sahel-rjp", "Regional Judicial Platform of the Sahel countries", "BFA MLI MRT NER TCD SEN"),
    (
        "g5-sahel-scp",
        "Sahel Security Cooperation Platform of the Group of Five for the Sahel",
        "BFA MLI MRT NER TCD",
    ),
    (
        "casc",
        "Network of Prosecutors and Central Authorities from Source, Transit and Destination "
        "Countries (Central Asia and Southern Caucasus)",
        "KAZ KGZ TJK TKM UZB ARM AZE GEO",
    ),
    (
        "sea",
        "South-East Asia informal judicial cooperation network",
        "BRN KHM IDN LAO MYS MMR PHL SGP THA VNM",
    ),
)

# (network, State, function, name, demo user, start, end)
FOCAL_POINTS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    (
        "wacap",
        "NER",
        "central_authority",
        "Focal point A (illustrative)",
        "",
        "2016-01-01",
        "2019-12-31",
    ),
    (
        "wacap",
        "NER",
        "central_authority",
        "Focal point B (illustrative)",
        "demo-central-authority-ner",
        "2020-01-01",
        "",
    ),
    ("wacap", "NER", "prosecutor", "Focal point C (illustrative)", "", "2017-06-01", ""),
    (
        "wacap",
        "NGA",
        "central_authority",
        "Focal point D (illustrative)",
        "demo-practitioner-nga",
        "2018-03-01",
        "",
    ),
    ("wacap", "MLI", "central_authority", "Focal point E (illustrative)", "", "2018-01-15", ""),
    ("wacap", "SEN", "prosecutor", "Focal point F (illustrative)", "", "2019-02-01", ""),
    (
        "sahel-rjp",
        "NER",
        "central_authority",
        "Focal point B (illustrative)",
        "demo-central-authority-ner",
        "2020-01-01",
        "",
    ),
    ("sahel-rjp", "MLI", "prosecutor", "Focal point G (illustrative)", "", "2017-09-01", ""),
    ("casc", "KAZ", "central_authority", "Focal point H (illustrative)", "", "2018-05-01", ""),
    ("sea", "PHL", "central_authority", "Focal point I (illustrative)", "", "2020-02-01", ""),
)

# The events after sending that lead to each final status: (kind, days after sending, note).
PATHS: dict[str, tuple[tuple[str, int, str], ...]] = {
    "draft": (),
    "sent": (),
    "received": (("received", 6, ""),),
    "acknowledged": (("received", 5, ""), ("acknowledged", 12, "")),
    "under_execution": (("acknowledged", 9, ""), ("execution_started", 30, "")),
    "partially_executed": (
        ("acknowledged", 7, ""),
        ("info_requested", 21, "Period of the bank statements to be specified."),
        ("info_provided", 33, "Period given: January to December 2019."),
        ("execution_started", 40, ""),
        ("partial_execution", 95, "Statements of one account sent; the second is pending."),
    ),
    "executed": (
        ("acknowledged", 8, ""),
        ("reminder", 45, ""),
        ("execution_started", 50, ""),
        ("executed", 0, "Evidence transmitted through the central authority."),
    ),
    "refused": (
        ("acknowledged", 10, ""),
        ("refused", 64, "Illustrative: the conduct is not an offence in the requested State."),
    ),
    "withdrawn": (("withdrawn", 41, "Illustrative: the proceedings were discontinued."),),
}

# (reference, requesting, requested, types, sent, final status, days to execution, network)
REQUESTS: tuple[tuple[str, str, str, str, str, str, int, str], ...] = (
    ("DEMO/NER/2019/01", "NER", "FRA", "banking_records", "2019-02-11", "executed", 96, "wacap"),
    (
        "DEMO/NER/2019/02",
        "NER",
        "MLI",
        "witness_statement",
        "2019-03-04",
        "executed",
        71,
        "sahel-rjp",
    ),
    (
        "DEMO/NGA/2019/03",
        "NGA",
        "NER",
        "search_and_seizure",
        "2019-04-15",
        "executed",
        140,
        "wacap",
    ),
    (
        "DEMO/MLI/2019/04",
        "MLI",
        "NER",
        "service_of_documents",
        "2019-05-06",
        "executed",
        58,
        "sahel-rjp",
    ),
    (
        "DEMO/NGA/2019/05",
        "NGA",
        "GHA",
        "stored_data",
        "2019-06-10",
        "partially_executed",
        0,
        "wacap",
    ),
    ("DEMO/FRA/2019/06", "FRA", "NER", "videoconference", "2019-07-01", "executed", 63, "wacap"),
    ("DEMO/NER/2019/07", "NER", "BFA", "freezing", "2019-08-19", "refused", 0, "g5-sahel-scp"),
    ("DEMO/KEN/2019/08", "KEN", "FRA", "banking_records", "2019-09-02", "executed", 180, ""),
    (
        "DEMO/NER/2019/09",
        "NER",
        "NGA",
        "witness_statement",
        "2019-10-14",
        "under_execution",
        0,
        "wacap",
    ),
    ("DEMO/SEN/2019/10", "SEN", "NER", "temporary_transfer", "2019-11-04", "withdrawn", 0, "wacap"),
    (
        "DEMO/NER/2020/01",
        "NER",
        "TCD",
        "search_and_seizure",
        "2020-01-13",
        "acknowledged",
        0,
        "sahel-rjp",
    ),
    ("DEMO/NGA/2020/02", "NGA", "BEN", "suspect_statement", "2020-02-03", "executed", 88, "wacap"),
    ("DEMO/FRA/2020/03", "FRA", "MLI", "stored_data", "2020-02-24", "received", 0, ""),
    ("DEMO/NER/2020/04", "NER", "FRA", "videoconference", "2020-03-16", "executed", 62, "wacap"),
    ("DEMO/MLI/2020/05", "MLI", "NER", "witness_statement", "2020-04-20", "sent", 0, "sahel-rjp"),
    ("DEMO/KEN/2020/06", "KEN", "NGA", "banking_records", "2020-05-11", "refused", 0, ""),
    (
        "DEMO/NGA/2020/07",
        "NGA",
        "NER",
        "controlled_delivery",
        "2020-06-22",
        "under_execution",
        0,
        "wacap",
    ),
    (
        "DEMO/NER/2020/08",
        "NER",
        "MLI",
        "joint_investigation_team",
        "2020-08-03",
        "executed",
        120,
        "g5-sahel-scp",
    ),
    ("DEMO/FRA/2020/09", "FRA", "NER", "service_of_documents", "2020-09-14", "acknowledged", 0, ""),
    ("DEMO/NER/2020/10", "NER", "SEN", "banking_records", "", "draft", 0, "wacap"),
)

OWNERS = {
    "NER": "demo-central-authority-ner",
    "FRA": "demo-central-authority-fra",
    "NGA": "demo-practitioner-nga",
    "KEN": "demo-prosecutor-ken",
}

# (State, topic, answer, valid from, valid until, text)
NOTICES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("FRA", "electronic", "yes", "2020-03-31", "", "Requests sent by e-mail are accepted."),
    ("FRA", "urgent_only", "yes", "2020-03-31", "2020-05-14", "Only urgent requests executed."),
    ("FRA", "urgent_only", "no", "2020-05-15", "", "Execution of all requests resumed."),
    ("FRA", "videoconference", "yes", "2020-03-31", "", "Hearings by videoconference."),
    (
        "NER",
        "electronic",
        "partly",
        "2020-04-06",
        "",
        "Advance copy by e-mail; original to follow.",
    ),
    ("NER", "urgent_only", "yes", "2020-04-06", "2020-07-31", "Urgent requests only."),
    ("NGA", "electronic", "yes", "2020-04-01", "", "Scanned requests accepted by e-mail."),
    ("NGA", "videoconference", "partly", "2020-05-15", "", "Where the court has the equipment."),
    ("KEN", "electronic", "yes", "2020-03-25", "", "Electronic transmission accepted."),
    ("MLI", "urgent_only", "yes", "2020-04-01", "2020-06-30", "Urgent requests only."),
    ("MLI", "other", "yes", "2020-04-01", "", "Contact the focal point before sending."),
)
NOTICE_SOURCE = "Illustrative demo notice modelled on the 2020 compilations; not a real notice."


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _secretariat() -> User | None:
    from ctassist.accounts.demo import DEMO_ORGANISATION, demo_password
    from ctassist.accounts.services import user_create

    found = User.objects.filter(username=SECRETARIAT).first()
    if found is None and User.objects.filter(username="demo-admin").exists():
        found = user_create(
            actor=None,
            username=SECRETARIAT,
            role="practitioner",
            password=demo_password(),
            organisation=DEMO_ORGANISATION,
        )
    return found


def _networks(states: dict[str, State]) -> int:
    made = 0
    secretariat = _secretariat()
    for code, name, members in NETWORKS:
        if Network.objects.filter(code=code).exists():
            continue
        network = Network.objects.create(
            code=code, name=name, description=ILLUSTRATIVE, illustrative=True
        )
        network.members.set([states[c] for c in members.split() if c in states])
        if secretariat is not None and code in {"wacap", "sahel-rjp"}:
            network.secretariat.add(secretariat)
        made += 1
    networks = {n.code: n for n in Network.objects.all()}
    users = {u.username: u for u in User.objects.filter(username__in=OWNERS.values())}
    for net, state, function, name, username, start, end in FOCAL_POINTS:
        if net not in networks or state not in states:
            continue
        FocalPoint.objects.get_or_create(
            network=networks[net],
            state=states[state],
            function=function,
            start=dt.date.fromisoformat(start),
            defaults={
                "name": name,
                "user": users.get(username),
                "end": _day(end),
                "illustrative": True,
            },
        )
    return made


def _tracked(states: dict[str, State]) -> int:
    users = {u.username: u for u in User.objects.filter(username__in=OWNERS.values())}
    networks = {n.code: n for n in Network.objects.all()}
    made = 0
    for reference, src, dst, kind, sent, final, days, net in REQUESTS:
        owner = users.get(OWNERS.get(src, "")) or users.get(OWNERS.get(dst, ""))
        if owner is None or src not in states or dst not in states:
            continue
        if TrackedRequest.objects.filter(reference=reference).exists():
            continue
        sent_on = _day(sent)
        status = "sent" if sent_on else "draft"
        tracked = TrackedRequest.objects.create(
            reference=reference,
            requesting_state=states[src],
            requested_state=states[dst],
            assistance_types=[kind],
            subject="Illustrative demo request",
            owner=owner,
            facilitating_network=networks.get(net),
            status=status,
            status_date=sent_on or dt.date(2020, 10, 1),
            sent_on=sent_on,
            deadline=(sent_on + dt.timedelta(days=90)) if sent_on else None,
            urgent=kind in {"freezing", "stored_data"},
            illustrative=True,
        )
        events = []
        if sent_on is not None:
            events.append(
                TrackingEvent(tracked=tracked, kind="sent", on=sent_on, status_after="sent")
            )
            for step, offset, note in PATHS[final]:
                status = tracking_next_status(status=status, kind=step, note=note)
                on = sent_on + dt.timedelta(days=days if step == "executed" else offset)
                events.append(
                    TrackingEvent(tracked=tracked, kind=step, on=on, note=note, status_after=status)
                )
                tracked.status, tracked.status_date = status, on
                if step == "executed":
                    tracked.executed_on = on
                if step == "refused":
                    tracked.refusal_reason = note
        TrackingEvent.objects.bulk_create(events)
        tracked.save()
        if net in networks:
            start = sent_on or dt.date(2020, 9, 20)
            Facilitation.objects.bulk_create(
                [
                    Facilitation(
                        network=networks[net],
                        tracked=tracked,
                        action="consultation",
                        on=start - dt.timedelta(days=7),
                        note="Illustrative: informal consultation on the draft.",
                    ),
                    *(
                        [
                            Facilitation(
                                network=networks[net],
                                tracked=tracked,
                                action="follow_up",
                                on=start + dt.timedelta(days=30),
                                note="Illustrative: follow-up with the focal point.",
                            )
                        ]
                        if sent_on
                        else []
                    ),
                ]
            )
        made += 1
    return made


def _notices(states: dict[str, State]) -> int:
    made = 0
    for state, topic, answer, start, end, text in NOTICES:
        if state not in states:
            continue
        _notice, created = CentralAuthorityNotice.objects.get_or_create(
            state=states[state],
            topic=topic,
            valid_from=dt.date.fromisoformat(start),
            defaults={
                "answer": answer,
                "valid_until": _day(end),
                "text": f"{text} (illustrative)",
                "source": NOTICE_SOURCE,
                "illustrative": True,
            },
        )
        made += int(created)
    return made


@transaction.atomic
def tracking_demo_load() -> int:
    codes = {c for _, _, m in NETWORKS for c in m.split()}
    codes |= {r[1] for r in REQUESTS} | {r[2] for r in REQUESTS} | {n[0] for n in NOTICES}
    states = {s.code: s for s in State.objects.filter(code__in=codes)}
    return _networks(states) + _tracked(states) + _notices(states)


def mla_demo_load(*, progress: Any = None) -> int:
    """Illustrative requested-State profiles (labelled so; not verified facts about these
    States), so the advice of the check can be seen at work; then the illustrative networks,
    tracked requests and notices above (`tracking_demo_load`). Idempotent."""
    demo = {
        "FRA": (["fr"], ["central_authority", "direct"], True, "coercive"),
        "NER": (["fr"], ["central_authority", "diplomatic"], False, "coercive"),
        "NGA": (["en"], ["central_authority", "diplomatic"], False, "coercive"),
        "KEN": (["en"], ["central_authority", "diplomatic"], True, "coercive"),
    }
    made = 0
    for code, (languages, channels, electronic, rule) in demo.items():
        state = State.objects.filter(code=code).first()
        if state is None or RequestedStateProfile.objects.filter(state=state).exists():
            continue
        RequestedStateProfile.objects.create(
            state=state,
            accepted_languages=languages,
            channels=channels,
            electronic_transmission=electronic,
            double_criminality=rule,
            use_limitations="Illustrative demo profile: not verified.",
            illustrative=True,
        )
        made += 1
    return made + tracking_demo_load()
