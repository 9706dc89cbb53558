"""A printable one-page workout card (HTML with print CSS): blocks, doses, a tick box per round."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from runstrong.figures.svg import key_poses_svg
from runstrong.timeline import compile_timeline
from runstrong.wording import dose_text, duration_text, load_text, rest_text, schedule_text
from runstrong.workouts.figures import figure_for
from runstrong.workouts.model import Exercise, Workout


def workout_card_html(workout: Workout) -> str:
    env = Environment(
        loader=PackageLoader("runstrong.export", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        dose=dose_text, load=load_text, rest=rest_text, figure=_key_poses, schedule=schedule_text
    )
    total = compile_timeline(workout).total_seconds
    return env.get_template("card.html.j2").render(workout=workout, planned=duration_text(total))


def _key_poses(exercise: Exercise) -> Markup:
    """The exercise's key poses, still and inline, so the card is one self-contained file."""
    figure = figure_for(exercise)
    if figure is None:
        return Markup("")
    return Markup(key_poses_svg(figure, exercise.name, labels=False, key=exercise.id))
