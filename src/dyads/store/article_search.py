"""The article search column: an article's id and title lower-cased once, when it is stored.

Why: the articles list's search (`/api/articles?title=...`, `queries.list_articles`) matched
`contains(lower(id), ?) OR contains(lower(title), ?)`, which lower-cases two string columns of every
article on each request: at 2M articles (10M generated events) about 300 ms of CPU, most of it
`lower()`. `articles.search_text` holds `lower(id) || SEPARATOR || lower(title)` (migration 12), so a
search is one `contains()` on one stored column (about 50 ms there; docs/performance.md).

Why it is the same match: the needle is matched by `contains()` in both, the text is lower-cased by
the same DuckDB `lower()`, and a needle without the separator (a newline) cannot match across the
boundary of the two parts, so it matches the joined text exactly when it matches one of them; a
needle with a newline, and a row whose column is not filled (a writer that does not know it, e.g. a
Parquet store's articles), are matched the old way (`match_sql`).

Every writer of `articles` fills it: `Store.write` (`fill_sql` after its insert), a Parquet shard
(`scale.shards.write_shard`, so a Parquet store has the same rows), `dyads bench web`'s generator and
migration 12.
"""

from __future__ import annotations

import duckdb

from dyads.store.words import has_column

SEPARATOR = "\n"
EXPRESSION = "lower(id) || chr(10) || coalesce(lower(title), '')"
"""`search_text` of an article row (columns `id`, `title`)."""

MIGRATION_SQL = f"ALTER TABLE articles ADD COLUMN search_text VARCHAR; UPDATE articles SET search_text = {EXPRESSION};"


def fill_sql(where: str) -> str:
    """The UPDATE that fills `search_text` of the articles matching `where` (just inserted)."""
    return f"UPDATE articles SET search_text = {EXPRESSION} WHERE {where}"


def has_search_text(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when `articles` has the column (schema 12 on; a Parquet store's articles have not)."""
    return has_column(cur, "articles", "search_text")


def match_sql(needle: str, stored: bool) -> tuple[str, list[str]]:
    """SQL (over `articles`, unaliased) true for the articles whose id or title contains `needle`
    (already lower-cased: `queries._needle`), and its parameters.

    With the stored column (`stored`) and a needle without the separator, one `contains()` on it; an
    unfilled row is matched on its id and title, so no row is missed whoever wrote it."""
    both = "(contains(lower(id), ?) OR contains(lower(title), ?))"
    if not stored or SEPARATOR in needle:
        return both, [needle, needle]
    # an OR, not a CASE: DuckDB evaluated both branches of the CASE for every row (239 against 109 ms)
    return f"(contains(search_text, ?) OR (search_text IS NULL AND {both}))", [needle] * 3
