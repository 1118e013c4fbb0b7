//! Generates the sample estate's service logs (`data/*.csv`) for 翠湖苑.
//!
//! It also writes the 2026 holiday calendar that `wuye init` gives a new
//! estate (`src/init/estate/data/holidays.csv`).
//!
//! Run from the repository root:
//!
//! ```text
//! cargo run --example gen_sample_data
//! ```
//!
//! The output is deterministic (a fixed seed and an own tiny PRNG, no
//! clock, no hash-map order), so running it twice gives byte-identical
//! files and the committed `data/` can be checked against it.
//!
//! What it writes, and why it looks the way it does:
//! - the logs cover 2025-09-01 .. 2026-11-20 18:00 (the sample's `as_of`);
//!   no row and no timestamp lies after that instant;
//! - `repairs.csv`, `surveys.csv`, `holidays.csv`: UTF-8 with a byte-order
//!   mark and CRLF line ends, as a spreadsheet exports them;
//!   `complaints.csv`: GB18030 (what a Chinese spreadsheet writes by
//!   default), so the loader's encoding detection is exercised;
//! - realistic variety: late and open orders, reworks, agreed times with
//!   reasons, emergencies, dispatch delays, every complaint level including
//!   unclassified ones, repeat complaints that trigger escalation (b), one
//!   responsible complaint left unresolved for more than 30 days
//!   (escalation (a)), unanswered survey cells;
//! - a few data-quality *warnings* on purpose (two agreed times without a
//!   reason, three completed orders without an inspection result) but no
//!   row *errors*.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};
use std::collections::BTreeSet;
use std::path::Path;

/// Change only on purpose: every committed figure depends on it.
const SEED: u64 = 0x00C0_FFEE_2026_1120;

// ---------------------------------------------------------------------------
// A tiny deterministic PRNG (splitmix64): no extra crate, same numbers on
// every platform.

struct Rng(u64);

impl Rng {
    fn new(stream: u64) -> Self {
        // Each log has its own stream so that editing one generator does not
        // reshuffle the others.
        Rng(SEED ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform integer in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    /// Uniform index in `0..len`.
    fn index(&mut self, len: usize) -> usize {
        self.next_u64() as usize % len
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
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
// Calendar

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date in the generator")
}

fn at(d: NaiveDate, h: i64, min: i64) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).expect("midnight") + Duration::minutes(h * 60 + min)
}

fn as_of() -> NaiveDateTime {
    at(date(2026, 11, 20), 18, 0)
}

/// Public holidays (休, every day of the break) and make-up working days
/// (班). 2025 is the State Council's published schedule; 2026 follows the
/// schedule published for it in November 2025.
const HOLIDAYS: &[(&str, &str, &str)] = &[
    ("元旦", "2025-01-01", "2025-01-01"),
    ("春节", "2025-01-28", "2025-02-04"),
    ("清明节", "2025-04-04", "2025-04-06"),
    ("劳动节", "2025-05-01", "2025-05-05"),
    ("端午节", "2025-05-31", "2025-06-02"),
    ("国庆节、中秋节", "2025-10-01", "2025-10-08"),
    ("元旦", "2026-01-01", "2026-01-03"),
    ("春节", "2026-02-15", "2026-02-23"),
    ("清明节", "2026-04-04", "2026-04-06"),
    ("劳动节", "2026-05-01", "2026-05-05"),
    ("端午节", "2026-06-19", "2026-06-21"),
    ("中秋节", "2026-09-25", "2026-09-27"),
    ("国庆节", "2026-10-01", "2026-10-07"),
];

const MAKEUP_WORKDAYS: &[&str] = &[
    "2025-01-26",
    "2025-02-08",
    "2025-04-27",
    "2025-09-28",
    "2025-10-11",
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
];

fn parse_day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("holiday table date")
}

struct Calendar {
    off: BTreeSet<NaiveDate>,
    on: BTreeSet<NaiveDate>,
}

impl Calendar {
    fn new() -> Self {
        let mut off = BTreeSet::new();
        for (_, first, last) in HOLIDAYS {
            let mut d = parse_day(first);
            while d <= parse_day(last) {
                off.insert(d);
                d += Duration::days(1);
            }
        }
        let on = MAKEUP_WORKDAYS.iter().map(|d| parse_day(d)).collect();
        Calendar { off, on }
    }

    fn is_working(&self, d: NaiveDate) -> bool {
        if self.on.contains(&d) {
            return true;
        }
        !self.off.contains(&d) && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The `n`-th working day after `d` (the day itself not counted).
    fn add_working_days(&self, d: NaiveDate, n: i64) -> NaiveDate {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working(day) {
                left -= 1;
            }
        }
        day
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        date(y + 1, 1, 1)
    } else {
        date(y, m + 1, 1)
    };
    (next - Duration::days(1)).day()
}

