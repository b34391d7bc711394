"""Vietnamese diacritics put back into text printed without them.

Scanned plans come back from OCR stripped of their marks and with letters
misread (``Nghi quyét s6`` for ``Nghị quyết số``, ``Phéng Vin hoa - X4 hoi``
for ``Phòng Văn hóa - Xã hội``). Facts read from such a plan should carry the
spelling a reader expects, so :func:`restore` puts the marks back on the words
it recognises and leaves every other token exactly as printed.

Recognition uses a lexicon of word n-grams (n = 1..4) learnt from correctly
accented text bundled with the project: the full text of Resolution 57-NQ/TW,
the unit names in ``units.csv`` and the plan vocabulary in ``terms.txt``. Each
folded n-gram maps to its most frequent accented spelling. A word takes the
spelling of the longest n-gram around it that the lexicon knows; a word seen
alone is restored only when one spelling covers nearly all its occurrences
(``quyet`` is always ``quyết``; ``so`` may be ``số``, ``sở`` or ``so`` and
needs a neighbour). N-grams never reach across punctuation other than hyphens.

OCR damage is tolerated where it is cheap and safe: letters OCR printed with a
wrong mark are folded first (``trién`` → ``trien`` → ``triển``), and a token
that is no known word is also read with a few typical misreadings undone
(``s6`` → ``so``, ``X4`` → ``Xa``, ``1ap`` → ``lap``, ``Pang`` → ``Dang``,
``nim`` → ``nam``); such a reading counts only when the lexicon knows it.

Place names are restored from the administrative register
(:mod:`loaders.register`) where the text prints the kind of place before
them (``xa Thanh Mien`` → ``xã Thanh Miện``, ``UBND PHUONG HAI DUONG``),
when every unit of that kind and name spells it alike.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import NamedTuple

from loaders import register
from loaders.text import nfc

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"
MAX_N = 4
NUMBER = "#"  # how any number stands in an n-gram
# A lone word is restored only if its commonest spelling has this share of its
# occurrences and was seen this often.
UNIGRAM_SHARE = 0.9
UNIGRAM_COUNT = 3
# Share of letters carrying a diacritic below which a text counts as stripped.
# Measured on the seed plans: 0.280-0.286 for the four typed ones, 0.047 for
# the OCR'd one (its marks are mostly misreadings such as ``trién``).
STRIPPED_SHARE = 0.12

# A word: letters and digits, with the glyphs OCR puts inside Vietnamese words.
TOKEN = re.compile(r"[^\W_](?:[^\W_]|[¢€&])*")
# A chunk with a slash and capitals (``57-NQ/TW``, ``/KH-UBND``) is a document
# number: its agency codes are not words. A chunk is tried from its start only, so that a word of
# thousands of letters without a slash costs a pass over it, not one per letter.
DOCUMENT_NUMBER = re.compile(r"(?<![^\s/])[^\s/]*/\S*")
# What may stand between two words of one n-gram.
JOINER = re.compile(r"[\s\-–—]*")
# OCR misreadings undone: printed character → the letters it may stand for.
# Upper-case ``P`` and ``B`` are how OCR prints ``Đ`` at the start of a word.
# A word read with a letter swapped for another needs a known neighbour.
MISREADINGS = {
    "6": "o", "0": "o", "4": "a", "3": "a", "1": "li", "¢": "e", "€": "e", "&": "ao",
    "i": "a", "d": "ao", "e": "oa", "y": "u", "w": "u", "b": "o", "P": "d", "B": "d",
}
# OCR inserts these next to a misread letter, so they may also be dropped.
DROPPABLE = "¢€"
MAX_MISREADINGS = 2
# Old-style tone placement (``hoá``, ``thuỷ``) rewritten as plans now print it (``hóa``, ``thủy``).
OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([áàảãạéèẻẽẹýỳỷỹỵ])(?!\w)", re.IGNORECASE)


class Letter(NamedTuple):
    folded: str
    upper: bool


class Reading(NamedTuple):
    key: str  # the folded word read
    letters: list[Letter]
    misread: int  # how many OCR misreadings were undone to read it
    swapped: bool  # one of them was a letter printed for another letter


class Spelling(NamedTuple):
    words: tuple[str, ...]  # accented, lower case
    count: int
    share: float


def restore(text: str) -> str:
    """``text`` with diacritics restored on the words the lexicon recognises.

    Punctuation, numbers, document numbers, spacing and unrecognised tokens
    are kept exactly as printed; each restored word keeps the printed case pattern
    (``KE HOACH`` → ``KẾ HOẠCH``, ``Phong`` → ``Phòng``).
    """
    codes = [found.span() for found in DOCUMENT_NUMBER.finditer(text) if re.search("[A-Z]", found.group())]
    tokens = [match for match in TOKEN.finditer(text)
              if not any(start <= match.start() < end for start, end in codes)]
    out, last = [], 0
    for match, spelling in zip(tokens, _choose(tokens, text)):
        if spelling is not None:
            out.append(text[last:match.start()])
            out.append(spelling)
            last = match.end()
    out.append(text[last:])
    return restore_places("".join(out))


def restore_places(text: str) -> str:
    """``text`` with the names of places printed after their kind (``xã``, ``huyện``, ``tỉnh``…)
    spelt as the register spells them, kind included, where every unit of that kind and name is
    spelt alike.

    A name is two words or more (a lone word after ``xa`` is more often
    ``xã hội`` than a place), its words printed with capitals (``phuong an
    sinh ke`` is a plan's wording, not phường An Sinh) and each folding to
    the word printed, so that OCR damage is never taken for a name.
    """
    tokens = list(TOKEN.finditer(text))
    folded = [_fold(token.group()) for token in tokens]
    out, last, index = [], 0, 0
    while index < len(tokens):
        size = next((size for size in (2, 1) if " ".join(folded[index:index + size]) in register.KINDS
                     and _joined(text, tokens[index:index + size])), None)
        if size is None:
            index += 1
            continue
        kind, start = register.KINDS[" ".join(folded[index:index + size])], index + size
        for size in range(min(register.longest_name(), len(tokens) - start), 1, -1):
            words = tokens[start:start + size]
            capitalised = all(word.group()[:1].isupper() for word in words)
            spelt = register.spelling(" ".join(folded[start:start + size]), kind) \
                if capitalised and _joined(text, words) else None
            if spelt and [_fold(word) for word in spelt.split()] == folded[start:start + size]:
                for token, word in zip(tokens[index:start + size], f"{kind} {spelt}".lower().split()):
                    out.append(text[last:token.start()])
                    out.append(_cased(word, [Letter(_fold_char(char), char.isupper()) for char in nfc(token.group())]))
                    last = token.end()
                index = start + size
                break
        else:
            index = start
    out.append(text[last:])
    return "".join(out)


def _joined(text: str, tokens: list[re.Match]) -> bool:
    """Whether tokens stand one after another separated by spaces only."""
    return all(text[a.end():b.start()].isspace() for a, b in zip(tokens, tokens[1:]))


def is_phrase(*folded: str) -> bool:
    """Whether folded words, in this order, are a phrase of the domain's text (``xa hoi``)."""
    return tuple(folded) in _lexicon()[0]


def is_word(folded: str) -> bool:
    """Whether a folded token is a word of the domain's text (``phong``, ``hoi``; not ``yfir``)."""
    return folded in _lexicon()[1]


def lacks_diacritics(lines: list[str]) -> bool:
    """Whether a document is printed (mostly) without Vietnamese diacritics.

    About 28% of the letters of typed Vietnamese carry a mark; text typed
    without marks has none and OCR'd text a few misread ones (see
    ``STRIPPED_SHARE``). A text with no letters does not lack diacritics.
    """
    counts = Counter("".join(lines))
    letters = sum(count for char, count in counts.items() if char.isalpha())
    marked = sum(count for char, count in counts.items() if char.isalpha() and _fold_char(char) != char.lower())
    return bool(letters) and marked / letters < STRIPPED_SHARE


def _choose(tokens: list[re.Match], text: str) -> list[str | None]:
    """The restored spelling of each token, or None to keep it as printed.

    Each word takes the spelling from the longest known n-gram covering it,
    then the one read with fewer misreadings, then the more frequent. A word
    printed correctly without marks (``IoT``, ``Ban``) is kept as printed.
    """
    lexicon, vocabulary = _lexicon()
    readings = [_readings(match.group(), vocabulary) for match in tokens]
    best: list[tuple | None] = [None] * len(tokens)
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + MAX_N, len(tokens)) + 1):
            if end - start > 1 and not JOINER.fullmatch(text, tokens[end - 2].end(), tokens[end - 1].start()):
                break
            for window in itertools.product(*readings[start:end]):
                spelling = lexicon.get(tuple(reading.key for reading in window))
                if spelling is None or not _trusted(window, spelling):
                    continue
                rank = (end - start, -sum(reading.misread for reading in window), spelling.count)
                for index, reading, word in zip(range(start, end), window, spelling.words):
                    if reading.key != NUMBER and (best[index] is None or rank > best[index][0]):
                        best[index] = (rank, reading, word)
    spellings = []
    for choice in best:
        unchanged = choice is None or (choice[2] == choice[1].key and not choice[1].misread)
        spellings.append(None if unchanged else _cased(choice[2], choice[1].letters))
    return spellings


