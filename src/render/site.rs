//! Renders `output/site/`, the public notice board.
//!
//! Layout (every link is relative and names `index.html`, so the folder
//! works opened from disk and served under any sub-path):
//!
//! ```text
//! index.html                      home
//! notices/index.html              current notices, pinned first (page 1)
//! notices/page/<n>/index.html     further pages
//! notices/<slug>/index.html       one notice
//! notices/<slug>/print.html       its A4 print view with a QR code
//! category/<key>/index.html       one category (+ page/<n>/index.html)
//! archive/index.html              months, newest first
//! archive/<YYYY-MM>/index.html    every notice of a month, expired marked
//! pages/<slug>/index.html         free-standing pages
//! quality/index.html              服务质量公示 (+ <YYYY>Q<N>/index.html)
//! search/index.html               search (JS) with a link to the archive
//! feed.xml sitemap.xml robots.txt 404.html
//! static/                         hashed CSS, JS and search index
//! ```

use super::feeds::{self, FeedEntry, FeedInfo, encode_segment};
use super::search::{self, Doc, Entry};
use super::{Engine, RenderInput, assets, base_context};
use crate::content::notices::{Category, Notice, OutageState};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, RenderOptions, Rendered};
use crate::messages::Lang;
use crate::metrics::{Metrics, PeriodKind};
use crate::output::OutputTree;
use chrono::{Datelike, NaiveDateTime};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A notice as templates see it.
#[derive(Debug, Clone, Serialize)]
struct NoticeView {
    slug: String,
    title: String,
    /// Relative to the site root.
    url: String,
    print_url: String,
    date: String,
    /// `YYYY-MM-DDTHH:MM` for `<time datetime>`.
    datetime: String,
    category: &'static str,
    category_name: String,
    category_url: String,
    summary: String,
    pinned: bool,
    expired: bool,
    /// `upcoming`, `in_effect`, `ended` or empty.
    outage: &'static str,
    outage_label: String,
    starts: String,
    ends: String,
    affected: String,
    expires: String,
    html: String,
    /// This view as a template value, made once and shared by every page
    /// that shows the notice (values are reference-counted).
    #[serde(skip)]
    value: tera::Value,
}

/// Notices as a template list, from their shared values.
fn notice_values<'v>(items: impl IntoIterator<Item = &'v NoticeView>) -> tera::Value {
    tera::Value::from(
        items
            .into_iter()
            .map(|v| v.value.clone())
            .collect::<Vec<_>>(),
    )
}

/// One link of a navigation bar.
#[derive(Debug, Clone, Serialize)]
struct NavItem {
    href: String,
    label: String,
    current: bool,
}

/// Everything about the site that does not change from page to page.
struct Site<'a> {
    input: &'a RenderInput<'a>,
    engine: &'a Engine,
    labels: BTreeMap<&'static str, &'static str>,
    assets: BTreeMap<String, String>,
    lang: Lang,
    /// (url relative to the site root, label)
    nav: Vec<(String, String)>,
    /// What every page's context holds (language, labels, estate,
    /// `as_of`, assets), made once: its values are shared, not copied.
    base: tera::Context,
    /// The navigation bar with each of its links marked current, and with
    /// none (key "").
    navs: BTreeMap<String, tera::Value>,
    tree: OutputTree,
    errors: Vec<Diagnostic>,
}

impl<'a> Site<'a> {
    fn label(&self, key: &str) -> String {
        self.labels.get(key).copied().unwrap_or(key).to_string()
    }

    fn category_name(&self, category: Category) -> String {
        self.label(&format!("category_{}", category.key()))
    }

