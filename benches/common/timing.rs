//! Timing helpers shared by the benchmarks (included with `#[path]`; not a bench itself).

use std::time::{Duration, Instant};

/// The middle of the samples (zero for none).
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

/// Median wall time of `runs` calls of `f`.
pub fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

/// One warm-up call, then the median of `runs`.
#[allow(dead_code)] // included by every bench; the report bench times without a warm-up
pub fn measure(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    time(runs, f)
}
