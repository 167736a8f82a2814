"""The HTML report for auditors: complete, escaped and self-contained."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import segrules
from segrules.verify import verify
from segrules.verify.html import html_report
from support import BASE, ROOT, load_path, variant

GAP = variant("omatoimi  when resources >= 3", "omatoimi  when resources > 3")
EVIL = variant(
    "  yhteiso:\n    label: {fi: t, sv: t, en: t}",
    '  yhteiso:\n    label: {fi: t, sv: t, en: "<script>alert(1)</script>"}\n    aliases: ["<img src=x onerror=alert(2)>"]',
)


class _Collector(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements (there must be none)."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "link", "input", "rect", "line", "path"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    c.close()
    return c


def report_of(text: str, name: str):
    rs = segrules.load_text(text, name)
    return verify(rs), rs


def test_escaping_of_ruleset_text():
    report, rs = report_of(EVIL, "evil<1>.yaml")
    page = html_report([report], [rs])
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "evil&lt;1&gt;.yaml" in page
    tags = {t for t, _ in parse(page).tags}
    assert "script" not in tags and "img" not in tags
    assert not any(k.startswith("on") for _, attrs in parse(page).tags for k in attrs)


def test_every_check_and_finding_is_in_the_page():
    report, rs = report_of(GAP, "gap.yaml")
    assert not report.proven
    page = html_report([report], [rs])
    for check in report.checks:
        assert f"<code>{check.name}</code>" in page
        assert html.escape(check.summary) in page
    findings = [f for c in report.checks for f in c.findings]
    assert findings
    for f in findings:
        assert html.escape(f.message) in page
        if f.witness is not None:
            witness = json.dumps(f.witness, ensure_ascii=False, sort_keys=True, indent=2)
            assert html.escape(witness) in page
        if f.answer_sets is not None:
            assert "answer sets affected" in page
        for r in f.rules:
            assert html.escape(f"{r.file}:{r.line}") in page
    assert "NOT PROVEN" in page
    # identity, method and time
    for text in (report.ruleset_id, report.version, report.content_hash, "gap.yaml", report.method):
        assert html.escape(text) in page
    assert f"{report.seconds:.2f} s" in page
    # the quadrant shows the gap
    assert "<svg" in page and "-gap)" in page


def test_several_rulesets_with_and_without_axes():
    paths = [ROOT / "rulesets" / "helsinki" / "suuntima.yaml",
             ROOT / "rulesets" / "vantaa_kerava" / "identification_guide.yaml"]
    rulesets = [load_path(p) for p in paths]
    reports = [verify(r) for r in rulesets]
    page = html_report(reports, list(reversed(rulesets)))  # matched by id, not order
    assert page.count("<svg") == 1  # the guide has no axes
    assert "<strong>2 of 2 rulesets proven.</strong>" in page
    for r in reports:
        assert r.content_hash in page and r.ruleset_id in page
    assert "Suuntima 2.0" in page
    # svg ids are unique in the page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_the_page_is_self_contained():
    report, rs = report_of(GAP, "gap.yaml")
    ok_report, ok_rs = report_of(BASE, "base.yaml")
    page = html_report([report, ok_report], [rs, ok_rs])
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page and "https://" not in page
    for tag, attrs in parse(page).tags:
        assert tag not in ("script", "link", "iframe", "object", "embed", "img")
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith("#"), (tag, name, value)
    assert "@import" not in page and "url(http" not in page and "url(//" not in page


def test_the_page_is_deterministic():
    report, rs = report_of(BASE, "base.yaml")
    first = html_report([report], [rs])
    again, rs2 = report_of(BASE, "base.yaml")
    # only the time the verifier took may differ between two runs
    strip = lambda page: re.sub(r"<dd>[0-9.]+ s</dd>", "", page)
    assert strip(first) == strip(html_report([again], [rs2]))


def test_no_rulesets_given():
    report, _ = report_of(BASE, "base.yaml")
    page = html_report([report], None)
    assert "test.base" in page and "<svg" not in page
    assert "No ruleset was verified" in html_report([], [])
