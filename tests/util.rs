//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_data/primorye-2022.json");
pub const EXPECTED_TSV: &str = include_str!("data/primorye-2022-expected.tsv");

/// One municipality's levels as codes of the `assess --json` contract — a row of the reference
/// TSV, or what the program computed, whichever way it was asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Levels {
    pub municipality: String,
    pub declared: bool,
    pub staff_count: String,
    /// The four staff indicators, in `Indicator::ALL` order.
    pub indicators: [String; 4],
    pub potential: String,
    pub duties: String,
    pub associations: String,
}

/// The reference levels of the sample (`tests/data/primorye-2022-expected.tsv`).
pub fn expected() -> Vec<Levels> {
    let colour = |c: &str| {
        match c {
            "G" => "green",
            "Y" => "yellow",
            "R" => "red",
            "B" => "blue",
            "-" => "no_staff",
            other => panic!("unexpected colour {other}"),
        }
        .to_string()
    };
    EXPECTED_TSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 12, "{line}");
            Levels {
                municipality: f[1].to_string(),
                declared: f[3] == "declared",
                staff_count: f[4].to_string(),
                indicators: [colour(f[5]), colour(f[6]), colour(f[7]), colour(f[8])],
                potential: f[9].to_string(),
                duties: f[10].to_string(),
                associations: f[11].to_string(),
            }
        })
        .collect()
}

/// The levels in an `assess --json` document.
pub fn levels_of_json(assessment: &serde_json::Value) -> Vec<Levels> {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string();
    let keys = ["higher_ped_education", "service_experience_over_5y", "school_experience", "training_within_3y"];
    assessment["municipalities"]
        .as_array()
        .expect("municipalities")
        .iter()
        .map(|m| Levels {
            municipality: text(&m["municipality"]),
            declared: m["service_declared"].as_bool().expect("service_declared"),
            staff_count: text(&m["staff_count_level"]),
            indicators: keys.map(|k| text(&m[k])),
            potential: text(&m["staffing_potential"]),
            duties: text(&m["duties"]),
            associations: text(&m["associations"]),
        })
        .collect()
}

/// Asserts that `got` are the sample's reference levels, naming the first municipality that differs.
pub fn assert_reference_levels(got: &[Levels]) {
    let want = expected();
    assert_eq!(got.len(), want.len(), "number of municipalities");
    for (got, want) in got.iter().zip(&want) {
        assert_eq!(got, want, "{}", want.municipality);
    }
}

/// The real binary, run in a temporary directory with its own default database location.
pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Cli {
    pub fn new() -> Cli {
        Cli { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("test.db")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mms-monitor"))
            .args(args)
            .current_dir(self.dir.path())
            .env("MMS_MONITOR_DB", self.path("default.db"))
            .output()
            .unwrap()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and asserts failure without a panic; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(!stderr.contains("panicked"), "panic instead of an error: {stderr}");
        stderr
    }

    /// `file` opened by LibreOffice and saved as `format`, as a user saves it: `pdf` (a DOCX
    /// by Writer), `xlsx` (a workbook by Calc, as «Excel 2007–365») or `ods` (Calc's own
    /// format). The copy goes to the folder `libreoffice` under the same name with the format's
    /// extension; LibreOffice failing, or saving nothing, fails the test.
    pub fn libreoffice_convert(&self, file: &Path, format: &str) -> PathBuf {
        let filter = match format {
            "xlsx" => "xlsx:Calc MS Excel 2007 XML",
            other => other,
        };
        let (profile, dir) =
            (format!("-env:UserInstallation=file://{}", s(&self.path("lo-profile"))), self.path("libreoffice"));
        let install = "apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui";
        let output = Command::new("soffice")
            .args([profile.as_str(), "--headless", "--convert-to", filter, "--outdir", s(&dir), s(file)])
            .output()
            .unwrap_or_else(|e| panic!("soffice is not available ({e}): install LibreOffice ({install})"));
        assert!(output.status.success(), "soffice: {}", String::from_utf8_lossy(&output.stderr));
        let saved = dir.join(file.with_extension(format).file_name().unwrap());
        assert!(
            saved.exists(),
            "LibreOffice saved no {format} ({install}?): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        saved
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A database with the three synthetic campaigns, numbered 1 (2021), 2 (2022), 3 (2023),
/// imported through the real CLI; returns its path.
pub fn three_campaigns(cli: &Cli) -> String {
    for (i, campaign) in mms_monitor::model::synthetic::three_years().iter().enumerate() {
        let file = cli.path(&format!("{}.json", 2021 + i));
        mms_monitor::interchange::write_file(campaign, &file).unwrap();
        cli.ok(&["import", s(&file), "--db", s(&cli.db())]);
    }
    s(&cli.db()).to_string()
}
