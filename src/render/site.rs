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
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

/// Files of a render by path (`site/...`): key and bytes.
/// (A fast fixed-seed hash: every file's path is looked up on every
/// render, and the order of the map never reaches the output.)
type MemoFiles = HashMap<String, (u64, Arc<Vec<u8>>), foldhash::fast::FixedState>;

/// Each notice's view, converted Markdown and search entry, by
/// [`notice_key`].
type MemoViews = HashMap<u64, MemoView>;
/// (The search entry is kept only where the memo outlives the render:
/// a build would only hold every notice's text a while longer.)
type MemoView = (Arc<NoticeView>, Arc<Rendered>, Option<Arc<Entry>>);

/// A key of everything a notice's view is made of besides what all pages
/// share: the notice itself, which follows from the file it was read from.
fn notice_key(notice: &Notice) -> u64 {
    notice.source_key
}

/// The guarded value, also after a thread panicked while holding it (the
/// maps hold plain data that a panic cannot leave half-changed).
fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A notice as templates see it.
#[derive(Debug, Clone, Serialize, Hash)]
struct NoticeView {
    /// [`key_of`] the other fields: what a page showing this notice
    /// depends on (not for templates).
    #[serde(skip)]
    key: u64,
    /// Where the notice's page and print view are written (see
    /// [`Site::file_path`]), and the instant it is dated: for the machine
    /// files and the memo, not for templates.
    #[serde(skip)]
    page_file: String,
    #[serde(skip)]
    print_file: String,
    #[serde(skip)]
    dated: NaiveDateTime,
    /// The keys of the page and the print view (see [`render_notices`]).
    #[serde(skip)]
    page_key: u64,
    #[serde(skip)]
    print_key: u64,
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
    value: SharedValue,
}

/// A template value that hashes as nothing: it is made from the fields
/// beside it, which the key already covers.
#[derive(Debug, Clone)]
struct SharedValue(tera::Value);

impl Default for SharedValue {
    fn default() -> Self {
        SharedValue(tera::Value::from(()))
    }
}

