"""Pure computation over stored facts (weekly comparison, trends) and renderers for each platform."""
