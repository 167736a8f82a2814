"""Every message composed in English with a literal code has a Finnish and a Swedish template.

The messages are read from the source, not from a run: every call that gives a code ``SRnnn``
(``sink.report("SR210", f"...")``, ``UsageError(f"...", code="SR805")``, ``Diagnostic(...)``,
``ServiceError(422, f"...", code=...)``, an exception class with a code of its own, ...) and an
English message as a string or an f-string is found with ``ast``. Each formatted value is
replaced by a plausible sample value ('x', 3, a phrase such as "rule 1", a reason the
templates know), and the message so made must fit a template of ``messages.MESSAGES`` in fi and
sv: else ``translate`` gives only the code's title and the quoted values, which tells a reader
little. A message built from variables or joined parts cannot be read statically and is left
out; the test counts the ones it checks, so that it cannot pass on none.
"""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

from segrules import messages
from support import ROOT

PACKAGE = ROOT / "segrules"
CODE = re.compile(r"SR[0-9]{3}$")

#: Calls that take a code but whose string is no message ``translate`` words: a verifier's
#: finding (worded by ``verify.words``), a solver check's reason, a metric's label, the
#: translation itself, and the SQL compiler's error-code constants.
NOT_MESSAGES = {"Finding", "SmtCheck", "labels", "translate", "s", "_repeat", "_refuse", "AnswerError", "RulesetError"}

#: Where the message is among the positional arguments, for the calls where it is not the
#: first string after the code (or the first argument, when the code is a keyword).
MESSAGE_ARG = {
    "AnswerProblem": 2,  # (code, input, message)
    "problem_bytes": 3,  # (status, reason, code, detail)
    "_error": 3,  # (line number, code, status, detail)
    "refuse": 2,  # (code, status, detail)
    "worded": 2,
    "problem": 2,
    "problem_said": 2,
    "Rejected": 2,  # (file, code, reason)
    "ServiceError": 1,  # (status, message, code=)
}

#: Calls that put their message inside another: ``Checker._fail`` reports "in {what}: message".
WRAPPED = {"_fail": "in rule 1: {}"}

#: Messages that may stay without a template, with the reason: (file, code, the words the
#: message begins with). Kept as short as can be: a message a user may read gets a template.
ALLOWED: dict[tuple[str, str, str], str] = {}

#: The fewest call sites the scan must check: the count when the test was written, less a
#: margin for messages that are merged or rewritten.
AT_LEAST = 400


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _code_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        return node.value
    return None


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"), str(p))) for p in sorted(PACKAGE.rglob("*.py"))
            if p.name not in ("messages.py", "codes.py")]


def _class_codes(trees) -> dict[str, str]:
    """The code of every exception class that has one of its own or inherits one (by name)."""
    bases: dict[str, list[str]] = {}
    own: dict[str, str] = {}
    for _, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases[node.name] = [n for n in map(_name, node.bases) if n]
            for stmt in node.body:
                if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                        and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == "code"):
                    code = _code_of(stmt.value)
                    if code:
                        own[node.name] = code

    def code(name: str, seen=()) -> str | None:
        if name in own:
            return own[name]
        for base in bases.get(name, ()):
            if base not in seen and (found := code(base, (*seen, name))):
                return found
        return None

    return {name: c for name in bases if (c := code(name))}


#: Sample values for a formatted value whose text is not known here: tried for all of a
#: message's values at once, and one by one after the ones the expression's name suggests.
SAMPLES = ["'x'", "x", "3", "rule 1", "a number", "permission denied"]
_BY_NAME = [
    (re.compile(r"what"), ["rule 1", "the ruleset", "input 'x'"]),
    (re.compile(r"reason|why"), ["permission denied", "there is no such file"]),
    (re.compile(r"kind|describe"), ["a number", "a text"]),
    (re.compile(r"problem|yaml"), ["found unexpected end of stream"]),
    (re.compile(r"\bcode\b|\.code$"), ["SR300"]),
    (re.compile(r"message|\bmsg\b|\bexc\b"), ["an answer is required"]),
    (re.compile(r"strip\('\(\)'\)"), ["response 1", "bundle entry 1", "response"]),  # "(response 1)" unbracketed
]
#: The most samples made of one message (a message has few values; a value has few samples).
MOST = 60


