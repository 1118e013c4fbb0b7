//! What every log has in common: finding the columns in the header, reading
//! the rows one by one with their physical line numbers, and collecting the
//! diagnostics of one file in order.

use super::source::{self, Detected};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Kind};
use crate::messages::Lang;
use crate::messages::data::DataMsg;
use chrono::NaiveDateTime;
use csv::StringRecord;
use std::collections::BTreeSet;
use std::path::Path;

/// One column the contract defines: its English and Chinese names.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub key: &'static str,
    pub zh: &'static str,
    pub required: bool,
}

pub const fn column(key: &'static str, zh: &'static str, required: bool) -> ColumnSpec {
    ColumnSpec { key, zh, required }
}

/// How a header name is compared: trimmed, lower-cased, and with inner
/// spaces and hyphens read as `_` (so `Reported At` finds `reported_at`).
pub fn normalize(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '-'], "_")
}

/// The header row of one file, matched against the contract's columns.
#[derive(Debug, Clone)]
pub struct Header {
    /// Physical line of the header row.
    pub line: u64,
    /// Every header cell, trimmed, as the file writes it.
    pub names: Vec<String>,
    specs: &'static [ColumnSpec],
    /// For each spec, in the same order, the column that holds it.
    columns: Vec<Option<usize>>,
    /// Named columns the contract does not define, in header order.
    pub extras: Vec<usize>,
    /// Columns whose header cell is empty.
    unnamed: Vec<usize>,
}

impl Header {
    /// The column of a contract field, when the file has it.
    pub fn col(&self, key: &str) -> Option<usize> {
        let i = self.specs.iter().position(|s| s.key == key)?;
        self.columns.get(i).copied().flatten()
    }

    /// The column's name as the file's header writes it.
    pub fn name(&self, col: usize) -> &str {
        self.names.get(col).map_or("", String::as_str)
    }
}

/// Whether columns the contract does not define are warned about or, as in
/// `surveys.csv`, are score dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extras {
    Warn,
    Dimensions,
}

/// The diagnostics and bad rows of one file.
pub struct FileReport {
    pub file: &'static str,
    pub lang: Lang,
    /// (line or 0 for the whole file, column order, diagnostic).
    entries: Vec<(u64, usize, Diagnostic)>,
    /// Lines of rows that have at least one error.
    pub bad: BTreeSet<u64>,
}

impl FileReport {
    pub fn new(file: &'static str, lang: Lang) -> Self {
        FileReport {
            file,
            lang,
            entries: Vec::new(),
            bad: BTreeSet::new(),
        }
    }

    /// A problem with the whole file (not a row, never skippable).
    pub fn file_problem(&mut self, kind: Kind, msg: DataMsg, warning: bool) {
        let text = msg.text(self.lang);
        let d = if warning {
            Diagnostic::warning(self.file, kind, text)
        } else {
            Diagnostic::error(self.file, kind, text)
        };
        self.entries.push((0, 0, d));
    }

    /// A problem in the header row; never marks a row bad.
    fn header_problem(&mut self, header_line: u64, order: usize, d: Diagnostic) {
        self.entries.push((header_line, order, d));
    }

    /// An error in a cell of a row: the row becomes bad.
    pub fn row_error(
        &mut self,
        header: &Header,
        line: u64,
        col: usize,
        kind: Kind,
        msg: DataMsg,
        value: Option<&str>,
    ) {
        let mut d = Diagnostic::error(self.file, kind, msg.text(self.lang)).at_line(line);
        if !header.name(col).is_empty() {
            d = d.in_column(header.name(col));
        }
        if let Some(value) = value {
            d = d.with_value(value);
        }
        self.entries.push((line, col, d));
        self.bad.insert(line);
    }

    /// A warning about a cell of a row.
    pub fn row_warning(
        &mut self,
        header: &Header,
        line: u64,
        col: usize,
        kind: Kind,
        msg: DataMsg,
    ) {
        self.row_warning_with_value(header, line, col, kind, msg, None);
    }

