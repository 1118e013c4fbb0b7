//! Reloading only the content files that changed, for `wuye serve`.
//!
//! [`ContentCache`] keeps, per content folder, every listed Markdown file as
//! it was last read (its text, or the problems that kept it from being
//! read) and, for notices, what parsing that one file gave. After a save,
//! [`ContentCache::reload`] reads again only the paths it is told about
//! (re-listing a folder only when the folder itself is named), re-parses a
//! notice only when its text changed, and redoes the checks across files
//! (slugs used twice, the publication filter, the order), which are cheap.
//! Pages, handbook chapters and report notes are few: a folder of them that
//! saw a change is parsed again as a whole, from the texts kept in memory.
//!
//! The result is exactly what [`super::load`] gives for the same files:
//! the same [`Content`] and the same diagnostics in the same order, because
//! both go through the same per-file and across-files functions
//! (tests/serve_content_reload.rs compares them after random edits).

use super::notices::{self, ParsedNotice};
use super::{
    Content, HANDBOOK_DIR, NOTICES_DIR, PAGES_DIR, REPORTS_DIR, SourceFile, handbook, pages,
    reports,
};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::messages::Lang;
use chrono::NaiveDateTime;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};

/// One listed file as it was last read.
#[derive(Debug, Clone)]
struct Entry<P> {
    /// Why it could not be used (too large, not UTF-8, leads out of the
    /// estate…), in the order reading reported them.
    read_problems: Vec<Diagnostic>,
    file: Option<SourceFile>,
    /// What parsing the file on its own gave (notices only).
    parsed: P,
}

/// One content folder as it was last listed.
#[derive(Debug, Clone)]
struct Dir<P> {
    /// `content/notices`
    name: &'static str,
    /// The folder's own problems (it leads out of the estate).
    problems: Vec<Diagnostic>,
    /// False when the folder could not be listed (missing, or outside the
    /// estate): any change under it lists it again.
    listed: bool,
    /// By file name, which sorts as the full load's listing does.
    files: BTreeMap<OsString, Entry<P>>,
    /// `*.md` links, dangling ones too: a link's target can change (or
    /// appear) without an event for the link's own name, so links are read
    /// again whenever their folder sees any change.
    links: BTreeSet<OsString>,
}

/// How a folder's files are parsed on their own.
trait PerFile: Sized + Clone + PartialEq {
    fn parse(file: Option<&SourceFile>, lang: Lang) -> Self;
}

impl PerFile for () {
    fn parse(_: Option<&SourceFile>, _: Lang) {}
}

impl PerFile for Option<ParsedNotice> {
    fn parse(file: Option<&SourceFile>, lang: Lang) -> Self {
        file.map(|file| notices::parse_file(file, lang))
    }
}

impl<P: PerFile> Dir<P> {
    /// Lists and reads the folder as [`super::read_markdown_dir`] does,
    /// keeping the parse of every file whose text `previous` already had.
    fn list(root: &Path, name: &'static str, lang: Lang, previous: Option<Dir<P>>) -> Dir<P> {
        let mut problems = Vec::new();
        let mut previous = previous.map(|dir| dir.files).unwrap_or_default();
        let mut files = BTreeMap::new();
        let paths = super::list_markdown_dir(root, name, &mut problems);
        let listed = paths.is_some();
        for path in paths.unwrap_or_default() {
            let Some(file_name) = path.file_name() else {
                continue;
            };
            let old = previous.remove(file_name);
            files.insert(file_name.to_owned(), read_entry(root, &path, lang, old));
        }
        let links = std::fs::read_dir(root.join(name))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_ok_and(|t| t.is_symlink()))
            .map(|entry| entry.file_name())
            .filter(|name| Path::new(name).extension().is_some_and(|ext| ext == "md"))
            .collect();
        Dir {
            name,
            problems,
            listed,
            files,
            links,
        }
    }

    /// Reads one file of the folder again (or forgets it when it is gone
    /// or no longer a `*.md` file). True when anything about it changed.
    fn update(&mut self, root: &Path, file_name: &OsStr, lang: Lang) -> bool {
        let path = root.join(self.name).join(file_name);
        let is_link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
        if is_link && path.extension().is_some_and(|ext| ext == "md") {
            self.links.insert(file_name.to_owned());
        } else {
            self.links.remove(file_name);
        }
        let old = self.files.remove(file_name);
        if !super::is_markdown_file(&path) {
            return old.is_some();
        }
        let old_copy = old
            .as_ref()
            .map(|e| (e.read_problems.clone(), e.file.clone()));
        let entry = read_entry(root, &path, lang, old);
        let changed = old_copy
            .is_none_or(|(problems, file)| problems != entry.read_problems || file != entry.file);
        self.files.insert(file_name.to_owned(), entry);
        changed
    }

    /// Reads again every link of the folder; true when any changed.
    fn update_links(&mut self, root: &Path, lang: Lang) -> bool {
        let links: Vec<OsString> = self.links.iter().cloned().collect();
        let mut changed = false;
        for name in links {
            changed |= self.update(root, &name, lang);
        }
        changed
    }

    /// The folder's reading problems, in the full load's order.
    fn read_problems(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.extend(self.problems.iter().cloned());
        for entry in self.files.values() {
            diagnostics.extend(entry.read_problems.iter().cloned());
        }
    }

    /// The files that could be read, in name order.
    fn sources(&self) -> impl Iterator<Item = (&SourceFile, &P)> {
        self.files
            .values()
            .filter_map(|e| e.file.as_ref().map(|file| (file, &e.parsed)))
    }
}

