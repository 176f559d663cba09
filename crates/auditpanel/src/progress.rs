//! A progress bar on standard error for long commands (indicatif): drawn only on a terminal, and only once
//! the work has taken longer than a moment, so that quick runs and pipes print nothing extra.

use std::cell::Cell;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// One bar, reused for the steps of a command.
pub(crate) struct Progress {
    bar: ProgressBar,
    started: Instant,
    terminal: bool,
    shown: Cell<bool>,
}

impl Progress {
    /// How long a command runs before the bar appears.
    const DELAY: Duration = Duration::from_millis(500);

    /// A bar that stays hidden until [`Progress::set`] finds the command has run for a while on a terminal.
    pub(crate) fn new() -> Progress {
        Progress {
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            started: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            shown: Cell::new(false),
        }
    }

    /// Starts a step named `message` (Danish) of `total` units; `bytes` shows them as file sizes.
    pub(crate) fn step(&self, message: &'static str, total: Option<u64>, bytes: bool) {
        let template = match (total.is_some(), bytes) {
            (true, true) => "{msg} [{bar:30}] {bytes}/{total_bytes} ({eta} tilbage)",
            (true, false) => "{msg} [{bar:30}] {pos}/{len}",
            (false, true) => "{msg} {spinner} {bytes}",
            (false, false) => "{msg} {spinner} {pos}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("#>-"));
        }
        self.bar.set_message(message);
        self.bar.set_length(total.unwrap_or(0));
        self.bar.set_position(0);
    }

    /// Moves the bar to `done`, drawing it from now on if the command has run longer than a moment.
    pub(crate) fn set(&self, done: u64) {
        if self.terminal && !self.shown.get() && self.started.elapsed() >= Self::DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown.set(true);
        }
        self.bar.set_position(done);
    }

    /// Removes the bar from the terminal.
    pub(crate) fn clear(&self) {
        self.bar.finish_and_clear();
    }
}