impl Hash for SharedValue {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

/// Notices as a template list, from their shared values.
fn notice_values<'v>(items: impl IntoIterator<Item = &'v NoticeView>) -> tera::Value {
    tera::Value::from(
        items
            .into_iter()
            .map(|v| v.value.0.clone())
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
    /// Files of the previous render still to be reused (or dropped),
    /// shared by the parts rendered at the same time (see [`Self::fork`]).
    old: Arc<Mutex<MemoFiles>>,
    old_markdown: Arc<Mutex<HashMap<String, Rendered>>>,
    /// Notice views of the previous render still to be reused.
    old_views: MemoViews,
    /// The memo this render fills.
    memo: SiteMemo,
    errors: Vec<Diagnostic>,
}

/// What one render of the site leaves for the next, so that `wuye serve`
/// redoes only the files whose inputs changed (see [`render_with`]).
///
/// Every file is written together with a key: a hash of everything that
/// file shows besides what all pages share (config, `as_of`, theme, labels,
/// navigation). A later render with the same shared inputs reuses a file
/// whose key has not changed instead of rendering it again, so its bytes
/// are exactly those a full render gives.
#[derive(Debug, Default)]
pub struct SiteMemo {
    /// Hash of what every page shares; a different one empties the memo.
    shared: Option<u64>,
    /// Each file of the last render (path under `site/`): key and bytes.
    files: MemoFiles,
    /// Markdown of notices and pages by source text: rendering is a pure
    /// function of the text and `trust_html`, which is part of `shared`.
    markdown: HashMap<String, Rendered>,
    /// Every notice's view and Markdown, so that an unchanged notice is
    /// neither converted nor viewed again.
    views: MemoViews,
    /// The feed's entries (XML) by the key of what each shows.
    feed_entries: HashMap<u64, Arc<str>>,
    /// What the search index keeps between renders.
    search: search::SearchMemo,
    /// Files the last render produced afresh (not reused), sorted.
    rendered: Vec<String>,
    /// Markdown documents the last render converted (not reused).
    markdown_runs: usize,
}

impl SiteMemo {
    /// Paths (`site/...`) of the files the last render produced afresh.
    pub fn rendered(&self) -> &[String] {
        &self.rendered
    }

    /// How many Markdown documents the last render converted.
    pub fn markdown_runs(&self) -> usize {
        self.markdown_runs
    }

    /// The files of the last render.
    pub fn files(&self) -> impl Iterator<Item = (&String, &Arc<Vec<u8>>)> {
        self.files.iter().map(|(path, (_, bytes))| (path, bytes))
    }

    /// Puts the files of the last render into `tree` (their bytes are
    /// shared, not copied).
    pub fn copy_into(&self, tree: &mut OutputTree) {
        for (path, bytes) in self.files() {
            tree.insert_shared(path.clone(), Arc::clone(bytes));
        }
    }

    /// The files of the last render, moved out.
    pub fn into_tree(self) -> OutputTree {
        let mut tree = OutputTree::default();
        for (path, (_, bytes)) in self.files {
            tree.insert_shared(path, bytes);
        }
        tree
    }
}

/// A hash of `value`, stable within one run of the program (which is all
/// the memo needs: it never outlives the process).
fn key_of(value: &(impl Hash + ?Sized)) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A key for a value that is only serializable (JSON of chart tables and
/// figures): its JSON text, hashed.
fn json_key(value: &impl Serialize) -> u64 {
    key_of(&serde_json::to_string(value).unwrap_or_default())
}

impl<'a> Site<'a> {
    fn label(&self, key: &str) -> String {
        self.labels.get(key).copied().unwrap_or(key).to_string()
    }

    fn category_name(&self, category: Category) -> String {
        self.label(&format!("category_{}", category.key()))
    }

    /// A site with the same settings and nothing rendered yet, for a part
    /// rendered at the same time as others; [`Self::join`] takes its files
    /// back. The previous render's files are shared, not copied.
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
            old: Arc::clone(&self.old),
            old_markdown: Arc::clone(&self.old_markdown),
            old_views: MemoViews::new(),
            memo: SiteMemo {
                shared: self.memo.shared,
                ..SiteMemo::default()
            },
            errors: Vec::new(),
        }
    }

    /// Takes back what a [`Self::fork`] rendered.
    fn join(&mut self, part: Site) {
        let memo = part.memo;
        self.memo.files.extend(memo.files);
        self.memo.markdown.extend(memo.markdown);
        self.memo.rendered.extend(memo.rendered);
        self.memo.markdown_runs += memo.markdown_runs;
        self.errors.extend(part.errors);
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

    /// Where the file for the page at URL `path` goes: under the decoded
    /// URL (see [`Self::file`]).
    fn file_path(path: &str) -> String {
        format!("site/{}", decode_for_display(path))
    }

    /// The previous render's bytes of the file at `path` (see
    /// [`Self::file_path`]) when they were made with `key`, moved into this
    /// render's memo; false when the file must be produced again.
    fn reuse(&mut self, path: &str, key: u64) -> bool {
        take_over(&mut locked(&self.old), &mut self.memo.files, path, key)
    }

    /// Writes the page at `path` (relative to the site root) from
    /// `template`, unless the previous render wrote it from the same
    /// template with the same `key`: then its bytes are reused and the
    /// context is never built.
    fn page(
        &mut self,
        path: &str,
        template: &str,
        key: u64,
        context: impl FnOnce(&Site) -> tera::Context,
    ) {
        let key = key_of(&(template, key));
        self.file(path, key, |site| {
            site.engine
                .render(template, &context(site))
                .map(|html| Arc::new(html.into_bytes()))
        });
    }

    /// Writes a file that is not a template page, with the same reuse rule.
    fn raw(&mut self, path: &str, key: u64, bytes: impl FnOnce(&Site) -> Vec<u8>) {
        self.file(path, key, |site| Ok(Arc::new(bytes(site))));
    }

    /// [`Self::raw`] for bytes that another tree already holds.
    fn raw_shared(&mut self, path: &str, key: u64, bytes: Arc<Vec<u8>>) {
        self.file(path, key, |_| Ok(bytes));
    }

    /// `path` is the file's URL relative to the site: it is written under
    /// the decoded URL (a Chinese slug's folder is `notices/停水通知/`,
    /// which is what browsers and servers look for when they follow the
    /// percent-encoded link).
    fn file(
        &mut self,
        path: &str,
        key: u64,
        produce: impl FnOnce(&Site) -> Result<Arc<Vec<u8>>, Diagnostic>,
    ) {
        let path = Self::file_path(path);
        if self.reuse(&path, key) {
            return;
        }
        match produce(self) {
            Ok(bytes) => {
                self.memo.rendered.push(path.clone());
                self.memo.files.insert(path, (key, bytes));
            }
            Err(e) => self.errors.push(e),
        }
    }

    /// A notice's or page's Markdown, converted once per distinct text.
    fn markdown(&mut self, body: &str, options: RenderOptions) -> Rendered {
        if let Some(rendered) = self.memo.markdown.get(body) {
            return rendered.clone();
        }
        let old = locked(&self.old_markdown).remove(body);
        let rendered = match old {
            Some(rendered) => rendered,
            None => {
                self.memo.markdown_runs += 1;
                markdown::render(body, options)
            }
        };
        self.memo
            .markdown
            .insert(body.to_string(), rendered.clone());
        rendered
    }
}

/// Moves the file at `path` from `old` (the previous render's files) into
/// `files` when it was made with `key`; false when it must be made again
/// (an old file with another key is dropped).
fn take_over(old: &mut MemoFiles, files: &mut MemoFiles, path: &str, key: u64) -> bool {
    match old.remove_entry(path) {
        Some((path, (old_key, bytes))) if old_key == key => {
            files.insert(path, (key, bytes));
            true
        }
        _ => false,
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

/// Renders the whole site.
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
    let mut memo = SiteMemo::default();
    render_memo(input, engine, &mut memo, sink)?;
    Ok(memo.into_tree())
}

/// Renders the site into `memo`, reusing every file and Markdown document
/// of the memo's previous render whose inputs are unchanged. The files
/// left in the memo are always exactly what [`render`] gives for `input`
/// (on errors: those of the pages that rendered), whatever the memo held.
pub fn render_with(
    input: &RenderInput,
    engine: &Engine,
    memo: &mut SiteMemo,
) -> Result<(), Vec<Diagnostic>> {
    render_memo(input, engine, memo, None)
}

/// [`render_with`]; with a `sink`, the notice pages rendered afresh go to
/// it instead of into the memo (a build keeps no memo).
fn render_memo(
    input: &RenderInput,
    engine: &Engine,
    memo: &mut SiteMemo,
    sink: Option<&mut (dyn FnMut(OutputTree) + Send)>,
) -> Result<(), Vec<Diagnostic>> {
    let mut asset_tree = OutputTree::default();
    let asset_urls = assets::publish(&input.theme.assets, "site", &mut asset_tree);
    let lang = input.config.language;
    let labels = crate::messages::ui::labels(lang);
    let previous = std::mem::take(memo);
    let mut site = Site {
        input,
        engine,
        labels,
        assets: asset_urls,
        lang,
        nav: Vec::new(),
        base: tera::Context::new(),
        navs: BTreeMap::new(),
        old: Arc::new(Mutex::new(previous.files)),
        old_markdown: Arc::new(Mutex::new(previous.markdown)),
        old_views: previous.views,
        memo: SiteMemo::default(),
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
    // Everything every page shows besides its own matter; when it differs
    // from the previous render's nothing of that render is reused.
    let shared = key_of(&(
        serde_json::to_string(input.config).unwrap_or_default(),
        input.as_of,
        &input.theme.templates,
        &input.theme.assets,
        &site.nav,
    ));
    site.memo.shared = Some(shared);
    if previous.shared == Some(shared) {
        site.memo.search = previous.search;
        site.memo.feed_entries = previous.feed_entries;
    } else {
        site.old_views.clear();
        locked(&site.old).clear();
        locked(&site.old_markdown).clear();
    }
    for (path, bytes) in asset_tree.files {
        let key = key_of(&bytes);
        let path = path.strip_prefix("site/").unwrap_or(&path).to_string();
        site.raw_shared(&path, key, bytes);
    }

    let as_of = input.as_of;
    // With a sink this is a build: nothing of the memo is used again.
    let keep_memo = sink.is_none();
    // Each notice's view: reused when the notice is unchanged, else
    // converted and made on every thread.
    let notices = &input.content.notices;
    let keys: Vec<u64> = notices.par_iter().map(notice_key).collect();
    let mut old_views = std::mem::take(&mut site.old_views);
    let mut slots: Vec<Option<MemoView>> = keys.iter().map(|key| old_views.remove(key)).collect();
    drop(old_views);
    let missing: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].is_none()).collect();
    let fresh: Vec<(usize, MemoView)> = missing
        .par_iter()
        .map(|&i| {
            let notice = &notices[i];
            let rendered = markdown::render(&notice.body, options);
            let mut view = notice_view(&site, notice, &rendered, as_of);
            view.value = SharedValue(tera::Value::from_serializable(&view));
            let entry = keep_memo.then(|| Arc::new(search_entry(notice, &view, &rendered)));
            (i, (Arc::new(view), Arc::new(rendered), entry))
        })
        .collect();
    site.memo.markdown_runs += fresh.len();
    for (i, made) in fresh {
        slots[i] = Some(made);
    }
    let made: Vec<MemoView> = slots.into_iter().flatten().collect();
    let views: Vec<Arc<NoticeView>> = made.iter().map(|(view, _, _)| Arc::clone(view)).collect();
    if keep_memo {
        site.memo.views = keys.into_iter().zip(made.iter().cloned()).collect();
    }
    // Current = not expired, in the order lists show them: pinned first,
    // then newest first (the loader already sorted by date).
    let mut current: Vec<&NoticeView> = views.iter().map(|v| &**v).filter(|v| !v.expired).collect();
    current.sort_by_key(|v| !v.pinned);

    // The parts at the same time, each on its own fork; gathered in this
    // order, so that errors read as if one ran after the other.
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
    machine.memo.feed_entries = std::mem::take(&mut site.memo.feed_entries);
    search.memo.search = std::mem::take(&mut site.memo.search);
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
                            render_search(&mut search, &input.content.notices, &made, &pages_html);
                        },
                        || render_machine_files(&mut machine, &current, &views),
                    )
                },
            )
        },
    );
    site.memo.search = std::mem::take(&mut search.memo.search);
    site.memo.feed_entries = std::mem::take(&mut machine.memo.feed_entries);
    for part in [
        home, lists, notices, archive, pages, quality, search, machine,
    ] {
        site.join(part);
    }

    site.memo.rendered.sort();
    *memo = site.memo;
    if site.errors.is_empty() {
        Ok(())
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
    let url = format!("{dir}index.html");
    let print_url = format!("{dir}print.html");
    let mut view = NoticeView {
        key: 0,
        page_file: Site::file_path(&url),
        print_file: Site::file_path(&print_url),
        dated: n.date,
        page_key: 0,
        print_key: 0,
        slug: n.slug.clone(),
        title: n.title.clone(),
        url,
        print_url,
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
        value: SharedValue::default(),
    };
    view.key = key_of(&view);
    view.page_key = key_of(&("site/notice.html", view.key));
    view.print_key = key_of(&("site/print.html", view.key));
    view
}

