"""The command line's own words (the usage line, the headings of ``-h``, every usage error)
follow the language of the run (``--lang``, ``SEGRULES_LANG``, the locale), run as a user runs
it: exit code 2, ``PROG: error: message`` with the word in the language, no traceback."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import pytest

from segrules import cli
from segrules.cli import common
from segrules.cli.common import PARSER_MESSAGES, PARSER_WORDS, parser_message, peek_lang

from support import ROOT


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("SEGRULES_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", *args], cwd=ROOT, env={**environ, **(env or {})},
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc


ENGLISH = ("usage:", "error:", "the following", "required", "unrecognized", "invalid", "choose from", "not a whole")

CASES = [
    # (how the language is chosen, the command, what the user reads)
    (["--lang", "fi"], {}, ["check"],
     ["käyttö: segrules check", "segrules check: virhe: nämä argumentit puuttuvat: RULESET"]),
    ([], {"SEGRULES_LANG": "sv"}, ["check", "--bogus", "x.yaml"],
     ["användning: segrules", "segrules: fel: okända argument: --bogus"]),
    ([], {"LANG": "fi_FI.UTF-8"}, ["sample", "--count", "x", "x.yaml"],
     ["segrules sample: virhe: argumentti --count: 'x' ei ole kokonaisluku, joka on 0 tai suurempi"]),
    ([], {"SEGRULES_LANG": "sv"}, ["sample", "--seed", "abc", "x.yaml"],
     ["segrules sample: fel: argument --seed: ogiltigt värde (heltal): 'abc'"]),
    ([], {"SEGRULES_LANG": "sv"}, ["--lang", "de", "check", "x.yaml"],
     ["segrules: fel: argument --lang: ogiltigt val: 'de' (välj bland 'fi', 'sv', 'en')"]),
    (["--lang=fi"], {"SEGRULES_LANG": "sv"}, ["explain"],
     ["segrules explain: virhe: anna yksi virhekoodi (esim. SR110) tai --list"]),
    (["--lang", "sv"], {}, ["frobnicate"],
     ["segrules: fel: argument COMMAND: ogiltigt val: 'frobnicate' (välj bland 'check',"]),
]


@pytest.mark.parametrize("lang_args, env, command, expected", CASES,
                         ids=["fi --lang", "sv SEGRULES_LANG", "fi locale", "sv int", "bad choice",
                              "--lang= wins", "sv command"])
def test_usage_errors_are_in_the_language_of_the_run(lang_args, env, command, expected):
    proc = run(*command[:1], *lang_args, *command[1:], env=env)  # --lang after the command, as users write it
    assert proc.returncode == 2, proc.stderr
    for text in expected:
        assert text in proc.stderr, proc.stderr
    for english in ENGLISH:
        assert english not in proc.stderr, (english, proc.stderr)
    assert proc.stdout == ""


def test_help_headings_are_in_the_language_of_the_run():
    fi = run("check", "-h", "--lang", "fi")
    assert fi.returncode == 0
    assert re.search(r"^käyttö: segrules check", fi.stdout, re.M)
    assert "\nargumentit:\n" in fi.stdout and "\nvalitsimet:\n" in fi.stdout
    assert "näytä tämä ohje ja lopeta" in fi.stdout
    # the common options are filed under the one heading, not under a second, English one
    assert fi.stdout.count("valitsimet:") == 1
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in fi.stdout, english
    sv = run("-h", env={"SEGRULES_LANG": "sv"})
    assert "användning: segrules" in sv.stdout and "\nflaggor:\n" in sv.stdout


def test_english_stays_as_argparse_writes_it():
    proc = run("check", env={"LANG": "C"})
    assert proc.returncode == 2
    assert "usage: segrules check" in proc.stderr
    assert "segrules check: error: the following arguments are required: RULESET" in proc.stderr
    # a SEGRULES_LANG segrules does not speak: the parser speaks English, the run stops on SR500
    bad = run("check", "x.yaml", env={"SEGRULES_LANG": "de"})
    assert bad.returncode == 1 and "SR500" in bad.stderr


def test_the_language_is_peeked_before_parsing():
    assert peek_lang(["check", "--lang", "sv", "x.yaml"], {}) == "sv"
    assert peek_lang(["--lang", "sv", "check", "--lang=fi"], {}) == "fi"  # the last one wins, as in argparse
    assert peek_lang(["check", "--", "--lang", "fi"], {"SEGRULES_LANG": "sv"}) == "sv"  # after -- it is a file
    assert peek_lang(["check", "--lang", "de"], {"LANG": "fi_FI.UTF-8"}) == "fi"
    assert peek_lang(["check"], {"SEGRULES_LANG": "xx"}) == "en"
    assert peek_lang(["check", "--lan", "sv"], {}) == peek_lang(["check", "--la=sv"], {}) == "sv"
    assert peek_lang(["check", "--lang"], {"SEGRULES_LANG": "fi"}) == "fi"  # the value is missing: argparse says so
    assert peek_lang(["check"], {"LC_ALL": "sv_FI.UTF-8", "LANG": "fi_FI.UTF-8"}) == "sv"


def _sample(template: str) -> str:
    """An English message made from a template, with recognisable values."""
    values = iter(["'v1'", "'v2'", "'v3'"])
    return re.sub(r"%(?:\((\w+)\))?[sr]", lambda m: next(values), template)


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("en, fi, sv", PARSER_MESSAGES, ids=[m[0] for m in PARSER_MESSAGES])
def test_every_message_template_translates_and_keeps_its_values(en, fi, sv, lang):
    message = _sample(en)
    out = parser_message(message, lang)
    assert out == _sample(fi if lang == "fi" else sv)
    for value in re.findall(r"'v\d'", message):
        assert value in out
    english_words = set(re.findall(r"[a-z]{4,}", re.sub(r"--[\w-]+|%\(\w+\)[sr]", "", en)))
    words_out = set(re.findall(r"[a-z]{4,}", re.sub(r"--[\w-]+", "", out)))
    assert not english_words & words_out - {"argument"}, (en, out)  # 'argument' is also Swedish


def test_nested_argparse_messages_translate_inside_out():
    en = "argument --lang: invalid choice: 'de' (choose from 'fi', 'sv', 'en')"
    assert parser_message(en, "fi") == "argumentti --lang: virheellinen valinta: 'de' (valitse jokin näistä: 'fi', 'sv', 'en')"
    assert parser_message(en, "en") == en
    assert parser_message("something new", "fi") == "something new"


def test_every_usage_error_of_the_commands_has_fi_and_sv():
    """A command's ``args.parser.error(...)`` or ``ArgumentTypeError(...)`` without a template
    would be English in a Finnish run: each message written in segrules/cli has one."""
    found = []
    for path in sorted((ROOT / "segrules" / "cli").glob("*.py")):
        for m in re.finditer(r"(?:parser\.error|ArgumentTypeError)\(\s*f?\"([^\"]+)\"", path.read_text()):
            found.append(re.sub(r"\{[^}]*\}", "'x'", m.group(1)))
    assert len(found) >= 12
    for message in found:
        for lang in ("fi", "sv"):
            assert parser_message(message, lang) != message, (message, lang)


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    out = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                out += _parsers(sub)
    return out


def _help_texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every text of ``-h`` a command module writes: descriptions, group headings, help."""
    out = set()
    for p in _parsers(parser):
        out |= {t for t in (p.description, p.epilog) if t}
        out |= {t for g in p._action_groups for t in (g.title, g.description) if t}
        for action in p._actions:
            if action.help and action.help != argparse.SUPPRESS:
                out.add(action.help)
            if isinstance(action, argparse._SubParsersAction):
                out |= {a.help for a in action._choices_actions if a.help}
    return out


