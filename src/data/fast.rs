//! Reading a part of a UTF-8 log straight from its bytes.
//!
//! For a file that is strictly valid UTF-8 nothing needs decoding: this
//! reader hands the CSV parser (`csv_core`, the one inside the `csv`
//! crate, with the same settings) the file's own bytes, so the records are
//! exactly those the decoding reader gives. Because it can start at any
//! line start, a large file is read in parts on several threads
//! ([`super::table`]); a part is trusted only if the part before it ended
//! between two records, which [`Ending::clean`] tells.
//!
//! Lines are counted as [`super::source::LineCounter`] does: a record's
//! line is the line of its first character; `\n`, `\r\n` and a lone `\r`
//! each end a line.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

const BUFFER: usize = 256 * 1024;

/// How reading a part ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending {
    /// The part ended between two records (not inside a quoted cell).
    pub clean: bool,
    /// Byte offset where reading stopped.
    pub offset: u64,
}

/// Offsets where parts of about equal size may start between `from` and
/// `len`: each right after a `\n` (found by reading a little at each
/// guess, not the whole file). Ascending, each in `from + 1..len`.
pub fn cut_points(path: &Path, from: u64, len: u64, parts: usize) -> io::Result<Vec<u64>> {
    let mut file = File::open(path)?;
    let mut cuts: Vec<u64> = Vec::new();
    let mut window = vec![0u8; 64 * 1024];
    for k in 1..parts as u64 {
        let guess = from + (len - from) / parts as u64 * k;
        let mut at = guess.max(cuts.last().copied().unwrap_or(from));
        'search: while at < len {
            file.seek(SeekFrom::Start(at))?;
            let n = file.read(&mut window)?;
            if n == 0 {
                break;
            }
            if let Some(i) = window[..n].iter().position(|&b| b == b'\n') {
                let cut = at + i as u64 + 1;
                if cut < len && cuts.last().is_none_or(|&last| cut > last) {
                    cuts.push(cut);
                }
                break 'search;
            }
            at += n as u64;
        }
    }
    Ok(cuts)
}

/// The records of `path` between byte offsets `start` and `end`.
pub struct RawRecords {
    file: File,
    buffer: Vec<u8>,
    /// Valid bytes in `buffer`, and how many of them are consumed.
    filled: usize,
    pos: usize,
    /// File offset of `buffer[0]`.
    buffer_offset: u64,
    end: u64,
    /// Line ends before the part, and `\n`s consumed outside the parser
    /// (which counts the ones it consumes itself).
    lines_before: u64,
    skipped_newlines: u64,
    /// Lone `\r`s consumed so far.
    lone_cr: u64,
    /// Positions in `buffer` of the lone `\r`s not yet consumed (a file
    /// ending lines with `\r` alone is rare: usually empty).
    lone_cr_at: std::collections::VecDeque<usize>,
    /// The buffer ends with `\r`: whether it is lone depends on the next
    /// byte.
    cr_at_end: bool,
    parser: csv_core::Reader,
    output: Vec<u8>,
    ends: Vec<usize>,
}

/// One record: its text and where each cell ends in it.
pub struct Record<'a> {
    pub line: u64,
    pub text: &'a str,
    pub ends: &'a [usize],
}

/// How many `\r`s in `bytes` are followed by something else than `\n`,
/// the last byte excepted.
fn lone_crs(bytes: &[u8]) -> usize {
    let Some(n) = bytes.len().checked_sub(1) else {
        return 0;
    };
    let (this, next) = (&bytes[..n], &bytes[1..]);
    // Counted in 255-byte runs with a byte counter, which compiles to
    // wide vector code.
    let mut total = 0;
    for (a, b) in this.chunks(255).zip(next.chunks(255)) {
        let mut run = 0u8;
        for (&x, &y) in a.iter().zip(b) {
            run += u8::from(x == b'\r') & u8::from(y != b'\n');
        }
        total += usize::from(run);
    }
    total
}

impl RawRecords {
    /// Reads from `start` (a line start) to `end`; lines are numbered from
    /// `line_ends_before + 1`.
    ///
    /// `continued`: the bytes do not start the file. A fresh CSV parser
    /// drops a UTF-8 byte-order mark at its very start; one that continues
    /// a file must not, so it is first given a harmless line end.
    pub fn open(
        path: &Path,
        start: u64,
        end: u64,
        line_ends_before: u64,
        continued: bool,
    ) -> io::Result<Self> {
        let mut file = File::open(path)?;
        file.seek(SeekFrom::Start(start))?;
        let mut parser = csv_core::Reader::new();
        if continued {
            let _ = parser.read_record(b"\n", &mut [0; 1], &mut [0; 1]);
        }
        // The parser counts the `\n`s it consumes, from 1.
        parser.set_line(0);
        Ok(RawRecords {
            file,
            buffer: vec![0; BUFFER],
            filled: 0,
            pos: 0,
            buffer_offset: start,
            end,
            lines_before: line_ends_before,
            skipped_newlines: 0,
            lone_cr: 0,
            lone_cr_at: std::collections::VecDeque::new(),
            cr_at_end: false,
            parser,
            output: vec![0; 4096],
            ends: vec![0; 64],
        })
    }

