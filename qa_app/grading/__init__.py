"""Pure-Python grading core: text in, typed results out. No Flask, no database, no network."""