class Scope:
    """The string values given to each name in a function or a module, to sample a message made
    of them: assignments (``where = f" (line {n})" if span else ""``, ``message += "..."``),
    loops over literal tuples, and a function's parameters as the module's calls of it give them."""

    def __init__(self, node: ast.AST, outer: "Scope | None" = None, calls: dict[str, list[ast.Call]] | None = None):
        self.outer = outer
        self.values: dict[str, list[ast.expr]] = {}
        for child in ast.walk(node) if outer is not None else node.body:
            if isinstance(child, ast.Assign) and len(child.targets) == 1 and isinstance(child.targets[0], ast.Name):
                self.values.setdefault(child.targets[0].id, []).append(child.value)
            elif isinstance(child, ast.AugAssign) and isinstance(child.op, ast.Add) and isinstance(child.target, ast.Name):
                earlier = self.values.get(child.target.id, [])
                self.values.setdefault(child.target.id, []).extend(
                    ast.BinOp(e, ast.Add(), child.value) for e in list(earlier))
            elif isinstance(child, ast.For) and isinstance(child.iter, (ast.Tuple, ast.List)):
                for item in child.iter.elts:
                    self._bind(child.target, item)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and calls is not None:
            params = [a.arg for a in node.args.posonlyargs + node.args.args]
            for param, default in zip(reversed(params), reversed(node.args.defaults)):
                self.values.setdefault(param, []).append(default)
            if params[:1] in (["self"], ["cls"]):
                params = params[1:]
            for call in calls.get(node.name, ()):
                for param, arg in zip(params, call.args):
                    self.values.setdefault(param, []).append(arg)
                for k in call.keywords:
                    if k.arg is not None:
                        self.values.setdefault(k.arg, []).append(k.value)

    def _bind(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.values.setdefault(target.id, []).append(value)
        elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
            for t, v in zip(target.elts, value.elts):
                self._bind(t, v)

    def get(self, name: str) -> list[ast.expr]:
        if name in self.values:
            return self.values[name]
        return self.outer.get(name) if self.outer is not None else []


def _strings(node: ast.expr, scope: Scope | None, depth: int = 0) -> list[str] | None:
    """Sample texts of a string expression, or None where its text is not known here."""
    if depth > 4:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append([str(value.value)])
            elif isinstance(value, ast.FormattedValue):
                parts.append(_value_samples(value, scope, depth))
            else:
                return None
        return _joined(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _strings(node.left, scope, depth + 1), _strings(node.right, scope, depth + 1)
        return None if left is None or right is None else _joined([left, right])
    if isinstance(node, (ast.IfExp, ast.BoolOp)):  # "x if c else ''", "r.error or f'expected ...'"
        if isinstance(node, ast.BoolOp) and not isinstance(node.op, ast.Or):
            return None
        values = [node.body, node.orelse] if isinstance(node, ast.IfExp) else node.values
        found = [_strings(v, scope, depth + 1) for v in values]
        known = [f for f in found if f is not None]
        if not known:
            return None
        return list(dict.fromkeys([s for f in known for s in f] + (SAMPLES if None in found else [])))[:MOST]
    if isinstance(node, ast.Name) and scope is not None:
        found = [_strings(v, scope, depth + 1) for v in scope.get(node.id)]
        if found and None not in found:
            return list(dict.fromkeys(s for f in found for s in f))[:MOST]
    return None


def _value_samples(value: ast.FormattedValue, scope: Scope | None, depth: int) -> list[str]:
    """Sample texts of a value put in an f-string: its own, where they are known, else the
    ones its expression suggests and ``SAMPLES``."""
    known = _strings(value.value, scope, depth + 1) if value.conversion != ord("r") else None
    if known is not None:
        return known
    text = ast.unparse(value.value)
    out = ["'x'"] if value.conversion == ord("r") else []
    for pattern, samples in _BY_NAME:
        if pattern.search(text):
            out += samples
    return list(dict.fromkeys(out + SAMPLES))


def _joined(parts: list[list[str]]) -> list[str]:
    """The texts of parts put together: each sample of ``SAMPLES`` for every part that can take
    it, then the parts' own samples in combination."""
    out = ["".join(s if s in p else p[0] for p in parts) for s in SAMPLES]
    out += ("".join(c) for c in itertools.islice(itertools.product(*parts), MOST))
    return list(dict.fromkeys(out))[:MOST * 2]


def _literal(node: ast.expr, scope: Scope | None, depth: int = 0) -> str:
    """The fixed words of a message (without the values put in it that are not known here)."""
    if depth > 4:
        return ""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.FormattedValue):
        return _literal(node.value, scope, depth + 1)
    if isinstance(node, ast.JoinedStr):
        return " ".join(_literal(v, scope, depth + 1) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _literal(node.left, scope, depth + 1) + " " + _literal(node.right, scope, depth + 1)
    if isinstance(node, ast.Name) and scope is not None and len(scope.get(node.id)) == 1:
        return _literal(scope.get(node.id)[0], scope, depth + 1)
    return ""


def _worded(node: ast.expr, scope: Scope | None) -> bool:
    """Whether a message says something in English of its own, not only the values it joins
    ("{file}: {error}", a library's own text after "PostgreSQL: ")."""
    return len(re.findall(r"[A-Za-z]{2,}", _literal(node, scope))) >= 2


def _sites():
    """(file, line, code, sample texts or None, wrapper) of every call that composes a message."""
    trees = _trees()
    class_codes = _class_codes(trees)
    for path, tree in trees:
        module = Scope(tree)
        calls: dict[str, list[ast.Call]] = {}  # the calls of each function of the module, by its name
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                calls.setdefault(_name(node.func) or "", []).append(node)
        scopes: dict[ast.AST, Scope] = {}
        for func in ast.walk(tree):  # outer functions first: an inner one's own scope wins
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                scope = Scope(func, scopes.get(func, module), calls)
                for node in ast.walk(func):
                    scopes[node] = scope
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name is None or name in NOT_MESSAGES:
                continue
            code, at = None, None
            for i, arg in enumerate(node.args):
                if (code := _code_of(arg)) is not None:
                    at = i
                    break
            keyword = next((k for k in node.keywords if k.arg == "code"), None)
            if code is None and keyword is not None:
                code = _code_of(keyword.value)
            if code is None and keyword is None and isinstance(node.func, ast.Name):
                code = class_codes.get(name)
            if code is None:
                continue
            index = MESSAGE_ARG.get(name, 0 if at is None else at + 1)
            if index >= len(node.args):
                continue
            message = node.args[index]
            scope = scopes.get(node, module)
            samples = _strings(message, scope) if _worded(message, scope) else None
            yield path.relative_to(ROOT).as_posix(), node.lineno, code, samples, WRAPPED.get(name, "{}")


def _fits(sample: str) -> bool:
    return all(messages._match(messages.MESSAGES, sample, lang, 1) is not None for lang in ("fi", "sv"))


def _check() -> tuple[int, list[str]]:
    checked, missing = 0, []
    for where, line, code, samples, wrapper in _sites():
        if samples is None:
            continue  # built from variables or joined parts: not readable here
        checked += 1
        samples = [wrapper.format(s) for s in samples]
        if any(_fits(s) for s in samples):
            continue
        if any(where == file and code == c and samples[0].startswith(words) for file, c, words in ALLOWED):
            continue
        missing.append(f"{where}:{line}: {code} {samples[0]!r}")
    return checked, missing


def test_every_english_message_has_a_finnish_and_a_swedish_template():
    checked, missing = _check()
    print(f"{checked} messages checked")
    assert checked >= AT_LEAST, f"only {checked} messages were found in the source; has the way they are made changed?"
    assert not missing, (f"{len(missing)} of the {checked} messages checked have no template in messages.MESSAGES "
                         "(fi and sv):\n" + "\n".join(missing))


def test_a_message_without_a_template_is_found():
    tree = ast.parse('sink.report("SR899", f"a new message about {name} nobody has translated", span)')
    call = tree.body[0].value
    samples = _strings(call.args[1], None)
    assert samples and not any(_fits(s) for s in samples)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_sample_of_a_known_message_fits(lang):
    assert messages._match(messages.MESSAGES, "cannot read x.yaml: permission denied", lang, 1) is not None
