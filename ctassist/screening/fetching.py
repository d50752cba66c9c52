"""Downloading the live UN Consolidated List for `ctassist screening lists fetch`.

The file is streamed to a temporary file under var/, bounded by the 'screening list' upload
limit, and removed after loading; a download that fails or is cut says so and loads nothing."""

from __future__ import annotations

import contextlib
import http.client
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ctassist.core.errors import DomainError, FieldProblem, TooLarge


class DownloadFailed(DomainError):
    code = "download_failed"


@contextlib.contextmanager
def un_list_fetch(url: str, *, timeout: float = 60.0) -> Iterator[Path]:
    if not url.startswith(("https://", "http://")):
        raise DownloadFailed(
            _("Not a web address: %(url)s") % {"url": url}, problems=[FieldProblem("url", url)]
        )
    limit = settings.CTASSIST_UPLOAD_MAX_BYTES["screening list"]
    folder = Path(settings.VAR_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".un-list-", suffix=".xml") as handle:
        # The scheme is checked above: http(s) only.
        length: str | None = None
        received = 0
        request = urllib.request.Request(url, headers={"User-Agent": "ctassist screening"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
                length = answer.headers.get("Content-Length")
                while chunk := answer.read(1 << 20):
                    received += len(chunk)
                    if received > limit:
                        raise TooLarge(
                            _("The list at %(url)s is larger than %(limit)s MB.")
                            % {"url": url, "limit": limit // 1024**2},
                            problems=[FieldProblem("url", "too large")],
                        )
                    handle.write(chunk)
                if length is not None and length.isdigit() and int(length) != received:
                    raise DownloadFailed(
                        _("The download from %(url)s was cut (%(got)s of %(size)s bytes).")
                        % {"url": url, "got": received, "size": length}
                    )
        except http.client.IncompleteRead as error:
            raise DownloadFailed(
                _("The download from %(url)s was cut (%(got)s of %(size)s bytes).")
                % {"url": url, "got": received + len(error.partial), "size": length or "?"}
            ) from None
        except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError) as error:
            raise DownloadFailed(
                _("Could not download %(url)s: %(error)s") % {"url": url, "error": error},
                problems=[FieldProblem("url", str(error))],
            ) from None
        handle.flush()
        yield Path(handle.name)