def _trusted(window: tuple[Reading, ...], spelling: Spelling) -> bool:
    """Whether a known n-gram may restore the words read in ``window``.

    A lone word must be unambiguous and not misread letter for letter; a
    longer n-gram needs one word read as printed, so that misread words are
    recognised by their neighbours.
    """
    if len(window) == 1:
        return (len(window[0].key) > 1 and not window[0].swapped
                and spelling.share >= UNIGRAM_SHARE and spelling.count >= UNIGRAM_COUNT)
    return any(reading.key != NUMBER and not reading.misread for reading in window)


def _readings(token: str, vocabulary: frozenset[str]) -> list[Reading]:
    """Ways to read a printed token as a known word (or as a number).

    A token that folds to a known word is read only that way; any other token
    with up to ``MAX_MISREADINGS`` OCR misreadings undone, where that gives a
    known word.
    """
    if token.isdigit():
        return [Reading(NUMBER, [], 0, False)]
    letters = [Letter(folded, char.isupper()) for char in nfc(token) for folded in [_fold_char(char)] if folded]
    if _key(letters) in vocabulary:
        return [Reading(_key(letters), letters, 0, False)]
    printed = [letter.folded.upper() if letter.upper else letter.folded for letter in letters]
    options = {index: [*MISREADINGS[char], *([""] if char in DROPPABLE else [])]
               for index, char in enumerate(printed) if char in MISREADINGS}
    readings = []
    for count in range(1, MAX_MISREADINGS + 1):
        for spots in itertools.combinations(options, count):
            for chars in itertools.product(*(options[spot] for spot in spots)):
                changed = list(letters)
                for spot, char in zip(spots, chars):
                    changed[spot] = Letter(char, letters[spot].upper)
                changed = [letter for letter in changed if letter.folded]
                if _key(changed) in vocabulary:
                    swapped = any(letters[spot].folded.isalpha() for spot in spots)
                    readings.append(Reading(_key(changed), changed, count, swapped))
    return readings


