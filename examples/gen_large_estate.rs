//! Generates a large estate for benchmarks: config, notices, pages, a
//! handbook, quarterly report notes and the four logs, all following
//! `data-contract.md` and the front-matter conventions.
//!
//! ```text
//! cargo run --release --example gen_large_estate -- \
//!     --seed 1 --notices 10000 --repairs 1000000 --complaints 200000 \
//!     --surveys 200000 --months 36 --chapters 12 --out /tmp/estate-100x
//! ```
//!
//! Deterministic: the same arguments give byte-identical files (an own
//! splitmix64 PRNG, no clock, no hash-map order). The logs cover `--months`
//! whole months ending with the month of the fixed `as_of`
//! (2026-11-20 18:00, the last month partial); no timestamp lies after it.
//!
//! What the estate holds, so that every stage does real work:
//! - `repairs.csv` (UTF-8 with BOM, CRLF, Chinese headers): all three
//!   levels, dispatch delays, agreed times with reasons, reworks, open and
//!   overdue orders near `as_of`, a few rows completed without an
//!   inspection result (warnings, no errors);
//! - `complaints.csv` in GB18030 (as a Chinese spreadsheet saves it):
//!   every level including unclassified ones, repeat complaints from one
//!   room (escalation b), long-open responsible ones (escalation a);
//! - `surveys.csv` with five dimensions and unanswered cells;
//! - `holidays.csv` with a synthetic calendar for every year covered;
//! - notices in both front-matter styles, with outages, pinned, expired,
//!   scheduled and draft ones; three pages; handbook chapters with
//!   sections and subsections; a manager's note per quarter.
//!
//! This is separate from `gen_sample_data` (whose output is committed and
//! must not change).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Arguments

struct Args {
    seed: u64,
    notices: u64,
    repairs: u64,
    complaints: u64,
    surveys: u64,
    months: u32,
    chapters: u32,
    households: u32,
    out: PathBuf,
}

fn usage() -> ! {
    eprintln!(
        "usage: gen_large_estate --out DIR [--seed N] [--notices N] [--repairs N] \
         [--complaints N] [--surveys N] [--months N] [--chapters N] [--households N]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        seed: 1,
        notices: 100,
        repairs: 10_000,
        complaints: 2_000,
        surveys: 2_000,
        months: 36,
        chapters: 12,
        households: 20_000,
        out: PathBuf::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let Some(value) = it.next() else { usage() };
        let number = || {
            value
                .replace('_', "")
                .parse::<u64>()
                .unwrap_or_else(|_| usage())
        };
        match flag.as_str() {
            "--seed" => args.seed = number(),
            "--notices" => args.notices = number(),
            "--repairs" => args.repairs = number(),
            "--complaints" => args.complaints = number(),
            "--surveys" => args.surveys = number(),
            "--months" => args.months = number().clamp(1, 600) as u32,
            "--chapters" => args.chapters = number() as u32,
            "--households" => args.households = number().max(1) as u32,
            "--out" => args.out = PathBuf::from(&value),
            _ => usage(),
        }
    }
    if args.out.as_os_str().is_empty() {
        usage();
    }
    args
}

// ---------------------------------------------------------------------------
// A tiny deterministic PRNG (splitmix64), one stream per file.

struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x005E_ED0F_E57A_7E00)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next_u64() as usize % items.len()]
    }

    fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = (self.next_u64() % u64::from(total)) as u32;
        for (item, weight) in items {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        &items[items.len() - 1].0
    }
}

// ---------------------------------------------------------------------------
// Time range

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn as_of() -> NaiveDateTime {
    date(2026, 11, 20)
        .and_hms_opt(18, 0, 0)
        .expect("valid time")
}