    /// A site with the same settings and nothing rendered yet, for a part
    /// rendered at the same time as others.
    fn fork(&self) -> Site<'a> {
        Site {
            input: self.input,
            engine: self.engine,
            labels: self.labels.clone(),
            assets: self.assets.clone(),
            lang: self.lang,
            nav: self.nav.clone(),
            base: self.base.clone(),
            navs: self.navs.clone(),
            tree: OutputTree::default(),
            errors: Vec::new(),
        }
    }

    /// The navigation bar with `section` marked current.
    fn nav_items(&self, section: &str) -> Vec<NavItem> {
        self.nav
            .iter()
            .map(|(href, label)| NavItem {
                href: href.clone(),
                label: label.clone(),
                current: href == section,
            })
            .collect()
    }

    /// Makes the shared part of every page's context.
    fn prepare(&mut self) {
        let mut base = base_context(self.input, "");
        base.insert("assets", &self.assets);
        base.insert("search_url", "search/index.html");
        self.base = base;
        let sections =
            std::iter::once(String::new()).chain(self.nav.iter().map(|(h, _)| h.clone()));
        self.navs = sections
            .map(|section| {
                let value = tera::Value::from_serializable(&self.nav_items(&section));
                (section, value)
            })
            .collect();
    }

    /// A context for a page written at `path` (relative to the site root).
    fn context(&self, path: &str, section: &str) -> tera::Context {
        let mut context = self.base.clone();
        context.insert("root", &root_of(path));
        match self.navs.get(section) {
            Some(nav) => context.insert_value("nav", nav.clone()),
            None => context.insert("nav", &self.nav_items(section)),
        }
        context
    }

    fn write(&mut self, path: &str, template: &str, context: &tera::Context) {
        match self.engine.render(template, context) {
            Ok(html) => self.tree.insert(format!("site/{path}"), html),
            Err(e) => self.errors.push(e),
        }
    }
}

