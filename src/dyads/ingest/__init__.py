"""Readers for every input format -> `Article` records (or `Reject` records that say why)."""

from dyads.ingest.dates import DateError, parse_date
from dyads.ingest.readers import SUFFIXES, read_file, read_inputs, read_jsonl_stream, read_parquet_rows

__all__ = ["SUFFIXES", "DateError", "parse_date", "read_file", "read_inputs", "read_jsonl_stream", "read_parquet_rows"]