    /// A warning about a cell of a row, showing the cell.
    pub fn row_warning_with_value(
        &mut self,
        header: &Header,
        line: u64,
        col: usize,
        kind: Kind,
        msg: DataMsg,
        value: Option<&str>,
    ) {
        let mut d = Diagnostic::warning(self.file, kind, msg.text(self.lang)).at_line(line);
        if !header.name(col).is_empty() {
            d = d.in_column(header.name(col));
        }
        if let Some(value) = value {
            d = d.with_value(value);
        }
        self.entries.push((line, col, d));
    }

    /// The diagnostics in line order (file-wide ones first), and within a
    /// line in column order; and the bad rows' lines, ascending.
    pub fn finish(mut self) -> (Vec<Diagnostic>, Vec<u64>) {
        self.entries.sort_by_key(|(line, order, _)| (*line, *order));
        (
            self.entries.into_iter().map(|(_, _, d)| d).collect(),
            self.bad.into_iter().collect(),
        )
    }
}

/// One data row being read.
pub struct Row<'a> {
    pub line: u64,
    record: &'a StringRecord,
    pub header: &'a Header,
    report: &'a mut FileReport,
}

impl<'a> Row<'a> {
    /// The trimmed cell of a column by index ("" past the end of a short row).
    pub fn at(&self, col: usize) -> &'a str {
        self.record.get(col).map_or("", str::trim)
    }

    /// The trimmed cell of a contract field ("" when the file lacks the column).
    pub fn cell(&self, key: &str) -> &'a str {
        self.header.col(key).map_or("", |col| self.at(col))
    }

    /// True when this row already has an error.
    pub fn is_bad(&self) -> bool {
        self.report.bad.contains(&self.line)
    }

    pub fn error(&mut self, col: usize, kind: Kind, msg: DataMsg, value: Option<&str>) {
        self.report
            .row_error(self.header, self.line, col, kind, msg, value);
    }

    pub fn warning(&mut self, col: usize, kind: Kind, msg: DataMsg) {
        self.report
            .row_warning(self.header, self.line, col, kind, msg);
    }

    /// A private or label text: trimmed, "" when empty or absent.
    pub fn text(&self, key: &str) -> String {
        self.cell(key).to_string()
    }

    /// A required cell; an empty one is a `missing_value` error.
    pub fn required(&mut self, key: &str) -> Option<&'a str> {
        let col = self.header.col(key)?;
        let value = self.at(col);
        if value.is_empty() {
            let column = self.header.name(col).to_string();
            self.error(
                col,
                Kind::MissingValue,
                DataMsg::MissingValue { column: &column },
                None,
            );
            return None;
        }
        Some(value)
    }

    /// A datetime cell. `None` when empty (an error if required) or
    /// unreadable (an error).
    pub fn datetime(&mut self, key: &str, required: bool) -> Option<NaiveDateTime> {
        let col = self.header.col(key)?;
        let value = if required {
            self.required(key)?
        } else {
            let value = self.at(col);
            if value.is_empty() {
                return None;
            }
            value
        };
        let parsed = crate::datetime::parse_datetime(value);
        if parsed.is_none() {
            let column = self.header.name(col).to_string();
            self.error(
                col,
                Kind::BadDatetime,
                DataMsg::BadDatetime {
                    column: &column,
                    value,
                },
                Some(value),
            );
        }
        parsed
    }

    /// A boolean cell in any accepted spelling; `None` when empty or
    /// unreadable (an error).
    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        let col = self.header.col(key)?;
        let value = self.at(col);
        if value.is_empty() {
            return None;
        }
        let parsed = super::values::parse_bool(value);
        if parsed.is_none() {
            let column = self.header.name(col).to_string();
            self.error(
                col,
                Kind::BadBoolean,
                DataMsg::BadBoolean {
                    column: &column,
                    value,
                },
                Some(value),
            );
        }
        parsed
    }
}

