#!/usr/bin/env python3
"""How long `segrules.load` takes for each shipped ruleset.

In a fresh process, `import` is importing segrules and `first` the first load, which also
builds the rule-language parser (what a command-line call pays on top of Python's start).
`again` is the median of further loads in the same process (what a service pays when it
reloads a model). Baseline in the same run: reading and
parsing the same file with PyYAML alone, which any YAML-based format pays.

Run: ``make bench-load`` (or ``python benchmarks/load_time.py``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

import segrules  # noqa: E402

FIRST = (
    "import time; t = time.perf_counter(); import segrules; u = time.perf_counter(); "
    "segrules.load({path!r}); print((u - t) * 1000, (time.perf_counter() - u) * 1000)"
)


def main() -> int:
    paths = sorted(p for p in (ROOT / "rulesets").rglob("*.yaml") if p.name != "crosswalk.yaml")
    print(f"{'ruleset':<48} {'import ms':>9} {'first ms':>9} {'again ms':>9} {'yaml ms':>8} {'× yaml':>7}")
    for path in paths:
        imports, firsts = [], []
        for _ in range(3):
            out = subprocess.run(
                [sys.executable, "-c", FIRST.format(path=str(path))], capture_output=True, text=True,
                cwd=ROOT, check=True,
            )
            imported, first = map(float, out.stdout.split())
            imports.append(imported)
            firsts.append(first)
        again, plain = [], []
        text = path.read_text(encoding="utf-8")
        for _ in range(15):
            t = time.perf_counter()
            segrules.load(path)
            again.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            plain.append((time.perf_counter() - t) * 1000)
        a, y = statistics.median(again), statistics.median(plain)
        name = str(path.relative_to(ROOT))
        print(f"{name:<48} {statistics.median(imports):>9.1f} {statistics.median(firsts):>9.1f} {a:>9.1f} "
              f"{y:>8.1f} {a / y:>6.0f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
