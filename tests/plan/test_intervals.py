"""Cutting blocked (open) spans out of allowed (closed) spans."""

from __future__ import annotations

from runstrong.plan.intervals import Blocks


def test_overlapping_blocks_merge_but_touching_ones_leave_their_shared_instant():
    blocks = Blocks([(10, 20), (15, 30), (30, 40)])
    assert blocks.cut([((0, 50), "day")]) == [
        ((0, 10), "day"),
        ((30, 30), "day"),
        ((40, 50), "day"),
    ]


def test_edges_of_a_block_stay_usable_and_spans_outside_are_untouched():
    blocks = Blocks([(10, 20)])
    assert blocks.cut([((0, 10), 1), ((20, 25), 2), ((12, 18), 3)]) == [((0, 10), 1), ((20, 25), 2)]
