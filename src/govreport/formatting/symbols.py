"""Item symbols: circled numbers, Roman part numerals, the 가나다 sequence and the 공문서 ladder.

FORMAT.md §2.1 gives the official 항목 구분 order ``1.`` → ``가.`` → ``1)`` → ``가)`` → ``(1)`` →
``(가)`` → ``①`` → ``㉮``; after ``하`` the sequence continues ``거, 너, …`` (then ``고, 노, …``).
Every function takes ``locale`` for a uniform signature: digits and Roman numerals do not
depend on it; the 가나다 forms become ``a, b, c`` / ``ⓐ`` in non-Korean locales.
"""

from __future__ import annotations

from govreport.formatting.numbers import DEFAULT_LOCALE, is_korean

__all__ = ["MARKER_LEVELS", "circled", "circled_ganada", "ganada", "marker", "roman"]

MARKER_LEVELS = 8
"""Number of levels in the official 공문서 ladder (:func:`marker`)."""

# ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅅ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ as Unicode initial-consonant indices.
_INITIALS = (0, 2, 3, 5, 6, 7, 9, 11, 12, 14, 15, 16, 17, 18)
# ㅏ ㅓ ㅗ ㅜ ㅡ ㅣ as Unicode medial-vowel indices: 가…하, 거…허, 고…호, 구…후, 그…흐, 기…히.
_VOWELS = (0, 4, 8, 13, 18, 20)
_GANADA = tuple(chr(0xAC00 + (i * 21 + v) * 28) for v in _VOWELS for i in _INITIALS)

_ROMAN_STEPS = (
    (1000, "Ⅿ"), (900, "ⅭⅯ"), (500, "Ⅾ"), (400, "ⅭⅮ"), (100, "Ⅽ"),
    (90, "ⅩⅭ"), (50, "Ⅼ"), (40, "ⅩⅬ"), (10, "Ⅹ"),
)


def _positive(n: int, what: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{what} index must be an int, got {type(n).__name__}")
    if n < 1:
        raise ValueError(f"{what} index must be >= 1, got {n}")


def circled(n: int, *, locale: str = DEFAULT_LOCALE) -> str:
    """Circled number: ``1`` → ``①`` … ``20`` → ``⑳``, ``21`` → ``㉑`` … ``50`` → ``㊿``;
    ``0`` → ``⓪``; past 50 → ``(51)``.
    """
    if n == 0 and not isinstance(n, bool):
        return "\u24ea"
    _positive(n, "circled")
    if n <= 20:
        return chr(0x2460 + n - 1)
    if n <= 35:
        return chr(0x3251 + n - 21)
    if n <= 50:
        return chr(0x32B1 + n - 36)
    return f"({n})"


def roman(n: int, *, locale: str = DEFAULT_LOCALE) -> str:
    """Roman part numeral from the Number Forms block: ``1`` → ``Ⅰ`` … ``12`` → ``Ⅻ``.

    Past 12 the numeral is composed from the same block (``13`` → ``ⅩⅢ``, ``40`` → ``ⅩⅬ``),
    never from Latin letters; up to 3999.
    """
    _positive(n, "roman")
    if n <= 12:
        return chr(0x2160 + n - 1)
    if n > 3999:
        raise ValueError(f"roman numerals stop at 3999, got {n}")
    out = []
    rest = n
    for value, glyph in _ROMAN_STEPS:
        count, rest = divmod(rest, value)
        out.append(glyph * count)
    if rest:
        out.append(chr(0x2160 + rest - 1))
    return "".join(out)


def _latin(n: int) -> str:
    """Bijective base-26: 1 → a, 26 → z, 27 → aa."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def ganada(n: int, *, locale: str = DEFAULT_LOCALE) -> str:
    """The n-th item of 가, 나, 다 … 하, 거, 너 … 허, 고 … 호, 구 … 후, 그 … 흐, 기 … 히 (84).

    Non-Korean locales: ``a, b, … z, aa, ab …``.
    """
    _positive(n, "ganada")
    if not is_korean(locale):
        return _latin(n)
    if n > len(_GANADA):
        raise ValueError(f"the 가나다 sequence has {len(_GANADA)} items, got {n}")
    return _GANADA[n - 1]


def circled_ganada(n: int, *, locale: str = DEFAULT_LOCALE) -> str:
    """Circled syllable: ``1`` → ``㉮`` … ``14`` → ``㉻``; beyond → ``(거)`` ….

    Non-Korean locales: ``ⓐ`` … ``ⓩ``, then ``(aa)``.
    """
    _positive(n, "circled_ganada")
    if not is_korean(locale):
        return chr(0x24D0 + n - 1) if n <= 26 else f"({_latin(n)})"
    if n <= 14:
        return chr(0x326E + n - 1)
    return f"({ganada(n, locale=locale)})"


def marker(level: int, n: int, *, locale: str = DEFAULT_LOCALE) -> str:
    """The official 공문서 item symbol for *level* 1–8 and item *n* (1-based).

    ``1.`` ``가.`` ``1)`` ``가)`` ``(1)`` ``(가)`` ``①`` ``㉮`` (FORMAT.md §2.1).
    """
    if not 1 <= level <= MARKER_LEVELS:
        raise ValueError(f"marker level must be 1..{MARKER_LEVELS}, got {level}")
    _positive(n, "marker")
    if level == 7:
        return circled(n, locale=locale)
    if level == 8:
        return circled_ganada(n, locale=locale)
    label = str(n) if level % 2 else ganada(n, locale=locale)
    if level <= 2:
        return f"{label}."
    if level <= 4:
        return f"{label})"
    return f"({label})"
