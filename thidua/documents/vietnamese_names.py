"""Words the documents read inside names on record, which are Vietnamese whatever the interface's language:
data, not interface text (the catalogue translates what the documents write, never what they parse)."""

from __future__ import annotations

# An award's name ends with its grantor after "của": "Cờ thi đua của Ủy ban nhân dân tỉnh".
GRANTOR_OF = " của "
