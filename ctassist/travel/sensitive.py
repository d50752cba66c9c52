"""The sensitive-data filter: what is dropped from API and PNR data on arrival and never kept.

EU PNR Directive 2016/681 art. 13(4): no processing of data revealing race or ethnic origin,
political opinions, religion or philosophical beliefs, trade-union membership, health, sex life
or sexual orientation; such data are deleted at once. The readers call this module before they
build any object, so a dropped item never reaches a `Traveller` or `PnrRecord`; they count what
they dropped per category (`SensitiveCounts`), never what it said.

The list (also in docs/travel.md, which must stay in step with it):

- special meal SSRs: every IATA meal code (`MEAL_CODES`), and any other four-letter SSR code
  ending in ``ML`` (category ``special_meal``);
- health, disability and assistance SSRs: `HEALTH_SERVICE_CODES` (WCHR, WCHS, WCHC, MEDA,
  BLND, DEAF, DPNA, OXYG, STCR, …) (``health_service``);
- free text (IFT, OSI, remarks, history text; other SSRs keep only their code): the whole item
  is dropped when a word or phrase of `KEYWORDS` occurs in it, as a whole word, in any case,
  accents ignored (``religion``, ``ethnic_origin``, ``health``, ``sex_life``,
  ``political_opinion``, ``trade_union``).

The keyword lists are in English, French, Spanish, German, Portuguese and Italian where the
word is plain; they are deliberately broad (a false positive loses a remark, a false negative
keeps sensitive data). Names are never filtered: a person called "Christian" is not a belief.
Known limits: transliterated or misspelt words, other languages, and codes agreed bilaterally
(add them to the lists). The filter is not the only guard: the app never shows free text to
risk rules.
"""

from __future__ import annotations

import re
import unicodedata

SPECIAL_MEAL = "special_meal"
HEALTH_SERVICE = "health_service"
RELIGION = "religion"
ETHNIC_ORIGIN = "ethnic_origin"
HEALTH = "health"
SEX_LIFE = "sex_life"
POLITICAL_OPINION = "political_opinion"
TRADE_UNION = "trade_union"
CATEGORIES = (
    SPECIAL_MEAL,
    HEALTH_SERVICE,
    RELIGION,
    ETHNIC_ORIGIN,
    HEALTH,
    SEX_LIFE,
    POLITICAL_OPINION,
    TRADE_UNION,
)

# IATA special meal codes (AIRIMP / IATA Reso 763 list). Several reveal religion (HNML Hindu,
# KSML kosher, MOML Muslim, VJML Jain), others health (DBML diabetic, GFML gluten-free, BLML
# bland, LSML low salt, NLML no lactose, LCML/LFML): all are dropped.
MEAL_CODES = frozenset(
    {
        "AVML",  # Asian vegetarian (Hindu)
        "BBML",  # baby
        "BLML",  # bland
        "CHML",  # child
        "DBML",  # diabetic
        "FPML",  # fruit platter
        "FSML",  # fish
        "GFML",  # gluten-free
        "HFML",  # high fibre
        "HNML",  # Hindu
        "IVML",  # Indian vegetarian
        "JNML",  # Japanese
        "JPML",  # Japanese
        "KSML",  # kosher
        "LCML",  # low calorie
        "LFML",  # low fat / low cholesterol
        "LPML",  # low protein
        "LSML",  # low salt
        "MOML",  # Muslim
        "NBML",  # no beef
        "NLML",  # no lactose
        "NFML",  # no fish
        "ORML",  # oriental
        "PRML",  # low purine
        "RVML",  # raw vegetarian
        "SFML",  # seafood
        "SPML",  # special, described in free text
        "VGML",  # vegan
        "VJML",  # vegetarian Jain
        "VLML",  # vegetarian lacto-ovo
        "VOML",  # vegetarian oriental
    }
)

# Services that reveal health or disability.
HEALTH_SERVICE_CODES = frozenset(
    {
        "WCHR",  # wheelchair for the ramp
        "WCHS",  # wheelchair, cannot climb steps
        "WCHC",  # wheelchair to the cabin seat
        "WCHP",  # wheelchair, lower limbs
        "WCBD",  # dry-cell battery wheelchair
        "WCBW",  # wet-cell battery wheelchair
        "WCLB",  # lithium battery wheelchair
        "WCMP",  # manual wheelchair
        "WCOB",  # on-board wheelchair
        "MEDA",  # medical case
        "BLND",  # blind
        "DEAF",  # deaf
        "DPNA",  # intellectual or developmental disability needing assistance
        "OXYG",  # oxygen
        "POXY",  # personal oxygen
        "PPOC",  # portable oxygen concentrator
        "STCR",  # stretcher
        "SVAN",  # service animal
        "ESAN",  # emotional support animal
        "LEGL",  # leg in a cast
        "LEGR",  # leg in a cast
        "MAAS",  # meet and assist (mostly health or age)
        "PREG",  # pregnant (used bilaterally)
        "PRMK",  # person with reduced mobility
    }
)

