"""The screening evaluation set, built from the frozen UN Consolidated List with a seed.

`python -m bench.screening_evalset` writes bench/data/screening_evalset_seed{1,2,3}.jsonl: seed 1
is the dev set (the matcher's constants and DEFAULT_THRESHOLD were tuned on it), seed 2 the test
set the quality report quotes, seed 3 a holdout written before the second round of tuning and
not looked at until it was over; the report quotes it beside seed 2. One JSON object a line:
id, name, schema, birth_date, nationality, document, variant, expected (the refs that should
match; empty for negatives).

Positives, by variant: an alias as the query; transliteration variants (Mohammed/Muhammad,
Abd al-/Abdul, ou/u, q/k…); reordered parts; a dropped middle name; an added honorific; an added
middle name; one typo (and one in a part of 4–5 letters); the same with the listed date of birth
and nationality; an Arabic-script query for a Latin-listed person without an Arabic name on the
list (Arabic spellings learnt from the *other* entries' original-script names, leave-one-out);
the list's own original-script names (Arabic, Cyrillic) reordered or shortened; organisations
with a legal form added or removed. The list has no Chinese names, so there are no Chinese
queries. Negatives share tokens with the list: a listed surname with an unrelated first name, a
listed first name with an unrelated family name, Korean-like three-syllable names, common Arab
names, and a garbage name carrying a listed person's date of birth, nationality and document.
A negative whose tokens all occur in one listed name is dropped (it would be a true match).
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ctassist.screening.entries import Entry, NameKind, Schema

DATA = Path(__file__).resolve().parent / "data"
UN_LIST = "sanctions/un_sc_consolidated_2026-02-27.xml"
DEV_SEED, TEST_SEED, HOLDOUT_SEED = 1, 2, 3
PER_VARIANT = 150

HONORIFICS = ["Sheikh", "Mullah", "Haji", "Dr", "Maulavi", "Mufti", "Qari", "Hajji", "Shaykh"]
FIRST_NAMES = [
    "John", "Peter", "Maria", "Fatima", "Hamid", "Yusuf", "Karim", "Samir", "Tariq", "Nabil",
    "Layla", "Omid", "Reza", "Daniel", "Elena", "Ivan", "Pierre", "Amina", "Zainab", "Bilal",
]  # fmt: skip
FAMILY_NAMES = [
    "Smith", "Nguyen", "Kowalski", "Okafor", "Rahimi", "Haddad", "Mansour", "Farouk", "Schmidt",
    "Moreau", "Petrov", "Tanaka", "Suleiman", "Benali", "Kaddour", "Yilmaz", "Haidari", "Qureshi",
]  # fmt: skip
KOREAN_FAMILY = ["Kim", "Ri", "Pak", "Choe", "Jang", "Han", "O", "Kang", "Jon", "Hong", "Yun"]
KOREAN_SYLLABLES = [
    "Jong", "Song", "Chol", "Yong", "Myong", "Hyok", "Il", "Su", "Nam", "Chun", "Kwang", "Hak",
    "Sok", "Won", "Ho", "Thae", "Gun", "Hyon", "Ok", "Sun", "Mun", "Chang",
]  # fmt: skip
ARAB_FIRST = [
    "Mohammed", "Ahmed", "Ali", "Omar", "Khalid", "Hassan", "Hussein", "Abdullah", "Youssef",
    "Ibrahim", "Mustafa", "Saeed", "Hamza", "Tariq", "Walid", "Faisal", "Nasser", "Samir",
]  # fmt: skip
ARAB_FAMILY = [
    "Al-Masri", "Al-Hashimi", "Al-Qahtani", "Al-Shammari", "Haddad", "Al-Khatib", "Mansour",
    "Al-Najjar", "Saleh", "Al-Otaibi", "Al-Zahrani", "Hamdan", "Al-Amin", "Darwish", "Bakr",
]  # fmt: skip
LEGAL_FORMS = ["Co.", "LLC", "Ltd", "Company Limited", "Co. Ltd"]
TRANSLITERATIONS: list[tuple[str, str]] = [
    (r"\bmohammed\b", "Muhammad"), (r"\bmuhammad\b", "Mohamed"), (r"\bmohamed\b", "Mohammad"),
    (r"\bmohammad\b", "Muhammed"), (r"\bahmed\b", "Ahmad"), (r"\bahmad\b", "Ahmed"),
    (r"\babd al-", "Abdul "), (r"\babdul ", "Abd al-"), (r"\babdel ", "Abd el-"),
    (r"\bal-", "el-"), (r"\bel-", "al-"), (r"ou", "u"), (r"oo", "u"), (r"q", "k"), (r"ee", "i"),
    (r"ai", "ay"), (r"\bhussein\b", "Husayn"), (r"\bhusain\b", "Hussein"), (r"\bomar\b", "Umar"),
    (r"\byousef\b", "Yusuf"), (r"\byusuf\b", "Youssef"), (r"dh", "z"), (r"ph", "f"),
    (r"\babu\b", "Abou"), (r"\bbin\b", "ben"), (r"iy", "i"),
]  # fmt: skip
_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def un_entries() -> list[Entry] | None:
    """The frozen UN list with ISO nationalities, or None where the shared data is absent."""
    from ctassist.geo.reference import normalize_name, state_rows
    from ctassist.screening.un_xml import un_list_parse
    from ctassist.treaties.records import shared_data_dir

    path = shared_data_dir() / UN_LIST
    if not path.exists():
        return None
    codes: dict[str, str] = {}
    for row in state_rows():
        if row.iso2:
            for name in [row.official_name_en, *row.names.values(), *(a for a, _ in row.aliases)]:
                if name:
                    codes.setdefault(normalize_name(name), row.iso2)
    parsed = un_list_parse(path, country_code=lambda name: codes.get(normalize_name(name)))
    return list(parsed.entries)


def _primary(entry: Entry) -> str:
    return entry.caption


def _words(name: str) -> list[str]:
    return name.split()


# Words that make one name with the next ("Abd al-Rahman", "Abu Bakr", "bin Laden").
_BOUND = {
    "abd",
    "abdul",
    "abdel",
    "abu",
    "bin",
    "ibn",
    "ben",
    "al",
    "el",
    "عبد",
    "ابو",
    "بن",
    "أبو",
}


def _droppable(words: list[str]) -> list[int]:
    """Middle words that are a name of their own: neither bound to the next word nor
    following a bound one."""
    return [
        i
        for i in range(1, len(words) - 1)
        if words[i].lower() not in _BOUND and words[i - 1].lower() not in _BOUND
    ]


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(len(word))
    letters = "abcdefghijklmnopqrstuvwxyz"
    kind = rng.choice(["sub", "del", "ins", "swap"])
    if kind == "sub":
        return word[:i] + rng.choice(letters.replace(word[i].lower(), "")) + word[i + 1 :]
    if kind == "del" and len(word) > 3:
        return word[:i] + word[i + 1 :]
    if kind == "swap" and i < len(word) - 1 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(letters) + word[i:]


def _arabic_dictionary(entries: list[Entry]) -> dict[str, Counter[tuple[str, str]]]:
    """Latin token -> Counter of (Arabic token, ref it was learnt from), from entries whose
    primary name and Arabic original name have as many tokens."""
    pairs: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for entry in entries:
        latin = _words(_primary(entry).lower())
        for name in entry.names:
            if name.kind is NameKind.ORIGINAL and re.search("[\u0600-\u06ff]", name.text):
                arabic = name.text.split()
                if len(arabic) == len(latin):
                    for lat, ara in zip(latin, arabic, strict=True):
                        pairs[lat][(ara, entry.ref)] += 1
    return pairs


def _to_arabic(entry: Entry, dictionary: dict[str, Counter[tuple[str, str]]]) -> str | None:
    out = []
    words = _words(_primary(entry).lower())
    for token in words:
        learnt: Counter[str] = Counter()
        for (arabic, ref), count in dictionary.get(token, Counter()).items():
            if ref != entry.ref:  # leave-one-out: never the entry's own spelling
                learnt[arabic] += count
        if learnt:
            out.append(learnt.most_common(1)[0][0])
    # One part no other entry spells in Arabic may be left out of a name of four or more.
    enough = len(out) == len(words) or (len(words) >= 4 and len(out) >= len(words) - 1)
    return " ".join(out) if enough and len(out) >= 2 else None


def _has_original(entry: Entry, pattern: str) -> str | None:
    for name in entry.names:
        if name.kind is NameKind.ORIGINAL and re.search(pattern, name.text):
            return name.text
    return None


def _listed_token_sets(entries: list[Entry]) -> list[set[str]]:
    return [set(re.findall(r"[a-z]+", name.text.lower())) for e in entries for name in e.names]


def build(entries: list[Entry], seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    persons = [e for e in entries if e.schema is Schema.PERSON]
    orgs = [e for e in entries if e.schema is Schema.ORGANIZATION]
    listed = _listed_token_sets(entries)
    queries: list[dict[str, Any]] = []

    def add(variant: str, name: str, entry: Entry | None, schema: Schema, **extra: Any) -> None:
        queries.append(
            {
                "id": f"s{seed}-{len(queries):05d}",
                "name": name,
                "schema": schema.value,
                "birth_date": extra.get("birth_date"),
                "nationality": extra.get("nationality"),
                "document": extra.get("document"),
                "variant": variant,
                "expected": [entry.ref] if entry else [],
            }
        )

    def sample(pool: list[Entry], k: int = PER_VARIANT) -> list[Entry]:
        return rng.sample(pool, min(k, len(pool)))

    def positives(variant: str, pool: list[Entry], make: Callable[[Entry], str | None]) -> None:
        made = 0
        for entry in rng.sample(pool, len(pool)):
            name = make(entry)
            if name and name.lower() != _primary(entry).lower():
                add(variant, name, entry, entry.schema)
                made += 1
                if made >= PER_VARIANT:
                    return

    def alias(entry: Entry) -> str | None:
        names = [n.text for n in entry.names if n.kind in (NameKind.ALIAS, NameKind.PREVIOUS)]
        names = [n for n in names if _LATIN_TOKEN.fullmatch(n.split()[0] if n.split() else "")]
        return rng.choice(names) if names else None

    def transliterate(entry: Entry) -> str | None:
        name = _primary(entry)
        rules = [(p, r) for p, r in TRANSLITERATIONS if re.search(p, name, re.IGNORECASE)]
        if not rules:
            return None
        for pattern, replacement in rng.sample(rules, min(2, len(rules))):
            name = re.sub(pattern, replacement, name, count=1, flags=re.IGNORECASE)
        return name

    def reorder(entry: Entry) -> str | None:
        words = _words(_primary(entry))
        if len(words) < 2:
            return None
        return " ".join([words[-1], *words[:-1]])

    def drop_middle(entry: Entry) -> str | None:
        words = _words(_primary(entry))
        middles = _droppable(words)
        if not middles:
            return None
        del words[rng.choice(middles)]
        return " ".join(words)

    def honorific(entry: Entry) -> str | None:
        return f"{rng.choice(HONORIFICS)} {_primary(entry)}"

    def add_middle(entry: Entry) -> str | None:
        words = _words(_primary(entry))
        if len(words) < 2:
            return None
        words.insert(1, rng.choice(ARAB_FIRST))
        return " ".join(words)

    def typo(entry: Entry, short: bool = False) -> str | None:
        words = _words(_primary(entry))
        choices = [
            i
            for i, w in enumerate(words)
            if w.isalpha() and (4 <= len(w) <= 5 if short else len(w) >= 4)
        ]
        if not choices or len(words) < 2:
            return None
        i = rng.choice(choices)
        words[i] = _typo(rng, words[i])
        return " ".join(words)

    positives("alias", persons + orgs, alias)
    positives("transliteration", persons, transliterate)
    positives("reorder", persons, reorder)
    positives("dropped_middle", persons, drop_middle)
    positives("honorific", persons, honorific)
    positives("added_middle", persons, add_middle)
    positives("typo", persons + orgs, typo)
    positives("typo_short", persons, lambda e: typo(e, short=True))

    with_dob = [e for e in persons if e.birth_dates and e.nationalities]
    for entry in sample(with_dob, PER_VARIANT // 2):
        name = transliterate(entry) or typo(entry) or _primary(entry)
        add(
            "with_dob_nationality",
            name,
            entry,
            Schema.PERSON,
            birth_date=entry.birth_dates[0].text.split("–")[0].replace("approx. ", ""),
            nationality=entry.nationalities[0],
        )

    dictionary = _arabic_dictionary(entries)
    made = 0
    for entry in rng.sample(persons, len(persons)):
        if _has_original(entry, "[\u0600-\u06ff]"):
            continue
        arabic = _to_arabic(entry, dictionary)
        if arabic and len(arabic.split()) >= 2:
            add("arabic_script", arabic, entry, Schema.PERSON)
            made += 1
            if made >= PER_VARIANT:
                break
    for entry in sample([e for e in persons if _has_original(e, "[\u0600-\u06ff]")]):
        words = (_has_original(entry, "[\u0600-\u06ff]") or "").split()
        middles = _droppable(words)
        if middles:
            del words[rng.choice(middles)]
            add("original_script", " ".join(words), entry, Schema.PERSON)
    for entry in persons + orgs:
        cyrillic = _has_original(entry, "[\u0400-\u04ff]")
        if cyrillic and len(cyrillic.split()) >= 2:
            words = cyrillic.split()
            add("cyrillic_script", " ".join(words[1:] + words[:1]), entry, entry.schema)

    for entry in sample(orgs):
        name = _primary(entry)
        stripped = re.sub(
            r"\b(?:co\.?|company|ltd\.?|limited|llc|inc\.?)\s*$", "", name, flags=re.I
        )
        if stripped.strip() != name.strip():
            add("org_legal_form", stripped.strip(" ,"), entry, Schema.ORGANIZATION)
        else:
            add("org_legal_form", f"{name} {rng.choice(LEGAL_FORMS)}", entry, Schema.ORGANIZATION)

    def negative(variant: str, name: str, **extra: Any) -> None:
        tokens = set(re.findall(r"[a-z]+", name.lower()))
        if any(tokens <= names for names in listed):
            return  # every token in one listed name: not a true negative
        add(variant, name, None, Schema.PERSON, **extra)

    for entry in sample(persons):
        words = _words(_primary(entry))
        if len(words) >= 2:
            negative("neg_same_surname", f"{rng.choice(FIRST_NAMES)} {words[-1]}")
    for entry in sample(persons):
        words = _words(_primary(entry))
        if len(words) >= 2:
            negative("neg_same_first", f"{words[0]} {rng.choice(FAMILY_NAMES)}")
    for _ in range(PER_VARIANT):
        syllables = rng.sample(KOREAN_SYLLABLES, 2)
        negative("neg_korean", f"{rng.choice(KOREAN_FAMILY)} {syllables[0]} {syllables[1]}")
    for _ in range(PER_VARIANT):
        first, father = rng.sample(ARAB_FIRST, 2)
        negative("neg_common_arab", f"{first} {father} {rng.choice(ARAB_FAMILY)}")
    for entry in sample([e for e in persons if e.birth_dates], PER_VARIANT // 2):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"
        document = entry.documents[0].number if entry.documents else None
        negative(
            "neg_dob_only",
            name,
            birth_date=entry.birth_dates[0].text.split("–")[0].replace("approx. ", ""),
            nationality=entry.nationalities[0] if entry.nationalities else None,
            document=document,
        )
    return queries


def path_for(seed: int) -> Path:
    return DATA / f"screening_evalset_seed{seed}.jsonl"


def load(seed: int) -> list[dict[str, Any]]:
    """The set for `seed`, written first when absent (deterministic for a seed and a list)."""
    path = path_for(seed)
    if not path.exists():
        write(seed)
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def write(seed: int) -> Path:
    entries = un_entries()
    if entries is None:
        sys.exit(f"the UN list is not under the shared data ({UN_LIST}); set CTASSIST_SHARED_DATA")
    queries = build(entries, seed)
    DATA.mkdir(exist_ok=True)
    path = path_for(seed)
    path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in queries))
    return path


def _summary(queries: list[dict[str, Any]]) -> Iterator[str]:
    for variant, count in sorted(Counter(q["variant"] for q in queries).items()):
        yield f"{variant}: {count}"


if __name__ == "__main__":
    for seed in (DEV_SEED, TEST_SEED, HOLDOUT_SEED):
        written = write(seed)
        queries = load(seed)
        print(f"{written}: {len(queries)} queries")
        print("  " + ", ".join(_summary(queries)))