/// `../` once per folder of `path`, or `./` at the top.
fn root_of(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

fn notice_dir(slug: &str) -> String {
    format!("notices/{}/", encode_segment(slug))
}

pub fn render(input: &RenderInput, engine: &Engine) -> Result<OutputTree, Vec<Diagnostic>> {
    render_streaming(input, engine, None)
}

/// [`render`], handing the notice pages to `sink` in batches as they are
/// rendered (the rest of the site is returned); without a sink, all in
/// the returned tree.
pub fn render_streaming(
    input: &RenderInput,
    engine: &Engine,
    sink: Option<&mut (dyn FnMut(OutputTree) + Send)>,
) -> Result<OutputTree, Vec<Diagnostic>> {
    let mut tree = OutputTree::default();
    let asset_urls = assets::publish(&input.theme.assets, "site", &mut tree);
    let lang = input.config.language;
    let labels = crate::messages::ui::labels(lang);
    let mut site = Site {
        input,
        engine,
        labels,
        assets: asset_urls,
        lang,
        nav: Vec::new(),
        base: tera::Context::new(),
        navs: BTreeMap::new(),
        tree,
        errors: Vec::new(),
    };
    site.nav = vec![
        ("index.html".to_string(), site.label("home")),
        ("notices/index.html".to_string(), site.label("notices")),
        ("archive/index.html".to_string(), site.label("archive")),
        (
            "quality/index.html".to_string(),
            site.label("quality_short"),
        ),
        ("search/index.html".to_string(), site.label("search")),
    ];
    for page in &input.content.pages {
        site.nav.push((
            format!("pages/{}/index.html", encode_segment(&page.slug)),
            page.title.clone(),
        ));
    }

    site.prepare();

    let options = RenderOptions {
        trust_html: input.config.site.trust_html,
    };
    let as_of = input.as_of;
    let rendered: Vec<(&Notice, Rendered)> = input
        .content
        .notices
        .par_iter()
        .map(|n| (n, markdown::render(&n.body, options)))
        .collect();
    let views: Vec<NoticeView> = rendered
        .par_iter()
        .map(|(n, r)| {
            let mut view = notice_view(&site, n, r, as_of);
            view.value = tera::Value::from_serializable(&view);
            view
        })
        .collect();
    // Current = not expired, in the order lists show them: pinned first,
    // then newest first (the loader already sorted by date).
    let mut current: Vec<&NoticeView> = views.iter().filter(|v| !v.expired).collect();
    current.sort_by_key(|v| !v.pinned);

    // The parts at the same time, each into its own tree; gathered in
    // this order, so that errors read as if one ran after the other.
    let [
        mut home,
        mut lists,
        mut notices,
        mut archive,
        mut pages,
        mut quality,
        mut search,
        mut machine,
    ] = std::array::from_fn(|_| site.fork());
    let pages_html = render_pages(&mut pages, options);
    rayon::join(
        || render_notices(&mut notices, &views, sink),
        || {
            rayon::join(
                || {
                    render_home(&mut home, &current);
                    render_lists(&mut lists, &current);
                    render_archive(&mut archive, &views);
                },
                || {
                    rayon::join(
                        || {
                            render_quality(&mut quality);
                            render_search(&mut search, &rendered, &views, &pages_html);
                        },
                        || render_machine_files(&mut machine, &current, &views),
                    )
                },
            )
        },
    );
    for part in [
        home, lists, notices, archive, pages, quality, search, machine,
    ] {
        site.tree.extend(part.tree);
        site.errors.extend(part.errors);
    }

    if site.errors.is_empty() {
        Ok(site.tree)
    } else {
        Err(site.errors)
    }
}

fn notice_view(site: &Site, n: &Notice, r: &Rendered, as_of: NaiveDateTime) -> NoticeView {
    let dir = notice_dir(&n.slug);
    let outage = n.outage_state(as_of);
    let expired = n.is_expired(as_of);
    let (outage_key, outage_label) = match (outage, expired) {
        (Some(OutageState::Upcoming), false) => ("upcoming", site.label("outage_upcoming")),
        (Some(OutageState::InEffect), false) => ("in_effect", site.label("outage_in_effect")),
        (Some(OutageState::Ended), _) | (Some(_), true) => ("ended", site.label("outage_ended")),
        (None, _) => ("", String::new()),
    };
    let minutes = |t: &Option<NaiveDateTime>| {
        t.as_ref()
            .map(crate::datetime::format_minutes)
            .unwrap_or_default()
    };
    let separator = site.lang.pick("、", ", ");
    NoticeView {
        slug: n.slug.clone(),
        title: n.title.clone(),
        url: format!("{dir}index.html"),
        print_url: format!("{dir}print.html"),
        date: n.date.format("%Y-%m-%d").to_string(),
        datetime: n.date.format("%Y-%m-%dT%H:%M").to_string(),
        category: n.category.key(),
        category_name: site.category_name(n.category),
        category_url: format!("category/{}/index.html", n.category.key()),
        summary: n.summary.clone(),
        pinned: n.pinned,
        expired,
        outage: outage_key,
        outage_label,
        starts: minutes(&n.starts),
        ends: minutes(&n.ends),
        affected: n.affected.join(separator),
        expires: minutes(&n.expires),
        html: r.html.clone(),
        value: tera::Value::from(()),
    }
}

/// Category chips with how many current notices each has.
fn category_chips(site: &Site, current: &[&NoticeView]) -> Vec<serde_json::Value> {
    Category::ALL
        .iter()
        .map(|c| {
            serde_json::json!({
                "key": c.key(),
                "name": site.category_name(*c),
                "url": format!("category/{}/index.html", c.key()),
                "count": current.iter().filter(|v| v.category == c.key()).count(),
            })
        })
        .collect()
}

fn render_home(site: &mut Site, current: &[&NoticeView]) {
    let path = "index.html";
    let mut context = site.context(path, "index.html");
    let mut outages: Vec<&&NoticeView> = current
        .iter()
        .filter(|v| v.outage == "upcoming" || v.outage == "in_effect")
        .collect();
    // In effect before upcoming; then by start time.
    outages.sort_by(|a, b| {
        (a.outage != "in_effect", &a.starts).cmp(&(b.outage != "in_effect", &b.starts))
    });
    let pinned = current.iter().filter(|v| v.pinned).count();
    let shown = site.input.config.site.page_size.max(pinned);
    let latest: Vec<&&NoticeView> = current.iter().take(shown).collect();
    context.insert_value("outages", notice_values(outages.iter().map(|v| **v)));
    context.insert_value("latest", notice_values(latest.iter().map(|v| **v)));
    context.insert("more", &(current.len() > latest.len()));
    context.insert("categories", &category_chips(site, current));
    context.insert("tel_service", &tel(&site.input.config.service_phone));
    context.insert("tel_emergency", &tel(&site.input.config.emergency_phone));
    context.insert("quality_headline", &quality_headline(site));
    site.write(path, "site/index.html", &context);
}

/// A phone number as a `tel:` target: digits, `+`, `,` and `;` only.
fn tel(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '+' | ',' | ';'))
        .collect()
}

