"""Fixtures for the service tests: the real app over Starlette's test client."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from segrules.serve import ServeConfig, create_app
from segrules.serve.runner import start
from service_support import PROVEN_BASE, SUUNTIMA

@pytest.fixture
def rulesets_dir(tmp_path: Path) -> Path:
    """A folder with Suuntima and the small test ruleset (test.base)."""
    folder = tmp_path / "rulesets"
    folder.mkdir()
    shutil.copy(SUUNTIMA, folder / "suuntima.yaml")
    (folder / "base.yaml").write_text(PROVEN_BASE, encoding="utf-8")
    return folder


@pytest.fixture
def serve(rulesets_dir: Path):
    """``serve(**options)``: a test client of the app over ``rulesets_dir``, loaded as at start."""
    clients = []

    def make(sources=None, **options) -> TestClient:
        options.setdefault("isolated_reloads", False)  # one worker process per app would slow the suite
        config = ServeConfig(sources or [str(rulesets_dir)], **options)
        store = start(config, stream=open("/dev/null", "w"))
        client = TestClient(create_app(config, store=store), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.__exit__(None, None, None)
