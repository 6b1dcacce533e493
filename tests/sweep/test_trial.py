"""trial-rules: percentiles of the trial's observations as a loadable rule set citing its source."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from planeval.errors import InputError
from planeval.ruleset import load_ruleset
from planeval.sweep.trial import read_observations, thresholds, trial_ruleset

ROWS = """participant,requirement,value,aid
P01,turning_diameter,1380,electric wheelchair
P02,turning_diameter,1290,manual wheelchair
P03,turning_diameter,1455,electric wheelchair
P04,turning_diameter,1210,rollator
P05,turning_diameter,1330,
P01,door-clear-width.internal_min_mm,790,electric wheelchair
P02,door-clear-width.internal_min_mm,76,manual wheelchair
P03,door-clear-width.max_threshold_mm,20,electric wheelchair
P04,door-clear-width.max_threshold_mm,12,rollator
"""


@pytest.fixture
def observations(tmp_path):
    p = tmp_path / "trial-a.csv"
    # one value in metres (0.76 m), with a unit column
    text = ROWS.replace(",76,", ",0.76,").replace("aid\n", "aid,unit\n")
    p.write_text(text.replace("manual wheelchair\nP03,door", "manual wheelchair,m\nP03,door"))
    return p


@pytest.mark.parametrize("q", [50.0, 90.0, 95.0, 100.0])
def test_thresholds_are_numpy_percentiles(observations, q):
    obs, _ = read_observations(observations)
    t = thresholds(obs, q)
    assert t["turning-space.diameter_mm"][0] == np.percentile([1380, 1290, 1455, 1210, 1330], q)
    assert t["wc-clearance.front_circle_mm"][0] == t["balcony-turning.diameter_mm"][0] == t["turning-space.diameter_mm"][0]
    assert t["door-clear-width.internal_min_mm"][0] == np.percentile([790, 760], q)  # 0.76 m converted
    assert t["door-clear-width.max_threshold_mm"][0] == np.percentile([20, 12], 100 - q)  # a maximum: the complement


def test_output_loads_and_cites_its_source(observations, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a project folder: rules/ and more/ inside it (extends may not leave it)
    out = tmp_path / "rules" / "trial.toml"
    out.parent.mkdir()
    out.write_text(trial_ruleset(observations, extends="tek17", percentile=95, output=out))
    rs = load_ruleset(str(out))
    sha = hashlib.sha256(observations.read_bytes()).hexdigest()
    ts = rs.rules["turning-space"]
    assert ts.params.diameter_mm == np.percentile([1380, 1290, 1455, 1210, 1330], 95)
    assert sha in ts.source and "n = 5" in ts.source and "95th percentile" in ts.source
    assert rs.rules["passage-width"].params == load_ruleset("tek17").rules["passage-width"].params  # the rest as tek17
    assert len(rs.chain) == 2 and rs.chain[1].name.startswith("TEK17")
    # extending a file: the path is written relative to the output
    again = tmp_path / "more" / "t2.toml"
    again.parent.mkdir()
    again.write_text(trial_ruleset(observations, extends=str(out), percentile=50, output=again))
    assert 'extends = "../rules/trial.toml"' in again.read_text()
    assert load_ruleset(str(again)).rules["turning-space"].params.diameter_mm == 1330.0


@pytest.mark.parametrize(("text", "message"), [
    ("participant,value\nP1,3\n", "missing: requirement"),
    ("participant,requirement,value\nP1,turning_diamter,1300\n", "did you mean 'turning_diameter'"),
    ("participant,requirement,value\nP1,turning_diameter,wide\n", "line 2: value 'wide' is not a number"),
    ("participant,requirement,value\nP1,turning_diameter,1300\nP1,turning_diameter,1350\n", "line 3: participant P1 has"),
    ("participant,requirement,value\nP1,turning-space.functions,1\n", "not a measured quantity"),
    ("participant,requirement,value\n", "no observations"),
])
def test_bad_observations(tmp_path, text, message):
    p = tmp_path / "obs.csv"
    p.write_text(text)
    with pytest.raises(InputError, match=message):
        trial_ruleset(p)
