"""Compiling a table and converting text with it.

- :mod:`translit.engine.compiler`: compiles one direction of a table into a
  :class:`~translit.engine.compiler.Converter`, the reference engine.
- :mod:`translit.engine.fastpath`: whole-text conversion that gives the reference's output.
- :mod:`translit.engine.casing`: upper and lower case as a table defines them.

It reads tables as :mod:`translit.table` gives them; :class:`translit.Transliterator`
compiles a direction on first use.
"""
