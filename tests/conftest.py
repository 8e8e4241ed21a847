"""Shared fixtures: one Coder per test session (the spaCy load is the slow part) and the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "lavrov-2013-07-22.txt"
SEED_GOLD = SHARED / "seed" / "lavrov-2013-07-22.gold.json"


def shared_or_skip(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared/ is laid beside the repo for tests)")
    return path


def coder_pair(policy, stages=("actors", "events")):
    """Two coders of the same stages, the default policy and `policy`, sharing one parser and one set of
    resources (the spaCy load is the slow part)."""
    from dyads import Coder

    base = Coder(stages=stages)
    other = Coder(stages=stages, policy=policy, resources=base.resources)
    other.nlp = base.nlp
    return base, other


@pytest.fixture(scope="session")
def coder():
    from dyads import Coder

    return Coder()


@pytest.fixture(scope="session")
def seed_article():
    from dyads.ingest import read_inputs

    (article,) = list(read_inputs([str(shared_or_skip(SEED))]))
    return article


@pytest.fixture(scope="session")
def seed_coded(coder, seed_article):
    return coder.code_article(seed_article)


def rolled_back(con, rebuild, read):
    """What `read(con)` gives after `rebuild(con)`, inside a transaction that is then rolled back.

    How the tests of tables kept exact on write (summaries, the word index) compare them with a rebuild
    from scratch without changing the store.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        rebuild(con)
        return read(con)
    finally:
        con.execute("ROLLBACK")
