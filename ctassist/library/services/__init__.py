"""Writes for the library: taxonomy loading and editing (`taxonomy`), the JSONL import (strict,
atomic, stops at the first bad line: `import_checks` checks each line, `importing` writes), the
publication workflow (`publication`), and saved searches with their alerts (`saved_searches`).
Web, API and CLI all come through here. Every public name is re-exported, so callers import
from `ctassist.library.services`."""

from ctassist.library.services.importing import (
    DATA_DIR,
    LibraryImportReport,
    attachment_files_verify,
    library_demo_load,
    library_import,
)
from ctassist.library.services.publication import (
    allowed_transitions,
    record_history,
    record_transition,
)
from ctassist.library.services.saved_searches import (
    SAVED_SEARCH_LIMIT,
    AlertReport,
    library_alerts_send,
    saved_search_create,
    saved_search_delete,
)
from ctassist.library.services.taxonomy import TERM_FIELDS, taxonomy_load, term_save

__all__ = [
    "DATA_DIR",
    "SAVED_SEARCH_LIMIT",
    "TERM_FIELDS",
    "AlertReport",
    "LibraryImportReport",
    "allowed_transitions",
    "attachment_files_verify",
    "library_alerts_send",
    "library_demo_load",
    "library_import",
    "record_history",
    "record_transition",
    "saved_search_create",
    "saved_search_delete",
    "taxonomy_load",
    "term_save",
]
