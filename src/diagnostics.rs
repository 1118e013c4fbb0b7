//! Problems found in a user's files, collected rather than thrown.
//!
//! Every stage that reads something a person wrote reports what is wrong as
//! [`Diagnostic`]s: the file, the physical line, the column as the file's
//! header names it, the bad value, a machine-readable [`Kind`], a message in
//! the configured language that says what to do, and a [`Severity`].
//! Only `cli` prints them.

use serde::Serialize;
use std::path::PathBuf;

/// How bad a diagnostic is. Errors stop a build; warnings never do.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What kind of problem it is; stable snake_case names for `--format json`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    // --- files and reading ---
    Io,
    Encoding,
    CsvSyntax,
    EmptyFile,
    /// A file, a row or a header over one of the limits in `guard`.
    TooLarge,
    /// Markdown or HTML nested deeper than `guard::MAX_NESTING`.
    TooDeep,
    /// A symbolic link that leads out of the estate folder (not followed).
    OutsideEstate,
    // --- CSV headers ---
    MissingColumn,
    DuplicateColumn,
    UnknownColumn,
    // --- CSV rows ---
    MissingValue,
    BadDatetime,
    BadNumber,
    BadBoolean,
    BadLevel,
    DuplicateId,
    CompletedBeforeReported,
    ResolvedBeforeReceived,
    UnknownReworkOf,
    ScoreOutOfRange,
    BadHolidayKind,
    ConflictingHoliday,
    AgreedWithoutReason,
    CompletedWithoutInspection,
    SkippedRow,
    // --- config ---
    ConfigSyntax,
    UnknownKey,
    BadConfigValue,
    // --- content (Markdown and front matter) ---
    FrontMatterSyntax,
    FrontMatterUnclosed,
    UnknownFrontMatterKey,
    BadFrontMatterValue,
    MissingFrontMatterKey,
    DuplicateSlug,
    BadPath,
    UnknownFigure,
    BrokenLink,
    // --- templates and output ---
    Template,
    Output,
}

/// One problem in one place of one file.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Diagnostic {
    /// Path relative to the estate root, with `/` separators.
    pub file: String,
    /// Physical line (1-based) where the problem starts, when it has one.
    pub line: Option<u64>,
    /// The column as the file names it (CSV header, front matter key, config key).
    pub column: Option<String>,
    /// The offending value, as written.
    pub value: Option<String>,
    pub kind: Kind,
    /// What is wrong and what to do, in the configured language.
    pub message: String,
    pub severity: Severity,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, kind: Kind, message: impl Into<String>) -> Self {
        Self::new(file, kind, message, Severity::Error)
    }

    pub fn warning(file: impl Into<String>, kind: Kind, message: impl Into<String>) -> Self {
        Self::new(file, kind, message, Severity::Warning)
    }

    fn new(
        file: impl Into<String>,
        kind: Kind,
        message: impl Into<String>,
        severity: Severity,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            value: None,
            kind,
            message: message.into(),
            severity,
        }
    }

    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    pub fn in_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Failures that end a command. Problems in the user's files travel as
/// `Diagnostics`; the other variants are about the machine or the tool.
#[derive(Debug, thiserror::Error)]
pub enum WuyeError {
    /// The user's files have errors; all of them are listed.
    #[error("{} problem(s) in the estate's files", .0.len())]
    Diagnostics(Vec<Diagnostic>),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Anything else, already phrased for the user in the configured language.
    #[error("{0}")]
    Message(String),
}

impl WuyeError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        WuyeError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Makes a path relative to `root` and uses `/`, for messages and JSON.
pub fn display_path(root: &std::path::Path, path: &std::path::Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
