"""Figures and framing on the example corpus, scored against tests/golden/example_corpus.toml.

Runs the real ingest, clean, parse, quotes and claims stages (story labels and the duplicate
come from the golden file so that this measures compare alone). Peer for figures: spaCy's
CARDINAL/PERCENT/MONEY/QUANTITY entities taken as they are. Peer for framing: every actor
term in the body, quotes included (no own-voice filter).

    .venv/bin/python benchmarks/eval_compare.py
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

from dateline.analyse.claims import FIGURE_LABELS, extract_claims
from dateline.analyse.nlp import load_model, parse
from dateline.analyse.quotes import extract_quotes
from dateline.clean import clean_documents
from dateline.ingest import read_inputs
from dateline.outlets import OutletTable
from dateline.tell.compare import compare_claims, framing_terms

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "src" / "dateline" / "data" / "corpus"
GOLDEN = tomllib.loads((REPO / "tests" / "golden" / "example_corpus.toml").read_text())


def analysed_articles() -> tuple[list, list]:
    """The corpus articles through clean, parse, quotes and claims, plus the peer's figures."""
    docs = list(read_inputs([CORPUS], on_error=print))
    articles, peer = list(clean_documents(docs, outlets=OutletTable.load(None))), []
    golden = GOLDEN["article"]
    nlp = load_model()
    for index, article in enumerate(articles):
        article.id, article.source = golden[index]["source"], golden[index]["source"]
        article.outlet = golden[index]["outlet"]
        article.published.date = golden[index].get("inferred", golden[index]["published"])
        article.story = golden[index]["story"]
        doc = parse(article, nlp)
        article.quotes = extract_quotes(article, doc)
        article.claims = extract_claims(article, doc)
        peer += [(article.id, e.text) for e in doc.ents if e.label_ in FIGURE_LABELS]
    for article in articles:
        article.duplicate_of = next(
            (
                a["duplicate_of"]
                for a in golden
                if a["source"] == article.id and "duplicate_of" in a
            ),
            None,
        )
    return articles, peer


def figure_recall(found: set[tuple[str, str]]) -> float:
    """Share of golden figure mentions (conflicts and agreements) that were found."""
    wanted = {(c["source"], c["text"]) for k in GOLDEN["conflict"] for c in k["claims"]}
    wanted |= {(s, a["text"]) for a in GOLDEN["agreement"] for s in a["sources"]}
    hits = {(s, t) for s, t in wanted if any(s == fs and number_of(t) in ft for fs, ft in found)}
    return len(hits) / len(wanted)


def number_of(text: str) -> str:
    """The written number of a golden figure ('1,200' of 'Some 1,200 families')."""
    return next(word for word in text.split() if any(ch.isdigit() for ch in word))


def framing_scores(terms) -> tuple[float, int]:
    """Recall of golden (outlet, group, term) triples and the number of extra triples."""
    wanted = {(f["outlet"], f["refers_to"], t) for f in GOLDEN["framing"] for t in f["terms"]}
    got = {
        (t.outlet, t.refers_to, t.term)
        for t in terms
        if (t.outlet, t.refers_to) in {(o, g) for o, g, _ in wanted}
    }
    return len(wanted & got) / len(wanted), len(got - wanted)


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    articles, peer = analysed_articles()
    listed = compare_claims(articles)
    conflicts = {
        (listed[i].article, listed[j].article)
        for i, c in enumerate(listed)
        for j in c.conflicts_with
        if i < j
    }
    wanted = {tuple(c["source"] for c in k["claims"]) for k in GOLDEN["conflict"]}
    ours = {(a.id, c.text) for a in articles for c in a.claims}
    our_framing = framing_scores(framing_terms(articles))
    for article in articles:
        article.quotes = []
    peer_framing = framing_scores(framing_terms(articles))
    print(f"{'measure':42} {'Dateline':>9} {'peer':>9}")
    print(
        f"{'golden figures found (recall)':42} {figure_recall(ours):9.2f} {figure_recall(set(peer)):9.2f}"
    )
    print(f"{'figures listed':42} {len(ours):9d} {len(peer):9d}")
    print(f"{'golden conflicts found':42} {len(wanted & conflicts)}/{len(wanted):<7} {'-':>9}")
    print(f"{'spurious conflicts':42} {len(conflicts - wanted):9d} {'-':>9}")
    print(f"{'framing terms found (recall)':42} {our_framing[0]:9.2f} {peer_framing[0]:9.2f}")
    print(f"{'framing terms beyond the golden ones':42} {our_framing[1]:9d} {peer_framing[1]:9d}")


if __name__ == "__main__":
    main()