/// Reads one file; reuses `old`'s parse when the text is the same.
fn read_entry<P: PerFile>(root: &Path, path: &Path, lang: Lang, old: Option<Entry<P>>) -> Entry<P> {
    let mut read_problems = Vec::new();
    let file = super::read_markdown_file(root, path, &mut read_problems);
    let parsed = match old {
        Some(old) if old.file == file => old.parsed,
        _ => P::parse(file.as_ref(), lang),
    };
    Entry {
        read_problems,
        file,
        parsed,
    }
}

/// What a reload changed, collection by collection (compared by value).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reloaded {
    pub notices: bool,
    pub pages: bool,
    pub handbook: bool,
    pub reports: bool,
    /// The diagnostics of the content differ from before.
    pub diagnostics: bool,
}

/// What a folder change asks for.
#[derive(Debug, Default)]
struct Wanted {
    /// List the folder again.
    relist: bool,
    /// Read these files of it again.
    files: Vec<OsString>,
    /// Something under it changed: read its links again.
    touched: bool,
}

/// The inputs besides the files that loading depends on.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    root: PathBuf,
    lang: Lang,
    trust_html: bool,
    as_of: NaiveDateTime,
}

impl Key {
    fn new(root: &Path, config: &Config, as_of: NaiveDateTime) -> Key {
        Key {
            root: root.to_path_buf(),
            lang: config.language,
            trust_html: config.site.trust_html,
            as_of,
        }
    }
}

/// The content of an estate with what each file gave, so that a change to
/// a few files reloads only those (see the module's notes).
#[derive(Debug, Clone)]
pub struct ContentCache {
    key: Key,
    notices: Dir<Option<ParsedNotice>>,
    /// Which files hold each notice slug, to patch the list in place.
    slugs: SlugIndex,
    pages: Dir<()>,
    handbook: Dir<()>,
    reports: Dir<()>,
    /// Diagnostics of each folder, in the order of [`super::load`].
    problems: [Vec<Diagnostic>; 4],
    content: Content,
    diagnostics: Vec<Diagnostic>,
}

const FOLDERS: [&str; 4] = [NOTICES_DIR, PAGES_DIR, HANDBOOK_DIR, REPORTS_DIR];

impl ContentCache {
    /// Reads every content folder, as [`super::load`] does.
    pub fn load(root: &Path, config: &Config, as_of: NaiveDateTime) -> ContentCache {
        let key = Key::new(root, config, as_of);
        let lang = key.lang;
        let mut cache = ContentCache {
            notices: Dir::list(root, NOTICES_DIR, lang, None),
            slugs: SlugIndex::default(),
            pages: Dir::list(root, PAGES_DIR, lang, None),
            handbook: Dir::list(root, HANDBOOK_DIR, lang, None),
            reports: Dir::list(root, REPORTS_DIR, lang, None),
            key,
            problems: Default::default(),
            content: Content::default(),
            diagnostics: Vec::new(),
        };
        cache.slugs = SlugIndex::of(&cache.notices);
        cache.assemble_notices();
        cache.assemble_pages();
        cache.assemble_handbook(config);
        cache.assemble_reports();
        cache.join_diagnostics();
        cache
    }

