"""The catalogue of every stable error code segrules reports.

Each code has a one-line title and a long explanation written for a model owner: what the
problem means, a small example of it, how to fix it, and the corrected example.
``segrules explain CODE`` prints the explanation; ``docs/errors.md`` and the code table in
``docs/dsl.md`` are generated from this module by ``docs/gen_codes.py``.

Codes are grouped by where the problem is found:

=======  ===========================================================
SR0xx    reading the file (the file itself, YAML)
SR1xx    the ruleset format (keys, ids, labels, values, limits)
SR2xx    the rule language and how the parts of the model fit together
SR3xx    the answers given for one assessment
SR4xx    evaluating valid answers (only an unverified ruleset can fail here)
SR5xx    using the library or the command line
SR6xx    the verifier (reserved; see the marked section at the end)
SR7xx    comparing models: the crosswalk between regions, quadrant diagrams
SR8xx    population runs: SQL, batch segmentation, population reports
SR9xx    the decision service (HTTP) and FHIR
=======  ===========================================================

A code, once published, keeps its meaning. To add one, call :func:`add_code` in the section
of its range; that is the only place a code is defined.
"""

from __future__ import annotations

import re
import textwrap

import attrs

from .errors import UsageError

CODE_RE = re.compile(r"^SR[0-9]{3}$")

#: The code ranges, in order: (first digit of the number, heading).
FAMILIES: tuple[tuple[str, str], ...] = (
    ("0", "Reading the file"),
    ("1", "The ruleset format"),
    ("2", "The rule language and the model's parts"),
    ("3", "Answers"),
    ("4", "Evaluation"),
    ("5", "Using the library and the command line"),
    ("6", "The verifier"),
    ("7", "Crosswalks and quadrant diagrams"),
    ("8", "Population runs: SQL, batch and report"),
    ("9", "The decision service and FHIR"),
)

#: SR600 to SR699 belong to the verifier.
VERIFIER_RANGE = range(600, 700)


@attrs.frozen
class CodeInfo:
    """One error code: its one-line title and its long explanation."""

    code: str
    title: str
    explanation: str

    @property
    def family(self) -> str:
        """The heading of the code's range, e.g. ``Answers`` for SR302."""
        return family(self.code)


CODES: dict[str, CodeInfo] = {}


def family(code: str) -> str:
    digit = code[2]
    for first, heading in FAMILIES:
        if first == digit:
            return heading
    raise ValueError(f"{code} is in no known range")


def is_verifier_code(code: str) -> bool:
    return bool(CODE_RE.match(code)) and int(code[2:]) in VERIFIER_RANGE


def _block(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def _prose(text: str) -> str:
    """Paragraphs re-wrapped to 88 columns (paragraphs are separated by blank lines)."""
    paragraphs = [" ".join(p.split()) for p in _block(text).split("\n\n")]
    return "\n\n".join(textwrap.fill(p, width=88, break_on_hyphens=False) for p in paragraphs if p)


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in _block(text).splitlines())


def add_code(
    code: str,
    title: str,
    meaning: str,
    *,
    wrong: str | None = None,
    fix: str | None = None,
    right: str | None = None,
) -> CodeInfo:
    """Define one code; the only way a code enters ``CODES``.

    ``meaning`` says in plain words what the problem is. ``wrong`` is a small example of it
    (YAML, a rule, answers or a command), ``fix`` says how to correct it and ``right`` is the
    corrected example. Paragraphs are separated by blank lines; examples are shown indented.
    """
    if not CODE_RE.match(code):
        raise ValueError(f"{code!r} is not an error code (SR followed by three digits)")
    if code in CODES:
        raise ValueError(f"{code} is defined twice")
    if not title or "\n" in title or title != title.strip():
        raise ValueError(f"{code}: the title must be one line")
    parts = [_prose(meaning)]
    if wrong is not None:
        parts += ["For example:", _indent(wrong)]
    if fix is not None:
        parts.append(_prose("How to fix it: " + _block(fix)))
    if right is not None:
        parts += ["Corrected:", _indent(right)]
    info = CodeInfo(code, title, "\n\n".join(parts))
    CODES[code] = info
    return info


def explain(code: str) -> str:
    """The long text of a code (``SR211``, ``sr211`` or ``211``), as ``segrules explain`` prints it."""
    key = code.strip().upper()
    if key.isdigit():
        key = "SR" + key.zfill(3)
    info = CODES.get(key)
    if info is None:
        raise UsageError(
            f"unknown error code {code!r}; `segrules explain --list` lists every code", code="SR514"
        )
    return f"{info.code}: {info.title}\n\n{info.explanation}"


# =========================================================================== SR0xx: the file

add_code(
    "SR000",
    "A segrules problem without a more specific code",
    """
    SR000 is the general code of the problems segrules reports. You see it only when no more
    specific code fits; the message itself says what went wrong.
    """,
    fix="""
    Read the message. If it does not tell you what to change, show it to the maintainers of
    segrules: a problem a model owner can meet deserves its own code and explanation.
    """,
)

add_code(
    "SR001",
    "The ruleset file cannot be read",
    """
    The file given to segrules does not exist, is a folder, or cannot be opened (for example,
    you have no permission to read it).
    """,
    wrong="""
    segrules check rulesets/helsinki/suuntma.yaml
    """,
    fix="""
    Check the spelling of the file name and of its folder. Give the path of the .yaml file
    itself, not of the folder that holds it.
    """,
    right="""
    segrules check rulesets/helsinki/suuntima.yaml
    """,
)

add_code(
    "SR002",
    "The file is larger than 1 MiB",
    """
    A ruleset file may be at most 1 MiB (1,048,576 bytes). A real segmentation model takes a
    few dozen kilobytes, so a file this large is most likely not a ruleset, or has a large
    amount of data pasted into it (for example thousands of examples).
    """,
    fix="""
    Check that you opened the right file. Keep the model's own `examples` few and
    representative; large sets of answers belong in separate answer files.
    """,
)

add_code(
    "SR003",
    "The file is not UTF-8 text",
    """
    Ruleset files are read as UTF-8 text, so that ä, ö and å come out right everywhere. This
    file holds bytes that are not UTF-8: it was saved in another encoding (such as
    Windows-1252 or Latin-1), or it is not a text file at all (such as a Word or Excel
    document). The position is the line where the first such byte is.
    """,
    fix="""
    Open the file in a text editor and save it with the UTF-8 encoding (the default of most
    editors). Write rulesets in a text editor, not in a word processor.
    """,
)

add_code(
    "SR010",
    "YAML syntax error",
    """
    The file is not valid YAML, so segrules cannot read its structure. The position is where
    the YAML reader got lost; the mistake itself is often just before it, on the same or the
    previous line. Common causes: a text that contains ': ' without quotes, uneven
    indentation, a tab character used to indent a line (a tab inside or after a value is
    white space, as YAML says), a '[' or '{' that is not closed, or an escape in double
    quotes such as "\\ud800" that names half of a surrogate pair, which is not a character.
    """,
    wrong="""
    provenance: Note: the thresholds are illustrative.
    """,
    fix="""
    Put a text that contains ': ' or starts with a special character in double quotes.
    Indent with spaces only, and indent keys at the same level by the same amount.
    """,
    right="""
    provenance: "Note: the thresholds are illustrative."
    """,
)

add_code(
    "SR011",
    "A key appears twice in the same mapping",
    """
    Each key may appear only once in a YAML mapping. Many YAML readers quietly keep the last
    one and drop the first; segrules stops instead, because the dropped part (a second input
    with the same id, a second `service_use`) would silently change the model. The message
    says where the key was first given.
    """,
    wrong="""
    segments:
      omatoimi:
        label: {fi: Omatoimiasiakkuus, sv: Självständig kund, en: Self-care client}
        service_use: occasional
        service_use: heavy
    """,
    fix="""
    Keep one of the two: decide which value is right and remove the other, or rename one if
    both are needed.
    """,
    right="""
    segments:
      omatoimi:
        label: {fi: Omatoimiasiakkuus, sv: Självständig kund, en: Self-care client}
        service_use: occasional
    """,
)

add_code(
    "SR012",
    "YAML anchors and aliases are not allowed",
    """
    YAML lets you name a part with `&name` and repeat it elsewhere with `*name`. A ruleset may
    not do this: every part must read on its own, so that a reviewer sees the whole label or
    pathway where it is used, and a change in one place cannot quietly change another.
    """,
    wrong="""
    pathways:
      omatoimi:
        contact: &phone {fi: Puhelin, sv: Telefon, en: Phone}
      yhteiso:
        contact: *phone
    """,
    fix="Write the repeated part out in full at each place.",
    right="""
    pathways:
      omatoimi:
        contact: {fi: Puhelin, sv: Telefon, en: Phone}
      yhteiso:
        contact: {fi: Puhelin, sv: Telefon, en: Phone}
    """,
)

add_code(
    "SR013",
    "A bare word that YAML reads as true or false",
    """
    Older YAML reads the bare words yes, no, on, off, y and n (in any case) as true or false.
    A label `fi: no` or an enum value `no:` would then not be the text "no" at all. segrules
    accepts only `true` and `false` as yes/no values and stops at the other words, so that a
    text is never silently turned into true or false.
    """,
    wrong="""
    optional: yes
    values:
      no: {fi: Ei, sv: Nej, en: No}
    """,
    fix="Write true or false for a yes/no setting. Put a text in double quotes.",
    right="""
    optional: true
    values:
      "no": {fi: Ei, sv: Nej, en: No}
    """,
)

add_code(
    "SR014",
    "YAML tags are not allowed",
    """
    A YAML tag (a word that starts with ! or !!, such as !!str or !!python/object) tells the
    YAML reader to build a special kind of value. A ruleset holds only text, numbers,
    true/false, lists and mappings, so tags are refused; some tags can even make careless
    YAML readers run programs.
    """,
    wrong="""
    version: !!str 1.0.0
    """,
    fix="Remove the tag. If the value is meant as text, put it in double quotes.",
    right="""
    version: "1.0.0"
    """,
)

add_code(
    "SR015",
    "A number that YAML versions read differently",
    """
    YAML 1.1 and YAML 1.2 disagree on some ways of writing a number: 010 is 8 in one and 10
    in the other, 0x18, 0b11000 and 2_4 are 24 in YAML 1.1, 0o30 and 1e3 are numbers only in
    YAML 1.2, and 1:20 is 80 (base 60) in YAML 1.1 but text in YAML 1.2. Another program
    reading the same file could see another model, so segrules refuses these forms.
    """,
    wrong="""
    reassess_after_months: 012
    """,
    fix="""
    Write the number in plain decimal digits, without leading zeros, underscores or colons.
    If you meant text, put it in double quotes.
    """,
    right="""
    reassess_after_months: 12
    """,
)

# =========================================================================== SR1xx: the format

add_code(
    "SR100",
    "A part of the ruleset has the wrong shape",
    """
    A part of the ruleset has the wrong YAML shape: a list where a mapping is expected, a
    single value where a list is expected, text where a whole number or true/false is
    expected, or the file is empty. The message names the part and the shape it must have.
    In the ruleset format, inputs, scales, groups, scores, segments and pathways are mappings
    keyed by id; rules, examples and appointments are lists; a rule or an expression is one
    line of text.
    """,
    wrong="""
    inputs:
      - c_manage
      - c_support
    """,
    fix="""
    Write the part in the shape the ruleset format describes (see ruleset-format.md). A
    mapping is written as `key: value` lines indented under its key; a list as lines that
    start with '- '.
    """,
    right="""
    inputs:
      c_manage:
        respondent: client
        type: scale
        scale: agree5
        text: {fi: Pärjään arjessa., sv: Jag klarar vardagen., en: I cope with everyday life.}
    """,
)

add_code(
    "SR101",
    "A required part is missing",
    """
    A key the format requires is missing (such as `version`, or the `text` of an input), or a
    section that must have entries is empty (no inputs, no segments, no rules, no
    appointments in a pathway). The position points at the mapping that lacks the key.
    """,
    wrong="""
    format: 1
    id: example.quadrant
    title: {fi: Esimerkkimalli, sv: Exempelmodell, en: Example model}
    """,
    fix="Add the missing key or the missing entries.",
    right="""
    format: 1
    id: example.quadrant
    version: 1.0.0
    title: {fi: Esimerkkimalli, sv: Exempelmodell, en: Example model}
    """,
)

