"""``segrules.verify.diff_page``: the diff page in each language, its matrix, its counts."""

from __future__ import annotations

import re
from html import unescape

import pytest

from segrules.i18n import TEXTS
from segrules.verify.diff import diff
from segrules.verify.diff_page import diff_html

from test_smt import load, model, num


@pytest.fixture(scope="module")
def moved():
    inputs = num("x", 1, 9) + "\n" + num("y", 0, 3)
    scores = "s: {label: {fi: t, sv: t, en: t}, expr: x + y}"
    old = load(model(inputs, scores, ["a when x + y < 5", "b when x + y >= 5"]))
    new = load(model(inputs, scores, ["a when s < 7", "b when s >= 7"]))
    return diff(old, new, old_file="old.yaml", new_file="new.yaml")


def words(page: str) -> str:
    body = page[page.index("<body>"):]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_page_has_no_english_sentence(moved, lang):
    page = words(diff_html(moved, lang=lang))
    english = [v for k, v in TEXTS["en"].items()
               if k.startswith(("diff.", "outcome.")) and "{" not in v and len(v.split()) > 1]
    assert english
    for sentence in english:
        assert sentence not in page, sentence
    assert TEXTS[lang]["diff.title"] in page and TEXTS[lang]["diff.moved"] in page


def test_the_page_gives_counts_shares_regions_and_scores(moved):
    page = diff_html(moved, lang="en")
    cell = moved.cell("b", "a")
    assert cell.count == 8 and cell.regions == (("x + y >= 5 and s < 7", 8),)
    text = words(page)
    assert "8 answer sets (22.22 % of the answer space)" in text and "% of the answer space)" in text
    assert f"where {cell.regions[0][0]}" in text
    assert "scores (old): " in text and "scores (new): " in text
    assert 'class="matrix"' in page and "table-layout: fixed" in page  # the matrix shares the page's width
    assert "no segment, several segments, evaluation error" in text  # proven empty throughout: listed, not drawn
    assert "/work" not in page and "old.yaml" in page
