"""What several commands share: the common options, JSON output, reading answers, text helpers.

Only the command modules of this package import it; library modules return values and never
print.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import re
import sys
from typing import Any, Mapping, Sequence

from .. import answers as answers_source
from ..documents import parse_instant, ruleset_json  # noqa: F401 - ruleset_json for the commands
from ..dsl import ast
from ..engine.runtime import format_number
from ..errors import Diagnostic, SegrulesError, UsageError
from ..i18n import DEFAULT_LANG, LANG_VARIABLE, codes_label, count, resolve_lang, text
from ..messages import word
from .words import HELP_TEXTS


# --------------------------------------------------------------------------- the parser's language


def peek_lang(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a run, known before its arguments are parsed, so that the parser's own
    words (usage, headings, its errors) are in it: the last ``--lang X`` / ``--lang=X`` (or
    ``--la``, ``--lan``) before ``--``, else ``SEGRULES_LANG``, else the locale, else English. A value that is no language
    gives English here; parsing then reports it (a bad ``--lang`` as a bad choice, a bad
    ``SEGRULES_LANG`` as SR500)."""
    given = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        option, equals, value = arg.partition("=")
        if option not in ("--la", "--lan", "--lang"):  # argparse takes an unambiguous prefix too
            continue
        if equals:
            given = value
        elif i + 1 < len(argv):
            given = argv[i + 1]
    if given in ast.LANGUAGES:
        return given
    try:
        return resolve_lang(None, os.environ if environ is None else environ)
    except SegrulesError:
        return DEFAULT_LANG


#: argparse's own words and messages (the templates of Python's argparse, and the usage errors
#: of segrules' commands), English first, then Finnish and Swedish. The values (``%(x)s``,
#: ``%(x)r``) are carried over as they are; an English message that no template fits is left
#: as it is.
PARSER_WORDS: dict[str, tuple[str, str]] = {
    "usage: ": ("käyttö: ", "användning: "),
    "positional arguments": ("argumentit", "argument"),
    "options": ("valitsimet", "flaggor"),
    "show this help message and exit": ("näytä tämä ohje ja lopeta", "visa den här hjälpen och avsluta"),
    "show program's version number and exit": ("näytä ohjelman versio ja lopeta", "visa programmets version och avsluta"),
    "Client segmentation models for wellbeing services regions: check, run and test them.": (
        "Hyvinvointialueiden asiakkuussegmentoinnin mallit: tarkista, aja ja testaa ne.",
        "Modeller för kundsegmentering i välfärdsområden: kontrollera, kör och testa dem.",
    ),
    "Exit codes: 0 ok, 1 problems found or invalid input, 2 usage error, 3 internal error.": (
        "Paluuarvot: 0 kunnossa, 1 ongelmia tai virheellinen syöte, 2 väärä käyttö, 3 sisäinen virhe.",
        "Slutkoder: 0 i ordning, 1 problem eller ogiltig indata, 2 fel användning, 3 internt fel.",
    ),
    "show Python tracebacks instead of short messages": (
        "näytä Pythonin traceback lyhyiden viestien sijaan", "visa Pythons traceback i stället för korta meddelanden",
    ),
    "show tracebacks": ("näytä Pythonin traceback", "visa Pythons traceback"),
    "machine-readable output, for every command": ("koneluettava tuloste, kaikille komennoille", "maskinläsbar utdata, för alla kommandon"),
    "machine-readable output (see docs/cli.md)": ("koneluettava tuloste (ks. docs/cli.md)", "maskinläsbar utdata (se docs/cli.md)"),
    f"language of the output: fi, sv or en (default: ${LANG_VARIABLE}, else the locale, else {DEFAULT_LANG})": (
        f"tulosteen kieli: fi, sv tai en (oletus: ${LANG_VARIABLE}, muuten localen kieli, muuten {DEFAULT_LANG})",
        f"utdatans språk: fi, sv eller en (standard: ${LANG_VARIABLE}, annars språkmiljön, annars {DEFAULT_LANG})",
    ),
}

