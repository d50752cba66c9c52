"""Pages made of the sections apps register: the State page gathers treaties, library and
cooperation without its app importing them; order, access and absence follow the registry."""

from __future__ import annotations

import re

import pytest

from ctassist.core.sections import Section, section_register, sections_registered

pytestmark = pytest.mark.django_db


def _headings(body: str) -> list[str]:
    return re.findall(r'<h2 id="([a-z]+)-heading"', body)


def test_the_state_page_gathers_each_apps_section_in_order(client):
    from ctassist.screening.models import ListVersion

    body = client.get("/states/NGA/").content.decode()
    # The frozen UN list (loaded by the demo when ../shared/data is present) designates a
    # national of Nigeria: the screening section comes last.
    listed = ["screening"] if ListVersion.objects.exists() else []
    assert _headings(body) == ["treaties", "library", "cooperation", *listed]
    assert "Party to " in body and "/treaties/states/NGA/" in body
    assert "/library/records/demo-leg-nga-2013/" in body
    assert "/cooperation/notices/NGA/" in body or "/cooperation/profiles/NGA/" in body


def test_a_reader_sees_only_what_the_apps_selectors_let_them_see(client, persona):
    public = client.get("/states/SEN/").content.decode()
    assert "demo-draft-sen-2020" not in public
    client.force_login(persona("ed", role="editor"))
    editor = client.get("/states/SEN/").content.decode()
    assert "/library/records/demo-draft-sen-2020/" in editor


def test_a_section_with_nothing_to_say_is_left_out(client):
    # Tuvalu: no library records, no cooperation profile or notices in the reference data.
    body = client.get("/states/TUV/").content.decode()
    assert _headings(body) == ["treaties"]


def test_the_treaties_profile_does_not_repeat_its_own_summary(client):
    body = client.get("/treaties/states/NGA/").content.decode()
    assert "treaties-heading" not in body
    assert "library-heading" in body


def test_the_registry_refuses_a_second_section_of_the_same_name():
    existing = sections_registered("state")[0]
    with pytest.raises(ValueError, match="registered twice"):
        section_register(existing)
    with pytest.raises(ValueError, match="starts with its app"):
        section_register(
            Section(page="state", name="nameless", order=1, template="", gather=lambda r, c: {})
        )
    assert [s.order for s in sections_registered("state")] == sorted(
        s.order for s in sections_registered("state")
    )
