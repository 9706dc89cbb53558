"""Where every joint of a key pose lands: proportions, joint positions, resting on the floor.

Both renderers draw from these positions (the SVG one also nests its groups
in the same order), so a pose looks the same in a browser, on paper and in
a terminal. Units are centimetres of a 170 cm body, y pointing up, the floor
at y = 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from runstrong.figures.model import Box, Figure, Kettlebell, KeyPose

#: Segment lengths (cm). The shin reaches down to the heel; the head is drawn
#: as a circle HEAD_RADIUS wide, NECK above the top of the chest.
LENGTH = {
    "trunk": 26.0,
    "chest": 24.0,
    "thigh": 43.0,
    "shin": 50.0,
    "foot": 21.0,
    "upper_arm": 30.0,
    "forearm": 27.0,
}
NECK = 6.0
HEAD_RADIUS = 10.0
HIP_HALF_WIDTH = 9.0
SHOULDER_HALF_WIDTH = 17.0
STROKE = 8.0
BACK_WIDTH = 22.0  # the trunk seen from above
HAND_RADIUS = 4.5
KNEE_RADIUS = 6.0  # seen from the front
BELL_RADIUS = 8.0
BELL_REACH = 12.0  # from the hand to the kettlebell's centre
DUMBBELL_HALF = 8.0
PLATE_RADIUS = 5.5


def kind_of(segment: str) -> str:
    """ "right_thigh" -> "thigh"."""
    return segment.split("_", 1)[1] if segment.startswith(("right_", "left_")) else segment


def direction(segment: str, angle: float) -> float:
    """A segment's direction in degrees from straight down, + forward (counter-clockwise)."""
    return 180.0 - angle if segment in ("trunk", "chest", "head") else angle


def unit(degrees: float) -> tuple[float, float]:
    """The unit vector `degrees` from straight down (y up)."""
    radians = math.radians(degrees)
    return math.sin(radians), -math.cos(radians)


def lateral_sign(view: str, side: str) -> float:
    """Where a right or left limb sits across the body: nowhere in a side view; seen from
    the front the right limbs are on the picture's left, seen from above (the back) on its right."""
    if view == "side":
        return 0.0
    sign = 1.0 if side == "right" else -1.0
    return sign if view == "front" else -sign


@dataclass(frozen=True)
class Placed:
    """A key pose with every point in place (cm), resting on whatever is under it."""

    pose: KeyPose
    points: dict[str, tuple[float, float]]
    hips: tuple[float, float]

    def segments(self) -> list[tuple[str, str, str]]:
        """(segment name, from point, to point) for every bone, trunk first."""
        bones = [("trunk", "hips", "waist"), ("chest", "waist", "neck")]
        for side in ("right", "left"):
            bones += [
                (f"{side}_thigh", f"{side}_hip", f"{side}_knee"),
                (f"{side}_shin", f"{side}_knee", f"{side}_heel"),
                (f"{side}_foot", f"{side}_heel", f"{side}_toes"),
                (f"{side}_upper_arm", f"{side}_shoulder", f"{side}_elbow"),
                (f"{side}_forearm", f"{side}_elbow", f"{side}_hand"),
            ]
        return bones


def _add(a: tuple[float, float], b: tuple[float, float], k: float = 1.0) -> tuple[float, float]:
    return a[0] + k * b[0], a[1] + k * b[1]


