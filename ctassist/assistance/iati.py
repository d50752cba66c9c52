"""IATI 2.03 publication of projects, their activities (as results) and budgets. The XML follows
the element order of iati-activities-schema.xsd and uses only codes marked active in the IATI
codelists; both files stay in the shared data folder (settings.CTASSIST_SHARED_DATA/iati) and
are read from there."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Q
from lxml import etree

from ctassist.assistance.models import IndicatorValue, Project, Result
from ctassist.core.errors import FieldProblem, InvalidInput

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SECTOR_DAC = "15130"  # Legal and judicial development (DAC 5-digit, vocabulary 1)
SDG_TARGET = (
    "16.a"  # strengthen institutions to prevent violence and combat terrorism (vocabulary 8)
)
IMPLEMENTING, FUNDING = "4", "1"


# An IATI organisation identifier: the registration agency's code (a country or XI/XM prefix,
# a hyphen, the register's code: GB-COH, XM-DAC, XI-IATI), a hyphen, then the organisation's number
# in that register. IATI identifiers carry no white space and none of / & | ?; we accept
# letters, digits and - _ . : after the prefix.
ORGANISATION_REF = re.compile(r"^[A-Z]{2}-[A-Z0-9]+-[A-Za-z0-9][A-Za-z0-9._:-]*$")


def iati_organisation_ref_problem(ref: str) -> str | None:
    """Why `ref` is not a usable IATI organisation identifier, or None."""
    if not ref.strip():
        return (
            "The publisher's IATI organisation identifier is required "
            "(--reporting-org-ref, or the setting CTASSIST_IATI_REPORTING_ORG_REF)."
        )
    if not ORGANISATION_REF.match(ref):
        return (
            f"{ref!r} is not an IATI organisation identifier: it must be the registration "
            "agency's prefix (e.g. XM-DAC, GB-COH, XI-IATI), a hyphen and the organisation's "
            "number in that register, without spaces, using only letters, digits and - _ . :"
        )
    return None


def iati_folder() -> Path:
    return Path(settings.CTASSIST_SHARED_DATA) / "iati"


@cache
def active_codes(codelist: str) -> frozenset[str]:
    """The codes marked active in one of the shared IATI codelists."""
    tree = etree.parse(str(iati_folder() / "codelists" / f"{codelist}.xml"))
    return frozenset(
        item.findtext("code") or ""
        for item in tree.iter("codelist-item")
        if item.get("status", "active") == "active"
    )


def _narrative(parent: etree._Element, tag: str, text: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attrs)
    etree.SubElement(element, "narrative").text = text
    return element


def _status(project: Project, today: dt.date) -> str:
    if today < project.start:
        return "1"  # pipeline/identification
    if today <= project.end:
        return "2"  # implementation
    return "3"  # finalisation


def _activity_xml(
    project: Project, *, reporting_ref: str, reporting_name: str, today: dt.date
) -> etree._Element:
    root = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": f"{project.updated_at:%Y-%m-%dT%H:%M:%SZ}",
            "default-currency": "USD",
            XML_LANG: "en",
        },
    )
    etree.SubElement(root, "iati-identifier").text = f"{reporting_ref}-{project.code}"
    _narrative(root, "reporting-org", reporting_name, ref=reporting_ref, type="40")
    _narrative(root, "title", project.title)
    _narrative(root, "description", project.title, type="1")
    for donor in project.donors.all():
        attrs = {"role": FUNDING, "type": donor.iati_type or "40"}
        if donor.iati_ref:
            attrs["ref"] = donor.iati_ref
        _narrative(root, "participating-org", donor.name, **attrs)
    _narrative(
        root, "participating-org", reporting_name, role=IMPLEMENTING, type="40", ref=reporting_ref
    )
    partners = {o.pk: o for a in project.activities.all() for o in a.partners.all()}
    for partner in sorted(partners.values(), key=lambda o: o.name):
        attrs = {"role": IMPLEMENTING, "type": partner.iati_type or "40"}
        if partner.iati_ref:
            attrs["ref"] = partner.iati_ref
        _narrative(root, "participating-org", partner.name, **attrs)
    etree.SubElement(root, "activity-status", code=_status(project, today))
    etree.SubElement(root, "activity-date", type="2", **{"iso-date": project.start.isoformat()})
    etree.SubElement(root, "activity-date", type="3", **{"iso-date": project.end.isoformat()})
    countries = sorted((c for c in project.countries.all() if c.iso2), key=lambda c: c.iso2)
    shares = [round(100 / len(countries), 2) for _ in countries] if countries else []
    if shares:
        shares[-1] = round(100 - sum(shares[:-1]), 2)  # percentages add up to exactly 100
    for country, share in zip(countries, shares, strict=True):
        etree.SubElement(root, "recipient-country", code=country.iso2, percentage=f"{share:.2f}")
    etree.SubElement(root, "sector", vocabulary="1", code=SECTOR_DAC, percentage="100")
    etree.SubElement(root, "sector", vocabulary="8", code=SDG_TARGET, percentage="100")
    budget = etree.SubElement(root, "budget", type="1", status="1")
    etree.SubElement(budget, "period-start", **{"iso-date": project.start.isoformat()})
    etree.SubElement(budget, "period-end", **{"iso-date": project.end.isoformat()})
    value = etree.SubElement(
        budget, "value", currency="USD", **{"value-date": project.start.isoformat()}
    )
    value.text = f"{project.budget_usd:.2f}"
    result = etree.SubElement(root, "result", type="1")
    _narrative(result, "title", "Technical assistance delivered")
    counts = project.activities.aggregate(
        total=Count("id", distinct=True),
        female=Count(
            "attendance__participant",
            filter=Q(attendance__participant__sex="female"),
            distinct=True,
        ),
        male=Count(
            "attendance__participant", filter=Q(attendance__participant__sex="male"), distinct=True
        ),
    )
    activities = etree.SubElement(result, "indicator", measure="1")
    _narrative(activities, "title", "Activities delivered")
    _period(activities, project, [(str(counts["total"]), None)])
    people = etree.SubElement(result, "indicator", measure="1")
    _narrative(people, "title", "Officials trained, by sex")
    _period(people, project, [(str(counts["female"]), "female"), (str(counts["male"]), "male")])
    for framework_result in project.results.all():
        _framework_result(root, framework_result)
    return root


def _amount(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _framework_result(root: etree._Element, result: Result) -> None:
    """A result of the project's framework, its indicators, baselines, and per period the
    targets and the approved actual values, by sex as `dimension`s, with their source."""
    element = etree.SubElement(root, "result", type=result.level)
    _narrative(element, "title", result.title)
    for indicator in result.indicators.all():
        node = etree.SubElement(
            element,
            "indicator",
            measure=indicator.measure,
            ascending="1" if indicator.ascending else "0",
        )
        _narrative(node, "title", f"{indicator.code} {indicator.title}")
        if indicator.means_of_verification:
            _narrative(node, "description", indicator.means_of_verification)
        if indicator.baseline_year is not None and indicator.baseline_value is not None:
            etree.SubElement(
                node,
                "baseline",
                year=str(indicator.baseline_year),
                value=_amount(indicator.baseline_value),
            )
        for period in indicator.periods.all():
            values = list(period.values.all())
            targets = [v for v in values if v.kind == IndicatorValue.Kind.TARGET]
            actuals = [v for v in values if v.kind == IndicatorValue.Kind.ACTUAL and v.approved]
            if not targets and not actuals:
                continue
            block = etree.SubElement(node, "period")
            etree.SubElement(block, "period-start", **{"iso-date": period.start.isoformat()})
            etree.SubElement(block, "period-end", **{"iso-date": period.end.isoformat()})
            for tag, chosen in (("target", targets), ("actual", actuals)):
                for value in chosen:
                    item = etree.SubElement(block, tag, value=_amount(value.value))
                    if value.sex != IndicatorValue.Sex.TOTAL:
                        etree.SubElement(item, "dimension", name="sex", value=value.sex)
                    _narrative(item, "comment", f"Source: {value.source}")


def _period(
    indicator: etree._Element, project: Project, actuals: list[tuple[str, str | None]]
) -> None:
    period = etree.SubElement(indicator, "period")
    etree.SubElement(period, "period-start", **{"iso-date": project.start.isoformat()})
    etree.SubElement(period, "period-end", **{"iso-date": project.end.isoformat()})
    for amount, sex in actuals:
        actual = etree.SubElement(period, "actual", value=amount)
        if sex:
            etree.SubElement(actual, "dimension", name="sex", value=sex)


def iati_activities(
    projects: Iterable[Project],
    *,
    reporting_ref: str,
    reporting_name: str,
    now: dt.datetime,
) -> bytes:
    """The IATI 2.03 activity file for the projects."""
    if (problem := iati_organisation_ref_problem(reporting_ref)) is not None:
        raise InvalidInput(problem, problems=[FieldProblem("reporting_ref", problem)])
    root = etree.Element(
        "iati-activities",
        version="2.03",
        **{"generated-datetime": f"{now:%Y-%m-%dT%H:%M:%SZ}"},
    )
    for project in projects:
        root.append(
            _activity_xml(
                project,
                reporting_ref=reporting_ref,
                reporting_name=reporting_name,
                today=now.date(),
            )
        )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def iati_schema_errors(content: bytes) -> list[str]:
    """Problems found by validating against the shared iati-activities-schema.xsd (empty: valid)."""
    schema = etree.XMLSchema(
        etree.parse(str(iati_folder() / "schema" / "iati-activities-schema.xsd"))
    )
    document = etree.fromstring(content)
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def iati_codelist_errors(content: bytes) -> list[str]:
    """Codes used that are not active in the shared codelists."""
    document = etree.fromstring(content)
    checks = [
        ("//activity-status/@code", "ActivityStatus"),
        ("//activity-date/@type", "ActivityDateType"),
        ("//participating-org/@role", "OrganisationRole"),
        ("//participating-org/@type", "OrganisationType"),
        ("//reporting-org/@type", "OrganisationType"),
        ("//recipient-country/@code", "Country"),
        ("//sector[@vocabulary='1']/@code", "Sector"),
        ("//sector[@vocabulary='8']/@code", "UNSDG-Targets"),
        ("//budget/@type", "BudgetType"),
        ("//budget/@status", "BudgetStatus"),
        ("//result/@type", "ResultType"),
        ("//indicator/@measure", "IndicatorMeasure"),
    ]
    problems = []
    for xpath, codelist in checks:
        allowed = active_codes(codelist)
        for code in set(document.xpath(xpath)):
            if code not in allowed:
                problems.append(f"{xpath}: {code!r} is not an active {codelist} code")
    return problems


def projects_for_export() -> list[Project]:
    return list(
        Project.objects.prefetch_related(
            "donors",
            "countries",
            "results__indicators__periods__values",
            "activities__partners",
        ).order_by("code")
    )
