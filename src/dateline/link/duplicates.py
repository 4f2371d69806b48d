"""Near-duplicates and syndicated copies: the same text under another outlet's furniture.

MinHash LSH over word shingles of the cleaned bodies finds candidate pairs without comparing
all pairs; shingle containment then judges each pair, so that a wire story trimmed by one
outlet still counts as a copy of the fuller one. Each body is kept as the sorted 32-bit
hashes of its shingles (the hash MinHash itself applies), a few kilobytes per article where
the shingle strings took tens: the whole corpus is held at once.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.hashfunc import sha1_hash32

from dateline.model import Article

# Words per shingle: five words rarely repeat between independent reports of one event.
SHINGLE_WORDS = 5
# MinHash permutations: enough for a stable Jaccard estimate near the LSH threshold.
PERMUTATIONS = 128
# Jaccard at which LSH proposes a pair; low, so that trimmed copies are still proposed.
LSH_THRESHOLD = 0.3
# Share of the shorter body's shingles found in the other: above it, the shorter is a copy.
MIN_CONTAINMENT = 0.6
# Bodies with fewer shingles than this are too short to call copies.
MIN_SHINGLES = 10
TOKEN = re.compile(r"\w+")
EMPTY = np.zeros(0, dtype=np.uint32)


def shingles(body: str) -> set[str]:
    """Lower-case word n-grams of a body."""
    words = TOKEN.findall(body.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def shingle_hashes(body: str) -> np.ndarray:
    """The distinct shingles of a body as sorted 32-bit hashes (MinHash's default hash of each)."""
    hashes = np.fromiter((sha1_hash32(gram.encode("utf-8")) for gram in shingles(body)), dtype=np.uint32)
    return np.unique(hashes)


def signature(hashes: np.ndarray) -> MinHash:
    """The MinHash of a shingle set given as its hashes (the same as hashing the shingles)."""
    minhash = MinHash(num_perm=PERMUTATIONS, hashfunc=int)
    minhash.update_batch(hashes)  # vectorised: one numpy pass
    return minhash


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller set of distinct hashes found in the larger."""
    return np.intersect1d(a, b, assume_unique=True).size / max(min(a.size, b.size), 1)


def original_order(article: Article, position: int) -> tuple[int, str, int]:
    """Sort key: dated before undated, earliest first, then first seen."""
    day = article.published.date
    return (0 if day else 1, day or "", position)


def find_duplicates(articles: list[Article], hashes: dict[str, np.ndarray] | None = None) -> dict[str, str]:
    """Map each copy's id to the id of its original (earliest published, else first seen).

    `hashes` gives each body's `shingle_hashes` where the caller computed them while streaming
    the bodies (the articles then need no body); by default they come from `article.body`.
    """
    grams = hashes if hashes is not None else {a.id: shingle_hashes(a.body) for a in articles}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)
    order = {a.id: original_order(a, i) for i, a in enumerate(articles)}
    copies: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: order[a.id]):
        own = grams[article.id]
        if own.size < MIN_SHINGLES:
            continue
        minhash = signature(own)
        matches = [m for m in lsh.query(minhash) if containment(own, grams[m]) >= MIN_CONTAINMENT]
        if matches:
            original = min(matches, key=lambda m: order[m])
            copies[article.id] = copies.get(original, original)
            grams[article.id] = EMPTY  # a copy is never matched against again
        else:
            lsh.insert(article.id, minhash)
    return copies
