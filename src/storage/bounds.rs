//! Bounded values read back from the database go through the model's one constructor each
//! ([`crate::model::values`]), like a file or the form. A stored value outside its limits is
//! only possible in a database written by an older version or edited by hand: it is reported
//! as a damaged record naming the campaign, the municipality, the field and the rule — never
//! clamped, never a panic.

use super::save::log_change;
use super::{Db, StorageError};
use crate::model::{Course, Date, ExperienceYears, Hours};
use rusqlite::{Connection, OptionalExtension, params};

/// The record a value was read from, by its row ids.
#[derive(Clone, Copy)]
pub(super) enum Place {
    Campaign(i64),
    Response(i64),
    /// The municipality's name of response `id`: named by the questionnaire's place in its
    /// campaign, since the stored name is the wrong value.
    Name(i64),
    Staff(i64),
    Course {
        staff: i64,
        ord: i64,
    },
}

/// The fields as a message names them.
const HOURS: &str = "число часов";
const COMPLETED: &str = "дата окончания курса";
pub(super) const STARTED: &str = "дата создания службы";
pub(super) const APPROVED_YEAR: &str = "год утверждения должностных инструкций";
pub(super) const SERVICE_YEARS: &str = "стаж в методической службе";
pub(super) const SCHOOL_YEARS: &str = "стаж в образовательных организациях";
pub(super) const MUNICIPALITY: &str = "название муниципалитета";
const REFERENCE_DATE: &str = "дата мониторинга";

/// `made` (a constructor's result for the value of `field` at `place`) or the storage error
/// saying where the value is and what it must be.
pub(super) fn checked<T>(
    conn: &Connection,
    place: Place,
    field: &str,
    made: Result<T, String>,
) -> Result<T, StorageError> {
    made.map_err(|rule| StorageError::Corrupt(format!("{}, {field}: {rule}", describe(conn, place))))
}

/// A date as the database stores it (ГГГГ-ММ-ДД), through [`Date::new`].
pub(super) fn date(conn: &Connection, place: Place, field: &str, text: &str) -> Result<Date, StorageError> {
    let parsed = super::iso_date(text).ok_or_else(|| format!("«{text}» — не дата в формате ГГГГ-ММ-ДД"));
    checked(conn, place, field, parsed.and_then(Date::new))
}

/// Years of experience (`field`) of staff record `staff`, through [`ExperienceYears::new`].
pub(super) fn years(conn: &Connection, staff: i64, field: &str, value: f64) -> Result<ExperienceYears, StorageError> {
    checked(conn, Place::Staff(staff), field, ExperienceYears::new(value))
}

/// Course `ord` of staff record `staff` as stored: its hours and its date through their
/// constructors.
pub(super) fn course(
    conn: &Connection,
    (staff, ord): (i64, i64),
    title: String,
    hours: f64,
    completed: &str,
    relevant: bool,
) -> Result<Course, StorageError> {
    let place = Place::Course { staff, ord };
    Ok(Course {
        title,
        hours: checked(conn, place, HOURS, Hours::new(hours))?,
        completed: date(conn, place, COMPLETED, completed)?,
        relevant,
    })
}

/// A campaign's reference date through [`Date::new`]. A wrong one would keep the list of
/// campaigns from being read at all, so its message says how to correct it.
pub(super) fn reference_date(conn: &Connection, campaign_id: i64, text: &str) -> Result<Date, StorageError> {
    date(conn, Place::Campaign(campaign_id), REFERENCE_DATE, text).map_err(|e| match e {
        StorageError::Corrupt(detail) => StorageError::Corrupt(format!(
            "{detail} — исправьте её: mms-monitor campaign-date --campaign {campaign_id} --reference-date ГГГГ-ММ-ДД"
        )),
        other => other,
    })
}

