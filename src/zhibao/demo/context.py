"""The state one demo run shares between its generators."""
import random
from dataclasses import dataclass, field
from datetime import date

from .numbers import Numbers
from .people import Names
from .reference import Reference
from .writer import Writer


@dataclass(frozen=True)
class Scale:
    name: str
    entities: int
    persons: int
    inventions: int
    utilities: int
    designs: int
    trademarks: int
    works: int
    software: int
    plant_varieties: int

    @property
    def patents(self) -> int:
        return self.inventions + self.utilities + self.designs


SCALES = {
    # What tests and `make run` use: loads in a few seconds.
    "small": Scale("small", entities=2_000, persons=1_000, inventions=420, utilities=380, designs=150,
                   trademarks=1_500, works=250, software=250, plant_varieties=12),
    # A city the size of Xi'an's registries, for benchmarks.
    "city": Scale("city", entities=300_000, persons=120_000, inventions=48_000, utilities=50_000,
                  designs=14_000, trademarks=320_000, works=25_000, software=20_000, plant_varieties=150),
}


@dataclass
class Run:
    scale: Scale
    seed: int
    as_of: date
    writer: Writer
    rng: random.Random = field(init=False)
    numbers: Numbers = field(init=False)
    names: Names = field(init=False)
    ref: Reference | None = None

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        self.numbers = Numbers(self.seed)
        self.names = Names()

    @property
    def say(self):
        return self.writer.say

    def day_in_year(self, year: int, not_after: date | None = None) -> date:
        """A random day of `year`, never after `not_after` (default: the data date)."""
        limit = not_after or self.as_of
        start = date(year, 1, 1).toordinal()
        end = min(date(year, 12, 31).toordinal(), limit.toordinal())
        if end < start:
            return limit
        return date.fromordinal(self.rng.randint(start, end))
