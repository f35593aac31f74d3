//! Entry point: no subcommand opens the desktop app; a subcommand runs the command line.
// On Windows the app gets no console window of its own; the command line attaches to the
// console it was started from, so its output still shows there.
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;
use mms_monitor::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(windows)]
    windows_console::attach();
    let args = Cli::parse();
    let Some(command) = args.command else {
        return run_app(args.db);
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli::run(command, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ошибка: {e:#}");
            ExitCode::from(cli::exit_code(&e))
        }
    }
}

/// The window; without a display (or OpenGL) a clear message instead of a panic.
fn run_app(db: Option<std::path::PathBuf>) -> ExitCode {
    match mms_monitor::ui::run(db) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "ошибка: не удалось открыть окно программы: {e:#}\n\
                 Нужен графический сеанс (X11 или Wayland) с поддержкой OpenGL. \
                 Без окна работают команды: mms-monitor --help"
            );
            ExitCode::from(2)
        }
    }
}

/// Output piped into `head` and closed early is not an error worth reporting.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod windows_console {
    /// `ATTACH_PARENT_PROCESS` of the Windows API.
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }

    /// Attaches to the console of the process that started us, if there is one.
    pub fn attach() {
        // SAFETY: AttachConsole takes a plain integer and has no memory-safety preconditions;
        // its failure (no parent console, e.g. started from Explorer) is harmless and ignored.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
