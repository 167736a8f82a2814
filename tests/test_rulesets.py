"""The shipped models, listed and loaded by id from the package (segrules/rulesets.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import segrules
import segrules.rulesets
from segrules.source import parse_yaml, read_source

ROOT = Path(__file__).resolve().parent.parent


def _ids_in_checkout() -> set[str]:
    out = set()
    for p in (ROOT / "rulesets").rglob("*.yaml"):
        if p.name == "crosswalk.yaml":
            continue
        out.add(parse_yaml(read_source(p)).get("id").value)
    return out


def test_every_ruleset_of_the_checkout_is_shipped_by_id():
    assert set(segrules.rulesets.ids()) == _ids_in_checkout()
    assert list(segrules.rulesets.ids()) == sorted(segrules.rulesets.ids())


@pytest.mark.parametrize("ruleset_id", sorted(_ids_in_checkout()))
def test_a_shipped_model_loads_by_id_and_is_the_checkout_file(ruleset_id):
    rs = segrules.rulesets.load(ruleset_id)
    assert rs.definition.id == ruleset_id
    path = segrules.rulesets.path(ruleset_id)
    assert path.read_bytes() in {p.read_bytes() for p in (ROOT / "rulesets").rglob("*.yaml")}
    assert segrules.load(path).definition.content_hash == rs.definition.content_hash


def test_the_shipped_crosswalk_loads_against_the_shipped_models():
    cw = segrules.crosswalk.load(segrules.rulesets.crosswalk_path())
    assert cw.map("helsinki.suuntima", "yhteiso", to="vantaa_kerava.segmentation") == "tuki"


def test_SR515_an_unknown_id_names_the_ids_there_are():
    with pytest.raises(segrules.UsageError) as info:
        segrules.rulesets.load("helsinki.suuntma")
    assert info.value.code == "SR515"
    assert "did you mean 'helsinki.suuntima'" in str(info.value)
    assert "vantaa_kerava.segmentation" in str(info.value)


def test_the_package_declares_its_types():
    assert (Path(segrules.__file__).parent / "py.typed").is_file()
