"""Timeline summarisation on Timeline17 with the field's protocol and metrics.

Usage: .venv/bin/python benchmarks/eval_timeline17.py [--limit N]
       .venv/bin/python benchmarks/eval_timeline17.py --db STORE [--t17 /work/scratch/t17 or a dated feed folder]
       .venv/bin/python benchmarks/eval_timeline17.py --db STORE --sample TOPIC [--size 40 --seed 42]

Protocol (as in Martschat & Markert 2018 and news-tls, Gholipour Ghalandari & Ifrim 2020):
each of the 19 gold timelines is evaluated on its own collection; articles published
outside the gold timeline's first..last date are dropped; the system is given the gold
number of dates L and the mean number of sentences per gold date k. Metrics, averaged over
timelines: alignment-based ROUGE-1/2 F1 with a many-to-one date alignment whose costs mix
date distance and content overlap ('align+ m:1' of tilse, re-implemented below; tokens are
lower-cased, Porter-stemmed by the rouge-score tokenizer, stopwords removed as ROUGE -s
does), and Date F1 over the sets of timeline dates.

Dateline side (no spaCy: 4,650 articles do not parse in minutes on 2 cores): the time
expressions of every article come from `dateline.timex.tag` with the publication date as
anchor; a date ranks by how many articles state it (cross-article support, the signal the
timeline stage trusts), then by articles published on it; a date's sentences are those
that state it, else leads of its articles, picked by closeness to the date's TF-IDF
centroid with a bonus for event triggers from `event_kinds.toml`, without near-repeats.
Peer: the publication-date baseline (most published days, lead sentences), run here;
published results are printed beside both.

`--db` scores the full pipeline instead: the timelines of a real `dateline build` store of
the flat T17 copies (`benchmarks/t17data.py`). For each gold timeline, the entries of the
stored stories that cite articles of its collection published in its range are its
candidates (background entries left out). A date ranks by how the collection's articles in
range refer to it: each article whose time expressions state the day counts 1, plus the log
of how many days after the day it was published (coverage keeps returning to the key days of
a story; a day named only on the day itself is news of that day alone). Each of the L best
dates gets the summaries of its k entries nearest the TF-IDF centroid of all the sentences the
day's entries cite (the day's common account), as in the protocol. Only collections present
in the store are scored.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
from rouge_score.tokenizers import DefaultTokenizer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from dateline.analyse.events import load_lexicon
from dateline.store import Store
from dateline.timex import tag

sys.path.insert(0, str(Path(__file__).resolve().parent))
from t17data import flat_documents, stored_truth  # noqa: E402 (benchmark helper beside this script)

T17 = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17"
PUBLISHED = {  # Gholipour Ghalandari & Ifrim 2020, Table 3, T17: AR-1 F, AR-2 F, Date F1
    "DATEWISE": (0.120, 0.035, 0.544),
    "CLUST": (0.082, 0.020, 0.407),
    "MARTSCHAT2018": (0.105, 0.030, 0.544),
    "TRAN2013": (0.094, 0.022, 0.517),
    "oracle": (0.312, 0.128, 0.926),
}
# Articles published on a date count for less than articles that state it.
PUBLISHED_ON_WEIGHT = 0.5
# Lead sentences of an article used when a date has too few sentences that state it.
LEAD_SENTENCES = 3
# Sentences shorter or longer than this (in tokens) rarely make good timeline lines.
MIN_TOKENS, MAX_TOKENS = 6, 50
# A candidate this similar to a sentence already chosen for the date repeats it.
REPEAT_COSINE = 0.5
# Weight of a sentence holding an event trigger, added to its centroid cosine.
TRIGGER_BONUS = 0.05
TOKENIZER = DefaultTokenizer(use_stemmer=True)
TOKEN = re.compile(r"\w+|[^\w\s]")  # words and punctuation, as T17's gold text is tokenised
STOPWORDS = {TOKENIZER.tokenize(w)[0] for w in ENGLISH_STOP_WORDS if TOKENIZER.tokenize(w)}

Timeline = dict[date, list[str]]


@dataclass
class Collection:
    """One T17 folder: its dated sentences, per-article leads and gold timelines."""

    name: str
    published: list[date] = field(default_factory=list)
    leads: list[list[str]] = field(default_factory=list)
    stated: list[list[tuple[date, str]]] = field(default_factory=list)  # per article
    gold: list[Timeline] = field(default_factory=list)


def read_timeline(path: Path) -> Timeline:
    """A gold timeline file: a date line, its sentences, a line of dashes."""
    timeline: Timeline = {}
    for block in re.split(r"\n-{5,}\n?", path.read_text("utf-8", "replace")):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if lines and re.fullmatch(r"\d{4}-\d{2}-\d{2}", lines[0]):
            timeline.setdefault(date.fromisoformat(lines[0]), []).extend(lines[1:])
    return timeline


def stated_dates(text: str, lines: list[str], published: date) -> list[tuple[date, str]]:
    """(day, sentence) for every day-precision date a sentence of the article states."""
    starts = np.cumsum([0] + [len(line) + 1 for line in lines])
    found = []
    for mention in tag(text, published):
        if mention.type != "DATE" or mention.precision != "day":
            continue
        try:
            day = date.fromisoformat(mention.value[:10])
        except ValueError:
            continue
        index = int(np.searchsorted(starts, mention.start, side="right")) - 1
        found.append((day, lines[min(index, len(lines) - 1)].strip()))
    return found


def read_collection(folder: Path, limit: int) -> Collection:
    """Every article of a folder (at most `limit`, evenly spread) with its stated dates."""
    collection = Collection(folder.name, gold=[read_timeline(p) for p in sorted((folder / "timelines").glob("*.txt"))])
    paths = sorted((folder / "InputDocs").glob("*/*.txt"))
    if limit and len(paths) > limit:
        paths = paths[:: max(1, len(paths) // limit)][:limit]
    for path in paths:
        published = date.fromisoformat(path.parent.name)
        text = path.read_text("utf-8", "replace")
        lines = text.split("\n")
        collection.published.append(published)
        collection.leads.append([line.strip() for line in lines[:LEAD_SENTENCES] if line.strip()])
        try:
            collection.stated.append(stated_dates(text, lines, published))
        except ValueError as error:  # a tagger failure loses one article's dates, not the run
            print(f"{path.name}: time tagger failed ({error})", file=sys.stderr)
            collection.stated.append([])
    return collection


def fits(sentence: str) -> bool:
    """Whether a sentence has a usable length for a timeline line."""
    return MIN_TOKENS <= len(sentence.split()) <= MAX_TOKENS


def trigger_stems() -> set[str]:
    """Stems of the single-word event triggers of the shipped lexicon."""
    words = {term for terms in load_lexicon().kinds.values() for term in terms if " " not in term}
    return {stem for word in words for stem in TOKENIZER.tokenize(word)}


def candidates_by_date(collection: Collection, start: date, end: date) -> tuple[Counter, dict[date, list[str]]]:
    """Date scores and candidate sentences, from articles published within start..end."""
    scores: Counter = Counter()
    sentences: dict[date, list[str]] = defaultdict(list)
    for published, leads, stated in zip(collection.published, collection.leads, collection.stated, strict=True):
        if not start <= published <= end:
            continue
        scores[published] += PUBLISHED_ON_WEIGHT
        for day in {d for d, _ in stated if start <= d <= end}:
            scores[day] += 1
        for day, sentence in stated:
            if start <= day <= end and fits(sentence):
                sentences[day].append(sentence)
        sentences[published].extend(f"\0{s}" for s in leads if fits(s))  # \0 marks a lead
    return scores, sentences


def pick_sentences(pool: list[str], k: int, vectorizer: TfidfVectorizer, triggers: set[str]) -> list[str]:
    """k sentences near the pool's centroid, stated ones before leads, without near-repeats."""
    stated = list(dict.fromkeys(s for s in pool if not s.startswith("\0")))
    leads = list(dict.fromkeys(s[1:] for s in pool if s.startswith("\0")))
    chosen: list[str] = []
    for group in (stated, leads):
        if len(chosen) >= k or not group:
            continue
        vectors = vectorizer.transform(group)
        centroid = np.asarray(vectors.mean(axis=0)).ravel()
        bonus = [TRIGGER_BONUS * bool(triggers.intersection(stems(s))) for s in group]
        ranking = np.argsort(-(vectors @ centroid + np.array(bonus)))
        picked = [vectors[i] for i in range(0)]
        for i in ranking:
            if len(chosen) >= k:
                break
            if all(float(vectors[i].multiply(p).sum()) < REPEAT_COSINE for p in picked):
                chosen.append(group[i])
                picked.append(vectors[i])
    return chosen


