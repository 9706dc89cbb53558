"""The browser app: server-rendered pages and a JSON API over the same services the CLI uses.

Nothing here is imported by the rest of runstrong; `runstrong serve` imports it
only when it runs, so the other commands never pay for FastAPI.
"""