/// The months of the logs: (year, month, last day covered).
fn months() -> Vec<(i32, u32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (2025, 9);
    while (y, m) <= (2026, 11) {
        let last = if (y, m) == (2026, 11) {
            20
        } else {
            days_in_month(y, m)
        };
        out.push((y, m, last));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// Repair volume by calendar month: winter frost and the summer rains
/// bring more calls, the Spring Festival fewer.
fn season(m: u32) -> f64 {
    [
        1.15, 0.75, 0.9, 0.95, 1.0, 1.15, 1.25, 1.2, 1.0, 0.95, 1.0, 1.1,
    ][(m - 1) as usize]
}

fn fmt(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Complaints come from a spreadsheet in a Chinese locale, which writes
/// `2026/3/5 14:30`.
fn fmt_slash(t: NaiveDateTime) -> String {
    format!(
        "{}/{}/{} {}",
        t.year(),
        t.month(),
        t.day(),
        t.format("%H:%M")
    )
}

fn opt(t: Option<NaiveDateTime>, f: fn(NaiveDateTime) -> String) -> String {
    t.map(f).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Residents (all fictional)

const SURNAMES: &[&str] = &[
    "张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "宋", "谢", "唐", "许", "韩", "冯", "邓", "曹",
];

#[derive(Clone)]
struct Resident {
    room: String,
    contact: String,
    phone: String,
}

/// Buildings 1–8 are 26-storey towers (2 units, 2 flats a floor), 9–12
/// 14-storey blocks (4 units): 8×104 + 4×112 = 1,280 households.
fn room(rng: &mut Rng) -> String {
    let building = rng.range(1, 12);
    let (units, floors) = if building <= 8 { (2, 26) } else { (4, 14) };
    let unit = rng.range(1, units);
    let floor = rng.range(1, floors);
    let flat = rng.range(1, 2);
    format!("{building}-{unit}-{floor}{flat:02}")
}

/// `1380000xxxx`-style numbers: the reserved-looking 0000 block marks them
/// as fictional.
fn phone(rng: &mut Rng) -> String {
    let prefix = rng.pick(&["138", "139", "137", "135", "186", "158"]);
    format!("{prefix}0000{:04}", rng.range(0, 9999))
}

fn resident(rng: &mut Rng) -> Resident {
    let room = room(rng);
    let title = if rng.chance(0.55) { "女士" } else { "先生" };
    Resident {
        room,
        contact: format!("{}{}", rng.pick(SURNAMES), title),
        phone: phone(rng),
    }
}

/// A time of day weighted to when residents call: mostly office hours and
/// early evening.
fn call_time(rng: &mut Rng, day: NaiveDate) -> NaiveDateTime {
    let hour = *rng.weighted(&[
        (7, 3),
        (8, 9),
        (9, 12),
        (10, 12),
        (11, 9),
        (12, 4),
        (13, 6),
        (14, 10),
        (15, 10),
        (16, 9),
        (17, 7),
        (18, 6),
        (19, 5),
        (20, 4),
        (21, 2),
    ]);
    at(day, hour, rng.range(0, 59))
}

fn any_time(rng: &mut Rng, day: NaiveDate) -> NaiveDateTime {
    at(day, rng.range(0, 23), rng.range(0, 59))
}

/// The next moment a technician would start work: outside 8:00–20:00 the
/// visit moves to the following morning.
fn working_hours(t: NaiveDateTime, rng: &mut Rng) -> NaiveDateTime {
    let hour = t.hour();
    if hour >= 20 {
        at(t.date() + Duration::days(1), 8, rng.range(30, 100))
    } else if hour < 8 {
        at(t.date(), 8, rng.range(30, 100))
    } else {
        t
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Minor,
    Medium,
    Emergency,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::Minor => "小修",
            Level::Medium => "中修",
            Level::Emergency => "急修",
        }
    }
}

struct Repair {
    id: String,
    reported: NaiveDateTime,
    who: Resident,
    category: &'static str,
    level: Level,
    dispatched: Option<NaiveDateTime>,
    arrived: Option<NaiveDateTime>,
    agreed: Option<NaiveDateTime>,
    delay_reason: String,
    completed: Option<NaiveDateTime>,
    passed: Option<bool>,
    rework_of: String,
    technician: &'static str,
    note: String,
}

const CATEGORIES: &[(&str, u32)] = &[
    ("水电", 30),
    ("管道", 20),
    ("门窗", 18),
    ("公共设施", 17),
    ("电梯", 8),
    ("其他", 7),
];

fn level_for(rng: &mut Rng, category: &str) -> Level {
    let weights: &[(Level, u32)] = match category {
        "水电" => &[
            (Level::Minor, 85),
            (Level::Medium, 8),
            (Level::Emergency, 7),
        ],
        "管道" => &[
            (Level::Minor, 72),
            (Level::Medium, 15),
            (Level::Emergency, 13),
        ],
        "电梯" => &[
            (Level::Minor, 60),
            (Level::Medium, 25),
            (Level::Emergency, 15),
        ],
        "公共设施" => &[(Level::Minor, 80), (Level::Medium, 20)],
        "门窗" => &[(Level::Minor, 85), (Level::Medium, 15)],
        _ => &[(Level::Minor, 92), (Level::Medium, 8)],
    };
    *rng.weighted(weights)
}

fn problem(rng: &mut Rng, category: &str, level: Level) -> &'static str {
    let list: &[&str] = match (category, level) {
        ("水电", Level::Emergency) => &[
            "整户突然停电，总闸合不上",
            "配电箱冒烟有焦味",
            "楼层配电间跳闸，半层住户停电",
        ],
        ("管道", Level::Emergency) => &[
            "厨房水管爆裂，水漫到客厅",
            "楼上渗水，天花板大面积滴水",
            "卫生间进水总阀漏水关不住",
            "地下车库消防管漏水",
        ],
        ("电梯", Level::Emergency) => &["电梯困人", "电梯运行中异常停梯，有人被困"],
        ("水电", _) => &[
            "卫生间灯不亮，更换灯管",
            "插座没电",
            "开关面板松动",
            "厨房水龙头滴水",
            "热水器不出热水，疑似电源问题",
            "空调插座跳闸",
            "门铃不响",
        ],
        ("管道", _) => &[
            "洗手盆下水堵塞",
            "马桶水箱不停流水",
            "地漏返臭",
            "阳台下水管接口渗水",
            "角阀老化漏水",
            "厨房下水慢",
        ],
        ("门窗", _) => &[
            "入户门锁芯卡顿",
            "铝合金窗关不严，漏风",
            "纱窗脱落",
            "单元门闭门器损坏",
            "防火门合页松动",
            "阳台推拉门滑轮损坏",
        ],
        ("公共设施", _) => &[
            "楼道感应灯不亮",
            "单元门禁刷卡无反应",
            "儿童游乐区滑梯螺丝松动",
            "地库照明灯损坏",
            "小区路灯不亮",
            "垃圾分类亭门损坏",
            "健身器材扶手松动",
            "信报箱门脱落",
        ],
        ("电梯", _) => &[
            "电梯按钮失灵",
            "电梯门关闭缓慢",
            "轿厢照明不亮",
            "电梯运行有异响",
            "电梯平层不准",
        ],
        _ => &[
            "晾衣架升降绳断了",
            "可视对讲无图像",
            "墙面瓷砖空鼓脱落",
            "楼顶隔热层破损",
            "车位地锁损坏",
        ],
    };
    list[rng.index(list.len())]
}

const TECHNICIANS: &[&str] = &[
    "王师傅",
    "李师傅",
    "赵师傅",
    "孙师傅",
    "周师傅",
    "吴师傅",
    "郑师傅",
];

const DELAY_REASONS: &[&str] = &[
    "业主要求改天上门",
    "业主出差，约周末维修",
    "需业主自购配件",
    "需协调楼上住户配合查漏",
    "配件需向厂家订货",
    "雨天无法进行外墙作业",
];

/// How often an order misses its deadline, by month: the summer rains of
/// 2026 stretched the team; the autumn recovered.
fn late_rate(y: i32, m: u32) -> f64 {
    match (y, m) {
        (2025, 12) | (2026, 1) => 0.05,
        (2026, 7) | (2026, 8) => 0.07,
        (2026, 9) => 0.045,
        (2026, 10) | (2026, 11) => 0.025,
        _ => 0.035,
    }
}

fn gen_repairs(rng: &mut Rng) -> Vec<Repair> {
    let mut repairs: Vec<Repair> = Vec::new();
    // Failed inspections waiting for their rework order.
    let mut failed: Vec<usize> = Vec::new();
    for (y, m, last) in months() {
        let n = (105.0 * season(m) * f64::from(last) / f64::from(days_in_month(y, m))
            * (0.92 + 0.16 * rng.unit()))
        .round() as usize;
        let mut drafts: Vec<(NaiveDateTime, &'static str, Level)> = (0..n)
            .map(|_| {
                let day = date(y, m, rng.range(1, i64::from(last)) as u32);
                let category = *rng.weighted(CATEGORIES);
                let level = level_for(rng, category);
                let t = if level == Level::Emergency {
                    any_time(rng, day)
                } else {
                    call_time(rng, day)
                };
                (t, category, level)
            })
            .filter(|(t, _, _)| *t <= as_of() - Duration::minutes(20))
            .collect();
        drafts.sort_by_key(|(t, _, _)| *t);
        for (seq, (reported, category, level)) in drafts.into_iter().enumerate() {
            let id = format!("WX-{y}{m:02}-{:03}", seq + 1);
            let repair = one_repair(
                rng,
                Draft {
                    id,
                    reported,
                    category,
                    level,
                    late: late_rate(y, m),
                },
                &repairs,
                &mut failed,
            );
            if repair.passed == Some(false) {
                failed.push(repairs.len());
            }
            repairs.push(repair);
        }
    }
    plant_repair_cases(&mut repairs);
    repairs
}

struct Draft {
    id: String,
    reported: NaiveDateTime,
    category: &'static str,
    level: Level,
    late: f64,
}

fn one_repair(rng: &mut Rng, draft: Draft, earlier: &[Repair], failed: &mut Vec<usize>) -> Repair {
    let Draft {
        id,
        reported,
        mut category,
        mut level,
        late,
    } = draft;
    let public = matches!(category, "公共设施" | "电梯") && rng.chance(0.6);
    let mut who = if public {
        Resident {
            room: String::new(),
            contact: rng
                .pick(&["秩序维护部巡查", "保洁员反映", "客服巡楼", ""])
                .to_string(),
            phone: String::new(),
        }
    } else {
        resident(rng)
    };
    let mut note = problem(rng, category, level).to_string();

    // A rework re-does an earlier completed order for the same home: either
    // one that failed inspection, or (rarely) one whose fault came back.
    let mut rework_of = String::new();
    let waiting = failed
        .iter()
        .position(|&i| earlier[i].completed.is_some_and(|c| c < reported));
    let source = match waiting {
        Some(pos) if rng.chance(0.6) => Some(failed.remove(pos)),
        _ if rng.chance(0.006) => earlier.iter().rposition(|r| {
            r.completed.is_some_and(|c| c < reported)
                && r.rework_of.is_empty()
                && r.level != Level::Emergency
                && (reported - r.reported).num_days() <= 45
                && rng.chance(0.05)
        }),
        _ => None,
    };
    if let Some(i) = source {
        let original = &earlier[i];
        rework_of = original.id.clone();
        who = original.who.clone();
        category = original.category;
        level = if original.level == Level::Medium {
            Level::Medium
        } else {
            Level::Minor
        };
        note = format!("返修：{}，修后再次出现问题", original.note);
    }

    let technician = if category == "电梯" {
        "电梯维保单位"
    } else {
        rng.pick(TECHNICIANS)
    };

    // Dispatch: usually within a few minutes, exactly at the limit now and
    // then, sometimes late when the duty clerk is busy.
    let dispatch_delay = if level == Level::Emergency {
        rng.range(0, 5)
    } else {
        *rng.weighted(&[
            (1, 10),
            (2, 14),
            (3, 14),
            (4, 12),
            (5, 10),
            (6, 8),
            (7, 6),
            (8, 5),
            (9, 4),
            (10, 4),
            (0, 2),
            (-1, 5),
        ])
    };
    let dispatch_delay = if dispatch_delay < 0 {
        rng.range(11, 45)
    } else {
        dispatch_delay
    };
    let dispatched = if rng.chance(0.01) {
        None
    } else {
        Some(reported + Duration::minutes(dispatch_delay))
    };

    let mut agreed = None;
    let mut delay_reason = String::new();
    if level != Level::Emergency && rework_of.is_empty() && rng.chance(0.06) {
        let day = reported.date() + Duration::days(rng.range(1, 4));
        let hour = *rng.pick(&[9, 10, 14, 15, 19]);
        let planned = at(day, hour, 0);
        // Every timestamp of the sample stays at or before as_of.
        if planned <= as_of() {
            agreed = Some(planned);
            delay_reason = rng.pick(DELAY_REASONS).to_string();
        }
    }
    let start = agreed.unwrap_or(reported);
    let is_late = rng.chance(late);

    let (arrived, completed) = match level {
        Level::Emergency => {
            let minutes = if is_late {
                rng.range(32, 55)
            } else {
                let quick = rng.range(6, 15);
                let usual = rng.range(16, 29);
                *rng.weighted(&[(quick, 40), (usual, 55), (30, 5)])
            };
            let arrived = reported + Duration::minutes(minutes);
            (arrived, arrived + Duration::minutes(rng.range(30, 240)))
        }
        Level::Minor => {
            let arrived = if agreed.is_some() {
                start + Duration::minutes(rng.range(0, 20))
            } else {
                working_hours(
                    start + Duration::minutes(dispatch_delay + rng.range(15, 150)),
                    rng,
                )
            };
            let completed = if is_late {
                start + Duration::minutes(rng.range(25 * 60, 72 * 60))
            } else {
                (arrived + Duration::minutes(rng.range(20, 180)))
                    .min(start + Duration::minutes(24 * 60 - rng.range(0, 30)))
            };
            (arrived.min(completed), completed)
        }
        Level::Medium => {
            let arrived = if agreed.is_some() {
                start + Duration::minutes(rng.range(0, 20))
            } else {
                working_hours(
                    start + Duration::minutes(dispatch_delay + rng.range(20, 240)),
                    rng,
                )
            };
            let completed = if is_late {
                start + Duration::minutes(rng.range(74 * 60, 140 * 60))
            } else {
                working_hours(arrived + Duration::minutes(rng.range(60, 60 * 60)), rng)
                    .min(start + Duration::minutes(72 * 60 - rng.range(0, 60)))
            };
            (arrived.min(completed), completed)
        }
    };

    let passed = Some(!rng.chance(0.012));
    let mut repair = Repair {
        id,
        reported,
        who,
        category,
        level,
        dispatched,
        arrived: Some(arrived),
        agreed,
        delay_reason,
        completed: Some(completed),
        passed,
        rework_of,
        technician,
        note,
    };
    // The last three days' orders are often still in hand at the cut-off.
    if reported > as_of() - Duration::days(3) && rng.chance(0.5) {
        repair.completed = None;
        if rng.chance(0.5) {
            repair.arrived = None;
        }
    }
    snapshot(&mut repair);
    repair
}

/// The log as it stands at `as_of`: anything that has not happened yet is
/// not in it.
fn snapshot(r: &mut Repair) {
    let now = as_of();
    if r.dispatched.is_some_and(|t| t > now) {
        r.dispatched = None;
    }
    if r.arrived.is_some_and(|t| t > now) {
        r.arrived = None;
    }
    if r.completed.is_some_and(|t| t > now) {
        r.completed = None;
    }
    if r.completed.is_none() {
        r.passed = None;
    }
}

/// Hand-placed cases that a reader of the sample should find.
fn plant_repair_cases(repairs: &mut [Repair]) {
    let find = |repairs: &[Repair], prefix: &str, pred: &dyn Fn(&Repair) -> bool| {
        repairs
            .iter()
            .position(|r| r.id.starts_with(prefix) && pred(r))
            .unwrap_or_else(|| panic!("no order for the planted case in {prefix}"))
    };

    // An emergency whose arrival the duty log forgot: due and not timely.
    let i = find(repairs, "WX-202601", &|r| {
        r.level == Level::Emergency && r.completed.is_some()
    });
    repairs[i].arrived = None;
    repairs[i].note = format!("{}；值班记录未登记到场时间", repairs[i].note);

    // Two agreed times without a reason (warnings, not errors).
    for prefix in ["WX-202603", "WX-202610"] {
        let i = find(repairs, prefix, &|r| r.agreed.is_some());
        repairs[i].delay_reason.clear();
    }

    // Three completed orders without an inspection result (warnings).
    for prefix in ["WX-202512", "WX-202605", "WX-202609"] {
        let i = find(repairs, prefix, &|r| {
            r.completed.is_some() && r.passed == Some(true) && r.rework_of.is_empty()
        });
        repairs[i].passed = None;
    }

    // Two medium orders stuck waiting for parts: open and overdue.
    for prefix in ["WX-202610", "WX-202611"] {
        let i = find(repairs, prefix, &|r| {
            r.level == Level::Medium
                && r.agreed.is_none()
                && r.reported < as_of() - Duration::days(4)
        });
        repairs[i].completed = None;
        repairs[i].passed = None;
        repairs[i].note = format!("{}，等待厂家配件", repairs[i].note);
    }

    // Free text that needs CSV quoting: an ASCII comma and a line break.
    let i = find(repairs, "WX-202604", &|r| {
        r.category == "水电" && r.level == Level::Minor && r.completed.is_some()
    });
    repairs[i].note = "厨房水龙头滴水,业主要求换同款龙头,已自购配件".into();
    let i = find(repairs, "WX-202609", &|r| {
        r.category == "管道" && r.level == Level::Minor && r.completed.is_some()
    });
    repairs[i].note = "第一次上门业主不在家\n电话联系后当天下午完成疏通".into();
}

fn repair_rows(repairs: &[Repair]) -> Vec<Vec<String>> {
    repairs
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                fmt(r.reported),
                r.who.room.clone(),
                r.who.contact.clone(),
                r.who.phone.clone(),
                r.category.to_string(),
                r.level.label().to_string(),
                opt(r.dispatched, fmt),
                opt(r.arrived, fmt),
                opt(r.agreed, fmt),
                r.delay_reason.clone(),
                opt(r.completed, fmt),
                match r.passed {
                    Some(true) => "合格".into(),
                    Some(false) => "不合格".into(),
                    None => String::new(),
                },
                r.rework_of.clone(),
                r.technician.to_string(),
                r.note.clone(),
            ]
        })
        .collect()
}

