"""Versioned schema of the DuckDB store.

Each migration is applied once, in order, inside a transaction, and recorded in
`schema_migrations`; a database newer than this code is refused rather than guessed at.
Add a migration to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

import duckdb

from dyads.store import actor_index, article_search, summaries, words

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, events, event actors, layers, quotes, sentences without events",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            publication_date DATE,
            title VARCHAR,
            source VARCHAR,
            url VARCHAR,
            text VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            coded_at TIMESTAMP NOT NULL,
            coder_version VARCHAR NOT NULL,
            origin VARCHAR,
            location_name VARCHAR,
            location_country VARCHAR,
            n_events INTEGER NOT NULL,
            layers JSON
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            date VARCHAR,
            date_precision VARCHAR,
            date_text VARCHAR,
            event_date DATE,
            source_codes VARCHAR[],
            target_codes VARCHAR[],
            source_code VARCHAR,
            target_code VARCHAR,
            cameo VARCHAR NOT NULL,
            cameo_root VARCHAR NOT NULL,
            cameo_name VARCHAR,
            plover VARCHAR,
            plover_mode VARCHAR,
            goldstein DOUBLE,
            quad_class INTEGER,
            trigger_text VARCHAR,
            trigger_start INTEGER,
            trigger_end INTEGER,
            location_name VARCHAR,
            location_country VARCHAR,
            location_lat DOUBLE,
            location_lon DOUBLE,
            location_geonameid BIGINT,
            sentence VARCHAR,
            sentence_start INTEGER,
            sentence_end INTEGER,
            negated BOOLEAN,
            confidence DOUBLE,
            quote_index INTEGER,
            rule VARCHAR,
            record JSON NOT NULL
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE TABLE event_actors (
            event_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            text VARCHAR,
            name VARCHAR,
            code VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            start_char INTEGER,
            end_char INTEGER
        );
        CREATE INDEX event_actors_article ON event_actors(article_id);
        CREATE TABLE quotes (
            article_id VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            text VARCHAR,
            start_char INTEGER,
            end_char INTEGER,
            kind VARCHAR,
            speaker_text VARCHAR,
            speaker_name VARCHAR,
            speaker_code VARCHAR,
            cue_text VARCHAR
        );
        CREATE TABLE no_events (
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            start_char INTEGER,
            end_char INTEGER,
            reason VARCHAR
        );
        """,
    ),
    (
        2,
        "cross-article events and their mentions, article tone and lead, aggregation state",
        """
        CREATE TABLE merged_events (
            id BIGINT PRIMARY KEY,
            merge_key VARCHAR NOT NULL,
            base_key VARCHAR NOT NULL,
            event_date DATE,
            date_value VARCHAR,
            date_precision VARCHAR,
            source_code VARCHAR,
            source_name VARCHAR,
            target_code VARCHAR,
            target_name VARCHAR,
            cameo VARCHAR NOT NULL,
            cameo_base VARCHAR NOT NULL,
            cameo_root VARCHAR NOT NULL,
            cameo_name VARCHAR,
            plover VARCHAR,
            plover_mode VARCHAR,
            plover_context VARCHAR,
            goldstein DOUBLE,
            quad_class INTEGER,
            negated BOOLEAN NOT NULL,
            location_name VARCHAR,
            location_country VARCHAR,
            location_admin1 VARCHAR,
            location_feature VARCHAR,
            location_lat DOUBLE,
            location_lon DOUBLE,
            location_geonameid BIGINT,
            num_mentions INTEGER NOT NULL,
            num_sources INTEGER NOT NULL,
            num_articles INTEGER NOT NULL,
            first_seen DATE,
            last_seen DATE,
            is_root_event BOOLEAN NOT NULL,
            avg_tone DOUBLE,
            confidence DOUBLE,
            first_article_id VARCHAR,
            source_url VARCHAR,
            added_at TIMESTAMP NOT NULL,
            updated_at TIMESTAMP NOT NULL
        );
        CREATE INDEX merged_events_base ON merged_events(base_key);
        CREATE TABLE event_mentions (
            event_id BIGINT NOT NULL,
            mention_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            source_position INTEGER,
            target_position INTEGER,
            is_root BOOLEAN NOT NULL,
            confidence DOUBLE
        );
        CREATE INDEX event_mentions_article ON event_mentions(article_id);
        CREATE INDEX event_mentions_event ON event_mentions(event_id);
        CREATE TABLE article_facts (
            article_id VARCHAR PRIMARY KEY,
            content_hash VARCHAR NOT NULL,
            doc_len INTEGER NOT NULL,
            lead_start INTEGER,
            lead_end INTEGER,
            tone DOUBLE,
            tone_positive DOUBLE,
            tone_negative DOUBLE,
            tone_compound DOUBLE,
            tone_method VARCHAR
        );
        CREATE TABLE aggregated_articles (
            article_id VARCHAR PRIMARY KEY,
            coded_at TIMESTAMP NOT NULL
        );
        CREATE TABLE aggregate_settings (
            name VARCHAR PRIMARY KEY,
            value VARCHAR
        );
        """,
    ),
    (
        3,
        "version of the article facts, so that a changed lead or tone rule is recomputed",
        """
        ALTER TABLE article_facts ADD COLUMN IF NOT EXISTS facts_version INTEGER DEFAULT 0;
        """,
    ),
    (
        4,
        "actor codes after the first as flat columns; summary tables for the web app's unfiltered views",
        """
        ALTER TABLE events ADD COLUMN IF NOT EXISTS source_extra VARCHAR;
        ALTER TABLE events ADD COLUMN IF NOT EXISTS target_extra VARCHAR;
        """
        + ";\n".join([summaries.FILL_EXTRA_CODES, *(s.ddl for s in summaries.SUMMARIES_V4),
                    *summaries.rebuild_sql(keyed=False, tables=summaries.SUMMARIES_V4)])
        + ";",
    ),    (
        5,
        "an integer key per event and the sentence word index behind the web app's text search",
        """
        ALTER TABLE events ADD COLUMN IF NOT EXISTS seq BIGINT;
        UPDATE events SET seq = rowid + 1;
        """
        + ";\n".join([*words.DDL, *words.add_sql("events")])
        + ";",
    ),
    (
        6,
        "how each mention's place was found (clause, sentence, dateline) as a column, for the map and filters",
        """
        ALTER TABLE events ADD COLUMN IF NOT EXISTS location_basis VARCHAR;
        UPDATE events SET location_basis = json_extract_string(record, '$.location.basis')
            WHERE location_name IS NOT NULL OR location_country IS NOT NULL;
        """,
    ),
    (
        7,
        "an indexed lookup key per summary row, so that a batch updates its rows without reading the tables",
        ";\n".join(summaries.key_sql(summaries.SUMMARIES_V4)) + ";",
    ),
    (
        8,
        "the names and words each actor code was found as, for the actor page without reading every mention",
        ";\n".join(summaries.create_sql(summaries.SUMMARIES[5])) + ";",
    ),
    (
        9,
        "the map's counts per actor code and prefix and per place basis, for the map of one actor without a scan",
        ";\n".join(summaries.create_sql(summaries.SUMMARIES[6])) + ";",
    ),
    (
        10,
        "the word index in word order, so that a text search reads the row groups of its words, not all",
        ";\n".join(words.cluster_sql()) + ";",
    ),
    (
        11,
        "the actor index: the events' view columns once per 3-letter actor key, in key order, for filtered views",
        ";\n".join([actor_index.DDL, *actor_index.build_actor_keys_sql()]) + ";",
    ),
    (
        12,
        "the articles' id and title lower-cased once, so that the articles search reads one stored column",
        article_search.MIGRATION_SQL,
    ),
    (
        13,
        "the actor index's root rows: every event once more under its CAMEO root, for views filtered by a code",
        ";\n".join(actor_index.add_roots_sql()) + ";",
    ),
    (
        14,
        "the month tables: each month's events counted by dyad, actor, place and article, for date-range views",
        ";\n".join(sql for s in summaries.SUMMARIES[7:11] for sql in summaries.create_sql(s)) + ";",
    ),
    (
        15,
        "each mention's finished line of the CSV download, so that the download decodes no JSON record",
        # not filled here: the rows stored before stay NULL and the download decodes their records
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS csv_row VARCHAR;",
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]


class SchemaError(RuntimeError):
    pass


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply pending migrations; return the schema version now in force."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"database schema version {version} is newer than this dyads ({SCHEMA_VERSION}); upgrade dyads"
        )
    if version == 0:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
            "applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
    for number, description, sql in MIGRATIONS:
        if number <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, description) VALUES (?, ?)", [number, description])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = number
    return version