KEYWORDS: dict[str, tuple[str, ...]] = {
    RELIGION: (
        # en
        "muslim", "moslem", "islam", "islamic", "halal", "kosher", "jewish", "judaism", "jew",
        "hindu", "hinduism", "sikh", "buddhist", "jain", "catholic", "protestant", "orthodox",
        "evangelical", "mormon", "mosque", "synagogue", "church", "ramadan", "hajj", "umrah",
        "pilgrim", "pilgrimage", "sabbath", "shabbat", "religion", "religious", "prayer",
        "imam", "rabbi", "priest", "nun", "missionary",
        # fr
        "musulman", "musulmane", "juif", "juive", "casher", "cacher", "hindou", "bouddhiste",
        "catholique", "protestante", "mosquee", "eglise", "pelerinage", "pelerin",
        "religieux", "religieuse", "priere",
        # es / pt / it
        "musulman", "judio", "judia", "catolico", "catolica", "mezquita", "iglesia",
        "peregrinacion", "peregrino", "religioso", "religiosa", "religiao", "igreja",
        "mesquita", "muculmano", "judeu", "musulmano", "ebreo", "chiesa", "moschea",
        "pellegrinaggio", "religione",
        # de
        "muslimisch", "judisch", "koscher", "kirche", "moschee", "pilgerfahrt", "religios",
    ),
    ETHNIC_ORIGIN: (
        "ethnic", "ethnicity", "race", "racial", "tribe", "tribal",
        "ethnique", "ethnie", "etnico", "etnica", "etnia", "raza", "raca", "razza",
        "ethnisch", "rasse",
    ),
    HEALTH: (
        # en
        "pregnant", "pregnancy", "disabled", "disability", "handicapped", "wheelchair",
        "blind", "deaf", "diabetic", "diabetes", "epilepsy", "epileptic", "hiv", "cancer",
        "oxygen", "stretcher", "medical", "medication", "medicine", "illness", "ill", "sick",
        "dialysis", "allergy", "allergic", "autism", "autistic", "dementia", "disease",
        "hospital", "surgery", "injury", "injured", "crutches", "insulin", "mental",
        "psychiatric", "gluten", "lactose", "coeliac", "celiac",
        # fr
        "enceinte", "grossesse", "handicap", "handicape", "fauteuil roulant", "aveugle",
        "sourd", "sourde", "diabetique", "malade", "maladie", "medical", "medicale",
        "hopital", "oxygene", "civiere",
        # es / pt / it
        "embarazada", "embarazo", "silla de ruedas", "ciego", "ciega", "sordo", "sorda",
        "diabetico", "discapacitado", "discapacidad", "enfermo", "enferma", "enfermedad",
        "medico", "hospital", "gravida", "cadeira de rodas", "deficiente", "doente",
        "incinta", "sedia a rotelle", "cieco", "sordo", "disabile", "malato",
        # de
        "schwanger", "rollstuhl", "gehorlos", "taub", "diabetiker", "behindert",
        "behinderung", "krank", "krankheit", "krankenhaus",
    ),
    SEX_LIFE: (
        "gay", "lesbian", "homosexual", "bisexual", "transgender", "transsexual", "queer",
        "sexual orientation", "same sex", "lgbt", "lgbtq", "lgbti",
        "homosexuel", "homosexuelle", "lesbienne", "bisexuel", "orientation sexuelle",
        "lesbiana", "homossexual", "omosessuale", "schwul", "lesbisch",
    ),
    POLITICAL_OPINION: (
        "political", "politician", "party member", "communist", "socialist", "anarchist",
        "politique", "militant", "politico", "politica", "partido", "partito", "politisch",
        "partei",
    ),
    TRADE_UNION: (
        "trade union", "labour union", "labor union", "union member", "unionist",
        "syndicat", "syndicaliste", "syndique", "sindicato", "sindicalista", "sindacato",
        "gewerkschaft",
    ),
}  # fmt: skip


def _folded(text: str) -> str:
    """Lower case, accents removed, every run of non-letters one space, padded with spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " " + re.sub(r"[^a-z0-9]+", " ", plain).strip() + " "


_PHRASES: list[tuple[str, str]] = [
    (category, " " + " ".join(_folded(word).split()) + " ")
    for category, words in KEYWORDS.items()
    for word in dict.fromkeys(words)
]


def service_category(code: str) -> str | None:
    """The category of an SSR code that must be dropped, or None to keep it."""
    code = code.strip().upper()
    if code in MEAL_CODES or (len(code) == 4 and code.endswith("ML") and code.isalpha()):
        return SPECIAL_MEAL
    if code in HEALTH_SERVICE_CODES:
        return HEALTH_SERVICE
    return None


def text_category(text: str) -> str | None:
    """The category of the first keyword found in free text (the whole item is then dropped),
    or None to keep it."""
    folded = _folded(text)
    for category, phrase in _PHRASES:
        if phrase in folded:
            return category
    return None