PARSER_MESSAGES: tuple[tuple[str, str, str], ...] = (
    # Python's argparse
    ("argument %(argument_name)s: %(message)s", "argumentti %(argument_name)s: %(message)s", "argument %(argument_name)s: %(message)s"),
    ("unrecognized arguments: %s", "tuntemattomia argumentteja: %s", "okända argument: %s"),
    ("the following arguments are required: %s", "nämä argumentit puuttuvat: %s", "följande argument saknas: %s"),
    ("one of the arguments %s is required", "jokin argumenteista %s tarvitaan", "ett av argumenten %s krävs"),
    ("not allowed with argument %s", "ei sallittu yhdessä argumentin %s kanssa", "inte tillåtet tillsammans med argumentet %s"),
    ("ignored explicit argument %r", "ylimääräinen arvo %r", "överflödigt värde %r"),
    ("expected one argument", "odotettiin yhtä arvoa", "ett värde förväntades"),
    ("expected at most one argument", "odotettiin enintään yhtä arvoa", "högst ett värde förväntades"),
    ("expected at least one argument", "odotettiin vähintään yhtä arvoa", "minst ett värde förväntades"),
    ("expected %s argument", "odotettiin %s arvoa", "%s värde förväntades"),
    ("expected %s arguments", "odotettiin %s arvoa", "%s värden förväntades"),
    ("ambiguous option: %(option)s could match %(matches)s",
     "monitulkintainen valitsin: %(option)s voi tarkoittaa näitä: %(matches)s",
     "tvetydig flagga: %(option)s kan avse %(matches)s"),
    ("unexpected option string: %s", "odottamaton valitsin: %s", "oväntad flagga: %s"),
    ("invalid %(type)s value: %(value)r", "virheellinen arvo (%(type)s): %(value)r", "ogiltigt värde (%(type)s): %(value)r"),
    ("invalid choice: %(value)r (choose from %(choices)s)",
     "virheellinen valinta: %(value)r (valitse jokin näistä: %(choices)s)",
     "ogiltigt val: %(value)r (välj bland %(choices)s)"),
    ("unknown parser %(parser_name)r (choices: %(choices)s)",
     "tuntematon komento %(parser_name)r (vaihtoehdot: %(choices)s)",
     "okänt kommando %(parser_name)r (alternativ: %(choices)s)"),
    ("can't open '%(filename)s': %(error)s", "tiedostoa '%(filename)s' ei voi avata: %(error)s",
     "filen '%(filename)s' kan inte öppnas: %(error)s"),
    # the commands' own usage errors (argparse types and ``args.parser.error``)
    ("%(value)s is not a whole number", "%(value)s ei ole kokonaisluku", "%(value)s är inte ett heltal"),
    ("%(value)s is not a whole number of 0 or more", "%(value)s ei ole kokonaisluku, joka on 0 tai suurempi",
     "%(value)s är inte ett heltal som är 0 eller större"),
    ("%(value)s is not a positive whole number", "%(value)s ei ole positiivinen kokonaisluku",
     "%(value)s är inte ett positivt heltal"),
    ("%(value)s is not a positive number of seconds", "%(value)s ei ole positiivinen sekuntimäärä",
     "%(value)s är inte ett positivt antal sekunder"),
    ("%(value)s is not a number of seconds", "%(value)s ei ole sekuntimäärä", "%(value)s är inte ett antal sekunder"),
    ("%(value)s is not a number of seconds from 0 to 600", "%(value)s ei ole sekuntimäärä väliltä 0–600",
     "%(value)s är inte ett antal sekunder från 0 till 600"),
    ("--key %(key)s is an input of the ruleset; give the record key another name",
     "--key %(key)s on säännöstön kysymys; anna tietueen avaimelle toinen nimi",
     "--key %(key)s är en fråga i regeluppsättningen; ge postens nyckel ett annat namn"),
    ("--port must be from 0 to 65535, not %(port)s", "--port on oltava väliltä 0–65535, ei %(port)s",
     "--port måste vara från 0 till 65535, inte %(port)s"),
    ("--care-plan needs --fhir", "--care-plan tarvitsee valitsimen --fhir", "--care-plan kräver --fhir"),
    ("--log-answers needs --decision-log", "--log-answers tarvitsee valitsimen --decision-log",
     "--log-answers kräver --decision-log"),
    ("give one error code (e.g. SR110), or --list", "anna yksi virhekoodi (esim. SR110) tai --list",
     "ange en felkod (t.ex. SR110) eller --list"),
    ("give either --check, or --from, --segment and --to", "anna joko --check tai --from, --segment ja --to",
     "ange antingen --check eller --from, --segment och --to"),
    ("a lookup needs all three of --from, --segment and --to", "haku tarvitsee kaikki kolme: --from, --segment ja --to",
     "en uppslagning kräver alla tre: --from, --segment och --to"),
)

