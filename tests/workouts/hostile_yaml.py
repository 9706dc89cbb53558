"""Hostile workout files, generated: each is small on disk and hurts a naive YAML reader."""

from __future__ import annotations


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """A few hundred bytes whose aliases expand to width**levels values ("billion laughs")."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    lines.append(f"id: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def many_aliases(count: int) -> str:
    """`count` aliases of one small value: harmless in size, but more than a workout needs."""
    return "id: &x small\nsteps: [" + ", ".join(["*x"] * count) + "]\n"


def self_alias() -> str:
    """An alias inside the value it names: a cycle that never ends when turned into data."""
    return "id: &loop [a, *loop]\n"


def nested_flow(depth: int) -> str:
    """`[[[...]]]` nested `depth` levels on one line."""
    return "id: " + "[" * depth + "]" * depth + "\n"


def nested_block(depth: int) -> str:
    """Mappings nested `depth` levels, one per line, as an editor would indent them."""
    return "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + "  " * depth + "x\n"


#: Scalars Python cannot convert: (text, line of the value).
BAD_SCALARS = {
    "impossible date": "id: x\ndate: 2026-02-30\n",
    "5,000-digit integer": "id: x\nrounds: " + "9" * 5000 + "\n",
    "empty hex": "id: x\nrounds: !!int 0x\n",
    "float tag on a word": "id: x\nrounds: !!float abc\n",
    "broken ordered map": "id: x\nrounds: !!omap [a: 1, a: 2]\n",
}