/// The latest quarter's satisfaction rate, for the home page's link.
fn quality_headline(site: &Site) -> Option<serde_json::Value> {
    let metrics = site.input.metrics;
    let (period, stats) = metrics
        .surveys
        .iter()
        .rfind(|(k, _)| PeriodKind::of_key(k) == PeriodKind::Quarter)?;
    Some(serde_json::json!({
        "period": period_label(period, site.lang),
        "satisfaction_rate": percent(stats.satisfaction_rate),
    }))
}

/// Splits `items` into pages of `page_size` (at least one page).
fn paginate<T: Clone>(items: &[T], page_size: usize) -> Vec<Vec<T>> {
    if items.is_empty() {
        return vec![Vec::new()];
    }
    items.chunks(page_size.max(1)).map(<[T]>::to_vec).collect()
}

/// Path of page `n` (1-based) of a list whose first page is `base/index.html`.
fn page_path(base: &str, n: usize) -> String {
    if n <= 1 {
        format!("{base}/index.html")
    } else {
        format!("{base}/page/{n}/index.html")
    }
}

/// Writes a paginated list of notices.
#[allow(clippy::too_many_arguments)]
fn write_list(
    site: &mut Site,
    base: &str,
    section: &str,
    title: &str,
    heading_note: &str,
    items: &[&NoticeView],
    chips: &[serde_json::Value],
    current_chip: &str,
) {
    let pages = paginate(items, site.input.config.site.page_size);
    let total = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let path = page_path(base, n);
        let mut context = site.context(&path, section);
        context.insert("title", title);
        context.insert("note", heading_note);
        context.insert_value("items", notice_values(page.iter().copied()));
        context.insert("categories", chips);
        context.insert("current_category", current_chip);
        let pager = serde_json::json!({
            "page": n,
            "total": total,
            "label": page_label(site.lang, n, total),
            "prev": (n > 1).then(|| page_path(base, n - 1)),
            "next": (n < total).then(|| page_path(base, n + 1)),
        });
        context.insert("pager", &pager);
        site.write(&path, "site/list.html", &context);
    }
}

fn page_label(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::ZhCn => format!("第 {n} 页，共 {total} 页"),
        Lang::En => format!("Page {n} of {total}"),
    }
}

fn render_lists(site: &mut Site, current: &[&NoticeView]) {
    let chips = category_chips(site, current);
    let title = site.label("notices");
    write_list(
        site,
        "notices",
        "notices/index.html",
        &title,
        "",
        current,
        &chips,
        "",
    );
    for category in Category::ALL {
        let items: Vec<&NoticeView> = current
            .iter()
            .copied()
            .filter(|v| v.category == category.key())
            .collect();
        let title = site.category_name(category);
        write_list(
            site,
            &format!("category/{}", category.key()),
            "notices/index.html",
            &title,
            "",
            &items,
            &chips,
            category.key(),
        );
    }
}

/// How many notices' pages are rendered (on every thread) before they are
/// handed on: enough to keep the threads busy, few enough to stay small.
const NOTICE_BATCH: usize = 256;

/// The notice pages; batch by batch into `sink`, or into the site's tree.
fn render_notices(
    site: &mut Site,
    views: &[NoticeView],
    mut sink: Option<&mut (dyn FnMut(OutputTree) + Send)>,
) {
    let base_url = feeds::normalize_base_url(&site.input.config.base_url);
    let scan_label = site.label("scan_to_read");
    for batch in views.chunks(NOTICE_BATCH) {
        // Each notice's two pages on their own.
        let shared: &Site = site;
        let pages: Vec<[(String, Result<String, Diagnostic>); 2]> = batch
            .par_iter()
            .map(|view| {
                let path = view.url.clone();
                let mut context = shared.context(&path, "notices/index.html");
                context.insert_value("notice", view.value.clone());
                let page = shared.engine.render("site/notice.html", &context);

                let print_path = view.print_url.clone();
                let mut context = shared.context(&print_path, "notices/index.html");
                context.insert_value("notice", view.value.clone());
                let online = if base_url.is_empty() {
                    String::new()
                } else {
                    format!("{base_url}{}", notice_dir(&view.slug))
                };
                let qr = if online.is_empty() {
                    None
                } else {
                    super::qr::svg(&online, &scan_label)
                };
                context.insert("online_url", &online);
                context.insert("online_url_shown", &decode_for_display(&online));
                context.insert("qr", &qr);
                let print = shared.engine.render("site/print.html", &context);
                [(path, page), (print_path, print)]
            })
            .collect();
        let mut done = OutputTree::default();
        for (path, result) in pages.into_iter().flatten() {
            match result {
                Ok(html) => done.insert(format!("site/{path}"), html),
                Err(e) => site.errors.push(e),
            }
        }
        match sink.as_mut() {
            Some(sink) => sink(done),
            None => site.tree.extend(done),
        }
    }
}

