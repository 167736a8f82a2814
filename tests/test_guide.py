"""The command samples of the model owners' guides are what the commands print today, in the
guide's language, for files made the way the guide tells the reader to make them."""

from __future__ import annotations

import difflib
import re

import pytest

from support import ROOT, load_script

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def gen():
    return load_script(DOCS / "gen_guide.py", "gen_guide")


def _shown(gen, lang: str) -> dict[str, str]:
    """The samples the guide in ``lang`` shows now, by name."""
    text = gen.GUIDES[lang].read_text(encoding="utf-8")
    return {s.name: text[text.index(gen.begin(s.name)) + len(gen.begin(s.name)):text.index(gen.end(s.name))]
            for s in gen.SAMPLES}


def test_the_guides_show_what_the_commands_print(gen):
    # one test runs every command (four proofs per language), so that parallel workers do not
    # each run them again
    blocks = {lang: gen.samples(lang) for lang in gen.GUIDES}
    for path, text in gen.wanted(blocks).items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} shows other output than the commands print: run python docs/gen_guide.py"
        )
    # and a sample changed by hand is put back
    shown = gen.GUIDES["fi"].read_text(encoding="utf-8")
    verdict = "  TODISTETTU: jokainen mahdollinen vastausjoukko johtaa täsmälleen yhteen segmenttiin\n"
    assert shown.count(verdict) == 1
    by_hand = shown.replace(verdict, "  PROVEN: every possible answer set maps to exactly one segment\n")
    assert gen.update(by_hand, blocks["fi"]) == shown


def test_the_finnish_guide_shows_finnish_output(gen):
    fi, en = _shown(gen, "fi"), _shown(gen, "en")
    assert "TODISTETTU" in fi["verify"] and "PROVEN" not in fi["verify"]
    assert "alue: resources = 3 and complexity < 3.5 ⇒" in fi["broken-gap"]
    assert "EI TODISTETTU" in fi["broken-gap"] and "NOT PROVEN" in en["broken-gap"]
    assert "vihje:" in fi["broken-key"] and "hint:" in en["broken-key"]
    for name, block in fi.items():
        for english in ("error:", "hint:", "FAILED", "answer sets", "witness", "e.g."):
            assert english not in block, f"the Finnish sample {name} shows {english!r}"


def test_no_machine_path_and_no_changing_time(gen):
    for lang in gen.GUIDES:
        for name, block in _shown(gen, lang).items():
            assert "segrules-guide-" not in block and "/tmp" not in block and str(ROOT) not in block, (lang, name)
            assert not re.search(r"; [0-9.]+ s$", block, flags=re.M), (lang, name)
            assert block.startswith("\n```\n") and block.endswith("\n```\n"), (lang, name)


def test_every_sample_has_one_place_in_each_guide(gen):
    names = [s.name for s in gen.SAMPLES]
    assert len(set(names)) == len(names)
    for path in gen.GUIDES.values():
        text = path.read_text(encoding="utf-8")
        for name in names:
            assert text.count(gen.begin(name)) == 1 and text.count(gen.end(name)) == 1, (path.name, name)
        assert set(re.findall(r"<!-- guide:([a-z-]+):begin -->", text)) == set(names), path.name
        assert text.count(gen.GENERATED) == 1, path.name


def _changed_lines(old: str, new: str) -> list[str]:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_each_broken_copy_breaks_one_thing(gen, lang):
    files = gen.files(lang)
    finished = files[f"finished/{gen.OWN[lang]}/suuntima.yaml"]
    for path, text in files.items():
        if not path.startswith("finished/broken/"):
            continue
        changed = _changed_lines(finished, text)
        if path.endswith("pathway.yaml"):  # one pathway removed whole, nothing else
            assert all(line.startswith("-") for line in changed), changed
            assert changed[0] == "-  verkosto:" and all(line.startswith("-    ") for line in changed[1:]), changed
        else:
            assert len([line for line in changed if line.startswith("-")]) <= 1, (path, changed)
            assert len([line for line in changed if line.startswith("+")]) <= 1, (path, changed)


def _yaml_blocks(text: str) -> list[list[str]]:
    """The lines of each ```yaml block of a guide, comments left out (they are in its language)."""
    return [[line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
            for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S)]


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_files_are_made_as_the_guide_says(gen, lang):
    """Each YAML excerpt the guide tells the reader to write is in the finished file, as it
    stands there (comments aside)."""
    files = gen.files(lang)
    finished = [line for line in files[f"finished/{gen.OWN[lang]}/suuntima.yaml"].splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    excerpts = _yaml_blocks(gen.GUIDES[lang].read_text(encoding="utf-8"))
    assert len(excerpts) >= 5
    for excerpt in excerpts:
        start = next((i for i, line in enumerate(finished) if line == excerpt[0]), None)
        assert start is not None, f"{excerpt[0]!r} is not in the finished file"
        assert finished[start:start + len(excerpt)] == excerpt, excerpt
