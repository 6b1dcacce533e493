"""Layer/block roles: built-in conventions, detection, user overrides, bad profiles."""

from __future__ import annotations

import pytest

from builders import new, rect, save
from planeval.errors import InputError
from planeval.read import read_drawing
from planeval.read.drawing import Role
from planeval.read.profiles import builtin_profile, detect_profile, load_user_profile


@pytest.mark.parametrize(
    "profile, layer, role",
    [
        ("aia", "A-WALL", Role.WALL),
        ("aia", "A-WALL-PATT", Role.WALL),
        ("aia", "A-DOOR", Role.DOOR),
        ("aia", "A-GLAZ", Role.WINDOW),
        ("aia", "A-AREA", Role.ROOM),
        ("aia", "A-AREA-IDEN", Role.LABEL),
        ("aia", "A-FLOR-FIXT", Role.FIXTURE),
        ("aia", "A-FURN", Role.FURNITURE),
        ("aia", "A-ANNO-DIMS", Role.IGNORE),
        ("cisfb-uk", "2270pga00$0$A325g - Int Doors", Role.DOOR),
        ("cisfb-uk", "2270pga00$0$A310g - Ext Windows", Role.WINDOW),
        ("cisfb-uk", "2270pga00$0$A740g - San Fittings", Role.FIXTURE),
        ("cisfb-uk", "A-210 G - Existing Structure 4", Role.WALL),
        ("cisfb-uk", "2270pga00$0$A010t - Gen Text", Role.LABEL),
        ("cisfb-uk", "2270pga00$0$A904g - Landscaping - hard-soft-water", Role.IGNORE),
        ("iso13567", "A-232---E", Role.WALL),
        ("iso13567", "A-234---E", Role.OPENING),
        ("iso13567", "A-31----E", Role.FIXTURE),
        ("gb-cn", "BS-墙", Role.WALL),
        ("gb-cn", "FF-门", Role.DOOR),
        ("gb-cn", "SH-尺寸", Role.IGNORE),
        ("plain", "Vegger", Role.WALL),
        ("plain", "Dører", Role.DOOR),
        ("plain", "Vinduer", Role.WINDOW),
        ("plain", "Rom", Role.ROOM),
        ("plain", "Room - Kitchen", Role.ROOM),
        ("plain", "Wand (neu)", Role.WALL),
        ("plain", "Doors/Windows", Role.OPENING),
        ("plain", "Annotation callouts", Role.IGNORE),
        ("plain", "Sanitær", Role.FIXTURE),
        ("plain", "Inventar", Role.FURNITURE),
        ("plain", "Tekst", Role.LABEL),
        ("plain", "something else", Role.UNKNOWN),
    ],
)
def test_layer_roles(profile, layer, role):
    assert builtin_profile(profile).layer_role(layer)[0] is role


@pytest.mark.parametrize(
    "block, role",
    [
        ("DOOR-M9", Role.DOOR),
        ("dør_80", Role.DOOR),
        ("M_Base Cabinet-Single Door 3000x600", Role.FIXTURE),
        ("WIN-1200", Role.WINDOW),
        ("M_Room Tag", Role.LABEL),
        ("WC", Role.FIXTURE),
        ("Servant", Role.FIXTURE),
        ("Seng 180x210", Role.FURNITURE),
        ("*U12", Role.UNKNOWN),
    ],
)
def test_block_roles(block, role):
    assert builtin_profile("plain").block_role(block)[0] is role


@pytest.mark.parametrize(
    "block, kind",
    [("WC", "wc"), ("M_Toilet-Domestic-3D", "wc"), ("Servant", "basin"), ("LAV", "basin"), ("Dusj", "shower"),
     ("BATH", "bath"), ("Kjøkkenbenk", "kitchen_counter"), ("Vaskemaskin", "washer"), ("Garderobe", "wardrobe"),
     ("BED-DOUBLE", "bed"), ("Seng 180x210", "bed"), ("SOFA", "sofa")],
)
def test_fixture_kinds(block, kind):
    assert builtin_profile("plain").kind(block) == kind


def test_detection_picks_the_convention():
    assert detect_profile({"A-WALL": 100, "A-DOOR": 10, "A-GLAZ": 8, "0": 5})[0] == "aia"
    layers = {"A210g - Ext Walls": 10, "A325g - Int Doors": 30, "Walls": 100, "A740g - San Fittings": 40, "A010t - Gen Text": 20}
    assert detect_profile(layers)[0] == "cisfb-uk"
    assert detect_profile({"Vegger": 50, "Dører": 10})[0] == "plain"


def test_user_profile_overrides(tmp_path):
    doc, msp = new()
    rect(msp, 0, 0, 4000, 3000, layer="Tegning-7")
    p = save(doc, tmp_path)
    assert all(s.role is not Role.WALL for s in read_drawing(p).segments)
    prof = tmp_path / "p.toml"
    prof.write_text('extends = "plain"\n[layer_map]\n"Tegning-7" = "wall"\n[labels]\n"tekjøkken" = "kitchen"\n', encoding="utf-8")
    d = read_drawing(p, profile=prof)
    assert all(s.role is Role.WALL for s in d.segments)


@pytest.mark.parametrize(
    "text, message",
    [
        ('[layers]\nwal = ["x"]\n', "unknown role 'wal' (did you mean 'wall'?)"),
        ('[layers]\nwall = ["("]\n', "bad regular expression"),
        ('extends = "aai"\n', "did you mean 'aia'"),
        ('[layer_map]\n"X" = "dor"\n', "did you mean 'door'"),
        ('layerz = 1\n', "unknown key 'layerz'"),
        ('[doors]\nhinged_deduction_mm = "sixty"\n', "expected a number"),
        ('[labels]\n"tekjøkken" = "kitchn"\n', "did you mean 'kitchen'"),
        ("this is = = not toml", "not valid TOML"),
    ],
)
def test_bad_user_profile(tmp_path, text, message):
    prof = tmp_path / "bad.toml"
    prof.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_user_profile(prof, "plain")
    assert message in str(err.value)
    assert "bad.toml" in str(err.value)