/// A percent-encoded URL made readable again for printing (the encoding
/// only ever covers whole UTF-8 characters, so decoding is lossless).
fn decode_for_display(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = url.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| url.to_string())
}

fn month_label(year: i32, month: u32, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("{year}年{month}月"),
        Lang::En => format!("{year}-{month:02}"),
    }
}

/// `2026-03` → 2026年3月; `2026Q1` → 2026年第一季度.
fn period_label(key: &str, lang: Lang) -> String {
    if let Some((year, q)) = key.split_once('Q') {
        return match lang {
            Lang::ZhCn => {
                let q = match q {
                    "1" => "一",
                    "2" => "二",
                    "3" => "三",
                    "4" => "四",
                    other => other,
                };
                format!("{year}年第{q}季度")
            }
            Lang::En => format!("{year} Q{q}"),
        };
    }
    match key.split_once('-') {
        Some((year, month)) => match (year.parse::<i32>(), month.parse::<u32>()) {
            (Ok(y), Ok(m)) => month_label(y, m, lang),
            _ => key.to_string(),
        },
        None => key.to_string(),
    }
}

fn render_archive(site: &mut Site, views: &[NoticeView]) {
    // Month key → notices of that month, newest first (views are sorted).
    let mut months: BTreeMap<String, Vec<&NoticeView>> = BTreeMap::new();
    for (view, notice) in views.iter().zip(&site.input.content.notices) {
        let key = format!("{:04}-{:02}", notice.date.year(), notice.date.month());
        months.entry(key).or_default().push(view);
    }
    let index = index_months(&months, site.lang);
    for (key, items) in months.iter().rev() {
        let label = period_label(key, site.lang);
        let path = format!("archive/{key}/index.html");
        let mut context = site.context(&path, "archive/index.html");
        context.insert("title", &format!("{} · {}", site.label("archive"), label));
        context.insert_value("items", notice_values(items.iter().copied()));
        context.insert("months", &index);
        context.insert("current_month", key);
        site.write(&path, "site/archive_month.html", &context);
    }
    let path = "archive/index.html";
    let mut context = site.context(path, "archive/index.html");
    context.insert("months", &index);
    site.write(path, "site/archive.html", &context);
}

fn index_months(months: &BTreeMap<String, Vec<&NoticeView>>, lang: Lang) -> Vec<serde_json::Value> {
    months
        .iter()
        .rev()
        .map(|(key, items)| {
            serde_json::json!({
                "key": key, "label": period_label(key, lang), "count": items.len(),
                "url": format!("archive/{key}/index.html"),
            })
        })
        .collect()
}

/// Renders the free-standing pages; returns their rendered Markdown.
fn render_pages(site: &mut Site, options: RenderOptions) -> Vec<Rendered> {
    let mut out = Vec::new();
    for page in &site.input.content.pages {
        let rendered = markdown::render(&page.body, options);
        let href = format!("pages/{}/index.html", encode_segment(&page.slug));
        let mut context = site.context(&href, &href);
        context.insert("title", &page.title);
        context.insert("html", &rendered.html);
        site.write(&href, "site/page.html", &context);
        out.push(rendered);
    }
    out
}

/// Rates as percentages with one decimal, half away from zero; `—` for null.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) if r.is_finite() => format!("{:.1}%", round_half_away(r * 100.0, 1)),
        _ => "—".into(),
    }
}

