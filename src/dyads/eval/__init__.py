"""Evaluation commands: each module scores one stage against outside gold data (`dyads eval NAME`)."""
