//! The sample reproduces every level the seed note publishes, through the library.

use crate::util::{Levels, SAMPLE, assert_reference_levels};
use mms_monitor::interchange;
use mms_monitor::methodology::{Indicator, Methodology, PotentialLevel, assess};
use mms_monitor::model::ServiceForm;

#[test]
fn sample_reproduces_reference_levels() {
    let campaign = interchange::read_file(SAMPLE.as_ref()).unwrap();
    let assessment = assess(&campaign, &Methodology::default());
    let levels: Vec<Levels> = assessment
        .municipalities
        .iter()
        .map(|m| Levels {
            municipality: m.municipality.clone(),
            declared: m.service_declared,
            staff_count: m.staff_count_level.level.code().to_string(),
            indicators: Indicator::ALL.map(|i| m.indicator(i).level.code().to_string()),
            potential: m.potential.level.code().to_string(),
            duties: m.duties.level.code().to_string(),
            associations: m.associations.level.code().to_string(),
        })
        .collect();
    assert_reference_levels(&levels);
}

#[test]
fn sample_matches_the_seed_counts() {
    let campaign = interchange::read_file(SAMPLE.as_ref()).unwrap();
    let a = assess(&campaign, &Methodology::default());
    let separate = a.count_where(|m| m.service_declared && m.service_form == ServiceForm::SeparateOrg);
    let inside = a.count_where(|m| {
        m.service_declared && matches!(m.service_form, ServiceForm::MoouoDepartment | ServiceForm::MoouoSpecialists)
    });
    assert_eq!((separate, inside, a.count_where(|m| !m.service_declared)), (19, 12, 3));
    let kavalerovo = a.municipalities.iter().find(|m| m.municipality == "Кавалеровский МР").unwrap();
    assert_eq!(kavalerovo.staff_count, Some(3));
    assert_eq!(a.count_where(|m| m.potential.level == PotentialLevel::Sufficient), 11);
    assert_eq!(a.count_where(|m| m.potential.level == PotentialLevel::Critical), 5);
    let outdated = a.names_where(|m| m.duties_outdated);
    assert_eq!(outdated, ["Красноармейский МР", "Чугуевский МР", "Черниговский МР"]);
}