    /// The content, as [`super::load`] would give it now.
    pub fn content(&self) -> &Content {
        &self.content
    }

    /// The content's diagnostics, as [`super::load`] would give them now.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub fn into_parts(self) -> (Content, Vec<Diagnostic>) {
        (self.content, self.diagnostics)
    }

    /// Brings the content up to date after `changed` paths (absolute, or
    /// relative to `root`) were created, modified, renamed or removed.
    /// Paths outside `content/` change nothing; a content folder named
    /// itself (created, removed, renamed) is listed again. With another
    /// root, language, `trust_html` or `as_of` than the cache was loaded
    /// with, everything is loaded again.
    pub fn reload<P: AsRef<Path>>(
        &mut self,
        root: &Path,
        config: &Config,
        as_of: NaiveDateTime,
        changed: &[P],
    ) -> Reloaded {
        if self.key != Key::new(root, config, as_of) {
            let fresh = ContentCache::load(root, config, as_of);
            let old = std::mem::replace(self, fresh);
            return Reloaded {
                notices: old.content.notices != self.content.notices,
                pages: old.content.pages != self.content.pages,
                handbook: old.content.handbook != self.content.handbook,
                reports: old.content.reports != self.content.reports,
                diagnostics: old.diagnostics != self.diagnostics,
            };
        }
        let mut wanted: [Wanted; 4] = Default::default();
        for path in changed {
            sort_change(root, path.as_ref(), &mut wanted);
        }
        let lang = self.key.lang;
        let [notices, pages, handbook, reports] = wanted;
        let mut reloaded = Reloaded {
            notices: self.reload_notices(root, notices),
            ..Reloaded::default()
        };
        if refresh(&mut self.pages, root, lang, pages) {
            let before = std::mem::take(&mut self.content.pages);
            self.assemble_pages();
            reloaded.pages = before != self.content.pages;
        }
        if refresh(&mut self.handbook, root, lang, handbook) {
            let before = std::mem::take(&mut self.content.handbook);
            self.assemble_handbook(config);
            reloaded.handbook = before != self.content.handbook;
        }
        if refresh(&mut self.reports, root, lang, reports) {
            let before = std::mem::take(&mut self.content.reports);
            self.assemble_reports();
            reloaded.reports = before != self.content.reports;
        }
        let before = std::mem::take(&mut self.diagnostics);
        self.join_diagnostics();
        reloaded.diagnostics = before != self.diagnostics;
        reloaded
    }

    /// Brings the notices up to date; true when the list changed value.
    /// When no two files share a slug, (date, slug) orders the list
    /// without ties, so the notices of the changed files are taken out of
    /// it and put back in place, and the checks across files come from
    /// the slug index: no work over all 10,000 notices but one pass over
    /// their (mostly empty) problems. Otherwise the list is put together
    /// again from every file, as [`super::load`] does.
    fn reload_notices(&mut self, root: &Path, wanted: Wanted) -> bool {
        let relist = wanted.relist || (!self.notices.listed && wanted.touched);
        let mut names: BTreeSet<OsString> = wanted.files.iter().cloned().collect();
        if wanted.touched {
            names.extend(self.notices.links.iter().cloned());
        }
        let candidate = |dir: &Dir<Option<ParsedNotice>>, name: &OsStr| {
            dir.files
                .get(name)
                .and_then(|e| e.parsed.as_ref())
                .and_then(|p| p.candidate.clone())
        };
        let olds: Vec<(OsString, Option<notices::Candidate>)> = names
            .iter()
            .map(|name| (name.clone(), candidate(&self.notices, name)))
            .collect();
        let clashed = !self.slugs.clashing.is_empty();
        if !refresh(&mut self.notices, root, self.key.lang, wanted) {
            return false;
        }
        if relist {
            self.slugs = SlugIndex::of(&self.notices);
        } else {
            for (name, old) in &olds {
                if let Some(old) = old {
                    self.slugs.remove(name, &old.notice.slug);
                }
                if let Some(new) = candidate(&self.notices, name) {
                    self.slugs.add(name, &new.notice.slug);
                }
            }
        }
        if relist || clashed || !self.slugs.clashing.is_empty() {
            let before = std::mem::take(&mut self.content.notices);
            self.assemble_notices();
            return before != self.content.notices;
        }
        let as_of = self.key.as_of;
        let list = &mut self.content.notices;
        let published = |c: Option<notices::Candidate>| {
            c.filter(|c| notices::is_published(c, as_of))
                .map(|c| c.notice)
        };
        let mut changed = false;
        let mut news = Vec::new();
        for (name, old) in olds {
            let old = published(old);
            let new = published(candidate(&self.notices, &name));
            if old == new {
                continue;
            }
            changed = true;
            if let Some(old) = old {
                match list.binary_search_by(|n| notices::list_order(n, &old)) {
                    Ok(at) if list[at] == old => {
                        list.remove(at);
                    }
                    // Cannot happen while slugs are unique; stay exact anyway.
                    _ => {
                        self.assemble_notices();
                        return true;
                    }
                }
            }
            news.extend(new);
        }
        for new in news {
            let at = list
                .binary_search_by(|n| notices::list_order(n, &new))
                .unwrap_or_else(|at| at);
            list.insert(at, new);
        }
        let mut diagnostics = Vec::new();
        self.notices.read_problems(&mut diagnostics);
        for (_, parsed) in self.notices.sources() {
            if let Some(parsed) = parsed {
                diagnostics.extend(parsed.problems.iter().cloned());
            }
        }
        self.problems[0] = diagnostics;
        changed
    }

    fn assemble_notices(&mut self) {
        let mut diagnostics = Vec::new();
        self.notices.read_problems(&mut diagnostics);
        let files: Vec<(&SourceFile, &ParsedNotice)> = self
            .notices
            .sources()
            .filter_map(|(file, parsed)| parsed.as_ref().map(|p| (file, p)))
            .collect();
        self.content.notices =
            notices::assemble(&files, self.key.lang, self.key.as_of, &mut diagnostics);
        self.problems[0] = diagnostics;
    }

    fn assemble_pages(&mut self) {
        let mut diagnostics = Vec::new();
        self.pages.read_problems(&mut diagnostics);
        let files: Vec<SourceFile> = self.pages.sources().map(|(f, _)| f.clone()).collect();
        self.content.pages = pages::from_files(&files, self.key.lang, &mut diagnostics);
        self.problems[1] = diagnostics;
    }

    fn assemble_handbook(&mut self, config: &Config) {
        let mut diagnostics = Vec::new();
        self.handbook.read_problems(&mut diagnostics);
        let files: Vec<SourceFile> = self.handbook.sources().map(|(f, _)| f.clone()).collect();
        self.content.handbook = handbook::from_files_checked(&files, config, &mut diagnostics);
        self.problems[2] = diagnostics;
    }

    fn assemble_reports(&mut self) {
        let mut diagnostics = Vec::new();
        self.reports.read_problems(&mut diagnostics);
        let files: Vec<SourceFile> = self.reports.sources().map(|(f, _)| f.clone()).collect();
        self.content.reports = reports::from_files(files, self.key.lang, &mut diagnostics);
        self.problems[3] = diagnostics;
    }

    fn join_diagnostics(&mut self) {
        self.diagnostics = self.problems.concat();
    }
}

