//! The analytical note: the sample and a generated 2,500-municipality campaign, and — in the
//! same run, when installed — LibreOffice and Typst making the equivalent note of
//! `benches/peers/` (see `docs/report.md`).
//!
//! `cargo bench --bench report` (set `BENCH_RUNS` to change the number of runs).

use mms_monitor::interchange;
use mms_monitor::methodology::assess_default;
use mms_monitor::model::{Campaign, synthetic};
use mms_monitor::report::{self, NoteTexts, ReportOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "common/timing.rs"]
mod timing;
use timing::{median, time};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn runs() -> usize {
    std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(15)
}

/// Assess and render in-process; returns the PDF.
fn note(campaign: &Campaign) -> Vec<u8> {
    let assessment = assess_default(campaign);
    let texts = NoteTexts::defaults_for(campaign);
    report::render_pdf(campaign, &assessment, &texts, &ReportOptions { created_unix: Some(0), ..Default::default() })
        .unwrap_or_default()
}

/// Assess and render the DOCX in-process.
fn note_docx(campaign: &Campaign) -> Vec<u8> {
    let assessment = assess_default(campaign);
    let texts = NoteTexts::defaults_for(campaign);
    report::render_docx(campaign, &assessment, &texts, &ReportOptions { created_unix: Some(0), ..Default::default() })
        .unwrap_or_default()
}

/// Median wall time of a whole process, after one warm-up run; `None` if it does not run. Its
/// output goes to the null device, as hyperfine does by default: capturing it through pipes
/// would add the reading process's work to every tool's time (about 1 ms here). It runs without
/// the folders cargo adds to `LD_LIBRARY_PATH` for benches (six of the build and the toolchain,
/// where the loader looked for each system library first: 72 failed `openat`s, 0.5 ms), as a
/// user runs it.
fn process(runs: usize, program: &str, args: &[&str]) -> Option<Duration> {
    let library_path = users_library_path();
    let run = || {
        let mut command = Command::new(program);
        match &library_path {
            Some(path) => command.env("LD_LIBRARY_PATH", path),
            None => command.env_remove("LD_LIBRARY_PATH"),
        };
        command.args(args).stdout(Stdio::null()).stderr(Stdio::null()).status().ok().filter(|s| s.success())
    };
    run()?;
    let mut samples = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        run()?;
        samples.push(start.elapsed());
    }
    Some(median(samples))
}

/// `LD_LIBRARY_PATH` as the user's shell had it: without the folders cargo put before it, those
/// of the build (under the target folder) and of the toolchain that runs cargo.
fn users_library_path() -> Option<std::ffi::OsString> {
    let path = std::env::var_os("LD_LIBRARY_PATH")?;
    // target/<profile>/mms-monitor: the target folder, wherever CARGO_TARGET_DIR puts it.
    let target = Path::new(env!("CARGO_BIN_EXE_mms-monitor")).parent()?.parent()?.to_path_buf();
    // <toolchain>/bin/cargo.
    let toolchain =
        std::env::var_os("CARGO").map(PathBuf::from).and_then(|c| Some(c.parent()?.parent()?.to_path_buf()));
    let users: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|p| !p.starts_with(&target) && !toolchain.as_ref().is_some_and(|t| p.starts_with(t)))
        .collect();
    if users.is_empty() { None } else { std::env::join_paths(users).ok() }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let runs = runs();
    let out = PathBuf::from(ROOT).join("target/bench-report");
    let _ = std::fs::create_dir_all(&out);
    let sample_path = Path::new(ROOT).join("sample_data/primorye-2022.json");
    let Ok(sample) = interchange::read_file(&sample_path) else {
        eprintln!("the sample does not read: {}", sample_path.display());
        return;
    };

    let pdf = note(&sample);
    let _ = std::fs::write(out.join("sample.pdf"), &pdf);
    let pages = |c: &Campaign| {
        report::layout_note(c, &assess_default(c), &NoteTexts::defaults_for(c), &ReportOptions::default())
            .map(|l| l.pages.len())
            .unwrap_or(0)
    };
    let sample_in_process = time(runs, || {
        std::hint::black_box(note(&sample));
    });
    println!(
        "sample (34 municipalities, {} pages, {} KB), in process: median {} of {runs}",
        pages(&sample),
        pdf.len() / 1024,
        ms(sample_in_process)
    );

    let docx_bytes = note_docx(&sample);
    let _ = std::fs::write(out.join("sample.docx"), &docx_bytes);
    let docx_in_process = time(runs, || {
        std::hint::black_box(note_docx(&sample));
    });
    println!("sample DOCX ({} KB), in process: median {} of {runs}", docx_bytes.len() / 1024, ms(docx_in_process));

    let federal = synthetic::generate(2500, 10, 3);
    let big = note(&federal);
    let _ = std::fs::write(out.join("federal-2500.pdf"), &big);
    let federal_runs = runs.clamp(1, 3);
    let federal_time = time(federal_runs, || {
        std::hint::black_box(note(&federal));
    });
    println!(
        "generated 2,500 municipalities ({} pages, {} KB), in process: median {} of {federal_runs}",
        pages(&federal),
        big.len() / 1024,
        ms(federal_time)
    );

    // Whole processes, the way a user runs each tool.
    let ours_pdf = out.join("cli-note.pdf");
    let ours = process(
        runs,
        env!("CARGO_BIN_EXE_mms-monitor"),
        &["report", "--input", &sample_path.to_string_lossy(), "--out", &ours_pdf.to_string_lossy()],
    );
    let Some(ours) = ours else {
        println!("mms-monitor report did not run");
        return;
    };
    println!("mms-monitor report (whole process, sample): median {} of {runs}", ms(ours));
    let ours_docx = out.join("cli-note.docx");
    let sample_arg = sample_path.to_string_lossy();
    let docx_arg = ours_docx.to_string_lossy();
    if let Some(d) =
        process(runs, env!("CARGO_BIN_EXE_mms-monitor"), &["report", "--input", &sample_arg, "--out", &docx_arg])
    {
        println!("mms-monitor report --out note.docx (whole process, sample): median {} of {runs}", ms(d));
    }

    let peers = Path::new(ROOT).join("benches/peers");
    let lo_dir = out.join("libreoffice");
    let docx = peers.join("note.docx");
    let lo_runs = runs.clamp(1, 5);
    let libreoffice = process(
        lo_runs,
        "soffice",
        &[
            "-env:UserInstallation=file:///tmp/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            &lo_dir.to_string_lossy(),
            &docx.to_string_lossy(),
        ],
    );
    match libreoffice {
        Some(d) => println!(
            "LibreOffice DOCX → PDF (whole process, warm): median {} of {lo_runs}; ratio {:.0}× our time",
            ms(d),
            d.as_secs_f64() / ours.as_secs_f64()
        ),
        None => println!("LibreOffice: not installed (apt-get install -y libreoffice-writer-nogui)"),
    }

    let typ = peers.join("note.typ");
    let typst_pdf = out.join("typst.pdf");
    let script = format!(
        "import typst; typst.compile({:?}, output={:?}, font_paths=['/usr/share/fonts/truetype/liberation2'])",
        typ.to_string_lossy(),
        typst_pdf.to_string_lossy()
    );
    match process(runs, "python3", &["-c", &script]) {
        Some(d) => println!(
            "Typst (whole process via python): median {} of {runs}; ratio {:.1}× our time",
            ms(d),
            d.as_secs_f64() / ours.as_secs_f64()
        ),
        None => println!("Typst: not installed (pip install typst)"),
    }
}
