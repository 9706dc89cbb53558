"""`GET /health`: a proxy or a monitor asks whether the server answers; it says nothing else."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/health")
async def read_health() -> dict[str, str]:
    return {"status": "ok"}
