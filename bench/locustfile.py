"""The clients of the load benchmark (bench/load.py): `locust --headless -f bench/locustfile.py`.

Only Locust imports this file (it patches the standard library with gevent); bench/load.py starts
it as a subprocess and reads its JSON statistics.

`MixUser`, the documented mix. Each client picks a task by weight, then waits 0.5–1.5 s (uniform,
mean 1 s: a busy reader clicking on, or a script that parses what it got). Per 100 tasks:

| weight | task | requests |
|---:|---|---|
| 20 | home `/` | 1 |
| 15 | a State page `/states/<code>/` (NGA, KEN, NER, MLI, FRA, IRQ in turn) | 1 |
| 15 | library search page `/library/?q=<term>` | 1 |
| 15 | library search API `/api/v1/library/search?q=<term>` | 1 |
| 10 | States API `/api/v1/geo/states` | 1 |
| 10 | treaties period page `/treaties/period/` | 1 |
| 5 | treaties matrix `/treaties/matrix/` (about 400 KB of HTML) | 1 |
| 10 | signed-in write, bearer token of demo-admin: `GET /api/v1/mla/tracking/<id>` for its | 2 |
| | version, then `PATCH` it with that version (urgency switched) | |

So about 110 requests per 100 tasks, one in eleven a write. Search terms rotate over six (English,
French, Spanish) that find records in the demo library. A `409` on the PATCH (another client
changed the same tracked request between our read and our write) is the answer the API promises
for a stale version, not an error: it is counted apart, under its own name. Any other status
outside 2xx/3xx, and any connection failure or time-out, is an error.

`HealthzUser`: the same clients and waits, asking only `/healthz` (one `SELECT 1`, no template) —
the baseline measured at each level in the same run.

Environment (set by bench/load.py): CTASSIST_LOAD_TOKEN, an API token of demo-admin;
CTASSIST_LOAD_TRACKED, the ids of the demo's tracked requests, comma-separated.
"""

from __future__ import annotations

import itertools
import os
import random

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

WAIT = between(0.5, 1.5)
STATES = ["NGA", "KEN", "NER", "MLI", "FRA", "IRQ"]
TERMS = ["terrorism", "financement", "terrorismo", "evidence", "foreign fighters", "financing"]
CONFLICT = "PATCH /api/v1/mla/tracking/{id} — 409 conflict (expected)"


class MixUser(FastHttpUser):
    wait_time = WAIT

    def on_start(self) -> None:
        start = random.randrange(len(TERMS))
        self.terms = itertools.cycle(TERMS[start:] + TERMS[:start])
        self.states = itertools.cycle(random.sample(STATES, len(STATES)))
        self.tracked = [int(i) for i in os.environ["CTASSIST_LOAD_TRACKED"].split(",")]
        self.auth = {"Authorization": f"Bearer {os.environ['CTASSIST_LOAD_TOKEN']}"}

    @task(20)
    def home(self) -> None:
        self.client.get("/", name="GET /")

    @task(15)
    def state_page(self) -> None:
        self.client.get(f"/states/{next(self.states)}/", name="GET /states/<code>/")

    @task(15)
    def library_page(self) -> None:
        self.client.get("/library/", params={"q": next(self.terms)}, name="GET /library/?q=")

    @task(15)
    def library_api(self) -> None:
        self.client.get(
            "/api/v1/library/search",
            params={"q": next(self.terms)},
            name="GET /api/v1/library/search?q=",
        )

    @task(10)
    def geo_api(self) -> None:
        self.client.get("/api/v1/geo/states", name="GET /api/v1/geo/states")

    @task(10)
    def period_page(self) -> None:
        self.client.get("/treaties/period/", name="GET /treaties/period/")

    @task(5)
    def matrix_page(self) -> None:
        self.client.get("/treaties/matrix/", name="GET /treaties/matrix/")

    @task(10)
    def tracking_write(self) -> None:
        url = f"/api/v1/mla/tracking/{random.choice(self.tracked)}"
        with self.client.get(
            url, headers=self.auth, name="GET /api/v1/mla/tracking/{id}", catch_response=True
        ) as read:
            if read.status_code != 200:
                read.failure(f"status {read.status_code}")
                return
            current = read.json()
        body = {"version": current["version"], "urgent": not current["urgent"]}
        with self.client.patch(
            url,
            json=body,
            headers=self.auth,
            name="PATCH /api/v1/mla/tracking/{id}",
            catch_response=True,
        ) as write:
            if write.status_code == 409:
                write.request_meta["name"] = CONFLICT
                write.success()


class HealthzUser(FastHttpUser):
    wait_time = WAIT

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="GET /healthz")