def _key(letters: list[Letter]) -> str:
    return "".join(letter.folded for letter in letters)


def _cased(word: str, letters: list[Letter]) -> str:
    """The accented ``word`` printed in the case pattern of the token it replaces."""
    upper = sum(letter.upper for letter in letters)
    if upper > 1 and upper > len(letters) / 2:
        return word.upper()
    return "".join(char.upper() if letter.upper else char for char, letter in zip(word, letters))


@cache
def _fold_char(char: str) -> str:
    """A character without its marks, lower case; cached, as every letter of a document is folded."""
    if char in "đĐ":
        return "d"
    return "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn").lower()


@cache
def _lexicon() -> tuple[dict[tuple[str, ...], Spelling], frozenset[str]]:
    """Folded n-gram → its commonest accented spelling, and the folded words known."""
    counts: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for phrase in _reference_phrases():
        for run in _runs(phrase):
            words = [OLD_TONE.sub(_new_tone, word).lower() for word in run]
            keys = [_fold(word) for word in words]
            for n in range(1, MAX_N + 1):
                for start in range(len(words) - n + 1):
                    counts[tuple(keys[start:start + n])][tuple(words[start:start + n])] += 1
    lexicon = {}
    for key, forms in counts.items():
        words, count = forms.most_common(1)[0]
        lexicon[key] = Spelling(words, count, count / sum(forms.values()))
    return lexicon, frozenset(key[0] for key in lexicon if len(key) == 1)


def _reference_phrases():
    """Correctly accented domain text: NQ 57, unit names and the curated plan terms."""
    yield from (REFERENCE / "57-NQ-TW.md").read_text(encoding="utf-8").replace("\\", "").splitlines()
    with open(REFERENCE / "units.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["name"]
            yield from filter(None, row["variants"].split("|"))
    for line in (REFERENCE / "terms.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


def _runs(text: str) -> list[list[str]]:
    """Words of ``text`` in runs that no punctuation other than a hyphen interrupts.

    Numbers stand as ``NUMBER`` in a run, so that ``năm 2030`` teaches ``năm``
    before any number.
    """
    text = nfc(text)
    runs: list[list[str]] = []
    previous = None
    for match in TOKEN.finditer(text):
        word = NUMBER if match.group().isdigit() else match.group()
        if not word.isalpha() and word != NUMBER:
            previous = None
            continue
        if previous is None or not JOINER.fullmatch(text, previous, match.start()):
            runs.append([])
        runs[-1].append(word)
        previous = match.end()
    return runs


def _fold(word: str) -> str:
    return "".join(_fold_char(char) for char in word)


def _new_tone(match: re.Match) -> str:
    vowel, marked = match.groups()
    base, *marks = unicodedata.normalize("NFD", marked)
    return nfc(vowel + "".join(marks)) + base
