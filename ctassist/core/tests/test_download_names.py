"""A download's name cannot add parameters to its header (issue 27, item 6): a reference typed
by a user, `NGA/1"; filename*=UTF-8''evil.html; x="`, names the file it belongs to."""

from __future__ import annotations

from email.message import Message

from django.http import HttpResponse
from hypothesis import given
from hypothesis import strategies as st

from ctassist.core.exports import download_named

PLANTED = "NGA/1\"; filename*=UTF-8''evil.html; x=\""


def _filename(header: str) -> str:
    message = Message()
    message["Content-Disposition"] = header
    name = message.get_filename()
    assert name is not None
    return name


def test_a_planted_reference_stays_in_the_name():
    response = download_named(HttpResponse(b"x"), f"{PLANTED}.docx")
    name = _filename(response["Content-Disposition"])
    assert name.endswith(".docx") and not name.endswith("evil.html")
    assert response["Content-Disposition"].startswith("attachment;")


def test_non_ascii_names_are_kept_and_reports_open_inline():
    response = download_named(HttpResponse(b"x"), "تقرير-2020.html", inline=True)
    assert response["Content-Disposition"].startswith("inline;")
    assert _filename(response["Content-Disposition"]) == "تقرير-2020.html"


@given(st.text(min_size=1, max_size=60))
def test_any_name_gives_one_header_whose_file_name_has_no_path(name):
    header = download_named(HttpResponse(b"x"), name + ".csv")["Content-Disposition"]
    assert "\n" not in header and "\r" not in header
    got = _filename(header)
    assert "/" not in got and "\\" not in got and got.endswith(".csv")
