"""Travel: reading a 300-passenger flight — its PAXLST and its PNRGOV push — parse only.

The baseline for issue 19's target (a 300-passenger PAXLST + PNR flight ingested and screened
against the UN list in ≤ 1 s): what reading alone costs, so the later ingest+screen benchmark
can show its ratio to it. Both messages are synthesised, deterministic (seeded), and every name
in them is generated (labelled GENERATED in the reporting party); nothing is timed in tests.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bench.harness import measure

PASSENGERS = 300
# generated names: common surnames and given names from several regions, combined at random
FAMILY_NAMES = (
    "ADAMS BAKER CHEN DIALLO EVANS FERREIRA GARCIA HASSAN IVANOV JOHNSON KOWALSKI LOPEZ MULLER "
    "NGUYEN OKAFOR PETROV QUINN ROSSI SILVA TANAKA USMAN VOLKOV WANG XU YILMAZ ZHANG"
)
FAMILY = FAMILY_NAMES.split()
GIVEN_NAMES = (
    "ANNA BEN CARLA DAVID ELENA FATIMA GEORGE HANA IGOR JUAN KEMI LI MARIA NOAH OLGA PEDRO "
    "RANIA SAM TOMAS YUKI"
)
GIVEN = GIVEN_NAMES.split()
COUNTRIES = ["GBR", "FRA", "USA", "NGA", "BRA", "CHN", "IND", "DEU", "KEN", "EGY"]


def _people(seed: int = 19) -> list[dict[str, str]]:
    rng = random.Random(seed)
    people = []
    for index in range(PASSENGERS):
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 65))
        people.append(
            {
                "family": rng.choice(FAMILY),
                "given": rng.choice(GIVEN),
                "sex": rng.choice("MF"),
                "born": born.strftime("%y%m%d"),
                "born_airimp": born.strftime("%d%b%y").upper(),
                "country": rng.choice(COUNTRIES),
                "passport": f"{rng.randrange(10**8, 10**9)}",
                "seat": f"{index // 6 + 1}{'ABCDEF'[index % 6]}",
                "locator": f"G{index // 2:05d}",
            }
        )
    return people


def paxlst_synthesise() -> bytes:
    people = _people()
    lines = [
        "UNA:+.? '",
        "UNB+UNOA:4+GENERATED+PIU+260101:0600+BENCH1++APIS'",
        "UNH+1+PAXLST:D:05B:UN:IATA'",
        "BGM+745'",
        "NAD+MS+++GENERATED TEST DATA'",
        "TDT+20+XX123+++XX'",
        "LOC+125+LHR'",
        "DTM+189:2601011000:201'",
        "LOC+87+JFK'",
        "DTM+232:2601011300:201'",
    ]
    for p in people:
        lines += [
            f"NAD+FL+++{p['family']}:{p['given']}'",
            f"ATT+2++{p['sex']}'",
            f"DTM+329:{p['born']}'",
            "LOC+178+LHR'",
            "LOC+179+JFK'",
            f"NAT+2+{p['country']}'",
            f"RFF+AVF:{p['locator']}'",
            f"RFF+SEA:{p['seat']}'",
            f"DOC+P:110:111+{p['passport']}'",
            "DTM+36:300101'",
            f"LOC+91+{p['country']}'",
        ]
    lines.append(f"CNT+42:{len(people)}'")
    lines.append(f"UNT+{len(lines) - 1}+1'")
    lines += ["UNZ+1+BENCH1'"]
    return "\n".join(lines).encode()


def pnrgov_synthesise() -> bytes:
    people = _people()
    lines = [
        "UNA:+.?*'",
        "UNB+IATA:1+XX++260101:0600+BENCH2'",
        "UNH+1+PNRGOV:13:1:IA+BENCH'",
        "MSG+:22'",
        "ORG+XX:LHR+00000000'",
        "TVL+010126:1000:010126:1300+LHR+JFK+XX+123'",
        f"EQN+{len(people) // 2}'",
    ]
    for pair in range(0, len(people), 2):
        party = people[pair : pair + 2]
        lines += ["SRC'", f"RCI+XX:{party[0]['locator']}::011225:0900'",
                  "DAT+700:011225:0900+710:021225:1000'",
                  "ORG+XX:LHR+00000000:LON+++T+GB:GBP'",
                  "ADD++702:1 GENERATED STREET:LONDON:::GB:N10AA:00440000000000'"]  # fmt: skip
        for ref, p in enumerate(party, 1):
            lines += [
                f"TIF+{p['family']}+{p['given']}:A:{ref}'",
                f"SSR+DOCS:HK::XX:::::/P/{p['country']}/{p['passport']}/{p['country']}/"
                f"{p['born_airimp']}/{p['sex']}/01JAN30/{p['family']}/{p['given']}'",
                f"TKT+0000000{pair:06d}{ref}:T:1'",
                "MON+T:500.00:GBP'",
                "FOP+CC:::VI:XXXXXXXXXXXX4242:1230'",
            ]
        lines += ["TVL+010126:1000::1300+LHR+JFK+XX+123:Y'", "RPI+2+HK'",
                  "SSR+SEAT:HK:2:XX:::LHR:JFK+" + "+".join(
                      f"{p['seat']}::{ref}" for ref, p in enumerate(party, 1)) + "'",
                  "SSR+VGML:HK:2:XX'"]  # fmt: skip
    lines.append(f"UNT+{len(lines) - 1}+1'")
    lines.append("UNZ+1+BENCH2'")
    return "\n".join(lines).encode()


def run() -> dict[str, Any]:
    from ctassist.travel.edifact import segments_read
    from ctassist.travel.manifest import manifest_json_write
    from ctassist.travel.messages import message_read

    paxlst, pnrgov = paxlst_synthesise(), pnrgov_synthesise()
    api = message_read(paxlst, name="bench.edi")
    pnr = message_read(pnrgov, name="bench-pnr.edi")
    assert api.passenger_count == PASSENGERS and not api.problems, api.problems
    assert sum(len(r.travellers) for r in pnr.pnrs) == PASSENGERS and not pnr.problems
    as_json = manifest_json_write(api)
    timings = [
        measure("PAXLST: split on the terminator (floor)", lambda: paxlst.split(b"'")),
        measure("PAXLST: tokenize (segments_read)", lambda: segments_read(paxlst)),
        measure("PAXLST: message_read", lambda: message_read(paxlst, name="p")),
        measure("PNRGOV: tokenize (segments_read)", lambda: segments_read(pnrgov)),
        measure("PNRGOV: message_read", lambda: message_read(pnrgov, name="r")),
        measure("JSON form of the PAXLST: message_read", lambda: message_read(as_json, name="j")),
        measure(
            "flight: PAXLST + PNRGOV message_read",
            lambda: (message_read(paxlst, name="p"), message_read(pnrgov, name="r")),
        ),
    ]
    by_name = {t.name: t for t in timings}
    flight = by_name["flight: PAXLST + PNRGOV message_read"]
    return {
        "title": "Travel: reading a 300-passenger flight (parse only)",
        "target": "the parse-only baseline of issue 19's ≤ 1 s for a 300-passenger PAXLST + PNR "
        "flight ingested and screened; reading should be a small part of it",
        "about": f"Synthesised, deterministic messages (generated names): a PAXLST of "
        f"{PASSENGERS} passengers ({len(paxlst):,} bytes) and a PNRGOV of {PASSENGERS // 2} "
        f"two-traveller records ({len(pnrgov):,} bytes, one special meal each, filtered).",
        "timings": timings,
        "pairs": [
            (by_name["PAXLST: tokenize (segments_read)"], by_name["PAXLST: message_read"]),
            (by_name["PNRGOV: tokenize (segments_read)"], by_name["PNRGOV: message_read"]),
        ],
        "verdict": f"reading the whole flight takes {flight.median_ms:.1f} ms, "
        f"{flight.median_ms / 10:.1f}% of the 1 s budget for ingest and screening.",
    }
