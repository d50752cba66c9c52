"""A practitioner drafts the Niger → France bank-records request in the browser, step by step,
is stopped at a step that lacks an element, and downloads a DOCX with every section filled."""

from __future__ import annotations

import io
import re

import docx
import pytest

pytestmark = [pytest.mark.browser]


def _submit(page):
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()


def test_draft_bank_records_request_niger_to_france(page, login):
    login(page, "demo-central-authority-ner")
    page.goto("/cooperation/")
    page.get_by_role("button", name="Draft a new request").click()
    page.wait_for_url("**/parties/")
    page.get_by_label("Reference (case or file number)").fill("NER/PJS/2020/0457")
    page.get_by_label("Date of the request").fill("2020-03-12")
    page.get_by_label("Language of the request").select_option("fr")
    page.get_by_label("Requested State").select_option("FRA")
    _submit(page)
    page.wait_for_url("**/authority/")
    # Stopped: the authority's name is missing.
    page.get_by_label("E-mail").fill("pjs@example.org")
    _submit(page)
    assert page.locator("#step-errors").is_visible()
    assert "/authority/" in page.url
    page.get_by_label("Authority").fill("Pôle judiciaire spécialisé, Niamey")
    _submit(page)
    page.wait_for_url("**/basis/")
    page.get_by_label("Channel of transmission").select_option("central_authority")
    page.get_by_label(re.compile(r"Financing.*art\. 12")).check()
    _submit(page)
    page.wait_for_url("**/proceedings/")
    page.get_by_label("Nature of the proceedings").fill(
        "Information judiciaire pour financement du terrorisme"
    )
    page.get_by_label("Stage").select_option("investigation")
    page.get_by_label("Summary of the facts").fill(
        "Virements reçus sur un compte en France puis remis à un groupe armé."
    )
    _submit(page)
    page.wait_for_url("**/offences/")
    page.get_by_label("Offence").fill("Financement du terrorisme")
    page.get_by_label("Text of the provision").fill("Le fait de fournir ou de réunir des fonds …")
    page.get_by_label("Maximum penalty").fill("Trente ans d'emprisonnement")
    _submit(page)
    page.wait_for_url("**/persons/")
    page.get_by_label("Role").select_option("suspect")
    page.get_by_label("Name").fill("A. B. (fictitious)")
    _submit(page)
    page.wait_for_url("**/assistance/")
    page.get_by_label("Type of assistance").select_option("banking_records")
    page.get_by_label("Purpose and link to the facts").fill(
        "Établir l'origine et la destination des fonds."
    )
    _submit(page)
    # The bank details are essential: the step asks for them.
    assert "/assistance/" in page.url and page.locator("#step-errors").is_visible()
    page.get_by_label("Bank").fill("Banque (exemple), Paris")
    page.get_by_label("Account holder").select_option("0")
    page.get_by_label("Accounts").fill("FR76 0000 0000 0000")
    page.get_by_label("Period from").fill("2019-01-01")
    page.get_by_label("Period to").fill("2019-12-31")
    page.get_by_label("Records").fill("relevés de compte\nordres de virement")
    _submit(page)
    page.wait_for_url("**/conditions/")
    page.get_by_label("Keep the request confidential").check()
    page.get_by_label("Why").fill("Risque de fuite des fonds.")
    page.get_by_label("Use of the evidence (undertaking)").fill(
        "Uniquement pour la présente procédure."
    )
    _submit(page)
    page.wait_for_url("**/signature/")
    page.get_by_label("Name").fill("Le juge d'instruction")
    page.get_by_label("Position").fill("Juge d'instruction")
    page.get_by_label("Place").fill("Niamey")
    _submit(page)
    page.wait_for_url("**/review/")
    assert page.locator("#complete").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download DOCX").click()
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "3. Fondement juridique" in headings and "8. Entraide demandée" in headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Banque (exemple), Paris" in text and "FR76 0000 0000 0000" in text


def test_writer_pages_in_arabic(page, login):
    login(page, "demo-central-authority-ner")
    page.goto("/ar/cooperation/")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_offences_added_moved_and_removed_with_the_keyboard(page, login):
    """Several offences on the web: each action is a button reached with Tab and pressed with
    Enter; what was typed survives every change of the list."""
    from ctassist.mla.models import MlaRequest

    def press(button_name: str) -> None:
        page.get_by_role("button", name=button_name).focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")

    def offences() -> list[str]:
        return [
            page.locator(f"#item-{i}").get_by_label("Offence").input_value()
            for i in range(page.locator("fieldset.item").count())
        ]

    login(page, "demo-central-authority-ner")
    page.goto("/cooperation/")
    page.get_by_role("button", name="Draft a new request").click()
    page.wait_for_url("**/parties/")
    request_id = int(page.url.rstrip("/").split("/")[-2])
    page.goto(page.url.replace("/parties/", "/offences/"))
    page.locator("#item-0").get_by_label("Offence").fill("Financing of terrorism")
    press("Add an offence")
    assert page.url.endswith("#item-1")
    assert offences() == ["Financing of terrorism", ""]
    page.locator("#item-1").get_by_label("Offence").fill("Membership of a terrorist group")
    press("Move Offence 2 up")
    assert offences() == ["Membership of a terrorist group", "Financing of terrorism"]
    press("Remove Offence 1")
    assert offences() == ["Financing of terrorism"]
    # Enter in a text field still means "Save and continue", not a change of the list.
    page.locator("#item-0").get_by_label("Maximum penalty").fill("Twenty years")
    with page.expect_navigation():
        page.locator("#item-0").get_by_label("Maximum penalty").press("Enter")
    saved = MlaRequest.objects.get(pk=request_id).data["offences"]
    assert saved == [{"name": "Financing of terrorism", "penalty": "Twenty years"}]


def test_the_writers_form_reads_well(page, login):
    """Legal-basis check boxes sit beside their labels; the header's language switch and the
    request's language field do not share a name."""
    from ctassist.mla.models import MlaRequest

    login(page, "demo-central-authority-ner")
    page.goto("/cooperation/")
    page.get_by_role("button", name="Draft a new request").click()
    page.wait_for_url("**/parties/")
    assert page.locator("[name=language]").count() == 1  # the request's own field only
    page.get_by_label("Date of the request").fill("2020-03-12")
    page.get_by_label("Requested State").select_option("FRA")
    page.get_by_role("button", name="Save and continue").click()
    request_id = int(page.url.rstrip("/").split("/")[-2])
    page.goto(f"/cooperation/{request_id}/basis/")
    box = page.get_by_label("Reciprocity")
    label = page.locator("label", has=box)
    gap = label.bounding_box()["x"] + label.bounding_box()["width"] - box.bounding_box()["x"]
    text_start = page.evaluate(
        """(label) => { const range = document.createRange();
            range.selectNodeContents(label); const rects = [...range.getClientRects()];
            return Math.min(...rects.filter(r => r.width > 0 && r.left > 0).map(r => r.left)); }""",
        label.element_handle(),
    )
    checkbox = box.bounding_box()
    distance = abs(text_start - (checkbox["x"] + checkbox["width"]))
    assert gap > 0 and distance < 24, f"the check box is {distance}px from its label"
    assert MlaRequest.objects.get(pk=request_id).data["date"] == "2020-03-12"
