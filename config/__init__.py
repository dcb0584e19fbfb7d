"""Settings and the data analysts may edit without code (gazetteer, notable-target lexicon)."""