    /// Refills the buffer when it is used up; false at the part's end.
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos < self.filled {
            return Ok(true);
        }
        self.buffer_offset += self.filled as u64;
        self.pos = 0;
        self.filled = 0;
        let left = self.end.saturating_sub(self.buffer_offset);
        let cr_before = std::mem::take(&mut self.cr_at_end);
        if left == 0 {
            self.lone_cr += u64::from(cr_before);
            return Ok(false);
        }
        let want = (left as usize).min(self.buffer.len());
        let n = loop {
            match self.file.read(&mut self.buffer[..want]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        self.filled = n;
        let bytes = &self.buffer[..n];
        if cr_before && bytes.first() != Some(&b'\n') {
            self.lone_cr += 1;
        }
        if n == 0 {
            return Ok(false);
        }
        if lone_crs(bytes) > 0 {
            let found = bytes
                .iter()
                .zip(bytes.iter().skip(1))
                .enumerate()
                .filter(|(_, (a, b))| **a == b'\r' && **b != b'\n')
                .map(|(i, _)| i);
            self.lone_cr_at.extend(found);
        }
        self.cr_at_end = bytes.last() == Some(&b'\r');
        Ok(true)
    }

    /// Marks `n` bytes consumed, counting the lone `\r`s among them.
    fn consume(&mut self, n: usize) {
        self.pos += n;
        while self.lone_cr_at.front().is_some_and(|&at| at < self.pos) {
            self.lone_cr_at.pop_front();
            self.lone_cr += 1;
        }
    }

    fn offset(&self) -> u64 {
        self.buffer_offset + self.pos as u64
    }

    /// Line ends before [`Self::position`] (a `\r` ending the bytes read
    /// so far counts once its next byte is known).
    pub fn line_ends(&self) -> u64 {
        self.lines_before + self.skipped_newlines + self.parser.line() + self.lone_cr
    }

    /// Calls `each` with every record in order until it returns false.
    /// A record that is not valid UTF-8 stops the reading with an error.
    pub fn for_each(&mut self, mut each: impl FnMut(Record) -> bool) -> io::Result<Ending> {
        loop {
            // Blank lines and the rest of a `\r\n` before the record: its
            // line is that of its first character.
            loop {
                if !self.fill()? {
                    return Ok(Ending {
                        clean: true,
                        offset: self.offset(),
                    });
                }
                let rest = &self.buffer[self.pos..self.filled];
                let skip = rest
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .count();
                self.skipped_newlines +=
                    rest[..skip].iter().filter(|&&b| b == b'\n').count() as u64;
                self.consume(skip);
                if self.pos < self.filled {
                    break;
                }
            }
            let line = self.line_ends() + 1;
            let (mut nout, mut nend) = (0, 0);
            loop {
                let at_end = !self.fill()?;
                let input: &[u8] = if at_end {
                    &[]
                } else {
                    &self.buffer[self.pos..self.filled]
                };
                let (result, nin, out, end) = self.parser.read_record(
                    input,
                    &mut self.output[nout..],
                    &mut self.ends[nend..],
                );
                self.consume(nin);
                nout += out;
                nend += end;
                match result {
                    csv_core::ReadRecordResult::InputEmpty => {
                        if at_end {
                            return Ok(Ending {
                                clean: nout == 0 && nend == 0,
                                offset: self.offset(),
                            });
                        }
                    }
                    csv_core::ReadRecordResult::OutputFull => {
                        let len = self.output.len();
                        if len as u64 >= crate::guard::MAX_CSV_RECORD_BYTES {
                            // Left to the ordinary reader, which reports
                            // the row with its line (see guard.rs).
                            return Err(io::Error::other("row over the size limit"));
                        }
                        self.output.resize(len * 2, 0);
                    }
                    csv_core::ReadRecordResult::OutputEndsFull => {
                        let len = self.ends.len();
                        self.ends.resize(len * 2, 0);
                    }
                    csv_core::ReadRecordResult::Record => {
                        let text = std::str::from_utf8(&self.output[..nout])
                            .map_err(|_| io::Error::other("not UTF-8"))?;
                        let record = Record {
                            line,
                            text,
                            ends: &self.ends[..nend],
                        };
                        let more = each(record);
                        if at_end {
                            // A last record without a line end: the part
                            // ended inside it.
                            return Ok(Ending {
                                clean: false,
                                offset: self.offset(),
                            });
                        }
                        if !more {
                            return Ok(Ending {
                                clean: true,
                                offset: self.offset(),
                            });
                        }
                        break;
                    }
                    csv_core::ReadRecordResult::End => {
                        return Ok(Ending {
                            clean: true,
                            offset: self.offset(),
                        });
                    }
                }
            }
        }
    }

    /// After a record that ended with `\r`, also consumes a `\n` right
    /// after it, so that the next part starts on the next line.
    pub fn skip_crlf_rest(&mut self) -> io::Result<()> {
        let ended_with_cr = self.pos > 0 && self.buffer.get(self.pos - 1) == Some(&b'\r');
        if ended_with_cr && self.fill()? && self.buffer[self.pos] == b'\n' {
            self.skipped_newlines += 1;
            self.consume(1);
        }
        Ok(())
    }

    /// Byte offset of the next unread byte.
    pub fn position(&self) -> u64 {
        self.offset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, cells) of every record of `text` read in one part.
    fn records(text: &str) -> (Vec<(u64, Vec<String>)>, Ending) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, text).unwrap();
        let mut reader = RawRecords::open(&path, 0, text.len() as u64, 0, false).unwrap();
        let mut out = Vec::new();
        let ending = reader
            .for_each(|r| {
                let mut cells = Vec::new();
                let mut start = 0;
                for &end in r.ends {
                    cells.push(r.text[start..end].to_string());
                    start = end;
                }
                out.push((r.line, cells));
                true
            })
            .unwrap();
        (out, ending)
    }

    /// The same through the `csv` crate and the line counter.
    fn reference(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(super::super::source::LineCounter::new(text.as_bytes()));
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            let line = reader.get_mut().record_line(start);
            out.push((line, record.iter().map(String::from).collect()));
        }
        out
    }

    #[test]
    fn same_records_and_lines_as_the_csv_crate() {
        for text in [
            "h\na\nb\n",
            "h\r\na\r\nb\r\n",
            "h\n\"x\ny\"\nb\n",
            "\n\nh\n\nb\n\n\nc",
            "h\r\n\r\n\"p\r\nq\"\r\nz\r\n\r\n",
            "h\ra\r\rb\r",
            "a,b,,\"c,\"\"d\"\"\"\n,,\n x , y \n",
            "no newline at the end",
            "",
            "\"unterminated\nquote",
        ] {
            let (got, _) = records(text);
            assert_eq!(got, reference(text), "{text:?}");
        }
    }

    #[test]
    fn line_ends_across_buffer_boundaries() {
        // Lines of several lengths so that a `\r`, or a `\r\n` split in
        // two, falls at the end of a buffer.
        for (eol, width) in [("\r", 1), ("\r", 2), ("\r\n", 1), ("\r\n", 2), ("\n", 3)] {
            let mut text = String::new();
            let mut i = 0;
            while text.len() < 2 * BUFFER + 50 {
                text.push_str(&"x".repeat(width + i % 3));
                text.push_str(eol);
                if i % 7 == 0 {
                    text.push_str("\"q\rq\",y");
                    text.push_str(eol);
                }
                i += 1;
            }
            let (got, _) = records(&text);
            let want = reference(&text);
            assert_eq!(got.len(), want.len(), "{eol:?} {width}");
            assert!(got == want, "{eol:?} {width}: lines differ");
        }
    }

    #[test]
    fn a_part_cut_inside_a_quoted_cell_is_not_clean() {
        let text = "a,\"x\ny\"\nb\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, text).unwrap();
        // Cut after the first \n, which is inside the quotes.
        let cut = text.find('\n').unwrap() as u64 + 1;
        let mut reader = RawRecords::open(&path, 0, cut, 0, false).unwrap();
        let ending = reader.for_each(|_| true).unwrap();
        assert!(!ending.clean);
        // Cut after the record: clean.
        let cut = text.find("\nb").unwrap() as u64 + 1;
        let mut reader = RawRecords::open(&path, 0, cut, 0, false).unwrap();
        let mut n = 0;
        let ending = reader
            .for_each(|_| {
                n += 1;
                true
            })
            .unwrap();
        assert!(ending.clean);
        assert_eq!(n, 1);
    }
}
