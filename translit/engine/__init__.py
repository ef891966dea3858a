"""Compiling a table and converting text with it.

- :mod:`translit.engine.compiler`: compiles one direction of a table into a
  :class:`~translit.engine.compiler.Converter`, the reference engine.
- :mod:`translit.engine.fastpath`: whole-text conversion that gives the reference's output.
- :mod:`translit.engine.words`: what a word is to both (its characters, composed letters,
  a word whose case comes from its neighbours).
- :mod:`translit.engine.casing`: upper and lower case as a table defines them.

It reads tables as :mod:`translit.table` gives them; :class:`translit.Transliterator`
compiles a direction on first use.
"""
