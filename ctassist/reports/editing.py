"""The editor's workflow on the generated draft: paragraphs an editor replaced or added (kept
across regenerations, with who and when), the final version frozen with its figures, and what
a later regeneration changed against it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ctassist.reports.build import Paragraph, Part
from ctassist.reports.figures import Figure
from ctassist.reports.models import ParagraphEdit


def _who(edit: ParagraphEdit) -> str:
    author = edit.author.get_username() if edit.author else _("the office")
    return _("Written by %(author)s on %(date)s.") % {
        "author": author,
        "date": date_format(edit.updated_at, "DATETIME_FORMAT"),
    }


def apply_edits(parts: list[Part], edits: list[ParagraphEdit]) -> list[str]:
    """Put the editor's paragraphs in place; returns notes for the editor about edits whose
    paragraph the regenerated draft no longer has (they are kept, not lost)."""
    notes = []
    by_key = {(e.key, e.action): e for e in edits}
    placed: set[int] = set()
    for part in parts:
        items: list[Paragraph] = []
        for item in part.items:
            replaced = by_key.get((item.key, ParagraphEdit.Action.REPLACE))
            if replaced is not None:
                items.append(Paragraph(item.key, replaced.text, "editor", _who(replaced)))
                placed.add(replaced.pk)
            else:
                items.append(item)
            added = by_key.get((item.key, ParagraphEdit.Action.ADD))
            if added is not None:
                items.append(Paragraph(f"editor.{added.pk}", added.text, "editor", _who(added)))
                placed.add(added.pk)
        part.items = items
    for edit in edits:
        if edit.pk not in placed:
            notes.append(
                _(
                    "An editor's paragraph whose place the regenerated draft no longer has: "
                    "%(text)s (%(who)s)"
                )
                % {"text": edit.text, "who": _who(edit)}
            )
    return notes


def report_content(parts: list[Part], figures: dict[str, Figure]) -> dict[str, Any]:
    """What freezing keeps: every paragraph with its heading and key, every figure."""
    return {
        "parts": [
            {
                "heading": part.heading,
                "level": part.level,
                "paragraphs": [
                    {"key": p.key, "text": p.text, "source": p.source} for p in part.items
                ],
            }
            for part in parts
        ],
        "figures": {
            name: {"value": f.value, "text": f.text, "label": f.label or f.name}
            for name, f in figures.items()
        },
    }


@dataclass
class Changes:
    """What a regeneration changed against the frozen version."""

    added: list[str] = field(default_factory=list)  # paragraph texts
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)  # (was, now)
    figures: list[tuple[str, str, str]] = field(default_factory=list)  # (label, was, now)

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.figures)


def changes_since(frozen: dict[str, Any], current: dict[str, Any]) -> Changes:
    def paragraphs(content: dict[str, Any]) -> dict[str, str]:
        return {p["key"]: p["text"] for part in content["parts"] for p in part["paragraphs"]}

    was, now = paragraphs(frozen), paragraphs(current)
    changes = Changes(
        added=[text for key, text in now.items() if key not in was],
        removed=[text for key, text in was.items() if key not in now],
        changed=[(was[key], text) for key, text in now.items() if key in was and was[key] != text],
    )
    old, new = frozen["figures"], current["figures"]
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before is None or after is None or before["value"] != after["value"]:
            label = (after or before or {}).get("label", name)
            changes.figures.append(
                (label, before["text"] if before else "—", after["text"] if after else "—")
            )
    return changes