add_code(
    "SR110",
    "Unknown key",
    """
    A key is not part of the ruleset format at this place. Unknown keys are errors so that a
    typo never silently drops a part of the model: a misspelt `asked_whn` would otherwise
    make a question always asked. The hint suggests the closest known key. The same code is
    used for a key that does not go with the input's type, such as `min` on a scale input.
    """,
    wrong="""
    hitpolicy: first
    """,
    fix="Correct the spelling, or remove the key. ruleset-format.md lists every key.",
    right="""
    hit_policy: first
    """,
)

add_code(
    "SR111",
    "An id is not valid",
    """
    Ids of scales, inputs, groups, scores, segments and enum values are lower-case ASCII: a
    letter, then letters, digits or _. The words of the rule language (and, or, not, when,
    otherwise, if, then, else, in, true, false) cannot be ids. The ruleset id is such words
    joined by dots, like `helsinki.suuntima`. Finnish names with ä, ö and å belong in labels
    and aliases, where people read them.
    """,
    wrong="""
    segments:
      yhteisö:
        label: {fi: Yhteisöasiakkuus, sv: Gemenskapskund, en: Community client}
        service_use: occasional
    """,
    fix="Use an ASCII id, and keep the Finnish name as a label or an alias.",
    right="""
    segments:
      yhteiso:
        label: {fi: Yhteisöasiakkuus, sv: Gemenskapskund, en: Community client}
        aliases: [yhteisö]
        service_use: occasional
    """,
)

add_code(
    "SR112",
    "A value is not one of the allowed ones",
    """
    The value must be one of a fixed set (hit_policy: unique or first; respondent: client,
    professional or record; type: scale, integer, boolean or enum; service_use: occasional
    or heavy; ...), lie within a range (reassess_after_months from 1 to 60), or follow a
    pattern (version as MAJOR.MINOR.PATCH; format 1). The message lists what is allowed.
    """,
    wrong="""
    respondent: nurse
    """,
    fix="Choose one of the values the message lists.",
    right="""
    respondent: professional
    """,
)

add_code(
    "SR113",
    "A name is used twice",
    """
    Inputs, groups and scores share one set of names, because a rule refers to each of them
    by its name alone: if a group and a score were both called `resources`, a rule could not
    say which one it means. A group that lists the same input twice is also refused, since
    the input would count twice in mean or sum.
    """,
    wrong="""
    groups:
      resources: [c_manage, c_support]
    scores:
      resources:
        label: {fi: Voimavarat, sv: Resurser, en: Resources}
        expr: mean(resources)
    """,
    fix="Rename one of the two.",
    right="""
    groups:
      client_resources: [c_manage, c_support]
    scores:
      resources:
        label: {fi: Voimavarat, sv: Resurser, en: Resources}
        expr: mean(client_resources)
    """,
)

add_code(
    "SR120",
    "An input uses an unknown scale",
    """
    An input of type scale names a scale that is not declared under `scales:`.
    """,
    wrong="""
    scales:
      agree5:
        values: ...
    inputs:
      c_manage:
        type: scale
        scale: agree
    """,
    fix="Use the id of a scale declared under scales (the hint suggests the closest one), or declare the scale.",
    right="""
    inputs:
      c_manage:
        type: scale
        scale: agree5
    """,
)

add_code(
    "SR121",
    "The values of a scale, range, choice list or group are not valid",
    """
    A scale's values must be whole numbers in increasing order. An integer input needs
    min no larger than max, and its range may hold at most 10,000 values. An enum input and
    a scale need at least one value, and a group must list at least one input.
    """,
    wrong="""
    visits_last_year:
      respondent: record
      type: integer
      min: 0
      max: 100000
      text: {fi: Käynnit viimeisen vuoden aikana, sv: Besök under det senaste året, en: Visits in the last year}
    """,
    fix="""
    Correct the order or the ends. A very wide range is better cut to what the rules need,
    or grouped into classes (an enum): the verifier checks every possible answer, and the
    rules only need to know which class a value falls in.
    """,
    right="""
    visits_last_year:
      respondent: record
      type: integer
      min: 0
      max: 50
      text: {fi: Käynnit viimeisen vuoden aikana, sv: Besök under det senaste året, en: Visits in the last year}
    """,
)

add_code(
    "SR130",
    "A label has no Finnish text, or a text is empty",
    """
    Every text a person reads (the title, labels, question texts, pathway texts) is given per
    language. The Finnish text (fi) is required, and no text may be empty.
    """,
    wrong="""
    title: {sv: Exempelmodell, en: Example model}
    """,
    fix="Add the Finnish text.",
    right="""
    title: {fi: Esimerkkimalli, sv: Exempelmodell, en: Example model}
    """,
)

add_code(
    "SR131",
    "A label has no Swedish or English text (warning)",
    """
    This is a warning: the ruleset still loads and works. Labels are expected in Finnish,
    Swedish and English (fi, sv, en): Finland is bilingual, and English serves staff and
    clients who read neither. Where a translation is missing, the Finnish text is shown.
    """,
    wrong="""
    label: {fi: Omatoimiasiakkuus}
    """,
    fix="Add the missing translations.",
    right="""
    label: {fi: Omatoimiasiakkuus, sv: Självständig kund, en: Self-care client}
    """,
)

add_code(
    "SR132",
    "A label is given in an unknown language",
    """
    Labels may be given in fi, sv and en only. Any other key in a label is most likely a typo
    of one of them. In a one-line label, {fi: ..., sv: ...}, a comma ends the text: the words
    after a comma in an unquoted label are read as another key, and the message says so. Put
    such a label in quotes: {fi: "Muistan asiat, joista on sovittu.", sv: ...}.
    """,
    wrong="""
    label: {fi: Omatoimiasiakkuus, sw: Självständig kund, en: Self-care client}
    """,
    fix="Use fi for Finnish, sv for Swedish and en for English.",
    right="""
    label: {fi: Omatoimiasiakkuus, sv: Självständig kund, en: Self-care client}
    """,
)

add_code(
    "SR140",
    "The ruleset is too large or nested too deeply",
    """
    segrules limits the size of a ruleset, so that every ruleset can be checked and verified
    in a reasonable time: at most 500 inputs, at most 200 values in one enum input, and YAML
    nested at most 40 levels deep. A real model stays far below these limits; hitting one
    usually means data was pasted into the model, or brackets do not match.
    """,
    wrong="""
    municipality:
      type: enum
      values:        # every municipality of Finland, 300 values
        akaa: ...
    """,
    fix="""
    Keep in the model only what the rules need: group the values into the classes the rules
    distinguish, and split a very large model into several rulesets.
    """,
    right="""
    municipality_type:
      type: enum
      values:
        urban: {fi: Kaupunki, sv: Stad, en: Urban}
        rural: {fi: Maaseutu, sv: Landsbygd, en: Rural}
    """,
)

# =========================================================================== SR2xx: the language

add_code(
    "SR200",
    "Syntax error in the rule language",
    """
    A rule, a score or an asked_when condition is not written in the rule language (see
    dsl.md). The position points at the place where the expression stopped making sense; the
    message and the hint name the likely mistake: '==' instead of '=', '=>' instead of '>=',
    a decimal comma, text in single quotes, two conditions without 'and' or 'or' between
    them, a missing ')' or a missing 'else'.
    """,
    wrong="""
    rules:
      - omatoimi when resources => 3 and complexity < 2,5
    """,
    fix="Write the expression as the message and the hint suggest.",
    right="""
    rules:
      - omatoimi when resources >= 3 and complexity < 2.5
    """,
)

add_code(
    "SR201",
    "An expression is too long or nested too deeply",
    """
    An expression may be at most 4,000 characters long and nested at most 64 levels deep.
    Parentheses, 'not', minus signs and an if inside an if each add a level, and so does
    each '+', '-', '*' or '/' in a long chain. An expression that large is too hard for a
    person to review.
    """,
    wrong="""
    rules:
      - verkosto when mean(c_manage, c_support, c_social) < 3 and (p_illness + p_risk + p_social) / 3 >= 3
    """,
    fix="""
    Split it into named scores, and use the scores in the rules. Add up many inputs with
    sum(...) or mean(...) over a group, not with a long chain of '+'.
    """,
    right="""
    scores:
      resources:
        label: {fi: Voimavarat, sv: Resurser, en: Resources}
        expr: mean(c_manage, c_support, c_social)
      complexity:
        label: {fi: Tilanteen haasteellisuus, sv: Situationens komplexitet, en: Complexity}
        expr: (p_illness + p_risk + p_social) / 3
    rules:
      - verkosto when resources < 3 and complexity >= 3
    """,
)

add_code(
    "SR210",
    "Unknown name",
    """
    An expression or a group uses a name that is not declared: no input, group or score has
    this id. An asked_when condition may use inputs only, and a group may list inputs only.
    Most often the name is misspelt; the hint suggests the closest declared name. Segments
    cannot be used in conditions.
    """,
    wrong="""
    rules:
      - omatoimi when resource >= 3 and complexity < 3
    """,
    fix="Correct the spelling, or declare the input or score.",
    right="""
    rules:
      - omatoimi when resources >= 3 and complexity < 3
    """,
)

add_code(
    "SR211",
    "A value has the wrong type",
    """
    Every value in the rule language has a type: a number (scale and integer inputs,
    arithmetic, aggregates), a yes/no value (boolean inputs, comparisons, and/or/not) or a
    choice (enum inputs). Here an operation got the wrong type: a rule whose condition is a
    number instead of yes/no, arithmetic on a choice, '<' between yes/no values, a choice
    compared with a number, or an if whose then and else parts give different types.
    """,
    wrong="""
    rules:
      - verkosto when resources
      - yhteistyo when battery = 2
    """,
    fix="""
    A condition compares values, such as resources < 3. A choice is compared with one of its
    codes, in double quotes.
    """,
    right="""
    rules:
      - verkosto when resources < 3
      - yhteistyo when battery = "risk"
    """,
)

add_code(
    "SR212",
    "Unknown function, or a function used wrongly",
    """
    The rule language has the functions mean, sum, min, max, count, count_true and answered.
    A name followed by '(' must be one of them. Each needs at least one input; answered(...)
    takes exactly one input; count(...) counts answered inputs, so it takes inputs and groups
    only.
    """,
    wrong="""
    expr: avg(client_resources)
    """,
    fix="Use one of the functions, as dsl.md describes them.",
    right="""
    expr: mean(client_resources)
    """,
)

add_code(
    "SR213",
    "Names depend on each other in a circle",
    """
    A score uses itself, directly or through other scores (a uses b and b uses a), so none of
    them can be computed first. The same holds for questions: an input cannot be asked
    depending on its own answer, or on an input whose asking depends on it.
    """,
    wrong="""
    scores:
      resources:
        label: {fi: Voimavarat, sv: Resurser, en: Resources}
        expr: mean(client_resources) - complexity / 5
      complexity:
        label: {fi: Tilanteen haasteellisuus, sv: Situationens komplexitet, en: Complexity}
        expr: mean(complexity_items) + resources / 5
    """,
    fix="Decide which one comes first and compute the other from it, or compute both from the inputs.",
    right="""
    scores:
      resources:
        label: {fi: Voimavarat, sv: Resurser, en: Resources}
        expr: mean(client_resources)
      complexity:
        label: {fi: Tilanteen haasteellisuus, sv: Situationens komplexitet, en: Complexity}
        expr: mean(complexity_items) + resources / 5
    """,
)

add_code(
    "SR214",
    "A choice the input does not have",
    """
    An enum input is compared with a text that is not one of its codes. Such a comparison
    would never hold (or, with !=, always hold), which is almost always a typo. The codes are
    the keys under the input's `values:`, not their labels.
    """,
    wrong="""
    asked_when: battery = "ilness"
    """,
    fix="Use one of the codes; the hint suggests the closest one.",
    right="""
    asked_when: battery = "illness"
    """,
)