// ---------------------------------------------------------------------------
// complaints.csv

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

struct Complaint {
    received: NaiveDateTime,
    channel: &'static str,
    who: Resident,
    category: &'static str,
    level: &'static str,
    ours: Option<bool>,
    summary: String,
    resolved: Option<NaiveDateTime>,
    callback: Option<NaiveDateTime>,
    satisfied: Option<bool>,
}

const COMPLAINT_CATEGORIES: &[(&str, u32)] = &[
    ("维修", 18),
    ("噪音", 14),
    ("停车", 14),
    ("保洁", 12),
    ("安保", 10),
    ("收费", 8),
    ("服务态度", 8),
    ("绿化", 8),
    ("其他", 8),
];

fn complaint_text(rng: &mut Rng, category: &str) -> &'static str {
    let list: &[&str] = match category {
        "维修" => &[
            "报修卫生间漏水，两天了还没人上门",
            "楼道灯坏了一个星期没人修",
            "维修后水管又开始渗水",
            "电梯经常停运，影响老人出行",
        ],
        "噪音" => &[
            "楼上装修超时施工，晚上还在电钻",
            "楼下广场舞音响声音太大",
            "邻居家狗夜里一直叫",
            "地库排风机噪音大，影响休息",
        ],
        "停车" => &[
            "自己的车位被外来车辆占用",
            "地库出入口道闸经常抬不起来",
            "消防通道长期有车乱停",
            "临时停车收费标准不清楚",
        ],
        "保洁" => &[
            "单元楼道垃圾没有及时清运，有异味",
            "电梯轿厢地面污渍连续几天没清理",
            "垃圾分类亭周边脏乱",
            "地库积水长期没人清扫",
        ],
        "安保" => &[
            "夜间有陌生人随意进出单元门",
            "门岗对外来人员登记不严",
            "小区内电动车被盗",
            "巡逻人员夜里很少见到",
        ],
        "收费" => &[
            "对公摊电费的分摊方式有疑问",
            "物业费缴费通知金额与实际不符",
            "车位管理费上涨没有提前公示",
        ],
        "服务态度" => &[
            "前台接待态度冷淡，问话爱答不理",
            "服务电话打了几次都没人接",
            "维修师傅上门不穿鞋套",
        ],
        "绿化" => &[
            "楼下绿化带很久没修剪，蚊虫多",
            "草坪打药没有提前通知",
            "树枝挡住窗户采光，要求修剪",
        ],
        _ => &[
            "快递柜位置太远，不方便",
            "宠物粪便没人清理",
            "小区公告栏信息更新不及时",
            "儿童游乐区沙子太脏",
        ],
    };
    list[rng.index(list.len())]
}

