"""Tell: one story told as a timeline, with outlet comparisons."""