add_code(
    "SR215",
    "A group or a score used where it cannot be",
    """
    A group is a list of inputs and has no single value, so it can only be used inside mean,
    sum, min, max, count or count_true. An asked_when condition decides which questions are
    asked while they are being answered, so it may use other inputs only, not scores or
    groups.
    """,
    wrong="""
    rules:
      - omatoimi when client_resources >= 3
    """,
    fix="Put the group inside an aggregate, or in asked_when use the inputs themselves.",
    right="""
    rules:
      - omatoimi when mean(client_resources) >= 3
    """,
)

add_code(
    "SR220",
    "A rule names an unknown segment",
    """
    The word before 'when' (or 'otherwise') must be the id of a segment declared under
    `segments:`. Aliases, such as pärjääjä, are other names for people to read; rules use
    the segment id.
    """,
    wrong="""
    rules:
      - pärjääjä when resources >= 3 and complexity < 3
    """,
    fix="Use the segment id (the hint suggests the closest one), or declare the segment.",
    right="""
    rules:
      - omatoimi when resources >= 3 and complexity < 3
    """,
)

add_code(
    "SR221",
    "A segment has no rule",
    """
    No rule names this segment, so no client can ever be placed in it. Often a rule names the
    segment with a typo (see SR220), or the segment was added and its rule forgotten.
    """,
    wrong="""
    segments:
      omatoimi: ...
      yhteiso: ...
    rules:
      - omatoimi when resources >= 3
    """,
    fix="Add a rule for the segment, or remove the segment.",
    right="""
    rules:
      - omatoimi when resources >= 3
      - yhteiso when resources < 3
    """,
)

add_code(
    "SR222",
    "A pathway is missing, or given for an unknown segment",
    """
    Every segment needs a pathway: how its clients are contacted, which appointments are
    offered, who coordinates, how self-care is supported and when the segment is
    re-assessed. Every pathway must belong to a declared segment, under the segment's id.
    """,
    wrong="""
    pathways:
      yhteisö:
        contact: {fi: ..., sv: ..., en: ...}
    """,
    fix="Key each pathway by the id of its segment, and give one for every segment.",
    right="""
    pathways:
      yhteiso:
        contact: {fi: ..., sv: ..., en: ...}
    """,
)

add_code(
    "SR223",
    "'otherwise' used wrongly",
    """
    A rule `<segment> otherwise` places every client that no earlier rule placed. It only
    makes sense when the rules are tried in order (hit_policy: first), and only as the last
    rule, since a rule after it could never be reached. Under hit_policy: unique (the
    default) every rule needs a condition, so that exactly one rule holds for every client.
    """,
    wrong="""
    hit_policy: unique
    rules:
      - verkosto when resources < 3 and complexity >= 3
      - omatoimi otherwise
    """,
    fix="Use hit_policy: first and keep 'otherwise' last, or give the rule a condition.",
    right="""
    hit_policy: first
    rules:
      - verkosto when resources < 3 and complexity >= 3
      - omatoimi otherwise
    """,
)

add_code(
    "SR224",
    "The axes and the segments' quadrants do not fit together",
    """
    When a ruleset names its axes (the client's resources and the complexity of the
    situation), both must be scores that give numbers, and every segment must take its own
    quadrant: resources high or low, complexity high or low. The quadrants place the segments
    on the four-field diagram and make crosswalks between regions' models possible.
    """,
    wrong="""
    axes: {resources: resources, complexity: complexity}
    segments:
      yhteistyo:
        quadrant: {resources: high, complexity: high}
      verkosto:
        quadrant: {resources: high, complexity: high}
    """,
    fix="Give each segment its own quadrant, and name number scores as the axes.",
    right="""
    segments:
      yhteistyo:
        quadrant: {resources: high, complexity: high}
      verkosto:
        quadrant: {resources: low, complexity: high}
    """,
)

add_code(
    "SR230",
    "An example expects an unknown segment",
    """
    The `expect` of an example must be the id of a segment of the ruleset.
    """,
    wrong="""
    examples:
      - name: copes well, simple situation
        answers: {battery: illness, c_manage: 5, c_support: 4, p_illness: 1, visits_last_year: 2}
        expect: pärjääjä
    """,
    fix="Use the segment id.",
    right="""
        expect: omatoimi
    """,
)

add_code(
    "SR231",
    "An example's answers are not valid",
    """
    The answers of an example are checked exactly like the answers given for a real
    assessment. The message names the example, the input and the problem, with the problem's
    own code (SR301 to SR306).
    """,
    wrong="""
    examples:
      - name: copes well, simple situation
        answers: {battery: illness, c_manage: 6, p_illness: 1, visits_last_year: 2}
        expect: omatoimi
    """,
    fix="Correct the answers; `segrules explain` on the problem's own code tells more.",
    right="""
        answers: {battery: illness, c_manage: 5, p_illness: 1, visits_last_year: 2}
    """,
)

# =========================================================================== SR3xx: answers

add_code(
    "SR300",
    "The answers are not valid",
    """
    The answers given for one assessment do not fit the ruleset. SR300 stands for the whole
    list of problems; each problem in it has its own code (SR301 to SR306) and names the
    input it concerns. All problems are listed at once.
    """,
    wrong="""
    {"batery": "risk", "c_manage": 7}
    """,
    fix="Correct each listed answer; the explanation of each problem's code tells how.",
    right="""
    {"battery": "risk", "c_manage": 5, "p_risk": 2, "visits_last_year": 3}
    """,
)

add_code(
    "SR301",
    "An answer to an input the ruleset does not have",
    """
    The answers name an input the ruleset does not have. Most often the id is misspelt, or the
    answers were made for another model or another version of it.
    """,
    wrong="""
    {"c_manag": 4}
    """,
    fix="Use the input ids of this ruleset (`segrules describe` lists them).",
    right="""
    {"c_manage": 4}
    """,
)

add_code(
    "SR302",
    "An answer outside the allowed values",
    """
    The answer is of the right kind (a whole number, a code) but is not one of the values the
    input accepts: it is outside the scale or the min..max range, or it is not one of the
    enum codes. Codes are compared exactly: "Risk" is not "risk".
    """,
    wrong="""
    {"c_manage": 6, "battery": "Risk"}
    """,
    fix="Give one of the values the message lists.",
    right="""
    {"c_manage": 5, "battery": "risk"}
    """,
)

add_code(
    "SR303",
    "An answer of the wrong kind",
    """
    The answer is of the wrong kind: a number given as text ("4"), a decimal number for a
    whole-number input, a word for a yes/no input. Scale and integer inputs take whole
    numbers, boolean inputs take true or false, enum inputs take the code as text.
    """,
    wrong="""
    {"c_manage": "4", "has_carer": "yes"}
    """,
    fix="Give the answer in the kind the message names.",
    right="""
    {"c_manage": 4, "has_carer": true}
    """,
)

add_code(
    "SR304",
    "A required answer is missing",
    """
    An input that is asked (its asked_when holds, or it has none) and is not optional has no
    answer. Leaving the answer out and giving null both count as unanswered.
    """,
    wrong="""
    {"battery": "risk", "c_manage": 4, "visits_last_year": 3}
    """,
    fix="""
    Give the answer. If the question may really be left unanswered, the model owner can mark
    the input `optional: true`.
    """,
    right="""
    {"battery": "risk", "c_manage": 4, "p_risk": 2, "visits_last_year": 3}
    """,
)

add_code(
    "SR305",
    "An answer to a question that is not asked",
    """
    The input's asked_when condition is false for these answers, so the question is not
    asked and must not be answered. For example, p_risk is asked only when
    battery = "risk"; with another battery an answer to it is refused, so that an answer
    left over from another situation never affects the segment.
    """,
    wrong="""
    {"battery": "illness", "c_manage": 4, "p_illness": 3, "p_risk": 4, "visits_last_year": 3}
    """,
    fix="Leave out the answers to the questions that are not asked.",
    right="""
    {"battery": "illness", "c_manage": 4, "p_illness": 3, "visits_last_year": 3}
    """,
)

add_code(
    "SR306",
    "The answers are not a mapping",
    """
    The answers for one assessment must be a mapping (a JSON object) from input id to answer.
    """,
    wrong="""
    [4, 2, "risk"]
    """,
    fix="Name each answer by its input id.",
    right="""
    {"c_manage": 4, "p_risk": 2, "battery": "risk"}
    """,
)

add_code(
    "SR307",
    "The answers are larger than 1 MiB",
    """
    The answers of one assessment are read from a file or from standard input up to 1 MiB
    (1,048,576 bytes); real answers take a few hundred bytes. More than that is not one
    answer set: a wrong file, a device such as /dev/zero, or a pipe that does not end.
    Reading stops at the limit, so such a source cannot fill the memory.
    """,
    wrong="""
    segrules decide model.yaml --answers /dev/zero
    """,
    fix="Give the file that holds one JSON object of answers.",
    right="""
    segrules decide model.yaml --answers answers.json
    """,
)

add_code(
    "SR308",
    "The answers JSON is nested too deeply",
    """
    An answer is a number, a text, true or false. The answers (a file, or the body of a
    service request) nest lists or objects more than 100 levels deep; that cannot be an
    answer, and reading it could exhaust the stack. (A whole number is read exactly however
    many digits it has: 10^5000 is refused by the input's range, SR302, as everywhere.)
    """,
    wrong="""
    {"c_manage": [[[[[[[[[[ ... ]]]]]]]]]]}
    """,
    fix="Give each input one plain value.",
    right="""
    {"c_manage": 4}
    """,
)

# =========================================================================== SR4xx: evaluation

add_code(
    "SR400",
    "Valid answers could not be evaluated",
    """
    The answers are valid, but they ran into a hole in the ruleset itself: no rule holds
    (SR401), rules of several segments hold (SR402), a division by zero (SR403), an
    aggregate with nothing to work on (SR404), or an unanswered input used directly (SR405).
    Only a ruleset that has not passed `segrules verify` can do this: the verifier goes
    through every possible answer set and lists each such case in advance.
    """,
    fix="Run `segrules verify` on the ruleset and correct what it reports.",
)

add_code(
    "SR401",
    "No rule holds for these answers",
    """
    The rules leave a gap: for these answers no rule's condition holds, so no segment can be
    given. Typically two thresholds do not meet: one rule takes resources > 3, the other
    resources < 3, and nothing takes exactly 3.
    """,
    wrong="""
    rules:
      - omatoimi when resources > 3
      - yhteiso when resources < 3
    """,
    fix="""
    Make the conditions cover every case, for example by using >= in one rule and < in the
    other. `segrules verify` lists every gap.
    """,
    right="""
    rules:
      - omatoimi when resources >= 3
      - yhteiso when resources < 3
    """,
)

add_code(
    "SR402",
    "Rules of several segments hold for these answers",
    """
    Under hit_policy: unique the rules of exactly one segment may hold for any answers. Here
    rules of two or more segments hold at once: the rules overlap, and segrules will not
    guess which one is meant.
    """,
    wrong="""
    rules:
      - omatoimi when resources >= 3
      - yhteiso when resources <= 3
    """,
    fix="""
    Make the conditions exclude each other. If the rules are meant to be tried in order, use
    hit_policy: first. `segrules verify` lists every overlap.
    """,
    right="""
    rules:
      - omatoimi when resources >= 3
      - yhteiso when resources < 3
    """,
)

add_code(
    "SR403",
    "Division by zero",
    """
    An expression divides by a value that is zero for these answers, for example by the
    count of answered inputs when none is answered.
    """,
    wrong="""
    expr: sum(client_resources) / count(client_resources)
    """,
    fix="Use mean, or test the divisor first with if-then-else.",
    right="""
    expr: if count(client_resources) > 0 then sum(client_resources) / count(client_resources) else 0
    """,
)

