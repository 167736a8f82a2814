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
from ..errors import Diagnostic, SegrulesError, UsageError, holds_surrogate, safe_text
from ..i18n import DEFAULT_LANG, LANG_VARIABLE, codes_label, count, resolve_lang, text
from ..messages import word
from ..progress import Progress, terminal_bar


# --------------------------------------------------------------------------- the parser's language


def peek_lang(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a run, known before its arguments are parsed, so that the parser's own
    words (usage, help, its errors) are in it: the last ``--lang X`` / ``--lang=X`` (or
    ``--la``, ``--lan``) before ``--``, else ``SEGRULES_LANG``, else the locale, else English.
    A value that is no language gives English here; parsing then reports it (a bad ``--lang``
    as a bad choice, a bad ``SEGRULES_LANG`` as SR500)."""
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
    ("%(value)s is not UTF-8 and would be written into the data; give it in UTF-8",
     "%(value)s ei ole UTF-8-merkistöä, ja se kirjoitettaisiin tietoihin; anna se UTF-8-merkistössä",
     "%(value)s är inte i UTF-8 och skulle skrivas i datan; ange det i UTF-8"),
    ("%(value)s is not a number of seconds", "%(value)s ei ole sekuntimäärä", "%(value)s är inte ett antal sekunder"),
    ("%(value)s is not a number of seconds from 0 to 600", "%(value)s ei ole sekuntimäärä väliltä 0–600",
     "%(value)s är inte ett antal sekunder från 0 till 600"),
    ("--key %(key)s is an input of the ruleset; give the record key another name",
     "--key %(key)s on säännöstön kysymys; anna tietueen avaimelle toinen nimi",
     "--key %(key)s är en fråga i regeluppsättningen; ge postens nyckel ett annat namn"),
    ("%(option)s needs a column name", "%(option)s tarvitsee sarakkeen nimen", "%(option)s kräver ett kolumnnamn"),
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


def add_progress(parser: argparse.ArgumentParser) -> None:
    """The ``--no-progress`` option of the long commands (batch, report, verify)."""
    parser.add_argument(
        "--no-progress", action="store_true",
        help="draw no progress bar (it is drawn on stderr only when stderr is a terminal, never with --json)",
    )


def progress_bar(args: argparse.Namespace, command: str, *, wanted: bool = True, **options) -> Progress:
    """The progress bar of ``segrules <command>`` on stderr in the run's language, or
    ``NO_PROGRESS`` when stderr is not a terminal, with ``--json`` or ``--no-progress``, or
    when not ``wanted``."""
    wanted = wanted and not (args.json or args.no_progress)
    return terminal_bar(f"segrules {command}", args.lang, wanted=wanted, **options)


def add_budgets(parser: argparse.ArgumentParser, *, counting: bool = False) -> None:
    """The budget options of ``verify`` and ``diff``, declared once: the solver's units and the
    time limit (``--budget`` its older name), and with ``counting`` (verify) the budgets of the
    enumeration and the structural method too. ``budget_of`` makes the budget they give."""
    from ..verify.budget import ANSWER_SETS, SOLVER_UNITS, STEPS, TIME_LIMIT

    budgets = parser.add_argument_group(
        "budgets", "work a run may take, counted in units of work, never in time, so that every machine "
        "gives the same result; a check or a cell not decided within them is reported as undecided "
        "(naming the budget), never as proven",
    )
    budgets.add_argument(
        "--solver-budget", metavar="UNITS", type=positive_units, default=SOLVER_UNITS,
        help=f"z3 resource units (rlimit) for the SMT prover: for each ruleset verified, or for all the cells "
        f"of a comparison together (default {SOLVER_UNITS}); one query may use two fifths of it",
    )
    if counting:
        budgets.add_argument(
            "--enumeration-budget", metavar="ANSWER_SETS", type=positive_units, default=ANSWER_SETS,
            help=f"answer sets enumeration may evaluate (default {ANSWER_SETS})",
        )
        budgets.add_argument(
            "--structural-budget", metavar="STEPS", type=positive_units, default=STEPS,
            help=f"steps of the structural method (default {STEPS})",
        )
    budgets.add_argument(
        "--time-limit", "--budget", dest="time_limit", metavar="SECONDS", type=positive_seconds, default=TIME_LIMIT,
        help=f"a safety stop, not a budget (default {TIME_LIMIT:g}): a run not done within it is reported as "
        "stopped, with no verdict (--budget is its older name)",
    )


def budget_of(args: argparse.Namespace):
    """The ``verify.budget.Budget`` the options of ``add_budgets`` give (a budget the command
    does not take keeps its default)."""
    from ..verify.budget import ANSWER_SETS, STEPS, Budget, per_query

    return Budget(args.time_limit, solver=args.solver_budget, solver_call=per_query(args.solver_budget),
                  answer_sets=getattr(args, "enumeration_budget", ANSWER_SETS), steps=getattr(args, "structural_budget", STEPS))


def positive_seconds(text: str) -> float:
    """An argparse type: a positive number of seconds, else a usage error (exit code 2)."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def positive_units(text: str) -> int:
    """An argparse type: a positive whole number (of units of work), else a usage error."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


# --------------------------------------------------------------------------- output


def data_text(text: str) -> str:
    """An argparse type: text that segrules writes into data (a reason, a key or a column
    name), which must be UTF-8; a byte of another encoding (which Python reads from the command
    line as a lone surrogate) is a usage error (exit code 2), never written as ``\\udcff``."""
    if holds_surrogate(text):
        raise argparse.ArgumentTypeError(f"'{safe_text(text)}' is not UTF-8 and would be written into the data; give it in UTF-8")
    return text


def whole_number(text: str) -> int:
    """An argparse type: a whole number, else a usage error (exit code 2)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def print_json(obj: Any, *, sort_keys: bool = True) -> None:
    """One JSON document on stdout: sorted keys (unless the order is meant, as in FHIR), UTF-8,
    no trailing spaces; an exact decimal beyond 17 digits (a FHIR score) as the number it is."""
    from ..fhir.resources import dumps

    print(dumps(obj, ensure_ascii=False, sort_keys=sort_keys, indent=2))


def safe_lines(text: str) -> str:
    """Text for the terminal that holds what a user wrote (labels, example names, file names):
    each line with its control characters and terminal escapes written as ``\\x1b``-style
    escapes (``safe_text``, never shortened), the line breaks kept, so that a ruleset or a file
    name cannot drive the reader's terminal."""
    return "\n".join(safe_text(line, None) for line in text.split("\n"))


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


# --------------------------------------------------------------------------- the help in fi and sv

#: The help of every command and option (``segrules COMMAND -h``) in Finnish and Swedish, keyed
#: by the English text the command modules give: (Finnish, Swedish). A help text without an
#: entry is shown in English; ``tests/cli/test_parser_language.py`` finds none.
HELP_TEXTS: dict[str, tuple[str, str]] = {
    # the progress bar (batch, report, verify)
    "draw no progress bar (it is drawn on stderr only when stderr is a terminal, never with --json)": (
        "älä piirrä edistymispalkkia (se piirretään vain, kun virhetuloste on pääte, eikä koskaan --jsonin kanssa)",
        "rita ingen förloppsindikator (den ritas bara när felutmatningen är en terminal, aldrig med --json)",
    ),
    # check
    "load and type-check rulesets; print every problem": (
        "lataa säännöstöt ja tarkista niiden tyypit; tulosta jokainen ongelma",
        "ladda regeluppsättningar och kontrollera typerna; skriv ut varje problem",
    ),
    "Load and type-check rulesets; print every problem.": (
        "Lataa säännöstöt ja tarkista niiden tyypit; tulosta jokainen ongelma.",
        "Ladda regeluppsättningar och kontrollera typerna; skriv ut varje problem.",
    ),
    "ruleset YAML files": ("säännöstöjen YAML-tiedostot", "regeluppsättningarnas YAML-filer"),
    # describe
    "print a ruleset's inputs, scores, segments, rules and pathways": (
        "tulosta säännöstön kysymykset, pistemäärät, segmentit, säännöt ja asiakkuuspolut",
        "skriv ut regeluppsättningens frågor, poäng, segment, regler och kundstigar",
    ),
    "Print a ruleset's inputs, scores, segments, rules and pathways.": (
        "Tulosta säännöstön kysymykset, pistemäärät, segmentit, säännöt ja asiakkuuspolut.",
        "Skriv ut regeluppsättningens frågor, poäng, segment, regler och kundstigar.",
    ),
    # sample
    "print random valid answer sets, one JSON object per line": (
        "tulosta satunnaisia kelvollisia vastausjoukkoja, yksi JSON-objekti riviä kohden",
        "skriv ut slumpmässiga giltiga svarsuppsättningar, ett JSON-objekt per rad",
    ),
    "Print random valid answer sets, one JSON object per line.": (
        "Tulosta satunnaisia kelvollisia vastausjoukkoja, yksi JSON-objekti riviä kohden.",
        "Skriv ut slumpmässiga giltiga svarsuppsättningar, ett JSON-objekt per rad.",
    ),
    "how many answer sets (default 1)": ("vastausjoukkojen määrä (oletus 1)", "antal svarsuppsättningar (standard 1)"),
    "random seed (default 0)": ("satunnaislukujen siemen (oletus 0)", "slumpfrö (standard 0)"),
    "number the answer sets 1, 2, ... in this field: a synthetic population for segrules batch": (
        "numeroi vastausjoukot 1, 2, ... tähän kenttään: keinotekoinen väestö komennolle segrules batch",
        "numrera svarsuppsättningarna 1, 2, ... i detta fält: en syntetisk population för segrules batch",
    ),
    # decide
    "decide the segment for one answer set": (
        "päätä yhden vastausjoukon segmentti", "bestäm segmentet för en svarsuppsättning",
    ),
    "Decide the segment for one answer set.": (
        "Päätä yhden vastausjoukon segmentti.", "Bestäm segmentet för en svarsuppsättning.",
    ),
    "the answers as a JSON object, or JSON Lines (one answer set a line, one decision each); - reads stdin": (
        "vastaukset JSON-objektina tai JSON Lines -muodossa (yksi vastausjoukko riviä kohden, kullekin "
        "oma päätös); - lukee vakiosyötteen",
        "svaren som ett JSON-objekt, eller JSON Lines (en svarsuppsättning per rad, ett beslut för "
        "varje); - läser standard in",
    ),
    "a segment chosen by a person instead of the suggestion": (
        "ihmisen ehdotuksen sijaan valitsema segmentti", "ett segment som en person valt i stället för förslaget",
    ),
    "why the segment was overridden (required with --override)": (
        "miksi segmentti valittiin toisin (pakollinen --override-valitsimen kanssa)",
        "varför segmentet valdes annorlunda (krävs med --override)",
    ),
    "assessment time with its UTC offset, e.g. 2024-03-01T09:30+02:00 (default now)": (
        "arvioinnin aika UTC-poikkeamineen, esim. 2024-03-01T09:30+02:00 (oletus nyt)",
        "bedömningens tid med UTC-förskjutning, t.ex. 2024-03-01T09:30+02:00 (standard nu)",
    ),
    "the answers are a FHIR QuestionnaireResponse (a list or a Bundle of them); print the FHIR Bundle of the decision": (
        "vastaukset ovat FHIR QuestionnaireResponse (tai niiden luettelo tai Bundle); tulosta päätöksen "
        "FHIR Bundle",
        "svaren är en FHIR QuestionnaireResponse (eller en lista eller ett Bundle av dem); skriv ut "
        "beslutets FHIR Bundle",
    ),
    "with --fhir: add a CarePlan proposal from the pathway": (
        "--fhir-valitsimen kanssa: lisää asiakkuuspolusta CarePlan-ehdotus",
        "med --fhir: lägg till ett CarePlan-förslag från kundstigen",
    ),
    # replay
    "recompute a stored decision record: confirm its ruleset and outcome, or show what differs": (
        "laske tallennettu päätöstietue uudelleen: vahvista sen säännöstö ja tulos tai näytä, mikä eroaa",
        "räkna om en sparad beslutspost: bekräfta dess regeluppsättning och utfall, eller visa vad som skiljer sig",
    ),
    "Decide again from the answers and the assessment time of a decision record (the JSON of Decision.to_json() "
    "or of `segrules decide --json`) with RULESET, and compare: the ruleset's id, version and content hash, the "
    "segment, the suggestion and the override, the rule, every score and the re-assessment date. Exit code 0 "
    "when everything agrees, 1 when anything differs.": (
        "Päätä uudelleen päätöstietueen (Decision.to_json():n tai `segrules decide --json` -komennon JSON) "
        "vastauksista ja arvioinnin ajasta säännöstöllä RULESET ja vertaa: säännöstön tunnus, versio ja "
        "sisällön tiiviste, segmentti, ehdotus ja toisin valittu segmentti, sääntö, jokainen pistemäärä ja "
        "uudelleenarvioinnin päivä. Paluuarvo 0, kun kaikki täsmää, 1, kun jokin eroaa.",
        "Besluta på nytt utifrån svaren och bedömningstiden i en beslutspost (JSON från Decision.to_json() "
        "eller `segrules decide --json`) med RULESET, och jämför: regeluppsättningens id, version och "
        "innehållshash, segmentet, förslaget och det annorlunda valda segmentet, regeln, varje poäng och "
        "datumet för ny bedömning. Slutkod 0 när allt stämmer, 1 när något skiljer sig.",
    ),
    "the stored decision record; - reads stdin": (
        "tallennettu päätöstietue; - lukee vakiosyötteen", "den sparade beslutsposten; - läser standard in",
    ),
    "the ruleset to replay it with": ("säännöstö, jolla se lasketaan uudelleen", "regeluppsättningen att räkna om den med"),
    # test
    "run the rulesets' own examples": ("aja säännöstöjen omat esimerkit", "kör regeluppsättningarnas egna exempel"),
    "Run the rulesets' own examples.": ("Aja säännöstöjen omat esimerkit.", "Kör regeluppsättningarnas egna exempel."),
    # explain
    "print the long explanation of an error code": (
        "tulosta virhekoodin pitkä selitys", "skriv ut den långa förklaringen av en felkod",
    ),
    "Print the long explanation of an error code.": (
        "Tulosta virhekoodin pitkä selitys.", "Skriv ut den långa förklaringen av en felkod.",
    ),
    "an error code, e.g. SR110": ("virhekoodi, esim. SR110", "en felkod, t.ex. SR110"),
    "list every error code with its title": (
        "luettele jokainen virhekoodi otsikkoineen", "lista varje felkod med dess rubrik",
    ),
    # verify
    "prove that every possible answer set maps to exactly one segment": (
        "todista, että jokainen mahdollinen vastausjoukko johtaa täsmälleen yhteen segmenttiin",
        "bevisa att varje möjlig svarsuppsättning leder till exakt ett segment",
    ),
    "Prove, over the entire finite answer space, that every answer set gets exactly one segment, that evaluation "
    "never fails, that every segment, rule and input matters, and that the examples pass. Exit code 0 only when "
    "everything is proven.": (
        "Todista koko äärellisen vastausavaruuden yli, että jokainen vastausjoukko saa täsmälleen yhden "
        "segmentin, että päättely ei koskaan epäonnistu, että jokaisella segmentillä, säännöllä ja kysymyksellä "
        "on merkitystä ja että esimerkit toteutuvat. Paluuarvo 0 vain, kun kaikki on todistettu.",
        "Bevisa, över hela den ändliga svarsrymden, att varje svarsuppsättning får exakt ett segment, att "
        "utvärderingen aldrig misslyckas, att varje segment, regel och fråga spelar roll, och att exemplen "
        "stämmer. Slutkod 0 bara när allt är bevisat.",
    ),
    "also write an HTML report for auditors": (
        "kirjoita myös HTML-raportti tarkastajille", "skriv också en HTML-rapport för granskare",
    ),
    "let --report replace a file that holds a model": (
        "salli --report-valitsimen korvata tiedosto, jossa on malli",
        "låt --report ersätta en fil som innehåller en modell",
    ),
    "auto (default): enumerate spaces of at most 5000 answer sets, otherwise the structural method (and "
    "enumeration within its budget where that gives up); the SMT prover runs beside each of them, and alone "
    "with smt (no counts)": (
        "auto (oletus): käy läpi enintään 5000 vastausjoukon avaruudet, muuten rakenteellinen menetelmä (ja "
        "läpikäynti budjettinsa rajoissa, kun se luovuttaa); SMT-todistin toimii kummankin rinnalla, ja "
        "smt:llä yksin (ilman lukumääriä)",
        "auto (standard): räkna igenom rymder med högst 5000 svarsuppsättningar, annars den strukturella "
        "metoden (och genomräkning inom sin budget där den ger upp); SMT-beviset körs bredvid var och en av "
        "dem, och ensamt med smt (utan antal)",
    ),
    # the budgets of verify and diff (add_budgets)
    "work a run may take, counted in units of work, never in time, so that every machine gives the same "
    "result; a check or a cell not decided within them is reported as undecided (naming the budget), never as "
    "proven": (
        "työ, jonka ajo saa viedä, laskettuna työn yksikköinä, ei koskaan aikana, jotta jokainen kone antaa "
        "saman tuloksen; tarkistus tai solu, jota ei ratkaista niiden rajoissa, raportoidaan ratkaisemattomana "
        "(budjetti nimettynä), ei koskaan todistettuna",
        "arbete som en körning får ta, räknat i arbetsenheter, aldrig i tid, så att varje maskin ger samma "
        "resultat; en kontroll eller en cell som inte avgörs inom dem rapporteras som oavgjord (med budgeten "
        "nämnd), aldrig som bevisad",
    ),
    "z3 resource units (rlimit) for the SMT prover: for each ruleset verified, or for all the cells of a "
    "comparison together (default 5000000); one query may use two fifths of it": (
        "SMT-todistimen z3-resurssiyksiköt (rlimit): kullekin verifioitavalle säännöstölle tai vertailun "
        "kaikille soluille yhteensä (oletus 5000000); yksi kysely voi käyttää niistä kaksi viidesosaa",
        "z3-resursenheter (rlimit) för SMT-beviset: för varje regeluppsättning som verifieras, eller för alla "
        "celler i en jämförelse tillsammans (standard 5000000); en enskild fråga får använda två femtedelar av dem",
    ),
    "a safety stop, not a budget (default 300): a run not done within it is reported as stopped, with no "
    "verdict (--budget is its older name)": (
        "turvapysäytys, ei budjetti (oletus 300): ajo, joka ei valmistu sen aikana, raportoidaan pysäytettynä "
        "ilman tuomiota (--budget on sen vanhempi nimi)",
        "ett säkerhetsstopp, ingen budget (standard 300): en körning som inte blir klar inom det rapporteras som "
        "stoppad, utan utslag (--budget är dess äldre namn)",
    ),
    "answer sets enumeration may evaluate (default 1000000)": (
        "vastausjoukot, jotka läpikäynti saa laskea (oletus 1000000)",
        "svarsuppsättningar som genomräkningen får utvärdera (standard 1000000)",
    ),
    "steps of the structural method (default 50000000)": (
        "rakenteellisen menetelmän askeleet (oletus 50000000)", "den strukturella metodens steg (standard 50000000)",
    ),
    "for a failed completeness, exclusivity or reachability check, propose small edits of the YAML (a "
    "threshold, a condition, a new rule, hit policy first), each shown only if an edited copy is then PROVEN; "
    "nothing is edited in place": (
        "ehdota epäonnistuneelle kattavuus-, yksikäsitteisyys- tai saavutettavuustarkistukselle pieniä "
        "muutoksia YAMLiin (kynnysarvo, ehto, uusi sääntö, hit policy first); kukin näytetään vain, jos "
        "muutettu kopio on sitten TODISTETTU; itse tiedostoa ei muuteta",
        "föreslå, för en misslyckad kontroll av fullständighet, entydighet eller nåbarhet, små ändringar i "
        "YAML (ett tröskelvärde, ett villkor, en ny regel, hit policy first), var och en visad bara om en "
        "ändrad kopia då är BEVISAD; inget ändras i själva filen",
    ),
    "budgets": ("budjetit", "budgetar"),
    # diff
    "the exact difference between two versions of a ruleset: which answer sets move where": (
        "säännöstön kahden version tarkka ero: mitkä vastausjoukot siirtyvät minne",
        "den exakta skillnaden mellan två versioner av en regeluppsättning: vilka svarsuppsättningar flyttas vart",
    ),
    "Compare two versions over the whole answer space: a transition matrix from the old version's segments to "
    "the new one's, each cell proven empty or shown with an example answer set (re-run through both versions) "
    "and its scores, with each cell's exact count and share of the answer space and the region that moves, in "
    "the model's own terms. Exit code 0 when the versions are proven equal, 1 when they differ or it is "
    "undecided.": (
        "Vertaa kahta versiota koko vastausavaruuden yli: siirtymätaulukko vanhan version segmenteistä uuden "
        "segmentteihin, jokainen solu todistetusti tyhjä tai näytettynä esimerkkivastausjoukolla (ajettuna "
        "molempien versioiden läpi) ja sen pistemäärillä, kunkin solun tarkka lukumäärä ja osuus "
        "vastausavaruudesta sekä siirtyvä alue mallin omin sanoin. Paluuarvo 0, kun versiot on todistettu "
        "samoiksi, 1, kun ne eroavat tai asia jää ratkaisematta.",
        "Jämför två versioner över hela svarsrymden: en övergångsmatris från den gamla versionens segment "
        "till den nyas, varje cell bevisat tom eller visad med ett exempel på en svarsuppsättning (körd "
        "genom båda versionerna) och dess poäng, med varje cells exakta antal och andel av svarsrymden och "
        "området som flyttas, i modellens egna termer. Slutkod 0 när versionerna är bevisat lika, 1 när de "
        "skiljer sig eller det är oavgjort.",
    ),
    "the old version": ("vanha versio", "den gamla versionen"),
    "the new version": ("uusi versio", "den nya versionen"),
    "also write the difference as an HTML page": (
        "kirjoita ero myös HTML-sivuksi", "skriv också skillnaden som en HTML-sida",
    ),
    "prove the cells without counting them": (
        "todista solut laskematta niitä", "bevisa cellerna utan att räkna dem",
    ),
    # diagram
    "draw a ruleset's quadrant (score regions and their segments) as SVG": (
        "piirrä säännöstön nelikenttä (pistemäärien alueet ja niiden segmentit) SVG-kuvaksi",
        "rita regeluppsättningens fyrfält (poängens områden och deras segment) som SVG",
    ),
    "Draw the quadrant of a ruleset with axes as a standalone SVG picture: resources on the x axis, complexity "
    "on the y axis, every reachable score point coloured by its segment, the lines where the segment changes, "
    "and gaps or overlaps in red. Exit code 1 when the picture shows a gap or an overlap (the picture is written "
    "all the same).": (
        "Piirrä akselillisen säännöstön nelikenttä erilliseksi SVG-kuvaksi: voimavarat x-akselilla, "
        "kompleksisuus y-akselilla, jokainen saavutettava pistemäärien piste segmenttinsä värillä, viivat, "
        "joissa segmentti vaihtuu, ja aukot tai päällekkäisyydet punaisella. Paluuarvo 1, kun kuvassa on "
        "aukko tai päällekkäisyys (kuva kirjoitetaan silti).",
        "Rita fyrfältet för en regeluppsättning med axlar som en fristående SVG-bild: resurser på x-axeln, "
        "komplexitet på y-axeln, varje nåbar poängpunkt färgad efter sitt segment, linjerna där segmentet "
        "byts, och luckor eller överlappningar i rött. Slutkod 1 när bilden visar en lucka eller en "
        "överlappning (bilden skrivs ändå).",
    ),
    "write the SVG to this file (default: standard output)": (
        "kirjoita SVG tähän tiedostoon (oletus: vakiotuloste)", "skriv SVG till denna fil (standard: standard ut)",
    ),
    "let -o replace a file that holds a model": (
        "salli -o-valitsimen korvata tiedosto, jossa on malli", "låt -o ersätta en fil som innehåller en modell",
    ),
    # crosswalk
    "map a segment of one regional model to another's, or check the crosswalk": (
        "kuvaa yhden alueen mallin segmentti toisen alueen malliin, tai tarkista vastaavuustaulukko",
        "för över ett segment i en regions modell till en annans, eller kontrollera korstabellen",
    ),
    "Map a segment of one regional model to the segment of another model in the same quadrant (--from, "
    "--segment, --to), check the crosswalk against the rulesets (--check), or, with neither, print the whole "
    "crosswalk.": (
        "Kuvaa yhden alueen mallin segmentti toisen mallin samassa nelikentän lohkossa olevaan segmenttiin "
        "(--from, --segment, --to), tarkista vastaavuustaulukko säännöstöjä vasten (--check), tai ilman "
        "kumpaakaan tulosta koko vastaavuustaulukko.",
        "För över ett segment i en regions modell till segmentet i en annan modell i samma fält (--from, "
        "--segment, --to), kontrollera korstabellen mot regeluppsättningarna (--check), eller, utan någotdera, "
        "skriv ut hela korstabellen.",
    ),
    "the crosswalk file (default rulesets/crosswalk.yaml where it exists, else the crosswalk shipped with "
    "segrules)": (
        "vastaavuustaulukon tiedosto (oletus rulesets/crosswalk.yaml, jos se on olemassa, muuten segrulesin "
        "mukana tuleva taulukko)",
        "korstabellens fil (standard rulesets/crosswalk.yaml där den finns, annars korstabellen som följer "
        "med segrules)",
    ),
    "the ruleset the segment belongs to": ("säännöstö, johon segmentti kuuluu", "regeluppsättningen som segmentet hör till"),
    "the segment: its id, an alias or a label": (
        "segmentti: sen tunnus, muu nimi tai nimi jollakin kielellä", "segmentet: dess id, ett alias eller en etikett",
    ),
    "the ruleset to map to": ("säännöstö, johon kuvataan", "regeluppsättningen att föra över till"),
    "check that the crosswalk is total and one-to-one": (
        "tarkista, että vastaavuustaulukko on kattava ja yksi yhteen", "kontrollera att korstabellen är fullständig och entydig",
    ),
    "where to find the rulesets (default: the crosswalk's folder)": (
        "mistä säännöstöt löytyvät (oletus: vastaavuustaulukon kansio)",
        "var regeluppsättningarna finns (standard: korstabellens mapp)",
    ),
    # sql
    "print the SQL that segments every record of an answers table": (
        "tulosta SQL, joka segmentoi vastaustaulun jokaisen tietueen",
        "skriv ut den SQL som segmenterar varje post i en svarstabell",
    ),
    "Print the SQL that segments every record of an answers table, with the same results as `segrules decide`: "
    "exact integer arithmetic, the same error codes for invalid records.": (
        "Tulosta SQL, joka segmentoi vastaustaulun jokaisen tietueen samoin tuloksin kuin `segrules decide`: "
        "tarkka kokonaislukulaskenta, samat virhekoodit virheellisille tietueille.",
        "Skriv ut den SQL som segmenterar varje post i en svarstabell, med samma resultat som `segrules "
        "decide`: exakt heltalsaritmetik, samma felkoder för ogiltiga poster.",
    ),
    "the SQL engine (default duckdb)": ("SQL-moottori (oletus duckdb)", "SQL-motorn (standard duckdb)"),
    "wide: a column per input; long: (record, question, value) rows (default wide)": (
        "wide: sarake kysymystä kohden; long: rivit (tietue, kysymys, arvo) (oletus wide)",
        "wide: en kolumn per fråga; long: rader (post, fråga, värde) (standard wide)",
    ),
    "the answers table (default answers)": ("vastaustaulu (oletus answers)", "svarstabellen (standard answers)"),
    "the record key column (default record_id)": (
        "tietueen avainsarake (oletus record_id)", "postens nyckelkolumn (standard record_id)",
    ),
    "a column to pass through to the result (wide shape; repeatable)": (
        "sarake, joka viedään sellaisenaan tulokseen (wide-muoto; voi toistaa)",
        "en kolumn som förs oförändrad till resultatet (formen wide; kan upprepas)",
    ),
    "wide shape: number questions are integer columns and yes/no questions boolean columns, read as they are "
    "(faster); without it every answer is read as text": (
        "wide-muoto: lukukysymykset ovat kokonaislukusarakkeita ja kyllä/ei-kysymykset totuusarvosarakkeita, "
        "luetaan sellaisinaan (nopeampi); ilman tätä jokainen vastaus luetaan tekstinä",
        "formen wide: talfrågor är heltalskolumner och ja/nej-frågor booleska kolumner, lästa som de är "
        "(snabbare); utan detta läses varje svar som text",
    ),
    # batch
    "segment every record of a CSV, Parquet, JSON Lines file or a database table": (
        "segmentoi CSV-, Parquet- tai JSON Lines -tiedoston tai tietokantataulun jokainen tietue",
        "segmentera varje post i en CSV-, Parquet- eller JSON Lines-fil eller en databastabell",
    ),
    "Segment every record of an answers file or table. Inputs and outputs: .csv, .parquet, .jsonl files, "
    "DuckDB tables (file.duckdb#table), PostgreSQL tables (postgresql://...#table, with --engine postgres); "
    "with --engine spark, Parquet and CSV at any URI the cluster reads, and catalog tables (catalog:db.table). "
    "Outputs are replaced only when complete.": (
        "Segmentoi vastaustiedoston tai -taulun jokainen tietue. Syötteet ja tulosteet: .csv-, .parquet- ja "
        ".jsonl-tiedostot, DuckDB-taulut (file.duckdb#table), PostgreSQL-taulut (postgresql://...#table, "
        "valitsimella --engine postgres); valitsimella --engine spark Parquet ja CSV missä tahansa klusterin "
        "lukemassa URI:ssa sekä katalogin taulut (catalog:db.table). Tulosteet korvataan vasta valmiina.",
        "Segmentera varje post i en svarsfil eller svarstabell. In- och utdata: .csv-, .parquet- och "
        ".jsonl-filer, DuckDB-tabeller (file.duckdb#table), PostgreSQL-tabeller (postgresql://...#table, med "
        "--engine postgres); med --engine spark Parquet och CSV på vilken URI som helst som klustret läser, "
        "och katalogtabeller (catalog:db.table). Utdata ersätts först när de är färdiga.",
    ),
    "the answers: a file or a table": ("vastaukset: tiedosto tai taulu", "svaren: en fil eller en tabell"),
    "the result: a file or a table": ("tulos: tiedosto tai taulu", "resultatet: en fil eller en tabell"),
    "invalid records go here (with their codes); the output then has the segmented ones only": (
        "virheelliset tietueet (koodeineen) menevät tänne; tulosteessa on silloin vain segmentoidut",
        "ogiltiga poster (med sina koder) hamnar här; utdata har då bara de segmenterade",
    ),
    "where the rules run (default duckdb)": ("missä säännöt ajetaan (oletus duckdb)", "var reglerna körs (standard duckdb)"),
    "with --engine spark: the cluster (spark://host:7077, yarn, ...; default local[*], or the session "
    "spark-submit started)": (
        "valitsimen --engine spark kanssa: klusteri (spark://host:7077, yarn, ...; oletus local[*] tai "
        "spark-submitin käynnistämä istunto)",
        "med --engine spark: klustret (spark://host:7077, yarn, ...; standard local[*], eller sessionen som "
        "spark-submit startade)",
    ),
    "also copy this input's answers to the result, to group a report by it (repeatable); columns that are not "
    "inputs are always carried": (
        "kopioi myös tämän kysymyksen vastaukset tulokseen, jotta raportin voi ryhmitellä sen mukaan (voi "
        "toistaa); sarakkeet, jotka eivät ole kysymyksiä, viedään aina mukana",
        "kopiera också denna frågas svar till resultatet, för att gruppera en rapport efter den (kan "
        "upprepas); kolumner som inte är frågor följer alltid med",
    ),
    # fhir
    "write a ruleset's Questionnaire or code systems as FHIR R4 JSON": (
        "kirjoita säännöstön Questionnaire tai koodistot FHIR R4 -JSONina",
        "skriv regeluppsättningens Questionnaire eller kodsystem som FHIR R4-JSON",
    ),
    "Write the FHIR R4 Questionnaire of a ruleset (combined, or one respondent's) or a Bundle of the code "
    "systems it uses (inputs, segments, scores, answer options). QuestionnaireResponses are decided with "
    "`segrules decide RULESET --fhir`. See docs/fhir.md.": (
        "Kirjoita säännöstön FHIR R4 Questionnaire (yhdistetty tai yhden vastaajan) tai sen käyttämien "
        "koodistojen Bundle (kysymykset, segmentit, pistemäärät, vastausvaihtoehdot). QuestionnaireResponse "
        "-vastauksista päätetään komennolla `segrules decide RULESET --fhir`. Ks. docs/fhir.md.",
        "Skriv regeluppsättningens FHIR R4 Questionnaire (sammanslaget, eller en svarandes) eller ett Bundle "
        "med de kodsystem den använder (frågor, segment, poäng, svarsalternativ). QuestionnaireResponses "
        "avgörs med `segrules decide RULESET --fhir`. Se docs/fhir.md.",
    ),
    "the Questionnaire (combined, or one respondent's)": (
        "Questionnaire (yhdistetty tai yhden vastaajan)", "Questionnaire (sammanslaget, eller en svarandes)",
    ),
    "a Bundle of the code systems the exports use": (
        "Bundle vientien käyttämistä koodistoista", "ett Bundle med de kodsystem som exporterna använder",
    ),
    "only this respondent's questions (default: all)": (
        "vain tämän vastaajan kysymykset (oletus: kaikki)", "bara denna svarandes frågor (standard: alla)",
    ),
    "write to this file (default: standard output)": (
        "kirjoita tähän tiedostoon (oletus: vakiotuloste)", "skriv till denna fil (standard: standard ut)",
    ),
    # serve
    "serve rulesets over HTTP: decide, validate, batch, OpenAPI, health and metrics": (
        "tarjoa säännöstöt HTTP:n yli: päätös, validointi, erä, OpenAPI, terveys ja mittarit",
        "erbjud regeluppsättningar över HTTP: beslut, validering, batch, OpenAPI, hälsa och mätvärden",
    ),
    "Serve the rulesets (files, or folders searched with their sub-folders) over HTTP. A ruleset goes into "
    "service only when it loads, its examples pass and verify proves it. SIGHUP (or a changed file with "
    "--watch) reloads; a new version that fails keeps the last good one serving. Listens on 127.0.0.1 unless "
    "told otherwise. See docs/service.md.": (
        "Tarjoa säännöstöt (tiedostot tai kansiot alikansioineen) HTTP:n yli. Säännöstö otetaan palveluun "
        "vasta, kun se latautuu, sen esimerkit toteutuvat ja verifiointi todistaa sen. SIGHUP (tai muuttunut "
        "tiedosto valitsimella --watch) lataa uudelleen; jos uusi versio ei kelpaa, viimeisin hyvä jää "
        "palveluun. Kuuntelee osoitetta 127.0.0.1, ellei toisin käsketä. Ks. docs/service.md.",
        "Erbjud regeluppsättningarna (filer, eller mappar som genomsöks med sina undermappar) över HTTP. En "
        "regeluppsättning tas i bruk först när den laddas, dess exempel stämmer och verify bevisar den. "
        "SIGHUP (eller en ändrad fil med --watch) laddar om; en ny version som inte godkänns lämnar den "
        "senaste goda i bruk. Lyssnar på 127.0.0.1 om inget annat anges. Se docs/service.md.",
    ),
    "ruleset files or folders": ("säännöstötiedostot tai -kansiot", "regelfiler eller mappar"),
    "address to listen on (default 127.0.0.1)": ("kuunneltava osoite (oletus 127.0.0.1)", "adress att lyssna på (standard 127.0.0.1)"),
    "port (default 8080; 0 picks a free one)": ("portti (oletus 8080; 0 valitsee vapaan)", "port (standard 8080; 0 väljer en ledig)"),
    "require 'Authorization: Bearer TOKEN' with the token in FILE": (
        "vaadi 'Authorization: Bearer TOKEN', tunniste tiedostossa FILE",
        "kräv 'Authorization: Bearer TOKEN' med token i FILE",
    ),
    "largest request body, and batch line (default 1 MiB)": (
        "suurin pyynnön runko ja erän rivi (oletus 1 MiB)", "största begärandekropp och batchrad (standard 1 MiB)",
    ),
    "time to receive and answer a request; for a batch, per read (default 10)": (
        "aika vastaanottaa pyyntö ja vastata siihen; erälle lukukertaa kohden (oletus 10)",
        "tid att ta emot och besvara en begäran; för en batch, per läsning (standard 10)",
    ),
    "most lines in one batch request (default 100000)": (
        "rivejä enintään yhdessä eräpyynnössä (oletus 100000)", "högst antal rader i en batchbegäran (standard 100000)",
    ),
    "append one JSON line per decision to PATH": (
        "lisää tiedostoon PATH yksi JSON-rivi päätöstä kohden", "lägg till en JSON-rad per beslut i PATH",
    ),
    "also log the answers and override reasons (personal data: off by default)": (
        "kirjaa myös vastaukset ja toisin valitsemisen syyt (henkilötietoja: oletuksena pois)",
        "logga också svaren och skälen till ändrade segment (personuppgifter: av som standard)",
    ),
    "when the log queue is full: block the request (default) or drop the line and count it": (
        "kun lokijono on täynnä: pidätä pyyntö (oletus) tai pudota rivi ja laske se",
        "när loggkön är full: blockera begäran (standard) eller släpp raden och räkna den",
    ),
    "decision-log lines that may wait for the disk (default 10000)": (
        "päätöslokin rivit, jotka saavat odottaa levyä (oletus 10000)",
        "rader i beslutsloggen som får vänta på disken (standard 10000)",
    ),
    "allow browser calls from ORIGIN (repeatable; CORS is off by default)": (
        "salli selainkutsut osoitteesta ORIGIN (voi toistaa; CORS on oletuksena pois)",
        "tillåt webbläsaranrop från ORIGIN (kan upprepas; CORS är av som standard)",
    ),
    "reload when a ruleset file changes (checked every second)": (
        "lataa uudelleen, kun säännöstötiedosto muuttuu (tarkistetaan sekunnin välein)",
        "ladda om när en regelfil ändras (kontrolleras varje sekund)",
    ),
    "check a new version only on processor time the requests leave free (idle, the default), or at the "
    "service's own priority (normal)": (
        "tarkista uusi versio vain suoritinajalla, jota pyynnöt eivät tarvitse (idle, oletus), tai palvelun "
        "omalla prioriteetilla (normal)",
        "kontrollera en ny version bara på processortid som förfrågningarna lämnar fri (idle, standard), eller "
        "med tjänstens egen prioritet (normal)",
    ),
    # workbench
    "edit a ruleset in a local web page that checks, tests, verifies and tries it as you type": (
        "muokkaa säännöstöä paikallisella verkkosivulla, joka tarkistaa, testaa, verifioi ja kokeilee sitä "
        "kirjoittaessasi",
        "redigera en regeluppsättning på en lokal webbsida som kontrollerar, testar, verifierar och prövar "
        "den medan du skriver",
    ),
    "Open RULESET in a web page served on this machine only: the YAML with line numbers and its problems at "
    "their lines, the quadrant, the examples, the segment sizes and the verify verdict, a form to try answers, "
    "and saving with a diff and a backup. The address printed at start holds a random token; every request "
    "needs it. See docs/model-owners-guide.md.": (
        "Avaa RULESET verkkosivulle, jota tarjotaan vain tällä koneella: YAML rivinumeroineen ja ongelmat "
        "riveillään, nelikenttä, esimerkit, segmenttien koot ja verifioinnin tuomio, lomake vastausten "
        "kokeilemiseen sekä tallennus eroineen ja varmuuskopioineen. Käynnistyksessä tulostetussa "
        "osoitteessa on satunnainen tunniste; jokainen pyyntö tarvitsee sen. Ks. docs/fi/model-owners-guide.md.",
        "Öppna RULESET på en webbsida som bara serveras på den här datorn: YAML med radnummer och problemen "
        "på sina rader, fyrfältet, exemplen, segmentens storlekar och verifieringens utslag, ett formulär för "
        "att pröva svar, och sparande med skillnader och en säkerhetskopia. Adressen som skrivs ut vid start "
        "innehåller en slumpmässig token; varje begäran behöver den. Se docs/model-owners-guide.md.",
    ),
    "the ruleset YAML file to open": ("avattava säännöstön YAML-tiedosto", "regeluppsättningens YAML-fil som ska öppnas"),
    "address to listen on (default 127.0.0.1: this machine only); another address lets others in who have the "
    "printed address with its token": (
        "kuunneltava osoite (oletus 127.0.0.1: vain tämä kone); muu osoite päästää sisään muutkin, joilla on "
        "tulostettu osoite tunnisteineen",
        "adress att lyssna på (standard 127.0.0.1: bara den här datorn); en annan adress släpper in andra som "
        "har den utskrivna adressen med sin token",
    ),
    "port (default 0: a free one)": ("portti (oletus 0: vapaa portti)", "port (standard 0: en ledig)"),
    "time the verifier gets on each change (default 5); beyond it checks are undecided": (
        "verifioinnin aika jokaisen muutoksen jälkeen (oletus 5); sen jälkeen tarkistukset jäävät "
        "ratkaisematta",
        "tid verifieringen får vid varje ändring (standard 5); därefter är kontrollerna oavgjorda",
    ),
    # report
    "report a population's segments: counts, shares, small cells hidden, two versions compared": (
        "raportoi väestön segmentit: lukumäärät, osuudet, pienet solut piilotettuina, kaksi versiota verrattuna",
        "rapportera en populations segment: antal, andelar, små celler dolda, två versioner jämförda",
    ),
    "Count a population by segment and by grouping columns, with shares, totals and small-cell suppression, "
    "and print it; optionally write a self-contained HTML page and a CSV file, compare with an expected "
    "distribution, or show how many records would move between the segments of two versions of the model. The "
    "input is a batch result (segrules batch) or the answers themselves, which are then segmented on the way "
    "with DuckDB.": (
        "Laske väestö segmenteittäin ja ryhmittelysarakkeittain osuuksineen, summineen ja pienten solujen "
        "piilotuksineen ja tulosta se; halutessasi kirjoita itsenäinen HTML-sivu ja CSV-tiedosto, vertaa "
        "odotettuun jakaumaan tai näytä, kuinka moni tietue siirtyisi mallin kahden version segmenttien "
        "välillä. Syöte on erän tulos (segrules batch) tai itse vastaukset, jotka silloin segmentoidaan "
        "matkalla DuckDB:llä.",
        "Räkna en population per segment och per grupperingskolumn, med andelar, summor och döljande av små "
        "celler, och skriv ut den; skriv vid behov en fristående HTML-sida och en CSV-fil, jämför med en "
        "väntad fördelning, eller visa hur många poster som skulle flyttas mellan segmenten i två versioner "
        "av modellen. Indata är ett batchresultat (segrules batch) eller själva svaren, som då segmenteras "
        "på vägen med DuckDB.",
    ),
    "the ruleset (that made the batch result)": ("säännöstö (joka teki erän tuloksen)", "regeluppsättningen (som gav batchresultatet)"),
    "a batch result or the answers: a .parquet, .csv or .jsonl file, or file.duckdb#table": (
        "erän tulos tai vastaukset: .parquet-, .csv- tai .jsonl-tiedosto tai file.duckdb#table",
        "ett batchresultat eller svaren: en .parquet-, .csv- eller .jsonl-fil, eller file.duckdb#table",
    ),
    "also count by this column (repeat for several: --by battery --by unit)": (
        "laske myös tämän sarakkeen mukaan (toista useammalle: --by battery --by unit)",
        "räkna också efter denna kolumn (upprepa för flera: --by battery --by unit)",
    ),
    "hide counts below N, and the cells that would give them away (default 5)": (
        "piilota alle N:n lukumäärät ja solut, joista ne voisi päätellä (oletus 5)",
        "dölj antal under N, och de celler som skulle avslöja dem (standard 5)",
    ),
    "expected shares in percent by segment: a YAML or JSON mapping such as {omatoimi: 39, ...}": (
        "odotetut osuudet prosentteina segmenteittäin: YAML- tai JSON-kuvaus, kuten {omatoimi: 39, ...}",
        "väntade andelar i procent per segment: en YAML- eller JSON-mappning som {omatoimi: 39, ...}",
    ),
    "another version of the model: how many records would move from each segment to each other (the input must "
    "be the answers)": (
        "mallin toinen versio: kuinka moni tietue siirtyisi kustakin segmentistä kuhunkin toiseen (syötteen "
        "on oltava vastaukset)",
        "en annan version av modellen: hur många poster som skulle flyttas från varje segment till varje annat "
        "(indata måste vara svaren)",
    ),
    "answers input: a column per input (wide) or long": (
        "vastaussyöte: sarake kysymystä kohden (wide) tai long", "svarsindata: en kolumn per fråga (wide) eller long",
    ),
    "write the report as a self-contained HTML page": (
        "kirjoita raportti itsenäiseksi HTML-sivuksi", "skriv rapporten som en fristående HTML-sida",
    ),
    "write every table as CSV": ("kirjoita jokainen taulukko CSV:nä", "skriv varje tabell som CSV"),
    "let --html or --csv replace a file that holds a model": (
        "salli --html- tai --csv-valitsimen korvata tiedosto, jossa on malli",
        "låt --html eller --csv ersätta en fil som innehåller en modell",
    ),
}
