"""Seeded choices. Everything random in the demo comes from one `random.Random(seed)`."""
from bisect import bisect_right
from datetime import date
from itertools import accumulate


class Weighted:
    """A fixed weighted choice, O(log n) per draw."""

    def __init__(self, pairs):
        pairs = [(item, weight) for item, weight in (pairs.items() if isinstance(pairs, dict) else pairs)
                 if weight > 0]
        self.items = [item for item, _w in pairs]
        self.cum = list(accumulate(weight for _i, weight in pairs))
        self.total = self.cum[-1]

    def pick(self, rng):
        return self.items[min(bisect_right(self.cum, rng.random() * self.total), len(self.items) - 1)]


def pick_index(cum, total: float, rng) -> int:
    """Index drawn in proportion to the weights whose running sums are `cum`."""
    return min(bisect_right(cum, rng.random() * total), len(cum) - 1)


def year_weights(first: int, as_of: date, growth: float) -> dict[int, float]:
    """Weights of the years first..as_of.year, growing by `growth` a year; the current year
    counts only for the part of it that has passed."""
    weights = {y: growth ** (y - first) for y in range(first, as_of.year + 1)}
    weights[as_of.year] *= as_of.timetuple().tm_yday / 365
    return weights
