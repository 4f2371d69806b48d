"""Analyse: the per-article NLP stage (sentences, entities, quotes, time, events, figures)."""