_TYPE_WORDS = {"int": ("kokonaisluku", "heltal"), "float": ("luku", "tal")}
_FIELD = re.compile(r"%(?:\((\w+)\))?[sr]")


@functools.cache
def _message_patterns() -> tuple[tuple[re.Pattern, str, str, tuple[str, ...]], ...]:
    out = []
    for en, fi, sv in PARSER_MESSAGES:
        names: list[str] = []

        def field(m: re.Match) -> str:
            names.append(m.group(1) or f"_{len(names)}")
            return f"(?P<{names[-1]}>.+?)"

        pattern = re.compile("".join(
            field(m) if m else re.escape(part)
            for part, m in _split(en)
        ) + r"\Z", re.S)
        out.append((pattern, fi, sv, tuple(names)))
    return tuple(out)


def _split(template: str) -> list[tuple[str, re.Match | None]]:
    parts, at = [], 0
    for m in _FIELD.finditer(template):
        parts += [(template[at:m.start()], None), ("", m)]
        at = m.end()
    return parts + [(template[at:], None)]


def parser_message(message: str, lang: str) -> str:
    """One of argparse's messages (or a command's usage error) in ``lang``, its values kept;
    the English message where no template fits."""
    if lang not in ("fi", "sv"):
        return message
    for pattern, fi, sv, names in _message_patterns():
        m = pattern.match(message)
        if m is None:
            continue
        values = m.groupdict()
        if "message" in values:  # ``argument --x: <argparse's own message>``
            values["message"] = parser_message(values["message"], lang)
        if "type" in values and values["type"] in _TYPE_WORDS:
            values["type"] = _TYPE_WORDS[values["type"]][lang == "sv"]
        return _fill_fields(fi if lang == "fi" else sv, names, values)
    return message


def _fill_fields(template: str, names: tuple[str, ...], values: dict[str, str]) -> str:
    """The template with its fields in order (``%s``) or by name (``%(x)s``), each replaced by
    the text matched in the English message (already in its quoted form, so ``r`` is ``s``)."""
    order = iter(n for n in names if n.startswith("_"))
    return _FIELD.sub(lambda m: values[m.group(1) or next(order)], template)


def parser_word(text: str, lang: str) -> str:
    """A fixed text of the parser (a heading, the usage prefix, a command's or an option's help)
    in ``lang``; the English text where none is written."""
    texts = PARSER_WORDS.get(text) or HELP_TEXTS.get(text)
    if lang not in ("fi", "sv") or texts is None:
        return text
    return texts[lang == "sv"]


