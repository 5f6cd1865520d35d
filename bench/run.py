"""Run the benchmarks: `make bench` (SQLite) or `DATABASE_URL=postgres://… make bench`.

    python bench/run.py [--scale city|small] [--only search|import|indicators|cases] [--repeat 30] [--rows 100000]

Prints Markdown tables (copied into docs/performance.md) and keeps them in bench/results/.
"""
import argparse
import datetime
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="city", choices=["city", "small"])
    parser.add_argument("--only", choices=["search", "import", "indicators", "cases"])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    args = parser.parse_args()

    common.setup(args.scale)
    import cases
    import imports
    import indicators
    import search

    parts = [f"## {common.vendor()}, {args.scale} scale, {datetime.date.today()}, "
             f"Python {platform.python_version()}, {platform.machine()}\n"]
    print(parts[0], flush=True)
    if args.only in (None, "search"):
        parts.append(search.run(args.repeat))
        print(parts[-1], flush=True)
    if args.only in (None, "import"):
        parts.append(imports.run(tuple(args.rows)))
        print(parts[-1], flush=True)
    if args.only in (None, "indicators"):
        parts.append(indicators.run(min(args.repeat, 10)))
        print(parts[-1], flush=True)
    if args.only in (None, "cases"):
        parts.append(cases.run(args.repeat))
        print(parts[-1], flush=True)
    report = "\n".join(parts)
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    (results / f"{common.vendor()}-{args.scale}-{datetime.datetime.now():%Y%m%d-%H%M%S}.md").write_text(report)


if __name__ == "__main__":
    main()
