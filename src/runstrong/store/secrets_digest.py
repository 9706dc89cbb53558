"""Secrets handed to browsers and scripts are kept only as digests.

They are long random strings, so a plain SHA-256 is enough (no password
hashing needed), and looking one up is a single indexed query: the digest of
a guess says nothing about the stored secrets near it.
"""

from __future__ import annotations

import hashlib
import secrets


def new_secret(prefix: str = "") -> str:
    """256 random bits, URL-safe."""
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
