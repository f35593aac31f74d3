//! The sample reproduces every level the seed note publishes, through the library.

use crate::util::{SAMPLE, expected};
use mms_monitor::interchange;
use mms_monitor::methodology::{Indicator, Methodology, PotentialLevel, assess};
use mms_monitor::model::ServiceForm;

#[test]
fn sample_reproduces_reference_levels() {
    let campaign = interchange::read_file(SAMPLE.as_ref()).unwrap();
    let assessment = assess(&campaign, &Methodology::default());
    let expected = expected();
    assert_eq!(assessment.municipalities.len(), expected.len());
    for (got, want) in assessment.municipalities.iter().zip(&expected) {
        let name = &want.municipality;
        assert_eq!(got.municipality, *name);
        assert_eq!(got.service_declared, want.declared, "{name}: service");
        assert_eq!(got.staff_count_level.level.code(), want.staff_count, "{name}: staff count");
        for i in Indicator::ALL {
            assert_eq!(got.indicator(i).level.code(), want.indicators[i.index()], "{name}: {}", i.code());
        }
        assert_eq!(got.potential.level.code(), want.potential, "{name}: potential");
        assert_eq!(got.duties.level.code(), want.duties, "{name}: duties");
        assert_eq!(got.associations.level.code(), want.associations, "{name}: associations");
    }
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
