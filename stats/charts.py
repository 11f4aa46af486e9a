"""What the statistics page draws: rows, labels and SVG geometry, in the page's language.

The page's templates turn these into plain SVG elements with presentation
attributes (no script, no style attribute: the Content-Security-Policy allows neither).
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from directory.models import Listing, Role, in_english

from .numbers import STAGES


@dataclass
class Row:
    label: str
    value: int
    share: float = 0.0  # of the largest value, 0–100: the bar's length
    percent: float = 0.0  # of the total, 0–100
    url: str = ""
    extra: dict = field(default_factory=dict)


def rows(items, *, total=None):
    """[Row] from [(label, value, url)], with bar lengths relative to the largest value."""
    items = list(items)
    largest = max((value for _label, value, _url in items), default=0) or 1
    total = total if total is not None else sum(value for _label, value, _url in items)
    return [
        Row(str(label), value, 100 * value / largest, 100 * value / total if total else 0, url)
        for label, value, url in items
    ]


def role_rows(numbers, directory_url):
    return rows((role.label, role.count, f"{directory_url}?role={role.code}") for role in numbers["roles"])


def province_rows(numbers, directory_url):
    return rows(
        (name, count, f"{directory_url}?province={code}") for code, name, count in numbers["provinces"]
    )


def category_rows(numbers, directory_url):
    english = in_english()
    return rows(
        (
            f"{(name_en if english and name_en else name)} ({Role.Code(role).label})",
            count,
            f"{directory_url}?role={role}&category={slug}",
        )
        for role, slug, name, name_en, count in numbers["categories"]
    )


def size_rows(numbers, directory_url):
    labels = dict(Listing.Size.choices)
    counted = [(labels[code], count, f"{directory_url}?size={code}") for code, count in numbers["sizes"]]
    unknown = numbers["total"] - sum(count for _code, count in numbers["sizes"])
    return rows([*counted, (_("Size not given"), unknown, "")], total=numbers["total"])


@dataclass
class Donut:
    """A ring whose arc is `percent` of the circle (stroke-dasharray on a circle of radius 40)."""

    percent: float
    radius: int = 40

    @property
    def arc(self):
        return 2 * math.pi * self.radius * self.percent / 100

    @property
    def rest(self):
        return 2 * math.pi * self.radius - self.arc


def verified_share(numbers, directory_url):
    total, verified = numbers["total"], numbers["verified"]
    return {
        "donut": Donut(100 * verified / total if total else 0),
        "rows": rows(
            [
                (_("Verified by BPIPI"), verified, f"{directory_url}?verified=1"),
                (_("Not verified yet"), total - verified, ""),
            ]
        ),
    }


@dataclass
class Column:
    month: object
    value: int
    x: float
    y: float
    width: float
    height: float
    label: bool  # whether the month is named under the axis
    total: int = 0


WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 720, 260, 56, 16, 216


def columns(months, *, before=0):
    """Column geometry for [(month, value)] in a WIDTH × HEIGHT view; `before` starts the running total."""
    largest = max((value for _month, value in months), default=0)
    scale = nice_ceiling(largest)
    step = (WIDTH - LEFT - 8) / max(len(months), 1)
    running = before
    result = []
    for index, (month, value) in enumerate(months):
        height = (BOTTOM - TOP) * value / scale if scale else 0
        running += value
        result.append(
            Column(
                month=month,
                value=value,
                x=LEFT + index * step + step * 0.15,
                y=BOTTOM - height,
                width=step * 0.7,
                height=height,
                label=index % 6 == 0 or index == len(months) - 1,
                total=running,
            )
        )
    return {
        "columns": result,
        "scale": scale,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "bottom": BOTTOM,
        "top": TOP,
    }


def nice_ceiling(value):
    """The axis maximum: 1, 2 or 5 times a power of ten, at least `value` (0 for 0)."""
    if value <= 0:
        return 0
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if value <= factor * power:
            return factor * power
    return 10 * power


@dataclass
class Stage:
    code: str
    label: str
    y: float
    count: int


@dataclass
class Flow:
    source: str
    target: str
    count: int
    path: str
    label_x: float
    label_y: float
    stroke: float


STAGE_X, STAGE_WIDTH, STAGE_HEIGHT, STAGE_GAP = 8, 206, 56, 112


def flow(numbers):
    """The chain's stages top to bottom, with an arc for each stage pair that has confirmed links."""
    counts = {role.code: role.count for role in numbers["roles"]}
    position = {code: index for index, code in enumerate(STAGES)}
    stages = [
        Stage(code, Role.Code(code).label, 16 + index * STAGE_GAP, counts.get(code, 0))
        for index, code in enumerate(STAGES)
    ]
    pairs = [
        (source, target, n)
        for source, target, n in numbers["links"]
        if source in position and target in position
    ]
    largest = max((n for _s, _t, n in pairs), default=1)
    right = STAGE_X + STAGE_WIDTH
    flows = []
    for source, target, n in sorted(pairs, key=lambda pair: (position[pair[0]], position[pair[1]])):
        y1 = stages[position[source]].y + STAGE_HEIGHT * 0.35
        y2 = stages[position[target]].y + STAGE_HEIGHT * 0.65
        distance = abs(position[target] - position[source])
        bulge = 28 + 26 * distance
        path = (
            f"M {right} {y1:.1f} C {right + bulge} {y1:.1f}, {right + bulge} {y2:.1f}, {right + 4} {y2:.1f}"
        )
        flows.append(
            Flow(
                source=source,
                target=target,
                count=n,
                path=path,
                label_x=right + bulge * 0.75,
                label_y=(y1 + y2) / 2 + 5,
                stroke=2 + 8 * n / largest,
            )
        )
    other = [
        (Role.Code(source).label, Role.Code(target).label, n)
        for source, target, n in numbers["links"]
        if source not in position or target not in position
    ]
    return {
        "stages": stages,
        "flows": flows,
        "height": 16 + len(STAGES) * STAGE_GAP,
        "stage_x": STAGE_X,
        "stage_width": STAGE_WIDTH,
        "stage_height": STAGE_HEIGHT,
        "table": [(Role.Code(f.source).label, Role.Code(f.target).label, f.count) for f in flows] + other,
    }
