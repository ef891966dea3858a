"""Run the translit command line as ``python -m translit``.

    $ echo 'Щука' | python -m translit ru-iso-9
    Ŝuka

It behaves exactly like the ``translit`` command; see :mod:`translit.cli`.
"""

from __future__ import annotations

import sys

from translit.cli import main

if __name__ == "__main__":
    sys.exit(main())
