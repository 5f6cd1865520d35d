"""What every benchmark shares: the database it runs on, timing, statistics, reporting.

Benchmarks run against their own database, never the development one: SQLite in
var/bench/ (or ZHIBAO_VAR_DIR), PostgreSQL through DATABASE_URL. `setup()` migrates it and
loads the city-scale demo once; later runs reuse it.
"""
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(scale: str = "city") -> None:
    os.environ.setdefault("ZHIBAO_VAR_DIR", str(ROOT / "var" / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhibao.settings")
    os.environ.setdefault("ZHIBAO_TASKS_BACKEND", "immediate")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("demo", scale=scale, if_empty=True, verbosity=0)
    took = time.perf_counter() - started
    if took > 5:
        print(f"loaded the {scale} demo in {took:.0f} s")


def vendor() -> str:
    from django.db import connection

    return connection.vendor


def timed(fn, repeat: int) -> list[float]:
    """Milliseconds of `repeat` calls, after one warm-up call."""
    fn()
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def stats(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p95": p95, "n": len(ordered)}


def table(title: str, header: list[str], rows: list[list]) -> str:
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(_fmt(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
