"""Quadrant diagrams: well-formed standalone SVG, deterministic, complete legend, gaps shown."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest

import segrules
from segrules.diagram import GAP_COLOUR, KNOWN_COLOURS, plane_of, quadrant_svg, segment_colours
from segrules.errors import UsageError
from segrules.verify import ScorePlane, verify
from support import BASE, ROOT, SHIPPED, load_path, variant

SVG = "{http://www.w3.org/2000/svg}"
QUADRANT_RULESETS = [p for p in SHIPPED if load_path(p).definition.axes is not None]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def picture(text: str, lang: str = "en") -> str:
    rs = segrules.load_text(text, "t.yaml")
    return quadrant_svg(rs.definition, plane_of(rs), lang=lang)


# The test ruleset with a gap (resources exactly 3, low complexity: no rule holds) and an
# overlap (resources 3 to 3.5 with complexity of at least 3.5: two rules hold).
BROKEN = variant(
    "verkosto  when resources < 3 and complexity >= 3",
    "verkosto  when resources <= 3.5 and complexity >= 3.5",
    variant("omatoimi  when resources >= 3", "omatoimi  when resources > 3"),
)


# --------------------------------------------------------------------------- shipped rulesets


@pytest.mark.parametrize("path", QUADRANT_RULESETS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_shipped_rulesets_draw_well_formed_svg(path):
    ruleset = load_path(path)
    rs = ruleset.definition
    plane = plane_of(ruleset)
    for lang in ("fi", "sv", "en"):
        svg = quadrant_svg(rs, plane, lang=lang)
        root = parse(svg)
        # accessible: a title and a description first, referenced by aria-labelledby
        assert root.get("role") == "img"
        title, desc = root[0], root[1]
        assert title.tag == SVG + "title" and title.text and rs.id in title.text
        assert desc.tag == SVG + "desc" and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        # both axes labelled with the score labels in the language (a long title wraps at a space)
        all_text = " ".join(texts(root))
        assert rs.score(rs.axes.resources).label.get(lang) in all_text
        assert rs.score(rs.axes.complexity).label.get(lang) in all_text
        # standalone: nothing loaded from elsewhere
        assert "<script" not in svg and "@import" not in svg and "<image" not in svg
        assert 'href="http' not in svg and "url(http" not in svg
        # every segment in the legend, with its id and aliases
        for s in rs.segments:
            entry = f"{s.label.get(lang)} ({s.id})"
            assert any(t.startswith(entry) for t in texts(root)), entry
            for alias in s.aliases:
                assert alias in all_text
        # a proven ruleset has no gap hatch anywhere
        assert not [e for e in root.iter(SVG + "rect") if (e.get("fill") or "").endswith("-gap)")]


def test_the_output_is_deterministic():
    path = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
    a = quadrant_svg(segrules.load(path).definition, plane_of(segrules.load(path)), lang="fi")
    b = quadrant_svg(segrules.load(path).definition, verify(segrules.load(path)).plane, lang="fi")
    assert a == b
    # the same plane with its points in another order gives the same text
    ruleset = load_path(path)
    plane = plane_of(ruleset)
    shuffled = ScorePlane(plane.resources, plane.complexity, dict(reversed(list(plane.points.items()))))
    assert quadrant_svg(ruleset.definition, shuffled, lang="fi") == a
    # fixed number formatting: no long float tails
    assert "0000000" not in a and "e-0" not in a


def test_threshold_lines_are_found_and_labelled():
    ruleset = load_path(ROOT / "rulesets" / "helsinki" / "suuntima.yaml")
    svg = quadrant_svg(ruleset.definition, plane_of(ruleset), lang="en")
    root = parse(svg)
    desc = root[1].text
    assert "≥ 3" in desc  # both axes change at 3.0
    assert desc.count("≥ 3,") + desc.count("≥ 3.") >= 2
    assert sum(1 for t in texts(root) if t == "≥ 3") == 2
    # suuntima has about a hundred distinct resources values: they are binned
    assert "grouped into cells" in svg
    lines = [e for e in root.iter(SVG + "line") if e.get("x1") == e.get("x2") and e.get("y1") != e.get("y2")]
    assert lines  # at least the vertical threshold


def test_a_gap_and_an_overlap_show_as_such():
    svg = picture(BROKEN)
    root = parse(svg)
    assert root[1].text.count("Gaps or overlaps at") == 1
    hatched = [e for e in root.iter(SVG + "rect") if (e.get("fill") or "").endswith("-gap)")]
    assert len(hatched) >= 3  # the gap column, the overlap block and the legend swatch
    assert all(e.get("stroke") == GAP_COLOUR for e in hatched)
    assert any("gap or overlap" in t for t in texts(root))
    # a correct ruleset has none of it
    ok = picture(BASE)
    assert "No gaps or overlaps." in parse(ok)[1].text
    assert not [e for e in parse(ok).iter(SVG + "rect") if (e.get("fill") or "").endswith("-gap)")]


def test_a_point_with_none_is_hatched_even_among_segments():
    rs = segrules.load_text(BASE, "t.yaml").definition
    plane = ScorePlane("resources", "complexity", {
        (Fraction(1), Fraction(1)): {"yhteiso"},
        (Fraction(5), Fraction(1)): {"omatoimi", None},
        (Fraction(5), Fraction(5)): {"yhteistyo"},
        (Fraction(1), Fraction(5)): {"verkosto", "yhteistyo"},
    })
    svg = quadrant_svg(rs, plane, lang="en")
    root = parse(svg)
    hatched = [e for e in root.iter(SVG + "rect") if (e.get("fill") or "").endswith("-gap)")]
    assert len(hatched) == 2  # the point and the legend swatch
    assert "several segments at the same scores" in "\n".join(texts(root))


def test_labels_are_escaped():
    text = variant("  yhteiso:\n    label: {fi: t, sv: t, en: t}",
                   '  yhteiso:\n    label: {fi: "<script>alert(1)</script> & co", sv: t, en: "<b>x</b>"}')
    svg = picture(text, lang="fi")
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg
    assert "<b>" not in picture(text, lang="en")
    parse(svg)


def test_labels_with_control_characters_give_well_formed_svg():
    # a label may hold what XML does not allow (a vertical tab, a terminal escape): it is
    # written visibly, as messages write it, and the picture still parses
    text = variant("  yhteiso:\n    label: {fi: t, sv: t, en: t}",
                   '  yhteiso:\n    label: {fi: "Self\\x0bcare", sv: t, en: "Self\\e[2J\\e]0;pwn\\acare\\uFFFE"}')
    for lang, shown in (("fi", "Self\\x0bcare"), ("en", "Self\\x1b[2J\\x1b]0;pwn\\x07care\\ufffe")):
        svg = picture(text, lang=lang)
        assert not any(c in svg for c in "\x0b\x1b\x07\ufffe")
        assert shown in texts(parse(svg))


def test_segment_colours_are_stable_and_distinct():
    rs = load_path(ROOT / "rulesets" / "vantaa_kerava" / "segmentation.yaml").definition
    colours = segment_colours(rs)
    assert list(colours) == [s.id for s in rs.segments]
    assert len(set(colours.values())) == len(colours)
    assert colours["tuki"] == KNOWN_COLOURS["yhteiso"] and colours["huolenpito"] == KNOWN_COLOURS["verkosto"]
    assert GAP_COLOUR not in colours.values()
    # an unknown id gets the same colour whatever else is in the ruleset
    renamed = BASE.replace("yhteistyo", "kumppani")
    c1 = segment_colours(segrules.load_text(renamed, "t.yaml").definition)
    c2 = segment_colours(segrules.load_text(renamed, "t.yaml").definition)
    assert c1 == c2 and c1["kumppani"] not in (c1["omatoimi"], c1["yhteiso"], c1["verkosto"])


def test_no_axes_is_sr702():
    guide = load_path(ROOT / "rulesets" / "vantaa_kerava" / "identification_guide.yaml")
    with pytest.raises(UsageError) as info:
        plane_of(guide)
    assert info.value.code == "SR702"
    with pytest.raises(UsageError) as info:
        quadrant_svg(guide.definition, None)
    assert info.value.code == "SR702"


# --------------------------------------------------------------------------- the command


def run(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc


def test_cli_writes_the_file_atomically(tmp_path):
    out = tmp_path / "suunte.svg"
    out.write_text("old", encoding="utf-8")
    proc = run("diagram", "rulesets/helsinki/suunte.yaml", "-o", out, "--lang", "sv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    svg = out.read_text(encoding="utf-8")
    parse(svg)
    assert "Suunte – kundsegmentering" in svg
    assert sorted(p.name for p in tmp_path.iterdir()) == ["suunte.svg"]  # no temporary file left


def test_cli_prints_to_stdout_in_the_default_language():
    from segrules.i18n import DEFAULT_LANG

    proc = run("diagram", "rulesets/keski_suomi/segmentation.yaml")
    assert proc.returncode == 0, proc.stderr
    root = parse(proc.stdout)
    label = segrules.load("rulesets/keski_suomi/segmentation.yaml").definition.score("resources").label
    assert label.get(DEFAULT_LANG) in "\n".join(texts(root))


def test_cli_without_axes_is_a_clear_error():
    proc = run("diagram", "rulesets/vantaa_kerava/identification_guide.yaml")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "SR702" in proc.stderr and "no quadrant axes" in proc.stderr


def test_cli_bad_ruleset_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("format: 1", "format: one"), encoding="utf-8")
    proc = run("diagram", bad, "-o", tmp_path / "x.svg")
    assert proc.returncode == 1
    assert "SR100" in proc.stderr
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.parametrize("lang, says", [
    ("fi", "kuvassa on punaisella aukkoja tai päällekkäisyyksiä"),
    ("sv", "bilden visar luckor eller överlappningar i rött"),
    ("en", "the picture shows gaps or overlaps in red"),
])
def test_cli_exits_1_when_it_draws_a_gap_or_an_overlap(tmp_path, lang, says):
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    proc = run("diagram", broken, "-o", tmp_path / "x.svg", "--lang", lang)
    assert proc.returncode == 1  # like verify
    parse((tmp_path / "x.svg").read_text(encoding="utf-8"))  # the picture is written all the same
    assert proc.stderr.startswith(f"{broken}: {says}") and "segrules verify" in proc.stderr
    assert ("(1,5; 3)" if lang != "en" else "(1.5, 3)") in proc.stderr  # the points, in the reader's decimals
    proc = run("--json", "diagram", broken, "--lang", lang)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert doc["ok"] is False and doc["gap_points"] > 0
    ok = run("--json", "diagram", "rulesets/helsinki/suunte.yaml")
    assert ok.returncode == 0 and json.loads(ok.stdout)["ok"] is True and ok.stderr == ""
