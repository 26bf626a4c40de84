"""Chinese characters compared across their simplified, traditional and Japanese forms.

One firm is written 朝鮮連峰総会社 by a Japanese list, 朝鲜连峰总公司 in simplified and
朝鮮連峰總公司 in traditional Chinese. :func:`fold_han` writes every Han character in one form
(OpenCC's Japanese-to-traditional conversion, then traditional-to-simplified), so that the
same characters in any of the three forms meet as the same word. Non-Han text is left as is.

Readings (pinyin, Japanese) of two Han names are not compared: they merge characters that
sound alike (伸興 and 新興 are both *shinkō*; 裕融 and 裕隆 differ by one pinyin letter), so two
names in Han characters meet on their characters only (:func:`han_words`).
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from typing import Any

_LOCK = threading.Lock()
#: a run of Han characters (CJK unified ideographs, extension A, compatibility ideographs, 々)
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]+")


@cache
def _converters() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("jp2t"), opencc.OpenCC("t2s")


@lru_cache(maxsize=1 << 15)
def fold_han(text: str) -> str:
    """``text`` with its Han characters in one (simplified) form: Japanese shinjitai and
    traditional characters become the simplified ones (総/總 -> 总, 會 -> 会, 鋼 -> 钢)."""
    if HAN_RUN.search(text) is None:
        return text
    jp2t, t2s = _converters()
    with _LOCK:
        return str(t2s.convert(jp2t.convert(text)))


def is_han(word: str) -> bool:
    """Whether a word is written in Han characters only."""
    return HAN_RUN.fullmatch(word) is not None


@cache
def _to_traditional() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("jp2t"), opencc.OpenCC("s2t")


@lru_cache(maxsize=1 << 14)
def traditional(text: str) -> str:
    """``text`` with its Han characters in their traditional forms (Japanese shinjitai and
    simplified characters: 総, 总 -> 總; 鲜 -> 鮮), as Korean hanja are written."""
    if HAN_RUN.search(text) is None:
        return text
    jp2t, s2t = _to_traditional()
    with _LOCK:
        return str(s2t.convert(jp2t.convert(text)))