/// For each folded notice slug, the files whose notice has it (drafts and
/// notices not yet due too, as the duplicate check counts them).
#[derive(Debug, Clone, Default)]
struct SlugIndex {
    files: std::collections::HashMap<String, BTreeSet<OsString>>,
    /// Folded slugs that more than one file has.
    clashing: BTreeSet<String>,
}

impl SlugIndex {
    fn of(dir: &Dir<Option<ParsedNotice>>) -> SlugIndex {
        let mut index = SlugIndex::default();
        for (name, entry) in &dir.files {
            if let Some(c) = entry.parsed.as_ref().and_then(|p| p.candidate.as_ref()) {
                index.add(name, &c.notice.slug);
            }
        }
        index
    }

    fn add(&mut self, name: &OsStr, slug: &str) {
        let folded = notices::folded_slug(slug);
        let holders = self.files.entry(folded.clone()).or_default();
        holders.insert(name.to_owned());
        if holders.len() > 1 {
            self.clashing.insert(folded);
        }
    }

    fn remove(&mut self, name: &OsStr, slug: &str) {
        let folded = notices::folded_slug(slug);
        if let Some(holders) = self.files.get_mut(&folded) {
            holders.remove(name);
            if holders.len() < 2 {
                self.clashing.remove(&folded);
            }
            if holders.is_empty() {
                self.files.remove(&folded);
            }
        }
    }
}

