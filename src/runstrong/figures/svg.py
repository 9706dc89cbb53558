"""Draw a figure as SVG: key poses side by side for paper, a looping animation for screens.

The body is a tree of nested groups, one per joint, each turned by the angle
between a segment and its parent, so the animation is plain CSS keyframes on
`transform` (no script) and limbs keep their length while they move. People
who ask for reduced motion see the key poses side by side instead. The
picture is drawn for the right side; `mirror` turns it into the left.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from runstrong.figures import body
from runstrong.figures.body import Frame, Placed
from runstrong.figures.model import Box, Dumbbell, Figure, Kettlebell, Mat

#: Light colours; screens in dark mode get the second set.
STYLE = """\
.rsf-b{stroke:#1f2933;fill:#1f2933}.rsf-f{stroke:#a3adb8;fill:#a3adb8}\
.rsf-w{stroke:#e8590c;fill:#e8590c}.rsf-wf{stroke:#f5b083;fill:#f5b083}\
.rsf-bone{stroke-width:8;stroke-linecap:round;fill:none}.rsf-back{stroke-width:22}\
.rsf-floor{stroke:#adb5bd;stroke-width:1.5}.rsf-mat{fill:#9fd0c3}\
.rsf-box{fill:#ecdcb4;stroke:#8d6e3a;stroke-width:1.5}\
.rsf-weight{fill:#3d4852;stroke:#3d4852}.rsf-handle{fill:none;stroke:#3d4852;stroke-width:2.5}\
.rsf-trace{fill:none;stroke:#e8590c;stroke-width:1.6;stroke-dasharray:4 4}\
.rsf-arrow{fill:none;stroke:#868e96;stroke-width:3;stroke-linecap:round;stroke-linejoin:round}\
.rsf-label{font-family:system-ui,sans-serif;font-weight:600;fill:#495057;text-anchor:middle}"""
DARK = """\
@media (prefers-color-scheme:dark){.rsf-b{stroke:#e9ecef;fill:#e9ecef}\
.rsf-f{stroke:#6c7781;fill:#6c7781}.rsf-wf{stroke:#a8542a;fill:#a8542a}\
.rsf-floor{stroke:#5c636a}.rsf-mat{fill:#2f5e53}.rsf-box{fill:#6b5632;stroke:#c9a86a}\
.rsf-weight{fill:#ced4da;stroke:#ced4da}.rsf-handle{stroke:#ced4da}.rsf-label{fill:#ced4da}}"""
HOLD = 0.3  # share of each pose's time spent still on it


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass
class _Node:
    """A joint's group: where it sits on its parent and how far it turns, pose by pose."""

    transforms: list[str]
    parts: list[tuple[str, str]] = field(default_factory=list)  # (layer, svg element)
    children: list[_Node] = field(default_factory=list)
    shown: list[bool] | None = None  # pose by pose, for a weight that changes hands


def _bone(length: float, shares: list[float], css: str) -> tuple[str, list[str]]:
    """A segment as a line; `shares` below 1 shorten it (seen end-on)."""
    return (
        f'<line class="rsf-bone {css}" y2="{_n(-length)}"/>',
        [f"scale(1,{_n(s)})" if s != 1 else "" for s in shares],
    )


def _turn(dx: float, dy: float, degrees: float) -> str:
    parts = []
    if dx or dy:
        parts.append(f"translate({_n(dx)}px,{_n(dy)}px)")
    if round(degrees, 1):
        parts.append(f"rotate({_n(degrees)}deg)")
    return " ".join(parts)


class _Body:
    """Builds the joint tree of a figure from its placed key poses."""

    def __init__(self, figure: Figure, placed: list[Placed]) -> None:
        self.figure = figure
        self.placed = placed
        self.working = set(figure.working)
        self.trunk_css = "rsf-w" if "trunk" in self.working else "rsf-b"
        if figure.view == "above":  # a back seen from above is as wide as the hips
            self.trunk_css += " rsf-back"

    def _each(self, value: Callable[[Placed], str]) -> list[str]:
        return [value(p) for p in self.placed]

    def _dir(self, p: Placed, segment: str) -> float:
        return body.direction(segment, p.pose.angles[segment])

    def _share(self, segment: str) -> list[float]:
        return [p.pose.lengths.get(segment, 1.0) for p in self.placed]

    def _css(self, limb: str, side: str) -> str:
        near = self.figure.view != "side" or side == "right"
        if limb in self.working:
            return "rsf-w" if near else "rsf-wf"
        return "rsf-b" if near else "rsf-f"

    def tree(self) -> _Node:
        def root(p: Placed) -> str:
            return _turn(p.hips[0], p.hips[1], self._dir(p, "trunk"))

        node = _Node(self._each(root))
        self._bone(node, "torso", "trunk", self.trunk_css)
        if self.figure.view == "front":
            half = _n(body.HIP_HALF_WIDTH)
            bar = f'<line class="rsf-bone rsf-b" x1="-{half}" x2="{half}"/>'
            node.parts.append(("torso", bar))
        for side in ("right", "left"):
            node.children.append(self._leg(side))
        node.children.append(self._upper())
        return node

    def _bone(self, node: _Node, layer: str, segment: str, css: str) -> None:
        """Add the bone of `segment` to `node`; one seen end-on gets a group that shortens it."""
        line, scales = _bone(body.LENGTH[body.kind_of(segment)], self._share(segment), css)
        if any(scales):
            node.children.append(_Node(scales, [(layer, line)]))
        else:
            node.parts.append((layer, line))

    def _leg(self, side: str) -> _Node:
        css = self._css(f"{side}_leg", side)
        layer = f"{side}_leg"
        sign = body.lateral_sign(self.figure.view, side)

        def hip(p: Placed) -> str:
            turn = self._dir(p, f"{side}_thigh") - self._dir(p, "trunk")
            return _turn(sign * body.HIP_HALF_WIDTH, 0, turn)

        thigh = _Node(self._each(hip))
        self._bone(thigh, layer, f"{side}_thigh", css)

        def knee(p: Placed) -> str:
            reach = body.LENGTH["thigh"] * p.pose.lengths[f"{side}_thigh"]
            return _turn(0, -reach, self._dir(p, f"{side}_shin") - self._dir(p, f"{side}_thigh"))

        shin = _Node(self._each(knee))
        self._bone(shin, layer, f"{side}_shin", css)
        if self.figure.view == "front":  # a knee coming towards you shows as a round joint
            shin.parts.append((layer, f'<circle class="{css}" r="{_n(body.KNEE_RADIUS)}"/>'))

        def ankle(p: Placed) -> str:
            reach = body.LENGTH["shin"] * p.pose.lengths[f"{side}_shin"]
            return _turn(0, -reach, self._dir(p, f"{side}_foot") - self._dir(p, f"{side}_shin"))

        foot = _Node(self._each(ankle))
        self._bone(foot, layer, f"{side}_foot", css)
        shin.children.append(foot)
        thigh.children.append(shin)
        return thigh

    def _upper(self) -> _Node:
        def waist(p: Placed) -> str:
            reach = body.LENGTH["trunk"] * p.pose.lengths["trunk"]
            return _turn(0, -reach, self._dir(p, "chest") - self._dir(p, "trunk"))

        chest = _Node(self._each(waist))
        self._bone(chest, "torso", "chest", self.trunk_css)

        def neck(p: Placed) -> str:
            return _turn(0, -body.LENGTH["chest"] * p.pose.lengths["chest"], 0)

        top = _Node(self._each(neck))
        chest.children.append(top)
        if self.figure.view != "side":
            half = _n(body.SHOULDER_HALF_WIDTH)
            bar = f'<line class="rsf-bone rsf-b" x1="-{half}" x2="{half}"/>'
            top.parts.append(("torso", bar))

        def nod(p: Placed) -> str:
            return _turn(0, 0, self._dir(p, "head") - self._dir(p, "chest"))

        head = _Node(self._each(nod))
        centre = _n(-(body.NECK + body.HEAD_RADIUS))
        parts = [
            f'<line class="rsf-bone rsf-b" y2="{_n(-body.NECK)}"/>',
            f'<circle class="rsf-b" cy="{centre}" r="{_n(body.HEAD_RADIUS)}"/>',
        ]
        if self.figure.view == "side":
            parts.append(f'<circle class="rsf-b" cx="-9" cy="{_n(-body.NECK - 9)}" r="3.2"/>')
        head.parts.append(("torso", "".join(parts)))
        top.children.append(head)
        for side in ("right", "left"):
            top.children.append(self._arm(side))
        return chest

    def _arm(self, side: str) -> _Node:
        css = self._css(f"{side}_arm", side)
        layer = f"{side}_arm"
        sign = body.lateral_sign(self.figure.view, side)

        def shoulder(p: Placed) -> str:
            turn = self._dir(p, f"{side}_upper_arm") - self._dir(p, "chest")
            return _turn(sign * body.SHOULDER_HALF_WIDTH, 0, turn)

        upper = _Node(self._each(shoulder))
        self._bone(upper, layer, f"{side}_upper_arm", css)

        def elbow(p: Placed) -> str:
            reach = body.LENGTH["upper_arm"] * p.pose.lengths[f"{side}_upper_arm"]
            turn = self._dir(p, f"{side}_forearm") - self._dir(p, f"{side}_upper_arm")
            return _turn(0, -reach, turn)

        lower = _Node(self._each(elbow))
        self._bone(lower, layer, f"{side}_forearm", css)

        def wrist(p: Placed) -> str:
            return _turn(0, -body.LENGTH["forearm"] * p.pose.lengths[f"{side}_forearm"], 0)

        hand = _Node(self._each(wrist))
        hand.parts.append((layer, f'<circle class="{css}" r="{_n(body.HAND_RADIUS)}"/>'))
        for index, prop in enumerate(self.figure.weights()):
            shown = [body.weight_hand(p.pose.hands[index]) == side for p in self.placed]
            if any(shown):
                same = [""] * len(self.placed)
                hand.children.append(_Node(same, [(layer, _held(prop))], shown=shown))
        lower.children.append(hand)
        upper.children.append(lower)
        return upper


def _held(prop: Dumbbell | Kettlebell) -> str:
    if isinstance(prop, Kettlebell):
        reach = body.BELL_REACH
        return (
            f'<circle class="rsf-handle" cy="-4" r="4"/>'
            f'<circle class="rsf-weight" cy="{_n(-reach)}" r="{_n(body.BELL_RADIUS)}"/>'
        )
    half, plate = body.DUMBBELL_HALF, body.PLATE_RADIUS
    return (
        f'<line class="rsf-handle" x1="{_n(-half)}" x2="{_n(half)}" style="stroke-width:3"/>'
        f'<rect class="rsf-weight" x="{_n(-half - 2.5)}" y="{_n(-plate)}" width="5" '
        f'height="{_n(2 * plate)}" rx="1.5"/>'
        f'<rect class="rsf-weight" x="{_n(half - 2.5)}" y="{_n(-plate)}" width="5" '
        f'height="{_n(2 * plate)}" rx="1.5"/>'
    )


def _layers(figure: Figure) -> list[set[str]]:
    """What is drawn over what: far limbs behind the body, near ones in front; seen from the
    front the working leg comes over the other (a knee lifted across the body)."""
    legs, arms = {"right_leg", "left_leg"}, {"right_arm", "left_arm"}
    if figure.view == "side":
        return [{"left_leg", "left_arm"}, {"torso"}, {"right_leg", "right_arm"}]
    if figure.view == "front":
        working = legs & set(figure.working)
        return [{"torso"}, legs - working, working, arms]
    return [legs, arms, {"torso"}]


class _Writer:
    """Writes the joint tree, static for one pose or with CSS keyframes for all of them."""

    def __init__(self, prefix: str, pose: int | None, seconds: float, flow: bool = False) -> None:
        self.prefix = prefix
        self.pose = pose
        self.seconds = seconds
        self.hold, self.easing = (0.0, "linear") if flow else (HOLD, "ease-in-out")
        self.keyframes: dict[tuple[str, ...], str] = {}

    def group(self, transforms: list[str], inner: str) -> str:
        if self.pose is not None or len(set(transforms)) == 1:
            value = transforms[self.pose or 0]
            return f'<g transform="{_attribute(value)}">{inner}</g>' if value else inner
        name = self.keyframes.setdefault(tuple(transforms), f"{self.prefix}{len(self.keyframes)}")
        return f'<g class="{name}" transform="{_attribute(transforms[0])}">{inner}</g>'

    def node(self, node: _Node, layer: set[str]) -> str:
        inner = "".join(part for name, part in node.parts if name in layer)
        inner += "".join(self.node(child, layer) for child in node.children)
        if not inner:
            return ""
        transforms = node.transforms
        if node.shown is not None and self.pose is not None and not node.shown[self.pose]:
            return ""
        if node.shown is not None and self.pose is None:
            # out of sight where another hand has it: shrunk to nothing between poses
            hidden = zip(transforms, node.shown, strict=True)
            transforms = [t if shown else f"{t} scale(0)".strip() for t, shown in hidden]
        return self.group(transforms, inner)

    def _at(self, start: float, slot: float) -> str:
        held = f",{_n(start + self.hold * slot)}%" if self.hold else ""
        return f"{_n(start)}%{held}"

    def css(self) -> str:
        count = len(next(iter(self.keyframes), ()))
        if not count:
            return ""
        slot = 100 / count
        rules = []
        for transforms, name in self.keyframes.items():
            stops = [
                f"{self._at(i * slot, slot)}{{transform:{t or 'none'}}}"
                for i, t in enumerate(transforms)
            ]
            stops.append(f"100%{{transform:{transforms[0] or 'none'}}}")
            rules.append(
                f".{name}{{animation:{name} {_n(self.seconds)}s {self.easing} infinite}}"
                f"@keyframes {name}{{{''.join(stops)}}}"
            )
        return "".join(rules)


def _attribute(css_transform: str) -> str:
    """The same transform as an SVG attribute (units dropped)."""
    return css_transform.replace("px", "").replace("deg", "")


def _scenery(figure: Figure, frame: Frame, placed: list[Placed]) -> tuple[str, str]:
    """(behind the body, in front of it): floor, mat, box, traced paths."""
    behind = []
    if figure.view == "above":
        if any(isinstance(p, Mat) for p in figure.props):
            behind.append(
                f'<rect class="rsf-mat" x="{_n(frame.left + 4)}" y="{_n(frame.bottom + 4)}" '
                f'width="{_n(frame.width - 8)}" height="{_n(frame.height - 8)}" rx="4"/>'
            )
    else:
        if any(isinstance(p, Mat) for p in figure.props):
            behind.append(
                f'<rect class="rsf-mat" x="{_n(frame.left + 3)}" y="-2.5" '
                f'width="{_n(frame.width - 6)}" height="2.5" rx="1.2"/>'
            )
        behind.append(
            f'<line class="rsf-floor" x1="{_n(frame.left)}" x2="{_n(frame.right)}" y1="-2.5" '
            'y2="-2.5"/>'
        )
    for prop in figure.props:
        if isinstance(prop, Box):
            behind.append(
                f'<rect class="rsf-box" x="{_n(prop.x)}" y="0" width="{_n(prop.width)}" '
                f'height="{_n(prop.height)}" rx="1.5"/>'
            )
    front = [_trace([p.points[point] for p in placed]) for point in figure.trace]
    return "".join(behind), "".join(front)


def _trace(points: list[tuple[float, float]]) -> str:
    """A smooth closed dashed path through the traced point's positions (Catmull-Rom)."""
    if len(points) < 2:
        return ""
    count = len(points)
    d = [f"M{_n(points[0][0])} {_n(points[0][1])}"]
    for i in range(count):
        p0, p1, p2, p3 = (points[(i + k) % count] for k in (-1, 0, 1, 2))
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d.append(f"C{_n(c1[0])} {_n(c1[1])} {_n(c2[0])} {_n(c2[1])} {_n(p2[0])} {_n(p2[1])}")
    return f'<path class="rsf-trace" d="{"".join(d)}"/>'


@dataclass(frozen=True)
class _Drawing:
    figure: Figure
    placed: list[Placed]
    frame: Frame
    tree: _Node


def _drawing(figure: Figure) -> _Drawing:
    placed = body.placed_poses(figure)
    frame = body.frame(figure, placed)
    return _Drawing(figure, placed, frame, _Body(figure, placed).tree())


def _panel(drawing: _Drawing, writer: _Writer, *, x: float, mirror: bool) -> str:
    """One picture of the figure in its frame, its left edge at `x` (y down, frame on top)."""
    frame = drawing.frame
    flip = mirror != (drawing.figure.facing == "left")
    if flip:
        place = f"translate({_n(x + frame.right)} {_n(frame.top)}) scale(-1 -1)"
    else:
        place = f"translate({_n(x - frame.left)} {_n(frame.top)}) scale(1 -1)"
    behind, front = _scenery(drawing.figure, frame, drawing.placed)
    layers = "".join(writer.node(drawing.tree, layer) for layer in _layers(drawing.figure))
    return f'<g transform="{place}">{behind}{layers}{front}</g>'


def _strip(
    drawing: _Drawing, prefix: str, *, mirror: bool, labels: bool
) -> tuple[str, float, float]:
    """Every key pose side by side with an arrow between them: (markup, width, height)."""
    frame = drawing.frame
    gap = 0.22 * min(frame.width, frame.height)
    size = 0.075 * max(frame.height, 0.5 * frame.width, 60.0)  # wide poses get legible words
    label = 1.5 * size if labels else 0.0
    parts = []
    shown = [(number, p) for number, p in enumerate(drawing.placed) if p.pose.key]
    count = len(shown)
    longest = max(len(p.pose.name) + 4 for _, p in shown) if labels else 0
    spill = max(0.0, (0.6 * size * longest - frame.width) / 2)
    for index, (number, placed) in enumerate(shown):
        x = spill + index * (frame.width + gap)
        parts.append(_panel(drawing, _Writer(prefix, number, 1), x=x, mirror=mirror))
        if labels:
            parts.append(
                f'<text class="rsf-label" x="{_n(x + frame.width / 2)}" '
                f'y="{_n(frame.height + 1.1 * size)}" font-size="{_n(size)}">'
                f"{index + 1} · {escape(placed.pose.name)}</text>"
            )
        if index < count - 1:
            middle, tip = x + frame.width + gap / 2, frame.height / 2
            arrow = gap * 0.22
            parts.append(
                f'<path class="rsf-arrow" d="M{_n(middle - arrow / 2)} {_n(tip - arrow)} '
                f'l{_n(arrow)} {_n(arrow)} l{_n(-arrow)} {_n(arrow)}"/>'
            )
    width = count * frame.width + (count - 1) * gap + 2 * spill
    return "".join(parts), width, frame.height + label


def _document(
    body_markup: str, width: float, height: float, style: str, title: str, desc: str, prefix: str
) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'role="img" aria-labelledby="{prefix}t {prefix}d" class="rsf">'
        f'<title id="{prefix}t">{escape(title)}</title><desc id="{prefix}d">{escape(desc)}</desc>'
        f"<style>{style}</style>{body_markup}</svg>"
    )


def _prefix(key: str) -> str:
    return "rsf" + hashlib.sha1(key.encode()).hexdigest()[:6]


def key_poses_svg(
    figure: Figure, title: str, *, mirror: bool = False, labels: bool = True, key: str = ""
) -> str:
    """The key poses side by side, still (for paper, and to look at before a session).

    `key` makes the ids unique when several figures share one page.
    """
    prefix = _prefix(key or title)
    drawing = _drawing(figure)
    markup, width, height = _strip(drawing, prefix, mirror=mirror, labels=labels)
    return _document(markup, width, height, STYLE, title, describe(figure, mirror), prefix)


def animated_svg(figure: Figure, title: str, *, mirror: bool = False, key: str = "") -> str:
    """One picture moving through the key poses in a loop, for screens.

    With reduced motion asked for, the key poses show side by side instead.
    """
    prefix = _prefix(key or title)
    drawing = _drawing(figure)
    frame = drawing.frame
    writer = _Writer(prefix, None, figure.loop_seconds(), figure.flow)
    moving = _panel(drawing, writer, x=0, mirror=mirror)
    strip, strip_width, strip_height = _strip(drawing, prefix, mirror=mirror, labels=False)
    scale = min(frame.width / strip_width, frame.height / strip_height)
    top = (frame.height - strip_height * scale) / 2
    still = (
        f'<g class="rsf-still" transform="translate(0 {_n(top)}) scale({scale:.4f})">{strip}</g>'
    )
    style = (
        STYLE
        + ".rsf-still{display:none}"
        + writer.css()
        + "@media (prefers-reduced-motion:reduce)"
        + "{.rsf-moving{display:none}.rsf-still{display:inline}}"
        + DARK
    )
    markup = f'<g class="rsf-moving">{moving}</g>{still}'
    return _document(
        markup, frame.width, frame.height, style, title, describe(figure, mirror), prefix
    )


_VIEWS = {"side": "Seen from the side", "front": "Seen from the front", "above": "Seen from above"}


def describe(figure: Figure, mirror: bool = False) -> str:
    """What the picture shows, in words (its SVG description)."""

    def side(text: str) -> str:
        if not mirror:
            return text
        return text.replace("right", "\0").replace("left", "right").replace("\0", "left")

    shown = [p for p in figure.key_poses() if p.key]
    names = ", ".join(f"{i} {p.name}" for i, p in enumerate(shown, start=1))
    parts = [f"{_VIEWS[figure.view]}. Key poses: {names}."]
    if figure.working:
        working = ", ".join(w.replace("_", " ") for w in figure.working)
        parts.append(f"Working: {side(working)}.")
    things = []
    weights = iter(range(len(figure.weights())))
    for prop in figure.props:
        if isinstance(prop, Dumbbell | Kettlebell):
            index = next(weights)
            held = dict.fromkeys(pose.hands[index] for pose in shown)  # in order, once each
            hands = ["both hands" if h == "both" else f"the {h} hand" for h in held]
            where = f"in {hands[0]}" if len(hands) == 1 else "from " + " to ".join(hands)
            things.append(side(f"a {prop.kind} {where}"))
        elif isinstance(prop, Box):
            things.append(f"a box {_n(prop.height)} cm high")
        else:
            things.append("a mat")
    if things:
        parts.append("With " + ", ".join(things) + ".")
    return " ".join(parts)