def dateline_timeline(collection: Collection, gold: Timeline, triggers: set[str]) -> Timeline:
    """Dateline's timeline for one gold timeline's range, size and sentences per date."""
    start, end = min(gold), max(gold)
    size, per_date = len(gold), max(1, round(statistics.mean(len(s) for s in gold.values())))
    scores, sentences = candidates_by_date(collection, start, end)
    pool = [s.lstrip("\0") for group in sentences.values() for s in group]
    if not pool:
        return {}
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(pool)
    timeline: Timeline = {}
    for day, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if len(timeline) == size:
            break
        chosen = pick_sentences(sentences.get(day, []), per_date, vectorizer, triggers)
        if chosen:
            timeline[day] = chosen
    return timeline


def baseline_timeline(collection: Collection, gold: Timeline) -> Timeline:
    """Peer: the most published days in range, each with the first lines of its articles."""
    start, end = min(gold), max(gold)
    per_date = max(1, round(statistics.mean(len(s) for s in gold.values())))
    days = Counter(p for p in collection.published if start <= p <= end)
    leads: dict[date, list[str]] = defaultdict(list)
    for published, lead in zip(collection.published, collection.leads, strict=True):
        leads[published].extend(s for s in lead if fits(s))
    top = sorted(days, key=lambda d: (-days[d], d))[: len(gold)]
    return {d: leads[d][:per_date] for d in top if leads[d]}


