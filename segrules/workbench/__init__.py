"""The model owner's workbench: a ruleset in a local web page (``segrules workbench``).

The page (plain HTML, CSS and a little JavaScript in ``static/``, nothing fetched from
elsewhere) edits the YAML and shows, on each pause in typing, what ``analysis.analyse``
finds: the problems at their lines, the examples, the segment sizes, the verify verdict and
the quadrant; it tries answers with ``analysis.try_answers`` and saves through
``app.Workbench.save`` (atomic, with a backup, refused when the file changed on disk).
"""

from .app import MAX_BODY_BYTES, Workbench, backup_path, create_app, new_token, run

__all__ = ["MAX_BODY_BYTES", "Workbench", "backup_path", "create_app", "new_token", "run"]
