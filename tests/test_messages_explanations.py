"""The long explanations (``segrules explain CODE``) in Finnish and Swedish: every code has both,
those a model owner meets and those only developers and operators meet alike; each says what
the code means, shows the example, says how to fix it in the language and shows the corrected
example, with no English sentence left."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from segrules import codes, messages

from support import ROOT
from test_messages_i18n import english_in

ALL_CODES = sorted(codes.CODES)
OWNER_CODES = sorted(c for c in codes.CODES if messages.for_model_owners(c))
OTHER_CODES = sorted(c for c in codes.CODES if not messages.for_model_owners(c))

#: English words a Finnish or Swedish sentence never has (``and``/``not`` are words of the rule
#: language, ``in`` is Swedish, ``on`` Finnish).
STOPWORDS = {"the", "is", "are", "of", "with", "this", "that", "which", "for", "from", "was", "be", "it",
             "its", "has", "have", "does", "there", "only"}
#: The rule language's own words, the same in every language.
RULE_WORDS = {"and", "or", "not", "when", "otherwise", "if", "then", "else", "in", "true", "false"}
_CODE_LIKE = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|\{[^}]*\}|--[\w-]+|\S+\.(?:yaml|md|json)\b|\w+\([^)]*\)")


def english_fragments(code: str) -> set[str]:
    """Every run of three or more words in the English explanation's prose and comments (not
    its YAML, which the translations show as it is)."""
    text = codes.CODES[code].explanation
    prose = [p for p in text.split("\n\n") if not p.startswith("    ")]
    comments = re.findall(r"#\s*(.+)", text)
    out = set()
    for part in prose + comments:
        for piece in re.split(r"[.,:;()!?]|" + _CODE_LIKE.pattern, _CODE_LIKE.sub(" | ", part)):
            words = re.findall(r"[A-Za-z]+", piece or "")
            if len(words) >= 3 and not set(words) <= RULE_WORDS:
                out.add(" ".join(words))
    return out


def english_words(text: str) -> list[str]:
    """The English function words of a text, outside its code, quotes, labels and rules."""
    lines = [line for line in text.splitlines() if not re.match(r"\s+-?\s*\w+ (when|otherwise)\b", line)]
    return [w for w in re.findall(r"[A-Za-z]+", _CODE_LIKE.sub(" ", "\n".join(lines))) if w.lower() in STOPWORDS]


def test_the_model_owners_codes_are_the_ranges_the_docs_name():
    # reading, format, rule language, answers, evaluation; verifier; crosswalks; the workbench
    assert {c[:3] for c in OWNER_CODES} == {"SR0", "SR1", "SR2", "SR3", "SR4", "SR6", "SR7", "SR9"}
    assert [c for c in OWNER_CODES if c.startswith("SR9")] == ["SR950", "SR951", "SR952"]
    assert not any(c.startswith(("SR5", "SR8")) for c in OWNER_CODES)
    assert len(OWNER_CODES) >= 80
    # the developers' and operators' codes: usage, SQL, batch files and reports, the service, FHIR
    assert {c[:3] for c in OTHER_CODES} == {"SR5", "SR8", "SR9"}


def test_every_code_has_its_explanation_in_finnish_and_swedish():
    assert sorted(messages.EXPLANATIONS) == ALL_CODES
    assert all(set(texts) == {"fi", "sv"} for texts in messages.EXPLANATIONS.values())


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_code_is_explained_in_finnish_and_swedish(code):
    """A new code without its fi and sv explanation fails here, whoever meets it."""
    assert set(messages.EXPLANATIONS.get(code, {})) == {"fi", "sv"}, f"{code}: write its fi and sv explanation"


def test_no_explanation_is_in_one_language_only_or_for_an_unknown_code():
    for code, texts in messages.EXPLANATIONS.items():
        assert code in codes.CODES, code
        assert set(texts) == {"fi", "sv"}, code
        for meaning, fix in texts.values():
            assert meaning.strip() and fix.strip(), code


@pytest.mark.parametrize("code", ALL_CODES)
def test_each_explanation_follows_the_english_and_speaks_its_language(code):
    english = codes.CODES[code].explanation
    fragments = english_fragments(code)
    for lang, (for_example, how, corrected) in {"fi": ("Esimerkiksi:", "Näin korjaat:", "Korjattuna:"),
                                                "sv": ("Till exempel:", "Så här rättar du:", "Rättat:")}.items():
        text = messages.explanation(code, lang)
        # the same parts as the English: meaning, example, how to fix it, corrected example
        assert ("For example:" in english) == (for_example in text), (code, lang)
        assert ("How to fix it:" in english) == (how in text), (code, lang)
        assert ("Corrected:" in english) == (corrected in text), (code, lang)
        assert "For example:" not in text and "How to fix it" not in text and "Corrected:" not in text
        # the fix is said in the language: no sentence of the English is left, no English word
        left = sorted(f for f in fragments if f in re.sub(r"[^A-Za-z]+", " ", text))
        assert not left, (code, lang, left)
        assert english_words(text) == [], (code, lang, english_words(text))
        # the codes it refers to are the English one's
        assert set(re.findall(r"SR\d{3}", text)) <= set(re.findall(r"SR\d{3}", english)), (code, lang)


def test_the_finnish_and_swedish_are_not_each_other():
    for code in ALL_CODES:
        fi, sv = (messages.explanation(code, lang) for lang in ("fi", "sv"))
        assert fi != sv
        assert "Näin korjaat" not in sv and "Så här rättar du" not in fi


def test_the_words_of_the_examples_are_given_in_the_language():
    for code, words in messages.EXAMPLE_WORDS.items():
        english = codes.CODES[code].explanation
        for en, fi, sv in words:
            assert en in english, (code, en)  # a stale entry would leave the English in place
            assert fi in messages.explanation(code, "fi") and sv in messages.explanation(code, "sv")


@pytest.mark.parametrize("code", ALL_CODES)
def test_explain_gives_every_code_whole_in_the_language(code):
    """The title and the explanation in the language (whose English words the test above looks
    for), with no English sentence of the catalogue: a title, a message, the first sentence of
    an English explanation."""
    for lang in ("fi", "sv"):
        text = messages.explain(code, lang)
        assert text == f"{code}: {messages.title(code, lang)}\n\n{messages.explanation(code, lang)}"
        assert "--lang en" not in text and codes.CODES[code].title not in text
        assert english_in(text) == [], (code, lang, english_in(text))


def test_a_code_without_its_translation_is_shown_whole_in_english(monkeypatch):
    # never half in one language, half in another (the tests above keep this from happening)
    monkeypatch.delitem(messages.EXPLANATIONS, "SR921")
    messages.explanation.cache_clear()
    try:
        assert messages.explanation("SR921", "fi") is None
        assert messages.explain("SR921", "fi") == messages.explain("SR921", "en") == codes.explain("SR921")
    finally:
        messages.explanation.cache_clear()


@pytest.mark.parametrize("code, lang, words", [
    ("sr010", "fi", "Näin korjaat: kirjoita"), ("sr010", "sv", "Så här rättar du: skriv"),
    ("sr803", "fi", "Näin korjaat: vie vastaukset"), ("sr803", "sv", "Så här rättar du: exportera svaren"),
    ("sr910", "fi", "Näin korjaat: lähetä"), ("sr910", "sv", "Så här rättar du: skicka"),
])
def test_explain_in_the_language_through_the_command(code, lang, words):
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", "explain", code, "--lang", lang],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    key = code.upper()
    assert proc.stdout.startswith(f"{key}: {messages.title(key, lang)}") and words in proc.stdout
    assert "For example:" not in proc.stdout and f"segrules explain {key} --lang en" not in proc.stdout
    if key == "SR010":
        assert "    provenance: " in proc.stdout
