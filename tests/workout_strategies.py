"""Hypothesis strategies that generate valid workouts of every shape the format allows."""

from __future__ import annotations

from hypothesis import strategies as st

from runstrong.workouts.model import (
    Block,
    BlockKind,
    Dose,
    Exercise,
    RestRules,
    Timing,
    Variation,
    VariationKind,
    Workout,
)

rests = st.one_of(st.just("none"), st.just("as needed"), st.integers(0, 180))

#: One way to do the work: once, per side, in directions, or alternating sides.
ways = st.one_of(
    st.just({}),
    st.just({"per_side": True}),
    st.just({"alternating": True}),
    st.builds(lambda n: {"directions": n}, st.integers(2, 4)),
    st.just({"directions": ["centre", "left", "right"]}),
)


def _dose(way: dict, **amount: object) -> Dose:
    return Dose(**amount, **way)


doses = st.one_of(
    st.builds(_dose, ways, seconds=st.integers(1, 120)),
    st.builds(
        _dose,
        ways,
        reps=st.integers(1, 30),
        seconds_per_rep=st.one_of(st.none(), st.floats(0.5, 6, allow_nan=False)),
    ),
)

names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip())


@st.composite
def exercises(draw: st.DrawFn, exercise_id: str) -> Exercise:
    variation_count = draw(st.integers(0, 2))
    variations = [
        Variation(
            id=f"{exercise_id}-v{i}",
            name=draw(names),
            kind=draw(st.sampled_from(VariationKind)),
            dose=draw(st.one_of(st.none(), doses)),
            steps=["Do it."],
        )
        for i in range(variation_count)
    ]
    return Exercise(
        id=exercise_id,
        name=draw(names),
        dose=draw(doses),
        rest=draw(st.one_of(st.none(), rests)),
        steps=["Move well."],
        cues=draw(st.lists(names, max_size=2)),
        variations=variations,
    )


@st.composite
def blocks(draw: st.DrawFn, block_number: int) -> Block:
    count = draw(st.integers(1, 3))
    return Block(
        id=f"b{block_number}",
        name=f"Block {block_number}",
        kind=draw(st.sampled_from(BlockKind)),
        rounds=draw(st.integers(1, 4)),
        rest=RestRules(
            between_exercises=draw(rests),
            between_rounds=draw(rests),
            after_block=draw(rests),
        ),
        exercises=[draw(exercises(f"b{block_number}-e{i}")) for i in range(count)],
    )


@st.composite
def workouts(draw: st.DrawFn) -> Workout:
    count = draw(st.integers(1, 4))
    return Workout(
        id="generated",
        title=draw(names),
        summary="A generated workout.",
        target_minutes=draw(st.integers(1, 90)),
        timing=Timing(
            seconds_per_rep=draw(st.floats(0.5, 6, allow_nan=False)),
            switch_sides_seconds=draw(st.integers(1, 15)),
            transition_seconds=draw(st.integers(1, 30)),
            rest_as_needed_estimate_seconds=draw(st.integers(1, 120)),
        ),
        blocks=[draw(blocks(i)) for i in range(count)],
    )