/// What one log does with its header and rows.
pub trait LogReader {
    fn specs(&self) -> &'static [ColumnSpec];

    fn extras(&self) -> Extras {
        Extras::Warn
    }

    /// Called once with the accepted header, before any row.
    fn header(&mut self, _header: &Header) {}

    /// Called for every non-blank row.
    fn row(&mut self, row: &mut Row);

    /// Called after the last row (checks that need the whole file).
    fn finish(&mut self, _header: &Header, _report: &mut FileReport) {}
}

/// The encoding override for a file, by its name (`repairs.csv`) or its
/// path from the estate root (`data/repairs.csv`). Unknown labels are
/// reported by the config stage and ignored here.
fn forced_encoding(config: &Config, file: &str) -> Option<&'static encoding_rs::Encoding> {
    let name = file.rsplit('/').next().unwrap_or(file);
    let label = config
        .data
        .encoding
        .get(name)
        .or_else(|| config.data.encoding.get(file))?;
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
}

/// Reads one log file under `root` row by row. A missing file reads as an
/// empty log without any diagnostic.
pub fn read_file(
    root: &Path,
    config: &Config,
    file: &'static str,
    log: &mut dyn LogReader,
) -> FileReport {
    let mut report = FileReport::new(file, config.language);
    let path = root.join(file);
    if !path.exists() {
        return report;
    }
    if crate::guard::outside_estate(root, &path) {
        let target = crate::guard::link_target(&path);
        report.file_problem(
            Kind::OutsideEstate,
            DataMsg::OutsideEstate { target: &target },
            true,
        );
        return report;
    }
    let unreadable = |report: &mut FileReport, err: &dyn std::fmt::Display| {
        let reason = err.to_string();
        report.file_problem(Kind::Io, DataMsg::Unreadable { reason: &reason }, false);
    };
    let detected = match source::detect(&path, forced_encoding(config, file)) {
        Ok(detected) => detected,
        Err(err) => {
            unreadable(&mut report, &err);
            return report;
        }
    };
    let mut reader = match source::open(&path, detected) {
        Ok(reader) => reader,
        Err(err) => {
            unreadable(&mut report, &err);
            return report;
        }
    };
    let mut record = StringRecord::new();
    let mut garbled = Garbled::default();

    // The header: the first record (csv skips blank lines before it).
    match read_record(&mut reader, &mut record) {
        Ok(true) => {}
        Ok(false) => {
            report.file_problem(Kind::EmptyFile, DataMsg::EmptyFile, true);
            return report;
        }
        Err(err) => {
            read_failure(&mut reader, &mut report, &err);
            return report;
        }
    }
    let header_line = line_of(&mut reader, &record);
    garbled.check(&record, header_line, detected);
    let Some(header) = match_header(&record, header_line, log.specs(), log.extras(), &mut report)
    else {
        garbled.report(&mut report, detected, file);
        return report;
    };
    log.header(&header);
    let mut warned_unnamed = BTreeSet::new();

    loop {
        match read_record(&mut reader, &mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                read_failure(&mut reader, &mut report, &err);
                break;
            }
        }
        // Asked for every record, blank ones included, so that the line
        // counter forgets the line breaks it has passed.
        let line = line_of(&mut reader, &record);
        // A row of empty cells is what a spreadsheet writes for a blank row.
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        garbled.check(&record, line, detected);
        extra_cells(&record, line, &header, &mut report);
        for &col in &header.unnamed {
            let value = record.get(col).map_or("", str::trim);
            if !value.is_empty() && warned_unnamed.insert(col) {
                report.row_warning_with_value(
                    &header,
                    line,
                    col,
                    Kind::UnknownColumn,
                    DataMsg::UnnamedColumn { position: col + 1 },
                    Some(value),
                );
            }
        }
        let mut row = Row {
            line,
            record: &record,
            header: &header,
            report: &mut report,
        };
        log.row(&mut row);
    }
    log.finish(&header, &mut report);
    garbled.report(&mut report, detected, file);
    report
}

