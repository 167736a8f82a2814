"""``python -m segrules.cli``: the same as ``python -m segrules``."""

if __name__ == "__main__":  # importing the package's modules one by one must not run it
    from ..__main__ import run

    run()
