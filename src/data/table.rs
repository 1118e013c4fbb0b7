//! What every log has in common: finding the columns in the header, reading
//! the rows one by one with their physical line numbers, and collecting the
//! diagnostics of one file in order.
//!
//! A strictly valid UTF-8 file is read straight from its bytes
//! ([`super::fast`]); a large one in parts on several threads, each part
//! with its own reader ([`LogReader::fork`]), the parts joined in file
//! order afterwards. What depends on rows of other parts is done at the
//! join, in file order, exactly as a single pass would: duplicate ids (the
//! first row keeps the id), the one warning per unnamed column, and the
//! reader's own whole-file checks ([`LogReader::finish`]). Any other
//! encoding is decoded as it streams and read in one part.

use super::fast::{RawRecords, Record};
use super::source::{self, Detected};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Kind};
use crate::messages::Lang;
use crate::messages::data::DataMsg;
use chrono::NaiveDateTime;
use csv::StringRecord;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
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

impl FileReport {
    /// Moves every row diagnostic `delta` lines down (a part read with
    /// lines counted from its own start).
    fn shift(&mut self, delta: u64) {
        for (line, _, d) in &mut self.entries {
            if *line > 0 {
                *line += delta;
                d.line = d.line.map(|l| l + delta);
            }
        }
        self.bad = self.bad.iter().map(|l| l + delta).collect();
    }

    /// Takes the diagnostics and bad rows of a later part of the file.
    fn absorb(&mut self, later: FileReport) {
        self.entries.extend(later.entries);
        self.bad.extend(later.bad);
    }
}

/// One data row being read.
pub struct Row<'a> {
    pub line: u64,
    /// The cells, one after the other, and where each ends in `text`.
    text: &'a str,
    ends: &'a [usize],
    pub header: &'a Header,
    report: &'a mut FileReport,
}

/// `text` without leading and trailing whitespace, as [`str::trim`]; the
/// usual cell (no space at either end) is recognised without decoding its
/// characters. Unicode whitespace is ASCII or starts with one of the bytes
/// C2, E1, E2, E3; any other first byte at either end is not whitespace.
pub fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let maybe_space = |b: u8| b <= b' ' || matches!(b, 0xC2 | 0xE1..=0xE3);
    let Some(&first) = bytes.first() else {
        return text;
    };
    // The first byte of the last character.
    let last = bytes
        .iter()
        .rev()
        .take(4)
        .find(|&&b| b & 0xC0 != 0x80)
        .copied()
        .unwrap_or(0);
    if maybe_space(first) || maybe_space(last) {
        text.trim()
    } else {
        text
    }
}

/// The untrimmed cell `col` of a record ("" past its end).
fn raw_cell<'a>(text: &'a str, ends: &[usize], col: usize) -> &'a str {
    let Some(&end) = ends.get(col) else {
        return "";
    };
    let start = match col {
        0 => 0,
        _ => ends.get(col - 1).copied().unwrap_or(end),
    };
    text.get(start..end).unwrap_or("")
}

