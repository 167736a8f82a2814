"""Building the (unchecked) ruleset AST from the located YAML document.

This stage knows the ruleset format (which keys, which types) and parses every DSL string it
finds; it does not resolve names (that is ``check``). Every problem is reported to the sink
with its place in the file, and building goes on, so a file's problems come all at once.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from ..errors import DiagnosticSink, closest
from ..source import YList, YMap, YScalar, YValue
from . import ast
from .parser import DslSyntaxError, parse_expression, parse_rule

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
RULESET_ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
SEMVER_RE = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$")
MAX_INPUTS = 500
MAX_ENUM_VALUES = 200
MAX_INTEGER_RANGE = 10_000
FORMAT_VERSION = 1

_TOP_KEYS = {
    "format": True, "id": True, "version": True, "title": True, "hit_policy": False,
    "provenance": False, "aliases": False, "scales": False, "inputs": True, "groups": False,
    "scores": False, "axes": False, "segments": True, "rules": True, "pathways": True,
    "examples": False,
}
_TYPE_NAMES = {YMap: "a mapping", YList: "a list", YScalar: "a single value"}
_TYPE_HINTS = {
    YMap: "write it as 'key: value' lines, indented under it",
    YList: "write it as lines that start with '- ', indented under it",
    YScalar: "write one value here, not a list or a mapping",
}



#: A language and its text without a space after the colon (``sv:Stämmer``), which YAML reads
#: as one key.
_GLUED_LANGUAGE = re.compile(r"(fi|sv|en):(\S.*)", re.DOTALL)

class Builder:
    _top: YMap | None = None  # the file being built, for hints in its own names

    def __init__(self, sink: DiagnosticSink):
        self.sink = sink
        #: What the file declares but could not be built because of its own problems, as
        #: (section, id) pairs; ``(section, "*")`` when the section itself is unreadable.
        #: The checker takes these names as known, so that one mistake is reported once.
        self.left_out: set[tuple[str, str]] = set()

    def _declared(self, section: str) -> set[str]:
        node = self._top.get(section) if self._top is not None else None
        return {str(k.value) for k, _ in node.items} if isinstance(node, YMap) else set()

    def _left_out(self, top: YMap, section: str, built: tuple, key: str = "id") -> None:
        node = top.get(section)
        if node is None:
            return
        if not isinstance(node, YMap):
            self.left_out.add((section, "*"))
            return
        ids = {getattr(item, key) for item in built}
        self.left_out.update((section, str(k.value)) for k, _ in node.items if k.value not in ids)

    # ------------------------------------------------------------------ helpers

    def _keys(self, node: YMap, allowed: dict[str, bool], what: str) -> None:
        for k, _ in node.items:
            if k.value not in allowed:
                close = closest(str(k.value), allowed, cutoff=0.75)
                self.sink.report(
                    "SR110",
                    f"unknown key {k.value!r} in {what}",
                    k.span,
                    hint=f"did you mean {close!r}?" if close else "allowed keys: " + ", ".join(allowed),
                )
        for key, required in allowed.items():
            if required and node.get(key) is None:
                self.sink.report("SR101", f"{what} is missing the required key {key!r}", node.span)

    def _expect(self, node: YValue | None, kind: type, what: str, hint: str | None = None) -> Any:
        if node is None:
            return None
        if not isinstance(node, kind):
            self.sink.report("SR100", f"{what} must be {_TYPE_NAMES[kind]}", node.span, hint=hint or _TYPE_HINTS[kind])
            return None
        return node

    def _text(self, node: YValue | None, what: str) -> str | None:
        node = self._expect(node, YScalar, what)
        if node is None:
            return None
        if not isinstance(node.value, str):
            if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                return node.raw
            self.sink.report("SR100", f"{what} must be text", node.span, hint="put the text in quotes")
            return None
        return node.value

    def _int(self, node: YValue | None, what: str, lo: int | None = None, hi: int | None = None) -> int | None:
        node = self._expect(node, YScalar, what)
        if node is None:
            return None
        if type(node.value) is not int:
            self.sink.report("SR100", f"{what} must be a whole number", node.span, hint="e.g. 12, without quotes")
            return None
        if (lo is not None and node.value < lo) or (hi is not None and node.value > hi):
            self.sink.report("SR112", f"{what} must be between {lo} and {hi}, not {node.value}", node.span)
            return None
        return node.value

    def _bool(self, node: YValue | None, what: str) -> bool | None:
        node = self._expect(node, YScalar, what)
        if node is None:
            return None
        if type(node.value) is not bool:
            self.sink.report("SR100", f"{what} must be true or false", node.span, hint="write true or false, without quotes")
            return None
        return node.value

    def _choice(self, node: YValue | None, what: str, choices: tuple[str, ...]) -> str | None:
        value = self._text(node, what)
        if value is None:
            return None
        if value not in choices:
            close = closest(value, choices, cutoff=0.75)
            self.sink.report(
                "SR112", f"{what} must be one of: {', '.join(choices)} (not {value!r})", node.span,
                hint=f"did you mean {close!r}?" if close else None,
            )
            return None
        return value

    def _id(self, key: YScalar, what: str) -> str | None:
        value = key.value
        if not isinstance(value, str) or not ID_RE.match(value) or value in ast.KEYWORDS:
            hint = "ids are lower-case ASCII letters, digits and _, starting with a letter"
            if isinstance(value, str) and value in ast.KEYWORDS:
                hint = f"{value!r} is a word of the rule language; choose another id"
            elif isinstance(value, str) and any(ord(c) > 127 for c in value):
                hint += "; put names with ä, ö or å into labels or aliases"
            self.sink.report("SR111", f"{value!r} is not a valid {what} id", key.span, hint=hint)
            return None
        return value

    def labels(self, node: YValue | None, what: str) -> ast.Labels | None:  # noqa: C901
        node = self._expect(node, YMap, what)
        if node is None:
            return None
        texts: dict[str, str] = {}
        previous, whole = None, ""
        for k, v in node.items:
            if k.value not in ast.LANGUAGES:
                glued = _GLUED_LANGUAGE.match(k.value) if isinstance(k.value, str) else None
                if glued is not None:  # {..., sv:Stämmer dåligt}: one word to YAML, not sv and its text
                    self.sink.report(
                        "SR132", f"{k.value!r} in {what} is not a language: a language needs a space after its ':'",
                        k.span, hint=f"write a space after the ':' ({glued.group(1)}: {glued.group(2)})",
                    )
                    continue
                if previous in ast.LANGUAGES and isinstance(v, YScalar) and v.value is None and v.raw == "":
                    whole += f", {k.value}"
                    # {fi: Muistan asiat, joista on sovittu., sv: ...}: the comma ended the fi text
                    self.sink.report(
                        "SR132",
                        f"{k.value!r} in {what} is not a language: the comma before it ended the "
                        f"{previous} label, because the label is not in quotes",
                        k.span,
                        hint=f'put a label that contains a comma in quotes: {previous}: "{whole}"',
                    )
                else:
                    self.sink.report(
                        "SR132", f"unknown language {k.value!r} in {what}", k.span,
                        hint="labels are given in fi, sv and en",
                    )
                continue
            previous, whole = k.value, str(v.value) if isinstance(v, YScalar) else ""
            t = self._text(v, f"the {k.value} label of {what}")
            if t is not None:
                if not t.strip():
                    self.sink.report("SR130", f"the {k.value} label of {what} is empty", v.span)
                texts[k.value] = t
        if "fi" not in texts:
            self.sink.report("SR130", f"{what} has no Finnish (fi) label", node.span, hint="fi is required")
            return None
        for lang, language in (("sv", "Swedish"), ("en", "English")):
            if lang not in texts:
                self.sink.warn("SR131", f"{what} has no {language} ({lang}) label", node.span)
        return ast.Labels(texts["fi"], texts.get("sv"), texts.get("en"))

    def _dsl(self, node: YValue | None, what: str, parse: Callable):
        node = self._expect(
            node, YScalar, what,
            "write it as one line of text; if it must contain ': ', put the whole text in double quotes",
        )
        if node is None:
            return None
        if not isinstance(node.value, str):
            if isinstance(node.value, bool):
                text = "true" if node.value else "false"
            elif isinstance(node.value, (int, float)):
                text = node.raw
            else:
                self.sink.report("SR100", f"{what} must be an expression", node.span)
                return None
        else:
            text = node.value
        try:
            return parse(text, node.offset_span)
        except DslSyntaxError as exc:
            hint = own_names(exc.hint, self._top) if exc.hint else exc.hint
            self.sink.report(exc.code, f"in {what}: {exc.message}", node.offset_span(exc.offset), hint=hint)
            return None

    # ------------------------------------------------------------------ sections

    def build(self, doc: YValue, *, content_hash: str, source: str) -> ast.RulesetDef | None:
        top = self._expect(doc, YMap, "a ruleset file")
        if top is None:
            return None
        self._top = top
        self._keys(top, _TOP_KEYS, "the ruleset")
        fmt = top.get("format")
        if fmt is not None and self._int(fmt, "format") not in (None, FORMAT_VERSION):
            self.sink.report(
                "SR112", f"this version of segrules reads ruleset format {FORMAT_VERSION} only", fmt.span,
                hint=f"write format: {FORMAT_VERSION}",
            )
        rid = self._text(top.get("id"), "the ruleset id")
        if rid is not None and not RULESET_ID_RE.match(rid):
            self.sink.report(
                "SR111", f"{rid!r} is not a valid ruleset id", top.get("id").span,
                hint="lower-case ASCII words joined by dots, e.g. helsinki.suuntima",
            )
        version = self._text(top.get("version"), "the version")
        if version is not None and not SEMVER_RE.match(version):
            self.sink.report(
                "SR112", f"version {version!r} is not a semantic version", top.get("version").span,
                hint="write MAJOR.MINOR.PATCH, e.g. \"1.0.0\"",
            )
        title = self.labels(top.get("title"), "the title")
        hit_policy = "unique"
        if top.get("hit_policy") is not None:
            hit_policy = self._choice(top.get("hit_policy"), "hit_policy", ("unique", "first")) or "unique"
        provenance = self._text(top.get("provenance"), "provenance") if top.get("provenance") else None
        aliases = self._aliases(top.get("aliases"), "the ruleset aliases")

        scales = self._scales(top.get("scales"))
        inputs = self._inputs(top.get("inputs"), {s.id: s for s in scales})
        groups = self._groups(top.get("groups"))
        scores = self._scores(top.get("scores"))
        axes = self._axes(top.get("axes"))
        segments = self._segments(top.get("segments"), axes is not None)
        rules = self._rules(top.get("rules"))
        pathways = self._pathways(top.get("pathways"))
        examples = self._examples(top.get("examples"))
        self._left_out(top, "scales", scales)
        self._left_out(top, "inputs", inputs)
        self._left_out(top, "groups", groups)
        self._left_out(top, "scores", scores)
        self._left_out(top, "segments", segments)
        self._left_out(top, "pathways", pathways, key="segment")
        rules_node = top.get("rules")
        if rules_node is not None and (not isinstance(rules_node, YList) or len(rules) < len(rules_node.items) or not rules):
            self.left_out.add(("rules", "*"))
        if top.get("axes") is not None and axes is None:
            self.left_out.add(("axes", "*"))
        return ast.RulesetDef(
            id=rid, version=version, title=title, hit_policy=hit_policy, inputs=inputs,
            groups=groups, scores=scores, segments=segments, rules=rules, pathways=pathways,
            examples=examples, scales=scales, axes=axes, aliases=aliases, provenance=provenance,
            content_hash=content_hash, source=source,
        )

    def _aliases(self, node: YValue | None, what: str) -> tuple[str, ...]:
        node = self._expect(node, YList, what)
        if node is None:
            return ()
        out = []
        for item in node.items:
            t = self._text(item, f"an entry of {what}")
            if t is not None:
                out.append(t)
        return tuple(out)

    def _section(self, node: YValue | None, what: str) -> list[tuple[YScalar, YValue]]:
        node = self._expect(node, YMap, what)
        return list(node.items) if node is not None else []

    def _scales(self, node: YValue | None) -> tuple[ast.Scale, ...]:
        out = []
        for key, body in self._section(node, "scales"):
            sid = self._id(key, "scale")
            body = self._expect(body, YMap, f"scale {key.value!r}")
            if sid is None or body is None:
                continue
            self._keys(body, {"label": False, "values": True}, f"scale {sid!r}")
            label = self.labels(body.get("label"), f"the label of scale {sid!r}") if body.get("label") else None
            values = []
            prev = None
            for vk, vlabel in self._section(body.get("values"), f"the values of scale {sid!r}"):
                if type(vk.value) is not int:
                    self.sink.report("SR121", f"scale {sid!r}: a scale value must be a whole number", vk.span)
                    continue
                if prev is not None and vk.value <= prev:
                    self.sink.report("SR121", f"scale {sid!r}: values must be in increasing order", vk.span)
                prev = vk.value
                lab = self.labels(vlabel, f"value {vk.value} of scale {sid!r}")
                if lab is not None:
                    values.append(ast.ScaleValue(vk.value, lab))
            if not values and body.get("values") is not None:
                self.sink.report("SR121", f"scale {sid!r} has no values", body.span)
            out.append(ast.Scale(sid, label, tuple(values), key.span))
        return tuple(out)

    def _inputs(self, node: YValue | None, scales: dict[str, ast.Scale]) -> tuple[ast.Input, ...]:
        out = []
        entries = self._section(node, "inputs")
        if len(entries) > MAX_INPUTS:
            self.sink.report("SR140", f"the ruleset has {len(entries)} inputs; at most {MAX_INPUTS} are allowed", node.span)
            entries = entries[:MAX_INPUTS]
        if node is not None and not entries and isinstance(node, YMap):
            self.sink.report("SR101", "the ruleset has no inputs", node.span)
        allowed = {
            "respondent": True, "type": True, "text": True, "optional": False, "asked_when": False,
            "help": False, "scale": False, "min": False, "max": False, "values": False,
        }
        for key, body in entries:
            iid = self._id(key, "input")
            body = self._expect(body, YMap, f"input {key.value!r}")
            if iid is None or body is None:
                continue
            what = f"input {iid!r}"
            self._keys(body, allowed, what)
            respondent = self._choice(body.get("respondent"), f"the respondent of {what}", ast.RESPONDENTS)
            domain = self._domain(body, what, scales)
            text = self.labels(body.get("text"), f"the text of {what}")
            optional = bool(self._bool(body.get("optional"), f"optional of {what}")) if body.get("optional") else False
            asked_when = (
                self._dsl(body.get("asked_when"), f"asked_when of {what}", parse_expression)
                if body.get("asked_when") is not None else None
            )
            help_ = self.labels(body.get("help"), f"the help of {what}") if body.get("help") else None
            if respondent and domain and text:
                out.append(ast.Input(iid, respondent, domain, text, optional, asked_when, help_, key.span))
        return tuple(out)

    def _domain(self, body: YMap, what: str, scales: dict[str, ast.Scale]) -> ast.Domain | None:
        kind = self._choice(body.get("type"), f"the type of {what}", ("scale", "integer", "boolean", "enum"))
        extra = {"scale": ("scale",), "integer": ("min", "max"), "boolean": (), "enum": ("values",)}
        if kind is None:
            return None
        for k in ("scale", "min", "max", "values"):
            if body.get(k) is not None and k not in extra[kind]:
                takes = ", ".join(extra[kind]) if extra[kind] else "none of scale, min, max or values"
                self.sink.report(
                    "SR110", f"{what}: {k!r} does not go with type {kind}", body.key_node(k).span,
                    hint=f"type {kind} takes: {takes}",
                )
        for k in extra[kind]:
            if body.get(k) is None:
                self.sink.report("SR101", f"{what} has type {kind} but no {k!r}", body.span)
                return None
        if kind == "scale":
            name = self._text(body.get("scale"), f"the scale of {what}")
            if name is None:
                return None
            if name not in scales and name in self._declared("scales"):
                return None  # the scale has problems of its own, reported there
            if name not in scales:
                close = closest(name, scales, cutoff=0.75)
                self.sink.report(
                    "SR120", f"{what} uses the unknown scale {name!r}", body.get("scale").span,
                    hint=f"did you mean {close!r}?" if close else "declare it under scales:",
                )
                return None
            sc = scales[name]
            return ast.Domain("scale", tuple(v.value for v in sc.values), name, tuple(v.label for v in sc.values))
        if kind == "integer":
            lo = self._int(body.get("min"), f"min of {what}")
            hi = self._int(body.get("max"), f"max of {what}")
            if lo is None or hi is None:
                return None
            if hi < lo:
                self.sink.report("SR121", f"{what}: max ({hi}) is smaller than min ({lo})", body.get("max").span)
                return None
            if hi - lo + 1 > MAX_INTEGER_RANGE:
                self.sink.report(
                    "SR121", f"{what}: the range {lo}..{hi} has more than {MAX_INTEGER_RANGE} values",
                    body.get("max").span, hint="group the values into classes (an enum or a smaller range)",
                )
                return None
            return ast.Domain("integer", tuple(range(lo, hi + 1)))
        if kind == "boolean":
            return ast.Domain("boolean", (False, True))
        codes, labels = [], []
        entries = self._section(body.get("values"), f"the values of {what}")
        if len(entries) > MAX_ENUM_VALUES:
            self.sink.report("SR140", f"{what} has more than {MAX_ENUM_VALUES} values", body.get("values").span)
            return None
        for vk, vl in entries:
            code = self._id(vk, f"value of {what}")
            lab = self.labels(vl, f"value {vk.value!r} of {what}")
            if code is not None and lab is not None:
                codes.append(code)
                labels.append(lab)
        if not codes:
            self.sink.report("SR121", f"{what} has no values", body.span)
            return None
        return ast.Domain("enum", tuple(codes), None, tuple(labels))

    def _groups(self, node: YValue | None) -> tuple[ast.Group, ...]:
        out = []
        for key, body in self._section(node, "groups"):
            gid = self._id(key, "group")
            listed = self._expect(body, YList, f"group {key.value!r}")
            members, spans = [], []
            for item in listed.items if listed is not None else ():
                member = self._text(item, f"an entry of group {key.value!r}")
                if member is not None:
                    members.append(member)
                    spans.append(item.span)
            if gid is not None and listed is not None:
                if not members:
                    self.sink.report("SR121", f"group {gid!r} is empty", key.span)
                out.append(ast.Group(gid, tuple(members), key.span, tuple(spans)))
        return tuple(out)

    def _scores(self, node: YValue | None) -> tuple[ast.Score, ...]:
        out = []
        for key, body in self._section(node, "scores"):
            sid = self._id(key, "score")
            body = self._expect(body, YMap, f"score {key.value!r}")
            if sid is None or body is None:
                continue
            self._keys(body, {"label": True, "expr": True}, f"score {sid!r}")
            label = self.labels(body.get("label"), f"the label of score {sid!r}")
            expr = self._dsl(body.get("expr"), f"score {sid!r}", parse_expression)
            if label is not None and expr is not None:
                out.append(ast.Score(sid, label, expr, key.span))
        return tuple(out)

    def _axes(self, node: YValue | None) -> ast.Axes | None:
        node = self._expect(node, YMap, "axes")
        if node is None:
            return None
        self._keys(node, {"resources": True, "complexity": True}, "axes")
        r = self._text(node.get("resources"), "the resources axis")
        c = self._text(node.get("complexity"), "the complexity axis")
        return ast.Axes(r, c, node.span) if r and c else None

    def _segments(self, node: YValue | None, has_axes: bool) -> tuple[ast.Segment, ...]:
        out = []
        allowed = {"label": True, "aliases": False, "quadrant": has_axes, "service_use": True, "description": False}
        for key, body in self._section(node, "segments"):
            sid = self._id(key, "segment")
            body = self._expect(body, YMap, f"segment {key.value!r}")
            if sid is None or body is None:
                continue
            what = f"segment {sid!r}"
            self._keys(body, allowed, what)
            label = self.labels(body.get("label"), f"the label of {what}")
            aliases = self._aliases(body.get("aliases"), f"the aliases of {what}")
            use = self._choice(body.get("service_use"), f"service_use of {what}", ("occasional", "heavy"))
            quadrant = None
            q = self._expect(body.get("quadrant"), YMap, f"the quadrant of {what}")
            if q is not None:
                self._keys(q, {"resources": True, "complexity": True}, f"the quadrant of {what}")
                r = self._choice(q.get("resources"), f"the resources side of {what}", ("high", "low"))
                c = self._choice(q.get("complexity"), f"the complexity side of {what}", ("high", "low"))
                if r and c:
                    quadrant = ast.Quadrant(r, c)
            if quadrant is None and (q is not None or has_axes):  # reported here: missing or wrong
                self.left_out.add(("quadrant", sid))
            desc = self.labels(body.get("description"), f"the description of {what}") if body.get("description") else None
            if label and use:
                out.append(ast.Segment(sid, label, use, aliases, quadrant, desc, key.span))
        if node is not None and isinstance(node, YMap) and not node.items:
            self.sink.report("SR101", "the ruleset has no segments", node.span)
        return tuple(out)

    def _rules(self, node: YValue | None) -> tuple[ast.Rule, ...]:
        node = self._expect(node, YList, "rules")
        if node is None:
            return ()
        out = []
        for index, item in enumerate(node.items):
            parsed = self._dsl(item, f"rule {index + 1}", parse_rule)
            if parsed is None:
                continue
            kind, segment, seg_span, condition = parsed
            text = " ".join(str(item.value).split())
            out.append(ast.Rule(index, segment, condition, text, seg_span))
        if not node.items:
            self.sink.report("SR101", "the ruleset has no rules", node.span)
        return tuple(out)

    def _labels_list(self, node: YValue | None, what: str) -> tuple[ast.Labels, ...]:
        node = self._expect(node, YList, what)
        if node is None:
            return ()
        return tuple(l for i, item in enumerate(node.items) if (l := self.labels(item, f"{what}, item {i + 1}")))

    def _codes(self, node: YValue | None, what: str, choices: tuple[str, ...]) -> tuple[str, ...]:
        node = self._expect(node, YList, what)
        if node is None:
            return ()
        return tuple(c for item in node.items if (c := self._choice(item, f"an entry of {what}", choices)))

    def _pathways(self, node: YValue | None) -> tuple[ast.Pathway, ...]:
        out = []
        allowed = {
            "contact": True, "appointments": True, "coordination": True, "self_care": True,
            "reassess_after_months": True, "professional_role": False, "first_visit": False,
            "follow_up_visits": False, "service_model": False, "service_menu": False,
            "channels": False, "booking": False, "follow_up": False,
        }
        for key, body in self._section(node, "pathways"):
            sid = key.value if isinstance(key.value, str) else None
            body = self._expect(body, YMap, f"pathway {key.value!r}")
            if sid is None or body is None:
                continue
            what = f"the pathway of {sid!r}"
            self._keys(body, allowed, what)
            opt = lambda k: self.labels(body.get(k), f"{k} of {what}") if body.get(k) is not None else None
            contact = self.labels(body.get("contact"), f"contact of {what}")
            appointments = self._labels_list(body.get("appointments"), f"appointments of {what}")
            coordination = self.labels(body.get("coordination"), f"coordination of {what}")
            self_care = self.labels(body.get("self_care"), f"self_care of {what}")
            months = self._int(body.get("reassess_after_months"), f"reassess_after_months of {what}", 1, 60)
            follow = body.get("follow_up_visits")
            follow_n = self._int(follow, f"follow_up_visits of {what}", 0, 100) if follow is not None else None
            model = (
                self._choice(body.get("service_model"), f"service_model of {what}", ast.PATHWAY_SERVICE_MODELS)
                if body.get("service_model") is not None else None
            )
            menu = self._codes(body.get("service_menu"), f"service_menu of {what}", ast.PATHWAY_SERVICE_MENU)
            channels = self._codes(body.get("channels"), f"channels of {what}", ast.PATHWAY_CHANNELS)
            if body.get("appointments") is not None and not appointments and isinstance(body.get("appointments"), YList):
                self.sink.report("SR101", f"appointments of {what} is empty", body.get("appointments").span)
            if contact and appointments and coordination and self_care and months:
                out.append(ast.Pathway(
                    sid, contact, appointments, coordination, self_care, months,
                    professional_role=opt("professional_role"), first_visit=opt("first_visit"),
                    follow_up_visits=follow_n, service_model=model, service_menu=menu, channels=channels,
                    booking=opt("booking"), follow_up=opt("follow_up"), span=key.span,
                ))
        return tuple(out)

    def _examples(self, node: YValue | None) -> tuple[ast.Example, ...]:
        node = self._expect(node, YList, "examples")
        if node is None:
            return ()
        out = []
        for i, item in enumerate(node.items):
            body = self._expect(item, YMap, f"example {i + 1}")
            if body is None:
                continue
            self._keys(body, {"name": True, "answers": True, "expect": True}, f"example {i + 1}")
            name = self._text(body.get("name"), f"the name of example {i + 1}") or f"example {i + 1}"
            expect = self._text(body.get("expect"), f"expect of example {name!r}")
            answers = self._expect(body.get("answers"), YMap, f"the answers of example {name!r}")
            if answers is None or expect is None:
                continue
            pairs = []
            for k, v in answers.items:
                if not isinstance(v, YScalar):
                    self.sink.report("SR100", f"example {name!r}: the answer to {k.value!r} must be a single value", v.span)
                    continue
                pairs.append((str(k.value), v.value))
            out.append(ast.Example(name, tuple(pairs), expect, item.span))
        return tuple(out)


def build_ruleset(doc: YValue, sink: DiagnosticSink, *, content_hash: str, source: str) -> ast.RulesetDef | None:
    """The unchecked AST, or None when the file has problems (all of them reported)."""
    rs, _ = build_draft(doc, sink, content_hash=content_hash, source=source)
    return None if sink.has_errors else rs


def build_draft(
    doc: YValue, sink: DiagnosticSink, *, content_hash: str, source: str
) -> tuple[ast.RulesetDef | None, frozenset[tuple[str, str]]]:
    """What can be built of a file even when parts of it have problems, and what was left out
    (``Builder.left_out``), so that the names and types of the rest are checked too and every
    problem of the file is reported at once. None only when the file is not a mapping."""
    builder = Builder(sink)
    rs = builder.build(doc, content_hash=content_hash, source=source)
    return rs, frozenset(builder.left_out)


# The names the rule language's hints use in their examples: replaced by names from the
# model owner's own ruleset where it has an input of the same kind.
_EXAMPLE_ENUM, _EXAMPLE_VALUES, _EXAMPLE_NUMBER = "battery", ("illness", "risk"), "visits"


def own_names(hint: str, top: YMap | None) -> str:
    """``hint`` with its example names replaced by an enum input and its values, and a
    numeric input, of the ruleset being read (as far as it has them)."""
    inputs = top.get("inputs") if top is not None else None
    if not isinstance(inputs, YMap):
        return hint
    enum = number = None
    for key, body in inputs.items:
        if not isinstance(body, YMap) or not isinstance(key.value, str) or not ID_RE.match(key.value):
            continue
        kind = body.get("type")
        kind = kind.value if isinstance(kind, YScalar) else None
        values = body.get("values")
        if enum is None and kind == "enum" and isinstance(values, YMap) and len(values.items) >= 2:
            codes = [str(k.value) for k, _ in values.items[:2]]
            if all(ID_RE.match(c) for c in codes):
                enum = (key.value, codes)
        elif number is None and kind in ("integer", "scale"):
            number = key.value
    if enum is not None:
        hint = re.sub(rf"\b{_EXAMPLE_ENUM}\b", enum[0], hint)
        for old, new in zip(_EXAMPLE_VALUES, enum[1]):
            hint = hint.replace(f'"{old}"', f'"{new}"')
    if number is not None:
        hint = re.sub(rf"\b{_EXAMPLE_NUMBER}\b", number, hint)
    axes, segments = top.get("axes"), top.get("segments")
    names = {}
    if isinstance(axes, YMap):
        for axis in ("resources", "complexity"):
            score = axes.get(axis)
            if isinstance(score, YScalar) and isinstance(score.value, str) and ID_RE.match(score.value):
                names[axis] = score.value
    if isinstance(segments, YMap) and segments.items and isinstance(segments.items[0][0].value, str):
        names["omatoimi"] = segments.items[0][0].value
    if names:
        hint = re.sub(r"\b(resources|complexity|omatoimi)\b", lambda m: names.get(m.group(), m.group()), hint)
    return hint
