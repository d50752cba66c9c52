"""Treaties pages in a real browser, in English and Arabic."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_instrument_page_shows_chart_and_map(page, prefix):
    page.goto(f"{prefix}/treaties/HOSTAGES_1979/?as_of=2020-05-31")
    chart = page.locator("figure.chart svg")
    world = page.get_by_role("img", name="Status by State" if not prefix else "الحالة حسب الدولة")
    assert chart.is_visible()
    assert world.is_visible()
    assert chart.bounding_box()["height"] > 100
    assert world.evaluate("img => img.complete && img.naturalWidth") == 960
    # The map is an image file the browser keeps, in the page's language, coloured by itself.
    answer = page.request.get(world.get_attribute("src"))
    assert "max-age=3600" in answer.headers["cache-control"]
    svg = answer.text()
    assert svg.count('class="country ') > 150
    assert '<path class="country status-party" data-m49="566"' in svg  # Nigeria
    assert ".status-party{fill:#1e6b35}" in svg
    assert page.get_by_role("link", name="CSV").is_visible()
    if prefix == "/ar":
        assert page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_state_profile(page, prefix):
    page.goto(f"{prefix}/treaties/states/THA/?as_of=2019-06-01")
    assert page.locator("tbody tr").count() == 19
    assert page.locator(".badge").first.is_visible()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == ("Thailand" if not prefix else "تايلاند")


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_matrix_by_region(page, prefix):
    page.goto(f"{prefix}/treaties/matrix/")
    page.locator("#region").select_option("143")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**region=143**")
    assert page.locator("tbody tr").count() == 5
    assert page.locator("tbody td").count() == 5 * 19


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_period_page_writes_the_paragraph(page, prefix):
    page.goto(f"{prefix}/treaties/period/?from=2019-06-01&to=2020-05-31")
    paragraph = page.locator("#report-paragraph").inner_text()
    assert ("Nigeria" in paragraph) if not prefix else ("نيجيريا" in paragraph)
    assert "22" in paragraph or "٢٢" in paragraph
    assert page.locator("tbody tr").count() >= 2


def test_export_downloads_xlsx(page, tmp_path):
    page.goto("/treaties/states/NGA/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").click()
    download = download_info.value
    assert download.suggested_filename == "NGA-treaties.xlsx"
    from openpyxl import load_workbook

    target = tmp_path / download.suggested_filename
    download.save_as(target)
    sheet = load_workbook(target).active
    assert sheet.max_row == 2 + 19
