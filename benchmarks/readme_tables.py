"""Copies exported BenchmarkDotNet tables into README.md between marker comments.

A README section `<!-- bench:DotBench -->` ... `<!-- /bench -->` receives the table of the report
whose file name contains `.DotBench-report-github.md`, with the environment lines BenchmarkDotNet
prints above it, so the table in the README is always the one a run produced.
"""
import pathlib
import re
import sys

results = pathlib.Path(sys.argv[1])
readme = pathlib.Path("README.md")
text = readme.read_text(encoding="utf-8")


def table(name: str) -> str:
    files = sorted(results.glob(f"*.{name}-report-github.md"))
    if not files:
        return None
    body = files[-1].read_text(encoding="utf-8").strip()
    # BenchmarkDotNet's github report: a ``` block with the environment, then the table.
    return f"From `{results.as_posix()}/{files[-1].name}`:\n\n{body}\n"


def replace(match: re.Match) -> str:
    name = match.group(1)
    new = table(name)
    if new is None:
        return match.group(0)
    return f"<!-- bench:{name} -->\n{new}<!-- /bench -->"


text = re.sub(r"<!-- bench:(\w+) -->.*?<!-- /bench -->", replace, text, flags=re.S)
readme.write_text(text, encoding="utf-8")