impl<'a> Row<'a> {
    /// The trimmed cell of a column by index ("" past the end of a short row).
    pub fn at(&self, col: usize) -> &'a str {
        trim(raw_cell(self.text, self.ends, col))
    }

    /// The trimmed cell of a column the file may lack ("" when it does).
    pub fn get(&self, col: Option<usize>) -> &'a str {
        col.map_or("", |col| self.at(col))
    }

    /// The trimmed cell of a contract field ("" when the file lacks the column).
    pub fn cell(&self, key: &str) -> &'a str {
        self.get(self.header.col(key))
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
        self.required_at(self.header.col(key))
    }

    /// [`Self::required`] by column (`None`: the file lacks it, no error).
    pub fn required_at(&mut self, col: Option<usize>) -> Option<&'a str> {
        let col = col?;
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
        self.datetime_at(self.header.col(key), required)
    }

    /// [`Self::datetime`] by column.
    pub fn datetime_at(&mut self, col: Option<usize>, required: bool) -> Option<NaiveDateTime> {
        let col = col?;
        let value = if required {
            self.required_at(Some(col))?
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
        self.boolean_at(self.header.col(key))
    }

    /// [`Self::boolean`] by column.
    pub fn boolean_at(&mut self, col: Option<usize>) -> Option<bool> {
        let col = col?;
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
pub trait LogReader: Send + Sync + Sized {
    fn specs(&self) -> &'static [ColumnSpec];

    fn extras(&self) -> Extras {
        Extras::Warn
    }

    /// Called once with the accepted header, before any row.
    fn header(&mut self, _header: &Header) {}

    /// Called for every non-blank row. Duplicate ids are found by the
    /// caller once every row is read (see [`IdSet`]); such rows are
    /// dropped in [`Self::drop_bad`].
    fn row(&mut self, row: &mut Row);

    /// Whether parts of the file may be read by forks at the same time
    /// (false for a log whose rows are checked against each other).
    fn parallel(&self) -> bool {
        true
    }

    /// A reader for another part of the file: the same settings and
    /// header, no rows.
    fn fork(&self) -> Self;

    /// Takes the rows a fork read from the following part of the file.
    fn append(&mut self, later: Self);

    /// Moves the lines of the rows read so far `delta` lines down.
    fn shift_lines(&mut self, delta: u64);

    /// Room for about `rows` more rows (a guess; unused room costs
    /// address space, not memory).
    fn reserve(&mut self, _rows: usize) {}

    /// Called after the last row with every id of the file (checks that
    /// need the whole file).
    fn finish(&mut self, _header: &Header, _report: &mut FileReport, _ids: &IdSet) {}

    /// Leaves out the records of rows found bad (possibly after they were
    /// read: a duplicate id, an unknown `rework_of`).
    fn drop_bad(&mut self, bad: &BTreeSet<u64>);
}

/// Every id of one file with the lines of its rows: (hash, line, where
/// the text is), sorted. Sorting 1,000,000 ids on two threads is quicker
/// than a hash table's cache misses, and it takes about 40 bytes an id.
#[derive(Default)]
pub struct IdSet {
    /// (hash, number of the id in its part, line), sorted by hash and line.
    sorted: Vec<(u32, u32, u64)>,
    /// Per part, in file order: its first possible line, the ids' bytes one after
    /// the other, and where each ends.
    texts: Vec<(u64, Vec<u8>, Vec<usize>)>,
}

fn hash_bytes(bytes: &[u8]) -> u32 {
    // FxHash over 8-byte words, then the murmur3 finalizer so that every
    // input bit reaches every output bit.
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    // 32 bits are plenty to group ids; equal ones are compared in full.
    ((h ^ (h >> 33)) >> 32) as u32
}

impl IdSet {
    /// The text of the id numbered `index` in the part holding `line`.
    fn text(&self, index: u32, line: u64) -> &[u8] {
        let part = self
            .texts
            .partition_point(|t| t.0 <= line)
            .saturating_sub(1);
        let index = index as usize;
        let Some((_, text, ends)) = self.texts.get(part) else {
            return &[];
        };
        let end = ends.get(index).copied().unwrap_or(0);
        let start = match index {
            0 => 0,
            _ => ends.get(index - 1).copied().unwrap_or(end),
        };
        text.get(start..end).unwrap_or(&[])
    }

    pub fn contains(&self, id: &str) -> bool {
        let hash = hash_bytes(id.as_bytes());
        let from = self.sorted.partition_point(|e| e.0 < hash);
        self.sorted[from..]
            .iter()
            .take_while(|e| e.0 == hash)
            .any(|e| self.text(e.1, e.2) == id.as_bytes())
    }

    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// Every row whose id an earlier row has: (line, id, line of the
    /// first row with it).
    fn duplicates(&self) -> Vec<(u64, String, u64)> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < self.sorted.len() {
            let hash = self.sorted[start].0;
            let run = self.sorted[start..]
                .iter()
                .take_while(|e| e.0 == hash)
                .count();
            if run == 1 {
                start += 1;
                continue;
            }
            // Ids with the same hash, by line: the same id repeated, or
            // rarely different ids.
            let group = &self.sorted[start..start + run];
            for (j, &(_, index, line)) in group.iter().enumerate() {
                let text = self.text(index, line);
                if let Some(&(_, _, first)) =
                    group[..j].iter().find(|e| self.text(e.1, e.2) == text)
                {
                    out.push((line, String::from_utf8_lossy(text).into_owned(), first));
                }
            }
            start += run;
        }
        out
    }
}

/// What a part of a file found besides its rows.
struct Part<R> {
    log: R,
    report: FileReport,
    /// The line before which the part starts (set when moved into place).
    first_line: u64,
    /// The id column, if the log has one.
    id_col: Option<usize>,
    /// (hash, number in this part, line) of every id, and the texts.
    ids: Vec<(u32, u32, u64)>,
    id_text: Vec<u8>,
    id_ends: Vec<usize>,
    /// The first value in each unnamed column: col → (line, value).
    unnamed: BTreeMap<usize, (u64, String)>,
}

impl<R: LogReader> Part<R> {
    fn new(log: R, header: &Header, file: &'static str, lang: Lang) -> Self {
        Part {
            log,
            report: FileReport::new(file, lang),
            first_line: 0,
            id_col: header.col("id"),
            ids: Vec::new(),
            id_text: Vec::new(),
            id_ends: Vec::new(),
            unnamed: BTreeMap::new(),
        }
    }

    /// Moves everything `delta` lines down.
    fn shift(&mut self, delta: u64) {
        if delta == 0 {
            return;
        }
        self.report.shift(delta);
        self.first_line += delta;
        for id in &mut self.ids {
            id.2 += delta;
        }
        for (line, _) in self.unnamed.values_mut() {
            *line += delta;
        }
        self.log.shift_lines(delta);
    }

    /// Handles one record: blank rows, cells past the header, unnamed
    /// columns, the id, then the log's own checks.
    fn record(&mut self, header: &Header, line: u64, text: &str, ends: &[usize]) {
        // A row of empty cells is what a spreadsheet writes for a blank row.
        if (0..ends.len()).all(|col| trim(raw_cell(text, ends, col)).is_empty()) {
            return;
        }
        extra_cells(text, ends, line, header, &mut self.report);
        for &col in &header.unnamed {
            let value = raw_cell(text, ends, col).trim();
            if !value.is_empty() && !self.unnamed.contains_key(&col) {
                self.unnamed.insert(col, (line, value.to_string()));
            }
        }
        if let Some(col) = self.id_col {
            // Ids are compared trimmed and case-sensitively; repeats are
            // found once the whole file is read (see [`join`]).
            let id = trim(raw_cell(text, ends, col));
            if !id.is_empty() {
                // A part with more than 4 billion ids cannot be in memory.
                let index = u32::try_from(self.id_ends.len()).unwrap_or(u32::MAX);
                self.ids.push((hash_bytes(id.as_bytes()), index, line));
                self.id_text.extend_from_slice(id.as_bytes());
                self.id_ends.push(self.id_text.len());
            }
        }
        let mut row = Row {
            line,
            text,
            ends,
            header,
            report: &mut self.report,
        };
        self.log.row(&mut row);
    }
}

/// Joins the parts, in file order, into `log` and `report`; returns every
/// id of the file.
fn join<R: LogReader>(
    log: &mut R,
    header: &Header,
    parts: Vec<Part<R>>,
    report: &mut FileReport,
) -> IdSet {
    let mut ids = IdSet::default();
    let mut unnamed: BTreeMap<usize, (u64, String)> = BTreeMap::new();
    let total: usize = parts.iter().map(|p| p.ids.len()).sum();
    for mut part in parts {
        if ids.sorted.is_empty() {
            std::mem::swap(&mut ids.sorted, &mut part.ids);
            ids.sorted.reserve(total - ids.sorted.len());
        } else {
            ids.sorted.append(&mut part.ids);
        }
        ids.texts
            .push((part.first_line, part.id_text, part.id_ends));
        for (col, first) in part.unnamed {
            unnamed.entry(col).or_insert(first);
        }
        report.absorb(part.report);
        log.append(part.log);
    }
    ids.sorted
        .par_sort_unstable_by_key(|&(hash, _, line)| (hash, line));
    // The first row with an id keeps it; each later one is a
    // `duplicate_id` error.
    if let Some(col) = header.col("id") {
        let column = header.name(col).to_string();
        for (line, id, first_line) in ids.duplicates() {
            report.row_error(
                header,
                line,
                col,
                Kind::DuplicateId,
                DataMsg::DuplicateId {
                    column: &column,
                    value: &id,
                    first_line,
                },
                Some(&id),
            );
        }
    }
    for (col, (line, value)) in unnamed {
        report.row_warning_with_value(
            header,
            line,
            col,
            Kind::UnknownColumn,
            DataMsg::UnnamedColumn { position: col + 1 },
            Some(&value),
        );
    }
    ids
}

/// After every row: the joins, the log's whole-file checks, then the bad
/// rows leave the records.
fn conclude<R: LogReader>(
    log: &mut R,
    header: &Header,
    parts: Vec<Part<R>>,
    report: &mut FileReport,
) {
    let ids = join(log, header, parts, report);
    log.finish(header, report, &ids);
    log.drop_bad(&report.bad);
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

/// How a file is read.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Aim for parts of about this many bytes (`u64::MAX`: one part).
    pub part_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            part_bytes: 16 << 20,
        }
    }
}

