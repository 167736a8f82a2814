"""The HTTP/1.1 connection: uvicorn's h11 protocol with the service's own deadlines and words.

uvicorn closes a connection that stays idle after a response (keep-alive), but it waits for
ever for the first request on a new connection and for request headers that arrive a byte at
a time, and it answers a request line or headers that are not HTTP with a plain-text 400.
This protocol (uvicorn's documented ``http=`` hook, a subclass of its h11 protocol) adds:

- a deadline of ``timeout`` seconds from the first byte of a request to the end of its
  headers; the app gets the rest of the same deadline for the body and the answer (the scope
  key ``segrules.deadline``, in the loop's time), so a request is received and answered
  within ``timeout`` however slowly it drips. Past it: 408 with an SR916 problem document,
  and the connection is closed. Once the whole body is here, the scope key
  ``segrules.body_in`` is True: reading it cannot wait, so it needs no deadline of its own.
- a new connection that sends nothing is closed after ``timeout`` seconds, without a word;
- a request body still arriving after the answer (a refusal sent early) is not waited for
  longer than ``timeout``;
- a request line or headers that are not HTTP/1.1 (or that have not ended after 64 KiB) get
  400 with an SR922 problem document instead of uvicorn's plain text.
"""

from __future__ import annotations

import json
from typing import Callable

from .problems import PROBLEM_JSON, problem

DEADLINE_KEY = "segrules.deadline"
BODY_IN_KEY = "segrules.body_in"  # True once the request's whole body is here: receive() answers at once


def problem_bytes(status: int, reason: str, code: str, detail: str) -> bytes:
    """A whole HTTP/1.1 response carrying a problem document, that closes the connection."""
    body = json.dumps(problem(code, status, detail), sort_keys=True).encode("utf-8")
    head = (f"HTTP/1.1 {status} {reason}\r\ncontent-type: {PROBLEM_JSON}\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n")
    return head.encode("ascii") + body


def deadline_protocol(timeout: float, on_refused: Callable[[str], None] | None = None) -> type:
    """The protocol class for ``uvicorn.Config(http=...)``: deadlines of ``timeout`` seconds;
    ``on_refused(code)`` counts each request refused here (SR916, SR922)."""
    import h11  # only where uvicorn serves: the app itself runs on any ASGI server
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class DeadlineProtocol(H11Protocol):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._timer = None
            self._started: float | None = None  # loop time of the first byte of the current request

        def _arm(self, at: float) -> None:
            self._disarm()
            self._timer = self.loop.call_at(at, self._expired)

        def _disarm(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _refuse(self, code: str, raw: bytes) -> None:
            if on_refused is not None:
                on_refused(code)
            if not self.transport.is_closing():
                self.transport.write(raw)
                self.transport.close()

        def _expired(self) -> None:
            self._timer = None
            if self.transport.is_closing():
                return
            if self._started is None or (self.cycle is not None and self.cycle.response_complete):
                self.transport.close()  # nothing asked, or already answered: nobody waits for words
                return
            self._refuse("SR916", problem_bytes(
                408, "Request Timeout", "SR916",
                f"the request line and headers did not arrive within {timeout:g} seconds",
            ))

        def _headers_complete(self) -> None:
            """The current request's headers are in: the app takes over the deadline."""
            self._disarm()
            if self.scope is not None:
                self.scope[DEADLINE_KEY] = (self._started or self.loop.time()) + timeout
            self._started = None

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm(self.loop.time() + timeout)

        def connection_lost(self, exc) -> None:
            self._disarm()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            waiting = self.conn.their_state is h11.IDLE
            if waiting and self._started is None and data:
                self._started = self.loop.time()
                self._arm(self._started + timeout)
            super().data_received(data)
            if waiting and self.conn.their_state not in (h11.IDLE, h11.ERROR):
                self._headers_complete()

        def handle_events(self) -> None:
            super().handle_events()
            cycle = self.cycle
            if cycle is not None and not cycle.more_body:
                cycle.scope[BODY_IN_KEY] = True

        def on_response_complete(self) -> None:
            answered = self.scope
            super().on_response_complete()
            if self.transport.is_closing():
                return
            if self.scope is not answered:  # a pipelined request, read whole just now
                self._started = self.loop.time()
                self._headers_complete()
            elif self.conn.their_state is h11.SEND_BODY:
                # answered before the whole body came: what is left must come in time too
                self._arm(self.loop.time() + timeout)
            elif self.conn.their_state is h11.IDLE and self.conn.trailing_data[0]:
                self._started = self.loop.time()  # part of the next request is already here
                self._arm(self._started + timeout)

        def send_400_response(self, msg: str) -> None:
            self._disarm()
            self._refuse("SR922", problem_bytes(
                400, "Bad Request", "SR922",
                "the request is not HTTP/1.1: its request line or headers cannot be read, or more than "
                "64 KiB came without the headers ending",
            ))

    return DeadlineProtocol
