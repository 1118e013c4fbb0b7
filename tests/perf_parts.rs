//! Reading a log in parts on several threads gives exactly what reading it
//! in one pass gives: the same records, the same diagnostics in the same
//! order, the same bad rows. The files are cut every few hundred bytes so
//! that the cuts fall everywhere: inside quoted cells with line breaks,
//! between a duplicate id and its first row, before the first value of an
//! unnamed column, between `\r` and `\n`.

use wuye::data::{self, Keep, table::ReadOptions};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

fn repairs(rng: &mut Rng, rows: usize) -> String {
    let eol = ["\n", "\r\n", "\r"][rng.below(3) as usize];
    let mut text = String::new();
    if rng.below(2) == 0 {
        text.push('\u{FEFF}');
    }
    text.push_str("工单号,报修时间,房号,类别,级别,完工时间,验收合格,返修单号,备注,");
    text.push_str(eol);
    for i in 0..rows {
        // Some ids repeat, earlier or much earlier.
        let id = if i > 3 && rng.below(12) == 0 {
            format!("R{}", rng.below(i as u64))
        } else {
            format!("R{i}")
        };
        let when = rng.pick(&[
            "2026-03-05 08:30",
            "2026/3/6 9:05",
            "2026-03-07",
            "不是日期",
            "",
        ]);
        let level = rng.pick(&["小修", "中修", "急修", "Minor", "大修", ""]);
        let done = rng.pick(&["2026-03-08 10:00", "", "2026-03-01 00:00"]);
        let passed = rng.pick(&["合格", "否", "", "也许"]);
        let rework = if rng.below(8) == 0 {
            format!("R{}", rng.below(rows as u64 + 5))
        } else {
            String::new()
        };
        let note = rng.pick(&[
            "",
            "\"多行\n备注\"",
            "\"带\r\n回车, 逗号\"",
            "\"引号\"\"里\"\"面\"",
            "普通",
        ]);
        let unnamed = if rng.below(40) == 0 { "漏写" } else { "" };
        let extra = if rng.below(50) == 0 { ",多余" } else { "" };
        text.push_str(&format!(
            "{id},{when},{}-{}-{},水电,{level},{done},{passed},{rework},{note},{unnamed}{extra}{eol}",
            rng.below(12),
            rng.below(4),
            rng.below(3000)
        ));
        if rng.below(20) == 0 {
            text.push_str(eol);
            text.push_str(",,,,");
            text.push_str(eol);
        }
        if rng.below(60) == 0 {
            // A line starting with U+FEFF: a character, not a mark.
            text.push_str("\u{FEFF}X");
            text.push_str(&format!("{i},2026-03-05,,,小修,,,,,{eol}"));
        }
    }
    text
}

fn surveys(rng: &mut Rng, rows: usize) -> String {
    let mut text = String::from("编号,日期,总体,客服,维修\n");
    for i in 0..rows {
        let id = if rng.below(10) == 0 {
            String::new()
        } else if rng.below(10) == 0 {
            format!("S{}", rng.below(i as u64 + 1))
        } else {
            format!("S{i}")
        };
        let score = |rng: &mut Rng| rng.pick(&["5", "4.5", "", "6", "x", "3"]).to_string();
        text.push_str(&format!(
            "{id},2026-03-{:02},{},{},{}\n",
            1 + rng.below(28),
            score(rng),
            score(rng),
            score(rng)
        ));
    }
    text
}

#[test]
fn parts_read_the_same_as_one_pass() {
    for seed in 0..12u64 {
        let mut rng = Rng(seed * 7919 + 1);
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("wuye.toml"), "name = \"x\"\n").unwrap();
        let rows = 200 + rng.below(400) as usize;
        std::fs::write(dir.path().join("data/repairs.csv"), repairs(&mut rng, rows)).unwrap();
        std::fs::write(dir.path().join("data/surveys.csv"), surveys(&mut rng, rows)).unwrap();
        let config = wuye::config::load(dir.path()).unwrap();
        let whole = ReadOptions {
            part_bytes: u64::MAX,
        };
        let (one, one_diagnostics) = data::load_with(dir.path(), &config, Keep::Everything, whole);
        assert!(!one.repairs.is_empty(), "seed {seed}: some rows are valid");
        assert!(
            one_diagnostics
                .iter()
                .any(|d| d.kind == wuye::diagnostics::Kind::DuplicateId),
            "seed {seed}: the file has duplicates"
        );
        for part_bytes in [97, 256, 1000, 4096] {
            let options = ReadOptions { part_bytes };
            let (parts, parts_diagnostics) =
                data::load_with(dir.path(), &config, Keep::Everything, options);
            assert_eq!(
                parts_diagnostics, one_diagnostics,
                "seed {seed}, parts of {part_bytes} bytes"
            );
            assert_eq!(
                parts.to_logs(),
                one.to_logs(),
                "seed {seed}, parts of {part_bytes} bytes"
            );
            assert_eq!(parts.bad_rows, one.bad_rows);
        }
    }
}

/// The compact rows keep only what was asked for, and every figure is the
/// same whatever was kept.
#[test]
fn what_is_kept_does_not_change_the_rows() {
    let mut rng = Rng(42);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("wuye.toml"), "name = \"x\"\n").unwrap();
    std::fs::write(dir.path().join("data/repairs.csv"), repairs(&mut rng, 300)).unwrap();
    let config = wuye::config::load(dir.path()).unwrap();
    let (all, _) = data::load_compact(dir.path(), &config, Keep::Everything);
    let (none, _) = data::load_compact(dir.path(), &config, Keep::Nothing);
    assert_eq!(all.repairs.len(), none.repairs.len());
    for (a, b) in all.repairs.iter().zip(&none.repairs) {
        assert_eq!(
            (
                a.line,
                a.reported_at,
                a.completed_at,
                a.level,
                a.passed,
                a.rework
            ),
            (
                b.line,
                b.reported_at,
                b.completed_at,
                b.level,
                b.passed,
                b.rework
            )
        );
    }
    assert!(none.repair_details.is_empty());
    assert!((0..none.repairs.len()).all(|i| none.repair(i).is_none()));
}
