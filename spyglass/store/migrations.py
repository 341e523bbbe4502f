"""Versioned schema migrations: each is applied once, in order, inside one exclusive transaction.

Any number of processes may open a new store at once: the first takes SQLite's write lock,
the others wait for it (busy timeout) and then find nothing left to do.
"""

from __future__ import annotations

import sqlite3

# Append only. A released migration is never edited: a change is a new entry.
MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "documents, segments, sources, full-text index",
        """
        CREATE TABLE documents (
            doc_id      TEXT PRIMARY KEY,
            format      TEXT NOT NULL,
            url         TEXT,
            title       TEXT,
            author      TEXT,
            publisher   TEXT,
            published   TEXT,
            language    TEXT,
            text        TEXT NOT NULL,
            metadata    TEXT NOT NULL DEFAULT '{}',
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE segments (
            doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            seq    INTEGER NOT NULL,
            kind   TEXT NOT NULL CHECK (kind IN ('body', 'pull_quote', 'boilerplate', 'duplicate')),
            start  INTEGER NOT NULL,
            end    INTEGER NOT NULL CHECK (end > start),
            PRIMARY KEY (doc_id, seq)
        );
        -- every place a document was read from: the same content from two paths is one document
        CREATE TABLE sources (
            doc_id  TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            source  TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, source)
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            doc_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
    ),
    (
        2,
        "mentions, claims, extraction runs",
        """
        CREATE TABLE mentions (
            doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            start     INTEGER NOT NULL,
            end       INTEGER NOT NULL CHECK (end > start),
            text      TEXT NOT NULL,
            type      TEXT NOT NULL,
            name      TEXT NOT NULL,   -- the in-document canonical name ("Mallory" -> "Kevin Mallory")
            kb_id     TEXT,
            source    TEXT NOT NULL,
            PRIMARY KEY (doc_id, start, end)
        );
        CREATE INDEX mentions_name ON mentions(name);
        CREATE INDEX mentions_kb ON mentions(kb_id);
        CREATE TABLE claims (
            claim_id          TEXT PRIMARY KEY,
            doc_id            TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            subject           TEXT NOT NULL,
            subject_type      TEXT,
            predicate         TEXT NOT NULL,
            object            TEXT,
            object_type       TEXT,
            value             TEXT,
            date              TEXT,
            date_precision    TEXT,
            date_phrase       TEXT,
            hedge             TEXT NOT NULL DEFAULT 'none',
            hedge_cue         TEXT,
            start             INTEGER NOT NULL,
            end               INTEGER NOT NULL CHECK (end > start),
            extractor         TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            confidence        REAL NOT NULL
        );
        CREATE INDEX claims_doc ON claims(doc_id);
        CREATE INDEX claims_subject ON claims(subject);
        CREATE INDEX claims_object ON claims(object);
        -- which documents have been extracted, and by which version of the extractors
        CREATE TABLE extraction_runs (
            doc_id       TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
            version      TEXT NOT NULL,
            extracted_at TEXT NOT NULL
        );
        """,
    ),
    (
        3,
        "knowledge base: entries, aliases, relationships, import runs",
        """
        -- one row per file imported (and one per sync of the built-in data), kept as a log
        CREATE TABLE kb_imports (
            import_id   INTEGER PRIMARY KEY AUTOINCREMENT,
            origin      TEXT NOT NULL CHECK (origin IN ('builtin', 'stix', 'misp')),
            path        TEXT,
            sha256      TEXT NOT NULL,
            source      TEXT,
            imported_at TEXT NOT NULL,
            summary     TEXT NOT NULL DEFAULT '{}'
        );
        -- source_key is the built-in id, the STIX id or the MISP uuid: a re-import updates its row
        CREATE TABLE kb_entries (
            kb_id        TEXT PRIMARY KEY,
            origin       TEXT NOT NULL CHECK (origin IN ('builtin', 'stix', 'misp')),
            source_key   TEXT NOT NULL,
            external_id  TEXT,
            name         TEXT NOT NULL,
            type         TEXT NOT NULL,
            country      TEXT,
            parent       TEXT,
            status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deprecated', 'revoked')),
            description  TEXT,
            data         TEXT NOT NULL DEFAULT '{}',
            content_hash TEXT NOT NULL,
            import_id    INTEGER REFERENCES kb_imports(import_id),
            updated_at   TEXT NOT NULL,
            UNIQUE (origin, source_key)
        );
        CREATE INDEX kb_entries_external ON kb_entries(external_id);
        CREATE INDEX kb_entries_type ON kb_entries(type);
        CREATE TABLE kb_aliases (
            kb_id   TEXT NOT NULL REFERENCES kb_entries(kb_id) ON DELETE CASCADE,
            alias   TEXT NOT NULL,
            norm    TEXT NOT NULL,
            is_name INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (kb_id, alias)
        );
        CREATE INDEX kb_aliases_norm ON kb_aliases(norm);
        -- subject/object are kb_ids, NULL when that end is not a KB entry (a person, a region)
        CREATE TABLE kb_relationships (
            rel_id       TEXT PRIMARY KEY,
            subject      TEXT,
            subject_name TEXT NOT NULL,
            predicate    TEXT NOT NULL,
            object       TEXT,
            object_name  TEXT NOT NULL,
            date         TEXT,
            source_url   TEXT,
            source_ref   TEXT,
            origin       TEXT NOT NULL CHECK (origin IN ('builtin', 'stix', 'misp', 'derived')),
            note         TEXT,
            content_hash TEXT NOT NULL,
            import_id    INTEGER REFERENCES kb_imports(import_id)
        );
        CREATE INDEX kb_relationships_subject ON kb_relationships(subject);
        CREATE INDEX kb_relationships_object ON kb_relationships(object);
        CREATE INDEX kb_relationships_predicate ON kb_relationships(predicate);
        """,
    ),

    (
        4,
        "analyst judgements (append-only)",
        """
        CREATE TABLE judgements (
            judgement_id INTEGER PRIMARY KEY AUTOINCREMENT,
            made_at      TEXT NOT NULL,
            made_by      TEXT NOT NULL,
            kind         TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'wrong_claim', 'choose')),
            target       TEXT NOT NULL,   -- a case name, or a claim's key
            value        TEXT,            -- the other name, the field=value chosen
            note         TEXT
        );
        -- judgements are never edited or deleted: a change of mind is a new judgement
        CREATE TRIGGER judgements_no_update BEFORE UPDATE ON judgements
            BEGIN SELECT RAISE(ABORT, 'judgements are append-only'); END;
        CREATE TRIGGER judgements_no_delete BEFORE DELETE ON judgements
            BEGIN SELECT RAISE(ABORT, 'judgements are append-only'); END
        """,
    ),
    (
        5,
        "extraction state: done or failed, with the reason",
        """
        -- a document without a row for the current extractor version is pending
        ALTER TABLE extraction_runs ADD COLUMN status TEXT NOT NULL DEFAULT 'done'
            CHECK (status IN ('done', 'failed'));
        ALTER TABLE extraction_runs ADD COLUMN reason TEXT;
        CREATE INDEX extraction_runs_status ON extraction_runs(status, version)
        """,
    ),
]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to the newest version; returns the version reached. The check and every
    migration run under one exclusive lock, so two processes never apply the same migration."""
    newest = max([v for v, _, _ in MIGRATIONS], default=0)
    if _applied(conn) >= {v for v, _, _ in MIGRATIONS}:
        return newest  # the usual case: nothing to do, and no write lock taken
    conn.execute("BEGIN EXCLUSIVE")  # waits for another process migrating the same file
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
        )
        applied = _applied(conn)
        for version, name, sql in MIGRATIONS:
            if version in applied:
                continue
            # executescript would commit on its own; run statements one by one inside the transaction.
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, datetime('now'))", (version, name))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return newest


def _applied(conn: sqlite3.Connection) -> set[int]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")} if exists else set()


def _statements(sql: str) -> list[str]:
    """Split a script into statements; a trigger's body holds semicolons of its own."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    out, buffer = [], ""
    for piece in "\n".join(lines).split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                out.append(buffer.strip().rstrip(";"))
            buffer = ""
    if buffer.strip(" \n;"):
        out.append(buffer.strip().rstrip(";"))
    return out
