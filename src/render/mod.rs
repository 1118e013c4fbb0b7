//! Stage 6: render pages from plain data with the theme's Tera templates.
//!
//! Rendering never touches the file system: it gets a [`RenderInput`] and
//! gives back an [`OutputTree`] for the output stage to write.

pub mod assets;
pub mod feeds;
pub mod handbook;
pub mod internal;
pub mod qr;
pub mod reports;
pub mod search;
pub mod site;

use crate::charts::Charts;
use crate::config::Config;
use crate::content::Content;
use crate::data::LogSource;
use crate::diagnostics::{Diagnostic, Kind};
use crate::messages::ui;
use crate::metrics::Metrics;
use crate::output::OutputTree;
use crate::theme::Theme;
use chrono::NaiveDateTime;

/// Everything a build renders from.
pub struct RenderInput<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    /// The logs, full ([`crate::data::Logs`]) or compact.
    pub logs: &'a dyn LogSource,
    pub metrics: &'a Metrics,
    pub charts: &'a Charts,
    pub theme: &'a Theme,
    pub as_of: NaiveDateTime,
    /// Data-quality warnings, for the internal report.
    pub warnings: &'a [Diagnostic],
}

/// Compiled templates plus the things every page needs.
pub struct Engine {
    pub tera: tera::Tera,
}

impl Engine {
    /// Compiles every template of the theme once.
    pub fn new(theme: &Theme) -> Result<Engine, Vec<Diagnostic>> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(name, text)| (name.as_str(), text.as_str())),
        )
        .map_err(|err| vec![template_error(&err)])?;
        Ok(Engine { tera })
    }

    /// Renders one template; errors name the template, line and column.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|err| template_error(&err))
    }
}

/// A template error as a diagnostic on the theme file.
pub fn template_error(err: &tera::Error) -> Diagnostic {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    Diagnostic::error("themes", Kind::Template, text)
}

/// A context with what every page shows: the estate, the labels, `as_of`.
pub fn base_context(input: &RenderInput, root: &str) -> tera::Context {
    let mut context = tera::Context::new();
    let config = input.config;
    context.insert("lang", config.language.code());
    context.insert("t", &ui::labels(config.language));
    context.insert("estate", config);
    context.insert("as_of", &crate::datetime::format_minutes(&input.as_of));
    context.insert("root", root);
    context
}

/// Renders the whole output: site, handbook, reports, internal report,
/// the four at the same time (each also spreads its own pages over the
/// threads); the templates are compiled once for all.
pub fn render_all(input: &RenderInput) -> Result<OutputTree, Vec<Diagnostic>> {
    let mut tree = OutputTree::default();
    render_into(input, &mut |part: OutputTree| tree.extend(part))?;
    Ok(tree)
}

/// [`render_all`], handing the files to `sink` part by part as they are
/// rendered (the notice pages in batches), so that they need not all be
/// in memory at once. On errors some parts may have been handed over
/// already; the caller discards them.
pub fn render_into(
    input: &RenderInput,
    sink: &mut (dyn FnMut(OutputTree) + Send),
) -> Result<(), Vec<Diagnostic>> {
    let engine = Engine::new(input.theme)?;
    let engine = &engine;
    let ((site, handbook), (reports, internal)) = rayon::join(
        || {
            rayon::join(
                || site::render_streaming(input, engine, Some(&mut *sink)),
                || handbook::render(input, engine),
            )
        },
        || {
            rayon::join(
                || reports::render(input, engine),
                || internal::render(input, engine),
            )
        },
    );
    let mut errors = Vec::new();
    // In the same order as one after the other, so errors read the same.
    for part in [site, handbook, reports, internal] {
        match part {
            Ok(files) => sink(files),
            Err(mut problems) => errors.append(&mut problems),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
