"""Text that can always be stored and printed: valid Unicode, in one normal form.

Qt hands over whatever a paste or an input method produced, including a lone surrogate (half of
an emoji), which cannot be encoded as UTF-8 and made a save crash. The storage layer passes
every text it writes through ``valid_text`` (one place, for every form): a lone surrogate
becomes U+FFFD (shown as '�', so the change is visible), and the text is composed to NFC, so
'e' + combining diaeresis and 'ë' are stored alike.
"""

from __future__ import annotations

import re
import unicodedata

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` as valid, NFC-composed Unicode (ASCII and already-valid text: unchanged)."""
    if text.isascii():
        return text
    if _SURROGATE.search(text):
        # Through UTF-16: a proper pair held as two code points joins into its character,
        # a lone half becomes U+FFFD.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
