"""Scorers for each layer against outside gold data; each module exposes a function and a click `command`."""
