"""Story clustering on Timeline17: the topic folders mixed into one stream, pairwise F1.

Usage: .venv/bin/python benchmarks/eval_clustering.py [--limit N] [--seed S]
       .venv/bin/python benchmarks/eval_clustering.py --db STORE [--t17 /work/scratch/t17 or a dated feed folder]
       .venv/bin/python benchmarks/eval_clustering.py --polnear 20 [--seed S] [--build DIR]

Every article of ../shared/data/timeline17 becomes an Article (body = the folder's text,
published = the date folder); the gold story of an article is its topic (the part of the
folder name before '_', so the five BP oil-spill collections are one story). Articles are
clustered by `cluster_stories` with no spaCy entities (text and dates only) and scored by
pairwise precision, recall and F1 (pairs put in one story vs pairs of one topic), beside
the reference point of Miranda et al. 2018 (English F1 .94 on their own news set) and a
TF-IDF k-means peer given the true number of topics.

`--db` scores the stories of a real `dateline build` store of the flat T17 copies (made by
`benchmarks/t17data.py`; entities, cleaned text and judged dates as the pipeline made them)
against the same topic labels. `--polnear N` clusters N random PolNeAR articles (seven US
outlets, 2015-16, mostly unrelated) and prints how many stories they form and which joined;
with `--build DIR` the same articles go through a real `dateline build` (written to DIR as
JSON Lines with text, outlet, title and date; spaCy entities, cleaning and dating as the
pipeline does them) and the stored stories are counted instead.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer

from dateline.link.stories import cluster_stories
from dateline.model import Article
from dateline.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from t17data import flat_documents, stored_truth  # noqa: E402 (benchmark helper beside this script)

T17 = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17"
POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "data"
MIRANDA_2018_F1 = 0.94


def read_t17(root: Path) -> tuple[list[Article], list[str]]:
    """Every input article with its topic label."""
    articles, labels = [], []
    for path in sorted(root.glob("*/InputDocs/*/*.txt")):
        collection = path.parts[-4]
        article = Article(id=f"{collection}/{path.stem}", source=path.name, body=path.read_text("utf-8", "replace"))
        article.published.date = path.parent.name
        articles.append(article)
        labels.append(collection.split("_")[0])
    return articles, labels


def pair_count(counter: Counter) -> int:
    """Number of unordered pairs within each group of a count table."""
    return sum(n * (n - 1) // 2 for n in counter.values())


def pairwise_scores(predicted: list[str], gold: list[str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering against gold labels."""
    both = pair_count(Counter(zip(predicted, gold, strict=True)))
    in_predicted, in_gold = pair_count(Counter(predicted)), pair_count(Counter(gold))
    precision = both / in_predicted if in_predicted else 0.0
    recall = both / in_gold if in_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def kmeans_peer(articles: list[Article], topics: int) -> list[str]:
    """The peer: TF-IDF k-means told the true number of topics (an oracle on k)."""
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True, max_df=0.5).fit_transform(a.body for a in articles)
    labels = KMeans(n_clusters=topics, n_init=4, random_state=0).fit_predict(vectors)
    return [str(label) for label in labels]


def score_store(db: Path, flat: Path) -> None:
    """Pairwise scores of the stories of a built store against the T17 topic of each article."""
    with Store(db) as store:
        articles = store.articles()
    truth = stored_truth(articles, flat_documents(flat))
    known = [a for a in articles if a.id in truth]
    predicted = [a.story or a.id for a in known]
    labels = [truth[a.id].topic.split("_")[0] for a in known]
    p, r, f = pairwise_scores(predicted, labels)
    print(f"{db}: {len(known)} of {len(articles)} stored articles matched to T17, {len(set(labels))} topics")
    print(f"{'Dateline build (stored stories)':<34}{p:7.3f}{r:7.3f}{f:7.3f}{len(set(predicted)):9d}")


