"""Legal sources as an officer reads them. They are written for the people who keep LAW.md: its row codes
and confidence marks mean nothing to an officer reading a dossier. A sourced mark [S] is dropped; an
uncertain one [U] is said in words, since an officer should check that figure against the text before
relying on it."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

_CLUSTER_RULES = re.compile(r"LAW\.md TPL-5, CL-05")
_LAW_MD = re.compile(r"LAW\.md\s*(section \d+)?[,;]?\s*")
_SOURCED = re.compile(r"\s*\[S\]")
_UNCERTAIN = re.compile(r"\s*\[U\]")


def readable(text: str) -> str:
    """'Nghị định 91/2017/NĐ-CP [U]' -> 'Nghị định 91/2017/NĐ-CP (cần đối chiếu văn bản)'."""
    shown = _CLUSTER_RULES.sub(_("Operating rules of the emulation cluster or block"), text or "")
    uncertain = " ({})".format(_("to be checked against the text"))
    shown = _UNCERTAIN.sub(uncertain, _SOURCED.sub("", _LAW_MD.sub("", shown)))
    return shown.strip(" ;,")
