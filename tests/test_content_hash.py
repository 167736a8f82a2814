"""The content hash as docs/decision-record.md describes it, recomputed without segrules.

The recipe is taken from the page itself and run in a separate Python process that has only
the standard library and PyYAML: if the page and the code drift apart, this fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import segrules

from support import ALL_RULESETS, BASE, ROOT, variant

DOC = ROOT / "docs" / "decision-record.md"
BEGIN, END = "<!-- hash-recipe:begin -->", "<!-- hash-recipe:end -->"


def recipe() -> str:
    text = DOC.read_text(encoding="utf-8")
    block = text[text.index(BEGIN) + len(BEGIN): text.index(END)].strip()
    assert block.startswith("```python\n") and block.endswith("```")
    return block[len("```python\n"):-3]


def hashes_by_recipe(paths: list[Path]) -> list[str]:
    """The recipe's hash of each file, computed in a process where importing segrules fails."""
    program = recipe() + (
        "\nimport sys\n"
        "assert sys.modules['segrules'] is None and not any(m.startswith('segrules.') for m in sys.modules)\n"
        "for path in sys.argv[1:]:\n"
        "    print(content_hash(path))\n"
    )
    blocker = "import sys; sys.modules['segrules'] = None\n"  # an import of segrules would fail
    proc = subprocess.run(
        [sys.executable, "-I", "-c", blocker + program, *map(str, paths)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_the_recipe_uses_only_the_standard_library_and_pyyaml():
    imported = {line.split()[1].split(".")[0] for line in recipe().splitlines() if line.startswith(("import ", "from "))}
    assert imported <= {"hashlib", "json", "yaml"}


def test_every_shipped_ruleset_by_the_documented_recipe():
    paths = ALL_RULESETS
    assert len(hashes_by_recipe(paths)) == len(paths)
    assert hashes_by_recipe(paths) == [segrules.load(p).content_hash for p in paths]


TRICKY = {
    "a decimal label": ("title: {fi: Testimalli,", "title: {fi: 2.50,"),
    "an integer label": ("title: {fi: Testimalli,", "title: {fi: 10,"),
    # 010 and 0x1F unquoted are refused (SR015: YAML versions read them differently)
    "a hexadecimal label": ("title: {fi: Testimalli,", "title: {fi: \"0x1F\","),
    "a negative integer label": ("title: {fi: Testimalli,", "title: {fi: -10,"),
    "a .nan label": ("title: {fi: Testimalli,", "title: {fi: .nan,"),
    "a decimal with an exponent": ("title: {fi: Testimalli,", "title: {fi: 1.5e+3,"),
    "quoted text": ("title: {fi: Testimalli,", "title: {fi: \"Testi\\u00e4 \\\"x\\\"\\t\","),
    "non-ASCII and an emoji": ("title: {fi: Testimalli,", "title: {fi: Hyvinvointialue ä ö å 🙂,"),
    "a block scalar": ("title: {fi: Testimalli,", "title: {fi: \"a\\nb\","),
    "keys in another order": ("format: 1\nid: test.base\n", "id: test.base\nformat: 1\n"),
    "comments": ("format: 1\n", "# comment\nformat: 1 # more\n"),
}


@pytest.mark.parametrize("case", sorted(TRICKY))
def test_tricky_content_by_the_documented_recipe(case, tmp_path):
    old, new = TRICKY[case]
    text = variant(old, new, BASE)
    plain = tmp_path / "plain.yaml"
    plain.write_text(text, encoding="utf-8")
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))  # a BOM, CR LF line ends
    expected = segrules.load(plain).content_hash
    assert segrules.load(crlf).content_hash == expected
    assert hashes_by_recipe([plain, crlf]) == [expected, expected]
