//! The service logs: arbitrary bytes as one of the four CSV files, read
//! exactly as `wuye build` reads them (encoding detection, header matching,
//! every cell check).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const LOGS: [&str; 4] = ["repairs.csv", "complaints.csv", "surveys.csv", "holidays.csv"];

struct Estate {
    root: PathBuf,
    config: wuye::config::Config,
}

fn estate() -> &'static Estate {
    static ESTATE: OnceLock<Estate> = OnceLock::new();
    ESTATE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("wuye-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(root.join("data")).unwrap();
        let config =
            wuye::config::parse(include_str!("../../src/init/estate/wuye.toml")).unwrap();
        Estate { root, config }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let estate = estate();
    let data_dir = estate.root.join("data");
    for log in LOGS {
        let _ = std::fs::remove_file(data_dir.join(log));
    }
    std::fs::write(data_dir.join(LOGS[usize::from(which) % LOGS.len()]), bytes).unwrap();
    let _ = wuye::data::load(&estate.root, &estate.config);
});
