"""Page weight: the public main pages as a phone on a slow link receives them, in English and
Arabic, from `ctassist serve --prod` on a copy of the demo (issue 25, docs/adr/0016).

The same measures Lighthouse's mobile preset takes, taken with Playwright driving Debian's
Chromium: a 360 × 740 screen, the browser's cache off, the link throttled by Chromium to about
Lighthouse's "slow 4G" (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up) and the CPU slowed
four times. For each page: bytes transferred (compressed, as sent, headers included) before media
and in all, requests, elements in the document, the page's width, and the largest contentful
paint (LCP). Sizes are what the browser check in the test suite gates on (at most 200 kB before
media, no wider than 360 px); the times are recorded, never gated."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench.load import _ctassist, _server

PHONE = {"width": 360, "height": 740}
MAX_BYTES = 200_000
MEDIA = ("image", "media", "font")
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
    "uploadThroughput": 750 * 1024 / 8 * 0.9,
}
LCP_SCRIPT = """() => new Promise(resolve => {
  new PerformanceObserver(list => {
    const entries = list.getEntries();
    resolve(entries[entries.length - 1].startTime);
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(null), 3000);
})"""


def _pages() -> tuple[str, ...]:
    from ctassist.core.tests.main_pages import PUBLIC_PAGES

    return PUBLIC_PAGES


def measure_page(tab: Any, url: str) -> dict[str, Any]:
    """One cold load of `url` in `tab` (cache off, throttled): sizes, counts, width, LCP."""
    finished: list[Any] = []

    def keep(request: Any) -> None:
        finished.append(request)

    tab.on("requestfinished", keep)
    try:
        response = tab.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        document = response.request.sizes()
        lcp = tab.evaluate(LCP_SCRIPT)
        width = tab.evaluate("document.documentElement.scrollWidth")
        elements = tab.evaluate("document.getElementsByTagName('*').length")
        html_bytes = len(response.body())
    finally:
        tab.remove_listener("requestfinished", keep)
    before_media = total = 0
    for request in finished:
        sizes = request.sizes()
        sent = sizes["responseHeadersSize"] + sizes["responseBodySize"]
        total += sent
        if request.resource_type not in MEDIA:
            before_media += sent
    return {
        "before_media": before_media,
        "total": total,
        "requests": len(finished),
        "html": html_bytes,
        "html_sent": document["responseBodySize"],
        "encoding": response.headers.get("content-encoding", "none"),
        "elements": elements,
        "width": width,
        "lcp_ms": lcp,
    }


def _measure_all(base: str) -> list[tuple[str, dict[str, Any]]]:
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CTASSIST_CHROMIUM") or shutil.which("chromium")
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for prefix in ("", "/ar"):
                for path in _pages():
                    context = browser.new_context(viewport=PHONE, locale="en-GB")
                    tab = context.new_page()
                    cdp = context.new_cdp_session(tab)
                    cdp.send("Network.enable")
                    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    results.append((prefix + path, measure_page(tab, base + prefix + path)))
                    context.close()
        finally:
            browser.close()
    return results


def _kb(n: int) -> str:
    return f"{n / 1000:,.1f}"


def table(results: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    rows = [
        [
            f"`{path}`",
            f"{_kb(m['html'])} → {_kb(m['html_sent'])} ({m['encoding']})",
            _kb(m["before_media"]),
            _kb(m["total"]),
            str(m["requests"]),
            f"{m['elements']:,}",
            str(m["width"]),
            f"{m['lcp_ms']:,.0f}" if m["lcp_ms"] is not None else "n/a",
        ]
        for path, m in results
    ]
    header = [
        "page",
        "HTML kB → sent",
        "kB before media",
        "kB in all",
        "requests",
        "elements",
        "width (px)",
        "LCP (ms)",
    ]
    return {"header": header, "rows": rows}


def verdict(results: list[tuple[str, dict[str, Any]]]) -> str:
    heavy = [p for p, m in results if m["before_media"] > MAX_BYTES]
    wide = [p for p, m in results if m["width"] > PHONE["width"]]
    heaviest_path, heaviest = max(results, key=lambda item: item[1]["before_media"])
    text = (
        f"{len(results) - len(set(heavy) | set(wide))} of {len(results)} pages within both "
        f"limits; the heaviest, `{heaviest_path}`, transfers {_kb(heaviest['before_media'])} kB "
        "before media."
    )
    if heavy:
        text += f" Over 200 kB: {', '.join(heavy)}."
    if wide:
        text += f" Wider than 360 px: {', '.join(wide)}."
    return text


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="ctassist-weight-") as name:
        folder = Path(name)
        env = {
            **os.environ,
            "CTASSIST_VAR_DIR": str(folder / "var"),
            "DATABASE_URL": f"sqlite:///{folder / 'weight.sqlite3'}",
        }
        env.pop("CTASSIST_STATICFILES_STORAGE", None)  # serve --prod's own default
        _ctassist(env, "demo")
        with _server(env, folder) as base:
            results = _measure_all(base)
    ratios = [
        (f"{path}: HTML ÷ bytes sent for it", m["html"] / max(1, m["html_sent"]))
        for path, m in results
        if path.endswith("/treaties/matrix/")
    ]
    return {
        "title": "Page weight: the public main pages on a phone and a slow link",
        "target": (
            "every main page, in English and Arabic, at most 200 kB transferred before media "
            "and no wider than a 360 px screen (the browser tests check both, signed in too)"
        ),
        "about": __doc__.split("\n\n", 1)[1].replace("\n", " ")
        + " Before issue 25 (curl on the same demo, no compression): the matrix sent 412.7 kB "
        "(en) / 473.9 kB (ar) of HTML and was 736 px / 663 px wide at 360 px with 8,165 "
        "elements; an instrument page 168.9 kB / 176.6 kB (its map inline); static files "
        "unhashed, uncompressed, cached 60 s.",
        "tables": [table(results)],
        "ratio_heading": "compression (HTML ÷ sent)",
        "ratios": ratios,
        "verdict": verdict(results),
    }
