"""Text similarity for Vietnamese task texts, tolerant of the ways plans copy them.

Plans restate an upstream task with its diacritics dropped by OCR, letters
misread, lines rewrapped and words abbreviated. Comparing character 3-grams
of the diacritic-folded text (TF-IDF weighted, cosine) survives all of these:
a misread letter spoils three grams out of dozens, rewrapping changes none.

:class:`Index` holds the upstream texts. A query is scored only against the
texts that share one of its rarest grams (an inverted index), so linking a
corpus costs a few comparisons per task instead of one per upstream text.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from loaders.text import expand, fold, ocr_letters

METHOD = "char3-tfidf-cosine"
GRAM = 3
_NOT_WORD = re.compile(r"[^a-z0-9]+")

def normalise(text: str) -> str:
    """Folded text, punctuation reduced to single spaces, abbreviations spelt out."""
    return _NOT_WORD.sub(" ", expand(ocr_letters(fold(text)))).strip()


def grams(text: str, n: int = GRAM) -> Counter:
    """Character n-grams of each word, padded with a space on both sides.

    Grams never straddle two words, so a line break or a dropped space between
    words changes nothing but the grams at that boundary.
    """
    counts: Counter = Counter()
    for word in normalise(text).split():
        padded = f" {word} "
        for i in range(max(1, len(padded) - n + 1)):
            counts[padded[i : i + n]] += 1
    return counts


@dataclass(frozen=True)
class Match:
    key: str
    score: float


class Index:
    """TF-IDF vectors of upstream texts, with an inverted index of their grams.

    ``add(key, text)`` may be called several times with the same key (an
    NQ 71 item is known through several restatements); a query scores each
    key by its best text. A text added under several keys (a city's row that
    a thousand plans reproduce) is held once, with all its keys, so copies
    cost neither candidates nor comparisons; it still counts once per copy
    in the gram weights, as if each copy were held.
    """

    def __init__(self, rare_grams: int = 24, max_candidates: int = 40):
        self.rare_grams = rare_grams
        self.max_candidates = max_candidates
        self._texts: list[tuple[list[str], Counter]] = []   # (keys, grams) of each distinct text
        self._copies: list[int] = []                         # how many times each was added
        self._position: dict[tuple, int] = {}
        self._vectors: list[dict[str, float]] | None = None
        self._postings: dict[str, list[int]] = {}
        self._idf: dict[str, float] = {}
        self.comparisons = 0

    def __len__(self) -> int:
        return sum(self._copies)

    def add(self, key: str, text: str) -> None:
        counts = grams(text)
        if not counts:
            return
        identity = tuple(sorted(counts.items()))
        position = self._position.get(identity)
        if position is None:
            self._position[identity] = len(self._texts)
            self._texts.append(([key], counts))
            self._copies.append(1)
        else:
            keys = self._texts[position][0]
            if key not in keys:
                keys.append(key)
            self._copies[position] += 1
        self._vectors = None

    def _build(self) -> None:
        frequency: Counter = Counter()
        for (_, counts), copies in zip(self._texts, self._copies):
            for gram in counts:
                frequency[gram] += copies
        total = sum(self._copies)
        self._idf = {g: math.log((1 + total) / (1 + df)) + 1 for g, df in frequency.items()}
        self._unseen_idf = math.log(1 + total) + 1
        postings: dict[str, list[int]] = defaultdict(list)
        self._vectors = []
        for position, (_, counts) in enumerate(self._texts):
            self._vectors.append(self._vector(counts))
            for gram in counts:
                postings[gram].append(position)
        self._postings = dict(postings)

    def _vector(self, counts: Counter) -> dict[str, float]:
        weights = {g: (1 + math.log(c)) * self._idf.get(g, self._unseen_idf) for g, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {g: w / norm for g, w in weights.items()}

    def candidates(self, counts: Counter) -> list[int]:
        """Texts sharing the most of the query's rarest known grams (by summed IDF).

        Only the query's ``rare_grams`` rarest grams are looked up, and only
        the ``max_candidates`` texts sharing the most of them are scored.
        """
        known = sorted((g for g in counts if g in self._postings), key=lambda g: (len(self._postings[g]), g))
        shared: Counter = Counter()
        for gram in known[: self.rare_grams]:
            for position in self._postings[gram]:
                shared[position] += self._idf[gram]
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return [position for position, _ in ranked[: self.max_candidates]]

    def score(self, text: str, key: str) -> float:
        """Cosine of ``text`` with the best text of ``key``, bypassing the candidate filter."""
        if self._vectors is None:
            self._build()
        query = self._vector(grams(text))
        scores = [
            sum(w * self._vectors[i].get(g, 0.0) for g, w in query.items())
            for i, (keys, _) in enumerate(self._texts) if key in keys
        ]
        return min(1.0, max(scores, default=0.0))

    def search(self, text: str, limit: int = 5) -> list[Match]:
        """The best ``limit`` keys for ``text``, best first (ties by key)."""
        if self._vectors is None:
            self._build()
        counts = grams(text)
        query = self._vector(counts)
        best: dict[str, float] = {}
        for position in self.candidates(counts):
            self.comparisons += 1
            vector = self._vectors[position]
            small, large = (query, vector) if len(query) < len(vector) else (vector, query)
            score = sum(w * large.get(g, 0.0) for g, w in small.items())
            for key in self._texts[position][0]:
                if score > best.get(key, -1.0):
                    best[key] = score
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return [Match(key, min(1.0, score)) for key, score in ranked[:limit]]


def similarity(a: str, b: str) -> float:
    """Cosine of two texts' gram vectors, weighted by the two texts alone."""
    index = Index()
    index.add("b", b)
    return index.score(a, "b")