add_code(
    "SR404",
    "An aggregate has no answered inputs",
    """
    mean, min and max need at least one answered input: the mean of nothing has no value.
    (sum, count and count_true of nothing are 0.) This happens when every input an aggregate
    reads is optional or asked only sometimes, and none of them was answered.
    """,
    wrong="""
    expr: mean(p_illness, p_risk)    # but with battery = "social" neither is asked
    """,
    fix="""
    Make sure at least one of the inputs is always answered, or test first:
    if count(...) > 0 then mean(...) else a default.
    """,
    right="""
    expr: if count(p_illness, p_risk) > 0 then mean(p_illness, p_risk) else 0
    """,
)

add_code(
    "SR405",
    "An unanswered input is used directly",
    """
    An optional input, or one that is asked only sometimes, has no answer, and an expression
    uses it directly (not inside an aggregate, which would skip it). (When the answer the
    expression reads was given but is invalid, that answer's own problem is reported instead,
    and the questions that depend on it are checked against every answer it could have had.) Test answered(x) first:
    'and' and 'or' are evaluated from left to right and stop as soon as the result is known,
    and if-then-else evaluates only the part it chooses.
    """,
    wrong="""
    rules:
      - yhteiso when c_support <= 2
    """,
    fix="Test whether the input is answered before using it, or use it inside an aggregate.",
    right="""
    rules:
      - yhteiso when answered(c_support) and c_support <= 2
    """,
)

# =========================================================================== SR5xx: usage

add_code(
    "SR500",
    "The library or the command line was used wrongly",
    """
    The general code of usage errors: a call to segrules or a command that does not fit what
    it expects. The more specific codes SR501 to SR514 name the usual causes.
    """,
    fix="Read the message; `segrules COMMAND --help` shows what a command expects.",
)

add_code(
    "SR501",
    "Not a segment of this ruleset",
    """
    A segment given to override a decision (or to look up a segment) is not a segment of the
    ruleset, or it names several. A segment may be given by its id, one of its aliases or its
    label in any language, in any case; accents may be left out. The message lists the
    segments.
    """,
    wrong="""
    segrules decide model.yaml --answers a.json --override parjaaja_x --reason "..."
    """,
    fix="Give the segment id, an alias or a label of one segment.",
    right="""
    segrules decide model.yaml --answers a.json --override pärjääjä --reason "..."
    """,
)

add_code(
    "SR502",
    "An override needs both a segment and a reason",
    """
    A person may choose another segment than the rules suggest. The decision then records
    both the suggestion and the choice, and a reason is required, so that the choice can be
    followed up later. A reason without a segment is refused too.
    """,
    wrong="""
    segrules decide model.yaml --answers a.json --override yhteistyo
    """,
    fix="Give the reason for the choice.",
    right="""
    segrules decide model.yaml --answers a.json --override yhteistyo --reason "client asked for a named coordinator"
    """,
)

add_code(
    "SR515",
    "No shipped model has that id",
    """
    segrules ships the regional models of its rulesets folder inside the package, so that they
    can be listed and loaded by id without a checkout. The id given is not one of them; the
    message lists the ids there are. To load a ruleset file of your own, give its path.
    """,
    wrong="""
    segrules.rulesets.load("helsinki.suuntma")
    """,
    fix="Use one of the listed ids (`segrules.rulesets.ids()`).",
    right="""
    segrules.rulesets.load("helsinki.suuntima")
    """,
)

add_code(
    "SR510",
    "The answers file cannot be read",
    """
    The file given with --answers does not exist, cannot be opened, or is not UTF-8 text.
    """,
    wrong="""
    segrules decide model.yaml --answers answrs.json
    """,
    fix="Check the file name, and save the file as UTF-8 text.",
    right="""
    segrules decide model.yaml --answers answers.json
    """,
)

add_code(
    "SR511",
    "The answers are not valid JSON",
    """
    The answers must be one JSON object. The file is not valid JSON (the position shows
    where reading stopped), it gives the same input twice, or a text in it escapes half of a
    surrogate pair alone (`\\ud800` without the `\\udc00` that makes it one character).
    """,
    wrong="""
    {'c_manage': 4, 'battery': 'risk',}
    """,
    fix="Use double quotes, no comma after the last answer, and each input once.",
    right="""
    {"c_manage": 4, "battery": "risk"}
    """,
)

add_code(
    "SR512",
    "The assessment time is not a valid date and time",
    """
    The time given with --at must be an ISO 8601 date and time with its UTC offset, such as
    2024-03-01T09:30:00+02:00 or 2024-03-01T07:30:00Z. A time without an offset is SR550.
    """,
    wrong="""
    segrules decide model.yaml --answers a.json --at 1.3.2024
    """,
    fix="Write the date as year-month-day, then T and the time.",
    right="""
    segrules decide model.yaml --answers a.json --at 2024-03-01T09:30:00+02:00
    """,
)

add_code(
    "SR513",
    "No valid answer set could be drawn",
    """
    `segrules sample` draws random valid answer sets. For this ruleset it found none: its
    asked_when conditions cannot be evaluated (they use unanswered inputs directly), so no
    answer set passes validation.
    """,
    fix="Run `segrules verify` to see which condition fails, and correct it (see SR405).",
)

add_code(
    "SR514",
    "Unknown error code",
    """
    `segrules explain` was given a code that does not exist, or the explanations are not
    available. Codes are SR followed by three digits.
    """,
    wrong="""
    segrules explain SR2110
    """,
    fix="`segrules explain --list` lists every code.",
    right="""
    segrules explain SR211
    """,
)

add_code(
    "SR520",
    "The output file is one of the inputs, or holds a model",
    """
    A command was told to write its output (an HTML report, a diagram) to a file that is one
    of its own inputs, under this or another name, or to a file that holds a ruleset or a
    crosswalk. Writing would destroy the model, so segrules stops and writes nothing. This
    happens most often when an option's value is left out, as in `--report model.yaml`.
    `segrules batch` likewise refuses an output or rejects file or table that is its input,
    or that is the other output. `segrules serve --decision-log` refuses a ruleset it serves
    and any existing file that holds something other than a decision log (appending JSON
    lines to it would spoil it); an empty file or an earlier decision log is appended to.
    """,
    wrong="""
    segrules verify --report model.yaml other.yaml
    """,
    fix="""
    Give the output its own file name. If you really mean to replace a model file that is
    not an input, add --force.
    """,
    right="""
    segrules verify model.yaml other.yaml --report report.html
    """,
)

add_code(
    "SR521",
    "The output file cannot be written",
    """
    segrules could not write the output file: its folder does not exist, the file system is
    read-only, you have no permission to write there, or the disk is full. The message names
    the file and the reason. Nothing is half-written: a file that existed is left as it was.
    """,
    wrong="""
    segrules diagram model.yaml -o missing-folder/model.svg
    """,
    fix="Create the folder, choose a place you may write to, or free disk space.",
    right="""
    segrules diagram model.yaml -o model.svg
    """,
)

add_code(
    "SR522",
    "The output is a folder, a device or a pipe nothing reads",
    """
    The output path names something that is not a file: a folder, a device, a socket, or a
    named pipe that no program is reading. segrules writes to a regular file (replacing it
    whole), through a symbolic link to one, or straight into a pipe or a terminal such as
    /dev/stdout, and never replaces anything else. `segrules batch` writes its outputs (and
    rejects) as whole files renamed into place, so it refuses a pipe, a terminal and
    /dev/stdout too.
    """,
    wrong="""
    segrules diagram model.yaml -o reports/
    """,
    fix="Give a file name.",
    right="""
    segrules diagram model.yaml -o reports/model.svg
    """,
)

add_code(
    "SR523",
    "The output is a symbolic link to a missing file",
    """
    The output path is a symbolic link whose target does not exist. segrules writes through
    a link to the file it names (the link stays a link), but does not guess where a dangling
    link should lead.
    """,
    wrong="""
    ln -s /old/place/report.html report.html
    segrules verify model.yaml --report report.html
    """,
    fix="Point the link at an existing file, remove the link, or write to another name.",
)

add_code(
    "SR524",
    "The assessment time is out of range",
    """
    The assessment time is so far in the future that the re-assessment date after it (the
    pathway's reassess_after_months) falls past the year 9999, which no date can hold.
    """,
    wrong="""
    segrules decide model.yaml --answers a.json --at 9999-12-31
    """,
    fix="Give the real time of the assessment.",
    right="""
    segrules decide model.yaml --answers a.json --at 2024-03-01T09:30:00+02:00
    """,
)

add_code(
    "SR525",
    "The quadrant is too large to draw",
    """
    `segrules diagram` draws a quadrant from every score point its axes can reach. The two
    axis scores of this ruleset read more inputs than a diagram is drawn for (64; the
    shipped models read at most 33), and working out their plane could take very long, so
    the diagram stops at once instead.
    """,
    fix="""
    Draw the quadrant of a smaller model, or combine inputs into fewer scores the axes read.
    `segrules verify` still checks the model itself.
    """,
)

add_code(
    "SR550",
    "The assessment time has no UTC offset",
    """
    A decision records when the assessment was made, and the re-assessment date follows from
    it. A date and time without a UTC offset could be local time anywhere, so segrules does
    not guess: the library (assessed_at=...) and the command line (--at) both refuse it. The
    time must also be a datetime (not a date or a text) and before the year 9995, so that the
    re-assessment date exists.
    """,
    wrong="""
    ruleset.decide(answers, assessed_at=datetime(2024, 3, 1, 9, 30))
    segrules decide model.yaml --answers a.json --at 2024-03-01T09:30
    """,
    fix="Give the offset: UTC, or the local offset of the place of the assessment.",
    right="""
    ruleset.decide(answers, assessed_at=datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc))
    segrules decide model.yaml --answers a.json --at 2024-03-01T09:30+02:00
    """,
)

add_code(
    "SR551",
    "An override to the segment the rules suggest",
    """
    An override records that a person chose another segment than the rules suggest. Choosing
    the suggested segment itself is not an override, and a record of one would say that the
    segment was both suggested and overridden.
    """,
    wrong="""
    segrules decide model.yaml --answers a.json --override yhteistyo --reason "confirmed"
    (when the rules suggest yhteistyo)
    """,
    fix="To confirm the suggestion, keep the decision as it is; to override, choose another segment.",
    right="""
    segrules decide model.yaml --answers a.json
    """,
)

add_code(
    "SR553",
    "Not a valid decision record",
    """
    A decision record (the JSON that Decision.to_json() and `segrules decide --json` write) is
    incomplete or does not fit the ruleset: a key is missing or of the wrong kind, a segment
    or rule it names does not exist, its scores are not this ruleset's scores. Every problem
    is listed. Records written before decision records held the answers cannot be replayed.
    """,
    wrong="""
    {"schema": "segrules.decision/1", "segment": {"id": "omatoimi"}}
    """,
    fix="Give the record as segrules wrote it, unchanged.",
    right="""
    segrules decide model.yaml --answers a.json --json > record.json
    segrules replay record.json model.yaml
    """,
)

add_code(
    "SR554",
    "The record was made by another ruleset",
    """
    Decision.from_json(record, ruleset) reads a record back with the ruleset that made it:
    the same id, version and content hash. This record names another one. To see what the
    given ruleset decides for the record's answers, and how that differs, replay the record.
    """,
    wrong="""
    Decision.from_json(record_from_version_1_0_0, ruleset_1_1_0)
    """,
    fix="Load the ruleset version the record names, or use segrules.replay(record, ruleset).",
    right="""
    segrules replay record.json model-1.0.0.yaml
    """,
)

add_code(
    "SR555",
    "A ruleset cannot be pickled or unpickled",
    """
    A ruleset pickles as its source text and its content hash and is loaded again when
    unpickled. Unpickling failed because the text loads here with another content hash (the
    two processes run different versions of segrules), or the ruleset was not loaded from a
    text and cannot be pickled at all.
    """,
    wrong="""
    pickle.loads(data_from_another_segrules_version)
    """,
    fix="Run the same segrules version in every process; load rulesets with segrules.load().",
    right="""
    pool = ProcessPoolExecutor(initializer=init_worker, initargs=(segrules.load("model.yaml"),))
    """,
)