@cache
def stems(sentence: str) -> tuple[str, ...]:
    """Stemmed tokens of a sentence (stemming is the slow part, so each sentence once)."""
    return tuple(TOKENIZER.tokenize(sentence))


def ngrams(sentences: list[str], n: int) -> Counter:
    """Stemmed n-grams of a summary, stopwords removed (ROUGE -s)."""
    counts: Counter = Counter()
    for sentence in sentences:
        tokens = [t for t in stems(sentence) if t not in STOPWORDS]
        counts.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return counts


def unigram_f1(predicted: Counter, reference: Counter) -> float:
    """Unigram F1 used only to align dates (tilse's approximation of ROUGE-1)."""
    hits = sum((predicted & reference).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(predicted.values()), hits / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def alignment(source: dict[date, Counter], target: dict[date, Counter]) -> dict[date, date]:
    """Each source date to its cheapest target date: date distance cost times content cost ('align+ m:1')."""
    days = sorted(target)
    aligned = {}
    for day, own in source.items():
        costs = [(1 - 1 / (abs((day - t).days) + 1)) * (1 - unigram_f1(own, target[t])) for t in days]
        aligned[day] = days[int(np.argmin(costs))]
    return aligned


def aligned_hits(source: dict[date, Counter], target: dict[date, Counter], aligned: dict[date, date]) -> tuple[float, int]:
    """Date-distance weighted n-gram hits of each source date with its aligned target, and the source total."""
    hits = sum(sum((own & target[aligned[d]]).values()) / (abs((d - aligned[d]).days) + 1) for d, own in source.items() if d in aligned)
    return hits, sum(sum(own.values()) for own in source.values())


def alignment_rouge(predicted: Timeline, reference: Timeline, n: int) -> float:
    """AR-n F1: many-to-one aligned ROUGE-n (precision aligns predicted dates, recall gold dates)."""
    if not predicted:
        return 0.0
    pred1 = {d: ngrams(s, 1) for d, s in predicted.items()}
    ref1 = {d: ngrams(s, 1) for d, s in reference.items()}
    pred_n = pred1 if n == 1 else {d: ngrams(s, n) for d, s in predicted.items()}
    ref_n = ref1 if n == 1 else {d: ngrams(s, n) for d, s in reference.items()}
    prec_hits, prec_total = aligned_hits(pred_n, ref_n, alignment(pred1, ref1))
    rec_hits, rec_total = aligned_hits(ref_n, pred_n, alignment(ref1, pred1))
    precision = prec_hits / prec_total if prec_total else 0.0
    recall = rec_hits / rec_total if rec_total else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def date_f1(predicted: Timeline, reference: Timeline) -> float:
    """F1 of the predicted set of dates against the gold set."""
    hits = len(set(predicted) & set(reference))
    if not hits:
        return 0.0
    precision, recall = hits / len(predicted), hits / len(reference)
    return 2 * precision * recall / (precision + recall)


def scores(predicted: Timeline, reference: Timeline) -> tuple[float, float, float]:
    """(AR-1 F1, AR-2 F1, Date F1) of one timeline."""
    return alignment_rouge(predicted, reference, 1), alignment_rouge(predicted, reference, 2), date_f1(predicted, reference)


def tilse_scores(predicted: Timeline, reference: Timeline) -> tuple[float, float, float] | None:
    """The same three figures from tilse's own 'align+ m:1' scorer (its ROUGE re-implementation,
    ROUGE-1.5.5's stopwords, Porter stems), when `tilse` and `pyrouge` are importable."""
    try:
        from tilse.data.timelines import GroundTruth
        from tilse.data.timelines import Timeline as TilseTimeline
        from tilse.evaluation.rouge import TimelineRougeEvaluator
    except ImportError:
        return None
    if not predicted:
        return 0.0, 0.0, 0.0
    evaluator = TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"}, rouge_computation="reimpl")

    def tokenised(timeline: Timeline) -> dict[date, list[str]]:
        return {day: [" ".join(TOKEN.findall(s)) for s in lines] for day, lines in timeline.items()}

    result = evaluator.evaluate_align_date_content_costs_many_to_one(
        TilseTimeline(tokenised(predicted)), GroundTruth([TilseTimeline(tokenised(reference))])
    )
    return result["rouge_1"]["f_score"], result["rouge_2"]["f_score"], date_f1(predicted, reference)


@dataclass
class StoredEntry:
    """A dated, non-background entry of a stored timeline, with the articles it cites."""

    day: date
    summary: str
    articles: frozenset[str]
    sentences: tuple[tuple[str, str], ...]  # (article, sentence) of every source


def mentioned_days(article) -> set[date]:
    """The days an article's own time expressions state (day or time precision)."""
    days = set()
    for mention in article.timexes:
        if mention.type == "DATE" and mention.precision in ("day", "time"):
            try:
                days.add(date.fromisoformat(mention.value[:10]))
            except ValueError:
                continue
    return days


def stored_entries(db: Path, flat: Path) -> tuple[list[StoredEntry], dict, dict[str, set[date]]]:
    """Every main-line entry of the store dated to a day, the T17 truth of its articles, and the
    days each article mentions."""
    with Store(db) as store:
        articles, stories = store.articles(), store.stories()
    entries = [
        StoredEntry(
            date.fromisoformat(e.date),
            e.summary,
            frozenset(s.article for s in e.sources),
            tuple((s.article, s.sentence) for s in e.sources),
        )
        for story in stories
        for e in story.timeline
        if e.date and e.precision == "day" and not e.background
    ]
    return entries, stored_truth(articles, flat_documents(flat)), {a.id: mentioned_days(a) for a in articles}


def day_support(day: date, articles: set[str], truth: dict, mentions: dict[str, set[date]]) -> float:
    """How the articles refer to a day: 1 for each that states it, plus the log of the days after
    the day that it was published."""
    support = 0.0
    for article in articles:
        if day in mentions.get(article, ()):
            later = (date.fromisoformat(truth[article].date) - day).days
            support += 1 + math.log1p(max(later, 0))
    return support


def common_account(entries: list[StoredEntry], own: set[str], per_date: int) -> list[str]:
    """The summaries of the `per_date` entries nearest the centroid of every sentence they cite."""
    pool = list(dict.fromkeys(text for entry in entries for article, text in entry.sentences if article in own))
    summaries = list(dict.fromkeys(entry.summary for entry in entries))
    try:
        vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(pool + summaries)
    except ValueError:  # no words at all
        return summaries[:per_date]
    centroid = np.asarray(vectorizer.transform(pool).mean(axis=0)).ravel()
    closeness = vectorizer.transform(summaries) @ centroid
    ranked = sorted(zip(summaries, closeness, strict=True), key=lambda item: (-item[1], item[0]))
    return [text for text, _ in ranked[:per_date]]


def stored_timeline(entries: list[StoredEntry], truth: dict, mentions: dict[str, set[date]], topic: str, gold: Timeline) -> Timeline:
    """The pipeline's timeline for one gold timeline: its collection's entries, L dates, k lines."""
    start, end = min(gold), max(gold)
    size, per_date = len(gold), max(1, round(statistics.mean(len(s) for s in gold.values())))
    own = {a for a, doc in truth.items() if doc.topic == topic and start <= date.fromisoformat(doc.date) <= end}
    by_day: dict[date, list[StoredEntry]] = defaultdict(list)
    for entry in entries:
        if entry.articles & own and start <= entry.day <= end:
            by_day[entry.day].append(entry)
    support = {day: day_support(day, own, truth, mentions) for day in by_day}
    best = sorted(support.items(), key=lambda item: (-item[1], item[0]))[:size]
    return {day: common_account(by_day[day], own, per_date) for day, _ in best}


def score_store(db: Path) -> dict[str, list[tuple[float, float, float]]]:
    """Scores of the stored timelines for every gold timeline whose collection is in the store."""
    entries, truth, mentions = stored_entries(db, OPTIONS.t17)
    topics = sorted({doc.topic for doc in truth.values()})
    rows, checked = [], []
    for topic in topics:
        for path in sorted((T17 / topic / "timelines").glob("*.txt")):
            gold = read_timeline(path)
            predicted = stored_timeline(entries, truth, mentions, topic, gold)
            rows.append(scores(predicted, gold))
            checked.append(tilse_scores(predicted, gold))
    print(f"{db}: {len(truth)} articles of {len(topics)} collection(s): {', '.join(topics)}")
    results = {"Dateline full pipeline (store)": rows}
    if all(checked):
        results["  same, tilse's scorer"] = checked
    return results


def timex_only() -> dict[str, list[tuple[float, float, float]]]:
    """Scores of the sentence-level Dateline timelines and the publication-date peer."""
    triggers, checked = trigger_stems(), []
    results: dict[str, list[tuple[float, float, float]]] = {"Dateline": [], "peer: publication-date baseline": []}
    for folder in sorted(p for p in T17.iterdir() if p.is_dir()):
        collection = read_collection(folder, OPTIONS.limit)
        for gold in collection.gold:
            predicted = dateline_timeline(collection, gold, triggers)
            results["Dateline"].append(scores(predicted, gold))
            checked.append(tilse_scores(predicted, gold))
            results["peer: publication-date baseline"].append(scores(baseline_timeline(collection, gold), gold))
    if all(checked):
        results["  Dateline, tilse's scorer"] = checked
    return results


def print_sample(db: Path, topic: str, size: int, seed: int) -> None:
    """A random sample of the store's dated main-line entries that cite an article of `topic`
    (a T17 folder name, as in the articles' URLs), printed to judge by eye: date, kind and
    summary, then every source with its outlet, its article's publication date and sentence."""
    import random

    with Store(db) as store:
        articles = {a.id: a for a in store.articles()}
        stories = store.stories()
    in_topic = {i for i, a in articles.items() if f"/{topic}/" in f"/{a.url or a.source}"}
    entries = [
        (story, e)
        for story in stories
        for e in story.timeline
        if e.date and not e.background and any(s.article in in_topic for s in e.sources)
    ]
    picked = random.Random(seed).sample(entries, min(size, len(entries)))
    print(f"{len(picked)} of {len(entries)} dated main-line entries citing {len(in_topic)} {topic} articles (seed {seed})")
    for number, (story, entry) in enumerate(sorted(picked, key=lambda item: item[1].date or ""), 1):
        print(f"\n[{number}] {entry.date} ({entry.precision}) {entry.kind} | story: {story.title[:70]}")
        print(f"    summary: {entry.summary}")
        for source in entry.sources:
            article = articles.get(source.article)
            published = article.published.date if article else "?"
            print(f"    - {source.outlet or 'NO OUTLET'} {published}: {source.sentence[:300]}")


OPTIONS = argparse.Namespace(limit=0, db=None, t17=Path("/work/scratch/t17"), sample="", size=40, seed=42)


def main() -> None:
    """Print the score table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="at most N articles per collection (0: all)")
    parser.add_argument("--db", type=Path, help="score the timelines of this dateline store instead")
    parser.add_argument("--t17", type=Path, default=Path("/work/scratch/t17"), help="the flat T17 copies or the dated feed (t17data.feed) the store was built from")
    parser.add_argument("--sample", default="", help="with --db: print a random sample of the entries citing this T17 topic's articles")
    parser.add_argument("--size", type=int, default=40, help="entries in the sample")
    parser.add_argument("--seed", type=int, default=42, help="seed of the sample")
    parser.parse_args(namespace=OPTIONS)
    if OPTIONS.sample and OPTIONS.db:
        print_sample(OPTIONS.db, OPTIONS.sample, OPTIONS.size, OPTIONS.seed)
        return
    if not T17.is_dir():
        sys.exit(f"{T17} is absent")
    started = time.perf_counter()
    results = score_store(OPTIONS.db) if OPTIONS.db else timex_only()
    count = len(next(iter(results.values())))
    print(f"Timeline17: {count} gold timelines, align+ m:1 ROUGE F1 and Date F1, macro-averaged")
    print(f"{'system':<34}{'AR-1':>7}{'AR-2':>7}{'Date F1':>9}")
    for name, rows in results.items():
        means = [statistics.mean(column) for column in zip(*rows, strict=True)]
        print(f"{name:<34}{means[0]:7.3f}{means[1]:7.3f}{means[2]:9.3f}")
    for name, (r1, r2, f) in PUBLISHED.items():
        print(f"{'published: ' + name:<34}{r1:7.3f}{r2:7.3f}{f:9.3f}")
    print(f"time {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