impl Db {
    /// Sets campaign `campaign_id`'s reference date (the repair of a stored one outside the
    /// limits), recorded in the change log. Found by its number, not through the list of
    /// campaigns, which a wrong date keeps from being read.
    pub fn set_reference_date(&mut self, campaign_id: i64, date: Date, source: &str) -> Result<(), StorageError> {
        self.set_reference_date_in_transaction(campaign_id, date, source).map_err(|e| self.explain(e))
    }

    fn set_reference_date_in_transaction(
        &mut self,
        campaign_id: i64,
        date: Date,
        source: &str,
    ) -> Result<(), StorageError> {
        let tx = self.conn.transaction()?;
        let old: Option<String> = tx
            .query_row("SELECT reference_date FROM campaigns WHERE id = ?1", [campaign_id], |r| r.get(0))
            .optional()?;
        let Some(old) = old else { return Err(StorageError::CampaignNotFound(campaign_id.to_string())) };
        let new = date.to_string();
        if old != new {
            tx.execute("UPDATE campaigns SET reference_date = ?2 WHERE id = ?1", params![campaign_id, new])?;
            log_change(&tx, source, campaign_id, None, None, "campaign.reference_date", Some(&old), Some(&new))?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// «кампания «…», муниципалитет «…», сотрудник № 2, курс № 1» (staff by number: names are
/// personal data).
fn describe(conn: &Connection, place: Place) -> String {
    let found = match place {
        Place::Campaign(id) => conn
            .query_row("SELECT title FROM campaigns WHERE id = ?1", [id], |r| r.get::<_, String>(0))
            .optional()
            .map(|t| t.map(|title| format!("кампания № {id} «{title}»"))),
        Place::Response(id) => response(conn, id, false).map(|p| p.map(|(text, _)| text)),
        Place::Name(id) => conn
            .query_row(
                "SELECT c.title, r.ord FROM responses r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = ?1",
                [id],
                |r| Ok(format!("кампания «{}», анкета № {}", r.get::<_, String>(0)?, r.get::<_, i64>(1)? + 1)),
            )
            .optional(),
        Place::Staff(id) => response(conn, id, true).map(|p| p.map(|(text, ord)| staff(text, ord))),
        Place::Course { staff: id, ord } => response(conn, id, true)
            .map(|p| p.map(|(text, staff_ord)| format!("{}, курс № {}", staff(text, staff_ord), ord + 1))),
    };
    match found {
        Ok(Some(text)) => text,
        // The lookup itself failed: the row ids still say where to look.
        _ => match place {
            Place::Campaign(id) => format!("кампания (запись № {id})"),
            Place::Response(id) | Place::Name(id) => format!("анкета (запись № {id})"),
            Place::Staff(id) => format!("сотрудник (запись № {id})"),
            Place::Course { staff, ord } => format!("курс № {} сотрудника (запись № {staff})", ord + 1),
        },
    }
}

fn staff(response: String, ord: Option<i64>) -> String {
    format!("{response}, сотрудник № {}", ord.unwrap_or(0) + 1)
}

/// The campaign and municipality of response `id` — or of staff record `id`, then with the
/// record's place in its response.
fn response(conn: &Connection, id: i64, by_staff: bool) -> rusqlite::Result<Option<(String, Option<i64>)>> {
    let sql = if by_staff {
        "SELECT c.title, m.name, s.ord FROM staff s JOIN responses r ON r.id = s.response_id
         JOIN campaigns c ON c.id = r.campaign_id JOIN municipalities m ON m.id = r.municipality_id
         WHERE s.id = ?1"
    } else {
        "SELECT c.title, m.name, NULL FROM responses r
         JOIN campaigns c ON c.id = r.campaign_id JOIN municipalities m ON m.id = r.municipality_id
         WHERE r.id = ?1"
    };
    conn.query_row(sql, [id], |r| {
        let (title, name): (String, String) = (r.get(0)?, r.get(1)?);
        Ok((format!("кампания «{title}», муниципалитет «{name}»"), r.get(2)?))
    })
    .optional()
}

#[cfg(test)]
mod tests {
    use crate::model::Date;
    use crate::storage::{Db, StorageError};

    const SAMPLE: &str = include_str!("../../sample_data/primorye-2022.json");

    /// The sample imported, then `sql` run on it as an older version or a hand edit would.
    fn edited(sql: &str) -> (tempfile::TempDir, Db, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("t.db")).unwrap();
        let campaign = db.import_campaign(&crate::interchange::parse(SAMPLE).unwrap(), "test").unwrap().campaign_id;
        db.conn.execute_batch(sql).unwrap();
        (dir, db, campaign)
    }

    /// Where the first course of the first staff record of the first response lives.
    const FIRST_COURSE: &str = "(SELECT c.id FROM courses c JOIN staff s ON s.id = c.staff_id
        JOIN responses r ON r.id = s.response_id ORDER BY r.ord, s.ord, c.ord LIMIT 1)";

    fn first_municipality(db: &Db) -> String {
        db.conn
            .query_row(
                "SELECT m.name FROM responses r JOIN municipalities m ON m.id = r.municipality_id
                 WHERE EXISTS (SELECT 1 FROM staff s JOIN courses c ON c.staff_id = s.id WHERE s.response_id = r.id)
                 ORDER BY r.ord LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn stored_hours_out_of_range_are_a_damaged_record_with_their_place() {
        let (_dir, db, campaign) = edited(&format!("UPDATE courses SET hours = 20000 WHERE id = {FIRST_COURSE}"));
        let expected = format!(
            "в базе данных повреждена запись: кампания «Мониторинг состояния и деятельности муниципальных \
             методических служб в Приморском крае», муниципалитет «{}», сотрудник № 1, курс № 1, \
             число часов: 20000 — число часов должно быть от 1 до 10000",
            first_municipality(&db)
        );
        assert_eq!(db.load_campaign(campaign).unwrap_err().to_string(), expected);
        assert_eq!(db.staff_records().unwrap_err().to_string(), expected, "the registry reads them the same way");
    }

    /// The first staff record of the first response that has staff.
    const FIRST_STAFF: &str = "(SELECT s.id FROM staff s JOIN responses r ON r.id = s.response_id
        ORDER BY r.ord, s.ord LIMIT 1)";

    fn title_and(rest: &str, db: &Db) -> String {
        format!(
            "кампания «Мониторинг состояния и деятельности муниципальных методических служб в Приморском крае», \
             муниципалитет «{}», {rest}",
            first_municipality(db)
        )
    }

    #[test]
    fn stored_experience_out_of_range_is_a_damaged_record_with_its_place() {
        let (_dir, db, campaign) = edited(&format!("UPDATE staff SET school_years = 85 WHERE id = {FIRST_STAFF}"));
        let expected = format!(
            "в базе данных повреждена запись: {}",
            title_and("сотрудник № 1, стаж в образовательных организациях: 85 — стаж должен быть от 0 до 80 лет", &db)
        );
        assert_eq!(db.load_campaign(campaign).unwrap_err().to_string(), expected);
        assert_eq!(db.staff_records().unwrap_err().to_string(), expected);
    }

    #[test]
    fn experience_carried_past_the_limit_is_refused_not_capped() {
        let (_dir, mut db, campaign) =
            edited(&format!("UPDATE staff SET service_years = 79.5 WHERE id = {FIRST_STAFF}"));
        let before = db.campaigns().unwrap().len();
        let next = crate::storage::NextCampaign {
            title: "Следующая".into(),
            reference_date: crate::model::Date::ymd::<2022, 12, 31>(),
            add_elapsed_years: true,
        };
        let err = db.new_campaign_from(campaign, &next).unwrap_err().to_string();
        let expected = title_and(
            "сотрудник № 1, стаж в методической службе: 80,5 — стаж должен быть от 0 до 80 лет — \
             исправьте стаж или создайте кампанию без прибавки стажа",
            &db,
        );
        assert_eq!(err, format!("стаж не прибавлен: {expected}"));
        assert_eq!(db.campaigns().unwrap().len(), before, "no campaign is created");
        let unchanged = crate::storage::NextCampaign { add_elapsed_years: false, ..next };
        assert!(db.new_campaign_from(campaign, &unchanged).is_ok());
    }

    #[test]
    fn a_stored_year_of_approval_out_of_range_is_a_damaged_record_with_its_place() {
        let first_response = "(SELECT r.id FROM responses r WHERE EXISTS (SELECT 1 FROM staff s
            JOIN courses c ON c.staff_id = s.id WHERE s.response_id = r.id) ORDER BY r.ord LIMIT 1)";
        let (_dir, db, campaign) = edited(&format!(
            "UPDATE responses SET duties_provided = 1, duties_approved_year = 2202 WHERE id = {first_response}"
        ));
        let expected = format!(
            "в базе данных повреждена запись: {}",
            title_and("год утверждения должностных инструкций: 2202 — год должен быть от 1900 до 2100", &db)
        );
        assert_eq!(db.load_campaign(campaign).unwrap_err().to_string(), expected);
    }

