"""`python -m runstrong` works like the `runstrong` command."""

from runstrong.cli import run

run()
