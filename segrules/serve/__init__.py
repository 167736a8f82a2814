"""The decision service: rulesets over HTTP (Starlette app, served by uvicorn).

``create_app(config)`` gives the ASGI app, for any ASGI server or a test client;
``run(config)`` serves it, reloading on SIGHUP (and on a changed file with ``watch``). Needs
the ``serve`` extra: ``pip install 'segrules[serve]'``.
"""

from .app import create_app
from .config import ServeConfig, read_token_file
from .runner import run, start
from .schema import answers_schema, openapi_document
from .store import RulesetStore

__all__ = ["RulesetStore", "ServeConfig", "answers_schema", "create_app", "openapi_document", "read_token_file",
           "run", "start"]
