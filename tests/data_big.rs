//! A 1,000,000-row repairs file reads without trouble: row by row, with
//! memory for the records and the id set only. Ignored by default (it
//! writes ~90 MB); run it with
//! `cargo test --release --test data_big -- --ignored`.
//! No timing is asserted; docs/DATA.md notes a measurement.

use std::io::Write;
use wuye::data;
use wuye::diagnostics::Kind;

const ROWS: u64 = 1_000_000;

#[test]
#[ignore = "writes a 1,000,000-row file; run with --release -- --ignored"]
fn a_million_repairs_read_fine() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("wuye.toml"), "name = \"x\"\n").unwrap();
    let file = std::fs::File::create(dir.path().join("data/repairs.csv")).unwrap();
    let mut out = std::io::BufWriter::new(file);
    writeln!(
        out,
        "工单号,报修时间,房号,类别,级别,完工时间,验收合格,返修单号,备注"
    )
    .unwrap();
    for i in 0..ROWS {
        let day = 1 + i % 28;
        let level = ["小修", "中修", "急修"][(i % 3) as usize];
        let rework = if i % 50 == 1 {
            format!("WX{}", i - 1)
        } else {
            String::new()
        };
        // The last row is bad, to see that its line is still exact.
        let passed = if i == ROWS - 1 { "也许" } else { "合格" };
        writeln!(
            out,
            "WX{i},2026-03-{day:02} 08:30,{}栋{}室,水电,{level},2026-03-{day:02} 17:45,{passed},{rework},\"备注 {i}, 已处理\"",
            1 + i % 12,
            100 + i % 900
        )
        .unwrap();
    }
    out.flush().unwrap();
    drop(out);

    let config = wuye::config::load(dir.path()).unwrap();
    let (logs, diagnostics) = data::load(dir.path(), &config);
    assert_eq!(logs.repairs.len() as u64, ROWS - 1);
    assert_eq!(diagnostics.len(), 1, "{:?}", diagnostics.first());
    assert_eq!(diagnostics[0].kind, Kind::BadBoolean);
    assert_eq!(diagnostics[0].line, Some(ROWS + 1));
    assert_eq!(logs.repairs[0].line, 2);
    assert_eq!(logs.repairs.last().unwrap().line, ROWS);
    assert_eq!(logs.repairs[51].rework_of.as_deref(), Some("WX50"));
}
