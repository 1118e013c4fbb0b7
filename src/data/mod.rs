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

pub mod complaints;
pub mod holidays;
pub mod model;
pub mod repairs;
pub mod source;
pub mod surveys;
pub mod table;
pub mod values;

pub use model::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::path::Path;
use table::{FileReport, LogReader};

pub const REPAIRS_FILE: &str = "data/repairs.csv";
pub const COMPLAINTS_FILE: &str = "data/complaints.csv";
pub const SURVEYS_FILE: &str = "data/surveys.csv";
pub const HOLIDAYS_FILE: &str = "data/holidays.csv";

/// Reads every log under `root/data`. A missing log file is an empty log.
///
/// Diagnostics come file by file in the order of the file names
/// (`complaints`, `holidays`, `repairs`, `surveys` — the order `check`
/// groups them in), and within a file by line, then by column.
pub fn load(root: &Path, config: &Config) -> (Logs, Vec<Diagnostic>) {
    let mut logs = Logs::default();
    let mut reports: Vec<FileReport> = Vec::new();

    let mut repairs = repairs::RepairsReader::default();
    reports.push(read(root, config, REPAIRS_FILE, &mut repairs));
    logs.repairs = repairs.records;

    let mut complaints = complaints::ComplaintsReader::default();
    reports.push(read(root, config, COMPLAINTS_FILE, &mut complaints));
    logs.complaints = complaints.records;

    let mut surveys = surveys::SurveysReader::new(config.standards.survey_scale);
    reports.push(read(root, config, SURVEYS_FILE, &mut surveys));
    logs.surveys = SurveyLog {
        dimensions: surveys.dimensions,
        responses: surveys.records,
    };

    let mut holidays = holidays::HolidaysReader::default();
    reports.push(read(root, config, HOLIDAYS_FILE, &mut holidays));
    logs.holidays = holidays.holidays();

    reports.sort_by_key(|report| report.file);
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

fn read(root: &Path, config: &Config, file: &'static str, log: &mut dyn LogReader) -> FileReport {
    table::read_file(root, config, file, log)
}
