"""One word for one thing in every catalogue: where the Finnish says asiakkuuspolku (a segment's
client pathway), the Swedish says kundstig, as the glossary (docs/glossary.md) and the code
titles do, never servicestig or vårdstig (the glossary's words for other pathways)."""

from __future__ import annotations

import re
from typing import Iterator

from segrules import diagram, i18n, messages, progress
from segrules.cli import common
from segrules.population import render
from segrules.workbench import texts as workbench_texts


def _keyed(catalogue: dict[str, dict[str, str]], name: str) -> Iterator[tuple[str, str, str]]:
    for key in catalogue["fi"]:
        fi, sv = catalogue["fi"][key], catalogue["sv"].get(key)
        if isinstance(fi, str) and isinstance(sv, str):
            yield f"{name}[{key}]", fi, sv


def finnish_and_swedish() -> Iterator[tuple[str, str, str]]:
    """Every text of every catalogue that has a Finnish and a Swedish form: (where, fi, sv)."""
    for code, (fi, sv) in messages.TITLES.items():
        yield f"TITLES[{code}]", fi, sv
    for entry in messages.MESSAGES + messages.HINTS:
        yield f"MESSAGES/HINTS {entry[1]!r}", entry[2], entry[3]
    for en, fi, fi_genitive, sv in messages.PHRASES:
        yield f"PHRASES {en!r}", fi + " " + fi_genitive, sv
    for en, fi, sv in messages.YAML_PROBLEMS:
        yield f"YAML_PROBLEMS {en!r}", fi, sv
    for code, by_lang in messages.EXPLANATIONS.items():
        yield f"EXPLANATIONS[{code}]", " ".join(by_lang["fi"]), " ".join(by_lang["sv"])
    for code, words in messages.EXAMPLE_WORDS.items():
        for en, fi, sv in words:
            yield f"EXAMPLE_WORDS[{code}]", fi, sv
    for english, (fi, sv) in {**common.PARSER_WORDS, **common.HELP_TEXTS}.items():
        yield f"HELP_TEXTS {english!r}", fi, sv
    for name, catalogue in (("i18n", i18n.TEXTS), ("messages.WORDS", messages.WORDS), ("workbench", workbench_texts.TEXTS),
                            ("diagram", diagram.TEXTS), ("render", render.TEXTS), ("progress", progress.TEXTS)):
        yield from _keyed(catalogue, name)


def test_the_catalogues_are_all_read():
    where = {w.split("[")[0].split(" ")[0] for w, _, _ in finnish_and_swedish()}
    assert {"TITLES", "EXPLANATIONS", "HELP_TEXTS", "i18n", "workbench", "MESSAGES/HINTS"} <= where
    assert sum(1 for _ in finnish_and_swedish()) > 1000


def test_a_client_pathway_is_a_kundstig_in_swedish():
    pathways = [(where, sv) for where, fi, sv in finnish_and_swedish() if re.search(r"asiakkuuspol", fi, re.I)]
    assert len(pathways) >= 10
    missing = [(where, sv) for where, sv in pathways if not re.search(r"kundstig", sv, re.I)]
    assert missing == []


def test_no_other_swedish_word_for_it():
    others = [(where, sv) for where, _, sv in finnish_and_swedish() if re.search(r"servicestig|vårdstig", sv, re.I)]
    assert others == []
