"""A table's data, and how it is read and checked.

- :mod:`translit.table.model`: what a loaded table is (plain, immutable records).
- :mod:`translit.table.notation`: the notation of keys, contexts and classes.
- :mod:`translit.table.loader`: reads a TOML table and checks it, with
  :mod:`translit.table.shadowing` (rules that can never apply) and
  :mod:`translit.table.spans` (the spans left as they are).
- :mod:`translit.table.lexicon`: reads and checks a table's lexicon.
- :mod:`translit.table.cache`: checked tables and lexicons kept between processes.

Nothing here imports the engine (:mod:`translit.engine`), which compiles these tables.
"""
