//! Renders `output/site/`, the public notice board.

use super::{Engine, RenderInput, assets, base_context};
use crate::diagnostics::Diagnostic;
use crate::output::OutputTree;

pub fn render(input: &RenderInput, engine: &Engine) -> Result<OutputTree, Vec<Diagnostic>> {
    let mut tree = OutputTree::default();
    let asset_urls = assets::publish(&input.theme.assets, "site", &mut tree);
    let mut context = base_context(input, "./");
    context.insert("assets", &asset_urls);
    let notices: Vec<_> = input
        .content
        .notices
        .iter()
        .map(|n| {
            serde_json::json!({
                "title": n.title, "slug": n.slug, "pinned": n.pinned,
                "date": n.date.format("%Y-%m-%d").to_string(),
            })
        })
        .collect();
    context.insert("notices", &notices);
    let html = engine
        .render("site/index.html", &context)
        .map_err(|e| vec![e])?;
    tree.insert("site/index.html", html);
    Ok(tree)
}
