//! Entry point: no subcommand opens the desktop app; a subcommand runs the command line.
// On Windows the app gets no console window of its own; the command line attaches to the
// console it was started from, so its output still shows there.
#![cfg_attr(windows, windows_subsystem = "windows")]

use mms_monitor::cli::{self, help};
use std::io::Write;
use std::process::ExitCode;

/// mimalloc instead of the system's allocator: a note allocates some hundred thousand small
/// strings and vectors, and with glibc's malloc their bookkeeping was a quarter of the
/// instructions and their fresh pages most of the page faults (docs/report.md, «Скорость»).
/// Blocks of 8–128 KB are asked for in powers of two ([`allocator::Rounded`]).
#[global_allocator]
static ALLOCATOR: allocator::Rounded = allocator::Rounded;

/// Exit code after an internal error (a bug): distinct from the ordinary failure 1.
const INTERNAL_ERROR_EXIT: u8 = 70;

fn main() -> ExitCode {
    allocator::no_cleanup_at_exit();
    #[cfg(windows)]
    windows_console::attach();
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        say(&format!(
            "ошибка: внутренняя ошибка программы{place} — незавершённое действие не сохранено; сообщите разработчикам, что вы делали"
        ));
    }));
    std::panic::catch_unwind(run).unwrap_or(ExitCode::from(INTERNAL_ERROR_EXIT))
}

fn run() -> ExitCode {
    let args = match help::parse(std::env::args_os()) {
        help::Parsed::Run(args) => args,
        help::Parsed::Print(text) => {
            // A closed stdout (`--help | head -1`) is no reason to fail.
            let _ = std::io::stdout().write_all(text.as_bytes());
            return ExitCode::SUCCESS;
        }
        help::Parsed::Error(text) => {
            say(&format!("ошибка: {text}"));
            return ExitCode::from(help::USAGE_EXIT);
        }
    };
    let Some(command) = args.command else {
        return run_app(args.db);
    };
    let mut out = Output(std::io::stdout().lock());
    match cli::run(command, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say(&format!("ошибка: {e:#}"));
            ExitCode::from(cli::exit_code(&e))
        }
    }
}

/// Standard output whose write errors say in Russian what failed (`> /dev/full`: «не удалось
/// вывести результат: на диске нет места…»), keeping their kind for [`is_broken_pipe`].
struct Output<W>(W);

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).map_err(explain_output)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(explain_output)
    }
}

fn explain_output(e: std::io::Error) -> std::io::Error {
    let text = format!("не удалось вывести результат: {}", mms_monitor::files::describe(&e));
    std::io::Error::new(e.kind(), text)
}

