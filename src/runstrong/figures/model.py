"""The figure format: a few key poses of a simple 2D body, with the equipment it uses.

A pose gives the direction of each body segment in degrees, so a figure is a
handful of numbers a person can write and read, the renderer can animate
joint by joint, and validation can refuse what no body does (a knee bending
backwards, an arm through the chest). A pose lists only what changes: any
angle left out keeps its value from the pose before (the first pose starts
from standing tall, arms by the sides).

Angles, seen from the side with the body facing right:
- `trunk`, `chest`, `head`: lean from upright, + forward (90 is lying face
  down head-first, -90 lying on the back);
- limb segments (`*_thigh`, `*_shin`, `*_upper_arm`, `*_forearm`): direction
  from hanging straight down, + forward (90 points ahead, 180 straight up);
- `*_foot`: direction of the sole from heel to toes, from straight down
  (90 is flat on the floor, about 40 up on the toes).

A weight is held in the hand its prop names; a figure with one weight may
pass it from hand to hand with a pose's `hand` (a one-arm swing that
changes hands at the top).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

MAX_POSES = 8

Angle = Annotated[float, Field(ge=-360, le=360, strict=True)]
Length = Annotated[float, Field(ge=0.2, le=1, strict=True)]
Centimetres = Annotated[float, Field(ge=-300, le=300, strict=True)]
View = Literal["side", "front", "above"]
Facing = Literal["right", "left"]
Hand = Literal["right", "left", "both"]
Limb = Literal["right_leg", "left_leg", "right_arm", "left_arm", "trunk"]
Point = Literal[
    "right_knee", "left_knee", "right_toes", "left_toes", "right_hand", "left_hand", "hips", "head"
]

#: Every segment a pose may turn, in the order a body is built from the hips.
SEGMENTS = (
    "trunk",
    "chest",
    "head",
    "right_thigh",
    "right_shin",
    "right_foot",
    "left_thigh",
    "left_shin",
    "left_foot",
    "right_upper_arm",
    "right_forearm",
    "left_upper_arm",
    "left_forearm",
)
#: Standing tall, arms by the sides: where the first pose starts from.
STANDING = {segment: 90.0 if segment.endswith("_foot") else 0.0 for segment in SEGMENTS}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _angle(description: str) -> object:
    return Field(None, description=description)


class Lengths(_Strict):
    """How much of a segment shows (1 = all of it) when it points towards or away from you."""

    trunk: Length | None = None
    chest: Length | None = None
    right_thigh: Length | None = None
    right_shin: Length | None = None
    right_foot: Length | None = None
    left_thigh: Length | None = None
    left_shin: Length | None = None
    left_foot: Length | None = None
    right_upper_arm: Length | None = None
    right_forearm: Length | None = None
    left_upper_arm: Length | None = None
    left_forearm: Length | None = None


class Pose(_Strict):
    """One key position; any field left out keeps its value from the pose before."""

    name: Annotated[str, Field(min_length=1, max_length=24)] | None = Field(
        None, description='A word or two shown under the pose, e.g. "start", "bottom".'
    )
    key: StrictBool = Field(
        True, description="false: a position the animation passes through, not printed."
    )
    trunk: Angle | None = _angle("Lower back's lean from upright, + forward.")
    chest: Angle | None = _angle("Upper back's lean from upright, + forward.")
    head: Angle | None = _angle("Head's tilt from upright, + forward.")
    right_thigh: Angle | None = _angle("From hanging down, + forward.")
    right_shin: Angle | None = _angle("From hanging down, + forward.")
    right_foot: Angle | None = _angle("Sole from heel to toes; 90 is flat.")
    left_thigh: Angle | None = _angle("From hanging down, + forward.")
    left_shin: Angle | None = _angle("From hanging down, + forward.")
    left_foot: Angle | None = _angle("Sole from heel to toes; 90 is flat.")
    right_upper_arm: Angle | None = _angle("From hanging down, + forward.")
    right_forearm: Angle | None = _angle("From hanging down, + forward.")
    left_upper_arm: Angle | None = _angle("From hanging down, + forward.")
    left_forearm: Angle | None = _angle("From hanging down, + forward.")
    lengths: Lengths | None = Field(
        None, description="Segments seen end-on, as a share of their length (0.2 to 1)."
    )
    hand: Hand | None = Field(
        None, description="The hand holding the figure's one weight from this pose on."
    )
    x: Centimetres | None = Field(None, description="Move the body this far forward (cm).")
    y: Centimetres | None = Field(
        None, description="Lift the body off what it rests on (cm); from above: move it sideways."
    )


class Mat(_Strict):
    kind: Literal["mat"]


class Box(_Strict):
    """A box, bench or step standing on the floor; `x` is its near edge, from the hips."""

    kind: Literal["box"]
    x: Centimetres = 10.0
    width: Annotated[float, Field(ge=10, le=150, strict=True)] = 40.0
    height: Annotated[float, Field(ge=5, le=80, strict=True)] = 18.0


class Dumbbell(_Strict):
    """Held in one hand, or in `both` (drawn in the right hand's grip: give both arms the
    same angles)."""

    kind: Literal["dumbbell"]
    hand: Hand = "right"


class Kettlebell(_Strict):
    """Held like a dumbbell, the bell hanging below the handle."""

    kind: Literal["kettlebell"]
    hand: Hand = "right"


Weight = Dumbbell | Kettlebell
Prop = Annotated[Mat | Box | Dumbbell | Kettlebell, Field(discriminator="kind")]


@dataclass(frozen=True)
class KeyPose:
    """A pose with every value filled in; `hands` holds, for each weight of the figure in
    order, the hand it is in."""

    name: str
    angles: dict[str, float]
    lengths: dict[str, float]
    x: float
    y: float
    key: bool
    hands: tuple[str, ...] = ()


class Figure(_Strict):
    """A picture of a move: its key poses, drawn for the right side (mirrored for the left)."""

    view: View = Field(
        "side", description="side (the body's right side towards you), front, or above."
    )
    facing: Facing = Field("right", description="left draws the figure mirrored.")
    working: list[Limb] = Field(
        default_factory=list, max_length=5, description="Parts drawn in the accent colour."
    )
    props: list[Prop] = Field(default_factory=list, max_length=6)
    trace: list[Point] = Field(
        default_factory=list, max_length=2, description="Points whose path is drawn dashed."
    )
    seconds: Annotated[float, Field(ge=1, le=30, strict=True)] | None = Field(
        None, description="Length of one loop of the animation; about 1.6 s a pose by default."
    )
    flow: StrictBool = Field(
        False, description="Move through the poses without pausing on each (circles, swings)."
    )
    poses: list[Pose] = Field(min_length=1, max_length=MAX_POSES)

    _key_poses: tuple[KeyPose, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _possible(self) -> Figure:
        weights = [p for p in self.props if isinstance(p, Weight)]
        poses = _fill_in(self.poses, weights)
        problems = _impossible(self.poses, poses) if self.view == "side" else []
        problems += _props_in_hand(self.props)
        problems += _hand_changes(self.poses, weights)
        if not any(pose.key for pose in self.poses):
            error = PydanticCustomError("no_key_pose", "at least one pose must be a key pose")
            problems.append(InitErrorDetails(type=error, loc=("poses",), input=len(self.poses)))
        if problems:
            raise ValidationError.from_exception_data("Figure", problems)
        self._key_poses = tuple(poses)
        return self

    def key_poses(self) -> tuple[KeyPose, ...]:
        """Every pose with the values it inherits filled in."""
        return self._key_poses

    def weights(self) -> list[Dumbbell | Kettlebell]:
        """The weights held, in the order of `KeyPose.hands`."""
        return [p for p in self.props if isinstance(p, Weight)]

    def loop_seconds(self) -> float:
        return self.seconds or max(2.4, 1.6 * len(self.poses))


def _fill_in(poses: list[Pose], weights: list[Dumbbell | Kettlebell]) -> list[KeyPose]:
    angles = dict(STANDING)
    lengths = dict.fromkeys(Lengths.model_fields, 1.0)
    x = y = 0.0
    hands = tuple(w.hand for w in weights)
    filled = []
    for number, pose in enumerate(poses, start=1):
        angles = {s: v if (v := getattr(pose, s)) is not None else angles[s] for s in SEGMENTS}
        if pose.lengths:
            given = pose.lengths.model_dump(exclude_none=True)
            lengths = {**lengths, **given}
        x = pose.x if pose.x is not None else x
        y = pose.y if pose.y is not None else y
        if pose.hand is not None and len(hands) == 1:
            hands = (pose.hand,)
        name = pose.name or f"pose {number}"
        filled.append(KeyPose(name, angles, lengths, x, y, pose.key, hands))
    return filled


# How far each joint turns, seen from the side: (joint, segment, parent, how, lowest,
# highest). The turn is segment - parent; "+" adds them where the parent is a trunk
# segment measured from upright; "-" is parent - segment (a knee bends backwards).
_JOINTS = (
    ("lower back", "chest", "trunk", "", -70, 80),
    ("neck", "head", "chest", "", -70, 80),
    ("right hip", "right_thigh", "trunk", "+", -100, 170),
    ("left hip", "left_thigh", "trunk", "+", -100, 170),
    ("right knee", "right_shin", "right_thigh", "-", -10, 165),
    ("left knee", "left_shin", "left_thigh", "-", -10, 165),
    ("right ankle", "right_foot", "right_shin", "", 0, 140),
    ("left ankle", "left_foot", "left_shin", "", 0, 140),
    ("right shoulder", "right_upper_arm", "chest", "+", -80, 200),
    ("left shoulder", "left_upper_arm", "chest", "+", -80, 200),
    ("right elbow", "right_forearm", "right_upper_arm", "", -10, 165),
    ("left elbow", "left_forearm", "left_upper_arm", "", -10, 165),
)


def _impossible(given: list[Pose], poses: list[KeyPose]) -> list[InitErrorDetails]:
    """Joints bent further than a body bends, each reported at the field that set it."""
    problems: list[InitErrorDetails] = []
    for index, (pose, filled) in enumerate(zip(given, poses, strict=True)):
        for joint, segment, parent, how, low, high in _JOINTS:
            a, b = filled.angles[segment], filled.angles[parent]
            turn = {"+": a + b, "-": b - a}.get(how, a - b)
            if any(low <= turn + turns * 360 <= high for turns in (-1, 0, 1)):
                continue
            field = segment if getattr(pose, segment) is not None else parent
            if getattr(pose, field) is None:
                continue  # inherited: already reported at the pose that set it
            message = (
                f"the {joint} would bend {turn:.0f} degrees ({segment} {a:g}, {parent} {b:g}); "
                f"it bends from {low} to {high}"
            )
            error = PydanticCustomError("impossible_pose", message)
            where = ("poses", index, field)
            problems.append(InitErrorDetails(type=error, loc=where, input=getattr(pose, field)))
    return problems


def _hand_changes(
    poses: list[Pose], weights: list[Dumbbell | Kettlebell]
) -> list[InitErrorDetails]:
    """A pose's `hand` moves the figure's one weight; with none or two it would be a guess."""
    if len(weights) == 1:
        return []
    message = (
        "a pose can pass a weight to another hand only when the figure holds one weight, "
        f"not {len(weights)}"
    )
    error = PydanticCustomError("hand_without_one_weight", message)
    return [
        InitErrorDetails(type=error, loc=("poses", index, "hand"), input=pose.hand)
        for index, pose in enumerate(poses)
        if pose.hand is not None
    ]


def _props_in_hand(props: list[Mat | Box | Dumbbell | Kettlebell]) -> list[InitErrorDetails]:
    problems: list[InitErrorDetails] = []
    held: set[str] = set()
    for index, prop in enumerate(props):
        if not isinstance(prop, Weight):
            continue
        hands = {"right", "left"} if prop.hand == "both" else {prop.hand}
        if hands & held:
            full = " and ".join(sorted(hands & held))
            error = PydanticCustomError(
                "hand_full", "the {hand} hand already holds something", {"hand": full}
            )
            problems.append(
                InitErrorDetails(type=error, loc=("props", index, "hand"), input=prop.hand)
            )
        held |= hands
    return problems