add_code(
    "SR556",
    "An unpickled decision cannot be overridden",
    """
    A decision pickles as plain data, without its ruleset, so a decision that was sent to
    another process cannot choose another segment by itself: the segments and pathways live
    in the ruleset.
    """,
    wrong="""
    decision = pickle.loads(data); decision.override("verkosto", "reason")
    """,
    fix="Decide again with the ruleset, giving the override, or read the record back with it.",
    right="""
    ruleset.decide(decision.answers, assessed_at=decision.assessed_at, override="verkosto", reason="...")
    """,
)

add_code(
    "SR557",
    "The decision record file cannot be read",
    """
    `segrules replay` reads one decision record: the JSON that Decision.to_json() or
    `segrules decide --json` wrote. The file does not exist, cannot be read, is not UTF-8, is
    not valid JSON or is larger than a record can be.
    """,
    wrong="""
    segrules replay recrod.json model.yaml
    """,
    fix="Check the file name and give the record as segrules wrote it.",
    right="""
    segrules replay record.json model.yaml
    """,
)

# =========================================================================== SR6xx: the verifier
#
# RESERVED: SR600 to SR699 belong to the verifier (``segrules verify``). Its codes are
# defined here, and only here, with add_code(...) as above. The entries below were drafted
# from the verifier's current use of the codes; the verifier's owner adjusts and extends
# them. The tests require every code used in the source to be defined in this file, and
# docs/gen_codes.py must be re-run after a change.

add_code(
    "SR601",
    "The verifier found a gap: answers for which no rule holds",
    """
    `segrules verify` went through every possible answer set and found answers for which no
    rule holds (see SR401). It shows one such answer set as a witness, and how many answer
    sets fall into the gap.
    """,
    wrong="""
    rules:
      - omatoimi when resources > 3
      - yhteiso when resources < 3
    """,
    fix="Make the conditions cover every case; the witness shows which case is missing.",
    right="""
    rules:
      - omatoimi when resources >= 3
      - yhteiso when resources < 3
    """,
)

add_code(
    "SR602",
    "The verifier found an overlap: rules of several segments hold at once",
    """
    `segrules verify` found answers for which rules of two or more segments hold under
    hit_policy: unique (see SR402). It shows the rules that hold and one answer set as a
    witness.
    """,
    wrong="""
    rules:
      - omatoimi when resources >= 3
      - yhteiso when resources <= 3
    """,
    fix="Make the conditions exclude each other, or use hit_policy: first if order is meant.",
    right="""
    rules:
      - omatoimi when resources >= 3
      - yhteiso when resources < 3
    """,
)

add_code(
    "SR603",
    "The verifier found a rule that never fires: an earlier rule always takes over",
    """
    Under hit_policy: first the rules are tried in order. This rule holds for some answers,
    but whenever it holds an earlier rule holds too, so it never decides anything. Usually
    the rules are in the wrong order, or the earlier rule is broader than meant.
    """,
    wrong="""
    hit_policy: first
    rules:
      - yhteistyo when complexity >= 3
      - verkosto when resources < 3 and complexity >= 3
    """,
    fix="Put the narrower rule first, or narrow the earlier rule.",
    right="""
    hit_policy: first
    rules:
      - verkosto when resources < 3 and complexity >= 3
      - yhteistyo when complexity >= 3
    """,
)

add_code(
    "SR604",
    "The verifier found a segment that no answers lead to",
    """
    No possible answer set places a client in this segment: its rules never hold, or (under
    hit_policy: first) earlier rules always take over. The segment exists on paper only.
    """,
    wrong="""
    rules:
      - verkosto when resources < 1    # the scale starts at 1: never true
    """,
    fix="Correct the thresholds of the segment's rules, or remove the segment.",
    right="""
    rules:
      - verkosto when resources < 3 and complexity >= 3
    """,
)

add_code(
    "SR605",
    "The verifier found a rule that never holds",
    """
    No possible answer set makes this rule's condition true, so the rule can be removed
    without changing any decision. Often a threshold lies outside the range of the score, or
    two parts of the condition contradict each other.
    """,
    wrong="""
    rules:
      - yhteiso when resources < 3 and resources > 4
    """,
    fix="Correct the condition, or remove the rule.",
    right="""
    rules:
      - yhteiso when resources < 3
    """,
)

add_code(
    "SR606",
    "The verifier found an input that never changes the segment",
    """
    Whatever the answer to this input, the segment stays the same: no change of its answer
    alone changes the result. The question costs the client and the professional time for
    nothing, or a score or rule that should use it does not.
    """,
    fix="Use the input where the model description says it matters, or remove the question.",
)

add_code(
    "SR607",
    "The verifier found an incomplete pathway or segment label",
    """
    A segment has no pathway, or a segment or its pathway lacks a Finnish text that staff
    need in order to act on the decision (the contact, coordination or self-care text).
    """,
    fix="Write the missing texts; see the pathway keys in ruleset-format.md.",
)

add_code(
    "SR608",
    "The verifier found an example that fails",
    """
    One of the model owner's own examples does not give the segment it expects, or its
    answers cannot be decided at all (the message names the problem and its code). Either
    the rules or the example is wrong.
    """,
    wrong="""
    examples:
      - name: copes well, simple situation
        answers: {battery: illness, c_manage: 2, p_illness: 1, visits_last_year: 2}
        expect: omatoimi
    """,
    fix="""
    Check against the model description which one is right: correct the rules, or the
    example's answers or expected segment. `segrules test` runs the examples on their own.
    """,
    right="""
        answers: {battery: illness, c_manage: 5, p_illness: 1, visits_last_year: 2}
    """,
)

add_code(
    "SR610",
    "The verifier could not decide whether an input can change the segment",
    """
    `segrules verify` proves for each input that some change of its answer alone changes the
    segment (or reports it unused, SR606). For this input the exact method reached the limits
    of what it covers (the message says which), so the input is neither proven used nor
    proven unused. The check `inputs_used` is then not proven, unless another input is proven
    unused, which fails it anyway.
    """,
    fix="""
    Nothing is known to be wrong. If the answer space is small enough, `segrules verify
    --method enumeration` decides it; otherwise simplify how the input is used, e.g. give each
    question battery its own score instead of one mean over several batteries.
    """,
)

add_code(
    "SR690",
    "The verifier's own cross-checks disagree (an internal error)",
    """
    The verifier re-checks each of its findings with the reference evaluator. Here the two
    disagree. This is a bug in segrules, not a problem of the ruleset, and the verification
    result cannot be trusted.
    """,
    fix="Report it to the maintainers of segrules, with the ruleset and the message.",
)

add_code(
    "SR691",
    "An inexact number reached an evaluator (an internal error)",
    """
    Every number segrules computes with is exact: a whole number or a fraction, so that
    `10 / 3` is exactly ten thirds and `0.1` is exactly one tenth. Here a binary floating-point
    number, which can only approximate such values, reached the evaluator. This is a bug in
    segrules, not a problem of the ruleset or the answers; no result is given rather than a
    rounded one.
    """,
    fix="Report it to the maintainers of segrules, with the ruleset, the answers and the message.",
)

# SR640 to SR659: comparing two versions of a ruleset (segrules/verify/diff.py) and the
# auditor's report.

add_code(
    "SR640",
    "An input is of a different kind in the two versions compared",
    """
    `segrules diff` compares two versions over one answer space: an input with the same id is
    the same answer in both. Here one version asks a number and the other a choice or a yes/no
    under the same id, so no answer can be given to both, and the versions cannot be compared.
    """,
    wrong="""
    # old.yaml: an input `age` with a number range; new.yaml: `age` with choices
    segrules diff old.yaml new.yaml
    """,
    fix="Give the changed input a new id in the new version (e.g. `age_group`); the diff then "
    "shows the answer sets valid for only one version as <invalid>.",
)

add_code(
    "SR641",
    "The methods comparing two versions contradict each other",
    """
    A cell of the transition matrix is decided by the SMT solver and, on a small answer space,
    by evaluating every answer set, and every witness is re-run through both versions. Here
    they disagree, which is a bug in segrules; nothing is claimed about the two versions.
    """,
    fix="Report it to the maintainers of segrules, with both rulesets and the message.",
)

# SR620 to SR639 and SR692 to SR699: the SMT prover (segrules/verify/smt.py, prover.py).

add_code(
    "SR620",
    "The SMT prover is not installed, so checks cannot be proven",
    """
    A check is proven only by the SMT prover (the solver z3) or by evaluating every answer
    set. z3 is an optional part of segrules and is not installed here, and the answer space is
    too large to evaluate every answer set, so the checks that need a proof are undecided.
    Failures shown with a witness answer set are still real.
    """,
    wrong="""
    segrules verify model.yaml    # in an environment without z3
    """,
    fix="Install the verification extra, e.g. `pip install 'segrules[verify]'` (`make test` and "
    "`make demo` install it), and verify again.",
    right="""
    pip install 'segrules[verify]'
    segrules verify model.yaml
    """,
)

add_code(
    "SR621",
    "The SMT solver could not decide a check within the budget",
    """
    The solver answered neither "there is such an answer set" nor "there is none": it used up
    its budget of z3 resource units (rlimit; the summary names the budget, the whole prover's
    or one query's) or met arithmetic it cannot decide (a product or quotient of two scores
    that both vary over wide ranges). The check is reported as undecided, never as proven. The
    budget is counted in work, not time, so the same happens on every machine.
    """,
    wrong="""
    segrules verify model.yaml --solver-budget 1000
    """,
    fix="Give a larger budget with `--solver-budget UNITS`; if that does not help, simplify the arithmetic "
    "(compare `a >= k * b` instead of `a / b >= k`) or use `--method enumeration` on a small model.",
)

add_code(
    "SR692",
    "The structural method and the SMT prover disagree (an internal error)",
    """
    Both methods decided the same check and came to different answers. At least one of them
    has a bug; the check is reported as undecided and the ruleset is not proven. This is a
    problem in segrules, not in the ruleset.
    """,
    fix="Report it to the maintainers of segrules, with the ruleset and the message; "
    "`--method enumeration` decides a small model independently.",
)

add_code(
    "SR693",
    "A witness found by the SMT solver does not reproduce (an internal error)",
    """
    Every answer set the solver finds is re-run through the reference evaluator before it is
    shown. This one did not show the problem it was found for, so the encoding and the
    evaluator disagree. The check is reported as undecided, never as a verdict.
    """,
    fix="Report it to the maintainers of segrules, with the ruleset and the message.",
)


# =========================================================================== SR7xx: crosswalks and diagrams
#
# SR700 to SR709: the crosswalk between regional models (segrules/crosswalk.py) and the
# quadrant diagram (segrules/diagram.py). SR700 to SR707 are problems of a crosswalk file,
# reported with its file:line; SR708 and SR709 are lookups with an unknown name.

add_code(
    "SR700",
    "The crosswalk file is not in the crosswalk format",
    """
    A crosswalk file is a YAML mapping with `format: 1`, an optional `title`, the list
    `rulesets` and the list `positions`; each position has a `quadrant`, an optional `label`
    and `segments`. A key is unknown or missing, a part has the wrong shape, or a ruleset is
    listed twice. The format is described in docs/crosswalk.md.
    """,
    wrong="""
    format: 1
    rulesets: [helsinki.suuntima, vantaa_kerava.segmentation]
    positions:
      - quadrant: {resources: high, complexity: low}
        segment: {helsinki.suuntima: omatoimi, vantaa_kerava.segmentation: omatoimi}
    """,
    fix="Correct the key or the shape the message names; the hint suggests the right key.",
    right="""
        segments: {helsinki.suuntima: omatoimi, vantaa_kerava.segmentation: omatoimi}
    """,
)

add_code(
    "SR701",
    "A ruleset of the crosswalk cannot be found or does not load",
    """
    The crosswalk finds each ruleset it lists by its `id` among the YAML files of the
    crosswalk's folder and its sub-folders (or of the folder given with --rulesets-dir). No
    file declares this id, several files do, or the file does not load.
    """,
    wrong="""
    rulesets:
      - helsinki.suntima
    """,
    fix="""
    Correct the id (it is the `id` at the top of the ruleset file, not the file name), give
    the rulesets' folder with --rulesets-dir, or correct the ruleset (`segrules check FILE`).
    """,
    right="""
    rulesets:
      - helsinki.suuntima
    """,
)