/// Means with two decimals, half away from zero; `—` for null.
pub fn two_decimals(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{:.2}", round_half_away(v, 2)),
        _ => "—".into(),
    }
}

/// Rounds half away from zero at `places` decimals. The value is first
/// cleaned of binary noise at 9 decimals so that 96.25 stored as
/// 96.24999999999999 still rounds up, as a person computing 77/80 would.
fn round_half_away(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    let scaled = ((value * scale) * 1e9).round() / 1e9;
    scaled.round() / scale
}

/// One period's public figures, formatted.
#[derive(Debug, Clone, Serialize)]
struct QualityRow {
    key: String,
    label: String,
    responses: String,
    satisfaction_rate: String,
    overall_mean: String,
    orders: String,
    completed: String,
    timeliness_rate: String,
    pass_rate: String,
    rework_rate: String,
    received: String,
    major: String,
    important: String,
    minor: String,
    unclassified: String,
    resolved: String,
    resolution_rate: String,
    on_time_rate: String,
    /// Link to the quarter's page, for quarter rows.
    url: Option<String>,
}

fn quality_row(metrics: &Metrics, key: &str, lang: Lang) -> QualityRow {
    let dash = || "—".to_string();
    let s = metrics.surveys.get(key);
    let r = metrics.repairs.get(key);
    let c = metrics.complaints.get(key);
    let level = |name: &str| {
        c.map(|c| c.by_level.get(name).copied().unwrap_or(0).to_string())
            .unwrap_or_else(dash)
    };
    QualityRow {
        key: key.to_string(),
        label: period_label(key, lang),
        responses: s.map(|s| s.responses.to_string()).unwrap_or_else(dash),
        satisfaction_rate: percent(s.and_then(|s| s.satisfaction_rate)),
        overall_mean: two_decimals(s.and_then(|s| s.overall_mean)),
        orders: r.map(|r| r.orders.to_string()).unwrap_or_else(dash),
        completed: r.map(|r| r.completed.to_string()).unwrap_or_else(dash),
        timeliness_rate: percent(r.and_then(|r| r.timeliness_rate)),
        pass_rate: percent(r.and_then(|r| r.pass_rate)),
        rework_rate: percent(r.and_then(|r| r.rework_rate)),
        received: c.map(|c| c.received.to_string()).unwrap_or_else(dash),
        major: level("major"),
        important: level("important"),
        minor: level("minor"),
        unclassified: level("unclassified"),
        resolved: c.map(|c| c.resolved.to_string()).unwrap_or_else(dash),
        resolution_rate: percent(c.and_then(|c| c.resolution_rate)),
        on_time_rate: percent(c.and_then(|c| c.on_time_rate)),
        url: (PeriodKind::of_key(key) == PeriodKind::Quarter)
            .then(|| format!("quality/{key}/index.html")),
    }
}

/// Every period key of the metrics, of one kind, newest first.
fn periods(metrics: &Metrics, kind: PeriodKind) -> Vec<String> {
    let keys: BTreeSet<&String> = metrics
        .repairs
        .keys()
        .chain(metrics.complaints.keys())
        .chain(metrics.surveys.keys())
        .filter(|k| PeriodKind::of_key(k) == kind)
        .collect();
    keys.into_iter().rev().cloned().collect()
}

/// The months of a quarter key such as `2026Q3`.
fn quarter_months(key: &str) -> Vec<String> {
    let Some((year, q)) = key.split_once('Q') else {
        return Vec::new();
    };
    let Ok(q) = q.parse::<u32>() else {
        return Vec::new();
    };
    if !(1..=4).contains(&q) {
        return Vec::new();
    }
    (1..=3)
        .map(|i| format!("{year}-{:02}", (q - 1) * 3 + i))
        .collect()
}

/// Chart ids of the whole range, in page order.
const CHART_IDS: &[&str] = &[
    "satisfaction",
    "satisfaction-dimensions",
    "repair-rates",
    "repair-volume",
    "complaints-by-level",
    "completion-hours",
];