/// First day of the first month covered.
fn start_day(months: u32) -> NaiveDate {
    let end = as_of().date();
    let index = end.year() * 12 + end.month0() as i32 - (months as i32 - 1);
    date(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
}

/// Spreads `count` records over the range: record `i` falls on the
/// `i * days / count`-th day, at a plausible hour; never after `as_of`.
struct Spread {
    start: NaiveDate,
    days: i64,
    count: u64,
}

impl Spread {
    fn new(months: u32, count: u64) -> Self {
        let start = start_day(months);
        let days = (as_of().date() - start).num_days() + 1;
        Spread { start, days, count }
    }

    fn at(&self, i: u64, rng: &mut Rng, first_hour: i64, last_hour: i64) -> NaiveDateTime {
        let day = (i as u128 * self.days as u128 / self.count.max(1) as u128) as i64;
        let d = self.start + Duration::days(day);
        let minutes = rng.range(first_hour * 60, last_hour * 60 + 59);
        let t = d.and_hms_opt(0, 0, 0).expect("midnight") + Duration::minutes(minutes);
        t.min(as_of() - Duration::minutes(rng.range(1, 120)))
    }
}

fn minutes(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// The slash spelling a Chinese spreadsheet exports: `2026/3/5 14:30`.
fn slashed(t: &NaiveDateTime) -> String {
    t.format("%Y/%-m/%-d %H:%M").to_string()
}

// ---------------------------------------------------------------------------
// Output helpers

fn create(path: &Path) -> std::io::Result<BufWriter<File>> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    Ok(BufWriter::with_capacity(1 << 20, File::create(path)?))
}

/// A CSV cell: quoted when it holds a comma, quote or line break.
fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn row(cells: &[&str]) -> String {
    let mut line = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹",
];

fn person(rng: &mut Rng) -> String {
    let title = if rng.chance(0.5) { "先生" } else { "女士" };
    format!("{}{}", rng.pick(SURNAMES), title)
}

fn phone(rng: &mut Rng) -> String {
    let prefix = rng.pick(&["135", "138", "139", "150", "158", "186", "177"]);
    format!("{prefix}0000{:04}", rng.range(0, 9999))
}

/// Rooms written `building-unit-floor0room`, like the sample: `5-2-2301`.
struct Rooms {
    households: u32,
}

impl Rooms {
    fn room(&self, index: u32) -> String {
        let per_building = 4 * 33 * 4;
        let building = index / per_building + 1;
        let rest = index % per_building;
        let unit = rest / (33 * 4) + 1;
        let floor = rest % (33 * 4) / 4 + 1;
        let door = rest % 4 + 1;
        format!("{building}-{unit}-{floor}{door:02}")
    }

    fn any(&self, rng: &mut Rng) -> (u32, String) {
        let index = rng.range(0, i64::from(self.households) - 1) as u32;
        (index, self.room(index))
    }
}

// ---------------------------------------------------------------------------
// repairs.csv

const REPAIR_HEADER: &[&str] = &[
    "工单号",
    "报修时间",
    "房号",
    "联系人",
    "电话",
    "类别",
    "级别",
    "派单时间",
    "到场时间",
    "约定时间",
    "延期原因",
    "完工时间",
    "验收合格",
    "返修单号",
    "维修人员",
    "备注",
];

const REPAIR_KINDS: &[(&str, &[&str])] = &[
    (
        "水电",
        &[
            "开关面板松动",
            "插座无电",
            "客厅灯不亮",
            "空气开关跳闸",
            "电表箱异响",
        ],
    ),
    (
        "管道",
        &[
            "厨房下水堵塞",
            "卫生间地漏返味",
            "水管接头渗水",
            "马桶水箱漏水",
            "阳台落水管堵",
        ],
    ),
    (
        "门窗",
        &[
            "防火门合页松动",
            "单元门禁失灵",
            "窗户把手损坏",
            "入户门锁芯卡滞",
            "纱窗脱轨",
        ],
    ),
    (
        "电梯",
        &[
            "电梯按钮失灵",
            "电梯运行异响",
            "轿厢照明不亮",
            "电梯门关闭迟缓",
        ],
    ),
    (
        "公共设施",
        &[
            "楼道灯不亮",
            "信报箱门损坏",
            "健身器材松动",
            "路灯不亮",
            "垃圾桶破损",
        ],
    ),
    (
        "墙面",
        &["外墙渗水", "楼道墙皮脱落", "天花板渗水印", "瓷砖空鼓"],
    ),
];

const DELAY_REASONS: &[&str] = &[
    "业主不在家",
    "需订购配件",
    "业主要求改期",
    "需停水施工",
    "等待厂家上门",
];
const TECHNICIANS: &[&str] = &[
    "郑师傅",
    "吴师傅",
    "王师傅",
    "李师傅",
    "陈师傅",
    "赵师傅",
    "孙师傅",
    "周师傅",
];

fn write_repairs(args: &Args, rooms: &Rooms) -> std::io::Result<()> {
    let mut rng = Rng::new(args.seed, 1);
    let spread = Spread::new(args.months, args.repairs);
    let mut out = create(&args.out.join("data/repairs.csv"))?;
    out.write_all(b"\xEF\xBB\xBF")?;
    out.write_all(row(REPAIR_HEADER).as_bytes())?;
    let end = as_of();
    for i in 0..args.repairs {
        let id = format!("WX{i:07}");
        let reported = spread.at(i, &mut rng, 7, 21);
        let (_, room) = rooms.any(&mut rng);
        let contact = person(&mut rng);
        let phone = phone(&mut rng);
        let (category, notes) = *rng.pick(REPAIR_KINDS);
        let note = *rng.pick(notes);
        let level = *rng.weighted(&[("小修", 75), ("中修", 18), ("急修", 7)]);
        let emergency = level == "急修";
        let dispatched = if rng.chance(0.04) {
            None
        } else if rng.chance(0.93) {
            Some(reported + Duration::minutes(rng.range(0, 10)))
        } else {
            Some(reported + Duration::minutes(rng.range(11, 90)))
        };
        let arrived = dispatched.map(|d| {
            if emergency {
                let most = if rng.chance(0.9) { 20 } else { 60 };
                d + Duration::minutes(rng.range(5, most))
            } else {
                d + Duration::minutes(rng.range(20, 360))
            }
        });
        let (agreed, reason) = if !emergency && rng.chance(0.05) {
            let agreed = reported + Duration::hours(rng.range(20, 120));
            // A reason is almost always written; its absence is a warning.
            let reason = if rng.chance(0.999) {
                *rng.pick(DELAY_REASONS)
            } else {
                ""
            };
            (Some(agreed), reason)
        } else {
            (None, "")
        };
        let work_start = agreed.or(arrived).unwrap_or(reported);
        let hours = match level {
            "小修" if rng.chance(0.95) => rng.range(1, 20),
            "小修" => rng.range(21, 60),
            "中修" if rng.chance(0.93) => rng.range(4, 70),
            "中修" => rng.range(71, 140),
            _ => rng.range(1, 10),
        };
        let mut completed = Some(work_start.max(reported) + Duration::hours(hours));
        if completed.is_some_and(|t| t > end) || rng.chance(0.001) {
            completed = None;
        }
        let passed = match completed {
            None => "",
            Some(_) if rng.chance(0.0001) => "",
            Some(_) if rng.chance(0.02) => "不合格",
            Some(_) => "合格",
        };
        let rework = if i > 10 && rng.chance(0.015) {
            format!("WX{:07}", i - rng.range(1, 2000.min(i as i64)) as u64)
        } else {
            String::new()
        };
        let opt = |t: Option<NaiveDateTime>| {
            t.filter(|t| *t <= end)
                .map(|t| minutes(&t))
                .unwrap_or_default()
        };
        let technician = if dispatched.is_some() {
            *rng.pick(TECHNICIANS)
        } else {
            ""
        };
        out.write_all(
            row(&[
                &id,
                &minutes(&reported),
                &room,
                &contact,
                &phone,
                category,
                level,
                &opt(dispatched),
                &opt(arrived),
                &agreed.map(|t| minutes(&t)).unwrap_or_default(),
                reason,
                &opt(completed),
                passed,
                &rework,
                technician,
                note,
            ])
            .as_bytes(),
        )?;
    }
    out.flush()
}

// ---------------------------------------------------------------------------
// complaints.csv (GB18030)

const COMPLAINT_HEADER: &[&str] = &[
    "编号",
    "受理时间",
    "渠道",
    "房号",
    "联系人",
    "电话",
    "类别",
    "级别",
    "我方责任",
    "内容",
    "办结时间",
    "回访时间",
    "回访满意",
    "处理部门",
];

const COMPLAINT_KINDS: &[(&str, &str, &[&str])] = &[
    (
        "维修",
        "工程部",
        &[
            "维修后问题复发",
            "维修人员未按约定时间上门",
            "报修三天无人处理",
        ],
    ),
    (
        "环境卫生",
        "环境部",
        &["楼道垃圾清理不及时", "地库积水无人清扫", "垃圾房异味大"],
    ),
    (
        "安保",
        "秩序部",
        &["外来人员随意进出", "门岗登记不严", "夜间巡逻不到位"],
    ),
    (
        "停车",
        "秩序部",
        &["车位被占", "地库车辆乱停", "临时停车收费有疑问"],
    ),
    (
        "噪音",
        "客服部",
        &["楼上装修噪音", "夜间广场舞噪音", "设备房噪音扰民"],
    ),
    (
        "绿化",
        "环境部",
        &["绿化带杂草丛生", "树枝遮挡窗户", "草坪修剪噪音"],
    ),
    ("收费", "客服部", &["公共水电分摊有疑问", "物业费账单有误"]),
    ("服务态度", "客服部", &["前台接待态度差", "电话无人接听"]),
];

fn write_complaints(args: &Args, rooms: &Rooms) -> std::io::Result<()> {
    let mut rng = Rng::new(args.seed, 2);
    let spread = Spread::new(args.months, args.complaints);
    let mut out = create(&args.out.join("data/complaints.csv"))?;
    let gb = |text: &str| encoding_rs::GB18030.encode(text).0.into_owned();
    out.write_all(&gb(&row(COMPLAINT_HEADER)))?;
    let end = as_of();
    // Recent (room, kind) pairs, so that some rooms complain again.
    let mut recent: Vec<(String, usize)> = Vec::new();
    for i in 0..args.complaints {
        let id = format!("TS{i:07}");
        let received = spread.at(i, &mut rng, 8, 20);
        let channel = *rng.weighted(&[
            ("来电", 45),
            ("来访", 25),
            ("网络", 22),
            ("书面", 6),
            ("12345热线", 2),
        ]);
        let (room, kind) = if !recent.is_empty() && rng.chance(0.01) {
            rng.pick(&recent).clone()
        } else {
            let kind = rng.range(0, COMPLAINT_KINDS.len() as i64 - 1) as usize;
            (rooms.any(&mut rng).1, kind)
        };
        if recent.len() < 256 {
            recent.push((room.clone(), kind));
        } else {
            let slot = rng.range(0, 255) as usize;
            recent[slot] = (room.clone(), kind);
        }
        let (category, handler, summaries) = COMPLAINT_KINDS[kind];
        let summary = *rng.pick(summaries);
        let level = *rng.weighted(&[("重大", 2), ("重要", 15), ("轻微", 75), ("", 8)]);
        let ours = *rng.weighted(&[("是", 70), ("否", 25), ("", 5)]);
        let resolved = if rng.chance(0.004) {
            None
        } else {
            let hours = if rng.chance(0.96) {
                rng.range(2, 96)
            } else {
                rng.range(97, 760)
            };
            Some(received + Duration::hours(hours)).filter(|t| *t <= end)
        };
        let callback = resolved
            .filter(|_| rng.chance(0.92))
            .map(|t| t + Duration::hours(rng.range(4, 72)))
            .filter(|t| *t <= end);
        let satisfied = match callback {
            Some(_) if rng.chance(0.86) => "满意",
            Some(_) => "不满意",
            None => "",
        };
        let opt = |t: Option<NaiveDateTime>| t.map(|t| slashed(&t)).unwrap_or_default();
        out.write_all(&gb(&row(&[
            &id,
            &slashed(&received),
            channel,
            &room,
            &person(&mut rng),
            &phone(&mut rng),
            category,
            level,
            ours,
            summary,
            &opt(resolved),
            &opt(callback),
            satisfied,
            handler,
        ])))?;
    }
    out.flush()
}

// ---------------------------------------------------------------------------
// surveys.csv

const DIMENSIONS: &[&str] = &["客服", "维修", "保洁", "安保", "绿化"];
const OPINIONS: &[&str] = &[
    "",
    "",
    "",
    "门岗保安态度好",
    "希望加强地库保洁",
    "维修师傅很专业",
    "绿化修剪及时",
    "电梯偶尔异响",
];

fn score(rng: &mut Rng) -> String {
    let value = *rng.weighted(&[
        ("5", 52),
        ("4", 30),
        ("3", 10),
        ("2", 4),
        ("1", 2),
        ("4.5", 2),
    ]);
    value.to_string()
}

fn write_surveys(args: &Args, rooms: &Rooms) -> std::io::Result<()> {
    let mut rng = Rng::new(args.seed, 3);
    let spread = Spread::new(args.months, args.surveys);
    let mut out = create(&args.out.join("data/surveys.csv"))?;
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut header = vec!["编号", "日期", "房号", "总体"];
    header.extend_from_slice(DIMENSIONS);
    header.push("意见");
    out.write_all(row(&header).as_bytes())?;
    for i in 0..args.surveys {
        let id = format!("MY{i:07}");
        let day = spread
            .at(i, &mut rng, 9, 17)
            .date()
            .format("%Y-%m-%d")
            .to_string();
        let room = rooms.any(&mut rng).1;
        let overall = score(&mut rng);
        let mut cells: Vec<String> = vec![id, day, room, overall];
        for _ in DIMENSIONS {
            cells.push(if rng.chance(0.04) {
                String::new()
            } else {
                score(&mut rng)
            });
        }
        cells.push(rng.pick(OPINIONS).to_string());
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        out.write_all(row(&refs).as_bytes())?;
    }
    out.flush()
}

// ---------------------------------------------------------------------------
// holidays.csv: a synthetic calendar with the shape of the real one.

fn write_holidays(args: &Args) -> std::io::Result<()> {
    let mut out = create(&args.out.join("data/holidays.csv"))?;
    out.write_all(b"\xEF\xBB\xBF")?;
    out.write_all(row(&["日期", "类型"]).as_bytes())?;
    let first = start_day(args.months).year();
    for year in first..=as_of().year() {
        let mut days: Vec<(NaiveDate, &str)> = Vec::new();
        let span = |days: &mut Vec<(NaiveDate, &str)>, m: u32, d: u32, n: i64| {
            for k in 0..n {
                days.push((date(year, m, d) + Duration::days(k), "休"));
            }
        };
        span(&mut days, 1, 1, 1);
        span(&mut days, 2, 10, 8);
        span(&mut days, 4, 4, 3);
        span(&mut days, 5, 1, 5);
        span(&mut days, 6, 10, 3);
        span(&mut days, 10, 1, 7);
        // Make-up working days: the Saturdays or Sundays nearest the long breaks.
        for (m, d) in [(2, 7), (2, 21), (4, 27), (9, 27), (10, 11)] {
            let day = date(year, m, d);
            if !days.iter().any(|(h, _)| *h == day) {
                days.push((day, "班"));
            }
        }
        days.sort();
        for (day, kind) in days {
            out.write_all(row(&[&day.format("%Y-%m-%d").to_string(), kind]).as_bytes())?;
        }
    }
    out.flush()
}

// ---------------------------------------------------------------------------
// Notices, pages, handbook, report notes

const NOTICE_KINDS: &[(&str, &str, &[&str])] = &[
    (
        "停水停电",
        "关于{b}栋二次供水水箱清洗停水的通知",
        &["请提前储水", "施工期间请关闭水龙头"],
    ),
    (
        "收费公示",
        "第{q}季度公共水电费分摊公示",
        &["按建筑面积分摊", "明细张贴在各单元大堂"],
    ),
    (
        "会议通知",
        "关于召开{b}栋业主座谈会的通知",
        &["欢迎业主报名参加", "会议地点在会所二楼"],
    ),
    (
        "社区活动",
        "“邻里节”社区活动第{n}期报名通知",
        &["活动免费", "请在服务中心报名"],
    ),
    (
        "安全提示",
        "关于加强{b}栋消防通道管理的安全提示",
        &["请勿在楼道堆放杂物", "严禁电动自行车进楼充电"],
    ),
    (
        "综合通知",
        "关于{b}栋电梯年度检验的通知",
        &["检验期间电梯短暂停运", "请错峰出行"],
    ),
];

fn notice_body(rng: &mut Rng, n: u64, points: &[&str]) -> String {
    let mut body = String::new();
    body.push_str("尊敬的各位业主、住户：\n\n");
    for _ in 0..rng.range(2, 4) {
        body.push_str(&format!(
            "为进一步做好小区服务工作，服务中心将于近期开展第 {n} 项专项工作。{}，{}。如有疑问，请拨打服务中心电话咨询，感谢您的理解与支持。\n\n",
            rng.pick(points),
            rng.pick(points)
        ));
    }
    body.push_str("## 具体安排\n\n");
    for k in 1..=rng.range(3, 6) {
        body.push_str(&format!("{k}. **第 {k} 项**：{}；\n", rng.pick(points)));
    }
    if rng.chance(0.3) {
        body.push_str("\n| 时间 | 范围 | 说明 |\n| --- | --- | --- |\n");
        for k in 1..=3 {
            body.push_str(&format!(
                "| 第 {k} 天 8:30—17:30 | {k} 栋 | {} |\n",
                rng.pick(points)
            ));
        }
    }
    body.push_str("\n服务中心：0571-8888 0101\n\n翠湖苑物业服务中心\n");
    body
}

fn write_notices(args: &Args) -> std::io::Result<()> {
    let mut rng = Rng::new(args.seed, 4);
    let spread = Spread::new(args.months, args.notices);
    let dir = args.out.join("content/notices");
    fs::create_dir_all(&dir)?;
    for n in 0..args.notices {
        let published = spread.at(n, &mut rng, 8, 17);
        let (category, title, points) = *rng.pick(NOTICE_KINDS);
        let building = rng.range(1, 12);
        let title = title
            .replace("{b}", &building.to_string())
            .replace("{q}", &((published.month() - 1) / 3 + 1).to_string())
            .replace("{n}", &(n + 1).to_string());
        let summary = format!("{}，{}。", rng.pick(points), rng.pick(points));
        let mut keys: Vec<(&str, String)> = vec![
            ("title", title),
            ("date", minutes(&published)),
            ("category", category.to_string()),
            ("summary", summary),
        ];
        // The newest few are pinned; a few are drafts or scheduled.
        if n + 3 >= args.notices {
            keys.push(("pinned", "true".into()));
        }
        if rng.chance(0.005) {
            keys.push(("draft", "true".into()));
        } else if n + 1 == args.notices || rng.chance(0.002) {
            keys.push((
                "publish_at",
                minutes(&(as_of() + Duration::days(rng.range(1, 30)))),
            ));
        }
        if category == "停水停电" {
            let starts = published + Duration::days(rng.range(1, 6));
            keys.push(("starts", minutes(&starts)));
            keys.push((
                "ends",
                minutes(&(starts + Duration::hours(rng.range(2, 9)))),
            ));
            keys.push(("affected", format!("{building}栋")));
        }
        if category == "社区活动" {
            keys.push((
                "expires",
                minutes(&(published + Duration::days(rng.range(5, 20)))),
            ));
        }
        let toml = n % 2 == 0;
        let mut text = String::new();
        text.push_str(if toml { "+++\n" } else { "---\n" });
        for (key, value) in &keys {
            let literal = matches!(*key, "pinned" | "draft");
            let line = match (toml, *key, literal) {
                (true, "affected", _) => format!("affected = [\"{value}\"]\n"),
                (false, "affected", _) => format!("affected:\n  - {value}\n"),
                (true, _, true) => format!("{key} = {value}\n"),
                (true, _, false) => format!("{key} = \"{value}\"\n"),
                (false, _, _) => format!("{key}: {value}\n"),
            };
            text.push_str(&line);
        }
        text.push_str(if toml { "+++\n\n" } else { "---\n\n" });
        text.push_str(&notice_body(&mut rng, n + 1, points));
        let name = format!("{}-{:05}.md", published.format("%Y-%m-%d"), n + 1);
        fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn write_pages(args: &Args) -> std::io::Result<()> {
    let dir = args.out.join("content/pages");
    fs::create_dir_all(&dir)?;
    let pages = [
        (
            "contact",
            "联系我们",
            1,
            "## 物业服务中心\n\n- **地址**：翠湖苑 6 栋一层\n- **电话**：0571-8888 0101（示例，虚构）\n",
        ),
        (
            "fees",
            "收费标准",
            2,
            "## 物业服务费\n\n| 房屋类型 | 单价 |\n| --- | --- |\n| 高层住宅 | 2.30 元/㎡·月 |\n| 小高层 | 1.95 元/㎡·月 |\n",
        ),
        (
            "service-standards",
            "服务标准",
            3,
            "## 维修\n\n急修 30 分钟内到场，小修 24 小时内完成，中修 3 天内完成。\n\n## 投诉\n\n3 个工作日内办结。\n",
        ),
    ];
    for (slug, title, weight, body) in pages {
        let text = format!("+++\ntitle = \"{title}\"\nweight = {weight}\n+++\n\n{body}");
        fs::write(dir.join(format!("{slug}.md")), text)?;
    }
    Ok(())
}

fn write_handbook(args: &Args) -> std::io::Result<()> {
    let mut rng = Rng::new(args.seed, 5);
    let dir = args.out.join("content/handbook");
    fs::create_dir_all(&dir)?;
    let topics = [
        "接待",
        "维修",
        "投诉",
        "安保",
        "保洁",
        "绿化",
        "交接班",
        "应急",
        "收费",
        "档案",
    ];
    for c in 1..=args.chapters {
        let topic = topics[(c as usize - 1) % topics.len()];
        let mut text = format!(
            "+++\ntitle = \"{topic}工作规范（第 {c} 部分）\"\nweight = {}\n+++\n\n",
            c * 10
        );
        text.push_str(&format!(
            "本章规定{topic}岗位的职责、流程和检查标准，适用于服务中心全体员工。\n\n"
        ));
        for s in 1..=4 {
            text.push_str(&format!("## {topic}要求之{s}\n\n"));
            for u in 1..=2 {
                text.push_str(&format!("### 细则 {s}.{u}\n\n"));
                text.push_str(&format!(
                    "上岗前检查工具和记录表；遇到业主询问，先听清诉求，再说明办理时限。{}。\n\n",
                    rng.pick(&[
                        "每班交接时核对记录",
                        "发现问题当班处理",
                        "不能处理的及时上报主管"
                    ])
                ));
                text.push_str(
                    "- 记录要写清时间、地点、经办人；\n- 办结后当天回访；\n- 每月汇总一次。\n\n",
                );
            }
        }
        fs::write(dir.join(format!("{c:03}-{topic}.md")), text)?;
    }
    Ok(())
}

fn write_reports(args: &Args) -> std::io::Result<()> {
    let dir = args.out.join("content/reports");
    fs::create_dir_all(&dir)?;
    let mut month = start_day(args.months);
    let end = as_of().date();
    let mut seen = std::collections::BTreeSet::new();
    while month <= end {
        let quarter = format!("{}Q{}", month.year(), month.month0() / 3 + 1);
        if seen.insert(quarter.clone()) {
            let text = format!(
                "---\ntitle: {quarter} 物业服务报告\n---\n\n## 本季度主要工作\n\n本季度受理报修 {{{{ repairs.orders }}}} 单，维修及时率 {{{{ repairs.timeliness_rate }}}}，合格率 {{{{ repairs.pass_rate }}}}。受理投诉 {{{{ complaints.received }}}} 件，按时办结率 {{{{ complaints.on_time_rate }}}}；升级为重大投诉 {{{{ escalations.count }}}} 件。业主满意率 {{{{ surveys.satisfaction_rate }}}}。\n\n## 需业委会协助支持的事项\n\n- 电梯更新改造资金的使用表决。\n\n## 下季度工作计划\n\n- 继续做好雨季防汛和冬季防火。\n"
            );
            fs::write(dir.join(format!("{quarter}.md")), text)?;
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .expect("month");
    }
    Ok(())
}

/// The first line of a generated `wuye.toml`: only a folder that starts
/// so may be overwritten.
const MARKER: &str = "# 大型小区基准测试数据（gen_large_estate 生成，虚构）";

/// Refuses to write into a folder that is not empty unless an earlier run
/// generated it; then clears what this run rewrites (so that no notice of
/// a larger earlier run lingers).
fn prepare_out(out: &Path) -> std::io::Result<()> {
    let Ok(mut entries) = fs::read_dir(out) else {
        return Ok(());
    };
    if entries.next().is_none() {
        return Ok(());
    }
    let generated = fs::read_to_string(out.join("wuye.toml"))
        .map(|text| text.starts_with(MARKER))
        .unwrap_or(false);
    if !generated {
        eprintln!(
            "{} is not empty and was not made by gen_large_estate; choose another --out",
            out.display()
        );
        std::process::exit(1);
    }
    for sub in ["content", "data"] {
        let dir = out.join(sub);
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
    }
    Ok(())
}

fn write_config(args: &Args) -> std::io::Result<()> {
    let text = format!(
        r#"{MARKER}
name = "翠湖苑"
company = "澄湖物业服务有限公司"
households = {households}
service_phone = "0571-8888 0101"
emergency_phone = "0571-8888 0110"
service_hours = "每天 8:30—18:00（维修急修 24 小时值班）"
address = "翠湖苑 6 栋一层 物业服务中心（翠湖路 88 号）"
base_url = "https://cuihu.example.org/"
language = "zh-CN"
as_of = "{as_of}"

[standards]
dispatch_minutes = 10
emergency_arrival_minutes = 30
minor_hours = 24
medium_days = 3
complaint_resolve_working_days = 3
major_unresolved_days = 30
repeat_window_days = 90
repeat_threshold = 3
survey_scale = 5
satisfied_min = 4.0

[targets]
timeliness_rate = 0.95
pass_rate = 0.98
rework_rate = 0.03
dispatch_compliance = 0.95
resolution_rate = 0.95
on_time_rate = 0.90
callback_rate = 0.95
satisfaction_rate = 0.90

[site]
page_size = 20

[handbook]
title = "翠湖苑物业服务中心员工手册"
version = "2026 版"
edition = "2026-09-01"
numbering = "chinese"
paper = "A4"
"#,
        households = args.households,
        as_of = minutes(&as_of()),
    );
    fs::create_dir_all(&args.out)?;
    fs::write(args.out.join("wuye.toml"), text)
}

fn main() -> std::io::Result<()> {
    let args = parse_args();
    let rooms = Rooms {
        households: args.households,
    };
    prepare_out(&args.out)?;
    write_config(&args)?;
    write_pages(&args)?;
    write_handbook(&args)?;
    write_reports(&args)?;
    write_notices(&args)?;
    write_holidays(&args)?;
    write_repairs(&args, &rooms)?;
    write_complaints(&args, &rooms)?;
    write_surveys(&args, &rooms)?;
    eprintln!(
        "wrote {}: {} notices, {} chapters, {} repairs, {} complaints, {} surveys over {} months",
        args.out.display(),
        args.notices,
        args.chapters,
        args.repairs,
        args.complaints,
        args.surveys,
        args.months
    );
    Ok(())
}
