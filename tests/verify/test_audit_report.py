"""The report an auditor files: what ``segrules verify --report`` and ``--lang`` put in it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import segrules
from segrules import cli
from segrules.i18n import LANGUAGES, TEXTS
from segrules.verify import verify
from segrules.verify.html import HASH_RECIPE, html_report
from segrules.verify.model import size_text

from example_ruleset import EXAMPLE

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_counts_are_written_in_full():
    assert size_text(2_297_000) == "2 297 000"
    assert "e+" not in size_text(10**20) and size_text(10**20).startswith("100 000 000")


def test_every_report_text_has_every_language():
    keys = {k for k in TEXTS["en"] if k.startswith(("verify.", "report.", "status."))}
    assert "verify.proven" in keys and "report.rules" in keys
    for lang in LANGUAGES:
        assert keys <= set(TEXTS[lang]), lang


def test_the_hash_recipe_in_the_report_is_the_documented_one():
    doc = (DOCS / "decision-record.md").read_text(encoding="utf-8")
    block = doc.split("<!-- hash-recipe:begin -->\n```python\n")[1].split("```\n<!-- hash-recipe:end -->")[0]
    assert HASH_RECIPE == block


def test_the_page_has_what_an_auditor_files(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    rs = segrules.load(str(path))
    report = verify(rs, method="enumeration", budget=30)
    at = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone.utc)
    page = html_report([report], [rs], lang="sv", generated_at=at, command=["segrules", "verify", str(path)])
    # no machine path: a file outside the working folder is named alone
    assert "2026-03-01T09:30:00+00:00" in page and "segrules verify model.yaml" in page
    assert str(tmp_path) not in page
    assert re.search(r"PyYAML [0-9.]+, libyaml används: (ja|nej)", page) and "lark " in page and "Python " in page
    assert page.count(rs.ref.content_hash) >= 1 and "def content_hash(path)" in page
    for rule in rs.definition.rules:  # every rule with its file:line
        assert f"model.yaml:{rule.span.line}" in page
    for inp in rs.definition.inputs:
        assert f"<code>{inp.id}</code>" in page
    for ex in rs.definition.examples:
        assert ex.name in page
    assert "Regler" in page and "Indata" in page and "Exempel" in page  # the language asked for
    assert "(--method enumeration)" in page  # the method was forced
    if rs.definition.provenance:
        assert "Ursprung" in page


def test_verify_on_the_command_line_in_finnish_with_the_full_hash(tmp_path, capsys):
    path = tmp_path / "model.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    out_html = tmp_path / "r.html"
    assert cli.main(["verify", str(path), "--lang", "fi", "--report", str(out_html)]) == 0
    out = capsys.readouterr()
    rs = segrules.load(str(path))
    assert rs.ref.content_hash in out.out and "TODISTETTU" in out.out
    assert out.err == ""  # no progress lines when stderr is not a terminal
    page = out_html.read_text(encoding="utf-8")
    assert "segrules verify model.yaml --lang fi --report r.html" in page
    assert 'lang="fi"' in page and str(tmp_path) not in page and str(tmp_path) not in out.out.replace(str(out_html), "")


def test_json_emits_every_report_when_one_ruleset_fails(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text(EXAMPLE, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: [\n", encoding="utf-8")
    assert cli.main(["--json", "verify", str(bad), str(good), str(bad)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [r.get("file") or r["ruleset"]["file"] for r in doc["reports"]] == [str(bad), str(good), str(bad)]
    assert doc["reports"][1]["proven"] is True and doc["proven"] is False
