"""Reading a ruleset file: safe YAML with a position on every value.

PyYAML composes the document into nodes (it never constructs Python objects from tags); this
module turns those nodes into small located values and rejects what a ruleset must not hold:
duplicate keys, anchors and aliases, explicit tags, and YAML 1.1 booleans such as a bare
``no`` where a person most likely meant text.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Iterator

import attrs
import yaml

from .errors import DiagnosticSink, Diagnostic, RulesetError, Span
from .files import InputTooLarge, os_reason, read_bytes_limited



class PurePythonLoader(yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, with fixes that make it read what libyaml reads.

    PyYAML ends a plain scalar inside [...] or {...} at a '?', so ``{fi: Muistatko?, sv: ...}``
    fails without libyaml and loads with it; YAML allows the '?' (only a leading '?' starts a
    key), and libyaml agrees. PyYAML also refuses every tab outside quotes, where YAML and
    libyaml take a tab as white space: inside a plain value (``a: b<TAB>c``), after it
    (``a: b<TAB># note``), on a continued line past the indentation, and after a ``:`` in the
    block context or anywhere in a flow collection. A tab that indents a line stays an error
    with either parser. This parser is the grammar of a ruleset on every machine.
    """

    def scan_to_next_token(self):
        # as libyaml: a tab is white space in a flow collection, and in the block context
        # where no key can start (after ':', '-' or '?' on the same line), never as indentation
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        while True:
            while self.peek() == " " or (self.peek() == "\t" and (self.flow_level or not self.allow_simple_key)):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    self.forward()
            if self.scan_line_break():
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                return

    def scan_plain_spaces(self, indent, start_mark):
        # PyYAML's, with tabs as blanks (as libyaml): between words, at the end of the value,
        # and after the indentation of a continued line (a tab before it stops the value)
        chunks = []
        length = 0
        while self.peek(length) in " \t":
            length += 1
        whitespaces = self.prefix(length)
        self.forward(length)
        ch = self.peek()
        if ch in "\r\n\x85\u2028\u2029":
            line_break = self.scan_line_break()
            self.allow_simple_key = True
            if self.prefix(3) in ("---", "...") and self.peek(3) in "\0 \t\r\n\x85\u2028\u2029":
                return
            breaks = []
            while self.peek() in " \t\r\n\x85\u2028\u2029":
                if self.peek() == " ":
                    self.forward()
                elif self.peek() == "\t":
                    if self.column < indent:
                        break  # a tab as indentation: libyaml refuses it, and so does the scanner next
                    self.forward()
                else:
                    breaks.append(self.scan_line_break())
                    if self.prefix(3) in ("---", "...") and self.peek(3) in "\0 \t\r\n\x85\u2028\u2029":
                        return
            if line_break != "\n":
                chunks.append(line_break)
            elif not breaks:
                chunks.append(" ")
            chunks.extend(breaks)
        elif whitespaces:
            chunks.append(whitespaces)
        return chunks

    def scan_plain(self):
        chunks = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces = []
        breaks = "\0 \t\r\n\x85\u2028\u2029"
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if (
                    ch in breaks
                    or (ch == ":" and self.peek(length + 1) in breaks + (",[]{}" if self.flow_level else ""))
                    or (self.flow_level and ch in ",[]{}")  # PyYAML also stops at '?' here
                ):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces)
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return yaml.tokens.ScalarToken("".join(chunks), True, start_mark, end_mark)


# libyaml's parser when PyYAML has it (ten times faster); what it refuses is read again by the
# pure-Python parser, whose answer (a document or an error) stands, so that a file loads, or
# fails with the same message at the same place, with or without libyaml
_LOADER = getattr(yaml, "CSafeLoader", PurePythonLoader)

MAX_FILE_BYTES = 1024 * 1024
MAX_NESTING = 40

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_TRUE_FALSE = {"true": True, "false": False}