fn handler(category: &str) -> &'static str {
    match category {
        "维修" => "工程部",
        "噪音" | "停车" | "安保" => "秩序维护部",
        "保洁" | "绿化" => "环境部",
        "收费" => "财务部",
        _ => "客服部",
    }
}

fn complaint_volume(y: i32, m: u32) -> i64 {
    match (y, m) {
        (2026, 1) => 22,
        (2026, 2) => 10,
        (2026, 7) | (2026, 8) => 20,
        (2026, 11) => 12,
        _ => 15,
    }
}

fn gen_complaints(rng: &mut Rng, cal: &Calendar) -> Vec<Complaint> {
    let mut list = Vec::new();
    for (y, m, last) in months() {
        let n = complaint_volume(y, m) + rng.range(-3, 3);
        for _ in 0..n {
            let day = date(y, m, rng.range(1, i64::from(last)) as u32);
            let channel = *rng.weighted(&[("来电", 45), ("来访", 25), ("网络", 20), ("书面", 10)]);
            let received = if channel == "网络" {
                at(day, rng.range(7, 23), rng.range(0, 59))
            } else {
                call_time(rng, day)
            };
            if received > as_of() - Duration::minutes(30) {
                continue;
            }
            list.push(random_complaint(rng, cal, received, channel));
        }
    }
    list.extend(planted_complaints(cal));
    list.sort_by(|a, b| {
        a.received
            .cmp(&b.received)
            .then(a.who.room.cmp(&b.who.room))
    });
    list
}