def read_polnear(count: int, seed: int) -> list[Article]:
    """`count` random PolNeAR articles (all splits) with their outlet, title and date."""
    rows = [line.split("\t") for line in (POLNEAR / "metadata.tsv").read_text("utf-8").splitlines()[1:]]
    meta = {row[1]: row for row in rows if len(row) > 7}
    paths = sorted(p for p in POLNEAR.glob("*/text/*.txt") if p.stem in meta)
    articles = []
    for path in random.Random(seed).sample(paths, count):
        row = meta[path.stem]
        article = Article(id=path.stem, source=path.name, body=path.read_text("utf-8", "replace"), outlet=row[4], title=row[7])
        article.published.date = row[5]
        articles.append(article)
    return articles


def built_stories(articles: list[Article], scratch: Path) -> dict[str, str]:
    """Article id -> story id after a real `dateline build` of the articles as JSON Lines."""
    scratch.mkdir(parents=True, exist_ok=True)
    feed, db = scratch / "polnear.jsonl", scratch / "polnear.db"
    records = [{"url": a.id, "text": a.body, "outlet": a.outlet, "title": a.title, "published": a.published.date} for a in articles]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    db.unlink(missing_ok=True)
    dateline = Path(sys.executable).with_name("dateline")
    subprocess.run([str(dateline), "build", str(feed), "--db", str(db)], check=True, stdout=subprocess.DEVNULL)
    with Store(db) as store:
        stored = store.articles()
    return {a.url: a.story or a.id for a in stored}


def polnear_stories(count: int, seed: int, build: Path | None) -> None:
    """How many stories `count` random PolNeAR articles form, and the articles of each shared one."""
    articles = read_polnear(count, seed)
    assignment = built_stories(articles, build) if build else cluster_stories(articles, {})
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(assignment.get(article.id, article.id), []).append(article)
    how = "through dateline build" if build else "cluster_stories on text and dates"
    print(f"PolNeAR: {count} random articles (seed {seed}, {how}) form {len(groups)} stories")
    for members in (g for g in groups.values() if len(g) > 1):
        print("  together: " + " | ".join(f"{a.outlet} {a.published.date}: {a.title}" for a in members))


def main() -> None:
    """Print the score table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="sample this many articles (0: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", type=Path, help="score the stories of this dateline store instead")
    parser.add_argument("--t17", type=Path, default=Path("/work/scratch/t17"), help="the flat T17 copies or the dated feed (t17data.feed) the store was built from")
    parser.add_argument("--polnear", type=int, default=0, help="cluster this many random PolNeAR articles instead")
    parser.add_argument("--build", type=Path, help="with --polnear: run them through dateline build in this scratch folder")
    options = parser.parse_args()
    if options.polnear:
        return polnear_stories(options.polnear, options.seed, options.build)
    if options.db:
        return score_store(options.db, options.t17)
    if not T17.is_dir():
        sys.exit(f"{T17} is absent")
    articles, labels = read_t17(T17)
    if options.limit:
        chosen = sorted(random.Random(options.seed).sample(range(len(articles)), options.limit))
        articles, labels = [articles[i] for i in chosen], [labels[i] for i in chosen]
    started = time.perf_counter()
    assignment = cluster_stories(articles, {})
    elapsed = time.perf_counter() - started
    ours = [assignment[a.id] for a in articles]
    peer = kmeans_peer(articles, len(set(labels)))
    print(f"Timeline17 story clustering: {len(articles)} articles, {len(set(labels))} topics")
    print(f"{'system':<34}{'P':>7}{'R':>7}{'F1':>7}{'stories':>9}")
    for name, predicted in (("Dateline cluster_stories", ours), ("peer: TF-IDF k-means (true k)", peer)):
        p, r, f = pairwise_scores(predicted, labels)
        print(f"{name:<34}{p:7.3f}{r:7.3f}{f:7.3f}{len(set(predicted)):9d}")
    print(f"{'ref: Miranda et al. 2018 (own set)':<34}{'':>7}{'':>7}{MIRANDA_2018_F1:7.3f}")
    print(f"clustering time {elapsed:.1f}s")


if __name__ == "__main__":
    main()
