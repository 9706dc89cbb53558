"""Draw a figure's key poses in braille characters, small enough for a terminal corner.

Each character holds 2 x 4 dots, which are about square in a terminal, so a
body 7 rows high is 28 dots tall: enough to tell a squat from a lunge. The
working limbs keep their accent colour.
"""

from __future__ import annotations

import itertools
import math

from rich.text import Text

from runstrong.figures import body
from runstrong.figures.model import Box, Figure

#: bit of each dot in a braille cell, by (column, row)
_DOTS = {(0, 0): 0x01, (0, 1): 0x02, (0, 2): 0x04, (1, 0): 0x08,
         (1, 1): 0x10, (1, 2): 0x20, (0, 3): 0x40, (1, 3): 0x80}  # fmt: skip
_STYLES = {3: "bold #e8590c", 2: "", 1: "grey58", 0: "grey46"}  # working, body, far, scenery

_LIMBS = {
    "right_leg": ("right_thigh", "right_shin", "right_foot"),
    "left_leg": ("left_thigh", "left_shin", "left_foot"),
    "right_arm": ("right_upper_arm", "right_forearm"),
    "left_arm": ("left_upper_arm", "left_forearm"),
    "trunk": ("trunk", "chest"),
}

Shape = tuple[str, tuple, tuple, float, int]  # kind, a, b, radius, priority


def _shapes(figure: Figure, placed: body.Placed, frame: body.Frame) -> list[Shape]:
    working = {s for limb in figure.working for s in _LIMBS[limb]}
    shapes: list[Shape] = []
    if figure.view != "above":
        shapes.append(("line", (frame.left, -1.5), (frame.right, -1.5), 1.0, 0))
    for prop in figure.props:
        if isinstance(prop, Box):
            corners = [(prop.x, 0), (prop.x, prop.height), (prop.x + prop.width, prop.height)]
            corners.append((prop.x + prop.width, 0))
            shapes += [("line", a, b, 1.0, 0) for a, b in itertools.pairwise(corners)]
    for segment, start, end in placed.segments():
        far = figure.view == "side" and segment.startswith("left_")
        rank = 3 if segment in working else 1 if far else 2
        back = figure.view == "above" and segment in ("trunk", "chest")
        radius = body.BACK_WIDTH / 2 if back else body.STROKE / 2
        shapes.append(("line", placed.points[start], placed.points[end], radius, rank))
    shapes.append(("disc", placed.points["head"], (), body.HEAD_RADIUS, 2))
    pose = placed.pose
    for centre, radius in body.held_weights(figure, pose, placed.points):
        shapes.append(("disc", centre, (), radius, 0))
    return shapes


def _distance(point: tuple[float, float], a: tuple, b: tuple) -> float:
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if not length else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _pose_cells(
    shapes: list[Shape], frame: body.Frame, rows: int, columns: int, *, mirror: bool
) -> list[list[tuple[int, int]]]:
    """(dot bits, priority) for each character cell of one pose."""
    step = frame.height / (rows * 4)
    cells = [[(0, -1) for _ in range(columns)] for _ in range(rows)]
    left = (frame.left + frame.right - columns * 2 * step) / 2
    for dot_y in range(rows * 4):
        y = frame.top - (dot_y + 0.5) * step
        for dot_x in range(columns * 2):
            x = left + (dot_x + 0.5) * step
            if mirror:
                x = frame.left + frame.right - x
            best = -1
            for kind, a, b, radius, rank in shapes:
                reach = max(radius, 0.6 * step)
                inside = (
                    math.hypot(x - a[0], y - a[1]) <= reach
                    if kind == "disc"
                    else _distance((x, y), a, b) <= reach
                )
                if inside:
                    best = max(best, rank)
            if best >= 0:
                bits, rank = cells[dot_y // 4][dot_x // 2]
                cells[dot_y // 4][dot_x // 2] = (
                    bits | _DOTS[dot_x % 2, dot_y % 4],
                    max(rank, best),
                )
    return cells


def braille_poses(
    figure: Figure, *, mirror: bool = False, rows: int = 7, max_width: int = 40
) -> Text:
    """The key poses side by side, `rows` characters high (fewer if they would be wider
    than `max_width` characters)."""
    placed = [p for p in body.placed_poses(figure) if p.pose.key]
    frame = body.frame(figure, body.placed_poses(figure), margin=2.0)

    def columns_for(height: int) -> int:
        return max(1, round(frame.width / frame.height * height * 2))

    while rows > 3 and len(placed) * (columns_for(rows) + 2) - 2 > max_width:
        rows -= 1
    columns = columns_for(rows)
    drawn = [
        _pose_cells(_shapes(figure, p, frame), frame, rows, columns, mirror=mirror) for p in placed
    ]
    text = Text(no_wrap=True)
    for row in range(rows):
        for number, cells in enumerate(drawn):
            if number:
                text.append("  ")
            for bits, rank in cells[row]:
                text.append(chr(0x2800 + bits), style=_STYLES[rank] if bits else "")
        if row < rows - 1:
            text.append("\n")
    return text