add_code(
    "SR702",
    "The ruleset has no quadrant axes",
    """
    A crosswalk pairs segments by their place in the four fields, and a quadrant diagram
    draws the two axis scores; both need a ruleset with `axes` and a `quadrant` for each
    segment. A screening form that only tells occasional from heavy service users (such as
    vantaa_kerava.identification_guide) has no axes. `segrules diagram` also reports this code
    in the rare case that the ruleset has axes but the verifier could not work out the score
    plane within its limits (the message then says so).
    """,
    wrong="""
    segrules diagram rulesets/vantaa_kerava/identification_guide.yaml
    """,
    fix="""
    Give the ruleset `axes: {resources: <score>, complexity: <score>}` and each segment a
    `quadrant`, or leave it out: compare such a ruleset through the segments' `service_use`.
    """,
    right="""
    segrules diagram rulesets/vantaa_kerava/segmentation.yaml
    """,
)

add_code(
    "SR703",
    "A position's quadrant is not valid, or is given twice",
    """
    Each position names one of the four fields: `quadrant: {resources: high or low,
    complexity: high or low}`. Each of the four may be given once, with all the rulesets'
    segments of that field under it.
    """,
    wrong="""
      - quadrant: {resources: high, complexity: medium}
    """,
    fix="Write high or low for both axes, and list each quadrant once.",
    right="""
      - quadrant: {resources: high, complexity: low}
    """,
)

add_code(
    "SR704",
    "A position names a ruleset or a segment that does not exist",
    """
    Under a position's `segments`, each key must be one of the ids listed under `rulesets`,
    and each value a segment id of that ruleset. Aliases and labels (such as pärjääjä) are not
    accepted here: the file names segments by id, so that it reads the same in every language.
    """,
    wrong="""
        segments:
          helsinki.suuntima: pärjääjä
    """,
    fix="Write the segment id (`segrules describe RULESET` lists them).",
    right="""
        segments:
          helsinki.suuntima: omatoimi
    """,
)

add_code(
    "SR705",
    "A segment is placed in another quadrant than its ruleset gives it",
    """
    Each segment of a ruleset with axes has a `quadrant` in the ruleset itself. The crosswalk
    must put it under the position of that same quadrant; otherwise the crosswalk and the
    ruleset disagree about where the segment lies.
    """,
    wrong="""
      - quadrant: {resources: low, complexity: low}
        segments:
          vantaa_kerava.segmentation: huolenpito    # low resources, HIGH complexity
    """,
    fix="Move the segment to the position of its own quadrant, or correct the ruleset's quadrant.",
    right="""
      - quadrant: {resources: low, complexity: low}
        segments:
          vantaa_kerava.segmentation: tuki
    """,
)

add_code(
    "SR706",
    "The crosswalk is not total",
    """
    Every position must name a segment for every listed ruleset, and every segment of every
    listed ruleset must appear in some position. Otherwise a lookup could find no answer: a
    client of that segment could not be mapped to another region's model.
    """,
    wrong="""
      - quadrant: {resources: low, complexity: low}
        segments:
          helsinki.suuntima: yhteiso
          # keski_suomi.segmentation is missing
    """,
    fix="Add the missing segment under the position of its quadrant.",
    right="""
      - quadrant: {resources: low, complexity: low}
        segments:
          helsinki.suuntima: yhteiso
          keski_suomi.segmentation: yhteiso
    """,
)

add_code(
    "SR707",
    "The crosswalk is not one-to-one: a segment appears in two positions",
    """
    A segment belongs to exactly one of the four fields, so it may appear in one position
    only. The message gives the line of its first appearance.
    """,
    wrong="""
      - quadrant: {resources: low, complexity: low}
        segments: {helsinki.suuntima: yhteiso}
      - quadrant: {resources: low, complexity: high}
        segments: {helsinki.suuntima: yhteiso}
    """,
    fix="Keep the segment in the position of its quadrant and name the right segment in the other.",
    right="""
      - quadrant: {resources: low, complexity: high}
        segments: {helsinki.suuntima: verkosto}
    """,
)

add_code(
    "SR708",
    "Not a ruleset of the crosswalk",
    """
    A lookup named a ruleset the crosswalk does not list. A ruleset may be named by its id or
    by one of its aliases (helsinki.omasuuntima for helsinki.suuntima). The message lists the
    rulesets of the crosswalk.
    """,
    wrong="""
    segrules crosswalk --from helsinki --segment tuki --to keski_suomi.segmentation
    """,
    fix="Give the full ruleset id.",
    right="""
    segrules crosswalk --from helsinki.suuntima --segment tuki --to keski_suomi.segmentation
    """,
)

add_code(
    "SR709",
    "Not a segment of that ruleset",
    """
    A lookup named a segment the ruleset does not have. A segment may be named by its id, one
    of its aliases or one of its labels, in upper or lower case and with or without ä and ö
    (yhteisö, Yhteiso). The message lists the segments. A name that fits several segments
    must be given as the segment id.
    """,
    wrong="""
    segrules crosswalk --from vantaa_kerava.segmentation --segment verkosto --to helsinki.suuntima
    """,
    fix="Use a name of the ruleset's own segments (here Vantaa–Kerava calls that quadrant huolenpito).",
    right="""
    segrules crosswalk --from vantaa_kerava.segmentation --segment huolenpito --to helsinki.suuntima
    """,
)

# =========================================================================== SR80x: SQL and batch runs
#
# SR800 to SR810: compiling a ruleset to SQL (segrules/sql/compiler.py, render.py) and batch
# segmentation (segrules/sql/batch.py).

add_code(
    "SR800",
    "The ruleset cannot be computed exactly in SQL",
    """
    The SQL keeps every number as a pair of whole numbers (numerator and denominator) and
    never divides or rounds. Every value the pairs can take is bounded from the answer
    domains; here some intermediate value could need more than the 38 digits that an exact
    SQL integer type holds (or an answer domain allows numbers of more than 18 digits, or
    the conditions are nested so deeply that the query would be too long to run). The
    ruleset is refused rather than computed inexactly.
    """,
    wrong="""
    expr: (a / b) * (c / d) * (e / f) * (g / h) / (i / j)   # over wide integer ranges
    """,
    fix="Simplify the scores: fewer divisions and products of divisions, or smaller number ranges.",
)

add_code(
    "SR801",
    "Unknown SQL dialect or input shape",
    """
    `segrules sql` and `segrules batch` write SQL for duckdb, postgres, spark or trino, and
    read answers in the wide shape (a column per input) or the long shape (record, question,
    value rows).
    """,
    wrong="""
    segrules sql model.yaml --dialect mysql
    """,
    fix="Use one of the dialects and shapes listed in the message.",
    right="""
    segrules sql model.yaml --dialect postgres --shape long
    """,
)

add_code(
    "SR802",
    "A question is answered more than once for the same record",
    """
    In the long shape every answer is a row (record, question, value). Two rows give the same
    question for the same record, so it is not known which answer holds. The record is
    rejected with this code, naming the question; nothing else is decided for it.
    """,
    wrong="""
    record_id,question,value
    17,c_coping,3
    17,c_coping,4
    """,
    fix="Keep one row per record and question (e.g. the latest answer) before segmenting.",
)

add_code(
    "SR803",
    "The batch input cannot be read",
    """
    `segrules batch --input` takes a CSV, Parquet or JSON Lines file (by its extension), a
    DuckDB table (`file.duckdb#table`) or a PostgreSQL table (`postgresql://...#table`). The
    file is missing, its kind is not known, it lacks the record key column (`--key`, default
    record_id) or, in the long shape, the question and value columns, or the engine cannot
    read that kind of input (a PostgreSQL table is read with `--engine postgres`).
    A CSV file is read whole as UTF-8 text by RFC 4180 (docs/population.md): this code also
    means that it is not UTF-8, that a header column has no name, or that a row does not fit
    the header (another number of fields, an unclosed quote, a mix of line ends); a JSON
    Lines file, that a line is not one JSON object (DuckDB's reason, with the line at fault
    found again: DuckDB names the line after it). It also means that the file's name holds a
    byte that is not UTF-8, which the engines cannot open. The message names the line, never
    its content.
    """,
    wrong="""
    segrules batch model.yaml --input answers.xlsx --output result.parquet
    """,
    fix="""
    Export the answers as CSV (UTF-8; in a spreadsheet "CSV UTF-8") or Parquet, or name the
    key column with --key.
    """,
    right="""
    segrules batch model.yaml --input answers.csv --output result.parquet --key client_no
    """,
)

add_code(
    "SR804",
    "The batch output cannot be written",
    """
    The output (or rejects) location cannot be written: the folder is missing or not
    writable, the kind is not known from the extension, the name holds a byte that is not
    UTF-8 (the engines take UTF-8 names only), or the engine cannot write that kind. Outputs
    are written to a temporary file that replaces the old output only when it
    is complete, so a failed run leaves the old output as it was.
    """,
    wrong="""
    segrules batch model.yaml --input answers.csv --output /no/such/folder/result.parquet
    """,
    fix="Give a writable location ending in .csv, .parquet or .jsonl, or a table.",
)

add_code(
    "SR805",
    "The SQL extra is not installed",
    """
    SQL and batch runs need DuckDB, sqlglot and (for PostgreSQL) psycopg, which segrules
    installs only with its `sql` extra.
    """,
    fix="pip install 'segrules[sql]' (make demo and make test install it).",
)

add_code(
    "SR806",
    "The database reported an error",
    """
    The engine running the batch (DuckDB or PostgreSQL) refused the query or the connection:
    the server is not reachable, the table does not exist, a permission is missing. The
    message carries the database's own words. Nothing was written.
    """,
    fix="Check the connection URL, the table name and the rights of the database user.",
)

add_code(
    "SR807",
    "A column of the answers is named twice",
    """
    A CSV header names the same column twice (column names ignore case, as in the databases
    that read them), a JSON Lines line gives the same key twice, or two keys of a JSON Lines
    file differ only in case. It is not known which of the two holds the answer, so the run
    stops before anything is written; the message names the column. (`decide` refuses a JSON
    answer set that gives a key twice, and the long shape rejects a question answered twice
    for a record with SR802.)
    """,
    wrong="""
    record_id,c_coping,c_daily_life,c_coping
    17,3,4,2
    """,
    fix="Keep one column of each name (rename or delete the other) and run again.",
    right="""
    record_id,c_coping,c_daily_life
    17,3,4
    """,
)

add_code(
    "SR808",
    "A record key is given to more than one record",
    """
    In the wide shape each row is one record, told apart by its key (`--key`, default
    record_id). Here a key is given to more than one row, or a row has no key: their results
    could not be told apart, and a report would count the same client twice. The message
    names a key, how many rows have it and how many other keys repeat. In the long shape (a
    row per answer, grouped by key) the rows without a key are refused the same way: they
    would all be read as the answers of one record. Nothing is written.
    """,
    wrong="""
    record_id,c_coping
    17,3
    17,4
    """,
    fix="""
    Keep one row per record (the latest assessment of each client, say), give the empty
    keys their value, or name a column that is unique with --key.
    """,
    right="""
    record_id,c_coping
    17,4
    """,
)

add_code(
    "SR809",
    "A column of the answers has the name of a result column",
    """
    `segrules batch` carries every column of the answers that is not an input through to its
    result, beside the columns it writes itself: segment, rule, resources_num, resources_den,
    complexity_num, complexity_den, error_codes, error_inputs, ruleset_id, ruleset_version and
    ruleset_hash. A column of the answers with one of these names (in any case) would be lost
    or mistaken for the new result, so the run stops before anything is written.
    """,
    wrong="""
    record_id,segment,c_coping
    17,verkosto,3
    """,
    fix="""
    Rename the column in the extract (e.g. previous_segment), or leave it out of the extract.
    """,
    right="""
    record_id,previous_segment,c_coping
    17,verkosto,3
    """,
)