def test_every_help_text_of_every_command_has_fi_and_sv():
    """A command, an option or a group added without its help in Finnish and Swedish fails
    here (add it to ``segrules.cli.common.HELP_TEXTS``)."""
    texts = _help_texts(cli.build_parser("en"))
    assert len(texts) > 100
    for lang in ("fi", "sv"):
        untranslated = sorted(t for t in texts if common.parser_word(t, lang) == t)
        assert not untranslated, (lang, untranslated)
    assert not set(common.HELP_TEXTS) - texts, "texts no command has any more"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_help_page_is_in_the_language(lang):
    english = {" ".join(t.split()) for t in _help_texts(cli.build_parser("en"))} - {"COMMAND"}
    for parser in _parsers(cli.build_parser(lang)):
        page = " ".join(parser.format_help().split())
        left = sorted(t for t in english if t in page)
        assert not left, (parser.prog, left)
    verify = [p for p in _parsers(cli.build_parser(lang)) if p.prog == "segrules verify"][0].format_help()
    assert ("budjetit:" if lang == "fi" else "budgetar:") in verify


def test_the_fixed_words_have_both_languages():
    for en, (fi, sv) in PARSER_WORDS.items():
        assert fi and sv and fi != en and sv != en, en
    assert common.parser_word("options", "sv") == "flaggor"
