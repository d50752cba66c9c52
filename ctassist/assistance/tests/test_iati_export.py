"""`ctassist assistance export-iati`: the file validates against the shared IATI 2.03 schema
and uses only active codes from the shared codelists."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from ctassist.assistance.iati import (
    iati_activities,
    iati_codelist_errors,
    iati_folder,
    iati_organisation_ref_problem,
    iati_schema_errors,
    projects_for_export,
)
from ctassist.cli import main

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (iati_folder() / "schema" / "iati-activities-schema.xsd").exists(),
        reason="the shared IATI schema folder (CTASSIST_SHARED_DATA/iati) is absent",
    ),
]


def test_demo_programme_exports_valid_iati(tmp_path):
    out = tmp_path / "iati.xml"
    result = CliRunner().invoke(
        main,
        ["assistance", "export-iati", "--out", str(out), "--reporting-org-ref", "XI-EXAMPLE-1"],
    )
    assert result.exit_code == 0, result.output
    content = out.read_bytes()
    assert iati_schema_errors(content) == []
    assert iati_codelist_errors(content) == []
    document = etree.fromstring(content)
    activities = document.findall("iati-activity")
    assert len(activities) == len(projects_for_export())
    for activity in activities:
        shares = [float(c.get("percentage")) for c in activity.findall("recipient-country")]
        assert abs(sum(shares) - 100) < 0.001
        delivered = activity.find("result")
        sexes = delivered.xpath(".//indicator/period/actual/dimension[@name='sex']/@value")
        assert sorted(sexes) == ["female", "male"]
        implementing = activity.xpath("participating-org[@role='4']/narrative/text()")
        assert len(implementing) >= 2  # the publisher and the partners of its activities
        levels = [r.get("type") for r in activity.findall("result")[1:]]
        assert levels == ["2", "1"]  # the project's outcome, then its output
        assert activity.xpath(".//result[@type='1']/indicator/baseline[@year='2018']")


def test_an_invalid_file_is_caught(tmp_path):
    project = projects_for_export()[0]
    project.budget_usd = Decimal("1000.00")
    content = iati_activities(
        [project], reporting_ref="XI-EXAMPLE-1", reporting_name="Publisher", now=timezone.now()
    )
    broken = content.replace(b'<activity-status code="', b'<activity-status code="9')
    assert iati_codelist_errors(broken)
    unordered = content.replace(b"<iati-identifier>", b"<iati-identifierx>").replace(
        b"</iati-identifier>", b"</iati-identifierx>"
    )
    assert iati_schema_errors(unordered)


def test_publisher_reference_is_required(tmp_path):
    result = CliRunner().invoke(
        main, ["assistance", "export-iati", "--out", str(tmp_path / "x.xml")]
    )
    assert result.exit_code != 0 and "reporting-org-ref" in result.output


@pytest.mark.parametrize(
    "ref", ["bad ref", "XI-EXAMPLE", "xi-example-1", "XI-EXAMPLE-1/2", "GB-COH-12 34", "-X-1"]
)
def test_a_malformed_organisation_identifier_is_refused_before_writing(tmp_path, ref):
    out = tmp_path / "x.xml"
    result = CliRunner().invoke(
        main, ["assistance", "export-iati", "--out", str(out), "--reporting-org-ref", ref]
    )
    assert result.exit_code == 1
    assert "is not an IATI organisation identifier" in result.output
    assert "valid IATI" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("ref", ["XI-EXAMPLE-1", "XM-DAC-41110", "GB-COH-01234567", "NL-KVK-5_1.a"])
def test_well_formed_identifiers_pass(ref):
    assert iati_organisation_ref_problem(ref) is None


def test_the_default_reference_comes_from_the_setting(tmp_path, settings):
    settings.IATI_REPORTING_ORG_REF = "XI-EXAMPLE-1"
    out = tmp_path / "x.xml"
    result = CliRunner().invoke(main, ["assistance", "export-iati", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert b"<iati-identifier>XI-EXAMPLE-1-" in out.read_bytes()


@given(st.text(min_size=1, max_size=40))
def test_no_identifier_with_white_space_or_a_forbidden_character_is_accepted(text):
    if any(ch.isspace() or ch in "/&|?" for ch in text):
        assert iati_organisation_ref_problem(text) is not None
