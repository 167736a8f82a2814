"""The generated parts of the model pages and their pictures are up to date, and the docs'
links lead somewhere."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from support import ROOT, SHIPPED, load_script

DOCS = ROOT / "docs"
MODELS = DOCS / "models"


@pytest.fixture(scope="module")
def gen():
    return load_script(DOCS / "gen_models.py", "gen_models")


@pytest.fixture(scope="module")
def wanted(gen):
    return gen.wanted()


def test_the_generated_parts_are_up_to_date(gen, wanted):
    assert wanted, "no model page has generated parts"
    for path, text in sorted(wanted.items()):
        assert path.exists(), f"{path.relative_to(ROOT)} is missing: run python docs/gen_models.py"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is out of date: run python docs/gen_models.py"
        )
    assert gen.stale_pictures(wanted) == [], "pictures no page generates: run python docs/gen_models.py"


def test_every_shipped_ruleset_has_a_model_page(gen):
    named = set()
    for page in MODELS.glob("*.md"):
        named |= {m.group("path") for m in gen.MARKER.finditer(page.read_text(encoding="utf-8"))}
    for path in SHIPPED:
        assert path.relative_to(ROOT).as_posix() in named, f"no page in docs/models/ describes {path.name}"


def test_every_quadrant_ruleset_has_its_picture(gen, wanted):
    pictures = {p.name for p in wanted if p.suffix == ".svg"}
    for path in SHIPPED:
        rs = gen.ruleset(path.relative_to(ROOT).as_posix()).definition
        if rs.axes is not None:
            name = gen.picture_name(rs)
            assert name in pictures
            root = ET.fromstring((MODELS / "img" / name).read_bytes())
            assert root.tag.endswith("svg")


def test_a_committed_picture_is_what_the_command_writes(gen):
    path = "rulesets/helsinki/suunte.yaml"
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", "diagram", path, "--lang", gen.LANG],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (MODELS / "img" / "helsinki-suunte.svg").read_text(encoding="utf-8")


def test_the_markers_are_balanced():
    for page in MODELS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert text.count("<!-- gen:end -->") == len(re.findall(r"<!-- gen:(?!end)[a-z]+ ", text)), page.name


LINK = re.compile(r"\]\(([^)#\s]+)(#[^)\s]*)?\)")
PAGES = [
    DOCS / "model-owners-guide.md", DOCS / "crosswalk.md", DOCS / "glossary.md", DOCS / "ruleset-format.md",
    DOCS / "fi" / "model-owners-guide.md", *sorted(MODELS.glob("*.md")),
]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_relative_links_lead_to_files(page):
    text = page.read_text(encoding="utf-8")
    for m in LINK.finditer(text):
        target = m.group(1)
        if re.match(r"[a-z]+:", target):
            continue
        assert (page.parent / target).exists(), f"{page.name}: the link {target!r} leads nowhere"


def _anchors(text: str) -> set[str]:
    out = set()
    for heading in re.findall(r"^#+ (.+)$", text, flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        out.add(slug)
    return out


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_anchors_in_links_exist(page):
    text = page.read_text(encoding="utf-8")
    for m in re.finditer(r"\]\(([^)#\s]*)#([^)\s]+)\)", text):
        target = (page.parent / m.group(1)) if m.group(1) else page
        if target.suffix != ".md":
            continue
        assert m.group(2) in _anchors(target.read_text(encoding="utf-8")), (
            f"{page.name}: no heading for #{m.group(2)} in {target.name}"
        )


def test_the_api_reference_is_generated_from_the_docstrings():
    gen = load_script(DOCS / "gen_api.py", "gen_api")
    assert (DOCS / "api.md").read_text(encoding="utf-8") == gen.render(), "docs/api.md is out of date: run python docs/gen_api.py"
    for module in gen.MODULES:
        assert f"## `{module}`" in gen.render()


def test_every_test_module_has_a_name_of_its_own():
    """The test folders are not packages: two test files of one name, in two folders, keep the
    second from being collected at all ("import file mismatch"), so the layout that mirrors the
    package names a command's tests test_<command>_command.py beside, say, tests/dsl/test_check.py."""
    names: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        names.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    assert {n: p for n, p in names.items() if len(p) > 1} == {}
