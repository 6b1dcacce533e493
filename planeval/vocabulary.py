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
from functools import cache, lru_cache

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
        "cloakroom wc", "lavatory", "restroom", "washroom", "water closet", "gäst-wc", "gästtoalett", "厕所", "トイレ",
    ),
    "entrance": (
        "entré", "entre", "entrè", "inngang", "inngangsparti", "vindfang", "windfang", "hall", "entrance",
        "entrance hall", "entrance lobby", "entry", "foyer", "porch", "entrance porch", "förstuga", "forstue",
        "diele", "eingang", "玄关", "玄関",
    ),
    "hall": (
        "gang", "korridor", "corridor", "hallway", "passage", "landing", "gangareal", "svalgang", "flur",
        "fellesareal", "fellesgang", "trapperom", "trappehus", "trapp", "stair", "stairs", "stairwell", "lobby",
        "stairway", "staircase", "circulation", "走廊", "廊下", "过道",
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
        "library", "arbeitszimmer", "büro", "kontor/gjest", "conference room", "meeting room", "møterom", "书房",
    ),
}

#: Common (shared) circulation in a multi-unit floor: these rooms belong to no unit.
COMMON_WORDS = (
    "korridor", "corridor", "fellesareal", "fellesgang", "svalgang", "trapperom", "trappehus", "stairwell",
    "lobby", "heis", "lift", "elevator", "felles", "common", "stair", "stairs", "stairway", "staircase", "trapp",
)

#: A door size written out in feet and inches ("2'8X6'8", "2'-8\" x 6'-8\"", "2#4'9X6'8"): a door tag, not a name.
DOOR_SIZE_RE = re.compile(r"(?:(\d)\s*#\s*)?([1-9])\s*'\s*-?\s*(\d{1,2})?\s*\"?\s*[x×]\s*([6-8])\s*'\s*-?\s*(\d{1,2})?\s*\"?",
                          re.IGNORECASE)