fn random_complaint(
    rng: &mut Rng,
    cal: &Calendar,
    received: NaiveDateTime,
    channel: &'static str,
) -> Complaint {
    let category = *rng.weighted(COMPLAINT_CATEGORIES);
    let recent = received > as_of() - Duration::days(7);
    let level = if recent && rng.chance(0.5) {
        ""
    } else {
        *rng.weighted(&[("轻微", 62), ("重要", 27), ("重大", 1), ("", 6)])
    };
    let ours_share = match category {
        "噪音" | "停车" => 0.3,
        "维修" | "保洁" | "服务态度" => 0.85,
        _ => 0.55,
    };
    let ours = if rng.chance(0.03) {
        None
    } else {
        Some(rng.chance(ours_share))
    };
    // Working days taken to close it; a few run late.
    let days = *rng.weighted(&[(0, 20), (1, 35), (2, 25), (3, 12), (-1, 8)]);
    let days = if days < 0 { rng.range(4, 9) } else { days };
    let resolved = if days == 0 {
        received + Duration::minutes(rng.range(60, 300))
    } else {
        at(
            cal.add_working_days(received.date(), days),
            rng.range(9, 17),
            rng.range(0, 59),
        )
    };
    // Neighbour disputes the centre cannot settle stay open.
    let stuck = ours == Some(false) && matches!(category, "噪音" | "停车") && rng.chance(0.06);
    let resolved = (!stuck && resolved <= as_of()).then_some(resolved);
    let callback = resolved
        .filter(|_| rng.chance(0.93))
        .map(|r| {
            at(
                r.date() + Duration::days(rng.range(1, 3)),
                rng.range(9, 18),
                rng.range(0, 59),
            )
        })
        .filter(|c| *c <= as_of());
    let satisfied =
        callback.and_then(|_| *rng.weighted(&[(Some(true), 86), (Some(false), 9), (None, 5)]));
    Complaint {
        received,
        channel,
        who: resident(rng),
        category,
        level,
        ours,
        summary: complaint_text(rng, category).to_string(),
        resolved,
        callback,
        satisfied,
    }
}

