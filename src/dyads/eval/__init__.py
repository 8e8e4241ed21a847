"""Evaluation scorers: one module per data set, each with a plain function and a click `command`."""
