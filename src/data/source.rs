//! Opening a log: which encoding it is in, and a CSV reader that decodes it
//! as it streams.
//!
//! Detection (data contract: "Detect it; never ask"), in this order:
//! 1. a byte-order mark (it proves the encoding, so it beats any setting);
//! 2. a per-file override in `wuye.toml` (`[data.encoding] "repairs.csv" = "gbk"`);
//! 3. strict UTF-8 over the whole file — unless the decoded text is
//!    implausible and reads plausibly as GB18030 (a short GBK text can be
//!    valid UTF-8 by accident: `陆路` in GBK is the UTF-8 text `½·`);
//! 4. chardetng (with the `.cn` hint); GBK becomes GB18030, its superset.
//!    Because the contract names only UTF-8 and GB18030, GB18030 is also
//!    chosen when chardetng guesses something else but the bytes decode
//!    cleanly as GB18030.
//!
//! Detection reads the file once in fixed-size chunks (memory does not grow
//! with the file) and keeps only a prefix for the statistical checks.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// How much of the start of a file the statistical checks look at.
const PREFIX_BYTES: usize = 256 * 1024;
const CHUNK_BYTES: usize = 64 * 1024;

/// The encoding chosen for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub encoding: &'static Encoding,
    /// True when the bytes are known to decode without any replacement
    /// (strictly valid UTF-8); otherwise decoded text is checked for U+FFFD.
    pub clean: bool,
}

/// A CSV reader over the decoded text of a file.
pub type CsvReader = csv::Reader<LineCounter<DecodeReaderBytes<File, Vec<u8>>>>;

/// Counts physical lines in the decoded text so that a record's line is
/// where its first character is.
///
/// `csv::Position::line` cannot be used for that: a record's position is
/// taken right after the previous record's terminator, so with CRLF line
/// ends, or blank lines before the record, it names an earlier line. The
/// position's byte offset is reliable, and only line breaks lie between it
/// and the record's first character; this reader remembers where the line
/// breaks are, from the last record read up to what csv has buffered, so
/// the memory it holds is bounded by one record plus csv's buffer.
pub struct LineCounter<R> {
    inner: R,
    /// Bytes read so far.
    offset: u64,
    /// Offsets of `\r` and `\n` not yet passed, and whether it is `\n`.
    breaks: std::collections::VecDeque<(u64, bool)>,
    /// Line breaks before the first entry of `breaks`.
    breaks_before: u64,
    /// Where the last complete record ended (see [`LineCounter::record_done`]).
    record_end: u64,
}

/// The error a [`LineCounter`] gives when one record goes on for more than
/// [`crate::guard::MAX_CSV_RECORD_BYTES`]: csv would otherwise buffer the
/// rest of the file as one cell.
#[derive(Debug)]
pub struct RowTooLong;

impl std::fmt::Display for RowTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a row is longer than {} bytes",
            crate::guard::MAX_CSV_RECORD_BYTES
        )
    }
}

impl std::error::Error for RowTooLong {}

/// True when a csv error is a [`RowTooLong`].
pub fn is_row_too_long(err: &csv::Error) -> bool {
    match err.kind() {
        csv::ErrorKind::Io(io) => io.get_ref().is_some_and(|e| e.is::<RowTooLong>()),
        _ => false,
    }
}

/// How far past the end of the last record reading may go before the record
/// in progress counts as too long: the limit plus what csv reads ahead.
const READ_AHEAD: u64 = 64 * 1024;

impl<R> LineCounter<R> {
    pub fn new(inner: R) -> Self {
        LineCounter {
            inner,
            offset: 0,
            breaks: std::collections::VecDeque::new(),
            breaks_before: 0,
            record_end: 0,
        }
    }

    /// Tells the counter that a record ended at byte `end` (csv's position
    /// after reading it), so the next one is measured from there.
    pub fn record_done(&mut self, end: u64) {
        self.record_end = end;
    }

    /// Where the last complete record ended.
    pub fn record_end(&self) -> u64 {
        self.record_end
    }

    /// The physical line (1-based) of the record whose csv position starts
    /// at byte `start`. Records must be asked about in order.
    pub fn record_line(&mut self, start: u64) -> u64 {
        // Line breaks inside earlier records.
        while self.breaks.front().is_some_and(|&(at, _)| at < start) {
            self.pass_front();
        }
        // The previous terminator's rest and blank lines before this record.
        let mut at_start = start;
        while self.breaks.front().is_some_and(|&(at, _)| at == at_start) {
            self.pass_front();
            at_start += 1;
        }
        self.breaks_before + 1
    }