add_code(
    "SR810",
    "The PostgreSQL engine reads and writes PostgreSQL tables only",
    """
    `--engine postgres` runs the segmentation inside a PostgreSQL server, where the registry
    extract already is: its input, output and rejects are tables of one database
    (`postgresql://...#table`, the same connection for all three). It reads and writes no
    file: for a file, DuckDB (the default engine) gives the same results on this machine,
    faster than a round trip through a server, and without copying the answers into a
    database that was not named for them. The other engines, the other way round, read and
    write no PostgreSQL table. Nothing is written.
    """,
    wrong="""
    segrules batch model.yaml --engine postgres --input answers.parquet --output result.parquet
    """,
    fix="""
    Segment the file with DuckDB (leave out --engine postgres), or load it into a table first
    (psql's \\copy) and run --engine postgres table to table.
    """,
    right="""
    segrules batch model.yaml --input answers.parquet --output result.parquet
    psql "$DB" -c "\\copy answers FROM 'answers.csv' WITH (FORMAT csv, HEADER)"
    segrules batch model.yaml --engine postgres --input "$DB#answers" --output "$DB#result"
    """,
)

# =========================================================================== SR85x: population reports

add_code(
    "SR850",
    "The smallest count shown must be at least 1",
    """
    A population report hides counts smaller than --min-cell (5 by default), so that no
    published number identifies a person. The value given is below 1, which would hide
    nothing and is not a threshold.
    """,
    wrong="""
    segrules report model.yaml --input result.parquet --min-cell 0
    """,
    fix="Give the smallest count that may be published; statistics offices use 5 or more.",
    right="""
    segrules report model.yaml --input result.parquet --min-cell 5
    """,
)

add_code(
    "SR851",
    "The batch result is not from this ruleset",
    """
    The batch result was made by another ruleset: its rows name another content hash, or
    segments the ruleset does not have (another version of the model, or another region's).
    A report needs the ruleset that made the result, so that its counts describe that exact
    version.
    """,
    fix="Give the ruleset the batch result was made with, or run `segrules batch` again.",
)

add_code(
    "SR852",
    "The reference distribution is not usable",
    """
    --reference compares the population with an expected distribution: a YAML or JSON mapping
    from each segment (its id, an alias or a label) to its expected share in percent. The
    shares must be numbers from 0 to 100 and add up to exactly 100. The message says what is
    wrong.
    """,
    wrong="""
    {"omatoimi": 39, "yhteiso": 10, "yhteistyo": 30}
    """,
    fix="List every segment once, with shares that add up to 100.",
    right="""
    {"omatoimi": 39, "yhteiso": 10, "yhteistyo": 30, "verkosto": 21}
    """,
)

add_code(
    "SR853",
    "Comparing two versions needs the answers, not a batch result",
    """
    --compare shows how many records would move between segments if the model changed. For
    that both versions must segment the same answers, so the input must be the answers (the
    same file segrules batch reads), not a batch result, which holds only one version's
    segments.
    """,
    wrong="""
    segrules report new.yaml --input result.parquet --compare old.yaml
    """,
    fix="Give the answers as the input.",
    right="""
    segrules report new.yaml --input answers.parquet --compare old.yaml
    """,
)

add_code(
    "SR854",
    "The batch result lacks a column the report needs",
    """
    A report reads the columns segrules batch writes (segment, error_codes and, for the
    quadrant, the score columns) and every grouping column named with --by. The message
    lists the columns the file has.
    """,
    wrong="""
    segrules report model.yaml --input result.parquet --by municipality
    """,
    fix="""
    Name a column the result has. segrules batch carries every column of the answers that
    is not an input (a unit, a municipality, an age band) through to its result.
    """,
)

add_code(
    "SR855",
    "The report's audit needs the solver z3",
    """
    Before a population report is printed or written, an exact attacker checks its
    suppression: integer programming, with the solver z3, over every number the report
    publishes. Without the solver the report would be published unaudited, so it is not made
    at all. z3 comes with the `sql` extra (and the `verify` extra).
    """,
    fix="Install the extra: pip install 'segrules[sql]' (or pip install z3-solver).",
)

# =========================================================================== SR90x-SR92x: the decision service

add_code(
    "SR900",
    "Nothing to serve",
    """
    `segrules serve` was given a path that does not exist, or a folder that holds no ruleset.
    A folder is searched with its sub-folders for `.yaml` and `.yml` files whose top level
    has an `id` (a crosswalk file has none and is left out).
    """,
    wrong="segrules serve rulesets/helsinki/suuntma.yaml",
    fix="Name ruleset files, or a folder that holds them.",
    right="segrules serve rulesets/helsinki/suuntima.yaml",
)

add_code(
    "SR901",
    "Two served files declare the same ruleset id",
    """
    Every served ruleset is called by its id (or one of its aliases) in the URL, so an id or
    alias may belong to one served file only. The message names both files.
    """,
    wrong="segrules serve rulesets/helsinki/suuntima.yaml copy-of-suuntima.yaml",
    fix="Serve one file per ruleset id: remove the copy, or give it an id of its own.",
    right="segrules serve rulesets/helsinki/suuntima.yaml",
)

add_code(
    "SR902",
    "A ruleset is not served: its own examples fail",
    """
    The service puts a ruleset (or a new version of it, on reload) into service only when it
    loads, every example in its `examples` gets the segment it expects, and `segrules verify`
    proves it. An example failed; on reload the last good version keeps serving and
    `/health/ready` says `degraded` with this reason.
    """,
    wrong="""
    examples:
      - name: copes well
        answers: {c_manage: 5, visits: 2}
        expect: verkosto        # the rules give omatoimi
    """,
    fix="Run `segrules test RULESET`, correct the rules or the example, then reload.",
    right="""
    examples:
      - name: copes well
        answers: {c_manage: 5, visits: 2}
        expect: omatoimi
    """,
)

add_code(
    "SR903",
    "A ruleset is not served: it is not proven",
    """
    `segrules verify` did not prove that every possible answer set maps to exactly one
    segment (a check failed or could not be decided), so the service does not put the
    ruleset into service. On reload the last good version keeps serving and `/health/ready`
    says `degraded` with the checks that did not pass.
    """,
    wrong="""
    rules:
      - omatoimi when resources >= 3
      - yhteiso  when resources <= 3     # resources = 3 matches both
    """,
    fix="Run `segrules verify RULESET`, correct what it shows with its counter-example, then reload.",
    right="""
    rules:
      - omatoimi when resources >= 3
      - yhteiso  when resources < 3
    """,
)

add_code(
    "SR904",
    "The token file cannot be used",
    """
    `--token-file` names a file that holds the bearer token every request must send. The file
    is missing, cannot be read, is not a regular file (a pipe, a FIFO or a device such as
    /dev/zero, which could hold the start for ever), is larger than 4 KiB, is not UTF-8, or
    holds a token shorter than 32 characters (a short token can be guessed) or one with
    spaces inside.
    """,
    wrong="echo secret > token.txt; segrules serve rulesets --token-file token.txt",
    fix="Write a long random token into the file, readable only by the service.",
    right="python -c 'import secrets; print(secrets.token_urlsafe(32))' > token.txt; chmod 600 token.txt",
)

add_code(
    "SR905",
    "The decision log cannot be written",
    """
    `--decision-log PATH` names a JSON Lines file the service appends one line to per
    decision. The file cannot be opened for appending (a missing folder, no permission, a
    FIFO that no process reads), or a write failed while serving (a full disk). When writing fails the service keeps
    deciding, counts the lost lines in `/metrics` and says `degraded` in `/health/ready`.
    """,
    wrong="segrules serve rulesets --decision-log /no/such/folder/decisions.jsonl",
    fix="Name a file in a folder the service can write to, on a disk with room.",
    right="segrules serve rulesets --decision-log /var/log/segrules/decisions.jsonl",
)

add_code(
    "SR906",
    "A service option is not valid",
    """
    An option of the service is out of its range: the port must be 0 to 65535, the body
    size limit, the timeout and the decision-log queue must be greater than zero, and the log
    policy is `block` or `drop`.
    """,
    wrong="segrules serve rulesets --port 70000",
    fix="Give a value in the range the message states.",
    right="segrules serve rulesets --port 8080",
)

add_code(
    "SR907",
    "A new version could not be checked",
    """
    On reload, the service checks each file's new version (load, examples, proof) in a
    worker process of its own, so that the requests being answered are not slowed down. The
    worker stopped before it answered: the machine ran out of memory, the process was killed,
    or the service is stopping. The last good version keeps serving and `/health/ready` says
    `degraded`; the next reload starts a new worker.
    """,
    wrong="kill -HUP <pid>   # while the reload worker is killed, or memory runs out",
    fix="Reload again (`kill -HUP`); if it happens again, run `segrules verify RULESET` to see what the check needs.",
    right="kill -HUP <pid>",
)

add_code(
    "SR910",
    "No valid bearer token",
    """
    The service was started with `--token-file`, and the request had no
    `Authorization: Bearer TOKEN` header or another token. Nothing else is answered:
    only `/health/live` and the status word of `/health/ready` are open without the token.
    """,
    wrong="curl http://127.0.0.1:8080/v1/rulesets",
    fix="Send the token of the service's token file.",
    right='curl -H "Authorization: Bearer $(cat token.txt)" http://127.0.0.1:8080/v1/rulesets',
)

add_code(
    "SR911",
    "No such ruleset is served",
    """
    The URL names a ruleset id (or alias) that the service does not serve. `GET /v1/rulesets`
    lists the served rulesets.
    """,
    wrong="POST /v1/rulesets/helsinki.suntima/decide",
    fix="Use the id of a served ruleset.",
    right="POST /v1/rulesets/helsinki.suuntima/decide",
)

add_code(
    "SR912",
    "The served version is not the one the caller pinned",
    """
    The request sent `If-Match` with a ruleset content hash, and the served version of the
    ruleset has another hash (it was changed and reloaded). The answers are not scored, so
    that a form built for one version is never scored by another. The response's `ETag`
    is the hash now served.
    """,
    wrong='If-Match: "1f0c..."    (the hash of last month\'s version)',
    fix="Fetch `GET /v1/rulesets/{id}`, rebuild the form for the version now served, and send its hash.",
    right='If-Match: "9a7e..."    (the content_hash from GET /v1/rulesets/{id})',
)

add_code(
    "SR913",
    "The request body is not valid JSON",
    """
    The body of the request (or a line of a batch) is not one JSON document in UTF-8, or it
    gives the same key twice.
    """,
    wrong='{"answers": {"c_manage": 4,}}',
    fix="Send one JSON object, in UTF-8, without trailing commas or repeated keys.",
    right='{"answers": {"c_manage": 4}}',
)

add_code(
    "SR914",
    "The request document has the wrong shape",
    """
    The JSON is valid, but not what the endpoint takes: `decide` and `validate` take an
    object with `answers` (an object of input id to answer) and, for `decide`, optionally
    `assessed_at` (an ISO 8601 date-time), `override` and `reason`; `lang` is fi, sv or en.
    The message names the key that is wrong. The shape is in `GET /openapi.json`.
    """,
    wrong='{"c_manage": 4, "battery": "risk"}',
    fix="Put the answers under `answers`.",
    right='{"answers": {"c_manage": 4, "battery": "risk"}}',
)

add_code(
    "SR915",
    "The request body is too large",
    """
    A request body is limited (`--max-body-bytes`, 1 MiB by default), and so is each line of
    a batch. Answers for one assessment are far smaller; a larger body is refused before it
    is read.
    """,
    wrong="POST /v1/rulesets/helsinki.suuntima/decide   (a body of 50 MB)",
    fix="Send one assessment per decide request, and many as lines of a batch.",
    right="POST /v1/rulesets/helsinki.suuntima/batch    (one answer set per line)",
)

add_code(
    "SR916",
    "The request took too long",
    """
    The request was not received or answered within the service's time limit (`--timeout`,
    10 seconds by default), counted from its first byte: the request line and headers or the
    body came too slowly, or a batch line did not come in time. Nothing was decided for the
    part not received, and the connection is closed. A connection that sends nothing at all
    is closed after the same time, without an answer.
    """,
    wrong="a client that opens a request and sends its body a byte a second",
    fix="Send the whole body at once; split very large batches.",
    right="curl --data-binary @answers.jsonl .../batch",
)

