"""Evaluation scorers: one module per measure, each a plain function plus a click `command`."""