    /// Passes the first remembered `\r` or `\n`. A line ends at `\n`, or
    /// at a `\r` not followed by `\n` (old Mac spreadsheets end lines so).
    fn pass_front(&mut self) {
        let Some((at, newline)) = self.breaks.pop_front() else {
            return;
        };
        let ends_line = newline
            || !self
                .breaks
                .front()
                .is_some_and(|&(next, next_newline)| next == at + 1 && next_newline);
        self.breaks_before += u64::from(ends_line);
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.offset.saturating_sub(self.record_end)
            > crate::guard::MAX_CSV_RECORD_BYTES + READ_AHEAD
        {
            return Err(io::Error::new(io::ErrorKind::InvalidData, RowTooLong));
        }
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' || b == b'\r' {
                self.breaks.push_back((self.offset + i as u64, b == b'\n'));
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Chooses the encoding of the file at `path`.
pub fn detect(path: &Path, forced: Option<&'static Encoding>) -> io::Result<Detected> {
    let scan = scan(path)?;
    Ok(choose(&scan, forced))
}

/// For a log that may be strictly valid UTF-8: what [`detect`] chooses if
/// it is, found from the start of the file alone, so that the file need
/// not be read twice. `Some((length, starts with a UTF-8 byte-order mark))`
/// when that choice is UTF-8 without replacements; `None` when the start
/// already shows otherwise. The caller must still find every byte valid
/// (reading it as UTF-8 does), else fall back to [`detect`].
pub fn detect_utf8_from_prefix(
    path: &Path,
    forced: Option<&'static Encoding>,
) -> io::Result<Option<(u64, bool)>> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut prefix = Vec::with_capacity(PREFIX_BYTES.min(len as usize));
    (&mut file)
        .take(PREFIX_BYTES as u64)
        .read_to_end(&mut prefix)?;
    let complete = prefix.len() as u64 >= len;
    let valid = match std::str::from_utf8(&prefix) {
        Ok(_) => true,
        // A character cut by the end of the prefix is no verdict.
        Err(e) => e.error_len().is_none() && !complete,
    };
    if !valid {
        return Ok(None);
    }
    let scan = Scan {
        prefix,
        complete,
        valid_utf8: true,
    };
    let detected = choose(&scan, forced);
    let bom = scan.prefix.starts_with(b"\xEF\xBB\xBF");
    Ok((detected.encoding == UTF_8 && detected.clean).then_some((len, bom)))
}

/// Line ends in `bytes`: `\n`, `\r\n` and lone `\r` once each.
/// `prev_cr` carries a `\r` that ended the previous piece.
pub fn count_line_ends(bytes: &[u8], prev_cr: &mut bool) -> u64 {
    let lf = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    let cr = bytes.iter().filter(|&&b| b == b'\r').count() as u64;
    let mut pairs = 0;
    if cr > 0 {
        pairs = bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .filter(|&(&a, &b)| a == b'\r' && b == b'\n')
            .count() as u64;
    }
    if *prev_cr && bytes.first() == Some(&b'\n') {
        pairs += 1;
    }
    if let Some(&last) = bytes.last() {
        *prev_cr = last == b'\r';
    }
    lf + cr - pairs
}

/// Opens `path` for reading row by row in the given encoding. A byte-order
/// mark is dropped.
pub fn open(path: &Path, detected: Detected) -> io::Result<CsvReader> {
    let file = File::open(path)?;
    let decoder = DecodeReaderBytesBuilder::new()
        .encoding(Some(detected.encoding))
        .strip_bom(true)
        .build(file);
    Ok(csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(LineCounter::new(decoder)))
}

/// What one pass over the bytes found.
struct Scan {
    prefix: Vec<u8>,
    /// The prefix is the whole file.
    complete: bool,
    valid_utf8: bool,
}

fn scan(path: &Path) -> io::Result<Scan> {
    let mut file = File::open(path)?;
    let mut prefix = Vec::new();
    let mut chunk = vec![0u8; CHUNK_BYTES];
    // Bytes of a UTF-8 sequence cut by the chunk boundary, and the buffer
    // that joins them to the next chunk.
    let mut carry: Vec<u8> = Vec::with_capacity(4);
    let mut joined: Vec<u8> = Vec::with_capacity(CHUNK_BYTES + 4);
    let mut valid_utf8 = true;
    let mut complete = true;
    loop {
        let n = match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let bytes = &chunk[..n];
        let room = PREFIX_BYTES.saturating_sub(prefix.len());
        prefix.extend_from_slice(&bytes[..room.min(n)]);
        if n > room {
            complete = false;
        }
        if valid_utf8 {
            joined.clear();
            joined.extend_from_slice(&carry);
            joined.extend_from_slice(bytes);
            carry.clear();
            if let Err(e) = std::str::from_utf8(&joined) {
                match e.error_len() {
                    // A sequence cut at the end of the chunk: finish it next time.
                    None => carry.extend_from_slice(&joined[e.valid_up_to()..]),
                    Some(_) => valid_utf8 = false,
                }
            }
        }
        if !valid_utf8 && !complete {
            // The verdict and the prefix are known; the rest is not needed.
            break;
        }
    }
    if !carry.is_empty() {
        valid_utf8 = false;
    }
    Ok(Scan {
        prefix,
        complete,
        valid_utf8,
    })
}

fn choose(scan: &Scan, forced: Option<&'static Encoding>) -> Detected {
    if let Some((encoding, _)) = Encoding::for_bom(&scan.prefix) {
        return Detected {
            encoding,
            clean: encoding == UTF_8 && scan.valid_utf8,
        };
    }
    if let Some(encoding) = forced {
        return Detected {
            encoding,
            clean: encoding == UTF_8 && scan.valid_utf8,
        };
    }
    // Statistics on a cut prefix must not see half a character.
    let sample = if scan.complete {
        &scan.prefix[..]
    } else {
        match scan.prefix.iter().rposition(|&b| b == b'\n') {
            Some(end) => &scan.prefix[..=end],
            None => &scan.prefix[..],
        }
    };
    if scan.valid_utf8 {
        if utf8_reads_better_as_gb18030(sample) {
            return Detected {
                encoding: GB18030,
                clean: false,
            };
        }
        return Detected {
            encoding: UTF_8,
            clean: true,
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let encoding = if guess == GBK || guess == GB18030 || decodes_cleanly(GB18030, sample) {
        GB18030
    } else {
        guess
    };
    Detected {
        encoding,
        clean: false,
    }
}

fn decodes_cleanly(encoding: &'static Encoding, bytes: &[u8]) -> bool {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some()
}

/// The plausibility check: strictly valid UTF-8 that contains characters a
/// Chinese service log does not (Latin letters with accents, Cyrillic, rare
/// ideographs ...) while the same bytes read as GB18030 decode cleanly into
/// fewer of them.
fn utf8_reads_better_as_gb18030(bytes: &[u8]) -> bool {
    let Ok(as_utf8) = std::str::from_utf8(bytes) else {
        return false;
    };
    if as_utf8.is_ascii() {
        return false;
    }
    let utf8 = Plausibility::of(as_utf8);
    if utf8.other == 0 {
        return false;
    }
    let Some(as_gb) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) else {
        return false;
    };
    let gb = Plausibility::of(&as_gb);
    let (utf8_total, gb_total) = (utf8.common + utf8.other, gb.common + gb.other);
    // gb.other / gb_total < utf8.other / utf8_total, without division.
    gb_total > 0 && gb.other * utf8_total < utf8.other * gb_total
}

/// Counts of non-ASCII characters by how usual they are in a Chinese log.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plausibility {
    /// Common hanzi (GB2312) and CJK / full-width punctuation.
    common: u64,
    /// Anything else except a few neutral Latin-1 signs (`°`, `×`, `·` ...).
    other: u64,
}

impl Plausibility {
    fn of(text: &str) -> Self {
        let mut counts = Plausibility::default();
        let mut encoder = GBK.new_encoder();
        let mut buf = [0u8; 8];
        let mut one = [0u8; 4];
        for c in text.chars().filter(|c| !c.is_ascii()) {
            let code = c as u32;
            // Signs a Chinese log may well hold in UTF-8.
            let neutral = matches!(
                c,
                '\u{A0}' | '°' | '·' | '×' | '÷' | '±' | '²' | '³' | '§' | '¥'
            );
            if neutral {
                continue;
            }
            let punctuation = matches!(code,
                0x2000..=0x206F // general punctuation: “ ” — …
                | 0x2150..=0x218F // number forms: Ⅲ
                | 0x2460..=0x24FF // enclosed numbers: ①
                | 0x3000..=0x303F // CJK punctuation: 、。「」
                | 0xFEFF
                | 0xFF00..=0xFFEF // full-width forms: ，：（）
            );
            let common = punctuation || {
                // A GB2312 hanzi encodes in GBK with a lead byte B0..=F7.
                let (_, _, written) = encoder.encode_from_utf8_without_replacement(
                    c.encode_utf8(&mut one),
                    &mut buf,
                    false,
                );
                written == 2 && (0xB0..=0xF7).contains(&buf[0]) && buf[1] >= 0xA1
            };
            if common {
                counts.common += 1;
            } else {
                counts.other += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_bytes(bytes: &[u8]) -> Detected {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, bytes).unwrap();
        detect(&path, None).unwrap()
    }

    fn gbk(text: &str) -> Vec<u8> {
        GB18030.encode(text).0.into_owned()
    }

    fn lines(text: &str) -> Vec<(String, u64)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineCounter::new(text.as_bytes()));
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            let line = reader.get_mut().record_line(start);
            out.push((record[0].to_string(), line));
        }
        out
    }

