"""Learning in a real browser (en, ar): a practitioner registers; a learning manager approves in
a second browser; the practitioner sets a password through the emailed link, enrols, completes
the lessons and the quiz, downloads the certificate (a PDF naming them and the course) and
verifies it on the public page. In Arabic the lesson page is right-to-left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser]

TITLES = {"en": "Digital evidence across borders", "ar": "الأدلة الرقمية عبر الحدود"}


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/ar", "ar")])
def test_register_approve_learn_and_verify(page, browser, live_url, login, prefix, language):
    from django.core import mail

    from ctassist.core.extraction import text_from_bytes

    name = f"Browser Learner {language.upper()}"
    email = f"browser-learner-{language}@example.org"
    page.goto(f"{prefix}/learning/register/")
    page.locator("#id_full_name").fill(name)
    page.locator("#id_email").fill(email)
    page.locator("#id_country").select_option("KEN")
    page.locator("#id_institution").fill("Office of the Director of Public Prosecutions")
    page.locator("#id_function").fill("prosecutor")
    page.locator("#id_sex").select_option("female")
    page.locator("#id_language").select_option(language)
    page.locator("#register-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#registered").count() == 1

    office = browser.new_context(base_url=live_url, locale="en-GB")
    manager = office.new_page()
    login(manager, "demo-learning-manager")
    manager.goto("/learning/approvals/")
    card = manager.locator("section.card", has_text=name)
    card.locator("button[value=approve]").click()
    manager.wait_for_load_state()
    assert manager.locator("section.card", has_text=name).count() == 0
    office.close()

    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert link is not None
    page.goto(link.group(1))
    password = "a long browser passphrase 2026"
    page.locator("#id_new_password1").fill(password)
    page.locator("#id_new_password2").fill(password)
    page.locator("#password-form button[type=submit]").click()
    page.wait_for_load_state()
    login(page, email, password)

    page.goto(f"{prefix}/learning/courses/digital-evidence/")
    page.locator("#language").select_option(language)
    page.locator("#enrol-form button[type=submit]").click()
    page.wait_for_load_state()
    lessons = page.locator("ol a")
    hrefs = [lessons.nth(i).get_attribute("href") for i in range(lessons.count())]
    assert len(hrefs) == 4
    for href in hrefs:
        page.goto(href)
        if language == "ar":
            assert page.locator("html").get_attribute("dir") == "rtl"
            assert page.locator("#lesson").get_attribute("dir") == "rtl"
        page.locator("#lesson-done").click()
        page.wait_for_load_state()
    page.locator("#quiz-link").click()
    page.wait_for_load_state()
    groups = page.locator("fieldset")
    for i in range(groups.count()):
        groups.nth(i).get_by_label("B", exact=True).check()
    page.locator("#quiz-submit").click()
    page.wait_for_load_state()
    assert page.locator("#to-mine").count() == 1

    page.goto(f"{prefix}/learning/mine/")
    with page.expect_download() as download:
        page.locator("#certificate-digital-evidence").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = text_from_bytes(pdf, filename="certificate.pdf")
    assert name in text and TITLES[language] in text

    page.context.clear_cookies()  # the verification page is public
    code = re.search(r"/certificates/([^/]+)/pdf/", download.value.url)
    assert code is not None
    page.goto(f"{prefix}/learning/certificates/{code.group(1)}/")
    shown = page.locator("#certificate").inner_text()
    assert name in shown and TITLES[language] in shown
    assert email not in page.content()
    assert page.locator("#status").inner_text().strip() in ("valid", "صالحة")
