"""Text analysis for search, the same at index and query time: Unicode folding, Arabic
normalisation, Snowball stemming per language, and overlapping bigrams for Chinese (which has no
spaces between words)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
_WORD = re.compile(r"\w+", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _combining_marks() -> re.Pattern[str]:
    """Every combining mark outside the Arabic block, as one character class."""
    codes = [
        code
        for code in range(0x300, 0x10000)
        if unicodedata.combining(chr(code)) and not 0x600 <= code <= 0x6FF
    ]
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]")


_COMBINING = _combining_marks()


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


def fold(text: str) -> str:
    """Case, width and accents folded; Arabic diacritics and letter variants unified."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS)
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))


def _han_bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


@lru_cache(maxsize=65536)
def _stem(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def analyze(text: str, language: str) -> list[str]:
    """Index terms of a text written in `language` (ISO 639-1)."""
    terms: list[str] = []
    for token in _WORD.findall(fold(text)):
        if _HAN.search(token):
            for piece in re.split(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)", token):
                if not piece:
                    continue
                if _HAN.fullmatch(piece):
                    terms.extend(_han_bigrams(piece))
                else:
                    terms.append(_stem(piece, language))
        else:
            terms.append(_stem(token, language))
    return terms


def query_alternatives(query: str) -> list[list[str]]:
    """For each word of a query (whose language is unknown): the terms it may match — the
    word folded and its stem in each stemmed language. Chinese runs give their bigrams, all
    required. Words are ANDed, alternatives ORed."""
    groups: list[list[str]] = []
    for token in _WORD.findall(fold(query)):
        if _HAN.search(token):
            for piece in re.split(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)", token):
                if piece and _HAN.fullmatch(piece):
                    groups.extend([[bigram] for bigram in _han_bigrams(piece)])
                elif piece:
                    groups.append(_alternatives(piece))
        else:
            groups.append(_alternatives(token))
    return groups


def _alternatives(word: str) -> list[str]:
    options = {word}
    for language in STEMMERS:
        options.add(_stem(word, language))
    return sorted(options)
