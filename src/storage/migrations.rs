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
    // 4: people across campaigns, municipalities with history, review statuses. A staff record
    //    is one person's answer in one campaign; this
    //    table names the person of each record carried or confirmed into a later campaign (a
    //    record with no row is a person of its own, with the record's uuid). Rejected proposals
    //    are kept so they are not proposed again.
    r#"
CREATE TABLE staff_persons (
    staff_uuid  TEXT PRIMARY KEY,
    person_uuid TEXT NOT NULL,
    how         TEXT NOT NULL CHECK (how IN ('carried', 'confirmed')),
    at          TEXT NOT NULL
);
CREATE INDEX staff_persons_by_person ON staff_persons(person_uuid);
CREATE TABLE person_rejections (
    staff_uuid  TEXT NOT NULL,
    person_uuid TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (staff_uuid, person_uuid)
);
-- Municipalities with history: a rename, a transformation (МР → МО) or a merge (one row per
-- merged municipality, all with the same new name and date).
CREATE TABLE municipality_changes (
    id         INTEGER PRIMARY KEY,
    region     TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('rename', 'transformation', 'merge')),
    changed_on TEXT NOT NULL,
    old_name   TEXT NOT NULL,
    new_name   TEXT NOT NULL,
    basis      TEXT,
    UNIQUE (region, old_name, new_name)
);
-- The review status of each questionnaire (none = «черновик»), by the response's uuid, which
-- imports keep.
CREATE TABLE response_reviews (
    response_uuid TEXT PRIMARY KEY,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'needs_work', 'checked')),
    comment       TEXT,
    at            TEXT NOT NULL
);
"#,
    // 5: target-indicator programmes: the definition as its programme JSON without values
    //    (format mms-monitor.programme), and one row per value. Their changes go to change_log
    //    with the programme's uuid in campaign_uuid.
    r#"
CREATE TABLE programmes (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    uuid       TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    definition TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE programme_values (
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    indicator    TEXT NOT NULL,
    period       TEXT NOT NULL,
    municipality TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    value        TEXT NOT NULL,
    source       TEXT,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (programme_id, indicator, period, municipality, organisation)
);
"#,
    // 6: the two CHECKs an import runs for every row, `education IN (…)` and `service_form IN
    //    (…)`, written as comparisons joined by OR. SQLite evaluates a CHECK's `IN` list of three
    //    or more values by building a temporary b-tree for every row written: a quarter of a
    //    federal import's work. The rule and the data stay the same; only the schema text
    //    changes, by SQLite's documented procedure for changing a CHECK
    //    (https://sqlite.org/lang_altertable.html#otheralter); `RESET` reloads the schema.
    r#"
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (education IN (''higher_pedagogical'', ''higher_other'', ''secondary_vocational'', ''other''))',
    'CHECK (education = ''higher_pedagogical'' OR education = ''higher_other''
               OR education = ''secondary_vocational'' OR education = ''other'')')
WHERE type = 'table' AND name = 'staff';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (service_form IN (''separate_org'', ''moouo_department'', ''moouo_specialists'', ''not_declared''))',
    'CHECK (service_form = ''separate_org'' OR service_form = ''moouo_department''
               OR service_form = ''moouo_specialists'' OR service_form = ''not_declared'')')
WHERE type = 'table' AND name = 'responses';
PRAGMA writable_schema = RESET;
"#,
];

/// The schema version this program writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