/// The physical line where the record starts (see [`source::LineCounter`]).
fn line_of(reader: &mut source::CsvReader, record: &StringRecord) -> u64 {
    let start = record.position().map_or(0, csv::Position::byte);
    reader.get_mut().record_line(start)
}

/// Reads the next record, refusing one longer than
/// [`crate::guard::MAX_CSV_RECORD_BYTES`] (the line counter stops a record
/// that never ends while it is read; this catches the rest exactly).
fn read_record(reader: &mut source::CsvReader, record: &mut StringRecord) -> csv::Result<bool> {
    let more = reader.read_record(record)?;
    if record.as_byte_record().as_slice().len() as u64 > crate::guard::MAX_CSV_RECORD_BYTES {
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, source::RowTooLong);
        return Err(csv::Error::from(io));
    }
    let end = reader.position().byte();
    reader.get_mut().record_done(end);
    Ok(more)
}

fn read_failure(reader: &mut source::CsvReader, report: &mut FileReport, err: &csv::Error) {
    if source::is_row_too_long(err) {
        // The row starts after the last record read (blank lines aside).
        let start = reader.get_ref().record_end();
        let line = reader.get_mut().record_line(start);
        let limit_kib = crate::guard::MAX_CSV_RECORD_BYTES / 1024;
        let text = DataMsg::RowTooLong { limit_kib }.text(report.lang);
        let d = Diagnostic::error(report.file, Kind::TooLarge, text).at_line(line);
        // On the row's line but never a bad row: the rest of the file is unread.
        report.entries.push((line, 0, d));
        return;
    }
    let reason = err.to_string();
    let kind = if err.is_io_error() {
        Kind::Io
    } else {
        Kind::CsvSyntax
    };
    report.file_problem(kind, DataMsg::Unreadable { reason: &reason }, false);
}

/// Cells beyond the header's last column: empty ones are ignored (some
/// spreadsheets pad rows), non-empty ones make the row bad.
fn extra_cells(record: &StringRecord, line: u64, header: &Header, report: &mut FileReport) {
    let width = header.names.len();
    let extra: Vec<&str> = record
        .iter()
        .skip(width)
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if !extra.is_empty() {
        report.row_error(
            header,
            line,
            width,
            Kind::CsvSyntax,
            DataMsg::ExtraCells { count: extra.len() },
            Some(&extra.join(",")),
        );
    }
}

/// Lines whose decoded text holds U+FFFD although the bytes were not known
/// to be clean: the encoding is wrong or the file is damaged.
#[derive(Default)]
struct Garbled {
    first: Option<(u64, String)>,
    lines: u64,
}

impl Garbled {
    fn check(&mut self, record: &StringRecord, line: u64, detected: Detected) {
        if detected.clean {
            return;
        }
        if let Some(cell) = record.iter().find(|c| c.contains('\u{FFFD}')) {
            self.lines += 1;
            if self.first.is_none() {
                self.first = Some((line, cell.trim().to_string()));
            }
        }
    }

    /// One error for the whole file, without a line: it is not a bad row
    /// that could be skipped.
    fn report(self, report: &mut FileReport, detected: Detected, file: &str) {
        let Some((first_line, value)) = self.first else {
            return;
        };
        let file_name = file.rsplit('/').next().unwrap_or(file);
        let text = DataMsg::Undecodable {
            encoding: detected.encoding.name(),
            file_name,
            first_line,
            lines: self.lines,
        }
        .text(report.lang);
        let d = Diagnostic::error(report.file, Kind::Encoding, text).with_value(value);
        report.entries.push((0, 0, d));
    }
}

