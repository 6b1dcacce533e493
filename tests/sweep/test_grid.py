"""Grid expansion, validation against the checks' Params, and variants as derived rule sets."""

from __future__ import annotations

import pytest

from planeval.errors import InputError
from planeval.ruleset import load_ruleset
from planeval.sweep.grid import expand, parse_vary
from planeval.sweep.variants import derive, variant_id, variants_of


def test_ranges_include_stop_and_keep_decimals():
    assert parse_vary("turning-space.diameter_mm=1300:1600:100").values == (1300.0, 1400.0, 1500.0, 1600.0)
    assert parse_vary("turning-space.diameter_mm=1300:1650:100").values == (1300.0, 1400.0, 1500.0, 1600.0)
    assert parse_vary("storage-area.min_area_m2=2.5:3.1:0.1").values == (2.5, 2.6, 2.7, 2.8, 2.9, 3.0, 3.1)
    assert parse_vary("storage-area.max_parts=1:3:1").values == (1, 2, 3)
    assert parse_vary("turning-space.diameter_mm=1500:1500:10").values == (1500.0,)


def test_lists_by_type():
    assert parse_vary("turning-space.rectangle_allowed=true,false").values == (True, False)
    assert parse_vary("turning-space.door_swing_overlap=allow,forbid_all").values == ("allow", "forbid_all")
    assert parse_vary("door-clear-width.internal_min_mm=760, 800").values == (760.0, 800.0)
    assert parse_vary("door-side-space.enabled=true,false").values == (True, False)
    assert parse_vary("bed-placement.severity=warning,error").values == ("warning", "error")


@pytest.mark.parametrize(("text", "message"), [
    ("turning-space.diameter_mm", "expected RULE.PARAM="),
    ("diameter_mm=1500", "RULE.PARAM"),
    ("turning-spase.diameter_mm=1500", "did you mean 'turning-space'"),
    ("turning-space.diametre_mm=1500", "did you mean 'diameter_mm'"),
    ("turning-space.diameter_mm=15OO", "not a number"),
    ("turning-space.diameter_mm=1300:1600", "START:STOP:STEP"),
    ("turning-space.diameter_mm=1300:1600:0", "STEP must be positive"),
    ("turning-space.diameter_mm=1600:1300:100", "below START"),
    ("turning-space.rectangle_allowed=yes", "true or false"),
    ("turning-space.rectangle_allowed=0:1:1", "numeric parameter"),
    ("turning-space.door_swing_overlap=forbid", "expected one of"),
    ("turning-space.functions=living", "list parameters cannot be varied"),
    ("storage-area.max_parts=1.5", "whole number"),
    ("storage-area.max_parts=1:2:0.5", "whole START and STEP"),
    ("turning-space.diameter_mm=1500,1500", "listed twice"),
    ("turning-space.diameter_mm=", "no values"),
])
def test_bad_vary_is_one_clear_error(text, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        parse_vary(text)


def test_product_and_duplicates():
    a = parse_vary("turning-space.diameter_mm=1300,1400,1500")
    b = parse_vary("door-clear-width.internal_min_mm=760,860")
    points = expand([a, b])
    assert len(points) == 6 and points[0] == (("turning-space.diameter_mm", 1300.0), ("door-clear-width.internal_min_mm", 760.0))
    assert expand([]) == [()]
    with pytest.raises(InputError, match="given twice"):
        expand([a, a])


def test_variants_replace_params_and_note_the_source():
    tek = load_ruleset("tek17")
    v = derive(tek, (("turning-space.diameter_mm", 1400.0),))
    rc = v.rules["turning-space"]
    assert rc.params.diameter_mm == 1400.0 and rc.values["diameter_mm"] == 1400.0
    assert rc.source.endswith("sweep variant: diameter_mm = 1400 (rule set: 1500)")
    assert tek.rules["turning-space"].params.diameter_mm == 1500.0  # the base is untouched
    assert v.rules["door-clear-width"] is tek.rules["door-clear-width"]
    assert "turning-space.diameter_mm=1400" in v.name and v.chain == tek.chain
    assert not derive(tek, (("door-side-space.enabled", False),)).rules["door-side-space"].enabled
    with pytest.raises(InputError, match="diameter_mm must be positive"):
        derive(tek, (("turning-space.diameter_mm", 0.0),))


def test_variant_ids_are_stable_and_distinct():
    tek, hb = load_ruleset("tek17"), load_ruleset("husbanken-omsorg")
    p = (("turning-space.diameter_mm", 1400.0),)
    assert variant_id(tek, p) == variant_id(load_ruleset("tek17"), p)
    assert variant_id(tek, p) != variant_id(hb, p) != variant_id(hb, ())
    axes = [parse_vary("turning-space.diameter_mm=1300:1500:100"), parse_vary("passage-width.width_mm=900,1200")]
    vs = variants_of([tek, hb, tek], axes)
    assert len(vs) == 12 and len({v.id for v in vs}) == 12
    assert vs[0].params == {"turning-space.diameter_mm": 1300.0, "passage-width.width_mm": 900.0}