/// A complaint written out by hand for the planted cases.
struct Planted {
    received: NaiveDateTime,
    channel: &'static str,
    who: (&'static str, &'static str, &'static str),
    category: &'static str,
    level: &'static str,
    ours: bool,
    summary: &'static str,
    /// Working days to resolution; `None` = still open.
    resolve_after: Option<i64>,
}

fn planted_complaints(cal: &Calendar) -> Vec<Complaint> {
    let neighbour = ("7-1-1203", "周女士", "13900003721");
    let damp = ("2-2-101", "钱先生", "13800006158");
    let parking = ("10-3-502", "何女士", "13500002046");
    let garage = ("11-2-803", "蒋先生", "18600004419");
    let fee = ("4-1-1602", "沈女士", "15800007730");
    let planted = [
        // Repeat series (b), older quarter: the third is unclassified.
        Planted {
            received: at(date(2025, 10, 10), 9, 42),
            channel: "来电",
            who: parking,
            category: "停车",
            level: "轻微",
            ours: false,
            summary: "自己的车位又被外来车辆占用",
            resolve_after: Some(1),
        },
        Planted {
            received: at(date(2025, 11, 18), 19, 5),
            channel: "来电",
            who: parking,
            category: "停车",
            level: "轻微",
            ours: true,
            summary: "车位再次被占，门岗没有拦住外来车辆",
            resolve_after: Some(1),
        },
        Planted {
            received: at(date(2025, 12, 26), 8, 50),
            channel: "书面",
            who: parking,
            category: "停车",
            level: "",
            ours: true,
            summary: "第三次反映车位被占用，要求加装地锁",
            resolve_after: Some(3),
        },
        // Escalation (a) in the past: responsible, closed after 37 days.
        Planted {
            received: at(date(2026, 1, 6), 10, 15),
            channel: "来访",
            who: fee,
            category: "收费",
            level: "重要",
            ours: true,
            summary: "2025年公摊电费多收，要求核对退还",
            resolve_after: Some(24),
        },
        // Repeat series (b): renovation noise, three times in 72 days.
        Planted {
            received: at(date(2026, 3, 9), 21, 10),
            channel: "来电",
            who: neighbour,
            category: "噪音",
            level: "轻微",
            ours: false,
            summary: "楼上装修电钻声从早上7点持续到晚上9点,周末也不停",
            resolve_after: Some(1),
        },
        Planted {
            received: at(date(2026, 4, 13), 7, 40),
            channel: "网络",
            who: neighbour,
            category: "噪音",
            level: "轻微",
            ours: false,
            summary: "楼上装修又开始早上七点前施工",
            resolve_after: Some(1),
        },
        Planted {
            received: at(date(2026, 5, 20), 20, 30),
            channel: "来电",
            who: neighbour,
            category: "噪音",
            level: "轻微",
            ours: false,
            summary: "楼上装修噪音问题第三次反映，要求物业加强装修管理",
            resolve_after: Some(2),
        },
        // Repeat series (b): damp wall, four times; the last one is major.
        Planted {
            received: at(date(2026, 8, 4), 10, 5),
            channel: "来电",
            who: damp,
            category: "维修",
            level: "轻微",
            ours: true,
            summary: "一楼卧室外墙返潮渗水",
            resolve_after: Some(2),
        },
        Planted {
            received: at(date(2026, 8, 27), 15, 30),
            channel: "来访",
            who: damp,
            category: "维修",
            level: "重要",
            ours: true,
            summary: "第一次反映后维修师傅来看过\n但下雨后又开始渗水",
            resolve_after: Some(3),
        },
        Planted {
            received: at(date(2026, 9, 22), 9, 20),
            channel: "书面",
            who: damp,
            category: "维修",
            level: "重要",
            ours: true,
            summary: "外墙渗水第三次反映，墙纸已发霉，要求彻底处理",
            resolve_after: Some(3),
        },
        Planted {
            received: at(date(2026, 10, 19), 14, 0),
            channel: "来访",
            who: damp,
            category: "维修",
            level: "重大",
            ours: true,
            summary: "外墙渗水反复出现，家具受潮损坏，要求赔偿",
            resolve_after: Some(6),
        },
        // Escalation (a): responsible and still open after more than 30 days.
        Planted {
            received: at(date(2026, 9, 28), 16, 45),
            channel: "网络",
            who: garage,
            category: "维修",
            level: "重要",
            ours: true,
            summary: "地下车库B区顶板渗水滴到车上，车漆受损",
            resolve_after: None,
        },
    ];
    planted
        .into_iter()
        .map(|p| {
            let resolved = p
                .resolve_after
                .map(|n| at(cal.add_working_days(p.received.date(), n), 16, 30));
            let callback = resolved.map(|r| at(r.date() + Duration::days(2), 10, 0));
            Complaint {
                received: p.received,
                channel: p.channel,
                who: Resident {
                    room: p.who.0.into(),
                    contact: p.who.1.into(),
                    phone: p.who.2.into(),
                },
                category: p.category,
                level: p.level,
                ours: Some(p.ours),
                summary: p.summary.into(),
                resolved,
                callback,
                satisfied: resolved.map(|_| p.category != "维修"),
            }
        })
        .collect()
}

fn complaint_rows(list: &[Complaint]) -> Vec<Vec<String>> {
    let mut seq_in_month = std::collections::BTreeMap::new();
    list.iter()
        .map(|c| {
            let month = c.received.format("%Y%m").to_string();
            let seq = seq_in_month.entry(month.clone()).or_insert(0);
            *seq += 1;
            let yes_no = |b: Option<bool>, yes: &str, no: &str| match b {
                Some(true) => yes.to_string(),
                Some(false) => no.to_string(),
                None => String::new(),
            };
            vec![
                format!("TS-{month}-{seq:02}"),
                fmt_slash(c.received),
                c.channel.into(),
                c.who.room.clone(),
                c.who.contact.clone(),
                c.who.phone.clone(),
                c.category.into(),
                c.level.into(),
                yes_no(c.ours, "是", "否"),
                c.summary.clone(),
                opt(c.resolved, fmt_slash),
                opt(c.callback, fmt_slash),
                yes_no(c.satisfied, "满意", "不满意"),
                handler(c.category).into(),
            ]
        })
        .collect()
}

// ---------------------------------------------------------------------------
// surveys.csv

const SURVEY_DIMENSIONS: &[&str] = &["客服", "维修", "保洁", "安保", "绿化"];

/// Share of responses scoring 3 or less, by month: a cold January with
/// elevator breakdowns, a wet summer, a good autumn.
fn unhappy_share(y: i32, m: u32) -> f64 {
    match (y, m) {
        (2026, 1) => 0.17,
        (2025, 12) | (2026, 2) => 0.12,
        (2026, 7) | (2026, 8) => 0.12,
        (2026, 9) | (2026, 10) | (2026, 11) => 0.06,
        _ => 0.09,
    }
}

const PRAISE: &[&str] = &[
    "维修师傅很专业，点赞",
    "保洁阿姨很负责，楼道很干净",
    "门岗保安态度好",
    "前台小姑娘很耐心",
    "整体不错，继续保持",
    "绿化比去年好多了",
];

const GRIPES: &[&str] = &[
    "希望加强地库照明",
    "停车位太紧张",
    "电梯等候时间太长",
    "绿化修剪可以再勤一些",
    "报修后等的时间有点长",
    "垃圾清运不够及时",
    "夜间巡逻要加强",
];

fn survey_rows(rng: &mut Rng) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for (y, m, last) in months() {
        let n = rng.range(40, 80) * i64::from(last) / 30;
        let mut days: Vec<NaiveDate> = (0..n)
            .map(|_| {
                // Most visits happen in the second half of the month.
                let from = if rng.chance(0.7) {
                    i64::from(last) / 2
                } else {
                    1
                };
                date(y, m, rng.range(from, i64::from(last)) as u32)
            })
            .collect();
        days.sort();
        for (seq, day) in days.into_iter().enumerate() {
            let overall: i64 = if rng.chance(unhappy_share(y, m)) {
                *rng.weighted(&[(3, 70), (2, 22), (1, 8)])
            } else {
                *rng.weighted(&[(4, 48), (5, 52)])
            };
            let mut row = vec![
                format!("MY-{y}{m:02}-{:03}", seq + 1),
                day.format("%Y-%m-%d").to_string(),
                room(rng),
                overall.to_string(),
            ];
            for dim in SURVEY_DIMENSIONS {
                let skip = if *dim == "维修" { 0.25 } else { 0.06 };
                if rng.chance(skip) {
                    row.push(String::new());
                } else {
                    let delta = *rng.weighted(&[(-1, 10), (0, 75), (1, 15)]);
                    row.push((overall + delta).clamp(1, 5).to_string());
                }
            }
            let comment = if rng.chance(0.3) {
                if overall >= 4 {
                    rng.pick(PRAISE).to_string()
                } else {
                    rng.pick(GRIPES).to_string()
                }
            } else {
                String::new()
            };
            row.push(comment);
            rows.push(row);
        }
    }
    // Free text that needs quoting.
    let plant = |rows: &mut Vec<Vec<String>>, prefix: &str, text: &str| {
        if let Some(row) = rows.iter_mut().find(|r| r[0].starts_with(prefix)) {
            let last = row.len() - 1;
            row[last] = text.to_string();
        }
    };
    plant(&mut rows, "MY-202603", "保洁很好,就是垃圾桶旁边有点臭");
    plant(
        &mut rows,
        "MY-202606",
        "1. 希望增加儿童游乐设施\n2. 晚上小区路灯太暗",
    );
    rows
}

