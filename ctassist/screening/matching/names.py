"""Name text -> comparable tokens, and how similar two tokens are.

A name is cut into tokens (rigour's `tokenize_name`, with Han and Hangul cut per character or
syllable), then folded the same way on the list's side and the query's side:

* honorifics and titles go (Sheikh, Mullah, Haji, Dr, Maulavi…), as do the Arabic article and
  the filiation particles (al-, el-, ash-…, bin, ibn, ould) when a name keeps something else;
* "Abd al-Rahman", "Abdul Rahman", "Abdurrahman" and "عبد الرحمن" all become one token
  ``abd`` + the rest, so the theophoric names line up whatever the spelling;
* for organisations, legal forms go ("Co.", "Ltd", "LLC": rigour's `remove_org_types` and a
  short list of our own for the forms it keeps, such as "Company").

Each distinct token gets a `Token`: its Latin form (rigour's ascii or anyascii), a consonant
skeleton (vowels and the letters Arabic leaves unwritten dropped, digraphs folded, so
"Mohammed", "Muhammad", "Mohamad" and "محمد" share ``mhmd``), its metaphone key and the set of
rigour name symbols (cross-script ids: "Yunus", "Younis" and "يونس" share one).
`token_similarity` compares two tokens and says how they matched (a reason code).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import OSA, Indel, Levenshtein
from rigour.names import (
    NamePart,
    NameTypeTag,
    SymbolCategory,
    analyze_names,
    compare_parts,
    remove_org_types,
    tokenize_name,
)
from rigour.text import metaphone


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ARABIC_ABD = "عبد"
# Person honorifics, titles and religious ranks that say nothing about who someone is.
HONORIFICS = _words(
    """
    sheikh shaikh shaykh sheik shaik cheikh sheikha mullah mulla mullo molla haji hajji hadji
    hajj alhaj alhajj alhaji dr doctor maulavi maulawi mawlawi maulvi moulavi molvi mawlvi
    maulana mawlana moulana mufti qari hafiz hafez imam ustadh ustad ustaz ustaaz
    mr mrs ms miss mister sir madam madame gen general col colonel maj major capt captain lt
    lieutenant brig brigadier prof professor eng engineer hon sayyidna hojatoleslam hojjatoleslam
    ayatollah ayatullah mohtaram janab shri sri
    """
)
# The same in Arabic script (شيخ، ملا، حاجي، الحاج، دكتور، مولوي، مولانا، مفتي، قاري، حافظ).
HONORIFICS_ARABIC = _words(
    "شيخ الشيخ ملا حاجي حاج الحاج دكتور د مولوي مولانا مفتي قاري حافظ الامام امام"
)
# Article and filiation particles, dropped when the name keeps something else.
PARTICLES = _words("al el ul bin ben ibn bint ould wuld ال بن بنت ابن")
# Sun-letter forms of the article, dropped only when hyphen-joined: "ash-Shami", "ad-Dawsari".
_SUN_ARTICLE = re.compile(r"\b(?:al|el|ad|adh|an|ar|as|ash|at|ath|az|ul)-(?=\w)", re.IGNORECASE)
# Legal forms rigour's `remove_org_types` leaves in place, dropped from organisation names.
LEGAL_FORMS = _words(
    """
    co company companies corp corporation inc incorporated ltd limited llc llp plc sa sarl
    gmbh ag jsc ojsc cjsc pjsc fze fzco fzc lda srl spa bv nv pty pvt private
    """
)
_ABD = re.compile(r"^abd(?:[aeiou]+l|[aeiou])?(?=[a-z]{3})")
ABD_FORMS = _words("abd abdul abdel abdal abdol abdoul abdu abde abdi abdur abdus عبد")
# "Abdul" with one typing error ("Abgul", "Adbul", "Abdl") still joins, unless it is a name of
# its own or another particle: Abul/Aboul (Abu al-), Adel, Abel, Adil, Abid.
_ABD_TYPED = ("abdul", "abdel", "abdal", "abdoul", "abdur")
_NOT_ABD = _words("abul aboul adel abel adil abid abda abad abdo abdou")
_CJK = re.compile(r"([\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff])")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_NOT_LETTER = re.compile(r"[^a-z]")
# Consonant skeleton: digraphs first, then one letter per sound class.
_DIGRAPHS = (
    ("kh", "x"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "z"),
    ("ph", "f"),
    ("dj", "j"),
    ("zh", "j"),
    ("ck", "k"),
    ("x", "ks"),
)
_SKELETON_MAP = str.maketrans({"q": "k", "c": "k", "g": "j", "v": "f", "p": "b", "d": "d"})
_VOWELS = re.compile(r"[aeiouyw]")
_REPEATS = re.compile(r"(.)\1+")

_NAME_SYMBOLS = (SymbolCategory.NAME, SymbolCategory.NICK)
# One romanised Korean syllable (Kim, Jong, Hyok, Chol, Kwang): initial, glide, vowel, final.
_SYLLABLE = re.compile(
    r"^(?:kk|tt|pp|ss|jj|ch|ts|sh|[kgndtrlmbpsjh])?[yw]?[aeiou]{1,2}(?:ng|[nmklpt])?$"
)

# How two tokens matched, best first, with the similarity each earns.
SIM_EXACT = 1.0
SIM_SYMBOL = 0.95
SIM_SKELETON = 0.88
SIM_SKELETON_SHORT = 0.82
SIM_PHONETIC = 0.85
SIM_SKELETON_TYPO = 0.8
SIM_ABD_TYPO = 0.9  # an "Abdul X" part with one typing error in "Abdul"
SIM_SYLLABLE_SYMBOL = 0.88  # a shared symbol between two different Korean syllables
SIM_SYLLABLE_TYPO = 0.3  # one letter apart, both one Korean syllable: Hong/Jong, Jin/Jun


@dataclasses.dataclass(frozen=True, slots=True)
class Token:
    """One folded name part and the keys it is compared and found by."""

    form: str  # folded, lower case, in its own script
    latin: str  # Latin letters only ("" when the script has no useful Latin form)
    skeleton: str
    phonetic: str
    symbols: frozenset[str]
    abjad: bool  # written in Arabic script: vowels unwritten, compare by skeleton
    abd_typo: bool = False  # "Abdul" typed with one error and joined anyway ("abgul samad")

    @property
    def blocking_keys(self) -> list[str]:
        keys = [f"t:{self.latin or self.form}"]
        if len(self.skeleton) >= 3:
            keys.append(f"s:{self.skeleton}")
        keys.extend(f"y:{s}" for s in self.symbols)
        return keys


def _skeleton(latin: str) -> str:
    text = _NOT_LETTER.sub("", latin)
    for digraph, single in _DIGRAPHS:
        text = text.replace(digraph, single)
    text = _VOWELS.sub("", text.translate(_SKELETON_MAP))
    text = _REPEATS.sub(r"\1", text)
    if len(text) > 2 and text.endswith("h"):
        text = text[:-1]  # Fatimah/Fatima, ة
    return text


def _arabic_form(form: str) -> str:
    """An Arabic-script token without its article and with عبد + ال joined up."""
    if form.startswith("عبدال") and len(form) > 6:
        form = "عبد" + form[5:]
    elif form.startswith("ال") and len(form) > 3:
        form = form[2:]
    return form


@lru_cache(maxsize=200_000)
def token_info(form: str) -> Token:
    """The keys of one folded token (cached: a list has a few thousand distinct tokens)."""
    if " " in form:  # "abgul samad": a mistyped "Abdul" joined to its name
        base = token_info("abd" + form.split(" ", 1)[1])
        return dataclasses.replace(base, form=form, abd_typo=True)
    abjad = bool(_ARABIC.search(form))
    if abjad:
        latin = anyascii(_arabic_form(form)).lower()
        skeleton = _skeleton(latin)
        if len(skeleton) >= 2 and form[-1] in "يی":
            skeleton += "y"  # a final long ī is written: Ahmadi احمدی is not Ahmad احمد
        latin = ""
    else:
        latin = _NOT_LETTER.sub("", anyascii(form).lower()) or form
        # A joined "Abd": its "d" and the name's first letter make no digraph (Abd-Hadi).
        skeleton = (
            "bd" + _skeleton(latin[3:])
            if latin.startswith("abd") and len(latin) > 5
            else _skeleton(latin)
        )
        if len(skeleton) >= 2 and latin.endswith(("i", "y", "ee")):
            skeleton += "y"
    symbols: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [form], consolidate=False, phonetics=False):
        for span in name.spans:
            if len(span.parts) == 1 and span.symbol.category in _NAME_SYMBOLS:
                symbols.add(str(span.symbol))
    phonetic = metaphone(latin) if latin and latin.isascii() and latin.isalpha() else ""
    return Token(form, latin, skeleton, phonetic, frozenset(symbols), abjad)


def _raw_tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text)
    text = _SUN_ARTICLE.sub("", text)
    text = _CJK.sub(r" \1 ", text)
    return [t.lower() for t in tokenize_name(text)]


def _typed_abd(token: str) -> bool:
    return (
        4 <= len(token) <= 6
        and token[0] == "a"
        and token not in _NOT_ABD
        and token not in ABD_FORMS
        and any(OSA.distance(token, form, score_cutoff=1) <= 1 for form in _ABD_TYPED)
    )


def _join_abd(tokens: list[str]) -> list[str]:
    """ "abd al rahman", "abdul rahman", "abdurrahman", "عبد الرحمن" -> "abdrahman" & co."""
    out: list[str] = []
    skip = False
    for i, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        if token in ABD_FORMS and i + 1 < len(tokens):
            following = tokens[i + 1]
            if following in {"al", "el", "ال"} and i + 2 < len(tokens):
                continue  # the article goes; the next round joins abd to the name
            arabic = token == ARABIC_ABD
            following = _arabic_form(following) if arabic else following
            out.append((ARABIC_ABD if arabic else "abd") + following)
            skip = True
            continue
        if i + 1 < len(tokens) and _typed_abd(token) and tokens[i + 1].isalpha():
            out.append(f"{token} {tokens[i + 1]}")
            skip = True
            continue
        if token.startswith("abd") and len(token) > 6:
            token = _ABD.sub("abd", token)
        out.append(token)
    return out


def fold_name(text: str, *, organisation: bool = False) -> tuple[str, ...]:
    """A name as the tuple of folded tokens the matcher compares."""
    if organisation:
        stripped = remove_org_types(text, replacement="")
        text = stripped if stripped.strip() else text
    tokens = _raw_tokens(text)
    if not tokens:
        return ()
    if organisation:
        kept = [t for t in tokens if t not in LEGAL_FORMS]
    else:
        kept = [t for t in tokens if t not in HONORIFICS and t not in HONORIFICS_ARABIC]
    tokens = kept or tokens
    kept = [t for t in tokens if t not in PARTICLES]
    tokens = kept or tokens
    # "abd" + "al" + X: join after the particle is gone ("abd", "rahman").
    return tuple(_join_abd(tokens))


def _typo_similarity(a: str, b: str) -> float:
    """Edit-distance credit with a length budget: no edit in parts of 3 letters or fewer
    (Kim/Kin, Un/Il stay apart), one from 4 (Aksa/Aqsa, Jon/John: 0.75), two from 7, three
    from 11; the credit is the share of letters kept. Two neighbours swapped are one edit
    (optimal string alignment: Eric/Erci)."""
    longest = max(len(a), len(b))
    budget = 0 if longest <= 3 else 1 if longest <= 6 else 2 if longest <= 10 else 3
    if budget == 0:
        return 0.0
    distance = OSA.distance(a, b, score_cutoff=budget)
    if distance > budget:
        return 0.0
    return 1.0 - distance / longest


@lru_cache(maxsize=500_000)
def _rigour_typo(a: str, b: str) -> float:
    alignments = compare_parts([NamePart(a, 0)], [NamePart(b, 0)])
    return alignments[0].score if len(alignments) == 1 else 0.0


def _look_alike(a: Token, b: Token) -> bool:
    """Same first sound (metaphone) or mostly the same letters (Omar/Umar)."""
    if a.phonetic and b.phonetic and a.phonetic[0] == b.phonetic[0]:
        return True
    return Indel.normalized_similarity(a.latin, b.latin) >= 0.7


def syllable(token: Token) -> bool:
    """One romanised Korean syllable ("jong", "hyok"): a different letter makes another
    syllable, i.e. another name, far more often than a typing error."""
    return bool(_SYLLABLE.match(token.latin))


def joined_abd(token: Token) -> bool:
    """ "Abd" joined to a name by the folding ("abdrahman", "عبدالرحمن" -> "عبدرحمن")."""
    return token.abd_typo or (len(token.form) > 5 and token.form.startswith(("abd", ARABIC_ABD)))


def _nisba(short: str, long: str) -> bool:
    return len(short) >= 3 and long.startswith(short) and long[len(short) :] in {"i", "y", "ee"}


def _core_length(token: Token) -> int:
    """Consonants in the skeleton, not counting the "bd" of a joined "Abd" (Abd al-Hadi and
    Abdul Haddad share only "h…d" beyond it)."""
    skeleton = token.skeleton
    if skeleton.startswith("bd") and len(token.latin) > 5 and token.latin.startswith("abd"):
        return len(skeleton) - 2
    return len(skeleton)


def _abd_fixed(token: Token) -> Token:
    return token_info("abd" + token.form.split(" ", 1)[1]) if token.abd_typo else token


def token_similarity(a: Token, b: Token) -> tuple[float, str]:
    """How alike two tokens are (0–1) and the reason code for the way they matched."""
    if a.abd_typo or b.abd_typo:
        sim, _ = token_similarity(_abd_fixed(a), _abd_fixed(b))
        return sim * SIM_ABD_TYPO, "part_abd_typo"
    if a.form == b.form or (a.latin and a.latin == b.latin):
        return SIM_EXACT, "part_exact"
    if (
        a.symbols
        and not a.symbols.isdisjoint(b.symbols)
        # Between two Latin spellings a shared symbol counts only when they look alike:
        # rigour's symbols also join romanisations across languages (Jang/Yung, Chang/Tsang).
        and (a.abjad or b.abjad or _look_alike(a, b))
    ):
        if a.latin != b.latin and syllable(a) and syllable(b):
            # One Korean syllable to another: rigour joins Yong/Ryong, Sun/Son, which the
            # list's North Korean romanisation keeps apart.
            return SIM_SYLLABLE_SYMBOL, "part_symbol"
        return SIM_SYMBOL, "part_symbol"
    if a.abjad or b.abjad:
        if len(a.skeleton) >= 2 and a.skeleton == b.skeleton:
            # Three consonants or fewer say less: "knd" is Qannadi as well as Kanada.
            long = _core_length(a) >= 4 and _core_length(b) >= 4
            return (SIM_SKELETON if long else SIM_SKELETON_SHORT), "part_skeleton"
        if (
            min(len(a.skeleton), len(b.skeleton)) >= 4
            and Levenshtein.distance(a.skeleton, b.skeleton, score_cutoff=1) <= 1
        ):
            return SIM_SKELETON_TYPO, "part_skeleton"
        return 0.0, ""
    typo = _typo_similarity(a.latin, b.latin)
    if _nisba(a.latin, b.latin) or _nisba(b.latin, a.latin):
        # Ahmad/Ahmadi, Rahman/Rahmani: a name and the family name made from it.
        return typo, "part_typo"
    if min(len(a.latin), len(b.latin)) >= 5:
        typo = max(typo, _rigour_typo(a.latin, b.latin))
    same_skeleton = _core_length(a) >= 3 and a.skeleton == b.skeleton
    if same_skeleton and a.latin[0] == b.latin[0] and typo < SIM_SKELETON:
        return SIM_SKELETON, "part_skeleton"
    if (
        len(a.phonetic) >= 2
        and a.phonetic == b.phonetic
        and min(len(a.latin), len(b.latin)) >= 5
        and typo < SIM_PHONETIC
    ):
        return SIM_PHONETIC, "part_phonetic"
    if typo > 0.0:
        if syllable(a) and syllable(b):
            return min(typo, SIM_SYLLABLE_TYPO), "part_typo"
        return typo, "part_typo"
    return 0.0, ""