add_code(
    "SR917",
    "The media type of the body is not accepted",
    """
    `decide` and `validate` take `application/json`; `batch` takes JSON Lines
    (`application/jsonl` or `application/x-ndjson`). A request without a `Content-Type` is
    read as the endpoint's own type; `curl -d` sends a form type unless told otherwise.
    """,
    wrong="curl -d 'c_manage=4' .../decide    (form-encoded)",
    fix="Send JSON with its media type.",
    right="curl -H 'Content-Type: application/json' -d '{\"answers\": {...}}' .../decide",
)

add_code(
    "SR918",
    "No such endpoint",
    """
    The path or the method is not one the service answers (a 404 or 405). The endpoints are
    listed in `GET /openapi.json` and in the service documentation.
    """,
    wrong="GET /v1/rulesets/helsinki.suuntima/decide",
    fix="Use the method and path of an endpoint.",
    right="POST /v1/rulesets/helsinki.suuntima/decide",
)

add_code(
    "SR919",
    "The service is not ready",
    """
    No ruleset is in service yet: the service is still loading and verifying them, or none
    of them could be put into service. `/health/ready` says which, and why.
    """,
    wrong="POST /v1/rulesets/helsinki.suuntima/decide   (right after start, before loading ended)",
    fix="Wait until `/health/ready` answers ok or degraded; fix the rulesets it names.",
    right="GET /health/ready  →  {\"status\": \"ok\", ...}",
)

add_code(
    "SR920",
    "The batch is too long",
    """
    A batch has more lines than the service takes in one request (`--max-batch-lines`,
    100 000 by default). The lines up to the limit are answered; the rest is not read.
    """,
    wrong="one batch request with 10 million lines",
    fix="Split the input into several batches.",
    right="split -l 100000 answers.jsonl part-   # then one request per part",
)

add_code(
    "SR921",
    "Internal error in the service",
    """
    The service failed on a request in a way it did not expect: a bug in segrules. The
    response says only this (no traceback); the service keeps running. Please report it with
    the request that caused it.
    """,
    wrong="(no example: this is a bug)",
    fix="Report it; send the ruleset and the request, without personal data.",
)

add_code(
    "SR922",
    "The request is not HTTP",
    """
    The service could not read the request line or the headers as HTTP/1.1: the client sent
    something else (a TLS handshake to the plain-HTTP port, a line of garbage, a header with
    characters HTTP does not allow), or more than 64 KiB came without the headers ending. The
    service answers 400 with this problem document and closes the connection.
    """,
    wrong="printf 'hello\\r\\n\\r\\n' | nc 127.0.0.1 8080",
    fix="Send an HTTP/1.1 request, with plain http:// (put TLS in a reverse proxy in front of the service).",
    right="curl http://127.0.0.1:8080/health/live",
)

add_code(
    "SR923",
    "A browser's cross-origin request that the service does not allow",
    """
    A browser asked (a CORS preflight, `OPTIONS` with `Origin` and
    `Access-Control-Request-Method`) whether a page of another origin may call the service,
    and the origin, the method or one of the headers asked for is not allowed: the service
    answers 400 with this problem document, which names what was refused, and the browser
    does not send the request. Only the origins given with `--cors-origin` are allowed, with
    `GET` and `POST` and the headers `Authorization`, `Content-Type` and `If-Match`.
    """,
    wrong="segrules serve rulesets/   (a page on https://eservice.example calls it from the browser)",
    fix="Start the service with the page's origin allowed.",
    right="segrules serve rulesets/ --cors-origin https://eservice.example",
)

# =========================================================================== SR95x: the workbench

add_code(
    "SR950",
    "No valid workbench token",
    """
    `segrules workbench` answers only requests that carry the random token it printed when it
    started (in the address, `?token=...`). The token changes at every start, so an address
    from an earlier run, or one typed without its token, is refused. Nothing else about the
    file is shown.
    """,
    wrong="http://127.0.0.1:8765/",
    fix="Open the whole address the command printed, token included.",
    right="http://127.0.0.1:8765/?token=9fQ2...",
)

add_code(
    "SR951",
    "The file was changed on disk after the workbench opened it",
    """
    The workbench saves only over the version it opened: someone (another editor, a `git
    pull`, a colleague) changed the ruleset file on disk in between, and saving would have
    thrown their changes away. Nothing was saved; the file on disk is as they left it.
    """,
    wrong="the file is opened in the workbench, edited in another editor and saved there, then saved in the workbench",
    fix="""
    Copy your changes aside, open the version on disk in the workbench (its button does
    this), and make your changes again on top of it.
    """,
)

add_code(
    "SR952",
    "The workbench cannot try answers: the ruleset does not load",
    """
    Answers are tried against the ruleset as it is in the editor, and that text has errors,
    so there is no ruleset to decide with. The problems are listed beside the editor.
    """,
    fix="Fix the problems the editor shows; the form works again as soon as the ruleset loads.",
)

# =========================================================================== SR93x: FHIR

add_code(
    "SR930",
    "Not a QuestionnaireResponse, or a malformed one",
    """
    The answers were given as FHIR, but what came is not a QuestionnaireResponse (or a Bundle
    or list of them), or its items are not shaped as FHIR says: every item an object with a
    linkId, item and answer lists, at most 8 levels of nested items and at most 10 responses
    at once.
    """,
    wrong="""
    {"resourceType": "Observation", "status": "final"}
    """,
    fix="Send the QuestionnaireResponse the form filler produced, as it is.",
    right="""
    {"resourceType": "QuestionnaireResponse", "status": "completed", "item": [...]}
    """,
)

add_code(
    "SR931",
    "The response answers another questionnaire or another version",
    """
    The response's questionnaire names a Questionnaire that is not one of this ruleset's, or
    another version of it. A form built for one version of a model is never scored by
    another: the questions, the answer options and the conditions may differ.
    """,
    wrong="""
    "questionnaire": "urn:segrules:helsinki.suuntima:questionnaire|0.9.0"   (the ruleset is 1.0.0)
    """,
    fix="Fill in the Questionnaire of the ruleset's current version (segrules fhir questionnaire RULESET), or decide with the version the form was built from.",
    right="""
    "questionnaire": "urn:segrules:helsinki.suuntima:questionnaire|1.0.0"
    """,
)

add_code(
    "SR932",
    "A response item that is not a question of the questionnaire",
    """
    The response has an item whose linkId is not a question of the Questionnaire it answers:
    a misspelt or removed question, a question of the other respondent's Questionnaire, or an
    answer to a group or help text.
    """,
    wrong="""
    {"linkId": "c_manag", "answer": [{"valueCoding": {...}}]}
    """,
    fix="Use the linkIds of the Questionnaire; the message suggests the closest one.",
    right="""
    {"linkId": "c_manage", "answer": [{"valueCoding": {...}}]}
    """,
)

add_code(
    "SR933",
    "A question answered more than once",
    """
    The item appears twice in one response, or has several answers. Every segrules question
    takes exactly one answer.
    """,
    wrong="""
    {"linkId": "battery", "answer": [{"valueCoding": {"code": "risk", ...}}, {"valueCoding": {"code": "illness", ...}}]}
    """,
    fix="Keep one answer per question.",
    right="""
    {"linkId": "battery", "answer": [{"valueCoding": {"code": "risk", ...}}]}
    """,
)

add_code(
    "SR934",
    "An answer of the wrong FHIR type",
    """
    The answer's value[x] is not the type of the Questionnaire item: scale and choice items
    take valueCoding, integer items valueInteger, yes/no items valueBoolean; an integer input
    whose range leaves FHIR's 32-bit integer is a decimal item, answered with a whole
    valueDecimal (3000000000). An answer has exactly one value[x].
    """,
    wrong="""
    {"linkId": "visits_last_year", "answer": [{"valueString": "4"}]}
    """,
    fix="Give the value[x] the item's type names.",
    right="""
    {"linkId": "visits_last_year", "answer": [{"valueInteger": 4}]}
    """,
)

add_code(
    "SR935",
    "A coding from another code system",
    """
    The answer's coding is not from the code system of the item's answer options (a scale's
    codes are its values, written as whole numbers are, an enum's codes are its value codes),
    or a scale code is not one of the scale's values as its code system writes them ("4", not
    "04" or "+4").
    """,
    wrong="""
    {"valueCoding": {"system": "http://loinc.org", "code": "LA6270-8"}}
    """,
    fix="Answer with one of the item's answerOption codings, system included.",
    right="""
    {"valueCoding": {"system": "urn:segrules:helsinki.suuntima:scale:resources5", "code": "4"}}
    """,
)

add_code(
    "SR936",
    "Two responses give different answers to one question",
    """
    A question answered in more than one response (a respondent's form carries the other
    part's answers its questions depend on, read-only) has different answers in them.
    """,
    wrong="""
    professional's response: situation_type = long_term; client's response: situation_type = temporary
    """,
    fix="Fill the read-only copy from the other respondent's response, unchanged.",
    right="""
    both responses: situation_type = long_term
    """,
)

add_code(
    "SR937",
    "The responses are about different people",
    """
    The responses scored together name different subjects. One assessment combines the
    answers about one client only.
    """,
    wrong="""
    client's response: "subject": {"reference": "Patient/1"}; professional's: {"reference": "Patient/2"}
    """,
    fix="Send the responses of one client together.",
    right="""
    both responses: "subject": {"reference": "Patient/1"}
    """,
)

add_code(
    "SR938",
    "A response that is not completed",
    """
    Only responses with status completed or amended are decided: an in-progress, stopped or
    entered-in-error response does not carry the respondent's final answers.
    """,
    wrong="""
    {"resourceType": "QuestionnaireResponse", "status": "in-progress", ...}
    """,
    fix="Complete the form first.",
    right="""
    {"resourceType": "QuestionnaireResponse", "status": "completed", ...}
    """,
)

add_code(
    "SR939",
    "Not a respondent of a questionnaire",
    """
    A Questionnaire is made for the client, for the professional (who also sees the record
    inputs), or for both (no respondent given). Record inputs have no Questionnaire of their
    own.
    """,
    wrong="""
    segrules fhir questionnaire rulesets/helsinki/suuntima.yaml --respondent nurse
    """,
    fix="Give client or professional, or leave the respondent out.",
    right="""
    segrules fhir questionnaire rulesets/helsinki/suuntima.yaml --respondent professional
    """,
)

add_code(
    "SR940",
    "A condition that cannot be exported as FHIRPath",
    """
    An asked_when condition would make a FHIRPath expression of more than 20,000 characters
    (min and max over computed values grow fast), too large to hand to a form filler.
    """,
    wrong="""
    asked_when: min(a / 2, b / 3, c / 4, d / 5, e / 6, f / 7, g / 8) > 1
    """,
    fix="Write the condition over the inputs themselves, e.g. with and / or.",
    right="""
    asked_when: a > 2 and b > 3
    """,
)

add_code(
    "SR941",
    "A CarePlan without a subject",
    """
    A CarePlan must name its subject, and the QuestionnaireResponses gave none, so the
    pathway cannot be written as a CarePlan.
    """,
    wrong="""
    segrules decide --fhir --care-plan RULESET --answers response.json   (the response has no subject)
    """,
    fix="Give the responses a subject (a reference to the Patient), or leave the CarePlan out.",
    right="""
    "subject": {"reference": "Patient/123"}
    """,
)

add_code(
    "SR942",
    "FHIR validation needs fhir.resources",
    """
    Checking resources against the FHIR R4 models uses the fhir.resources package, which is
    an optional extra of segrules.
    """,
    wrong="""
    segrules.fhir.validate(resource)   (fhir.resources not installed)
    """,
    fix="Install the extra.",
    right="""
    pip install 'segrules[fhir]'
    """,
)

add_code(
    "SR943",
    "Not a valid FHIR R4 resource",
    """
    The resource does not validate against the FHIR R4 (R4B) model of its type; the message
    names the elements at fault.
    """,
    wrong="""
    {"resourceType": "Questionnaire", "status": "published"}
    """,
    fix="Correct the elements the message names.",
    right="""
    {"resourceType": "Questionnaire", "status": "active"}
    """,
)