/// Writes a line to stderr; a closed stderr (`2>&-`, a closed pipe) is not worth a panic.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// The window; without a display (or OpenGL) a clear message instead of a panic.
#[cfg(feature = "app")]
fn run_app(db: Option<std::path::PathBuf>) -> ExitCode {
    match mms_monitor::ui::run(db) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(&no_window_message(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

/// A build without the app (`--no-default-features`) has no window to open.
#[cfg(not(feature = "app"))]
fn run_app(_db: Option<std::path::PathBuf>) -> ExitCode {
    say("ошибка: эта сборка программы без окна; работают команды: mms-monitor --help");
    ExitCode::from(2)
}

#[cfg(feature = "app")]
/// Why there is no window, in Russian. The windowing library's own (English) text is kept only
/// when the cause is not known, for whoever sets up the computer.
fn no_window_message(detail: &str) -> String {
    let cause = if detail.contains("DISPLAY") {
        "не найден графический сеанс (не заданы переменные DISPLAY и WAYLAND_DISPLAY)".to_string()
    } else {
        format!("графическая система не запустилась (техническая причина: {detail})")
    };
    format!(
        "ошибка: не удалось открыть окно программы: {cause}\n\
         Нужен графический сеанс (X11 или Wayland) с поддержкой OpenGL. \
         Без окна работают команды: mms-monitor --help"
    )
}

/// Output piped into `head` and closed early is not an error worth reporting.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// The allocator: mimalloc with medium blocks rounded, and the one option the program sets.
#[allow(unsafe_code)]
mod allocator {
    use std::alloc::{GlobalAlloc, Layout};

    /// Above this, up to [`ROUNDED_UP_TO`], a block is asked for as the next power of two.
    const ROUNDED_ABOVE: usize = 8 * 1024;
    /// mimalloc 2's largest medium block; larger blocks get pages of their own size.
    const ROUNDED_UP_TO: usize = 128 * 1024;

    /// The size mimalloc is asked for. mimalloc 2 gives every size class of medium blocks
    /// (16–128 KB, classes an eighth apart) a 512 KB page of its own: a note's vectors growing
    /// through 17, 21, 24, 28, 33, 42… KB touched some fifteen such pages, 7.5 MB of address
    /// space for 1.7 MB of live data, and the kernel zeroes each 2 MB of it as a fresh huge page
    /// (docs/report.md, «Speed»). Powers of two leave four classes from 8 KB on; a vector that
    /// grows within its rounded block is reallocated in place.
    pub fn rounded(size: usize) -> usize {
        if size > ROUNDED_ABOVE && size <= ROUNDED_UP_TO { size.next_power_of_two() } else { size }
    }

    fn round(layout: Layout) -> Layout {
        // A power of two up to 128 KB with the block's own alignment is always a valid layout.
        Layout::from_size_align(rounded(layout.size()), layout.align()).unwrap_or(layout)
    }

    /// mimalloc with the sizes of [`rounded`].
    pub struct Rounded;

    // SAFETY: every call goes to mimalloc's own `GlobalAlloc` with a layout of the same
    // alignment and a size at least the one asked for, so each block is valid for the caller's
    // layout; mimalloc frees and reallocates a block by its pointer whatever size it is given.
    unsafe impl GlobalAlloc for Rounded {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: as for the impl; `round` keeps a non-zero size non-zero.
            unsafe { mimalloc::MiMalloc.alloc(round(layout)) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: as for `alloc`.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(round(layout)) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: `ptr` came from this allocator, that is from mimalloc.
            unsafe { mimalloc::MiMalloc.dealloc(ptr, round(layout)) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: `ptr` came from mimalloc; the new size is rounded as a fresh block's is.
            unsafe { mimalloc::MiMalloc.realloc(ptr, round(layout), rounded(new_size)) }
        }
    }

    /// `mi_option_destroy_on_exit`: its place in mimalloc 2's `mi_option_e`, which
    /// libmimalloc-sys does not name (a test checks its neighbours' defaults).
    pub const DESTROY_ON_EXIT: libmimalloc_sys::mi_option_t = 22;

    /// At exit the system takes back the process's memory at once; mimalloc's own collection
    /// at exit (some seventy `madvise` calls for a note, half a millisecond of a 20 ms command
    /// here) is skipped: with this option at 2 its exit handler returns straight away.
    pub fn no_cleanup_at_exit() {
        // SAFETY: mi_option_set stores an integer in mimalloc's table of options; it is called
        // first thing in main, before the program starts any thread (the function is not
        // thread-safe), and the option is read only by the exit handler.
        unsafe { libmimalloc_sys::mi_option_set(DESTROY_ON_EXIT, 2) }
    }

    #[cfg(test)]
    mod tests {
        use libmimalloc_sys::{mi_option_get, mi_option_t};

        /// Only blocks above 8 KB and up to 128 KB are rounded, each to the next power of two.
        #[test]
        fn medium_blocks_are_rounded_to_powers_of_two() {
            let cases = [
                (1, 1),
                (8192, 8192),
                (8193, 16384),
                (17 * 1024, 32 * 1024),
                (32 * 1024, 32 * 1024),
                (89 * 1024, 128 * 1024),
                (128 * 1024, 128 * 1024),
                (128 * 1024 + 1, 128 * 1024 + 1),
                (371 * 1024, 371 * 1024),
            ];
            for (size, expected) in cases {
                assert_eq!(super::rounded(size), expected, "{size}");
            }
        }

        /// Through the rounding allocator, a vector growing within its rounded block keeps its
        /// place, and its contents survive every reallocation.
        #[test]
        fn vectors_grow_through_rounded_blocks() {
            let mut v: Vec<u8> = Vec::with_capacity(17 * 1024);
            v.extend((0..17 * 1024).map(|i| (i % 251) as u8));
            let place = v.as_ptr();
            v.reserve_exact(30 * 1024 - v.len());
            assert_eq!(v.as_ptr(), place, "17 → 30 KB stays in its 32 KB block");
            v.extend((17 * 1024..200 * 1024).map(|i| (i % 251) as u8));
            assert!(v.iter().enumerate().all(|(i, b)| *b == (i % 251) as u8));
        }

        /// The options around it have the defaults mimalloc 2 gives them in that order
        /// (`os_tag` 100, `max_errors` and `max_warnings` 32, `max_segment_reclaim` 10,
        /// `destroy_on_exit` 0, `arena_purge_mult` 10 after `arena_reserve`): a mimalloc with
        /// another order of options (mimalloc 3's `arena_purge_mult` is 1) fails here instead of
        /// setting the wrong one.
        #[test]
        fn the_option_is_destroy_on_exit() {
            let default = |option: mi_option_t| {
                // SAFETY: reading an option only reads mimalloc's table of options.
                unsafe { mi_option_get(option) }
            };
            assert_eq!(
                [18, 19, 20, 21, super::DESTROY_ON_EXIT, 24].map(default),
                [100, 32, 32, 10, 0, 10],
                "mimalloc's options moved: find mi_option_destroy_on_exit in its mimalloc.h"
            );
        }
    }
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
