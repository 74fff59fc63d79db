"""Names to comparable forms, whatever script or spelling they came in.

`fold` gives lower-case ASCII words: Devanagari is transliterated here (with the inherent
vowel, which generic transliterators drop: मोहम्मद → "mohammad", not "mohmmd"), any other
script through anyascii; honorifics go; known spellings of one name meet
(Mohd/Mohammed/Muhammad → muhammad). `skeleton` is a rough phonetic key (vowels out,
look-alike consonants merged) so that Sayeed/Saeed/Sayid or Hafeez/Hafiz compare equal.
"""

import re
import unicodedata

from anyascii import anyascii

# --- Devanagari ----------------------------------------------------------------------
_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j",
    "झ": "jh", "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t",
    "थ": "th", "द": "d", "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh",
    "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s",
    "ह": "h", "ळ": "l", "क़": "q", "ख़": "kh", "ग़": "gh", "ज़": "z", "ड़": "r", "ढ़": "rh",
    "फ़": "f", "य़": "y",
}  # fmt: skip
_NUKTA_BASE = {"क": "क़", "ख": "ख़", "ग": "ग़", "ज": "ज़", "ड": "ड़", "ढ": "ढ़", "फ": "फ़", "य": "य़"}
_VOWELS = {
    "अ": "a", "आ": "aa", "इ": "i", "ई": "ee", "उ": "u", "ऊ": "oo", "ऋ": "ri", "ए": "e",
    "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o",
}  # fmt: skip
_SIGNS = {
    "ा": "a", "ि": "i", "ी": "ee", "ु": "u", "ू": "oo", "ृ": "ri", "े": "e", "ै": "ai",
    "ो": "o", "ौ": "au", "ॉ": "o",
}  # fmt: skip
_VIRAMA, _NUKTA = "्", "़"
_NASAL = {"ं": "n", "ँ": "n", "\u0903": "h"}  # anusvara, candrabindu, visarga


def devanagari_to_latin(text: str) -> str:
    """Word by word: a consonant carries "a" unless a vowel sign or virama follows; the
    word-final "a" is dropped (Hindi schwa deletion: सईद → "saeed", not "saeeda")."""
    out, chars = [], list(unicodedata.normalize("NFC", text))
    i = 0
    while i < len(chars):
        ch = chars[i]
        if i + 1 < len(chars) and chars[i + 1] == _NUKTA and ch in _NUKTA_BASE:
            ch = _NUKTA_BASE[ch]
            i += 1
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if ch in _CONSONANTS:
            out.append(_CONSONANTS[ch])
            if nxt in _SIGNS:
                out.append(_SIGNS[nxt])
                i += 1
            elif nxt == _VIRAMA:
                i += 1
            elif nxt and (nxt in _CONSONANTS or nxt in _NASAL or nxt in _VOWELS):
                out.append("a")
            else:
                out.append("")  # word end: schwa dropped
        elif ch in _VOWELS:
            out.append(_VOWELS[ch])
        elif ch in _NASAL:
            out.append(_NASAL[ch])
        elif ch != _NUKTA:
            out.append(ch)
        i += 1
    return "".join(out)


# --- Spellings -----------------------------------------------------------------------
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "shri",
        "sri",
        "smt",
        "kumari",
        "km",
        "late",
        "sheikh",
        "shaikh",
        "haji",
        "hajji",
        "maulana",
        "mullah",
        "mulla",
        "mufti",
        "sahib",
        "sahab",
        "ji",
        "begum",
    ]
)
# One spelling for names Indian and Arabic-script records write many ways.
CANONICAL = {
    **dict.fromkeys(
        [
            "mohammed",
            "mohammad",
            "muhammad",
            "muhammed",
            "mohamed",
            "mohamad",
            "mohmmad",
            "mohmmed",
            "muhamad",
            "mohd",
            "md",
            "mohammod",
            "mahomed",
            "mohammud",
        ],
        "muhammad",
    ),
    **dict.fromkeys(["ahmed", "ahmad", "ahamed", "ahemad"], "ahmad"),
    **dict.fromkeys(["abdul", "abdool", "abdal"], "abdul"),
    **dict.fromkeys(["rehman", "rahman", "rehmaan", "rahmaan"], "rahman"),
    **dict.fromkeys(
        ["saeed", "sayeed", "sayed", "saiyed", "sayid", "said", "saiyad", "syed", "sayyid"], "saeed"
    ),
    **dict.fromkeys(["hafiz", "hafeez", "haafiz"], "hafiz"),
    **dict.fromkeys(["dawood", "dawud", "daud", "dawod", "daood", "dowood"], "dawood"),
    **dict.fromkeys(["ibrahim", "ebrahim", "ibraheem", "ibrahem"], "ibrahim"),
    **dict.fromkeys(["masood", "masud", "mas'ud", "masoud"], "masood"),
    **dict.fromkeys(["hussain", "husain", "hussein", "hossain"], "hussain"),
    **dict.fromkeys(["yusuf", "yousuf", "yousaf", "yusaf", "yousef"], "yusuf"),
}
_PARTICLES = frozenset({"ur", "ul", "ud", "al", "el", "e", "i"})


def _latin(text: str) -> str:
    if any("\u0900" <= ch <= "\u097f" for ch in text):
        text = devanagari_to_latin(text)
    return anyascii(text)


def tokens(name: str) -> list[str]:
    text = _latin(name or "").lower().replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    # "Zaki-ur-Rehman", "Zakiur Rehman", "Zaki ur Rehman": the particle joins the word
    # before it, so all three give the same words.
    words: list[str] = []
    for word in text.split():
        if word in _PARTICLES and words:
            words[-1] += word
        else:
            words.append(CANONICAL.get(word, word))
    kept = [w for w in words if w not in HONORIFICS]
    return kept or words


def fold(name: str) -> str:
    return " ".join(tokens(name))


_PHONETIC = [
    ("ph", "f"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "c"), ("th", "t"),
    ("dh", "d"), ("bh", "b"), ("w", "v"), ("q", "k"), ("z", "j"), ("x", "ks"),
]  # fmt: skip


def _word_key(word: str) -> str:
    if not word:
        return word
    for a, b in _PHONETIC:
        word = word.replace(a, b)
    head, rest = word[0], re.sub(r"[aeiouyh]", "", word[1:])
    key = head + rest
    return re.sub(r"(.)\1+", r"\1", key)


def skeleton(name: str) -> str:
    return " ".join(_word_key(w) for w in tokens(name))
