"""Inputs that live outside the repository, in ../shared (the seed, the ACT cases, the plan generator).

A test that needs one skips with the reason when it is missing on a developer's machine, and
fails when CI=true: CI must never pass by not running what it was meant to run.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_shared(path: Path, what: str) -> Path:
    """path, if it exists; otherwise fail under CI=true, skip with the reason elsewhere."""
    if path.exists():
        return path
    message = f"{what} is missing: {path} (the shared folder beside the repository)"
    if on_ci():
        pytest.fail(f"{message}; CI=true, so this is a failure, not a skip", pytrace=False)
    pytest.skip(message)
