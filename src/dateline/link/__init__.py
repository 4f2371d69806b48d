"""Link: corpus-level links (duplicates, stories, speakers, events)."""