class _Formatter(argparse.HelpFormatter):
    """argparse's help in ``lang``: the usage prefix, the headings, the descriptions and every
    command's and option's help, translated as they are written out."""

    def __init__(self, prog: str, *, lang: str = DEFAULT_LANG, **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self._lang = lang

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 - argparse's signature
        super().add_usage(usage, actions, groups, parser_word("usage: ", self._lang) if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(heading and parser_word(heading, self._lang))

    def add_text(self, text: str | None) -> None:
        super().add_text(text if not isinstance(text, str) else parser_word(text, self._lang))

    def _get_help_string(self, action: argparse.Action) -> str:
        return parser_word(super()._get_help_string(action), self._lang)


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks the run's language: the usage line, the help of ``-h``
    (headings, descriptions, every command's and option's help) and every usage error (exit
    code 2, ``PROG: error: message``, the word ``error`` in the language as in segrules'
    other messages). Its commands are parsers in the same language."""

    def __init__(self, *args: Any, lang: str = DEFAULT_LANG, **kwargs: Any) -> None:
        self.lang = lang
        kwargs.setdefault("formatter_class", functools.partial(_Formatter, lang=lang))
        super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any):  # noqa: ANN201 - argparse's own action type
        kwargs.setdefault("parser_class", functools.partial(Parser, lang=self.lang))
        return super().add_subparsers(**kwargs)

    def error(self, message: str):  # noqa: ANN201 - never returns
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {word('error', self.lang)}: {parser_message(message, self.lang)}\n")


# --------------------------------------------------------------------------- options


def common_options() -> argparse.ArgumentParser:
    """The options every command takes, as a parent parser."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output (see docs/cli.md)"
    )
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    add_lang(p, default=argparse.SUPPRESS)
    return p


def add_lang(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """The ``--lang`` option of every command: the language of everything a user reads.

    Without it, ``SEGRULES_LANG`` and then the locale decide (``i18n.resolve_lang``).
    """
    parser.add_argument(
        "--lang", choices=ast.LANGUAGES, default=default,
        help=f"language of the output: fi, sv or en (default: ${LANG_VARIABLE}, else the locale, else {DEFAULT_LANG})",
    )


# --------------------------------------------------------------------------- output


def whole_number(text: str) -> int:
    """An argparse type: a whole number, else a usage error (exit code 2)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def print_json(obj: Any, *, sort_keys: bool = True) -> None:
    """One JSON document on stdout: sorted keys (unless the order is meant, as in FHIR), UTF-8,
    no trailing spaces."""
    print(json.dumps(obj, ensure_ascii=False, sort_keys=sort_keys, indent=2))


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def value_text(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return format_number(value)


def counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    """The numbers of errors and of warnings."""
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


def count_text(errors: int, warnings: int, lang: str = "en") -> str:
    """``2 errors, 1 warning``, ``ok`` or ``ok (1 warning)``, in ``lang``."""
    if errors:
        return f"{word('errors', lang, errors)}, {word('warnings', lang, warnings)}"
    return word("ok", lang) if not warnings else f"{word('ok', lang)} ({word('warnings', lang, warnings)})"


def table(rows: list[tuple[str, ...]], indent: str = "  ") -> list[str]:
    """Rows of text as aligned columns, without trailing spaces."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        (indent + "  ".join(c.ljust(w) for c, w in zip(r, widths))).rstrip() for r in rows
    ]


_PATHWAY_FIELDS = (
    "contact", "appointments", "coordination", "professional_role", "self_care", "first_visit", "booking",
    "follow_up", "follow_up_visits", "service_model", "service_menu", "channels", "reassess_after_months",
)


def pathway_lines(p: ast.Pathway, lang: str, indent: str = "  ") -> list[str]:
    """A pathway as aligned ``name: text`` lines (the fields it has), in ``lang``."""
    rows = []
    for field in _PATHWAY_FIELDS:
        v = getattr(p, field)
        if v is None or v == ():
            continue
        if isinstance(v, ast.Labels):
            value = v.get(lang)
        elif field == "appointments":
            value = "; ".join(x.get(lang) for x in v)
        elif field in ("service_model", "service_menu", "channels"):
            value = codes_label(field, (v,) if isinstance(v, str) else v, lang)
        elif field == "reassess_after_months":
            value = count(lang, "months", v)
        else:
            value = str(v)
        rows.append((text(lang, field), value))
    width = max(len(text(lang, f)) for f in _PATHWAY_FIELDS)
    return [f"{indent}{n + ':':<{width + 1}} {t}" for n, t in rows]


# --------------------------------------------------------------------------- input


def answers_example(inputs: Sequence[ast.Input]) -> str:
    """A small answers object in a ruleset's own names, for hints: its first two inputs."""
    out = {}
    for i in inputs[:2]:
        d = i.domain
        out[i.id] = d.values[len(d.values) // 2] if d.values else True
    return json.dumps(out, ensure_ascii=False)


def read_answers(source: str, example: str | None = None) -> dict:
    """The answers JSON object from a file or from stdin (``-``), within the documented limits.

    ``example`` is a JSON object shown in the hint when the file is not JSON (best written
    with the ruleset's own inputs, see ``answers_example``).
    """
    return answers_source.read_answers(source, sys.stdin.buffer if source == "-" else None, example=example)


def read_json(source: str) -> Any:
    """One JSON document in any shape (FHIR resources) from a file or stdin, within the same limits."""
    return answers_source.read_document(source, sys.stdin.buffer if source == "-" else None)


AnswersFileError = answers_source.AnswersFileError


def parse_datetime(text: str) -> dt.datetime:
    """``--at``: an ISO 8601 date-time with its UTC offset (SR512 if unreadable, SR550 without
    offset), by the same rule as the library's: a time without an offset is never taken as UTC."""
    try:
        return parse_instant(text)
    except ValueError:
        raise UsageError(
            f"--at {text!r} is not an ISO 8601 date-time; write e.g. 2024-03-01T09:30:00+02:00",
            code="SR512",
        ) from None
