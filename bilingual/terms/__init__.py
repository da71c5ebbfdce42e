"""Terminology: the glossary, names and numbers, and the one analysis of a sentence.

Imports flow one way, from the bottom up:

- `glossary`   entries and the Aho-Corasick matcher
- `formats`    CSV and TBX; `files`: TSV, the format registry, layers, `load_glossary`
- `edits`, `search`, `lint`   what the `glossary` commands do to and with files
- `names`, `names_data`, `numbers`   person and place names, numbers in Chinese and English
- `analysis`   `analyse()`: the terms, names and numbers of one sentence, once
- `protect`    markers around MT, restoring the approved English, and the checks
"""
