"""Copies exported BenchmarkDotNet tables into the documentation between marker comments.

A section `<!-- bench:DotBench -->` ... `<!-- /bench -->` in docs/performance.md (or README.md)
receives the report whose file is named `*.DotBench-report-github.md` (as BenchmarkDotNet exports
it) or `DotBench.md`, with the environment lines BenchmarkDotNet prints above the table, so the
page shows what a run produced. `<!-- bench:training -->` receives the `mf train --json` runs saved
as `training-k{K}-t{T}.json`, as one table. Sections whose results are missing are left as they are.

    python3 benchmarks/readme_tables.py benchmarks/results/<processor>
"""
import json
import os
import pathlib
import re
import sys

# The script may be started from anywhere; paths in the pages are relative to the repository.
root = pathlib.Path(__file__).resolve().parent.parent
os.chdir(root)

# Every page that may hold marker sections; a page without markers is left unchanged.
pages = [pathlib.Path("docs/performance.md"), pathlib.Path("README.md")]

results = pathlib.Path(os.path.relpath(pathlib.Path(sys.argv[1]).resolve(), root))


def link(page: pathlib.Path, target: pathlib.Path) -> str:
    """A markdown link target for a repository file, relative to the page that shows it."""
    return pathlib.Path(os.path.relpath(target, page.parent)).as_posix()


def table(name: str) -> str:
    files = sorted(results.glob(f"*.{name}-report-github.md")) or sorted(results.glob(f"{name}.md"))
    if not files:
        return None
    body = files[-1].read_text(encoding="utf-8").strip()
    # BenchmarkDotNet's github report: a ``` block with the environment, then the table.
    return f"From `{results.as_posix()}/{files[-1].name}`:\n\n{body}\n"


def training_table(page: pathlib.Path) -> str:
    """The `mf train --json` runs saved as training-k{K}-t{T}.json, as one table."""
    rows = []
    for f in sorted(results.glob("training-k*-t*.json")):
        run = json.loads(f.read_text(encoding="utf-8"))
        in_epochs = run['trainRatings'] * run['epochs'] / run['epochSeconds'] / run['threads']
        rows.append(
            f"| {run['factors']} | {run['threads']} | {run['epochs']} | {run['trainSeconds']:.2f} s "
            f"| {run['epochSeconds']:.2f} s | {run['updatesPerSecondPerThread'] / 1e6:.1f}M | {in_epochs / 1e6:.1f}M "
            f"| [{f.name}]({link(page, f)}) |")
    if not rows:
        return None
    head = ("| k | threads | epochs | train time (all) | epochs only | updates/s/thread (all) | updates/s/thread (epochs) | run |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- |\n")
    return head + "\n".join(rows) + "\n"


def refresh(page: pathlib.Path) -> None:
    def replace(match: re.Match) -> str:
        name = match.group(1)
        new = training_table(page) if name == "training" else table(name)
        if new is None:
            return match.group(0)
        return f"<!-- bench:{name} -->\n{new}<!-- /bench -->"

    text = page.read_text(encoding="utf-8")
    updated = re.sub(r"<!-- bench:(\w+) -->.*?<!-- /bench -->", replace, text, flags=re.S)
    if updated != text:
        page.write_text(updated, encoding="utf-8")


for page in pages:
    if page.exists():
        refresh(page)