fn charts_with_prefix(site: &Site, prefix: &str) -> Vec<serde_json::Value> {
    CHART_IDS
        .iter()
        .filter_map(|id| site.input.charts.charts.get(&format!("{prefix}{id}")))
        .map(|chart| {
            let (head, body) = match chart.table.split_first() {
                Some((head, body)) => (head.clone(), body.to_vec()),
                None => (Vec::new(), Vec::new()),
            };
            serde_json::json!({
                "id": chart.id, "title": chart.title, "svg": chart.svg,
                "head": head, "rows": body,
            })
        })
        .collect()
}

fn render_quality(site: &mut Site) {
    let metrics = site.input.metrics;
    let lang = site.lang;
    let months: Vec<QualityRow> = periods(metrics, PeriodKind::Month)
        .iter()
        .map(|k| quality_row(metrics, k, lang))
        .collect();
    let quarters: Vec<QualityRow> = periods(metrics, PeriodKind::Quarter)
        .iter()
        .map(|k| quality_row(metrics, k, lang))
        .collect();
    let path = "quality/index.html";
    let mut context = site.context(path, "quality/index.html");
    context.insert("title", &site.label("quality"));
    context.insert("charts", &charts_with_prefix(site, ""));
    context.insert("months", &months);
    context.insert("quarters", &quarters);
    context.insert("quarter_links", &quarters);
    context.insert("back", &None::<String>);
    site.write(path, "site/quality.html", &context);

    for quarter in &quarters {
        let path = format!("quality/{}/index.html", quarter.key);
        let mut context = site.context(&path, "quality/index.html");
        context.insert(
            "title",
            &format!("{} · {}", site.label("quality"), quarter.label),
        );
        context.insert(
            "charts",
            &charts_with_prefix(site, &format!("{}/", quarter.key)),
        );
        let its_months: Vec<QualityRow> = quarter_months(&quarter.key)
            .iter()
            .rev()
            .filter(|m| months.iter().any(|row| &row.key == *m))
            .map(|m| quality_row(metrics, m, lang))
            .collect();
        context.insert("months", &its_months);
        context.insert("quarters", &[quarter]);
        context.insert("quarter_links", &quarters);
        context.insert("back", &Some("quality/index.html"));
        site.write(&path, "site/quality.html", &context);
    }
}

fn render_search(
    site: &mut Site,
    rendered: &[(&Notice, Rendered)],
    views: &[NoticeView],
    pages: &[Rendered],
) {
    let mut entries = Vec::new();
    for ((notice, r), view) in rendered.iter().zip(views) {
        entries.push(Entry {
            doc: Doc {
                url: view.url.clone(),
                title: notice.title.clone(),
                date: view.date.clone(),
                label: view.category_name.clone(),
                expired: view.expired,
            },
            // Not the category name: 停水停电 would make every power cut
            // a hit for 停水.
            text: [
                notice.title.as_str(),
                &notice.summary,
                &view.affected,
                &r.plain_text,
            ]
            .join(" "),
        });
    }
    for (page, r) in site.input.content.pages.iter().zip(pages) {
        entries.push(Entry {
            doc: Doc {
                url: format!("pages/{}/index.html", encode_segment(&page.slug)),
                title: page.title.clone(),
                date: String::new(),
                label: site.label("page"),
                expired: false,
            },
            text: format!("{} {}", page.title, r.plain_text),
        });
    }
    let index_url = search::publish(&entries, &mut site.tree);
    let path = "search/index.html";
    let mut context = site.context(path, "search/index.html");
    context.insert("index_url", &index_url);
    site.write(path, "site/search.html", &context);
}

