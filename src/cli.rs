//! The command line: parses arguments, runs a command, and is the one place
//! that prints diagnostics.

use crate::diagnostics::{Diagnostic, Severity, WuyeError};
use crate::messages::Lang;
use crate::messages::cli::CliMsg;
use crate::metrics::PeriodKind;
use crate::pipeline::{self, BuildOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "wuye",
    version,
    about = "物业服务中心发布工具 / publishing tool for a property service centre"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 新建小区目录 / create a new estate folder
    Init {
        /// 目标目录（必须为空或不存在） / target folder (new or empty)
        dir: PathBuf,
    },
    /// 构建全部输出 / build everything into output/
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// 输出目录（默认 <root>/output） / output folder
        #[arg(long)]
        out: Option<PathBuf>,
        /// 数据截止时间 / cut-off instant, e.g. "2026-03-31 23:59"
        #[arg(long, value_parser = parse_as_of)]
        as_of: Option<chrono::NaiveDateTime>,
        /// 跳过有错误的数据行并列出它们 / leave bad rows out and list them
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// 检查配置、内容和数据 / check config, content and data
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// 计算服务质量指标 / compute the service metrics
    Metrics {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
        period: PeriodArg,
        #[arg(long, value_enum, default_value_t = MetricsFormat::Table)]
        format: MetricsFormat,
        #[arg(long, value_parser = parse_as_of)]
        as_of: Option<chrono::NaiveDateTime>,
    },
    /// 本地预览并自动刷新 / live preview
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long)]
        open: bool,
    },
    /// 打印 PDF（手册或报告） / print the handbook or a report to PDF
    Pdf {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `handbook` 或 `report`
        what: String,
        /// 报告期，例如 2026Q1 / report period
        period: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum MetricsFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum PeriodArg {
    Month,
    Quarter,
}

impl From<PeriodArg> for PeriodKind {
    fn from(value: PeriodArg) -> Self {
        match value {
            PeriodArg::Month => PeriodKind::Month,
            PeriodArg::Quarter => PeriodKind::Quarter,
        }
    }
}

fn parse_as_of(text: &str) -> Result<chrono::NaiveDateTime, String> {
    crate::datetime::parse_datetime(text).ok_or_else(|| {
        format!(
            "“{text}” 不是可识别的时间，例如 {} / not a date-time, e.g. {}",
            crate::datetime::EXAMPLE,
            crate::datetime::EXAMPLE
        )
    })
}

/// Parses arguments and runs; the exit code is 0 on success, 1 when the
/// estate's files have errors, 2 for other failures.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    execute(cli.command)
}

/// The language for messages about an estate, before its config is checked.
fn language_of(root: &std::path::Path) -> Lang {
    std::fs::read_to_string(root.join(crate::config::CONFIG_FILE))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|table| table.get("language")?.as_str().and_then(Lang::parse))
        .unwrap_or_default()
}

