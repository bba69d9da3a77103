import os
import tempfile
from pathlib import Path

import pytest

# The tests (and the newsclean processes they start) build their own cache, not the user's.
os.environ["NEWSCLEAN_CACHE"] = tempfile.mkdtemp(prefix="newsclean-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench" / "dev"
SEED = SHARED / "seed"


@pytest.fixture
def seed() -> tuple[str, str]:
    """The canonical example (input, expected), read from ../shared; skipped where it is absent."""
    if not (SEED / "input.txt").is_file():
        pytest.skip(f"canonical seed not found at {SEED} (../shared is not beside this checkout)")
    return (SEED / "input.txt").read_text(encoding="utf-8"), (SEED / "expected.txt").read_text(encoding="utf-8")