fn render_machine_files(site: &mut Site, current: &[&NoticeView], views: &[NoticeView]) {
    let config = site.input.config;
    let base_url = feeds::normalize_base_url(&config.base_url);

    // 404: shown by a server at any depth, so its links start at the
    // site's own path when the base URL is known.
    let root_404 = feeds::base_path(&base_url).unwrap_or_else(|| "./".into());
    let mut context = site.context("404.html", "");
    context.insert("root", &root_404);
    site.write("404.html", "site/404.html", &context);

    // Feed: current notices, newest first (pinning is a page matter).
    let mut feed_items: Vec<&NoticeView> = current.to_vec();
    feed_items.sort_by(|a, b| b.datetime.cmp(&a.datetime).then(a.slug.cmp(&b.slug)));
    let notices: BTreeMap<&str, &Notice> = site
        .input
        .content
        .notices
        .iter()
        .map(|n| (n.slug.as_str(), n))
        .collect();
    let entries: Vec<FeedEntry> = feed_items
        .iter()
        .filter_map(|v| {
            let notice = notices.get(v.slug.as_str())?;
            Some(FeedEntry {
                path: notice_dir(&v.slug),
                title: v.title.clone(),
                date: notice.date,
                summary: v.summary.clone(),
                html: v.html.clone(),
                category: v.category_name.clone(),
            })
        })
        .collect();
    let fallback_id = format!("urn:wuye:{}", assets::short_hash(config.name.as_bytes()));
    let title = format!("{} · {}", config.name, site.label("notices"));
    let info = FeedInfo {
        base_url: &base_url,
        title: &title,
        subtitle: &config.company,
        author: if config.company.is_empty() {
            &config.name
        } else {
            &config.company
        },
        lang: config.language.code(),
        fallback_id: &fallback_id,
        as_of: site.input.as_of,
    };
    site.tree
        .insert("site/feed.xml", feeds::atom(&info, &entries));

    // Sitemap: clean directory URLs.
    let mut urls: Vec<(String, Option<String>)> = vec![
        (String::new(), None),
        ("notices/".into(), None),
        ("archive/".into(), None),
        ("quality/".into(), None),
        ("search/".into(), None),
    ];
    for category in Category::ALL {
        urls.push((format!("category/{}/", category.key()), None));
    }
    for view in views {
        urls.push((notice_dir(&view.slug), Some(view.date.clone())));
    }
    for page in &site.input.content.pages {
        urls.push((format!("pages/{}/", encode_segment(&page.slug)), None));
    }
    let mut months: BTreeSet<String> = BTreeSet::new();
    for notice in &site.input.content.notices {
        months.insert(format!(
            "{:04}-{:02}",
            notice.date.year(),
            notice.date.month()
        ));
    }
    for month in months {
        urls.push((format!("archive/{month}/"), None));
    }
    if let Some(xml) = feeds::sitemap(&base_url, &urls) {
        site.tree.insert("site/sitemap.xml", xml);
    }
    site.tree
        .insert("site/robots.txt", feeds::robots(&base_url));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_away_from_zero() {
        assert_eq!(percent(Some(77.0 / 80.0)), "96.3%");
        assert_eq!(percent(Some(0.9625)), "96.3%");
        assert_eq!(percent(Some(0.96249)), "96.2%");
        assert_eq!(percent(Some(1.0)), "100.0%");
        assert_eq!(percent(Some(0.0)), "0.0%");
        assert_eq!(percent(Some(1.0 / 3.0)), "33.3%");
        assert_eq!(percent(Some(0.0005)), "0.1%");
        assert_eq!(percent(None), "—");
        assert_eq!(two_decimals(Some(4.125)), "4.13");
        assert_eq!(two_decimals(Some(4.0)), "4.00");
        assert_eq!(two_decimals(None), "—");
    }

    #[test]
    fn roots_and_pages() {
        assert_eq!(root_of("index.html"), "./");
        assert_eq!(root_of("notices/a/index.html"), "../../");
        assert_eq!(page_path("notices", 1), "notices/index.html");
        assert_eq!(page_path("notices", 3), "notices/page/3/index.html");
        assert_eq!(
            paginate(&[1, 2, 3, 4, 5], 2),
            vec![vec![1, 2], vec![3, 4], vec![5]]
        );
        assert_eq!(paginate::<u8>(&[], 2), vec![Vec::<u8>::new()]);
    }

    #[test]
    fn period_labels() {
        assert_eq!(period_label("2026-03", Lang::ZhCn), "2026年3月");
        assert_eq!(period_label("2026Q4", Lang::ZhCn), "2026年第四季度");
        assert_eq!(period_label("2026Q4", Lang::En), "2026 Q4");
        assert_eq!(quarter_months("2026Q4"), ["2026-10", "2026-11", "2026-12"]);
        assert_eq!(tel("0571-8888 6666"), "057188886666");
        assert_eq!(
            decode_for_display("https://x.org/notices/%E5%81%9C%E6%B0%B4/"),
            "https://x.org/notices/停水/"
        );
    }
}
