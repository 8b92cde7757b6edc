"""Shared test configuration: the ``--regen-golden`` flag, the dev corpus, hypothesis profiles.

The dev corpus is not part of the repository.  It is found at ``$SPEECHMODEL_CORPUS``, or
else next to the checkout at ``<repo>/../shared/corpus``; when neither exists, every test
that asks for a corpus file is skipped with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

pytest.register_assert_rewrite("invariants")

REPO = Path(__file__).resolve().parent.parent
"""The repository checkout: the parent of ``tests/``."""

GOLDEN = Path(__file__).resolve().parent / "golden"
"""Where the expected outlines of the corpus texts live, one ``<stem>.json`` each."""

CORPUS_ENV = "SPEECHMODEL_CORPUS"

# ``dev`` is the everyday run; choose ``ci`` with HYPOTHESIS_PROFILE=ci or with
# hypothesis's own ``--hypothesis-profile=ci`` option for a longer search.
settings.register_profile(
    "dev",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current parser instead of comparing",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites the golden files (``pytest --regen-golden``)."""
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    """``tests/golden``: the expected outline of each corpus text, ``<stem>.json``."""
    return GOLDEN


@pytest.fixture(scope="session")
def corpus_folder() -> Path:
    """The dev corpus folder; the test is skipped when it is missing."""
    folder = corpus_dir()
    if folder is None:
        pytest.skip(_missing_corpus_reason())
    return folder


def corpus_dir() -> Path | None:
    """The dev corpus folder, or None when it is not there (a fresh clone)."""
    configured = os.environ.get(CORPUS_ENV)
    folder = Path(configured) if configured else REPO.parent / "shared" / "corpus"
    return folder if folder.is_dir() else None


def corpus_texts() -> list[Path]:
    """The corpus ``.txt`` files, sorted by name."""
    folder = corpus_dir()
    return sorted(folder.glob("*.txt")) if folder is not None else []


def corpus_pages() -> list[Path]:
    """The corpus's saved web pages (``.html``), sorted by name."""
    folder = corpus_dir()
    return sorted(folder.glob("*.html")) if folder is not None else []


def _missing_corpus_reason() -> str:
    configured = os.environ.get(CORPUS_ENV)
    where = configured if configured else str(REPO.parent / "shared" / "corpus")
    return f"dev corpus not found at {where}; set ${CORPUS_ENV} to the corpus folder"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize tests that take ``corpus_text`` or ``corpus_page`` with the corpus files."""
    for name, paths, kind in (
        ("corpus_text", corpus_texts(), ".txt"),
        ("corpus_page", corpus_pages(), ".html"),
    ):
        if name not in metafunc.fixturenames:
            continue
        if paths:
            metafunc.parametrize(name, paths, ids=[path.stem for path in paths])
        else:
            reason = (
                _missing_corpus_reason() if corpus_dir() is None else f"no {kind} in the corpus"
            )
            skipped = pytest.param(Path(), marks=pytest.mark.skip(reason=reason), id="no-corpus")
            metafunc.parametrize(name, [skipped])
