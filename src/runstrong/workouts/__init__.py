"""Workouts: the format, reading files with positions, and the library of built-in and own."""
