"""The training log: what each session was, kept in SQLite or any SQLAlchemy database.

Importing this package is cheap; SQLAlchemy loads only when a module inside it
is used, so the CLI stays quick to start.
"""

#: Who owns a log kept by one person: everything logged before there were accounts,
#: and everything a server on loopback with no accounts writes.
DEFAULT_USER = "local"
