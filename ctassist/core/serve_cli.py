"""`ctassist serve [--prod]`: the development server, or gunicorn for production.

Production runs gunicorn's threaded workers (`gthread`): a request, an upload on a slow link
included, takes as long as it takes, because `--timeout` only restarts a worker that stops
answering its master, never one busy reading a slow request. Why, and what else was weighed:
docs/adr/0018. Uploads in progress are removed when their worker ends (core/gunicorn_hooks.py).
"""

from __future__ import annotations

import os
import subprocess
import sys

import click

PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# Each worker serves this many requests at once (slow uploads wait in their own thread).
THREADS = 8


@click.command("serve")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--prod", is_flag=True, help="Run gunicorn, one worker per core.")
@click.option(
    "--timeout",
    default=120,
    show_default=True,
    type=click.IntRange(1),
    help="Seconds a worker may stop answering gunicorn before it is restarted (--prod; a "
    "long request or a slow upload does not count).",
)
def serve_command(port: int, host: str, prod: bool, timeout: int) -> None:
    """Serve the platform (development server, or gunicorn with --prod)."""
    if not prod:
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}", use_reloader=False)
        return
    secret = os.environ.get("DJANGO_SECRET_KEY", "")
    if len(secret) < 50 or len(set(secret)) < 5:
        raise click.ClickException(
            "Set DJANGO_SECRET_KEY to 50 or more random characters before serving in "
            "production (docs/deploy.md); the development key kept in var/ is not used there."
        )
    # Hashed, precompressed static files that browsers keep for a year, unless the environment
    # names another storage (docs/deploy.md). Set before collectstatic (run anew so it reads the
    # setting) and inherited by gunicorn's workers.
    os.environ.setdefault("CTASSIST_STATICFILES_STORAGE", PRODUCTION_STATIC_STORAGE)
    subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "--verbosity", "0"],
        check=True,
    )
    workers = os.cpu_count() or 1
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--config",
        "python:ctassist.core.gunicorn_hooks",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(THREADS),
        "--timeout",
        str(timeout),
        "--access-logfile",
        "-",
        # Only the reverse proxy may say which address and scheme a request came from.
        "--forwarded-allow-ips",
        os.environ.get("CTASSIST_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
    ]
    click.echo(
        f"gunicorn on http://{host}:{port} with {workers} workers of {THREADS} threads", err=True
    )
    os.execv(sys.executable, args)  # noqa: S606 - replaces this process with gunicorn
