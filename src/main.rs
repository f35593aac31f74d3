//! Entry point: a subcommand runs the command line; none opens the desktop app (for now, the help).

use clap::{CommandFactory, Parser};
use mms_monitor::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let Some(command) = args.command else {
        let _ = Cli::command().print_help();
        return ExitCode::SUCCESS;
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli::run(command, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ошибка: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Output piped into `head` and closed early is not an error worth reporting.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
