"""English for the aligner: a rule-based sentence splitter and content-word stems.

The splitter handles what official translations are full of: titles before names
(Mr. Xi), dotted abbreviations (U.S., a.m.), initials (J. K.), decimals (3.5), and
sentences that end inside a closing quote or bracket (the quote stays with its sentence).
Line breaks are read as the text's layout suggests: spaces in hard-wrapped text, paragraph
ends in text with one paragraph per line, and headline ends either way (see `paragraphs`).
Stems come from the Snowball English stemmer, cached per word, so that "reforms",
"reformed" and "reform" meet in one feature.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations that stand before a name and so never end a sentence.
TITLES = _words(
    "mr mrs ms mx dr prof st jr sr gen col lt sgt capt cmdr adm maj gov sen rep rev hon "
    "pres amb messrs mme mlle fr op cf vs"
)
# Abbreviations that stand before a number ("No. 1"); before anything else they are words
# that may end a sentence ("The answer was no. The talks …").
NUMBERED = _words("no nos vol vols art fig pp ch sec para")
# Abbreviations that may end a sentence: they end one only when a typical sentence
# opener follows ("... in the U.S. The talks ...").
SOFT_ABBREVIATIONS = _words(
    "etc inc ltd co corp bros dept est approx jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue wed thu fri sat sun govt intl assn univ e.g i.e a.m p.m u.s u.k u.n e.u "
    "u.s.a p.r.c d.c"
)
OPENERS = _words(
    "the a an this that these those it its he she they we i you his her their our my there "
    "in on at as but and so yet for after before when while if although however meanwhile "
    "according"
)

_CLOSERS = "\"'”’»)]）】」』"
_OPENERS_CHARS = "\"'“‘«([（【「『"
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(rf"([.!?…]+[{re.escape(_CLOSERS)}]*)(\s+)")
# the word before a full stop; a letter after an apostrophe (can't, Xi's) is not a word
_WORD_BEFORE = re.compile(r"(?<!['’])([A-Za-z][A-Za-z.]*)\.$")
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS_CHARS)}]*([A-Za-z0-9]+)")


def _is_boundary(text: str, end: int, mark: str, rest: str) -> bool:
    """Decide whether the punctuation `mark` ending at `end` closes a sentence."""
    nxt = _NEXT_WORD.match(rest)
    first = rest[:1]
    if not first:
        return True
    if not (first.isupper() or first.isdigit() or first in _OPENERS_CHARS):
        return False  # "… she asked?" he said — lower case continues the sentence
    if mark.rstrip(_CLOSERS) != "." or mark[-1] in _CLOSERS:
        return True  # ! ? … or a full stop inside a closing quote
    word = _WORD_BEFORE.search(text[: end - len(mark) + 1])
    if not word:
        return True
    token = word.group(1).lower()
    if token in TITLES:
        return False
    if token in NUMBERED:
        return not rest[:1].isdigit()
    if len(token) == 1 and token.isalpha():
        return False  # an initial: J. K. Rowling
    next_word = nxt.group(1).lower() if nxt else ""
    if token in SOFT_ABBREVIATIONS or ("." in token and len(token) <= 6):
        return next_word in OPENERS
    return True


WRAP_WIDTH = 100  # a text whose lines are all this short may be hard-wrapped


def paragraphs(text: str) -> list[str]:
    """Runs of text that never share a sentence, each on one line.

    Blank lines always separate paragraphs. A text with longer lines holds one paragraph
    per line (as copied from a web page), so every line break separates. In a hard-wrapped
    text (no line over `WRAP_WIDTH`) line breaks are spaces, except after a short line with
    no punctuation at its end before a capitalised line: a headline or byline.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    width = max(map(len, lines), default=0)
    out: list[str] = []
    current: list[str] = []
    for k, line in enumerate(lines):
        if line:
            current.append(line)
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        ends = not line or not nxt or width > WRAP_WIDTH or _heading(line, nxt, width)
        if current and ends:
            out.append(" ".join(current))
            current = []
    return out


def _heading(line: str, nxt: str, width: int) -> bool:
    """Whether a line of hard-wrapped text ends a unit of its own (see `paragraphs`)."""
    return (
        2 * len(line) < width
        and line[-1].isalnum()
        and (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in _OPENERS_CHARS)
    )


