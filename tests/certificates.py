"""Certificates for tests of the HTTPS path: a throwaway authority (trustme) and a server
certificate from it, written as PEM files the way a runner would make their own."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

#: The name a phone on the home network would use for the laptop in these tests.
HOME_NAME = "runstrong.home.test"


@dataclass(frozen=True)
class Certificate:
    authority: Path
    """The authority's certificate, for clients to trust."""
    cert: Path
    key: Path
    spki: str
    """The server key's SHA-256 fingerprint (base64), for Chromium's trust flag."""


def issue(folder: Path, *names: str) -> Certificate:
    import trustme
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    authority = trustme.CA()
    server = authority.issue_cert(*names)
    folder.mkdir(parents=True, exist_ok=True)
    paths = Certificate(
        authority=folder / "authority.pem",
        cert=folder / "cert.pem",
        key=folder / "key.pem",
        spki="",
    )
    authority.cert_pem.write_to_path(str(paths.authority))
    server.private_key_pem.write_to_path(str(paths.key))
    paths.cert.write_bytes(b"".join(blob.bytes() for blob in server.cert_chain_pems))
    leaf = x509.load_pem_x509_certificate(server.cert_chain_pems[0].bytes())
    public = leaf.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    spki = base64.b64encode(hashlib.sha256(public).digest()).decode()
    return Certificate(authority=paths.authority, cert=paths.cert, key=paths.key, spki=spki)