pub fn execute(command: Command) -> ExitCode {
    match command {
        Command::Init { dir } => {
            let lang = Lang::default();
            match crate::init::create(&dir) {
                Ok(()) => {
                    println!(
                        "{}",
                        CliMsg::InitDone {
                            dir: &dir.display().to_string()
                        }
                        .text(lang)
                    );
                    ExitCode::SUCCESS
                }
                Err(err) => report_failure(&err, lang),
            }
        }
        Command::Build {
            root,
            out,
            as_of,
            skip_bad_rows,
        } => {
            let lang = language_of(&root);
            let options = BuildOptions {
                root,
                out,
                as_of,
                skip_bad_rows,
            };
            match pipeline::build(&options) {
                Ok(summary) => {
                    print_diagnostics(&summary.warnings, lang);
                    if !summary.skipped_rows.is_empty() {
                        eprintln!(
                            "{}",
                            CliMsg::Skipped {
                                rows: summary.skipped_rows.len()
                            }
                            .text(lang)
                        );
                        for (file, line) in &summary.skipped_rows {
                            eprintln!("  {file}:{line}");
                        }
                    }
                    println!(
                        "{}",
                        CliMsg::BuildDone {
                            out: &summary.out.display().to_string(),
                            files: summary.files
                        }
                        .text(lang)
                    );
                    ExitCode::SUCCESS
                }
                Err(err) => report_failure(&err, lang),
            }
        }
        Command::Check { root, format } => {
            let lang = language_of(&root);
            let diagnostics = pipeline::check(&root);
            match format {
                CheckFormat::Json => {
                    let json =
                        serde_json::to_string_pretty(&diagnostics).unwrap_or_else(|_| "[]".into());
                    // A closed pipe (`| head`) is not an error worth a panic.
                    let _ = writeln!(std::io::stdout().lock(), "{json}");
                }
                CheckFormat::Text => {
                    print_diagnostics(&diagnostics, lang);
                    let files: std::collections::BTreeSet<_> =
                        diagnostics.iter().map(|d| &d.file).collect();
                    println!(
                        "{}",
                        CliMsg::CheckSummary {
                            files: files.len(),
                            errors: diagnostics.iter().filter(|d| d.is_error()).count(),
                            warnings: diagnostics.iter().filter(|d| !d.is_error()).count(),
                        }
                        .text(lang)
                    );
                }
            }
            if crate::diagnostics::has_errors(&diagnostics) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Metrics {
            root,
            period,
            format,
            as_of,
        } => {
            let lang = language_of(&root);
            let loaded = match pipeline::load(&root, as_of) {
                Ok(loaded) => loaded,
                Err(problems) => return report_failure(&WuyeError::Diagnostics(problems), lang),
            };
            let errors: Vec<Diagnostic> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            if !errors.is_empty() {
                // Figures are computed over the valid rows; the errors are shown on stderr.
                print_diagnostics(&errors, lang);
            }
            let metrics = pipeline::compute_metrics(&loaded);
            let text = crate::metrics::format::format(
                &metrics,
                period.into(),
                format_kind(format),
                &loaded.config,
            );
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Command::Pdf { root, what, period } => {
            use crate::messages::handbook::PdfMsg;
            let lang = language_of(&root);
            let job = crate::pdf::Target::parse(&what, period.as_deref(), lang)
                .and_then(|target| crate::pdf::prepare(&root, &target));
            let job = match job {
                Ok(job) => job,
                Err(err) => return report_failure(&err, lang),
            };
            let lang = job.lang;
            print_diagnostics(&job.build.warnings, lang);
            println!(
                "{}",
                PdfMsg::Printing {
                    html: &job.html.display().to_string()
                }
                .text(lang)
            );
            match crate::pdf::print(&job) {
                Ok(bytes) => {
                    println!(
                        "{}",
                        PdfMsg::Done {
                            pdf: &job.pdf.display().to_string(),
                            kib: bytes.div_ceil(1024),
                        }
                        .text(lang)
                    );
                    ExitCode::SUCCESS
                }
                Err(err) => report_failure(&err, lang),
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => {
            let lang = language_of(&root);
            let options = crate::serve::ServeOptions {
                root,
                port,
                bind,
                open,
                lang,
                as_of: None,
            };
            // The preview runs on several threads; each event is printed whole.
            let report: crate::serve::Report = std::sync::Arc::new(move |event| {
                print_diagnostics(&event.diagnostics(), lang);
                for line in event.lines(lang) {
                    if line.to_stderr {
                        eprintln!("{}", line.text);
                    } else {
                        println!("{}", line.text);
                    }
                }
            });
            match crate::serve::run(options, report) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => report_failure(&err, lang),
            }
        }
    }
}

fn format_kind(format: MetricsFormat) -> crate::metrics::format::Format {
    match format {
        MetricsFormat::Table => crate::metrics::format::Format::Table,
        MetricsFormat::Json => crate::metrics::format::Format::Json,
        MetricsFormat::Csv => crate::metrics::format::Format::Csv,
    }
}

fn report_failure(err: &WuyeError, lang: Lang) -> ExitCode {
    match err {
        WuyeError::Diagnostics(diagnostics) => {
            print_diagnostics(diagnostics, lang);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("{}", CliMsg::BuildFailed { errors }.text(lang));
            ExitCode::from(1)
        }
        other => {
            eprintln!("{}: {other}", CliMsg::ErrorLabel.text(lang));
            ExitCode::from(2)
        }
    }
}

/// Prints diagnostics grouped by file, in the order they were found.
pub fn print_diagnostics(diagnostics: &[Diagnostic], lang: Lang) {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diagnostics {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    let mut stderr = std::io::stderr().lock();
    for (file, items) in by_file {
        let _ = writeln!(stderr, "{file}");
        for d in items {
            let _ = writeln!(stderr, "  {}", format_diagnostic(d, lang));
        }
    }
}

/// One diagnostic as one line: `错误 第 12 行 [报修时间] “2026-13-01”：…`.
pub fn format_diagnostic(d: &Diagnostic, lang: Lang) -> String {
    let label = match d.severity {
        Severity::Error => CliMsg::ErrorLabel.text(lang),
        Severity::Warning => CliMsg::WarningLabel.text(lang),
    };
    let mut line = label;
    if let Some(n) = d.line {
        line.push(' ');
        line.push_str(&CliMsg::LineLabel.text(lang).replace("{}", &n.to_string()));
    }
    if let Some(column) = &d.column {
        line.push_str(&format!(" [{column}]"));
    }
    if let Some(value) = &d.value {
        let shown: String = value.chars().take(60).collect();
        line.push_str(&format!(" “{shown}”"));
    }
    line.push_str(lang.pick("：", ": "));
    line.push_str(&d.message);
    line
}
