"""Shared paths for the tests: fixtures live in the repo, never on the network."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


@pytest.fixture
def seed_text() -> str:
    return (FIXTURES / "seed" / "japantoday-ap-protest.txt").read_text(encoding="utf-8")
