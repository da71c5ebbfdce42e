"""Terminology: the glossary, names and numbers, and the one analysis of a sentence.

Imports flow one way, from the bottom up:

- `glossary`   entries, skeletons and the Aho-Corasick search
- `compose`, `matcher`   composition rules; `match()`: the terms translate protects
- `formats`    CSV and TBX; `files`: TSV, the format registry, layers, `load_glossary`
- `edits`, `search`, `lint`   what the `glossary` commands do to and with files
- `names_data`, `transcribed`, `names`   person and place names (transcribed ones apart)
- `numerals`, `numbers`   numbers in Chinese numerals, and in Chinese and English
- `analysis`   `analyse()`: the terms, names and numbers of one sentence, once
- `protect`    markers around MT, restoring the approved English, and the checks
"""
