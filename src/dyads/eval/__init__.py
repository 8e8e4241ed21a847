"""Scorers against outside gold data: one module per measure, each a plain function plus a click `command`."""