/// Reads one log file under `root` row by row. A missing file reads as an
/// empty log without any diagnostic.
pub fn read_file<R: LogReader>(
    root: &Path,
    config: &Config,
    file: &'static str,
    log: &mut R,
    options: ReadOptions,
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
    let forced = forced_encoding(config, file);
    if let Ok(Some((len, bom))) = source::detect_utf8_from_prefix(&path, forced) {
        let wanted = if log.parallel() {
            (len / options.part_bytes.max(1)).clamp(1, 256) as usize
        } else {
            1
        };
        let pristine = log.fork();
        match read_raw(&path, log, len, bom, wanted, report) {
            Ok(report) => return report,
            Err(fresh) => {
                // Not UTF-8 after all, or unreadable part way: read it the
                // ordinary way.
                *log = pristine;
                report = fresh;
            }
        }
    }
    let detected = match source::detect(&path, forced) {
        Ok(detected) => detected,
        Err(err) => {
            let reason = err.to_string();
            report.file_problem(Kind::Io, DataMsg::Unreadable { reason: &reason }, false);
            return report;
        }
    };
    read_decoded(&path, file, log, detected, report)
}

/// Reads a file from its bytes as UTF-8, in `wanted` parts. Gives back an
/// empty report when a byte is not UTF-8 or reading fails, so that the
/// caller can start over.
fn read_raw<R: LogReader>(
    path: &Path,
    log: &mut R,
    len: u64,
    bom: bool,
    wanted: usize,
    mut report: FileReport,
) -> Result<FileReport, FileReport> {
    let fresh = FileReport::new(report.file, report.lang);
    let start = if bom { 3 } else { 0 };
    let Ok(mut reader) = RawRecords::open(path, start, len, 0, false) else {
        return Err(fresh);
    };
    // The header: the first record.
    let mut header_record: Option<(u64, String, Vec<usize>)> = None;
    let read = reader.for_each(|r: Record| {
        header_record = Some((r.line, r.text.to_string(), r.ends.to_vec()));
        false
    });
    if read.is_err() || reader.skip_crlf_rest().is_err() {
        return Err(fresh);
    }
    let Some((header_line, text, ends)) = header_record else {
        report.file_problem(Kind::EmptyFile, DataMsg::EmptyFile, true);
        return Ok(report);
    };
    let cells: Vec<&str> = (0..ends.len()).map(|c| raw_cell(&text, &ends, c)).collect();
    let Some(header) = match_header(&cells, header_line, log.specs(), log.extras(), &mut report)
    else {
        return Ok(report);
    };
    log.header(&header);
    // The rows: parts after the header, each starting on a line start.
    let (rest, rest_lines) = (reader.position(), reader.line_ends());
    let Ok(cuts) = super::fast::cut_points(path, rest, len, wanted) else {
        return Err(fresh);
    };
    let mut ranges = vec![rest];
    ranges.extend(cuts);
    ranges.push(len);
    let parts = match read_parts(path, log, &header, &ranges, rest_lines, &report) {
        Ok(Some(parts)) => parts,
        // A part began inside a quoted cell: read the rows in one part.
        Ok(None) => match read_parts(path, log, &header, &[rest, len], rest_lines, &report) {
            Ok(Some(parts)) => parts,
            _ => return Err(fresh),
        },
        Err(_) => return Err(fresh),
    };
    conclude(log, &header, parts, &mut report);
    Ok(report)
}

