"""Name normalisation and transliteration for screening.

- :mod:`.normalize`: folding and tokenising Latin text;
- :mod:`.translit`: Latin readings of Hangul, kana, kanji, Chinese, Cyrillic and Arabic names;
- :mod:`.hangul`: Revised and DPRK/McCune-Reischauer romanization of Hangul;
- :mod:`.phonetic`: keys that absorb romanization variants;
- :mod:`.analysis`: a name as comparable token forms, company forms and generic words marked;
- :mod:`.vocab`: the versioned vocabularies in ``tradeguard/data/names/``.
"""

from tradeguard.names.analysis import NameForm, Token, TokenClass, analyse
from tradeguard.names.normalize import fold, tokens
from tradeguard.names.translit import latin_readings

__all__ = ["NameForm", "Token", "TokenClass", "analyse", "fold", "latin_readings", "tokens"]
