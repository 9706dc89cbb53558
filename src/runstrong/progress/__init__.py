"""Progress: advice for the next session from the log, weights and units, charts."""