/// Reads the parts between the offsets `bounds` (the first starting after
/// the header, with `first_lines` line ends before it) on as many threads
/// as there are; `None` when a part did not end between two records.
fn read_parts<R: LogReader>(
    path: &Path,
    log: &R,
    header: &Header,
    bounds: &[u64],
    first_lines: u64,
    report: &FileReport,
) -> std::io::Result<Option<Vec<Part<R>>>> {
    let (file, lang) = (report.file, report.lang);
    let count = bounds.len().saturating_sub(1);
    let total = bounds.last().copied().unwrap_or(0) - bounds.first().copied().unwrap_or(0);
    // Each part counts lines from its own start (the first from the file's),
    // and is moved down once the parts before it are counted.
    let read_one = |index: usize| -> std::io::Result<(Part<R>, bool, u64)> {
        let (start, end) = (bounds[index], bounds[index + 1]);
        let mut part = Part::new(log.fork(), header, file, lang);
        if index > 0 {
            // Its first possible line, counted from its own start.
            part.first_line = 1;
        }
        // Room for the rows (a row takes at least a few dozen bytes); the
        // first part takes the others' rows in, so it gets room for all.
        let bytes = if index == 0 { total } else { end - start };
        part.log.reserve((bytes / 32) as usize);
        let before = if index == 0 { first_lines } else { 0 };
        let mut reader = RawRecords::open(path, start, end, before, true)?;
        let ending = reader.for_each(|r: Record| {
            part.record(header, r.line, r.text, r.ends);
            true
        })?;
        let clean = index + 1 == count || (ending.clean && ending.offset == end);
        Ok((part, clean, reader.line_ends()))
    };
    let results: Vec<std::io::Result<(Part<R>, bool, u64)>> = if count == 1 {
        vec![read_one(0)]
    } else {
        (0..count).into_par_iter().map(read_one).collect()
    };
    let mut parts = Vec::with_capacity(count);
    let mut base = 0;
    for result in results {
        let (mut part, clean, line_ends) = result?;
        if !clean {
            return Ok(None);
        }
        part.shift(base);
        base += line_ends;
        parts.push(part);
    }
    Ok(Some(parts))
}

