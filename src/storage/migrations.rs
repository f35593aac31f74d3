//! The schema as an append-only list of migrations, versioned by `PRAGMA user_version`.
//! Never edit a released migration: add a new one at the end.

pub const MIGRATIONS: &[&str] = &[
    // 1: campaigns, municipalities, responses with staff, courses, duties and associations;
    //    the import register and the change log.
    r#"
CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    region          TEXT NOT NULL,
    reference_date  TEXT NOT NULL,
    methodology     TEXT NOT NULL DEFAULT 'primorye-2022',
    created_at      TEXT NOT NULL
);
-- Editable texts of a campaign: title-page people, introduction, deadlines (key → value).
CREATE TABLE campaign_texts (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (campaign_id, key)
);
CREATE TABLE municipalities (
    id     INTEGER PRIMARY KEY,
    region TEXT NOT NULL,
    name   TEXT NOT NULL,
    kind   TEXT,
    UNIQUE (region, name)
);
CREATE TABLE responses (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    campaign_id           INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    municipality_id       INTEGER NOT NULL REFERENCES municipalities(id),
    ord                   INTEGER NOT NULL,
    service_form          TEXT NOT NULL
        CHECK (service_form IN ('separate_org', 'moouo_department', 'moouo_specialists', 'not_declared')),
    service_name          TEXT,
    service_started       TEXT,
    staff_provided        INTEGER NOT NULL CHECK (staff_provided IN (0, 1)),
    duties_provided       INTEGER NOT NULL CHECK (duties_provided IN (0, 1)),
    duties_approved_year  INTEGER,
    associations_provided INTEGER NOT NULL CHECK (associations_provided IN (0, 1)),
    mmo                   INTEGER CHECK (mmo IN (0, 1)),
    notes                 TEXT,
    updated_at            TEXT NOT NULL,
    UNIQUE (campaign_id, municipality_id)
);
CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    response_id   INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    name          TEXT,
    job_title     TEXT,
    education     TEXT NOT NULL
        CHECK (education IN ('higher_pedagogical', 'higher_other', 'secondary_vocational', 'other')),
    service_years REAL NOT NULL CHECK (service_years >= 0),
    school_years  REAL NOT NULL CHECK (school_years >= 0)
);
CREATE INDEX staff_by_response ON staff(response_id, ord);
CREATE TABLE courses (
    id        INTEGER PRIMARY KEY,
    staff_id  INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    title     TEXT NOT NULL,
    hours     INTEGER NOT NULL CHECK (hours >= 1),
    completed TEXT NOT NULL,
    relevant  INTEGER NOT NULL CHECK (relevant IN (0, 1))
);
CREATE INDEX courses_by_staff ON courses(staff_id, ord);
CREATE TABLE duties (
    response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    function    TEXT NOT NULL,
    PRIMARY KEY (response_id, function)
);
CREATE TABLE associations (
    response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    name        TEXT NOT NULL
);
CREATE INDEX associations_by_response ON associations(response_id, ord);
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    source      TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL
);
CREATE TABLE change_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    source        TEXT NOT NULL,
    campaign_uuid TEXT NOT NULL,
    response_uuid TEXT,
    municipality  TEXT,
    path          TEXT NOT NULL,
    old_value     TEXT,
    new_value     TEXT
);
CREATE INDEX change_log_by_response ON change_log(response_uuid, at);
"#,
    // 2: field packages: each export's record, the response snapshots its base hashes name
    //    (content-addressed), the bases a field laptop received, and the SHA-256 of every
    //    imported file so a re-import is a no-op.
    r#"
CREATE TABLE response_snapshots (
    hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
CREATE TABLE field_packages (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    with_names  INTEGER NOT NULL CHECK (with_names IN (0, 1)),
    responses   INTEGER NOT NULL
);
ALTER TABLE imports ADD COLUMN sha256 TEXT;
ALTER TABLE imports ADD COLUMN complete INTEGER NOT NULL DEFAULT 1 CHECK (complete IN (0, 1));
ALTER TABLE imports ADD COLUMN details TEXT;
CREATE INDEX imports_by_sha256 ON imports(sha256);
-- On a field laptop: the base each response arrived with, so the package it sends back
-- carries the institute's bases, not its own.
CREATE TABLE received_bases (
    response_uuid TEXT PRIMARY KEY,
    base          TEXT NOT NULL,
    with_names    INTEGER NOT NULL CHECK (with_names IN (0, 1)),
    package_uuid  TEXT NOT NULL
);
"#,
    // 3: the methodology each campaign is assessed with, as a copy of its file
    //    (`docs/methodology-format.md`); NULL is the built-in `primorye-2022`.
    r#"
ALTER TABLE campaigns ADD COLUMN methodology_json TEXT;
"#,
];

/// The schema version this program writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
