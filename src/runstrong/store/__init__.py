"""The training log: what each session was, kept in SQLite or any SQLAlchemy database.

Importing this package is cheap; SQLAlchemy loads only when a module inside it
is used, so the CLI stays quick to start.
"""