/// Reads a file through a decoder, in one part.
fn read_decoded<R: LogReader>(
    path: &Path,
    file: &'static str,
    log: &mut R,
    detected: Detected,
    mut report: FileReport,
) -> FileReport {
    let mut reader = match source::open(path, detected) {
        Ok(reader) => reader,
        Err(err) => {
            let reason = err.to_string();
            report.file_problem(Kind::Io, DataMsg::Unreadable { reason: &reason }, false);
            return report;
        }
    };
    let mut record = StringRecord::new();
    let mut garbled = Garbled::default();
    let mut ends: Vec<usize> = Vec::new();
    let fill_ends = |record: &StringRecord, ends: &mut Vec<usize>| {
        ends.clear();
        ends.extend((0..record.len()).map(|i| record.range(i).map_or(0, |r| r.end)));
    };

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
    let cells: Vec<&str> = record.iter().collect();
    let Some(header) = match_header(&cells, header_line, log.specs(), log.extras(), &mut report)
    else {
        garbled.report(&mut report, detected, file);
        return report;
    };
    log.header(&header);
    let mut part = Part::new(log.fork(), &header, file, report.lang);
    loop {
        match read_record(&mut reader, &mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                read_failure(&mut reader, &mut part.report, &err);
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
        fill_ends(&record, &mut ends);
        part.record(&header, line, record.as_slice(), &ends);
    }
    conclude(log, &header, vec![part], &mut report);
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
fn extra_cells(text: &str, ends: &[usize], line: u64, header: &Header, report: &mut FileReport) {
    let width = header.names.len();
    if ends.len() <= width {
        return;
    }
    let extra: Vec<&str> = (width..ends.len())
        .map(|col| raw_cell(text, ends, col).trim())
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
    record: &[&str],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_trim_is_str_trim() {
        for text in [
            "",
            " ",
            "水电",
            " 水电 ",
            "\u{3000}满意",
            "满意\u{3000}",
            "a\u{00A0}",
            "\u{2003}x",
            "\u{1680}y",
            "x\u{205F}",
            "\t1\n",
            "是",
            "\u{3001}、",
            "、\u{3001}",
            "Ω",
            "é ",
            "\u{FEFF}x",
            "x\u{200B}",
            "\u{85}z",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn id_set_groups_equal_ids_only() {
        let mut ids = IdSet::default();
        let mut texts = (1u64, Vec::new(), Vec::new());
        for (i, id) in ["A", "B", "A", "C", "B", "A"].iter().enumerate() {
            let index = texts.2.len() as u32;
            ids.sorted
                .push((hash_bytes(id.as_bytes()), index, i as u64 + 2));
            texts.1.extend_from_slice(id.as_bytes());
            texts.2.push(texts.1.len());
        }
        texts.0 = 0;
        ids.texts.push(texts);
        ids.sorted
            .sort_unstable_by_key(|&(hash, _, line)| (hash, line));
        let mut found = ids.duplicates();
        found.sort();
        assert_eq!(
            found,
            vec![
                (4, "A".to_string(), 2),
                (6, "B".to_string(), 3),
                (7, "A".to_string(), 2)
            ]
        );
        assert!(ids.contains("C") && !ids.contains("D"));
    }
}