@attrs.frozen
class SourceText:
    """The text of one file, with a fast offset → (line, column) map."""

    name: str
    text: str
    line_starts: tuple[int, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        # lines end where YAML says they do (CR LF, LF, a lone CR, NEL, LS, PS), so that the
        # parser's line numbers and ours agree for files from any system
        starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        object.__setattr__(self, "line_starts", tuple(starts))

    def span_at(self, offset: int) -> Span:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Span(self.name, line + 1, offset - self.line_starts[line] + 1)

    @property
    def lines(self) -> list[str]:
        lines = _LINE_BREAK.split(self.text)
        return lines[:-1] if lines and lines[-1] == "" else lines


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@attrs.frozen(eq=False)
class YScalar:
    value: Any  # str, int, float, bool or None
    span: Span
    raw: str
    style: str | None
    source: SourceText
    start: int  # offsets of the node's raw text in the file
    end: int

    def offset_span(self, index: int) -> Span:
        """The file position of character ``index`` of the string value.

        Aligns the parsed value with the raw text (quotes, escapes, folded lines and block
        indentation removed by YAML), so that a token inside a DSL string points at its real
        place in the file.
        """
        raw, start = self.raw, self.start
        if self.style in ("|", ">"):  # skip the block header: its indicators and any comment
            cut = raw.find("\n") + 1
            raw, start = raw[cut:], start + cut
        return self.source.span_at(start + _align(str(self.value), raw, index))


@attrs.frozen(eq=False)
class YList:
    items: tuple["YValue", ...]
    span: Span


@attrs.frozen(eq=False)
class YMap:
    items: tuple[tuple[YScalar, "YValue"], ...]
    span: Span

    def keys(self) -> list[str]:
        return [str(k.value) for k, _ in self.items]

    def get(self, key: str) -> "YValue | None":
        for k, v in self.items:
            if k.value == key:
                return v
        return None

    def key_node(self, key: str) -> YScalar | None:
        for k, _ in self.items:
            if k.value == key:
                return k
        return None


YValue = YScalar | YList | YMap


def _align(value: str, raw: str, index: int) -> int:
    """Offset in ``raw`` of character ``index`` of ``value`` (greedy, non-space characters)."""
    j = 0
    last = 0
    for i, ch in enumerate(value):
        if i > index:
            break
        if ch.isspace():
            if i == index:
                return min(last + 1, len(raw))
            continue
        k = raw.find(ch, j)
        if k < 0:
            k = j
        if i == index:
            return k
        last = k
        j = k + 1
    # past the end of the value: just after the last character matched
    return min(last + 1, len(raw)) if value else 0


def read_source(path: str | Path) -> SourceText:
    """Read a ruleset file as UTF-8 text; the size limit holds while reading (a pipe or a
    device never grows past it) and a FIFO with no writer reads as empty instead of hanging."""
    name = str(path)
    try:
        data = read_bytes_limited(path, MAX_FILE_BYTES)
    except InputTooLarge as exc:
        size = f"the file is {exc.size} bytes" if exc.size is not None else (
            f"more than {MAX_FILE_BYTES} bytes were read and the source has not ended (is it a pipe or a device?)"
        )
        raise RulesetError(
            [Diagnostic("SR002", f"{size}; a ruleset may be at most {MAX_FILE_BYTES} bytes", Span(name, 1, 1))]
        ) from None
    except IsADirectoryError:
        raise RulesetError(
            [Diagnostic("SR001", f"{name} is a folder, not a file", hint="give the path of a .yaml file")]
        ) from None
    except FileNotFoundError:
        raise RulesetError(
            [Diagnostic("SR001", f"cannot read {name}: there is no such file", hint="check the file name and its folder")]
        ) from None
    except OSError as exc:
        raise RulesetError([Diagnostic("SR001", f"cannot read {name}: {os_reason(exc, reading=True)}")]) from None
    return decode_source(data, name)


def decode_text(text: str, name: str) -> SourceText:
    """A ruleset given as text (``load_text``): a lone surrogate (text decoded with
    ``surrogateescape``, or built by hand) is reported where it is, as invalid bytes are."""
    bad = _SURROGATE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise RulesetError(
            [
                Diagnostic(
                    "SR003",
                    f"the text holds a lone surrogate (U+{ord(bad.group()):04X}), which is not a character",
                    Span(name, line, column),
                    hint="the text was decoded from bytes that are not UTF-8; decode it as UTF-8",
                )
            ]
        )
    return decode_source(text.encode("utf-8"), name)


_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_source(data: bytes, name: str) -> SourceText:
    if len(data) > MAX_FILE_BYTES:
        raise RulesetError(
            [
                Diagnostic(
                    "SR002",
                    f"the file is {len(data)} bytes; a ruleset may be at most {MAX_FILE_BYTES} bytes",
                    Span(name, 1, 1),
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RulesetError(
            [
                Diagnostic(
                    "SR003",
                    "the file is not valid UTF-8 text",
                    Span(name, line, 1),
                    hint="save the file as UTF-8 (the default of most editors)",
                )
            ]
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceText(name, text)


def looks_like_model(data: bytes) -> bool:
    """Whether ``data`` is a YAML mapping with ``format`` and ``id`` (a ruleset) or
    ``rulesets`` (a crosswalk) at the top: a file an output must not replace unasked."""
    try:
        text = data.decode("utf-8")
        if _flow_nesting_error(text) is not None:
            return False
        node = yaml.compose(text, Loader=_LOADER)
    except Exception:  # noqa: BLE001 - anything that does not read as YAML is not a model
        return False
    if not isinstance(node, yaml.MappingNode):
        return False
    keys = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return "format" in keys and ("id" in keys or "rulesets" in keys)


_FLOW_MARKS = re.compile(r"[\[\]{}\"'#]")
_TOKEN_START = frozenset(" \t\r\n[{,")


def _flow_nesting_error(text: str) -> int | None:
    """Offset of the first '[' or '{' nested more than MAX_NESTING deep, or None.

    Checked before any YAML parser runs: the pure-Python parser takes time quadratic in the
    depth (minutes for a few hundred kilobytes of brackets) and libyaml stops at its own
    limit with its own words, so the limit is ours and the same with either parser. A bracket
    counts where a flow collection can start; quoted text and comments are skipped.
    """
    depth = 0
    i, n = 0, len(text)
    while True:
        m = _FLOW_MARKS.search(text, i)
        if m is None:
            return None
        i = m.start()
        ch = m.group()
        at_start = i == 0 or text[i - 1] in _TOKEN_START
        if ch in "[{":
            if depth or (at_start and _opens_block_value(text, i)):
                depth += 1
                if depth > MAX_NESTING:
                    return i
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == "#":
            if at_start:
                j = text.find("\n", i)
                if j < 0:
                    return None
                i = j
        elif at_start:  # a quoted scalar: skip to its closing quote
            j = i + 1
            while True:
                j = text.find(ch, j)
                if j < 0:
                    return None
                if ch == '"' and _escaped(text, j):
                    j += 1
                elif ch == "'" and text.startswith("''", j):
                    j += 2
                else:
                    break
            i = j
        i += 1
        if i >= n:
            return None


def _opens_block_value(text: str, i: int) -> bool:
    """Whether a bracket outside any flow collection starts a value (after ':', '-', '?' or
    at the start of a line), rather than sitting inside plain text such as ``see [1``."""
    k = i - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in ":-?\n\r"


def _escaped(text: str, j: int) -> bool:
    k = j - 1
    while k >= 0 and text[k] == "\\":
        k -= 1
    return (j - 1 - k) % 2 == 1


def yaml_events(text: str):
    """The YAML parser's events for ``text``, lazily, by the reader the documents are read
    with (libyaml where installed); none for a text that nests brackets deeper than a
    ruleset may (which ``compose_yaml`` reports), as no parser runs on one."""
    if _flow_nesting_error(text) is not None:
        return iter(())
    return yaml.parse(text, Loader=_LOADER)


def parse_yaml(source: SourceText) -> YValue:
    """Compose the YAML document into located values, or raise RulesetError."""
    value, diagnostics = compose_yaml(source)
    if any(d.is_error for d in diagnostics):
        raise RulesetError(diagnostics)
    return value


def compose_yaml(source: SourceText) -> tuple[YValue, tuple[Diagnostic, ...]]:
    """The YAML document as located values, and the problems that still left one (a key
    given twice, a tag, a yes/no word, a number YAML versions read differently), so that a
    ruleset's own checks can report theirs with them; RulesetError for a document that
    cannot be read at all (a syntax error, an anchor, nesting too deep, an empty file)."""
    sink = DiagnosticSink(source.lines)
    _reject_control_characters(source, sink)
    deep = _flow_nesting_error(source.text)
    if deep is not None:
        sink.report(
            "SR140", f"the YAML is nested more than {MAX_NESTING} levels deep", source.span_at(deep),
            hint="a ruleset needs only a few levels; check the brackets",
        )
        sink.raise_if_errors()
    try:
        try:
            tagged = _reject_anchors(source, sink, _LOADER)
            node = None if sink.has_errors else yaml.compose(source.text, Loader=_LOADER)
        except yaml.YAMLError:
            if _LOADER is PurePythonLoader:
                raise
            # libyaml words and places errors differently, and refuses a few documents the
            # pure-Python parser reads: that parser decides, as on a machine without libyaml
            sink = DiagnosticSink(source.lines)
            tagged = _reject_anchors(source, sink, PurePythonLoader)
            node = None if sink.has_errors else yaml.compose(source.text, Loader=PurePythonLoader)
        if sink.has_errors:
            sink.raise_if_errors()
    except RecursionError:  # PyYAML composes nested collections recursively
        sink.report("SR140", f"the YAML is nested more than {MAX_NESTING} levels deep", Span(source.name, 1, 1))
        sink.raise_if_errors()
        raise  # unreachable
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(source.name, mark.line + 1, mark.column + 1) if mark else None
        problem = _plain_words(exc.problem or exc.context or "invalid YAML")
        hint = _yaml_hint(problem)
        run_on = _quote_run_on(source, exc.problem_mark) if exc.problem_mark else None
        opened = _opened_at(exc, source) if run_on is None else None
        if run_on is not None:
            # the place to mend is where the quote opened, not where the parser noticed
            quote, span, closed = run_on
            problem = (f"the text in quotes opened at line {span.line}, column {span.column} is not closed on its "
                       f"line: it runs on to the {quote} at line {closed.line}, column {closed.column}")
            hint = _close_quote_hint(source, span, quote)
        elif exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
            # never closed: the file ended inside it
            at = exc.context_mark
            span = Span(source.name, at.line + 1, at.column + 1)
            quote = source.text[at.index:at.index + 1]
            problem = f"the text in quotes opened at line {span.line}, column {span.column} is never closed"
            hint = _close_quote_hint(source, span, quote)
        elif opened is not None:
            problem += f"; the {opened[0]!r} opened at line {opened[1].line}, column {opened[1].column} is not closed"
            hint = f"close the {opened[0]!r} with {_CLOSING[opened[0]]!r}, or put a value in it that contains ':' or ',' in quotes"
        elif span is not None and "could not find expected ':'" in problem and (
                glued := _glued_colon(source, span.line)) is not None:
            # "type:scale" is one word to YAML, not a key: the place is its colon, a line or so above
            number, column, key, value = glued
            span = Span(source.name, number, column)
            hint = f"write a space after the ':' on line {number} ({key}: {value})"
        elif span is not None:
            hint = _indentation_hint(source, span.line, problem, span.column) or hint
        sink.report("SR010", f"YAML syntax error: {problem}", span, hint=hint)
        _report_tab_indented_lines(source, sink, skip=span.line if span else None)
        sink.raise_if_errors()
        raise  # unreachable
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as a control character
        sink.report(
            "SR010", f"YAML syntax error: the character {exc.character!r} is not allowed in YAML",
            source.span_at(exc.position), hint="remove the character, or write it as an escape inside double quotes",
        )
        sink.raise_if_errors()
        raise  # unreachable
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors
        sink.report("SR010", f"YAML syntax error: {exc}", Span(source.name, 1, 1))
        sink.raise_if_errors()
        raise
    if node is None:
        sink.report("SR100", "the file is empty; it must hold a YAML mapping", Span(source.name, 1, 1))
        sink.raise_if_errors()
    value = _convert(node, source, sink, 0, tagged)
    if any(d.is_error and d.code not in _READ_ON for d in sink.diagnostics):  # too deep: nothing to check
        sink.raise_if_errors()
    return value, sink.diagnostics


#: Problems of the YAML after which the document is still read as written (the first of two
#: keys, a tag's or a yes/no word's text), so that the ruleset's own checks run too
_READ_ON = frozenset({"SR011", "SR013", "SR014", "SR015"})


def _report_tab_indented_lines(source: SourceText, sink: DiagnosticSink, skip: int | None) -> None:
    """Every other line that starts with a tab, reported with a YAML error: YAML stops at its
    first error, but a tab at the start of a line is always one, so that all of them are
    shown at once rather than one per run."""
    for number, line in enumerate(source.lines, 1):
        if line.startswith("\t") and number != skip:
            sink.report(
                "SR010", "YAML syntax error: found character '\\t' that cannot start any token",
                Span(source.name, number, 1), hint=_yaml_hint("found character '\\t' that cannot start any token"),
            )


# what YAML refuses in a file: control characters other than tab and line ends, and the
# non-characters U+FFFE and U+FFFF (PyYAML's reader would name only an offset)
_NOT_ALLOWED = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _reject_control_characters(source: SourceText, sink: DiagnosticSink) -> None:
    """Every line with a character YAML does not allow, located; then stop."""
    seen: set[int] = set()
    for m in _NOT_ALLOWED.finditer(source.text):
        span = source.span_at(m.start())
        if span.line in seen:
            continue
        seen.add(span.line)
        name = "a NUL character" if m.group() == "\x00" else "a control character"
        sink.report(
            "SR010", f"{name} (U+{ord(m.group()):04X}) is not allowed in a YAML file", span,
            hint="remove it; it is invisible in most editors (try searching for it, or retype the line)",
        )
        if len(seen) >= 20:
            break
    sink.raise_if_errors()


_CLOSING = {"[": "]", "{": "}"}


def _opened_at(exc: yaml.MarkedYAMLError, source: SourceText) -> tuple[str, Span] | None:
    """The bracket and place where the flow collection a parser gave up in was opened."""
    mark = exc.context_mark
    if mark is None or not (exc.context or "").startswith("while parsing a flow"):
        return None
    bracket = source.text[mark.index: mark.index + 1]
    if bracket not in _CLOSING:
        return None
    return bracket, Span(source.name, mark.line + 1, mark.column + 1)


def _quote_run_on(source: SourceText, mark) -> tuple[str, Span, Span] | None:
    """A text in quotes that the parser read over several lines and that ends right where it
    gave up (a quote left open on its line, closed by the next quote far below): the quote,
    where it opened and where it closed; None otherwise."""
    last = None
    try:
        for token in yaml.scan(source.text, Loader=PurePythonLoader):
            if token.start_mark.index >= mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or last.style not in ("'", '"'):
        return None
    start, end = last.start_mark, last.end_mark
    # the parser stopped on the line the quote closed, right after it: a text that runs over
    # lines on purpose, with a mistake on a later line, is not blamed
    if start.line == end.line or end.line != mark.line or source.text[end.index:mark.index].strip():
        return None
    # and the quote swallowed what reads as the file's own structure (a key or a list item no
    # deeper than the line the quote opened on): a text over several lines on purpose does not
    lines = source.lines
    opened_at = _indent(lines[start.line])
    if not any(_STRUCTURE.match(text) and _indent(text) <= opened_at for text in lines[start.line + 1:end.line]):
        return None
    return last.style, Span(source.name, start.line + 1, start.column + 1), Span(source.name, end.line + 1, end.column)


def _indent(line: str) -> int:
    """How many spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


#: A line that begins a key (``segments:``, ``  label: x``) or a list item (``  - x``).
_STRUCTURE = re.compile(r"^\s*(?:- |-$|[A-Za-z_][\w-]*:(?:\s|$))")


def _close_quote_hint(source: SourceText, at: Span, quote: str) -> str:
    """How to close a quote opened at ``at``: at the end of its text, which inside braces is
    before the ``,`` or ``}`` that follows it (at the line's end it would swallow them)."""
    line = source.lines[at.line - 1]
    if "{" in line[:at.column] and ("," in line[at.column:] or "}" in line[at.column:]):
        return f"close the text with {quote} on line {at.line}, before the ',' or '}}' that ends it"
    return f"close the text with {quote} on line {at.line}"


def _glued_colon(source: SourceText, line: int) -> tuple[int, int, str, str] | None:
    """Where the parser, at ``line`` (1-based; past the end at the end of the file), found no
    ':' because a key and its value were written without a space (``type:scale``) on the line
    above it or on it: that line, the colon's column, the key and the value; None otherwise."""
    lines = source.lines
    numbers = [n for n in range(min(line, len(lines)), 0, -1)
               if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")][:2]
    for n in sorted(numbers):
        m = _NO_SPACE_AFTER_COLON.match(lines[n - 1])
        if m is not None:
            return n, m.end(1) + 1, m.group(1), m.group(2)
    return None


def _indentation_hint(source: SourceText, line: int, problem: str, column: int = 1) -> str | None:
    """A hint on the indentation or the colons around ``line`` (1-based; the parser gave up at
    ``column``), for the mistakes that its own words do not make plain; None where none fits."""
    lines = source.lines
    if not 0 < line <= len(lines):
        return None

    def before(number: int) -> int | None:  # the line above, blank lines and comments passed over
        for n in range(number - 1, 0, -1):
            if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#"):
                return n
        return None

    here, above = lines[line - 1], before(line)
    if above is None:
        return None
    if "mapping values are not allowed" in problem and _indent(here) > _indent(lines[above - 1]):
        key, colon, value = lines[above - 1].strip().partition(": ")
        if not colon or not value.strip() or key.startswith("- "):
            return None
        sibling = before(above)
        if sibling is not None and _indent(lines[sibling - 1]) == _indent(lines[above - 1]):
            return (f"line {line} is indented more than line {above}, so YAML reads it as part of that line's "
                    "value: indent it as far as the key above it")
        return (f"lines {above} and {line} are indented differently; the keys of one block start in the same "
                "column")
    if "expected the end of an indented block" in problem and column == _indent(here) + 1:
        # the line's first key or item is out of place; which line it belongs with (one a
        # column to the left, or one a column to the right) is for its reader to tell
        return (f"line {line} is indented differently from the keys or list items ('- ') it belongs with; those of "
                "one block start in the same column")
    return None


#: A key and a value with no space after the colon (``type:scale``), which YAML reads as one word.
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:- )?([A-Za-z_][\w-]*):([^\s:/'\"{\[][^#]*?)\s*(?:#.*)?$")
#: PyYAML's names of what it expected or found, in words a model owner reads.
_PARSER_WORDS = (("<block end>", "the end of an indented block"), ("'<scalar>'", "a value"),
                 ("'<block mapping start>'", "a new key"), ("'<block sequence start>'", "a list"),
                 ("<block mapping start>", "a new key"), ("<block sequence start>", "a list"))


def _plain_words(problem: str) -> str:
    """A parser's problem with its token names said in words (``expected <block end>`` is
    ``expected the end of an indented block``)."""
    for token, words in _PARSER_WORDS:
        problem = problem.replace(token, words)
    return problem


def _yaml_hint(problem: str) -> str | None:
    if "mapping values are not allowed" in problem:
        return "a value that contains ': ' must be quoted, e.g. text: \"Note: ...\""
    if "found character '\\t'" in problem:
        return "YAML does not allow tab characters for indentation; use spaces"
    if "could not find expected ':'" in problem:
        return "check the indentation and that every key is followed by ':'"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a '[' or '{' opened before this place is not closed, or a value in it needs quotes"
    if "found undefined alias" in problem or "found unknown escape" in problem:
        return "put the text in quotes"
    return None


# the node a parser event starts, to find an explicitly tagged event's node again
_NODE_OF_EVENT = {
    yaml.ScalarEvent: yaml.ScalarNode, yaml.SequenceStartEvent: yaml.SequenceNode, yaml.MappingStartEvent: yaml.MappingNode,
}


def _reject_anchors(source: SourceText, sink: DiagnosticSink, loader) -> dict[tuple[type, int, int], str]:
    """Report every anchor and alias; return the tag written on each explicitly tagged node,
    by the node's kind and place (a node has the tag ``!!str`` gives it, and the same tag as
    an untagged text, so only the parser's events tell them apart)."""
    tagged: dict[tuple[type, int, int], str] = {}
    for event in yaml.parse(source.text, Loader=loader):
        tag = getattr(event, "tag", None)
        if tag is not None and type(event) in _NODE_OF_EVENT:
            m = event.start_mark
            tagged[(_NODE_OF_EVENT[type(event)], m.line, m.column)] = tag
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            m = event.start_mark
            sink.report(
                "SR012",
                "YAML anchors and aliases (&name, *name) are not allowed in a ruleset",
                Span(source.name, m.line + 1, m.column + 1),
                hint="write the repeated part out in full, so that each part reads on its own",
            )
    return tagged


def _span(node: yaml.Node, source: SourceText) -> Span:
    return Span(source.name, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(
    node: yaml.Node, source: SourceText, sink: DiagnosticSink, depth: int, tagged: dict[tuple[type, int, int], str]
) -> YValue:
    span = _span(node, source)
    if depth > MAX_NESTING:
        sink.report(
            "SR140", f"the YAML is nested more than {MAX_NESTING} levels deep", span,
            hint="a ruleset needs only a few levels; check the indentation and the brackets",
        )
        return YScalar(None, span, "", None, source, node.start_mark.index, node.end_mark.index)
    written = tagged.get((type(node), node.start_mark.line, node.start_mark.column))
    if written is not None or node.tag not in _CORE_TAGS:  # every tag written, even !!str or a lone !
        tag = written if written is not None else node.tag
        tag = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
        sink.report(
            "SR014", f"the YAML tag {tag!r} is not allowed in a ruleset", span,
            hint="remove the tag: a ruleset holds only text, numbers, true/false, lists and mappings",
        )
    if isinstance(node, yaml.MappingNode):
        items = []
        seen: dict[Any, Span] = {}
        for k, v in node.value:
            key = _convert(k, source, sink, depth + 1, tagged)
            if not isinstance(key, YScalar) or isinstance(key.value, (list, dict)):
                sink.report(
                    "SR100", "a mapping key must be a plain word", _span(k, source),
                    hint="a key is a single word or number before ':', not a list or a mapping",
                )
                continue
            kv = key.value
            if kv in seen:
                first = seen[kv]
                sink.report(
                    "SR011",
                    f"duplicate key {kv!r} (first given at line {first.line})",
                    key.span,
                    hint="each key may appear once in a mapping; remove or rename one of them",
                )
                continue
            seen[kv] = key.span
            items.append((key, _convert(v, source, sink, depth + 1, tagged)))
        return YMap(tuple(items), span)
    if isinstance(node, yaml.SequenceNode):
        return YList(tuple(_convert(v, source, sink, depth + 1, tagged) for v in node.value), span)
    return _scalar(node, source, sink, span, written is not None)


def _scalar(node: yaml.ScalarNode, source: SourceText, sink: DiagnosticSink, span: Span, tagged: bool) -> YScalar:
    raw_text = source.text[node.start_mark.index : node.end_mark.index]
    text = node.value
    tag = node.tag
    value: Any
    if node.style or tagged:  # quoted or block scalar: always text (libyaml gives "" for plain);
        value = text  # a tag is refused already, and what it would make of the text is no matter
    elif tag == "tag:yaml.org,2002:bool":
        if text in _TRUE_FALSE:
            value = _TRUE_FALSE[text]
        else:
            sink.report(
                "SR013",
                f"{text!r} is read as a yes/no value by YAML",
                span,
                hint=f"write true or false for a yes/no value, or \"{text}\" in quotes for the text",
            )
            value = text
    elif (tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and _AMBIGUOUS_NUMBER.search(text)) or (
        tag == "tag:yaml.org,2002:str" and _YAML12_ONLY_NUMBER.match(text)
    ):
        # 010, 0x18, 0o30, 0b11000, 2_4 and 1:20 are numbers in YAML 1.1 and other numbers
        # or text in YAML 1.2 (and in PyYAML's own safe_load 010 is 8): no guessing
        sink.report(
            "SR015",
            f"{text!r} is read as different numbers (or as text) by different YAML versions",
            span,
            hint=f"write the number in plain decimal digits (e.g. {_plain_number_hint(text)}), or \"{text}\" in quotes for the text",
        )
        value = text
    elif tag == "tag:yaml.org,2002:int":
        try:
            value = int(text, 10)
        except ValueError:
            value = text
    elif tag == "tag:yaml.org,2002:float":
        try:
            value = float(text) if text.lower() not in (".nan", ".inf", "-.inf", "+.inf") else text
        except ValueError:
            value = text
    elif tag == "tag:yaml.org,2002:null":
        value = None
    else:
        value = text
    if isinstance(value, str) and _SURROGATE.search(value):
        # only an escape can put one there ("\ud800"): the text cannot be written or hashed
        escape = _SURROGATE_ESCAPE.search(raw_text)
        at = source.span_at(node.start_mark.index + escape.start("escape")) if escape else span
        written = escape.group("escape") if escape else f"U+{ord(_SURROGATE.search(value).group()):04X}"
        sink.report(
            "SR010", f"YAML syntax error: the escape {written} is a lone surrogate, which is not a character", at,
            hint="write the character itself, or its code point: \\U0001F600 for a character beyond U+FFFF "
            "(YAML does not join surrogate pairs)",
        )
        value = _SURROGATE.sub("\ufffd", value)
    return YScalar(value, span, raw_text, node.style or None, source, node.start_mark.index, node.end_mark.index)


_SURROGATE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*(?P<escape>\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2}))")


# A sign, then a leading zero before a digit, a base prefix, a digit separator or a base-60
# part: every form YAML 1.1 and YAML 1.2 read differently.
_AMBIGUOUS_NUMBER = re.compile(r"^[-+]?(?:0[0-9_]|0[xXoObB]|.*_|.*:)")


# Numbers in YAML 1.2 only (text in YAML 1.1): 0o30 and exponents without a dot, 1e3.
_YAML12_ONLY_NUMBER = re.compile(r"^[-+]?(?:0o[0-7]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+)$")


def _plain_number_hint(text: str) -> str:
    try:
        value = yaml.safe_load(text)
        if isinstance(value, str):
            value = float(text) if _YAML12_ONLY_NUMBER.match(text) and "o" not in text else int(text, 0)
        return str(value)
    except Exception:  # noqa: BLE001 - only a hint
        return "24"


def to_data(value: YValue) -> Any:
    """Plain data of a located value (for hashing and for embedding in reports)."""
    if isinstance(value, YMap):
        return {str(k.value): to_data(v) for k, v in value.items}
    if isinstance(value, YList):
        return [to_data(v) for v in value.items]
    if isinstance(value.value, float):
        return value.raw
    return value.value


def content_hash(value: YValue) -> str:
    """SHA-256 of the canonical content: the document as JSON with sorted keys."""
    canonical = json.dumps(to_data(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def walk(value: YValue) -> Iterator[YValue]:
    yield value
    if isinstance(value, YMap):
        for k, v in value.items:
            yield from walk(v)
    elif isinstance(value, YList):
        for v in value.items:
            yield from walk(v)
