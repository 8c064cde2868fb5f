"""Copies exported BenchmarkDotNet tables into README.md between marker comments.

A README section `<!-- bench:DotBench -->` ... `<!-- /bench -->` receives the report whose file is
named `*.DotBench-report-github.md` (as BenchmarkDotNet exports it) or `DotBench.md`, with the
environment lines BenchmarkDotNet prints above the table, so the README shows what a run produced.
"""
import pathlib
import re
import sys

results = pathlib.Path(sys.argv[1])
readme = pathlib.Path("README.md")
text = readme.read_text(encoding="utf-8")


def table(name: str) -> str:
    files = sorted(results.glob(f"*.{name}-report-github.md")) or sorted(results.glob(f"{name}.md"))
    if not files:
        return None
    body = files[-1].read_text(encoding="utf-8").strip()
    # BenchmarkDotNet's github report: a ``` block with the environment, then the table.
    return f"From `{results.as_posix()}/{files[-1].name}`:\n\n{body}\n"


def training_table() -> str:
    """The `mf train --json` runs saved as training-k{K}-t{T}.json, as one table."""
    import json
    rows = []
    for f in sorted(results.glob("training-k*-t*.json")):
        run = json.loads(f.read_text(encoding="utf-8"))
        in_epochs = run['trainRatings'] * run['epochs'] / run['epochSeconds'] / run['threads']
        rows.append(
            f"| {run['factors']} | {run['threads']} | {run['epochs']} | {run['trainSeconds']:.2f} s "
            f"| {run['epochSeconds']:.2f} s | {run['updatesPerSecondPerThread'] / 1e6:.1f}M | {in_epochs / 1e6:.1f}M "
            f"| [{f.name}]({results.as_posix()}/{f.name}) |")
    if not rows:
        return None
    head = ("| k | threads | epochs | train time (all) | epochs only | updates/s/thread (all) | updates/s/thread (epochs) | run |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- |\n")
    return head + "\n".join(rows) + "\n"


def replace(match: re.Match) -> str:
    name = match.group(1)
    new = training_table() if name == "training" else table(name)
    if new is None:
        return match.group(0)
    return f"<!-- bench:{name} -->\n{new}<!-- /bench -->"


text = re.sub(r"<!-- bench:(\w+) -->.*?<!-- /bench -->", replace, text, flags=re.S)
readme.write_text(text, encoding="utf-8")