/// The keys of a list of notices, for the key of a page listing them.
fn keys(views: &[&NoticeView]) -> Vec<u64> {
    views.iter().map(|v| v.key).collect()
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
    let more = current.len() > latest.len();
    let chips = category_chips(site, current);
    let headline = quality_headline(site);
    let key = key_of(&(
        outages.iter().map(|v| v.key).collect::<Vec<_>>(),
        latest.iter().map(|v| v.key).collect::<Vec<_>>(),
        more,
        json_key(&chips),
        json_key(&headline),
    ));
    site.page(path, "site/index.html", key, |site| {
        let mut context = site.context(path, "index.html");
        context.insert_value("outages", notice_values(outages.iter().map(|v| **v)));
        context.insert_value("latest", notice_values(latest.iter().map(|v| **v)));
        context.insert("more", &more);
        context.insert("categories", &chips);
        context.insert("tel_service", &tel(&site.input.config.service_phone));
        context.insert("tel_emergency", &tel(&site.input.config.emergency_phone));
        context.insert("quality_headline", &headline);
        context
    });
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
    let chips_key = json_key(&chips);
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let path = page_path(base, n);
        let pager = serde_json::json!({
            "page": n,
            "total": total,
            "label": page_label(site.lang, n, total),
            "prev": (n > 1).then(|| page_path(base, n - 1)),
            "next": (n < total).then(|| page_path(base, n + 1)),
        });
        let key = key_of(&(
            section,
            title,
            heading_note,
            keys(page),
            chips_key,
            current_chip,
            json_key(&pager),
        ));
        site.page(&path, "site/list.html", key, |site| {
            let mut context = site.context(&path, section);
            context.insert("title", title);
            context.insert("note", heading_note);
            context.insert_value("items", notice_values(page.iter().copied()));
            context.insert("categories", chips);
            context.insert("current_category", current_chip);
            context.insert("pager", &pager);
            context
        });
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

/// Each notice's page and print view. A notice's own pages show only that
/// notice and what every page shares (the base URL is part of the config),
/// so its key is theirs. Pages whose key is unchanged are reused; the rest
/// are rendered batch by batch on every thread, into `sink` when there is
/// one (then they are not kept in the memo), else into the memo.
fn render_notices(
    site: &mut Site,
    views: &[Arc<NoticeView>],
    mut sink: Option<&mut (dyn FnMut(OutputTree) + Send)>,
) {
    let base_url = feeds::normalize_base_url(&site.input.config.base_url);
    let scan_label = site.label("scan_to_read");
    let page_key = |view: &NoticeView| view.page_key;
    let print_key = |view: &NoticeView| view.print_key;
    // The pages whose key is unchanged are taken over from the previous
    // render (the lock is taken once for many, the other parts of the
    // site wait little for it).
    let mut stale: Vec<(&NoticeView, bool, bool)> = Vec::new();
    for chunk in views.chunks(1024) {
        let mut old = locked(&site.old);
        let files = &mut site.memo.files;
        let mut take = |path: &str, key: u64| take_over(&mut old, files, path, key);
        for view in chunk {
            let page = !take(&view.page_file, page_key(view));
            let print = !take(&view.print_file, print_key(view));
            if page || print {
                stale.push((view, page, print));
            }
        }
    }
    type Produced = (String, u64, Result<String, Diagnostic>);
    for batch in stale.chunks(NOTICE_BATCH) {
        let shared: &Site = site;
        let pages: Vec<Vec<Produced>> = batch
            .par_iter()
            .map(|&(view, page, print)| {
                let mut produced = Vec::with_capacity(2);
                if page {
                    let mut context = shared.context(&view.url, "notices/index.html");
                    context.insert_value("notice", view.value.0.clone());
                    let html = shared.engine.render("site/notice.html", &context);
                    produced.push((view.page_file.clone(), page_key(view), html));
                }
                if print {
                    let mut context = shared.context(&view.print_url, "notices/index.html");
                    context.insert_value("notice", view.value.0.clone());
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
                    let html = shared.engine.render("site/print.html", &context);
                    produced.push((view.print_file.clone(), print_key(view), html));
                }
                produced
            })
            .collect();
        let mut done = OutputTree::default();
        for (path, key, result) in pages.into_iter().flatten() {
            match result {
                Ok(html) => {
                    site.memo.rendered.push(path.clone());
                    if sink.is_some() {
                        done.insert(path, html);
                    } else {
                        site.memo
                            .files
                            .insert(path, (key, Arc::new(html.into_bytes())));
                    }
                }
                Err(e) => site.errors.push(e),
            }
        }
        if let Some(sink) = sink.as_mut()
            && !done.files.is_empty()
        {
            sink(done);
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

fn render_archive(site: &mut Site, views: &[Arc<NoticeView>]) {
    // Month key → notices of that month, newest first (views are sorted).
    let mut months: BTreeMap<String, Vec<&NoticeView>> = BTreeMap::new();
    for (view, notice) in views.iter().zip(&site.input.content.notices) {
        let key = format!("{:04}-{:02}", notice.date.year(), notice.date.month());
        months.entry(key).or_default().push(view);
    }
    let index = index_months(&months, site.lang);
    let index_key = json_key(&index);
    for (key, items) in months.iter().rev() {
        let label = period_label(key, site.lang);
        let path = format!("archive/{key}/index.html");
        let title = format!("{} · {}", site.label("archive"), label);
        let page_key = key_of(&(&title, keys(items), index_key, key));
        site.page(&path, "site/archive_month.html", page_key, |site| {
            let mut context = site.context(&path, "archive/index.html");
            context.insert("title", &title);
            context.insert_value("items", notice_values(items.iter().copied()));
            context.insert("months", &index);
            context.insert("current_month", key);
            context
        });
    }
    let path = "archive/index.html";
    site.page(path, "site/archive.html", index_key, |site| {
        let mut context = site.context(path, "archive/index.html");
        context.insert("months", &index);
        context
    });
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
        let rendered = site.markdown(&page.body, options);
        let href = format!("pages/{}/index.html", encode_segment(&page.slug));
        let key = key_of(&(&page.title, &rendered.html));
        site.page(&href, "site/page.html", key, |site| {
            let mut context = site.context(&href, &href);
            context.insert("title", &page.title);
            context.insert("html", &rendered.html);
            context
        });
        out.push(rendered);
    }
    out
}

/// Rates as percentages with one decimal, half away from zero; `—` for
/// null: the rounding `wuye metrics` and every other output use.
pub fn percent(rate: Option<f64>) -> String {
    crate::metrics::format::percent(rate)
}

/// Means with two decimals, half away from zero; `—` for null.
pub fn two_decimals(value: Option<f64>) -> String {
    crate::metrics::format::fixed(value, 2)
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
    // Only metrics and charts feed these pages: their keys are the JSON
    // of the figures and charts shown.
    let quarters_key = json_key(&quarters);
    let path = "quality/index.html";
    let charts = charts_with_prefix(site, "");
    let key = key_of(&(json_key(&charts), json_key(&months), quarters_key));
    site.page(path, "site/quality.html", key, |site| {
        let mut context = site.context(path, "quality/index.html");
        context.insert("title", &site.label("quality"));
        context.insert("charts", &charts);
        context.insert("months", &months);
        context.insert("quarters", &quarters);
        context.insert("quarter_links", &quarters);
        context.insert("back", &None::<String>);
        context
    });

    for quarter in &quarters {
        let path = format!("quality/{}/index.html", quarter.key);
        let title = format!("{} · {}", site.label("quality"), quarter.label);
        let charts = charts_with_prefix(site, &format!("{}/", quarter.key));
        let its_months: Vec<QualityRow> = quarter_months(&quarter.key)
            .iter()
            .rev()
            .filter(|m| months.iter().any(|row| &row.key == *m))
            .map(|m| quality_row(metrics, m, lang))
            .collect();
        let key = key_of(&(
            &title,
            json_key(&charts),
            json_key(&its_months),
            json_key(&quarter),
            quarters_key,
        ));
        site.page(&path, "site/quality.html", key, |site| {
            let mut context = site.context(&path, "quality/index.html");
            context.insert("title", &title);
            context.insert("charts", &charts);
            context.insert("months", &its_months);
            context.insert("quarters", &[quarter]);
            context.insert("quarter_links", &quarters);
            context.insert("back", &Some("quality/index.html"));
            context
        });
    }
}

/// A notice as the search index holds it.
fn search_entry(notice: &Notice, view: &NoticeView, rendered: &Rendered) -> Entry {
    Entry::new(
        Doc {
            url: view.url.clone(),
            title: notice.title.clone(),
            date: view.date.clone(),
            label: view.category_name.clone(),
            expired: view.expired,
        },
        // Not the category name: 停水停电 would make every power cut a hit
        // for 停水.
        [
            notice.title.as_str(),
            &notice.summary,
            &view.affected,
            &rendered.plain_text,
        ]
        .join(" "),
    )
}

fn render_search(site: &mut Site, notices: &[Notice], made: &[MemoView], pages: &[Rendered]) {
    let mut entries: Vec<Arc<Entry>> = notices
        .iter()
        .zip(made)
        .map(|(notice, (view, rendered, entry))| match entry {
            Some(entry) => Arc::clone(entry),
            None => Arc::new(search_entry(notice, view, rendered)),
        })
        .collect();
    for (page, r) in site.input.content.pages.iter().zip(pages) {
        entries.push(Arc::new(Entry::new(
            Doc {
                url: format!("pages/{}/index.html", encode_segment(&page.slug)),
                title: page.title.clone(),
                date: String::new(),
                label: site.label("page"),
                expired: false,
            },
            format!("{} {}", page.title, r.plain_text),
        )));
    }
    // The index reuses what the last one found (see search::publish_with);
    // a file whose name (content-hashed) is unchanged is the same file.
    let mut files = OutputTree::default();
    let index_url = search::publish_with(&entries, &mut site.memo.search, &mut files);
    for (path, bytes) in files.files {
        let path = path.strip_prefix("site/").unwrap_or(&path).to_string();
        site.raw_shared(&path, key_of(&path), bytes);
    }
    let path = "search/index.html";
    site.page(path, "site/search.html", key_of(&index_url), |site| {
        let mut context = site.context(path, "search/index.html");
        context.insert("index_url", &index_url);
        context
    });
}

fn render_machine_files(site: &mut Site, current: &[&NoticeView], views: &[Arc<NoticeView>]) {
    let config = site.input.config;
    let base_url = feeds::normalize_base_url(&config.base_url);

    // 404: shown by a server at any depth, so its links start at the
    // site's own path when the base URL is known.
    let root_404 = feeds::base_path(&base_url).unwrap_or_else(|| "./".into());
    site.page("404.html", "site/404.html", 0, |site| {
        let mut context = site.context("404.html", "");
        context.insert("root", &root_404);
        context
    });

    // Feed: current notices, newest first (pinning is a page matter).
    let mut feed_items: Vec<&NoticeView> = current.to_vec();
    feed_items.sort_by(|a, b| b.datetime.cmp(&a.datetime).then(a.slug.cmp(&b.slug)));
    if config.site.feed_limit > 0 {
        feed_items.truncate(config.site.feed_limit);
    }
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
    // Besides the shared config and as_of, the feed shows its notices
    // (with their dates to the second, which views round to minutes).
    let feed_key = key_of(
        &feed_items
            .iter()
            .map(|v| (v.key, v.dated))
            .collect::<Vec<_>>(),
    );
    let feed_path = Site::file_path("feed.xml");
    if !site.reuse(&feed_path, feed_key) {
        // Each entry's XML is kept by the key of what it shows, so that
        // one edited notice writes one entry again, not all of them.
        let old_entries = std::mem::take(&mut site.memo.feed_entries);
        let mut kept = HashMap::with_capacity(feed_items.len());
        let mut parts: Vec<Arc<str>> = Vec::with_capacity(feed_items.len());
        let mut updated: Option<NaiveDateTime> = None;
        for view in &feed_items {
            let key = key_of(&(view.key, view.dated));
            let xml = match old_entries.get(&key) {
                Some(xml) => Arc::clone(xml),
                None => Arc::from(feeds::atom_entry(
                    &info,
                    &FeedEntry {
                        path: notice_dir(&view.slug),
                        title: view.title.clone(),
                        date: view.dated,
                        summary: view.summary.clone(),
                        html: view.html.clone(),
                        category: view.category_name.clone(),
                    },
                )),
            };
            updated = updated.max(Some(view.dated));
            kept.insert(key, Arc::clone(&xml));
            parts.push(xml);
        }
        site.memo.feed_entries = kept;
        let updated = updated.unwrap_or(info.as_of);
        let xml = feeds::atom_from_parts(&info, updated, parts.iter().map(|p| &**p));
        site.memo.rendered.push(feed_path.clone());
        site.memo
            .files
            .insert(feed_path, (feed_key, Arc::new(xml.into_bytes())));
    }

    // Sitemap: clean directory URLs; made only when what it lists (the
    // notices' slugs and dates, the pages, the archive's months) changed.
    if !base_url.is_empty() {
        let months: BTreeSet<(i32, u32)> = views
            .iter()
            .map(|v| (v.dated.year(), v.dated.month()))
            .collect();
        let pages: Vec<&str> = site
            .input
            .content
            .pages
            .iter()
            .map(|p| p.slug.as_str())
            .collect();
        let listed: Vec<(&str, &str)> = views
            .iter()
            .map(|v| (v.slug.as_str(), v.date.as_str()))
            .collect();
        let key = key_of(&(&base_url, &listed, &pages, &months));
        site.raw("sitemap.xml", key, |_| {
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
            for slug in &pages {
                urls.push((format!("pages/{}/", encode_segment(slug)), None));
            }
            for (year, month) in &months {
                urls.push((format!("archive/{year:04}-{month:02}/"), None));
            }
            feeds::sitemap(&base_url, &urls)
                .unwrap_or_default()
                .into_bytes()
        });
    }
    let robots = feeds::robots(&base_url);
    site.raw("robots.txt", key_of(&robots), |_| robots.into_bytes());
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
