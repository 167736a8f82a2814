"""``python -m segrules`` and the ``segrules`` command: the command line.

Ctrl-C is taken over before the command line's modules load (they take a good part of a
second): at any moment it stops the command with ``interrupted`` and exit code 130, never a
traceback (``--debug`` shows one). SIGTERM stops it the same way (``terminated``, 143), so that
its temporary files are removed as after Ctrl-C; the servers (``serve``, ``workbench``) leave
SIGTERM to uvicorn, which shuts them down gracefully.

Once the command is done, every object is frozen out of the garbage collector before Python
exits: its last full passes would walk all the command's modules (the DSL's parser, attrs'
classes, DuckDB's), some 40 ms of every run, to find nothing a command needs collected (its
files are closed, its temporary folders removed, its processes ended before it returns).
"""

import gc
import signal
import sys


def run() -> None:
    """Run the command line with ``sys.argv`` and exit with its code."""
    from .errors import on_interrupt, on_terminate, stopped

    signal.signal(signal.SIGINT, on_interrupt)
    signal.signal(signal.SIGTERM, on_terminate)
    try:
        from .cli import main

        code = main()
    except KeyboardInterrupt as exc:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while the message is written
        if "--debug" in sys.argv[1:]:
            raise
        said, code = stopped(exc)
        print(said, file=sys.stderr)
    if code in (130, 143):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # nothing more to stop while Python exits
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