fn survey_header() -> Vec<&'static str> {
    let mut header = vec!["编号", "日期", "房号", "总体"];
    header.extend(SURVEY_DIMENSIONS);
    header.push("意见");
    header
}

// ---------------------------------------------------------------------------
// holidays.csv

/// Every holiday and make-up day of `years`, in date order.
fn holiday_rows(years: &[i32]) -> Vec<Vec<String>> {
    let cal = Calendar::new();
    let mut rows: Vec<(NaiveDate, &str)> = cal.off.iter().map(|d| (*d, "休")).collect();
    rows.extend(cal.on.iter().map(|d| (*d, "班")));
    rows.retain(|(d, _)| years.contains(&d.year()));
    rows.sort();
    rows.into_iter()
        .map(|(d, kind)| vec![d.format("%Y-%m-%d").to_string(), kind.to_string()])
        .collect()
}

// ---------------------------------------------------------------------------
// Writing

/// CSV text with CRLF record ends; cells with commas, quotes or line breaks
/// are quoted (a line break inside a cell stays a bare LF, as spreadsheets
/// write it).
fn csv_text(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header).expect("write to memory");
    for row in rows {
        assert_eq!(row.len(), header.len(), "row width");
        writer.write_record(row).expect("write to memory");
    }
    let bytes = writer.into_inner().expect("flush to memory");
    String::from_utf8(bytes).expect("generated text is UTF-8")
}

