-- Schema version 1 of a sitrep store (SQLite dialect).
--
-- Tables and ordinary indexes are written in SQL that PostgreSQL also accepts, apart from
-- `INTEGER PRIMARY KEY` (an identity column there); the full-text tables at the end are
-- SQLite's FTS5 and have a different counterpart in each backend.
--
-- Articles are never updated or deleted by this version: ingesting is append-only, and an
-- article whose content hash is already stored is a duplicate.

-- One row per distinct article text.
CREATE TABLE articles (
    seq              INTEGER PRIMARY KEY,
    content_hash     TEXT    NOT NULL UNIQUE,
    id               TEXT    NOT NULL,
    source           TEXT    NOT NULL,
    url              TEXT,
    title            TEXT,
    -- `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the metadata gave it.
    published        TEXT,
    -- The language the input declared, and the language extraction read the text as.
    declared_lang    TEXT,
    lang             TEXT,
    text             TEXT    NOT NULL,
    -- The input's other fields, as a JSON object.
    metadata         TEXT    NOT NULL,
    -- How many incidents and diagnostics the article's extraction had: a reader can check
    -- that none is missing.
    incident_count   INTEGER NOT NULL,
    diagnostic_count INTEGER NOT NULL
);

CREATE INDEX articles_by_id ON articles (id);

-- One row per incident. `body` holds the whole incident as JSON (the public schema); the
-- other columns copy the fields that queries filter on.
CREATE TABLE incidents (
    seq                INTEGER PRIMARY KEY,
    id                 TEXT    NOT NULL UNIQUE,
    article_seq        INTEGER NOT NULL REFERENCES articles (seq),
    ordinal            INTEGER NOT NULL,
    event_type         TEXT    NOT NULL,
    background         INTEGER NOT NULL CHECK (background IN (0, 1)),
    date_start         TEXT,
    date_end           TEXT,
    -- ISO 3166-1 alpha-2, upper case.
    country            TEXT,
    admin1             TEXT,
    lat                REAL,
    lon                REAL,
    killed_min         INTEGER,
    killed_max         INTEGER,
    wounded_min        INTEGER,
    wounded_max        INTEGER,
    perpetrator_name   TEXT,
    perpetrator_status TEXT,
    claimed            INTEGER CHECK (claimed IN (0, 1)),
    -- The real-world event this incident belongs to, once clustering across articles
    -- exists; always null in this version.
    event_id           TEXT,
    body               TEXT    NOT NULL,
    UNIQUE (article_seq, ordinal)
);

CREATE INDEX incidents_by_date ON incidents (date_start, id);
CREATE INDEX incidents_by_country ON incidents (country, date_start);
CREATE INDEX incidents_by_type ON incidents (event_type, date_start);
CREATE INDEX incidents_by_event ON incidents (event_id);

-- What extraction could not resolve, per article, in the extraction's order.
CREATE TABLE diagnostics (
    article_seq INTEGER NOT NULL REFERENCES articles (seq),
    ordinal     INTEGER NOT NULL,
    code        TEXT    NOT NULL,
    severity    TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    PRIMARY KEY (article_seq, ordinal)
);

CREATE INDEX diagnostics_by_code ON diagnostics (code);

-- Full text of the articles, indexed from the `articles` table itself (no second copy).
-- Diacritics are folded so that `tues` finds `tués`.
CREATE VIRTUAL TABLE article_fts USING fts5 (
    title,
    text,
    content = 'articles',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The searchable fields of each incident; the rowid is `incidents.seq`. Contentless: the
-- values already live in `incidents.body`.
CREATE VIRTUAL TABLE incident_fts USING fts5 (
    event_type,
    place,
    perpetrator,
    target,
    weapon,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
