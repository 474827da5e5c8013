"""spaCy side of eventwire: extension attributes, pipeline loading, and per-step components."""
