"""Layer and block roles from profiles (TOML): built-in conventions, auto-detection, user overrides.

A profile maps layer names and block names to :class:`Role` with ordered, case-insensitive regular
expressions. The selected profile is tried first, then ``plain`` (plain words in many languages),
then ``common`` (block names). A user profile (``--profile FILE``) is tried before all of them and
may also pin exact names (``[layer_map]``, ``[block_map]``) and extend the room-label vocabulary.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from planeval.errors import InputError
from planeval.read.drawing import Role
from planeval.vocabulary import FUNCTIONS

BUILTIN_PROFILES = ("aia", "cisfb-uk", "iso13567", "gb-cn", "revit", "archicad", "plain")
FALLBACKS = ("plain",)
#: A convention wins when its own rules explain this share of what the plain words explain.
CONVENTION_SHARE = 0.25
_TOP_KEYS = {"name", "description", "extends", "include_hidden_layers", "layers", "blocks", "kinds",
             "layer_map", "block_map", "labels", "doors"}
_XREF_RE = re.compile(r"^.*\$\d+\$|^[^|]*\|")  # bound ("Name$0$A-WALL", "$1$" on a clash) or attached ("Name|A-WALL")
_ROLE_NAMES = {r.value for r in Role if r is not Role.UNKNOWN}


@dataclass(frozen=True, slots=True)
class Rule:
    role: Role
    pattern: re.Pattern[str]
    origin: str  # "profile:role:pattern" for explanations

    def matches(self, name: str) -> bool:
        return self.pattern.search(name) is not None


@dataclass(frozen=True, slots=True)
class DoorConvention:
    """How door widths are read (see the ``[doors]`` table of ``common.toml``)."""

    clear_width_attributes: tuple[str, ...]
    leaf_width_attributes: tuple[str, ...]
    threshold_attributes: tuple[str, ...]
    height_attributes: tuple[str, ...]
    opening_force_attributes: tuple[str, ...]
    leaf_thickness_attributes: tuple[str, ...]
    hinged_deduction_mm: float
    sliding_deduction_mm: float
    opening_deduction_mm: float
    module_frame_deduction_mm: float
    module_pattern: re.Pattern[str]
    leaf_thickness_mm: float = 40.0  #: the office's leaf thickness where a door has no LEAF_THICKNESS attribute
    folding_deduction_mm: float = 100.0  #: the folded leaves of a folding (bifold) door standing in its opening

    def to_dict(self) -> dict[str, object]:
        return {
            "hinged_deduction_mm": self.hinged_deduction_mm,
            "sliding_deduction_mm": self.sliding_deduction_mm,
            "opening_deduction_mm": self.opening_deduction_mm,
            "module_frame_deduction_mm": self.module_frame_deduction_mm,
            "leaf_thickness_mm": self.leaf_thickness_mm,
            "clear_width_attributes": list(self.clear_width_attributes),
        }


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    layer_rules: tuple[Rule, ...]
    block_rules: tuple[Rule, ...]
    kind_rules: tuple[tuple[str, re.Pattern[str]], ...]
    layer_map: dict[str, Role] = field(default_factory=dict)
    block_map: dict[str, Role] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    doors: DoorConvention | None = None
    include_hidden_layers: bool = False
    files: tuple[str, ...] = ()

    def layer_role(self, layer: str) -> tuple[Role, str]:
        """Role of a layer name and the rule that gave it."""
        if layer in self.layer_map:
            return self.layer_map[layer], f"layer_map:{layer}"
        name = normalise_layer(layer)
        for rule in self.layer_rules:
            if rule.matches(name):
                return rule.role, rule.origin
        return Role.UNKNOWN, ""

    def block_role(self, block: str) -> tuple[Role, str]:
        if block in self.block_map:
            return self.block_map[block], f"block_map:{block}"
        if block.startswith("*"):  # anonymous blocks (*U12, *D3) say nothing by their name
            return Role.UNKNOWN, ""
        for rule in self.block_rules:
            if rule.matches(block):
                return rule.role, rule.origin
        return Role.UNKNOWN, ""

    def kind(self, *names: str) -> str | None:
        """Fixture/furniture kind (``wc``, ``bed`` …) from a block name, then a layer name."""
        for name in names:
            if not name:
                continue
            n = normalise_layer(name)
            for kind, pattern in self.kind_rules:
                if pattern.search(n):
                    return kind
        return None


def normalise_layer(name: str) -> str:
    """Strip xref prefixes: the layer's own name is its last part.

    >>> [normalise_layer(n) for n in ("2270pga00$0$A325g - Int Doors", "xref-Name$0$A-WALL", "Plan|A-DOOR")]
    ['A325g - Int Doors', 'A-WALL', 'A-DOOR']
    """
    return _XREF_RE.sub("", name).strip()


def _compile(patterns: object, where: str, role: str, origin: str) -> list[Rule]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise InputError(f"[{where}] {role}: expected a list of regular expressions (strings)", origin)
    rules = []
    for p in patterns:
        try:
            rules.append(Rule(Role(role), re.compile(p, re.IGNORECASE), f"{Path(origin).stem}:{where}.{role}:{p}"))
        except re.error as exc:
            raise InputError(f"[{where}] {role}: bad regular expression {p!r} ({exc})", origin) from None
    return rules


def _suggest(word: str, options: set[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _role_rules(table: object, where: str, origin: str) -> list[Rule]:
    if table is None:
        return []
    if not isinstance(table, dict):
        raise InputError(f"[{where}] must be a table of role = [patterns]", origin)
    rules: list[Rule] = []
    for role, patterns in table.items():
        if role not in _ROLE_NAMES:
            roles = ", ".join(sorted(_ROLE_NAMES))
            raise InputError(f"[{where}] unknown role {role!r}{_suggest(role, _ROLE_NAMES)}; roles: {roles}", origin)
        rules.extend(_compile(patterns, where, role, origin))
    return rules


def _exact_map(table: object, where: str, origin: str) -> dict[str, Role]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise InputError(f"[{where}] must be a table of \"name\" = \"role\"", origin)
    out = {}
    for name, role in table.items():
        if not isinstance(role, str) or role not in _ROLE_NAMES:
            raise InputError(f"[{where}] {name!r}: unknown role {role!r}{_suggest(str(role), _ROLE_NAMES)}", origin)
        out[name] = Role(role)
    return out


def _read_toml(path: Path | None, text: str | None, origin: str) -> dict[str, object]:
    try:
        data = tomllib.loads(text) if text is not None else tomllib.loads(path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    except FileNotFoundError:
        raise InputError("profile file not found", origin) from None
    except IsADirectoryError:
        raise InputError("profile path is a directory, not a TOML file", origin) from None
    except UnicodeDecodeError:
        raise InputError("profile file is not UTF-8 text", origin) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"profile is not valid TOML ({exc})", origin) from None
    unknown = set(data) - _TOP_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(f"unknown key {key!r}{_suggest(key, _TOP_KEYS)}", origin)
    return data


@cache
def _builtin_data(name: str) -> dict[str, object]:
    text = resources.files("planeval.read").joinpath("profiles", f"{name}.toml").read_text(encoding="utf-8")
    return _read_toml(None, text, f"{name}.toml")


def _door_convention(data: dict[str, object], origin: str, base: DoorConvention | None) -> DoorConvention:
    table = data.get("doors")
    if table is None:
        assert base is not None
        return base
    if not isinstance(table, dict):
        raise InputError("[doors] must be a table", origin)
    fields = {f for f in DoorConvention.__dataclass_fields__}
    values: dict[str, object] = {} if base is None else {f: getattr(base, f) for f in fields}
    for key, value in table.items():
        if key not in fields:
            raise InputError(f"[doors] unknown key {key!r}{_suggest(key, fields)}", origin)
        if key.endswith("_mm"):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise InputError(f"[doors] {key}: expected a number of millimetres, got {value!r}", origin)
            values[key] = float(value)
        elif key == "module_pattern":
            try:
                values[key] = re.compile(str(value), re.IGNORECASE)
            except re.error as exc:
                raise InputError(f"[doors] module_pattern: bad regular expression ({exc})", origin) from None
        else:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(f"[doors] {key}: expected a list of attribute tags", origin)
            values[key] = tuple(v.upper() for v in value)
    missing = fields - set(values)
    if missing:
        raise InputError(f"[doors] missing {', '.join(sorted(missing))}", origin)
    return DoorConvention(**values)  # type: ignore[arg-type]


@cache
def builtin_profile(name: str) -> Profile:
    """A built-in profile followed by the fallbacks (``plain``) and the common block rules."""
    if name not in BUILTIN_PROFILES:
        raise InputError(f"unknown profile {name!r}{_suggest(name, BUILTIN_PROFILES)}; built-in: {', '.join(BUILTIN_PROFILES)}")
    chain = [name] + [f for f in FALLBACKS if f != name] + ["common"]
    layer_rules: list[Rule] = []
    block_rules: list[Rule] = []
    kinds: list[tuple[str, re.Pattern[str]]] = []
    doors: DoorConvention | None = None
    for part in chain:
        data = _builtin_data(part)
        layer_rules += _role_rules(data.get("layers"), "layers", f"{part}.toml")
        block_rules += _role_rules(data.get("blocks"), "blocks", f"{part}.toml")
        for kind, patterns in (data.get("kinds") or {}).items():  # type: ignore[attr-defined]
            kinds += [(kind, r.pattern) for r in _compile(patterns, "kinds", "fixture", f"{part}.toml")]
        if part == "common":
            doors = _door_convention(data, "common.toml", None)
    data = _builtin_data(name)
    return Profile(
        name=name,
        description=str(data.get("description", "")),
        layer_rules=tuple(layer_rules),
        block_rules=tuple(block_rules),
        kind_rules=tuple(kinds),
        doors=doors,
        files=tuple(f"builtin:{p}" for p in chain),
    )


def load_user_profile(path: str | Path, detected: str) -> Profile:
    """A user's TOML profile: its rules first, then the profile it ``extends`` (default: the detected one)."""
    p = Path(path)
    data = _read_toml(p, None, str(p))
    base_name = data.get("extends", detected)
    if not isinstance(base_name, str):
        raise InputError("'extends' must be the name of a built-in profile", p)
    try:
        base = builtin_profile(base_name)
    except InputError as exc:
        raise InputError(f"extends: {exc.message}", p) from None
    labels = data.get("labels") or {}
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        raise InputError("[labels] must map words to functions, e.g. \"tekjøkken\" = \"kitchen\"", p)
    for word, function in labels.items():
        if function not in FUNCTIONS:
            raise InputError(f"[labels] {word!r}: unknown function {function!r}{_suggest(function, FUNCTIONS)}", p)
    hidden = data.get("include_hidden_layers", base.include_hidden_layers)
    if not isinstance(hidden, bool):
        raise InputError("include_hidden_layers must be true or false", p)
    kinds = list(base.kind_rules)
    for kind, patterns in (data.get("kinds") or {}).items():  # type: ignore[attr-defined]
        kinds = [(kind, r.pattern) for r in _compile(patterns, "kinds", "fixture", str(p))] + kinds
    return Profile(
        name=str(data.get("name", p.stem)),
        description=str(data.get("description", f"user profile {p.name} extending {base_name}")),
        layer_rules=tuple(_role_rules(data.get("layers"), "layers", str(p))) + base.layer_rules,
        block_rules=tuple(_role_rules(data.get("blocks"), "blocks", str(p))) + base.block_rules,
        kind_rules=tuple(kinds),
        layer_map=_exact_map(data.get("layer_map"), "layer_map", str(p)),
        block_map=_exact_map(data.get("block_map"), "block_map", str(p)),
        labels={k.lower(): v for k, v in labels.items()},
        doors=_door_convention(data, str(p), base.doors),
        include_hidden_layers=hidden,
        files=(str(p),) + base.files,
    )


