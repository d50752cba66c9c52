"""Treaties pages through the Django client: exports, the editor's form, bad parameters."""

from __future__ import annotations

import csv
import io

import pytest

from ctassist.core.models import AuditEntry
from ctassist.treaties.models import Instrument, ParticipationAction
from ctassist.treaties.services import REFERENCE_DIR
from ctassist.treaties.titles import FULL_TITLES, SHORT_NAMES

pytestmark = pytest.mark.django_db


def test_instrument_titles_are_in_the_translation_source():
    with (REFERENCE_DIR / "reference" / "instruments.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["short_name"] for r in rows] == list(SHORT_NAMES)
    assert [r["full_title"] for r in rows] == list(FULL_TITLES)


@pytest.mark.parametrize(
    "url",
    [
        "/treaties/",
        "/treaties/MP14_2014/",
        "/treaties/states/NGA/",
        "/treaties/matrix/",
        "/treaties/period/?from=2019-06-01&to=2020-05-31",
    ],
)
def test_every_table_downloads_as_csv_and_xlsx(client, url):
    joiner = "&" if "?" in url else "?"
    as_csv = client.get(f"{url}{joiner}format=csv")
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert len(rows) >= 3  # note, header, data
    as_xlsx = client.get(f"{url}{joiner}format=xlsx")
    assert as_xlsx.status_code == 200
    assert as_xlsx.content[:2] == b"PK"  # a real Office Open XML (zip) file


def test_bad_date_parameter_is_a_clear_422(client):
    response = client.get("/treaties/matrix/?as_of=31/05/2020")
    assert response.status_code == 422
    assert "YYYY-MM-DD" in response.content.decode()


def test_unknown_instrument_is_404(client):
    assert client.get("/treaties/NOPE_1999/").status_code == 404


def test_editor_records_an_action_through_the_form(client, persona):
    editor = persona("ed", role="editor")
    client.force_login(editor)
    response = client.post(
        "/treaties/actions/new/",
        {
            "instrument_id": "SUA_2005",
            "participant": "Tuvalu",
            "action": "accession",
            "date": "2031-01-05",
            "source_url": "https://www.imo.org/notification-1",
        },
    )
    assert response.status_code == 302
    action = ParticipationAction.objects.get(state__code="TUV", instrument__code="SUA_2005")
    assert action.participant_name == "Tuvalu"
    entry = AuditEntry.objects.get(model="treaties.participationaction", object_pk=str(action.pk))
    assert entry.actor == editor


def test_form_rejects_an_unknown_state_and_keeps_the_input(client, persona):
    client.force_login(persona("ed", role="editor"))
    count = ParticipationAction.objects.count()
    response = client.post(
        "/treaties/actions/new/",
        {
            "instrument_id": "SUA_2005",
            "participant": "Atlantis",
            "action": "accession",
            "date": "2031-01-05",
            "source_url": "https://www.imo.org/notification-1",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Atlantis" in body
    assert ParticipationAction.objects.count() == count


def test_practitioners_cannot_record_actions(client, persona):
    client.force_login(persona("p", countries=("NGA",)))
    assert client.get("/treaties/actions/new/").status_code == 403
    assert Instrument.objects.count() == 19


def test_the_instrument_page_links_its_map_which_the_browser_may_keep(client):
    page = client.get("/fr/treaties/HOSTAGES_1979/?as_of=2020-05-31").content.decode()
    assert "<svg" in page  # the chart, small, stays inline
    assert 'class="country' not in page  # the map does not
    src = "/fr/treaties/HOSTAGES_1979/map.svg?as_of=2020-05-31&amp;basis=deposit"
    assert f'<img src="{src}"' in page
    assert 'alt="Statut par État"' in page
    answer = client.get(src.replace("&amp;", "&"))
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("image/svg+xml")
    assert answer["Cache-Control"] == "public, max-age=3600"
    svg = answer.content.decode()
    assert "<title" in svg and "Statut par État" in svg
    assert "<title>Nigeria: partie</title>" in svg  # tooltips in the language of the address
