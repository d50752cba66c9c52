"""`ctassist screening lists fetch` downloads the live list over HTTP and loads it as a new
version; a failed or cut download says so and writes nothing. A real HTTP server on loopback
stands in for the UN's."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctassist.cli import main
from ctassist.screening.models import ListVersion
from ctassist.screening.tests.listfiles import un_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "www"
    folder.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def do_GET(self):
            if self.path == "/cut.xml":
                body = (folder / "list.xml").read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 3])
                return
            super().do_GET()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str):
    return CliRunner().invoke(main, ["screening", "lists", "fetch", "--url", url, "--no-rescreen"])


def test_fetch_loads_a_new_version(server, tmp_path):
    base, folder = server
    variant = un_variant(tmp_path, generated="2026-03-09T00:00:00.000Z", drop_ref="CDi.006")
    (folder / "list.xml").write_bytes(variant.read_bytes())
    result = fetch(f"{base}/list.xml")
    assert result.exit_code == 0, result.output
    assert "2026-03-09T00:00:00+00:00\tindividuals: 729\tentities: 273" in result.stdout
    assert ListVersion.objects.filter(generated__year=2026, generated__month=3).count() == 1


def test_a_cut_or_missing_download_writes_nothing(server, tmp_path):
    base, folder = server
    variant = un_variant(tmp_path, generated="2026-03-09T00:00:00.000Z")
    (folder / "list.xml").write_bytes(variant.read_bytes())
    before = ListVersion.objects.count()
    result = fetch(f"{base}/cut.xml")
    assert result.exit_code == 1 and "was cut" in result.stderr
    result = fetch(f"{base}/absent.xml")
    assert result.exit_code == 1 and "Could not download" in result.stderr
    result = fetch("file:///etc/passwd")
    assert result.exit_code == 1 and "Not a web address" in result.stderr
    assert ListVersion.objects.count() == before
