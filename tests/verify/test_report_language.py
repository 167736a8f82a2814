"""The verification report in Finnish holds no English sentence and no machine path: the text
output and the HTML page of ``segrules verify --lang fi`` are scanned for every sentence of
the English catalogue (segrules.i18n) and for absolute paths."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from segrules.i18n import TEXTS

from example_ruleset import EXAMPLE
from support import ROOT

pytest.importorskip("z3")

GAP = EXAMPLE.replace("omatoimi  when resources >= 3", "omatoimi  when resources > 3")
OVERLAP = EXAMPLE.replace("omatoimi  when resources >= 3", "omatoimi  when resources >= 2.5")


def english_sentences() -> set[str]:
    """Every run of three or more words of the English catalogue that Finnish does not share."""
    out = set()
    for key, en in TEXTS["en"].items():
        if not isinstance(en, str) or en == TEXTS["fi"].get(key):
            continue
        for part in re.split(r"\{[^}]*\}", en):
            part = part.strip(" .,:;()")
            if len(re.findall(r"[A-Za-z]+", part)) >= 3:
                out.add(part)
    return out


def run_fi(tmp_path, files: list, *options: str) -> tuple[str, str]:
    page = tmp_path / "report.html"
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", "verify", "--lang", "fi", "--report", str(page), *options,
         *map(str, files)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stderr
    # the one line that echoes the file the user named for the report
    text = "\n".join(line for line in proc.stdout.splitlines() if str(page) not in line)
    return text, page.read_text(encoding="utf-8")


@pytest.fixture
def files(tmp_path):
    out = []
    for name, text in (("proven.yaml", EXAMPLE), ("gap.yaml", GAP), ("overlap.yaml", OVERLAP)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        out.append(path)  # absolute paths, outside the working folder
    return out


@pytest.mark.parametrize("options", [[], ["--solver-budget", "2000", "--structural-budget", "5000",
                                          "--method", "structural"]],
                         ids=["decided", "budgets run out"])
def test_the_finnish_report_has_no_english_sentence_and_no_machine_path(tmp_path, files, options):
    text, page = run_fi(tmp_path, files, *options)
    english = english_sentences()
    assert len(english) > 80  # the catalogue is scanned, not an empty set
    for output in (text, page):
        found = sorted(s for s in english if s in output)
        assert not found, found
        for path in (str(tmp_path), os.getcwd(), str(ROOT), "/tmp/", "/home/"):
            assert path not in output, path
    # what the Finnish reader sees instead
    if options:
        assert "loppui" in text and "laskentamenetelmä ei valmistunut" in page
    else:
        assert "aukko: mikään sääntö ei täyty" in text and "aukko: mikään sääntö ei täyty" in page
        assert "sen pistemäärät" in text and "sen pistemäärät" in page
        assert "päällekkäisyys" in text and "TODISTETTU" in page
        # a region is in the rule language's notation, which needs no translation
        assert "values reached" not in text and " ⇒ resources = 3" in text and "⇒" in page


def test_a_region_with_no_condition_is_said_in_the_readers_language():
    from segrules.verify.regions import EVERYWHERE
    from segrules.verify.words import region_text

    assert [region_text(EVERYWHERE, lang) for lang in ("fi", "sv", "en")] == [
        "jokainen vastausjoukko", "varje svarsuppsättning", "every answer set"]
    assert region_text("x >= 3 ⇒ s in [3, 5]", "fi") == "x >= 3 ⇒ s in [3, 5]"


def test_the_method_line_is_true_when_the_counting_method_gave_up(tmp_path, files):
    text, page = run_fi(tmp_path, files[:1], "--structural-budget", "10", "--method", "structural")
    assert "laskentamenetelmä ei valmistunut budjettinsa puitteissa" in text
    assert "ratkaistiin tarkasti sen rakenteesta" not in text and "ratkaistiin tarkasti sen rakenteesta" not in page
