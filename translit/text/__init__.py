"""Repairing and recognizing text: normalization, look-alike letters, language detection.

- :mod:`translit.text.normalize`: :func:`~translit.text.normalize.normalize` repairs
  mixed-script words, look-alike letters, Uzbek apostrophes, decomposed letters and
  invisible characters, and can report every edit.
- :mod:`translit.text.detect`: :func:`~translit.text.detect.detect` and
  :func:`~translit.text.detect.detect_spans` tell language, script and Latin alphabet.
- :mod:`translit.text.auto`: each paragraph through its own language's scheme.
- :mod:`translit.text.confusables` and :mod:`translit.text.features`: the data both use.

The engine never imports this package; it imports the registry to read tables.
The public entry points are :func:`translit.normalize`, :func:`translit.detect`,
:func:`translit.detect_spans` and ``translit.transliterate(text, "auto")``.
"""

from __future__ import annotations
