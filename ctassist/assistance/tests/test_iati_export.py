"""`ctassist assistance export-iati`: the file validates against the shared IATI 2.03 schema
and uses only active codes from the shared codelists."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner
from django.utils import timezone
from lxml import etree

from ctassist.assistance.iati import (
    iati_activities,
    iati_codelist_errors,
    iati_folder,
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
