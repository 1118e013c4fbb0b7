//! Stage 3: load and validate the service logs in `data/`
//! (`repairs.csv`, `complaints.csv`, `surveys.csv`, `holidays.csv`)
//! exactly as `data-contract.md` says.
//!
//! Each file is read row by row (see [`table`]): its encoding is detected
//! ([`source`]), the header is matched against the contract's English and
//! Chinese column names, and every cell is checked. Bad rows are reported as
//! diagnostics, left out of the records and listed in [`Logs::bad_rows`];
//! the caller decides whether errors stop the build. The rules the contract
//! leaves open are written down in `docs/DATA.md`.
//!
//! The three logs are read at the same time, a large UTF-8 log in parts
//! on several threads; the rows are kept compactly ([`compact`]), with
//! the private texts only where they are needed ([`Keep`]). [`load`]
//! gives every record in full.

pub mod compact;
pub mod complaints;
pub mod fast;
pub mod holidays;
pub mod model;
pub mod repairs;
pub mod source;
pub mod surveys;
pub mod table;
pub mod values;

pub use compact::{CompactLogs, Keep};
pub use model::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::path::Path;
use table::{FileReport, LogReader, ReadOptions};

pub const REPAIRS_FILE: &str = "data/repairs.csv";
pub const COMPLAINTS_FILE: &str = "data/complaints.csv";
pub const SURVEYS_FILE: &str = "data/surveys.csv";
pub const HOLIDAYS_FILE: &str = "data/holidays.csv";

/// Reads every log under `root/data`, every record in full. A missing log
/// file is an empty log.
///
/// Diagnostics come file by file in the order of the file names
/// (`complaints`, `holidays`, `repairs`, `surveys` — the order `check`
/// groups them in), and within a file by line, then by column.
pub fn load(root: &Path, config: &Config) -> (Logs, Vec<Diagnostic>) {
    let (logs, diagnostics) = load_compact(root, config, Keep::Everything);
    (logs.to_logs(), diagnostics)
}

/// Reads every log compactly, keeping the private texts `keep` asks for.
/// Same rows, same diagnostics as [`load`].
pub fn load_compact(root: &Path, config: &Config, keep: Keep) -> (CompactLogs, Vec<Diagnostic>) {
    load_with(root, config, keep, ReadOptions::default())
}

/// [`load_compact`] with the reading options (tests cut small files into
/// many parts with them).
pub fn load_with(
    root: &Path,
    config: &Config,
    keep: Keep,
    options: ReadOptions,
) -> (CompactLogs, Vec<Diagnostic>) {
    let mut repairs = repairs::RepairsReader::new(keep);
    let mut complaints = complaints::ComplaintsReader::new(keep);
    let mut surveys = surveys::SurveysReader::new(config.standards.survey_scale, keep);
    let mut holidays = holidays::HolidaysReader::default();
    let ((repairs_report, complaints_report), (surveys_report, holidays_report)) = rayon::join(
        || {
            rayon::join(
                || read(root, config, REPAIRS_FILE, &mut repairs, options),
                || read(root, config, COMPLAINTS_FILE, &mut complaints, options),
            )
        },
        || {
            rayon::join(
                || read(root, config, SURVEYS_FILE, &mut surveys, options),
                || read(root, config, HOLIDAYS_FILE, &mut holidays, options),
            )
        },
    );
    let logs = CompactLogs {
        repairs: repairs.rows,
        repair_categories: repairs.categories,
        repair_details: repairs.details,
        complaints: complaints.rows,
        complaint_ids: complaints.ids,
        rooms: complaints.rooms,
        complaint_categories: complaints.categories,
        channels: complaints.channels,
        complaint_details: complaints.details,
        surveys: surveys.log,
        holidays: holidays.holidays(),
        bad_rows: Default::default(),
    };
    let mut reports = vec![
        repairs_report,
        complaints_report,
        surveys_report,
        holidays_report,
    ];
    reports.sort_by_key(|report| report.file);
    let mut logs = logs;
    let mut diagnostics = Vec::new();
    for report in reports {
        let file = report.file;
        let (mut found, bad) = report.finish();
        diagnostics.append(&mut found);
        if !bad.is_empty() {
            logs.bad_rows.insert(file.to_string(), bad);
        }
    }
    (logs, diagnostics)
}

fn read<R: LogReader>(
    root: &Path,
    config: &Config,
    file: &'static str,
    log: &mut R,
    options: ReadOptions,
) -> FileReport {
    table::read_file(root, config, file, log, options)
}

/// What the metrics and the internal report read from the logs, whichever
/// form they are in: the full [`Logs`] (built by hand in tests, or by
/// [`load`]) or [`CompactLogs`].
pub trait LogSource: Sync {
    /// The rows in compact form, row `i` being record `i`.
    fn compact(&self) -> std::borrow::Cow<'_, CompactLogs>;

    /// The full record of repair row `i`, when its texts are kept.
    fn repair_record(&self, i: usize) -> Option<std::borrow::Cow<'_, Repair>>;

    /// The full record of complaint row `i`, when its texts are kept.
    fn complaint_record(&self, i: usize) -> Option<std::borrow::Cow<'_, Complaint>>;

    /// The survey dimensions, in header order.
    fn survey_dimensions(&self) -> &[String];
}

impl LogSource for Logs {
    fn compact(&self) -> std::borrow::Cow<'_, CompactLogs> {
        std::borrow::Cow::Owned(CompactLogs::from_logs(self))
    }

    fn repair_record(&self, i: usize) -> Option<std::borrow::Cow<'_, Repair>> {
        self.repairs.get(i).map(std::borrow::Cow::Borrowed)
    }

    fn complaint_record(&self, i: usize) -> Option<std::borrow::Cow<'_, Complaint>> {
        self.complaints.get(i).map(std::borrow::Cow::Borrowed)
    }

    fn survey_dimensions(&self) -> &[String] {
        &self.surveys.dimensions
    }
}

impl LogSource for CompactLogs {
    fn compact(&self) -> std::borrow::Cow<'_, CompactLogs> {
        std::borrow::Cow::Borrowed(self)
    }

    fn repair_record(&self, i: usize) -> Option<std::borrow::Cow<'_, Repair>> {
        self.repair(i).map(std::borrow::Cow::Owned)
    }

    fn complaint_record(&self, i: usize) -> Option<std::borrow::Cow<'_, Complaint>> {
        self.complaint(i).map(std::borrow::Cow::Owned)
    }

    fn survey_dimensions(&self) -> &[String] {
        &self.surveys.dimensions
    }
}