_AREA_RE = re.compile(
    r"(?<![\w.])(\d{1,4}(?:[.,]\d{1,2})?)\s*(m²|m2|m\^2|kvm|sqm|sq\.?\s?m\b|sf\b|sq\.?\s?ft\.?|ft²|ft2)",
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
    return not words.isdisjoint(_common_folded())


@cache
def _common_folded() -> frozenset[str]:
    """``COMMON_WORDS`` folded, once (folding them for every label was 0.9 s of 10,000 labelled rooms)."""
    return frozenset(fold(w) for w in COMMON_WORDS)


_PREFIX_AREA_RE = re.compile(  # Italian "mq=12.40", "A = 12,4", "F: 12,40 m²", "NF 12,4", "BRA 41,2", "Fl. 12,4"
    r"(?<![\w.])(?:mq|m\.q\.|a|f|fl|nf|bra|nta|area|areal|fläche|flaeche|superficie|sup)\s*[=:.]?\s*(\d{1,4}(?:[.,]\d{1,2})?)\b",
    re.IGNORECASE,
)
_FEET_DIMS_RE = re.compile(  # a room's size in feet and inches: "11'6 x 12'", "11'-6\" X 12'-0\""
    r"(\d{1,2})\s*'\s*-?\s*(\d{1,2})?\s*\"?\s*[x×]\s*(\d{1,2})\s*'\s*-?\s*(\d{1,2})?\s*\"?", re.IGNORECASE)
_METRE_DIMS_RE = re.compile(r"(?<![\w.])(\d{1,2}[.,]\d{1,2})\s*[x×]\s*(\d{1,2}[.,]\d{1,2})(?:\s*m\b)?(?![\w.])", re.IGNORECASE)
#: A room height written in a label: "h=2.50", "H = 250 cm", "RH 2,50 m", "CH=2845".
HEIGHT_RE = re.compile(
    r"(?<![\w])(?:h|rh|ch|lh|hk|höhe|hoehe|høyde|hoyde|takhøyde|takhoyde|height|altezza|hauteur)\s*[=:]?\s*"
    r"(\d{1,4}(?:[.,]\d{1,3})?)\s*(mm|cm|m)?(?![\w])",
    re.IGNORECASE,
)
SQ_FT_M2 = 0.09290304


def area_notation(text: str) -> tuple[float, str] | None:
    """An area a label states, in m², and the notation as written ("12,4 m²", "mq=12.40",
    "134 SQ. FT.", a room size "11'6 x 12'" or "3,40 x 4,20").

    >>> area_notation("Soverom\\n12,4 m²")
    (12.4, '12,4 m²')
    >>> [round(area_notation(t)[0], 2) for t in ("12.4 m2", "mq=12.40", "134 SQ. FT.", "11'6 x 12'", "3,40 x 4,20")]
    [12.4, 12.4, 12.45, 12.82, 14.28]
    """
    m = _AREA_RE.search(text)
    if m:
        value = float(m.group(1).replace(",", "."))
        return (value * SQ_FT_M2 if "f" in m.group(2).lower() else value), m.group(0).strip()
    m = _FEET_DIMS_RE.search(text)
    if m and not DOOR_SIZE_RE.fullmatch(m.group(0).strip()):
        a = int(m.group(1)) + int(m.group(2) or 0) / 12.0
        b = int(m.group(3)) + int(m.group(4) or 0) / 12.0
        if 3.0 <= a <= 60.0 and 3.0 <= b <= 60.0:
            return a * b * SQ_FT_M2, m.group(0).strip()
    m = _METRE_DIMS_RE.search(text)
    if m:
        a, b = (float(g.replace(",", ".")) for g in m.groups())
        if 0.8 <= a <= 20.0 and 0.8 <= b <= 20.0:
            return a * b, m.group(0).strip()
    m = _PREFIX_AREA_RE.search(text)
    if m and not HEIGHT_RE.search(text):
        value = float(m.group(1).replace(",", "."))
        if 0.5 <= value <= 2000.0:
            return value, m.group(0).strip()
    for line in text.splitlines():
        if _BARE_AREA_RE.match(line):
            return float(line.strip().replace(",", ".")), line.strip()
    return None


def stated_area_m2(text: str) -> float | None:
    """An area written in a label ("12,4 m²", "345 SF", see :func:`area_notation`), in m².

    >>> stated_area_m2("Soverom\\n12,4 m²")
    12.4
    >>> round(stated_area_m2("345 SF"), 2)
    32.05
    >>> stated_area_m2("9.32")
    9.32
    """
    found = area_notation(text)
    return None if found is None else found[0]


def stated_height_mm(text: str) -> float | None:
    """A room height a text states ("h=2.50", "H = 250 cm", "RH 2,50 m", "CH=2845"), in mm.

    >>> [stated_height_mm(t) for t in ("h=2.50", "H = 250 cm", "CH=2845", "Stue")]
    [2500.0, 2500.0, 2845.0, None]
    """
    m = HEIGHT_RE.search(text)
    if not m:
        return None
    value = float(m.group(1).replace(",", "."))
    unit = (m.group(2) or "").lower()
    mm = value * {"m": 1000.0, "cm": 10.0, "mm": 1.0}.get(unit, 1000.0 if value < 10 else (10.0 if value < 500 else 1.0))
    return mm if 1800.0 <= mm <= 8000.0 else None


#: What marks a door or window ("D6", "W11", "V3": dør, window, vindu) or is one letter (a grid line, a section, the
#: north arrow): no room's name.
MARK_RE = re.compile(r"[DWV][-.]?\d{1,3}[a-z]?|[a-zæøåäöü]", re.IGNORECASE)


#: A note on the drawing, no room's name: a size in inches or millimetres ('3" AIR VENT'), "TYP." (typical).
NOTE_RE = re.compile(r"\d\s*(?:\"|''|mm\b|cm\b)|\bTYP\b", re.IGNORECASE)


def looks_like_name(text: str) -> bool:
    """A short text that could be a room name or number (not a dimension, note, area, height or door size).

    >>> [looks_like_name(t) for t in ("Office", "305B", "h=2.50", "mq=12.40", "2'8X6'8", "3,40 x 4,20")]
    [True, True, False, False, False, False]
    >>> [looks_like_name(t) for t in ("D6", "W11", "N", '3" AIR VENT TYP', "Bod 2")]
    [False, False, False, False, True]
    """
    t = text.strip()
    if not t or len(t) > 40 or "\n" in t.strip():
        return False
    if MARK_RE.fullmatch(t) or NOTE_RE.search(t):  # a door or window mark, one letter; a note on the drawing
        return False
    if _BARE_AREA_RE.match(t) or area_notation(t) is not None or stated_height_mm(t) is not None:
        return False
    if DOOR_SIZE_RE.search(t):
        return False
    if re.fullmatch(r"[\d\s.,'\"x×-]+", t, re.IGNORECASE) and not re.fullmatch(r"\d{2,4}[a-z]?", t, re.IGNORECASE):
        return False
    return True