    #[test]
    fn a_date_written_by_an_older_version_with_a_short_year_is_a_damaged_record() {
        // An older version accepted «01.09.2» and stored it as 0002-09-01.
        let (_dir, db, campaign) =
            edited(&format!("UPDATE courses SET completed = '0002-09-01' WHERE id = {FIRST_COURSE}"));
        let expected = format!(
            "в базе данных повреждена запись: {}",
            title_and(
                "сотрудник № 1, курс № 1, дата окончания курса: 01.09.0002 — дата должна быть не раньше \
                 01.01.1900 и не позже 31.12.2100",
                &db
            )
        );
        assert_eq!(db.load_campaign(campaign).unwrap_err().to_string(), expected);
        assert_eq!(db.staff_records().unwrap_err().to_string(), expected);
    }

    #[test]
    fn a_stored_reference_date_out_of_range_names_the_campaign_and_the_repair() {
        // The «Новая кампания» dialog of an earlier version took «31.12.2».
        let (_dir, mut db, campaign) = edited("UPDATE campaigns SET reference_date = '0002-12-31'");
        let expected = format!(
            "в базе данных повреждена запись: кампания № {campaign} «Мониторинг состояния и деятельности \
             муниципальных методических служб в Приморском крае», дата мониторинга: 31.12.0002 — дата должна быть \
             не раньше 01.01.1900 и не позже 31.12.2100 — исправьте её: mms-monitor campaign-date --campaign \
             {campaign} --reference-date ГГГГ-ММ-ДД"
        );
        assert_eq!(db.load_campaign(campaign).unwrap_err().to_string(), expected);
        assert_eq!(db.campaigns().unwrap_err().to_string(), expected);
        assert_eq!(db.staff_records().unwrap_err().to_string(), expected);

        db.set_reference_date(campaign, Date::ymd::<2021, 12, 31>(), "тест").unwrap();
        let mut sample = crate::interchange::parse(SAMPLE).unwrap();
        sample.assign_ids();
        assert_eq!(db.load_campaign(campaign).unwrap(), sample);
        let logged: (String, String) = db
            .conn
            .query_row("SELECT old_value, new_value FROM change_log WHERE source = 'тест'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(logged, ("0002-12-31".into(), "2021-12-31".into()));
        let missing = db.set_reference_date(campaign + 1, Date::ymd::<2021, 12, 31>(), "тест").unwrap_err();
        assert!(matches!(missing, StorageError::CampaignNotFound(_)), "{missing:?}");

        let (_dir, db, campaign) = edited("UPDATE campaigns SET reference_date = 'вчера'");
        let message = db.load_campaign(campaign).unwrap_err().to_string();
        assert!(
            message.contains("дата мониторинга: «вчера» — не дата в формате ГГГГ-ММ-ДД — исправьте её"),
            "{message}"
        );
    }

    #[test]
    fn a_stored_start_of_the_service_out_of_range_names_the_municipality() {
        let first_response = "(SELECT r.id FROM responses r WHERE EXISTS (SELECT 1 FROM staff s
            JOIN courses c ON c.staff_id = s.id WHERE s.response_id = r.id) ORDER BY r.ord LIMIT 1)";
        let (_dir, db, campaign) =
            edited(&format!("UPDATE responses SET service_started = '1899-12-31' WHERE id = {first_response}"));
        let message = db.load_campaign(campaign).unwrap_err().to_string();
        assert!(
            message.ends_with(&title_and(
                "дата создания службы: 31.12.1899 — дата должна быть не раньше 01.01.1900 и не позже 31.12.2100",
                &db
            )),
            "{message}"
        );
    }

    #[test]
    fn a_stored_municipality_name_outside_the_rule_is_a_damaged_record_naming_the_questionnaire() {
        let title = "кампания «Мониторинг состояния и деятельности муниципальных методических служб в Приморском \
                     крае», анкета № 1, название муниципалитета";
        let first = "(SELECT municipality_id FROM responses ORDER BY ord LIMIT 1)";
        let (_dir, db, campaign) = edited(&format!("UPDATE municipalities SET name = ' \t ' WHERE id = {first}"));
        let expected = format!("в базе данных повреждена запись: {title}: название муниципалитета не заполнено");
        assert_eq!(db.load_campaign(campaign).unwrap_err().to_string(), expected);

        let (_dir, db, campaign) = edited(&format!(
            "UPDATE municipalities SET name = 'Артемовский ГО' || printf('%.300c', 'я') WHERE id = {first}"
        ));
        let message = db.load_campaign(campaign).unwrap_err().to_string();
        assert!(
            message.starts_with(&format!("в базе данных повреждена запись: {title}: «Артемовский ГО")),
            "{message}"
        );
        assert!(message.ends_with("…» — название муниципалитета длиннее 200 знаков (314)"), "{message}");
        assert!(message.chars().count() < 300, "the stored name is quoted by its start only: {message}");
    }

    #[test]
    fn importing_the_questionnaire_again_repairs_a_damaged_name() {
        let first = "(SELECT municipality_id FROM responses ORDER BY ord LIMIT 1)";
        let (_dir, mut db, campaign) = edited(&format!("UPDATE municipalities SET name = '' WHERE id = {first}"));
        assert!(db.load_campaign(campaign).is_err());
        db.import_campaign(&crate::interchange::parse(SAMPLE).unwrap(), "исправленный файл").unwrap();
        let mut expected = crate::interchange::parse(SAMPLE).unwrap();
        expected.assign_ids();
        assert_eq!(db.load_campaign(campaign).unwrap(), expected);
    }

    #[test]
    fn importing_the_corrected_questionnaire_repairs_the_record() {
        let (_dir, mut db, campaign) = edited(&format!("UPDATE staff SET service_years = 85 WHERE id = {FIRST_STAFF}"));
        assert!(db.load_campaign(campaign).is_err());
        let summary = db.import_campaign(&crate::interchange::parse(SAMPLE).unwrap(), "исправленный файл").unwrap();
        assert_eq!((summary.added, summary.updated), (0, 1), "only the damaged questionnaire is rewritten");
        let mut expected = crate::interchange::parse(SAMPLE).unwrap();
        expected.assign_ids();
        assert_eq!(db.load_campaign(campaign).unwrap(), expected);
        let logged: String =
            db.conn
                .query_row("SELECT new_value FROM change_log WHERE source = 'исправленный файл'", [], |r| r.get(0))
                .unwrap();
        assert!(logged.starts_with("анкета заменена целиком: в базе была повреждённая запись (кампания «"), "{logged}");
        assert!(logged.ends_with("стаж в методической службе: 85 — стаж должен быть от 0 до 80 лет)"), "{logged}");
    }
}