    #[test]
    fn physical_lines_with_crlf_blank_lines_and_quoted_breaks() {
        let want = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
            v.iter().map(|(s, l)| (s.to_string(), *l)).collect()
        };
        assert_eq!(lines("h\na\nb\n"), want(&[("h", 1), ("a", 2), ("b", 3)]));
        assert_eq!(
            lines("h\r\na\r\nb\r\n"),
            want(&[("h", 1), ("a", 2), ("b", 3)])
        );
        assert_eq!(
            lines("h\n\"x\ny\"\nb\n"),
            want(&[("h", 1), ("x\ny", 2), ("b", 4)])
        );
        assert_eq!(
            lines("\n\nh\n\nb\n\n\nc"),
            want(&[("h", 3), ("b", 5), ("c", 8)])
        );
        assert_eq!(
            lines("h\r\n\r\n\"p\r\nq\"\r\nz\r\n\r\n"),
            want(&[("h", 1), ("p\r\nq", 3), ("z", 5)])
        );
        assert_eq!(lines("h\ra\r\rb\r"), want(&[("h", 1), ("a", 2), ("b", 4)]));
    }

    #[test]
    fn plain_utf8_and_ascii() {
        assert_eq!(detect_bytes(b"id,date\n1,2026-01-01\n").encoding, UTF_8);
        let d = detect_bytes("工单号,报修时间\nA1,2026-01-01\n".as_bytes());
        assert_eq!(
            d,
            Detected {
                encoding: UTF_8,
                clean: true
            }
        );
        // Latin-1 signs alone do not make UTF-8 implausible.
        assert_eq!(detect_bytes("note\n25°C ×2\n".as_bytes()).encoding, UTF_8);
    }

    #[test]
    fn bom_wins() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("编号,日期\n".as_bytes());
        assert_eq!(detect_bytes(&bytes).encoding, UTF_8);
    }

    #[test]
    fn gbk_is_read_as_gb18030() {
        let bytes = gbk("工单号,报修时间,级别\nA1,2026年3月5日 14:30,急修\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(detect_bytes(&bytes).encoding, GB18030);
    }

    #[test]
    fn gbk_that_is_valid_utf8_by_accident() {
        // Every character here is a GB2312 hanzi whose two GBK bytes form a
        // valid two-byte UTF-8 sequence.
        for word in ["陆路", "摩托", "每末"] {
            let bytes = gbk(&format!("id,{word}\n1,2\n"));
            if std::str::from_utf8(&bytes).is_err() {
                continue;
            }
            assert_eq!(detect_bytes(&bytes).encoding, GB18030, "{word}");
        }
        let bytes = gbk("id,陆路\n1,2\n");
        assert!(
            std::str::from_utf8(&bytes).is_ok(),
            "the test needs an accident"
        );
        assert_eq!(detect_bytes(&bytes).encoding, GB18030);
    }

    #[test]
    fn invalid_utf8_late_in_a_big_file_is_found() {
        let mut bytes = b"id,room\n".to_vec();
        while bytes.len() < PREFIX_BYTES + 3 * CHUNK_BYTES {
            bytes.extend_from_slice(b"A1,101\n");
        }
        bytes.extend_from_slice(&gbk("A2,三栋\n"));
        let d = detect_bytes(&bytes);
        assert_eq!(d.encoding, GB18030);
        assert!(!d.clean);
    }

    #[test]
    fn utf8_cut_across_chunks_stays_valid() {
        let mut bytes = b"id,room\n".to_vec();
        while bytes.len() < 3 * CHUNK_BYTES {
            bytes.extend_from_slice("A1,三栋一单元\n".as_bytes());
        }
        assert_eq!(
            detect_bytes(&bytes),
            Detected {
                encoding: UTF_8,
                clean: true
            }
        );
    }

    #[test]
    fn override_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, "房号\n".as_bytes()).unwrap();
        let d = detect(&path, Some(GBK)).unwrap();
        assert_eq!(d.encoding, GBK);
        assert!(!d.clean);
    }

    #[test]
    fn byte_order_mark_beats_the_override() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, "\u{feff}级别\n小修\n".as_bytes()).unwrap();
        let d = detect(&path, Some(GBK)).unwrap();
        assert_eq!(d.encoding, UTF_8);
    }
}