fn write_utf8_bom(path: &Path, text: &str) -> std::io::Result<()> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(path, bytes)
}

fn write_gb18030(path: &Path, text: &str) -> std::io::Result<()> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable, "GB18030 encodes every character");
    std::fs::write(path, bytes)
}

/// The invariants that keep the logs free of row errors.
fn check_repairs(repairs: &[Repair]) {
    let ids: BTreeSet<&str> = repairs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), repairs.len(), "repair ids are unique");
    for r in repairs {
        let times = [r.dispatched, r.arrived, r.agreed, r.completed];
        assert!(r.reported <= as_of(), "{} reported after as_of", r.id);
        for t in times.into_iter().flatten() {
            assert!(t <= as_of(), "{} has a time after as_of", r.id);
        }
        if let Some(c) = r.completed {
            assert!(c >= r.reported, "{} completed before reported", r.id);
        }
        if !r.rework_of.is_empty() {
            assert!(
                ids.contains(r.rework_of.as_str()),
                "{} reworks a missing order",
                r.id
            );
        }
    }
}

fn check_complaints(list: &[Complaint]) {
    for c in list {
        for t in [Some(c.received), c.resolved, c.callback]
            .into_iter()
            .flatten()
        {
            assert!(t <= as_of(), "complaint time after as_of");
        }
        if let Some(r) = c.resolved {
            assert!(r >= c.received, "resolved before received");
        }
    }
}

fn main() -> std::io::Result<()> {
    let out = Path::new("data");
    std::fs::create_dir_all(out)?;
    let cal = Calendar::new();

    let repairs = gen_repairs(&mut Rng::new(1));
    check_repairs(&repairs);
    let complaints = gen_complaints(&mut Rng::new(2), &cal);
    check_complaints(&complaints);
    let surveys = survey_rows(&mut Rng::new(3));

    write_utf8_bom(
        &out.join("repairs.csv"),
        &csv_text(REPAIR_HEADER, &repair_rows(&repairs)),
    )?;
    write_gb18030(
        &out.join("complaints.csv"),
        &csv_text(COMPLAINT_HEADER, &complaint_rows(&complaints)),
    )?;
    write_utf8_bom(
        &out.join("surveys.csv"),
        &csv_text(&survey_header(), &surveys),
    )?;
    write_utf8_bom(
        &out.join("holidays.csv"),
        &csv_text(&["日期", "类型"], &holiday_rows(&[2025, 2026])),
    )?;
    // `wuye init` gives a new estate this year's calendar.
    write_utf8_bom(
        Path::new("src/init/estate/data/holidays.csv"),
        &csv_text(&["日期", "类型"], &holiday_rows(&[2026])),
    )?;
    eprintln!(
        "wrote data/: {} repairs, {} complaints, {} survey responses",
        repairs.len(),
        complaints.len(),
        surveys.len()
    );
    Ok(())
}