def joint_points(figure: Figure, pose: KeyPose, hips: tuple[float, float]) -> dict[str, tuple]:
    """Every named point of `pose` with the hips at `hips`."""
    angles, lengths = pose.angles, pose.lengths
    trunk = direction("trunk", angles["trunk"])
    chest = direction("chest", angles["chest"])
    head = direction("head", angles["head"])
    points: dict[str, tuple[float, float]] = {"hips": hips}
    points["waist"] = _add(hips, unit(trunk), LENGTH["trunk"] * lengths["trunk"])
    points["neck"] = _add(points["waist"], unit(chest), LENGTH["chest"] * lengths["chest"])
    points["head"] = _add(points["neck"], unit(head), NECK + HEAD_RADIUS)
    for side in ("right", "left"):
        sign = lateral_sign(figure.view, side)
        hip = _add(hips, unit(trunk + 90), HIP_HALF_WIDTH * sign)
        shoulder = _add(points["neck"], unit(chest + 90), SHOULDER_HALF_WIDTH * sign)
        points[f"{side}_hip"] = hip
        points[f"{side}_shoulder"] = shoulder
        chain = [
            ("hip", "thigh", "knee"),
            ("knee", "shin", "heel"),
            ("heel", "foot", "toes"),
            ("shoulder", "upper_arm", "elbow"),
            ("elbow", "forearm", "hand"),
        ]
        for start, part, end in chain:
            segment = f"{side}_{part}"
            reach = LENGTH[part] * lengths[segment]
            points[f"{side}_{end}"] = _add(points[f"{side}_{start}"], unit(angles[segment]), reach)
    return points


def weight_hand(hand: str) -> str:
    """The hand a weight is drawn in: one held in both hands sits in the right one's grip."""
    return "right" if hand == "both" else hand


def held_weights(figure: Figure, pose: KeyPose, points: dict) -> list[tuple[tuple, float]]:
    """(centre, radius) of every weight held, for resting on the floor and framing."""
    found = []
    for prop, held_in in zip(figure.weights(), pose.hands, strict=True):
        side = weight_hand(held_in)
        hand = points[f"{side}_hand"]
        forearm = pose.angles[f"{side}_forearm"]
        if isinstance(prop, Kettlebell):
            found.append((_add(hand, unit(forearm), BELL_REACH), BELL_RADIUS))
        else:
            across = unit(forearm + 90)
            found += [(_add(hand, across, k * DUMBBELL_HALF), PLATE_RADIUS) for k in (-1, 1)]
    return found


def _circles(figure: Figure, pose: KeyPose, points: dict) -> list[tuple[tuple, float]]:
    circles = [(p, STROKE / 2) for name, p in points.items() if name != "head"]
    circles.append((points["head"], HEAD_RADIUS))
    return circles + held_weights(figure, pose, points)


def surface(figure: Figure, x: float) -> float:
    """Height of what is under `x`: a box top or the floor."""
    tops = [p.height for p in figure.props if isinstance(p, Box) and p.x <= x <= p.x + p.width]
    return max(tops, default=0.0)


def place(figure: Figure, pose: KeyPose) -> Placed:
    """Put the pose down: lowered until some part rests on the floor or a box, then lifted
    by its `y`. Seen from above nothing rests anywhere: the hips go to (x, y)."""
    points = joint_points(figure, pose, (pose.x, 0.0))
    if figure.view == "above":
        drop = -pose.y
    else:
        drop = (
            min(c[1] - r - surface(figure, c[0]) for c, r in _circles(figure, pose, points))
            - pose.y
        )
    hips = (pose.x, -drop)
    return Placed(pose, joint_points(figure, pose, hips), hips)


def placed_poses(figure: Figure) -> list[Placed]:
    return [place(figure, pose) for pose in figure.key_poses()]


@dataclass(frozen=True)
class Frame:
    """The area every pose of a figure fits in (cm, y up), the same for all its poses."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def frame(figure: Figure, placed: list[Placed], *, margin: float = 6.0) -> Frame:
    """Fits every pose, the props and (except from above) the floor; never narrower than
    three quarters of its height, so a standing figure has room to move."""
    xs: list[float] = []
    ys: list[float] = [] if figure.view == "above" else [0.0]
    for item in placed:
        for (x, y), r in _circles(figure, item.pose, item.points):
            xs += [x - r, x + r]
            ys += [y - r, y + r]
    for prop in figure.props:
        if isinstance(prop, Box):
            xs += [prop.x, prop.x + prop.width]
            ys.append(prop.height)
    left, right = min(xs) - margin, max(xs) + margin
    bottom, top = min(ys) - margin, max(ys) + margin
    if figure.view != "above":
        bottom = min(bottom, -3.0)
    spare = 0.75 * (top - bottom) - (right - left)
    if spare > 0:
        left, right = left - spare / 2, right + spare / 2
    return Frame(left, bottom, right, top)
