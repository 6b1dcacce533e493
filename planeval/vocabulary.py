"""Room-label vocabulary: words architects write in rooms, mapped to canonical functions.

Norwegian (bokmål and nynorsk), Swedish, Danish, English and German, plus a few Chinese and
Japanese words found in real exports. Matching is case- and accent-insensitive and works on
combined labels ("Stue/kjøkken", "KITCHEN/LIVING AREA", "Bad/vaskerom").

Shared by the reader (unit evidence, plan views, user profiles' ``[labels]``) and the model (room
labels), so it depends on neither.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: The canonical functions, in the order reports list them.
FUNCTIONS: tuple[str, ...] = (
    "living", "kitchen", "bedroom", "bathroom", "wc", "entrance", "hall",
    "storage", "laundry", "balcony", "technical", "other",
)

#: Rooms for permanent stay ("rom for varig opphold", TEK17 §1-3 l): living, kitchen, bedroom.
PERMANENT_STAY = frozenset({"living", "kitchen", "bedroom"})

#: Phrases first matter: they are tried longest first.
WORDS: dict[str, tuple[str, ...]] = {
    "living": (
        "stue", "stua", "stova", "stove", "dagligstue", "allrom", "oppholdsrom", "opphaldsrom", "tv-stue", "tv stue",
        "spisestue", "spiserom", "living", "living room", "living area", "lounge", "sitting room", "family room",
        "tv room", "drawing room", "reception", "dining", "dining room", "vardagsrum", "allrum", "matsal",
        "opholdsstue", "opholdsrum", "wohnzimmer", "wohnen", "wohnraum", "wohn", "esszimmer", "essen", "stube",
        "客厅", "起居室", "餐厅", "リビング", "居間", "ldk", "lk",
    ),
    "kitchen": (
        "kjøkken", "kjokken", "kjøken", "kjoken", "kjøkkenkrok", "tekjøkken", "kitchen", "kitchenette", "kök",
        "kok", "pentry", "køkken", "kokken", "küche", "kueche", "kochen", "厨房", "キッチン", "台所",
    ),
    "bedroom": (
        "soverom", "sov", "sove", "sovealkove", "soveværelse", "sovevaerelse", "sovevær", "sovrum", "sovrom",
        "bedroom", "bed room", "bedrm", "master bed", "master bedroom", "guest room", "guest", "gjesterom",
        "barnerom", "værelse", "vaerelse", "gæst", "gaest", "gæsteværelse", "schlafzimmer", "schlafen",
        "kinderzimmer", "kinder", "gäst", "gastzimmer", "卧室", "主卧", "次卧", "寝室", "洋室", "和室",
    ),
    "bathroom": (
        "bad", "baderom", "badrom", "bad/vask", "våtrom", "vatrom", "bathroom", "bath", "master bath",
        "shower room", "shower", "ensuite", "en-suite", "en suite", "wet room", "badrum", "dusch", "dusj",
        "badeværelse", "badevaerelse", "badezimmer", "duschbad", "卫生间", "浴室", "バス", "洗面所",
    ),
    "wc": (
        "wc", "w.c.", "toalett", "toilet", "toilette", "gjestetoalett", "gjeste-wc", "do", "powder room",
        "cloakroom wc", "lavatory", "gäst-wc", "gästtoalett", "厕所", "トイレ",
    ),
    "entrance": (
        "entré", "entre", "entrè", "inngang", "inngangsparti", "vindfang", "windfang", "hall", "entrance",
        "entrance hall", "entrance lobby", "entry", "foyer", "porch", "entrance porch", "förstuga", "forstue",
        "diele", "eingang", "玄关", "玄関",
    ),
    "hall": (
        "gang", "korridor", "corridor", "hallway", "passage", "landing", "gangareal", "svalgang", "flur",
        "fellesareal", "fellesgang", "trapperom", "trappehus", "trapp", "stair", "stairs", "stairwell", "lobby",
        "circulation", "走廊", "廊下", "过道",
    ),
    "storage": (
        "bod", "boder", "sportsbod", "innvendig bod", "utvendig bod", "lager", "storage", "store", "store room",
        "storeroom", "pantry", "spiskammer", "matbod", "closet", "walk-in", "walk in closet", "garderobe",
        "garderoberom", "coats", "cloak room", "cloakroom", "förråd", "forråd", "forrad", "skab", "depot",
        "abstellraum", "abstell", "vorrat", "储藏", "储物", "収納", "物置", "cupboard", "linen",
    ),
    "laundry": (
        "vaskerom", "vask", "vaskeri", "vaskerum", "laundry", "utility", "utility room", "bryggers", "bryg",
        "tvättstuga", "tvätt", "waschküche", "hauswirtschaft", "hwr", "洗衣",
    ),
    "balcony": (
        "balkong", "balkon", "balcony", "terrasse", "terrace", "veranda", "platting", "uteplass", "altan",
        "loggia", "patio", "deck", "阳台", "バルコニー",
    ),
    "technical": (
        "teknisk", "tekn", "tek rom", "tek. rom", "teknisk rom", "sjakt", "shaft", "riser", "technical", "plant room", "plant",
        "inntaksrom", "el-rom", "elrom", "sikringsskap", "ventilasjon", "heis", "lift", "elevator", "hiss",
        "manifold", "boiler", "设备", "管井",
    ),
    "other": (
        "kontor", "arbeidsrom", "hjemmekontor", "study", "office", "gym", "hobby", "hobbyrom", "bibliotek",
        "library", "arbeitszimmer", "büro", "kontor/gjest", "书房",
    ),
}

#: Common (shared) circulation in a multi-unit floor: these rooms belong to no unit.
COMMON_WORDS = (
    "korridor", "corridor", "fellesareal", "fellesgang", "svalgang", "trapperom", "trappehus", "stairwell",
    "lobby", "heis", "lift", "elevator", "felles", "common", "stair", "stairs", "trapp",
)

#: A door size written out in feet and inches ("2'8X6'8", "2'-8\" x 6'-8\"", "2#4'9X6'8"): a door tag, not a name.
DOOR_SIZE_RE = re.compile(r"(?:(\d)\s*#\s*)?([1-9])\s*'\s*-?\s*(\d{1,2})?\s*\"?\s*[x×]\s*([6-8])\s*'\s*-?\s*(\d{1,2})?\s*\"?",
                          re.IGNORECASE)

_AREA_RE = re.compile(
    r"(?<![\w.])(\d{1,4}(?:[.,]\d{1,2})?)\s*(m²|m2|m\^2|kvm|sqm|sq\.?\s?m\b|sf\b|sq\.?\s?ft|ft²|ft2)",
    re.IGNORECASE,
)
_BARE_AREA_RE = re.compile(r"^\s*\d{1,3}[.,]\d{1,2}\s*$")


def fold(text: str) -> str:
    """Lower-case, strip accents except the Nordic letters, collapse spaces.

    >>> fold("  ENTRÉ ")
    'entre'
    >>> fold("Kjøkken")
    'kjøkken'
    """
    text = unicodedata.normalize("NFKC", text).lower()
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and ch not in "\u030a":  # keep å's ring
            continue
        out.append(ch)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", "".join(out))).strip()


_SEP_RE = re.compile(r"[/&+,;:()\[\]\-_.]+")


def _normalise(text: str) -> str:
    return " " + re.sub(r"\d+", " ", _SEP_RE.sub(" ", fold(text))) + " "


@lru_cache(maxsize=8)
def _matcher(extra: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every phrase, longest first, each between spaces."""
    table: dict[str, str] = {}
    for function, words in WORDS.items():
        for w in words:
            table.setdefault(_normalise(w).strip(), function)
    for w, function in extra:
        table[_normalise(w).strip()] = function  # the user's words win
    phrases = sorted((p for p in table if p), key=lambda p: (-len(p), p))
    pattern = re.compile("(?<= )(?:" + "|".join(re.escape(p) for p in phrases) + ")(?= )")
    return pattern, table


