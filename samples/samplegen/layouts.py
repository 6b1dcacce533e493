"""Layouts as data: reads ``samples/layouts/<name>.toml`` into :class:`~samplegen.model.Layout`.

``samples/layouts/index.toml`` lists the shipped samples in order.  A layout file holds the
identification (``name``, ``dialect``, ``unit_type``, ``title``, ``description``, ``units``,
``ext_wall``, optional ``rotation_deg`` / ``offset`` / ``callout``), the ``rooms``, ``doors``,
``windows`` and ``fixtures`` in local mm and the intended ``defects``.  A multi-unit floor
adds ``placements``: unit templates from ``samples/layouts/units/`` moved (and mirrored)
into place by :func:`place`, their ``CORRIDOR`` door side connected to the floor's
``corridor`` room.  The field reference is ``samples/README.md``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shapely.geometry import Polygon

from .build import find_span
from .dialects import DIALECTS
from .model import (
    BED_VARIANTS,
    CORRIDOR,
    DOOR_KINDS,
    FACING_ROT,
    FIXTURE_KINDS,
    FUNCTIONS,
    RULES,
    SIDES,
    Defect,
    Door,
    Fixture,
    Layout,
    Pt,
    Room,
    UnitPlan,
    Window,
)

LAYOUT_DIR = Path(__file__).resolve().parent.parent / "layouts"
UNIT_DIR = LAYOUT_DIR / "units"

ROOM_KEYS = {"name", "function", "rect", "points", "also", "label_at", "key", "unit", "common"}
DOOR_KEYS = {"rooms", "at", "leaf", "swing", "hinge", "kind", "side", "entrance", "attrs"}
WINDOW_KEYS = {"room", "side", "at", "width"}
FIXTURE_KEYS = {"kind", "room", "rect", "facing", "variant"}
DEFECT_KEYS = {"rule", "subject", "note", "unit", "consequential", "ruleset"}
PLAN_KEYS = {"rooms", "doors", "windows", "fixtures"}
TEMPLATE_KEYS = PLAN_KEYS | {"from_layout", "drop_windows_on"}
LAYOUT_KEYS = PLAN_KEYS | {"name", "dialect", "unit_type", "title", "description", "units", "ext_wall",
                           "rotation_deg", "offset", "callout", "defects", "corridor", "placements"}
PLACEMENT_KEYS = {"unit", "template", "at", "mirror"}


class LayoutError(ValueError):
    """A layout file that does not describe a plan the generator can draw."""


def _check(cond: bool, where: str, msg: str) -> None:
    if not cond:
        raise LayoutError(f"{where}: {msg}")


def _keys(d: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(d) - allowed)
    _check(not unknown, where, f"unknown field(s) {', '.join(unknown)}")


def _one_of(v: Any, allowed: tuple[str, ...] | dict[str, Any], where: str, what: str) -> None:
    _check(v in allowed, where, f"{what} {v!r} is not one of {', '.join(allowed)}")


def _parse(parse: Callable[[dict[str, Any], str], Any], d: Any, where: str) -> Any:
    """``parse(d, where)``, a missing field reported as a :class:`LayoutError`."""
    _check(isinstance(d, dict), where, f"expected a table {{ ... }}, got {d!r}")
    try:
        return parse(d, where)
    except KeyError as e:
        raise LayoutError(f"{where}: missing field {e.args[0]}") from None


def _pt(v: Any, where: str) -> Pt:
    _check(isinstance(v, list) and len(v) == 2, where, f"expected a point [x, y], got {v!r}")
    return (v[0], v[1])


def _room(d: dict[str, Any], where: str) -> Room:
    _keys(d, ROOM_KEYS, where)
    _one_of(d["function"], FUNCTIONS, where, "function")
    for fn in d.get("also", ()):
        _one_of(fn, FUNCTIONS, where, "function")
    _check(("rect" in d) != ("points" in d), where, "give either rect = [x0, y0, x1, y1] or points = [[x, y], ...]")
    if "rect" in d:
        _check(len(d["rect"]) == 4, where, "rect needs [x0, y0, x1, y1]")
        x0, y0, x1, y1 = d["rect"]
        poly: tuple[Pt, ...] = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    else:
        poly = tuple(_pt(p, where) for p in d["points"])
    _check(len(poly) >= 3 and Polygon(poly).is_valid and Polygon(poly).area > 0, where, "not a valid polygon")
    unit = None if d.get("common", False) else d.get("unit", "A")
    label_at = _pt(d["label_at"], where) if "label_at" in d else None
    return Room(d.get("key", d["name"]), d["name"], d["function"], poly, unit, tuple(d.get("also", ())), label_at)


def _door(d: dict[str, Any], where: str) -> Door:
    _keys(d, DOOR_KEYS, where)
    _check(len(d["rooms"]) == 2, where, "rooms needs the two rooms (or a room and \"outside\")")
    a, b = d["rooms"]
    kind = d.get("kind", "hinged")
    _one_of(kind, DOOR_KINDS, where, "kind")
    _one_of(d.get("hinge", "low"), ("low", "high"), where, "hinge")
    _check(d["swing"] in (a, b), where, f"swing {d['swing']!r} is neither of the door's rooms")
    if "side" in d:
        _one_of(d["side"], SIDES, where, "side")
    return Door(a, b, d["at"], d["leaf"], d["swing"], d.get("hinge", "low"), kind, d.get("side"),
                d.get("entrance", False), d.get("attrs", False))


def _window(d: dict[str, Any], where: str) -> Window:
    _keys(d, WINDOW_KEYS, where)
    _one_of(d["side"], SIDES, where, "side")
    return Window(d["room"], d["side"], d["at"], d["width"])


def _fixture(d: dict[str, Any], where: str) -> Fixture:
    _keys(d, FIXTURE_KEYS, where)
    _one_of(d["kind"], FIXTURE_KINDS, where, "kind")
    _one_of(d.get("facing", "S"), FACING_ROT, where, "facing")
    if "variant" in d:
        _one_of(d["variant"], BED_VARIANTS, where, "variant")
    _check(len(d["rect"]) == 4, where, "rect needs [x0, y0, x1, y1]")
    x0, y0, x1, y1 = d["rect"]
    return Fixture(d["kind"], d["room"], (x0, y0, x1, y1), d.get("facing", "S"), d.get("variant"))


def _defect(d: dict[str, Any], where: str) -> Defect:
    _keys(d, DEFECT_KEYS, where)
    _one_of(d["rule"], RULES, where, "rule")
    return Defect(d["rule"], d["subject"], d["note"], d.get("unit", "A"), d.get("consequential", False),
                  d.get("ruleset", "tek17"))


def _plan(data: dict[str, Any], where: str) -> UnitPlan:
    def each(key: str, parse: Any) -> tuple[Any, ...]:
        return tuple(_parse(parse, d, f"{where}: {key}[{i}]") for i, d in enumerate(data.get(key, ())))

    return UnitPlan(each("rooms", _room), each("doors", _door), each("windows", _window),
                    each("fixtures", _fixture))


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise LayoutError(f"{path}: no such layout file") from None
    except tomllib.TOMLDecodeError as e:
        raise LayoutError(f"{path}: {e}") from None


def load_template(name: str, unit_dirs: tuple[Path, ...] = (UNIT_DIR,)) -> UnitPlan:
    """A unit template (``units/<name>.toml``, the first of ``unit_dirs`` that has it): a plan
    with ``CORRIDOR`` as the corridor side (south, y = 0), or ``from_layout`` = a layout whose
    doors to the outside open from the corridor instead, without the windows on the sides in
    ``drop_windows_on``."""
    path = next((d / f"{name}.toml" for d in unit_dirs if (d / f"{name}.toml").is_file()), unit_dirs[0] / f"{name}.toml")
    data = _read(path)
    _keys(data, TEMPLATE_KEYS, str(path))
    if "from_layout" not in data:
        return _plan(data, str(path))
    lay = load_layout(data["from_layout"])
    drop = set(data.get("drop_windows_on", ()))
    doors = tuple(Door(d.a, CORRIDOR, d.at, d.leaf, d.swing, d.hinge, d.kind, "S", True)
                  if d.b == "outside" else d for d in lay.doors)
    windows = tuple(w for w in lay.windows if w.side not in drop)
    return UnitPlan(lay.rooms, doors, windows, lay.fixtures)


def place(t: UnitPlan, unit: str, dx: float, dy: float, mirror: bool,
          corridor: str) -> UnitPlan:
    """Move a unit template (corridor on its south side at y = 0) into the floor plan;
    ``mirror`` flips it to the other side of the corridor (y -> dy - y)."""
    local = {r.key: r for r in t.rooms}
    local_polys = {k: Polygon(r.poly) for k, r in local.items()}
    flip = {"N": "S", "S": "N", "E": "E", "W": "W"}

    def P(p: Pt) -> Pt:
        return (p[0] + dx, dy - p[1] if mirror else dy + p[1])

    def K(k: str) -> str:
        return corridor if k == CORRIDOR else k if k == "outside" else f"{unit}:{k}"

    def along(horizontal: bool, at: float, w: float) -> float:
        if horizontal:
            return at + dx
        return dy - at - w if mirror else dy + at

    rooms = tuple(Room(K(r.key), r.name, r.function,
                       tuple(P(p) for p in (r.poly[::-1] if mirror else r.poly)),
                       unit, r.also, P(r.label_at) if r.label_at else None) for r in t.rooms)
    doors = []
    for d in t.doors:
        w = 2 * d.leaf if d.kind == "double" else d.leaf
        b = "outside" if d.b == CORRIDOR else d.b
        span = find_span(local, local_polys, d.a, b, d.side or "S", d.at, d.at + w, 300)
        hinge = d.hinge
        if mirror and not span.horizontal:
            hinge = "high" if d.hinge == "low" else "low"
        doors.append(Door(K(d.a), K(d.b), along(span.horizontal, d.at, w), d.leaf, K(d.swing),
                          hinge, d.kind, (flip[d.side] if mirror else d.side)
                          if d.b == "outside" else None, d.entrance, d.attrs))
    windows = tuple(Window(K(w.room), flip[w.side] if mirror else w.side,
                           along(w.side in "NS", w.at, w.width), w.width) for w in t.windows)
    fixtures = []
    for f in t.fixtures:
        x0, y0, x1, y1 = f.rect
        (ax, ay), (bx, by) = P((x0, y0)), P((x1, y1))
        fixtures.append(Fixture(f.kind, K(f.room), (min(ax, bx), min(ay, by), max(ax, bx),
                                                     max(ay, by)),
                                flip[f.facing] if mirror else f.facing, f.variant))
    return UnitPlan(rooms, tuple(doors), windows, tuple(fixtures))


def _check_refs(lay: Layout, where: str) -> None:
    keys = {r.key for r in lay.rooms}
    _check(len(keys) == len(lay.rooms), where, "duplicate room names (give a key to tell them apart)")
    units = {u for u, _ in lay.units}
    for r in lay.rooms:
        _check(r.unit is None or r.unit in units, where, f"room {r.key!r}: unit {r.unit!r} is not in units")
    for i, d in enumerate(lay.doors):
        for k in (d.a, d.b, d.swing):
            _check(k in keys or k == "outside", f"{where}: doors[{i}]", f"no room {k!r}")
        _check(d.b != "outside" or d.side is not None, f"{where}: doors[{i}]", "a door to the outside needs a side")
    for i, w in enumerate(lay.windows):
        _check(w.room in keys, f"{where}: windows[{i}]", f"no room {w.room!r}")
    for i, f in enumerate(lay.fixtures):
        _check(f.room in keys, f"{where}: fixtures[{i}]", f"no room {f.room!r}")


def load_layout(name: str, root: Path = LAYOUT_DIR) -> Layout:
    """The layout ``<root>/<name>.toml`` (default ``samples/layouts/``), its placed unit templates
    included: those in ``<root>/units/`` first, then the shared ``samples/layouts/units/``."""
    path = root / f"{name}.toml"
    dirs = tuple(dict.fromkeys((root / "units", UNIT_DIR)))
    return _parse(lambda data, where: _layout(name, data, where, dirs), _read(path), str(path))


def _layout(name: str, data: dict[str, Any], where: str, unit_dirs: tuple[Path, ...] = (UNIT_DIR,)) -> Layout:
    _keys(data, LAYOUT_KEYS, where)
    _check(data.get("name") == name, where, f"name must be {name!r} (the file name)")
    _one_of(data.get("dialect"), DIALECTS, where, "dialect")
    plan = _plan(data, where)
    rooms, doors, windows, fixtures = plan.rooms, plan.doors, plan.windows, plan.fixtures
    for i, p in enumerate(data.get("placements", ())):
        pw = f"{where}: placements[{i}]"
        _keys(p, PLACEMENT_KEYS, pw)
        _check("corridor" in data, where, "placements need the corridor room: corridor = \"...\"")
        dx, dy = _pt(p["at"], pw)
        part = place(load_template(p["template"], unit_dirs), p["unit"], dx, dy, p.get("mirror", False), data["corridor"])
        rooms, doors = rooms + part.rooms, doors + part.doors
        windows, fixtures = windows + part.windows, fixtures + part.fixtures
    defects = tuple(_parse(_defect, d, f"{where}: defects[{i}]") for i, d in enumerate(data.get("defects", ())))
    extra = {"callout": data["callout"]} if "callout" in data else {}
    offset = _pt(data.get("offset", [0.0, 0.0]), where)
    lay = Layout(name, data["dialect"], data["unit_type"], data["description"], rooms, doors, windows, fixtures,
                 defects, tuple(data["units"].items()), data.get("ext_wall", 300), float(data.get("rotation_deg", 0.0)),
                 (float(offset[0]), float(offset[1])), data.get("title", ""), extra)
    _check_refs(lay, where)
    return lay


def sample_names() -> list[str]:
    """The shipped samples, in the order of ``layouts/index.toml``; every layout file is listed."""
    index = LAYOUT_DIR / "index.toml"
    names = _read(index).get("samples", [])
    files = sorted(p.stem for p in LAYOUT_DIR.glob("*.toml") if p.name != "index.toml")
    missing = sorted(set(files) - set(names))
    _check(not missing, str(index), f"layout file(s) not listed in samples: {', '.join(missing)}")
    return list(names)


def load_samples() -> list[Layout]:
    """Every shipped sample, in index order."""
    return [load_layout(n) for n in sample_names()]