/// Matches the header against the contract. Returns `None` when the file
/// cannot be read (a required column missing, a column twice); those errors
/// are on the header line and are never bad rows.
fn match_header(
    record: &StringRecord,
    line: u64,
    specs: &'static [ColumnSpec],
    extras_mode: Extras,
    report: &mut FileReport,
) -> Option<Header> {
    if record.len() > crate::guard::MAX_CSV_COLUMNS {
        let msg = DataMsg::TooManyColumns {
            count: record.len(),
            limit: crate::guard::MAX_CSV_COLUMNS,
        };
        let d = Diagnostic::error(report.file, Kind::TooLarge, msg.text(report.lang)).at_line(line);
        report.header_problem(line, 0, d);
        return None;
    }
    let names: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
    let mut columns: Vec<Option<usize>> = vec![None; specs.len()];
    let mut extras: Vec<usize> = Vec::new();
    let mut unnamed = Vec::new();
    let mut unknown = Vec::new();
    let mut fatal = false;
    // Styles of the matched names, to name a missing column the same way.
    let (mut english, mut chinese) = (0, 0);
    let lang = report.lang;
    let duplicate = |report: &mut FileReport, col: usize, first: &str, name: &str| {
        let d = Diagnostic::error(
            report.file,
            Kind::DuplicateColumn,
            DataMsg::DuplicateColumn {
                column: name,
                first,
            }
            .text(lang),
        )
        .at_line(line)
        .in_column(name)
        .with_value(name);
        report.header_problem(line, col, d);
    };
    for (col, name) in names.iter().enumerate() {
        if name.is_empty() {
            unnamed.push(col);
            continue;
        }
        let norm = normalize(name);
        let found = specs
            .iter()
            .position(|s| normalize(s.key) == norm || normalize(s.zh) == norm);
        match found {
            Some(i) => {
                if normalize(specs[i].key) == norm {
                    english += 1;
                } else {
                    chinese += 1;
                }
                match columns[i] {
                    Some(first) => {
                        duplicate(report, col, &names[first], name);
                        fatal = true;
                    }
                    None => columns[i] = Some(col),
                }
            }
            None => match extras_mode {
                Extras::Dimensions => {
                    match extras.iter().find(|&&e| normalize(&names[e]) == norm) {
                        Some(&first) => {
                            duplicate(report, col, &names[first], name);
                            fatal = true;
                        }
                        None => extras.push(col),
                    }
                }
                Extras::Warn => {
                    extras.push(col);
                    unknown.push(col);
                }
            },
        }
    }
    for col in unknown {
        let name = &names[col];
        let suggestion = suggest(name, specs, &columns);
        let d = Diagnostic::warning(
            report.file,
            Kind::UnknownColumn,
            DataMsg::UnknownColumn {
                column: name,
                suggestion,
            }
            .text(lang),
        )
        .at_line(line)
        .in_column(name.as_str())
        .with_value(name.as_str());
        report.header_problem(line, col, d);
    }
    let prefer_chinese = match chinese.cmp(&english) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => lang == Lang::ZhCn,
    };
    for (i, spec) in specs.iter().enumerate() {
        if spec.required && columns[i].is_none() {
            let shown = if prefer_chinese { spec.zh } else { spec.key };
            let d = Diagnostic::error(
                report.file,
                Kind::MissingColumn,
                DataMsg::MissingColumn {
                    zh: spec.zh,
                    en: spec.key,
                }
                .text(lang),
            )
            .at_line(line)
            .in_column(shown);
            report.header_problem(line, names.len() + i, d);
            fatal = true;
        }
    }
    if fatal {
        return None;
    }
    Some(Header {
        line,
        names,
        specs,
        columns,
        extras,
        unnamed,
    })
}

/// The contract name closest to an unknown header, among the columns the
/// file does not have yet.
fn suggest(
    name: &str,
    specs: &'static [ColumnSpec],
    columns: &[Option<usize>],
) -> Option<&'static str> {
    let norm = normalize(name);
    specs
        .iter()
        .zip(columns)
        .filter(|(_, col)| col.is_none())
        .flat_map(|(spec, _)| [spec.key, spec.zh])
        .map(|candidate| {
            let score = strsim::normalized_damerau_levenshtein(&normalize(candidate), &norm);
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}
