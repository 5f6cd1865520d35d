"""Chart images for the Word report, drawn on the server with matplotlib (Agg, no display) in
Noto Sans CJK so that Chinese labels print: the Word file carries pictures, not scripts."""
import io
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure as Canvas  # noqa: E402

CJK_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",)


@lru_cache(maxsize=1)
def _font() -> str | None:
    for path in CJK_FONTS:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    return None


def trend_png(fig, target_label: str) -> bytes | None:
    """The monthly trend of a cockpit Figure with its target as a line; None without a trend."""
    points = [(f"{d:%Y-%m}", v) for d, v in fig.trend if v is not None]
    if not points:
        return None
    family = _font()
    canvas = Canvas(figsize=(6, 2.4), dpi=150)
    ax = canvas.subplots()
    labels, values = zip(*points)
    ax.plot(labels, values, marker="o", color="#b3261e", linewidth=1.8)
    if fig.target is not None:
        ax.axhline(float(fig.target.value), color="#1e7e34", linestyle="--", linewidth=1,
                   label=f"{target_label} {fig.target.value:g}")
        ax.legend(loc="best", fontsize=8, prop={"family": family} if family else None)
    ax.set_ylabel(fig.unit, fontsize=8, fontfamily=family)
    ax.tick_params(labelsize=7)
    ax.grid(axis="y", color="#d9dee4", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    canvas.tight_layout()
    out = io.BytesIO()
    canvas.savefig(out, format="png")
    return out.getvalue()
