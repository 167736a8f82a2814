"""Errors of the service as RFC 9457 problem details, with the segrules code.

Every error response has the same shape: ``type``, ``title``, ``status``, ``detail``,
``code`` and ``problems`` (the answer problems, empty for other errors), and never a
traceback. ``type`` is a URN naming the code; ``segrules explain CODE`` gives the long text.
"""

from __future__ import annotations

from typing import Any

from ..codes import CODES
from ..errors import AnswerError, SegrulesError
from ..messages import title, translate, word

PROBLEM_JSON = "application/problem+json"


class ServiceError(SegrulesError):
    """A request the service refuses: the HTTP status and the SR code that says why."""

    def __init__(self, status: int, message: str, *, code: str, headers: dict | None = None):
        super().__init__(message, code=code)
        self.status = status
        self.headers = headers or {}


# the HTTP status for errors raised by the library itself
_LIBRARY_STATUS = {"SR3": 422, "SR4": 500, "SR5": 422}  # SR4xx: only an unproven ruleset, never served


def status_of(exc: SegrulesError) -> int:
    if isinstance(exc, ServiceError):
        return exc.status
    return _LIBRARY_STATUS.get(exc.code[:3], 422)


def problem(code: str, status: int, detail: str, *, instance: str | None = None, problems=(),
            lang: str = "en") -> dict[str, Any]:
    """The problem document; ``title`` and the problems' messages in ``lang`` (``detail`` is
    given in it), the codes the same in every language."""
    info = CODES.get(code)
    doc: dict[str, Any] = {
        "type": f"urn:segrules:error:{code}",
        "title": (info.title if info is not None else code) if lang == "en" else title(code, lang),
        "status": status,
        "detail": detail,
        "code": code,
        "problems": [{**p.to_json(), "message": translate(p.code, p.message, lang)} for p in problems],
    }
    if instance is not None:
        doc["instance"] = instance
    return doc


def problem_said(code: str, status: int, detail: str, lang: str, *, instance: str | None = None) -> dict[str, Any]:
    """``problem`` with its English ``detail`` said in ``lang`` too (``messages.translate``)."""
    return problem(code, status, translate(code, detail, lang), instance=instance, lang=lang)


def problem_of(exc: SegrulesError, instance: str | None = None, lang: str = "en") -> dict[str, Any]:
    problems = exc.problems if isinstance(exc, AnswerError) else ()
    if isinstance(exc, AnswerError) and lang != "en":  # the problems are listed one by one below
        detail = word("answer_problems", lang, len(problems)).rstrip(":")
    else:
        detail = translate(exc.code, str(exc), lang)
    return problem(exc.code, status_of(exc), detail, instance=instance, problems=problems, lang=lang)
