"""The reason codes of `Contribution.reason`, with what each means in plain English. The app
translates them (`screening/explain.py`); a code never changes meaning once shipped."""

from __future__ import annotations

REASONS: dict[str, str] = {
    # The name as a whole (feature "name").
    "name_exact": "Every part of the name matched the listed name exactly.",
    "name_parts": "The name matched the listed name part by part; the pairs are listed.",
    "name_order": "The parts come in another order than in the listed name, which counts a "
    "little against the match.",
    # One pair of name parts (feature "name").
    "part_exact": "This part of the name is the same as the listed part.",
    "part_symbol": "This part is the same given or family name in another spelling or script.",
    "part_skeleton": "This part has the same consonants as the listed part (a transliteration).",
    "part_phonetic": "This part sounds the same as the listed part.",
    "part_typo": "This part differs from the listed part by a letter or two (a typing error).",
    "part_joined": "Two parts written apart on one side are written as one on the other.",
    "part_abd_typo": 'This part is "Abdul" and a name, with a typing error in "Abdul".',
    "part_query_only": "This part of the searched name has no counterpart in the listed name.",
    "part_entry_only": "This part of the listed name is missing from the searched name.",
    # Name quality (feature "name_quality").
    "weak_alias": "The list marks this alias as low quality, so it counts for less.",
    # Date of birth (feature "birth_date").
    "dob_same_day": "The date of birth is the same day as one the list gives.",
    "dob_same_month": "The date of birth falls in the same month as one the list gives.",
    "dob_within": "The date of birth falls within a year or range of years the list gives.",
    "dob_near": "The date of birth is close to, but outside, what the list gives.",
    "dob_disjoint": "The date of birth is years away from every date the list gives.",
    # Nationality (feature "nationality").
    "nationality_same": "The nationality is one of those the list gives.",
    "nationality_differs": "The nationality is none of those the list gives.",
    # Document (feature "document").
    "document_match": "The document number is the same as a passport or ID number listed.",
}