@cache
def _own_layer_rules(name: str) -> tuple[Rule, ...]:
    return tuple(_role_rules(_builtin_data(name).get("layers"), "layers", f"{name}.toml"))


def detect_profile(layer_counts: dict[str, int]) -> tuple[str, dict[str, int]]:
    """Pick the built-in convention whose *own* layer rules classify the most entities.

    ``layer_counts`` maps layer names to entity counts. The plain-words profile is always tried
    after the chosen one, so a convention is chosen as soon as its own rules explain a fair share
    (a quarter) of what the plain words explain; otherwise ``plain``.
    """
    scores: dict[str, int] = {}
    for name in BUILTIN_PROFILES:
        rules = _own_layer_rules(name)
        score = 0
        for layer, count in layer_counts.items():
            n = normalise_layer(layer)
            for rule in rules:
                if rule.matches(n):
                    # Recognising walls, doors and rooms matters more than recognising what to ignore.
                    score += count * (1 if rule.role is Role.IGNORE else 3)
                    break
        scores[name] = score
    conventions = [n for n in BUILTIN_PROFILES if n != "plain"]
    best = max(conventions, key=lambda n: scores[n])
    if scores[best] > 0 and scores[best] >= CONVENTION_SHARE * scores["plain"]:
        return best, scores
    return "plain", scores