@lru_cache(maxsize=4096)
def _functions_cached(label: str, extra: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    pattern, table = _matcher(extra)
    text = re.sub(r" +", " ", _normalise(label))  # the lookarounds share spaces between adjacent words
    seen: dict[str, None] = {}
    for m in pattern.finditer(text):
        seen.setdefault(table[m.group(0)], None)
    return tuple(seen)


def functions_of(label: str, extra: dict[str, str] | None = None) -> tuple[str, ...]:
    """Canonical functions named by a label, in the order they appear.

    >>> functions_of("Stue/kjøkken")
    ('living', 'kitchen')
    >>> functions_of("KITCHEN/LIVING AREA")
    ('kitchen', 'living')
    >>> functions_of("Bad/vaskerom")
    ('bathroom', 'laundry')
    >>> functions_of("BEDROOM No 2")
    ('bedroom',)
    >>> functions_of("Soverom 1")
    ('bedroom',)
    >>> functions_of("master bed room")
    ('bedroom',)
    >>> functions_of("12,4 m²")
    ()
    """
    return _functions_cached(label, tuple(sorted((extra or {}).items())))


def is_common(label: str) -> bool:
    """True when a label names shared space (corridor, stairwell, common room) rather than a unit's room.

    >>> is_common("Fellesrom"), is_common("Korridor"), is_common("Stue")
    (True, True, False)
    """
    words = set(re.split(r"[\s/&+,;:()\-_.]+", fold(label)))
    if any(w.startswith(("felles", "common", "gemeinschaft", "gemensam")) for w in words):
        return True
    return any(fold(w) in words for w in COMMON_WORDS)


def stated_area_m2(text: str) -> float | None:
    """An area written in a label ("12,4 m²", "345 SF"), in m².

    >>> stated_area_m2("Soverom\\n12,4 m²")
    12.4
    >>> round(stated_area_m2("345 SF"), 2)
    32.05
    >>> stated_area_m2("9.32")
    9.32
    """
    m = _AREA_RE.search(text)
    if m:
        value = float(m.group(1).replace(",", "."))
        unit = m.group(2).lower()
        return value * 0.09290304 if ("f" in unit) else value
    for line in text.splitlines():
        if _BARE_AREA_RE.match(line):
            return float(line.strip().replace(",", "."))
    return None


def looks_like_name(text: str) -> bool:
    """A short text that could be a room name or number (not a dimension, note or area)."""
    t = text.strip()
    if not t or len(t) > 40 or "\n" in t.strip():
        return False
    if _BARE_AREA_RE.match(t) or _AREA_RE.search(t):
        return False
    if re.fullmatch(r"[\d\s.,'\"x×-]+", t) and not re.fullmatch(r"\d{2,4}[a-z]?", t, re.IGNORECASE):
        return False
    return True