def split_sentences(text: str) -> list[str]:
    """Split English text into sentences; a sentence never spans two `paragraphs`."""
    sentences: list[str] = []
    for para in paragraphs(text):
        start = 0
        for m in _BOUNDARY.finditer(para):
            end = m.end(1)
            if _is_boundary(para, end, m.group(1), para[m.end() :]):
                piece = para[start:end].strip()
                if piece:
                    sentences.append(piece)
                start = m.end()
        tail = para[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


# --- content words ------------------------------------------------------------

STOPWORDS = _words(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves s t d ll m re ve o y also shall may might must upon unto one's sb sth etc
    something someone thing things get got let lets"""
)

# Function words that do carry meaning across languages (我 → I, 不 → not, 为什么 → why):
# they become one canonical feature each instead of being dropped as stopwords.
FUNCTION_FEATURES = {
    **dict.fromkeys(_words("i me my mine myself"), "=i"),
    **dict.fromkeys(_words("you your yours yourself yourselves"), "=you"),
    **dict.fromkeys(_words("he him his himself"), "=he"),
    **dict.fromkeys(_words("she her hers herself"), "=she"),
    **dict.fromkeys(_words("we us our ours ourselves"), "=we"),
    **dict.fromkeys(_words("they them their theirs themselves"), "=they"),
    **dict.fromkeys(_words("not no nor never"), "=not"),
    **{w: "=" + w for w in _words("what why how where who when")},
}

# Irregular past forms and plurals → the word a dictionary gloss uses ("to say"), so that
# "said" meets 说 and "feet" meets 脚: the Snowball stemmer leaves them apart. Forms that are
# also words of their own, in glosses or in the news, are left out: left, lay, bit, found
# (a party), bound, ground, wound, bore, lit (CC-CEDICT's "lit." for "literally").
IRREGULAR = {
    form: base
    for base, forms in (
        ("arise", "arose arisen"),
        ("awake", "awoke awoken"),
        ("beat", "beaten"),
        ("become", "became"),
        ("begin", "began begun"),
        ("bend", "bent"),
        ("bite", "bitten"),
        ("bleed", "bled"),
        ("blow", "blew blown"),
        ("break", "broke broken"),
        ("breed", "bred"),
        ("bring", "brought"),
        ("build", "built"),
        ("burn", "burnt"),
        ("buy", "bought"),
        ("catch", "caught"),
        ("choose", "chose chosen"),
        ("cling", "clung"),
        ("come", "came"),
        ("creep", "crept"),
        ("deal", "dealt"),
        ("dig", "dug"),
        ("draw", "drew drawn"),
        ("dream", "dreamt"),
        ("drink", "drank drunk"),
        ("drive", "drove driven"),
        ("eat", "ate eaten"),
        ("fall", "fell fallen"),
        ("feed", "fed"),
        ("feel", "felt"),
        ("fight", "fought"),
        ("flee", "fled"),
        ("fling", "flung"),
        ("fly", "flew flown"),
        ("forbid", "forbade forbidden"),
        ("forget", "forgot forgotten"),
        ("forgive", "forgave forgiven"),
        ("freeze", "froze frozen"),
        ("give", "gave given"),
        ("go", "went gone"),
        ("grow", "grew grown"),
        ("hang", "hung"),
        ("hear", "heard"),
        ("hide", "hid hidden"),
        ("hold", "held"),
        ("keep", "kept"),
        ("kneel", "knelt"),
        ("know", "knew known"),
        ("lead", "led"),
        ("lean", "leant"),
        ("leap", "leapt"),
        ("lend", "lent"),
        ("lie", "lain"),
        ("lose", "lost"),
        ("make", "made"),
        ("mean", "meant"),
        ("meet", "met"),
        ("pay", "paid"),
        ("ride", "rode ridden"),
        ("ring", "rang rung"),
        ("rise", "rose risen"),
        ("run", "ran"),
        ("say", "said"),
        ("see", "saw seen"),
        ("seek", "sought"),
        ("sell", "sold"),
        ("send", "sent"),
        ("shake", "shook shaken"),
        ("shine", "shone"),
        ("shoot", "shot"),
        ("sing", "sang sung"),
        ("sink", "sank sunk"),
        ("sit", "sat"),
        ("sleep", "slept"),
        ("slide", "slid"),
        ("speak", "spoke spoken"),
        ("spend", "spent"),
        ("spin", "spun"),
        ("spit", "spat"),
        ("stand", "stood"),
        ("steal", "stole stolen"),
        ("stick", "stuck"),
        ("sting", "stung"),
        ("stride", "strode"),
        ("strike", "struck"),
        ("swear", "swore sworn"),
        ("sweep", "swept"),
        ("swim", "swam swum"),
        ("swing", "swung"),
        ("take", "took taken"),
        ("teach", "taught"),
        ("tear", "tore torn"),
        ("tell", "told"),
        ("think", "thought"),
        ("throw", "threw thrown"),
        ("understand", "understood"),
        ("wake", "woke woken"),
        ("wear", "wore worn"),
        ("weep", "wept"),
        ("win", "won"),
        ("write", "wrote written"),
        ("child", "children"),
        ("foot", "feet"),
        ("goose", "geese"),
        ("man", "men"),
        ("mouse", "mice"),
        ("tooth", "teeth"),
        ("woman", "women"),
    )
    for form in forms.split()
}

_CLITIC = re.compile(r"'(?:s|ll|re|ve|m|d)$")
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word."""
    return _STEMMER.stemWord(word)


def number_key(token: str) -> str:
    """A normalised number feature: `#3000` for "3,000", `#3.5` for "3.5"."""
    token = token.replace(",", "")
    if token.endswith(".0"):
        token = token[:-2]
    return "#" + token.lstrip("0") if token.strip("0") else "#0"


def content_stems(text: str, function_words: bool = True) -> list[str]:
    """Stems of the content words of an English text, plus `#n` number features.

    With `function_words`, pronouns, negation and question words give `=i`, `=not`, …
    """
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        out.extend(_token_features(tok, function_words))
    return out


@lru_cache(maxsize=200_000)
def _token_features(tok: str, function_words: bool) -> tuple[str, ...]:
    """The features of one token (cached: a text repeats its words many times)."""
    if tok[0].isdigit():
        return (number_key(tok),)
    out: tuple[str, ...] = ()
    low = tok.lower().replace("’", "'")
    if low.endswith("n't"):
        out = ("=not",)
        low = low[:-3]
    else:
        low = _CLITIC.sub("", low)  # Xi's, I'll, they're: the word before
    if low in FUNCTION_FEATURES:
        return (*out, FUNCTION_FEATURES[low]) if function_words else out
    if low in STOPWORDS or len(low) < 2:
        return out
    return (*out, stem(IRREGULAR.get(low, low)))


def capitalised_words(text: str) -> list[str]:
    """Lower-cased capitalised words (not all-capital acronyms): candidate names.

    Hyphenated names are joined ("Xi-feng" → "xifeng") so they meet a pinyin spelling.
    """
    words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text)
    return [w.replace("-", "").lower() for w in words if w[0].isupper() and not w.isupper()]
