//! The progress spinner of long runs, on stderr when it is a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use dyad_pipeline::executor::Totals;
use indicatif::{ProgressBar, ProgressStyle};

/// A spinner with counts, or nothing when stderr is not a terminal or
/// progress is off.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A spinner when `show` and stderr is a terminal.
    pub fn new(show: bool) -> Progress {
        if !show || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::new_spinner();
        let style =
            ProgressStyle::with_template("{spinner} {pos} documents ({per_sec}) {msg} [{elapsed}]")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress(Some(bar))
    }

    /// Shows `totals`.
    pub fn update(&self, totals: &Totals) {
        if let Some(bar) = &self.0 {
            bar.set_position(totals.documents);
            bar.set_message(format!(
                "{} errors, {:.1} MB",
                totals.errors,
                totals.bytes as f64 / 1e6
            ));
        }
    }

    /// Clears the spinner.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