/// Applies what a folder was asked for; true when its files may have
/// changed, so that its collection must be put together again.
fn refresh<P: PerFile>(dir: &mut Dir<P>, root: &Path, lang: Lang, wanted: Wanted) -> bool {
    if wanted.relist || (!dir.listed && wanted.touched) {
        let previous = std::mem::replace(
            dir,
            Dir {
                name: dir.name,
                problems: Vec::new(),
                listed: false,
                files: BTreeMap::new(),
                links: BTreeSet::new(),
            },
        );
        *dir = Dir::list(root, previous.name, lang, Some(previous));
        return true;
    }
    if !wanted.touched {
        return false;
    }
    let mut changed = false;
    for name in &wanted.files {
        changed |= dir.update(root, name, lang);
    }
    changed |= dir.update_links(root, lang);
    changed
}

/// Notes what one changed path asks of the four folders.
fn sort_change(root: &Path, path: &Path, wanted: &mut [Wanted; 4]) {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(name) => parts.push(name),
            Component::CurDir => {}
            // `..`, or an absolute path elsewhere: not a path of this estate.
            _ => return,
        }
    }
    let relist_all = |wanted: &mut [Wanted; 4]| wanted.iter_mut().for_each(|w| w.relist = true);
    match parts.as_slice() {
        // The estate itself: anything may have changed.
        [] => relist_all(wanted),
        [content] if *content == "content" => relist_all(wanted),
        [content, folder, rest @ ..] if *content == "content" => {
            let Some(index) = FOLDERS
                .iter()
                .position(|f| f.rsplit('/').next() == folder.to_str())
            else {
                return;
            };
            let wanted = &mut wanted[index];
            wanted.touched = true;
            match rest {
                [] => wanted.relist = true,
                [name] => wanted.files.push((*name).to_owned()),
                // Deeper paths are never listed, but a link in the folder
                // may point there: links are read again on any change.
                _ => {}
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn config() -> Config {
        crate::config::parse("name = \"翠湖苑\"\n").unwrap()
    }

    fn as_of() -> NaiveDateTime {
        crate::datetime::parse_datetime("2026-11-20 18:00").unwrap()
    }

    fn notice(title: &str, slug: Option<&str>) -> String {
        let slug = slug
            .map(|s| format!("slug = \"{s}\"\n"))
            .unwrap_or_default();
        format!(
            "+++\ntitle = \"{title}\"\ndate = \"2026-11-01\"\ncategory = \"通知\"\n{slug}+++\n正文\n"
        )
    }

    fn check(dir: &Path, cache: &ContentCache) {
        let (content, diagnostics) = super::super::load(dir, &config(), as_of());
        assert_eq!(cache.content().notices, content.notices);
        assert_eq!(cache.content().pages, content.pages);
        assert_eq!(cache.content().handbook, content.handbook);
        assert_eq!(cache.content().reports, content.reports);
        assert_eq!(cache.diagnostics(), diagnostics.as_slice());
    }

    #[test]
    fn an_edit_reloads_that_file_and_the_checks_across_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let notices = root.join(NOTICES_DIR);
        fs::create_dir_all(&notices).unwrap();
        fs::write(notices.join("a.md"), notice("甲", None)).unwrap();
        fs::write(notices.join("b.md"), notice("乙", None)).unwrap();
        let mut cache = ContentCache::load(root, &config(), as_of());
        check(root, &cache);

        fs::write(notices.join("b.md"), notice("乙改", Some("A"))).unwrap();
        let reloaded = cache.reload(root, &config(), as_of(), &[notices.join("b.md")]);
        assert!(reloaded.notices && reloaded.diagnostics);
        assert!(!reloaded.pages && !reloaded.handbook && !reloaded.reports);
        // `A` clashes with `a` (slugs compare without case).
        assert_eq!(cache.diagnostics().len(), 1);
        assert_eq!(cache.diagnostics()[0].file, "content/notices/b.md");
        assert_eq!(cache.diagnostics()[0].line, Some(5));
        check(root, &cache);

        // Saving the same bytes again changes nothing.
        let same = cache.reload(root, &config(), as_of(), &[notices.join("b.md")]);
        assert_eq!(same, Reloaded::default());

        fs::remove_file(notices.join("a.md")).unwrap();
        let reloaded = cache.reload(
            root,
            &config(),
            as_of(),
            &[Path::new("content/notices/a.md")],
        );
        assert!(reloaded.notices && reloaded.diagnostics);
        assert!(cache.diagnostics().is_empty());
        check(root, &cache);
    }

    #[test]
    fn a_file_that_turns_binary_becomes_an_error_and_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let notices = root.join(NOTICES_DIR);
        fs::create_dir_all(&notices).unwrap();
        fs::write(notices.join("a.md"), notice("甲", None)).unwrap();
        let mut cache = ContentCache::load(root, &config(), as_of());
        fs::write(notices.join("a.md"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
        cache.reload(root, &config(), as_of(), &[notices.join("a.md")]);
        assert!(cache.content().notices.is_empty());
        assert_eq!(cache.diagnostics().len(), 1);
        check(root, &cache);
        fs::write(notices.join("a.md"), notice("甲", None)).unwrap();
        cache.reload(root, &config(), as_of(), &[notices.join("a.md")]);
        assert_eq!(cache.content().notices.len(), 1);
        check(root, &cache);
    }

    #[test]
    fn a_removed_or_created_folder_is_listed_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let pages = root.join(PAGES_DIR);
        fs::create_dir_all(&pages).unwrap();
        fs::write(pages.join("about.md"), "+++\ntitle = \"关于\"\n+++\n").unwrap();
        let mut cache = ContentCache::load(root, &config(), as_of());
        assert_eq!(cache.content().pages.len(), 1);
        fs::remove_dir_all(&pages).unwrap();
        let reloaded = cache.reload(root, &config(), as_of(), std::slice::from_ref(&pages));
        assert!(reloaded.pages);
        assert!(cache.content().pages.is_empty());
        check(root, &cache);
        // A file event in a folder that was missing lists it again.
        fs::create_dir_all(&pages).unwrap();
        fs::write(pages.join("fees.md"), "+++\ntitle = \"收费\"\n+++\n").unwrap();
        fs::write(pages.join("more.md"), "+++\ntitle = \"更多\"\n+++\n").unwrap();
        cache.reload(root, &config(), as_of(), &[pages.join("fees.md")]);
        assert_eq!(cache.content().pages.len(), 2);
        check(root, &cache);
    }

    #[test]
    fn paths_outside_the_content_folders_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join(NOTICES_DIR)).unwrap();
        fs::write(root.join(NOTICES_DIR).join("a.md"), notice("甲", None)).unwrap();
        let mut cache = ContentCache::load(root, &config(), as_of());
        // Written behind the cache's back: only a listing would see it.
        fs::write(root.join(NOTICES_DIR).join("b.md"), notice("乙", None)).unwrap();
        for path in [
            "data/repairs.csv",
            "content/images/x.png",
            "../content/notices/b.md",
        ] {
            let reloaded = cache.reload(root, &config(), as_of(), &[Path::new(path)]);
            assert_eq!(reloaded, Reloaded::default(), "{path}");
        }
        assert_eq!(cache.content().notices.len(), 1);
        // Naming the folder lists it again.
        cache.reload(root, &config(), as_of(), &[root.join("content")]);
        assert_eq!(cache.content().notices.len(), 2);
        check(root, &cache);
    }

    #[test]
    fn another_as_of_loads_everything_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join(NOTICES_DIR)).unwrap();
        fs::write(
            root.join(NOTICES_DIR).join("later.md"),
            "+++\ntitle = \"以后\"\ndate = \"2026-11-01\"\ncategory = \"通知\"\npublish_at = \"2026-11-21 08:00\"\n+++\n",
        )
        .unwrap();
        let mut cache = ContentCache::load(root, &config(), as_of());
        assert!(cache.content().notices.is_empty());
        let later = crate::datetime::parse_datetime("2026-11-21 08:00").unwrap();
        let no_paths: [&Path; 0] = [];
        let reloaded = cache.reload(root, &config(), later, &no_paths);
        assert!(reloaded.notices);
        assert_eq!(cache.content().notices.len(), 1);
    }
}
