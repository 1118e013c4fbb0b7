//! Renders the `reports` output folder.

use super::{Engine, RenderInput};
use crate::diagnostics::Diagnostic;
use crate::output::OutputTree;

pub fn render(input: &RenderInput, engine: &Engine) -> Result<OutputTree, Vec<Diagnostic>> {
    let _ = (input, engine);
    Ok(OutputTree::default())
}
