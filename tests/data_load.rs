//! Reading the logs exactly as the data contract says: accepted spellings,
//! every error kind, line numbers, encodings. Expected values are written by
//! hand from the contract.

use chrono::{NaiveDate, NaiveDateTime};
use wuye::config::{self, Config};
use wuye::data::{self, Channel, ComplaintLevel, Logs, RepairLevel};
use wuye::diagnostics::{Diagnostic, Kind, Severity};

fn config(extra: &str) -> Config {
    config::parse(&format!("name = \"x\"\n{extra}")).expect("test config")
}

/// Writes `data/<name>` files into a fresh estate and loads them.
fn load_bytes(files: &[(&str, &[u8])], extra_config: &str) -> (Logs, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("data").join(name), bytes).unwrap();
    }
    data::load(dir.path(), &config(extra_config))
}

fn load(files: &[(&str, &str)]) -> (Logs, Vec<Diagnostic>) {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    load_bytes(&files, "")
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn errors(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics.iter().filter(|d| d.is_error()).collect()
}

/// (line, column, value, kind) of one diagnostic.
type Brief<'a> = (Option<u64>, Option<&'a str>, Option<&'a str>, Kind);

/// The brief of each diagnostic, for compact assertions.
fn summary(diagnostics: &[Diagnostic]) -> Vec<Brief<'_>> {
    diagnostics
        .iter()
        .map(|d| (d.line, d.column.as_deref(), d.value.as_deref(), d.kind))
        .collect()
}

const REPAIR_HEADER: &str = "id,reported_at,room,contact,phone,category,level,dispatched_at,arrived_at,agreed_at,delay_reason,completed_at,passed,rework_of,technician,note";

#[test]
fn missing_files_are_empty_logs() {
    let (logs, diagnostics) = load(&[]);
    assert_eq!(logs, Logs::default());
    assert!(diagnostics.is_empty());
}

#[test]
fn a_full_repair_row_becomes_a_typed_record() {
    let text = format!(
        "{REPAIR_HEADER}\nR1,2026-03-05 14:30,3栋101,王先生,13800000000, 水电 ,Minor,2026-03-05 14:35,2026-03-05 15:00,2026-03-06 09:00,业主不在家,2026-03-06 10:00,是,,李师傅,\"客厅灯不亮, 已换\"\n"
    );
    let (logs, diagnostics) = load(&[("repairs.csv", &text)]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let r = &logs.repairs[0];
    assert_eq!(r.line, 2);
    assert_eq!(r.id, "R1");
    assert_eq!(r.reported_at, at("2026-03-05 14:30"));
    assert_eq!(r.room.expose_for_internal_report(), "3栋101");
    assert_eq!(r.contact.expose_for_internal_report(), "王先生");
    assert_eq!(r.phone.expose_for_internal_report(), "13800000000");
    assert_eq!(r.category, "水电");
    assert_eq!(r.level, RepairLevel::Minor);
    assert_eq!(r.dispatched_at, Some(at("2026-03-05 14:35")));
    assert_eq!(r.arrived_at, Some(at("2026-03-05 15:00")));
    assert_eq!(r.agreed_at, Some(at("2026-03-06 09:00")));
    assert_eq!(r.delay_reason.expose_for_internal_report(), "业主不在家");
    assert_eq!(r.completed_at, Some(at("2026-03-06 10:00")));
    assert_eq!(r.passed, Some(true));
    assert_eq!(r.rework_of, None);
    assert_eq!(r.technician.expose_for_internal_report(), "李师傅");
    assert_eq!(r.note.expose_for_internal_report(), "客厅灯不亮, 已换");
    assert!(logs.bad_rows.is_empty());
}

#[test]
fn chinese_headers_in_shuffled_order_and_any_case() {
    let repairs = "级别, 完工时间 ,工单号,报修时间,验收合格,返修单号\n急修,2026-03-05 15:00,A,2026-03-05 14:00,否,\n中修,,B,2026-03-06 08:00,,A\n";
    let complaints = "办结时间,渠道,受理时间,编号,级别,我方责任,回访时间,回访满意\n2026-03-09 10:00,来访,2026-03-06 10:00,C1,重要,是,2026-03-10 10:00,不满意\n";
    let surveys = "总体,保洁,日期,意见,编号\n4.5,3,2026/3/5,很好,S1\n";
    let (logs, diagnostics) = load(&[
        ("repairs.csv", repairs),
        ("complaints.csv", complaints),
        ("surveys.csv", surveys),
    ]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(logs.repairs.len(), 2);
    assert_eq!(logs.repairs[0].level, RepairLevel::Emergency);
    assert_eq!(logs.repairs[0].completed_at, Some(at("2026-03-05 15:00")));
    assert_eq!(logs.repairs[0].passed, Some(false));
    assert_eq!(logs.repairs[1].rework_of.as_deref(), Some("A"));
    let c = &logs.complaints[0];
    assert_eq!(c.channel, Channel::Visit);
    assert_eq!(c.level, Some(ComplaintLevel::Important));
    assert_eq!(c.ours, Some(true));
    assert_eq!(c.callback_satisfied, Some(false));
    assert_eq!(c.resolved_at, Some(at("2026-03-09 10:00")));
    assert_eq!(logs.surveys.dimensions, vec!["保洁".to_string()]);
    assert_eq!(logs.surveys.responses[0].overall, 4.5);
    assert_eq!(logs.surveys.responses[0].scores, vec![Some(3.0)]);
    assert_eq!(logs.surveys.responses[0].id, "S1");

    // English names: case, surrounding spaces, and "Reported At" spacing.
    let english = " ID ,Reported At,LEVEL\nx,2026-03-05,minor\n";
    let (logs, diagnostics) = load(&[("repairs.csv", english)]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(logs.repairs[0].reported_at, at("2026-03-05 00:00"));
}

#[test]
fn every_datetime_spelling() {
    let spellings = [
        ("2026-03-05 14:30", "2026-03-05 14:30"),
        ("2026-03-05 14:30:00", "2026-03-05 14:30"),
        ("2026-03-05T14:30:00", "2026-03-05 14:30"),
        ("2026/3/5 14:30", "2026-03-05 14:30"),
        ("2026年3月5日 14:30", "2026-03-05 14:30"),
        ("2026-03-05", "2026-03-05 00:00"),
        ("2026/3/5", "2026-03-05 00:00"),
        ("2026年3月5日", "2026-03-05 00:00"),
    ];
    let mut text = String::from("id,reported_at,level\n");
    for (i, (spelling, _)) in spellings.iter().enumerate() {
        text.push_str(&format!("R{i},{spelling},minor\n"));
    }
    let (logs, diagnostics) = load(&[("repairs.csv", &text)]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let got: Vec<NaiveDateTime> = logs.repairs.iter().map(|r| r.reported_at).collect();
    let want: Vec<NaiveDateTime> = spellings.iter().map(|(_, w)| at(w)).collect();
    assert_eq!(got, want);
}

#[test]
fn every_boolean_spelling_in_every_boolean_column() {
    let spellings = [
        ("是", Some(true)),
        ("否", Some(false)),
        ("yes", Some(true)),
        ("No", Some(false)),
        ("Y", Some(true)),
        ("n", Some(false)),
        ("TRUE", Some(true)),
        ("false", Some(false)),
        ("1", Some(true)),
        ("0", Some(false)),
        ("合格", Some(true)),
        ("不合格", Some(false)),
        ("满意", Some(true)),
        ("不满意", Some(false)),
        (" 是 ", Some(true)),
        ("", None),
    ];
    let mut repairs = String::from("id,reported_at,level,completed_at,passed\n");
    let mut complaints = String::from("id,received_at,ours,callback_satisfied\n");
    for (i, (spelling, _)) in spellings.iter().enumerate() {
        repairs.push_str(&format!("R{i},2026-03-05,minor,2026-03-06,{spelling}\n"));
        complaints.push_str(&format!("C{i},2026-03-05,{spelling},{spelling}\n"));
    }
    let (logs, diagnostics) = load(&[("repairs.csv", &repairs), ("complaints.csv", &complaints)]);
    assert!(errors(&diagnostics).is_empty(), "{diagnostics:?}");
    let want: Vec<Option<bool>> = spellings.iter().map(|(_, b)| *b).collect();
    let passed: Vec<Option<bool>> = logs.repairs.iter().map(|r| r.passed).collect();
    let ours: Vec<Option<bool>> = logs.complaints.iter().map(|c| c.ours).collect();
    let satisfied: Vec<Option<bool>> = logs
        .complaints
        .iter()
        .map(|c| c.callback_satisfied)
        .collect();
    assert_eq!(passed, want);
    assert_eq!(ours, want);
    assert_eq!(satisfied, want);
}

#[test]
fn every_level_and_channel_spelling() {
    let repairs = "id,reported_at,level\n1,2026-03-05,minor\n2,2026-03-05,小修\n3,2026-03-05,MEDIUM\n4,2026-03-05,中修\n5,2026-03-05,Emergency\n6,2026-03-05,急修\n";
    let complaints = "id,received_at,level,channel\n1,2026-03-05,major,phone\n2,2026-03-05,重大,来电\n3,2026-03-05,Important,VISIT\n4,2026-03-05,重要,来访\n5,2026-03-05,minor,online\n6,2026-03-05,轻微,网络\n7,2026-03-05,,letter\n8,2026-03-05, ,书面\n9,2026-03-05,,微信 群\n10,2026-03-05,,\n";
    let (logs, diagnostics) = load(&[("repairs.csv", repairs), ("complaints.csv", complaints)]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    use RepairLevel::*;
    let levels: Vec<RepairLevel> = logs.repairs.iter().map(|r| r.level).collect();
    assert_eq!(levels, [Minor, Minor, Medium, Medium, Emergency, Emergency]);
    let levels: Vec<Option<ComplaintLevel>> = logs.complaints.iter().map(|c| c.level).collect();
    use ComplaintLevel as C;
    assert_eq!(
        levels,
        [
            Some(C::Major),
            Some(C::Major),
            Some(C::Important),
            Some(C::Important),
            Some(C::Minor),
            Some(C::Minor),
            None,
            None,
            None,
            None
        ]
    );
    let channels: Vec<Channel> = logs.complaints.iter().map(|c| c.channel.clone()).collect();
    assert_eq!(
        channels,
        [
            Channel::Phone,
            Channel::Phone,
            Channel::Visit,
            Channel::Visit,
            Channel::Online,
            Channel::Online,
            Channel::Letter,
            Channel::Letter,
            Channel::Other("微信 群".into()),
            Channel::Other(String::new()),
        ]
    );
}

#[test]
fn missing_value() {
    let text = "工单号,报修时间,级别\n,2026-03-05,小修\nR2,,小修\nR3,2026-03-05,\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(2), Some("工单号"), None, Kind::MissingValue),
            (Some(3), Some("报修时间"), None, Kind::MissingValue),
            (Some(4), Some("级别"), None, Kind::MissingValue),
        ]
    );
    assert!(diagnostics.iter().all(|d| d.file == "data/repairs.csv"));
    assert!(
        diagnostics[0].message.contains("必填"),
        "{}",
        diagnostics[0].message
    );
    assert!(logs.repairs.is_empty());
    assert_eq!(logs.bad_rows["data/repairs.csv"], vec![2, 3, 4]);
}

#[test]
fn bad_datetime_names_value_column_and_an_accepted_spelling() {
    let text =
        "id,reported_at,level,arrived_at\nR1,2026-13-01,minor,\nR2,2026-03-05,minor,昨天下午\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (
                Some(2),
                Some("reported_at"),
                Some("2026-13-01"),
                Kind::BadDatetime
            ),
            (
                Some(3),
                Some("arrived_at"),
                Some("昨天下午"),
                Kind::BadDatetime
            ),
        ]
    );
    let message = &diagnostics[0].message;
    assert!(
        message.contains("2026-13-01") && message.contains("reported_at"),
        "{message}"
    );
    assert!(message.contains("2026-03-05 14:30"), "{message}");
    assert!(logs.repairs.is_empty());
}

#[test]
fn bad_boolean() {
    let text = "id,received_at,ours,callback_satisfied\nC1,2026-03-05,对,\nC2,2026-03-05,,还行\n";
    let (logs, diagnostics) = load(&[("complaints.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(2), Some("ours"), Some("对"), Kind::BadBoolean),
            (
                Some(3),
                Some("callback_satisfied"),
                Some("还行"),
                Kind::BadBoolean
            ),
        ]
    );
    assert!(logs.complaints.is_empty());
}

#[test]
fn bad_level() {
    let (logs, diagnostics) = load(&[
        ("repairs.csv", "id,reported_at,level\nR1,2026-03-05,大修\n"),
        (
            "complaints.csv",
            "id,received_at,level\nC1,2026-03-05,一般\n",
        ),
    ]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(2), Some("level"), Some("一般"), Kind::BadLevel),
            (Some(2), Some("level"), Some("大修"), Kind::BadLevel),
        ]
    );
    assert_eq!(diagnostics[0].file, "data/complaints.csv");
    assert!(
        diagnostics[1].message.contains("急修"),
        "{}",
        diagnostics[1].message
    );
    assert!(logs.repairs.is_empty() && logs.complaints.is_empty());
}

#[test]
fn duplicate_id_keeps_the_first() {
    let repairs = "id,reported_at,level\nR1,2026-03-05,minor\nR2,2026-03-05,minor\nR1,2026-03-06,medium\nr1,2026-03-06,medium\n";
    let complaints = "id,received_at\nC1,2026-03-05\nC1,2026-03-06\n";
    let surveys =
        "id,date,overall\nS1,2026-03-05,5\n,2026-03-05,4\n,2026-03-05,4\nS1,2026-03-06,3\n";
    let (logs, diagnostics) = load(&[
        ("repairs.csv", repairs),
        ("complaints.csv", complaints),
        ("surveys.csv", surveys),
    ]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(3), Some("id"), Some("C1"), Kind::DuplicateId),
            (Some(4), Some("id"), Some("R1"), Kind::DuplicateId),
            (Some(5), Some("id"), Some("S1"), Kind::DuplicateId),
        ]
    );
    assert!(
        diagnostics[1].message.contains("第 2 行"),
        "{}",
        diagnostics[1].message
    );
    // Ids are case-sensitive: r1 is another order.
    let ids: Vec<&str> = logs.repairs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2", "r1"]);
    assert_eq!(logs.repairs[0].level, RepairLevel::Minor);
    assert_eq!(logs.complaints.len(), 1);
    assert_eq!(logs.surveys.responses.len(), 3);
    assert_eq!(logs.bad_rows["data/surveys.csv"], vec![5]);
}

#[test]
fn a_bad_first_row_still_owns_its_id() {
    let text = "id,reported_at,level\nR1,bad,minor\nR1,2026-03-05,minor\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(2), Some("reported_at"), Some("bad"), Kind::BadDatetime),
            (Some(3), Some("id"), Some("R1"), Kind::DuplicateId),
        ]
    );
    assert!(logs.repairs.is_empty());
}

#[test]
fn completed_before_reported() {
    let text = "id,reported_at,level,completed_at\nR1,2026-03-05 14:30,minor,2026-03-05 14:29\nR2,2026-03-05 14:30,minor,2026-03-05 14:30\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(
            &errors(&diagnostics)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        ),
        [(
            Some(2),
            Some("completed_at"),
            Some("2026-03-05 14:29"),
            Kind::CompletedBeforeReported
        )]
    );
    assert_eq!(logs.repairs.len(), 1);
    assert_eq!(logs.repairs[0].id, "R2");
}

#[test]
fn resolved_before_received_but_callback_before_resolution_is_fine() {
    let text = "id,received_at,resolved_at,callback_at\nC1,2026-03-05 10:00,2026-03-04,\nC2,2026-03-05 10:00,2026-03-06,2026-03-05 11:00\n";
    let (logs, diagnostics) = load(&[("complaints.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [(
            Some(2),
            Some("resolved_at"),
            Some("2026-03-04"),
            Kind::ResolvedBeforeReceived
        )]
    );
    assert_eq!(logs.complaints.len(), 1);
    assert_eq!(logs.complaints[0].callback_at, Some(at("2026-03-05 11:00")));
}

#[test]
fn rework_of_must_name_an_order_of_the_file() {
    // R2 names a later order (fine), R3 names a bad row's id (fine: it is
    // in the file), R4 names nothing.
    let text = "id,reported_at,level,rework_of\nR1,2026-03-05,minor,\nR2,2026-03-05,minor,R9\nR3,2026-03-05,minor,BAD\nR4,2026-03-05,minor,R7\nR9,2026-03-06,minor,\nBAD,2026-03-06,huge,\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (
                Some(5),
                Some("rework_of"),
                Some("R7"),
                Kind::UnknownReworkOf
            ),
            (Some(7), Some("level"), Some("huge"), Kind::BadLevel),
        ]
    );
    let ids: Vec<&str> = logs.repairs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2", "R3", "R9"]);
    assert_eq!(logs.bad_rows["data/repairs.csv"], vec![5, 7]);
}

#[test]
fn arrival_and_dispatch_before_report_are_not_errors() {
    let text = "id,reported_at,level,dispatched_at,arrived_at\nR1,2026-03-05 10:00,emergency,2026-03-05 09:50,2026-03-05 09:55\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(logs.repairs[0].arrived_at, Some(at("2026-03-05 09:55")));
}

#[test]
fn survey_scores_decimals_range_and_free_text_columns() {
    let text = "编号,日期,房号,总体,客服,维修,备注,意见\n1,2026-03-05,1-101,4.5,5,,随便写,很好\n2,2026-03-05,,6,3,0.5,,\n3,2026-03-05,,4,很好,2,,\n4,2026-03-05,,五,,,,\n5,2026-03-05,,1,1,5,,\n";
    let (logs, diagnostics) = load(&[("surveys.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(3), Some("总体"), Some("6"), Kind::ScoreOutOfRange),
            (Some(3), Some("维修"), Some("0.5"), Kind::ScoreOutOfRange),
            (Some(4), Some("客服"), Some("很好"), Kind::BadNumber),
            (Some(5), Some("总体"), Some("五"), Kind::BadNumber),
        ]
    );
    assert!(
        diagnostics[2].message.contains("备注"),
        "{}",
        diagnostics[2].message
    );
    assert!(
        diagnostics[0].message.contains("1 到 5"),
        "{}",
        diagnostics[0].message
    );
    // Out of range in a dimension: maybe not a score column at all.
    assert!(
        diagnostics[1].message.contains("备注"),
        "{}",
        diagnostics[1].message
    );
    assert!(
        !diagnostics[0].message.contains("备注"),
        "{}",
        diagnostics[0].message
    );
    assert_eq!(logs.surveys.dimensions, ["客服", "维修"]);
    let kept: Vec<(f64, Vec<Option<f64>>)> = logs
        .surveys
        .responses
        .iter()
        .map(|s| (s.overall, s.scores.clone()))
        .collect();
    assert_eq!(
        kept,
        [
            (4.5, vec![Some(5.0), None]),
            (1.0, vec![Some(1.0), Some(5.0)])
        ]
    );
    assert_eq!(
        logs.surveys.responses[0].note.expose_for_internal_report(),
        "随便写"
    );
}

#[test]
fn survey_scale_comes_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/surveys.csv"),
        "date,overall\n2026-03-05,10\n2026-03-05,11\n",
    )
    .unwrap();
    let config = config("[standards]\nsurvey_scale = 10\nsatisfied_min = 8\n");
    let (logs, diagnostics) = data::load(dir.path(), &config);
    assert_eq!(
        summary(&diagnostics),
        [(Some(3), Some("overall"), Some("11"), Kind::ScoreOutOfRange)]
    );
    assert_eq!(logs.surveys.responses.len(), 1);
}

#[test]
fn holidays_and_their_errors() {
    let text = "日期,类型\n2026-10-01,休\n2026/10/2,holiday\n2026-10-11,班\n2026-10-01,班\n2026-10-02,休\n2026-02-30,休\n2026-10-03,假\n,休\n";
    let (logs, diagnostics) = load(&[("holidays.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(5), Some("类型"), Some("班"), Kind::ConflictingHoliday),
            (Some(7), Some("日期"), Some("2026-02-30"), Kind::BadDatetime),
            (Some(8), Some("类型"), Some("假"), Kind::BadHolidayKind),
            (Some(9), Some("日期"), None, Kind::MissingValue),
        ]
    );
    assert!(
        diagnostics[0].message.contains("第 2 行"),
        "{}",
        diagnostics[0].message
    );
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    assert_eq!(
        logs.holidays.holidays.iter().copied().collect::<Vec<_>>(),
        [d(10, 1), d(10, 2)]
    );
    assert_eq!(
        logs.holidays.workdays.iter().copied().collect::<Vec<_>>(),
        [d(10, 11)]
    );
    assert_eq!(logs.bad_rows["data/holidays.csv"], vec![5, 7, 8, 9]);
}

#[test]
fn missing_and_duplicate_columns_stop_the_file_and_are_not_bad_rows() {
    let (logs, diagnostics) = load(&[
        (
            "repairs.csv",
            "id,room,level,房号,reported_at\nR1,101,minor,102,2026-03-05\n",
        ),
        ("complaints.csv", "编号,渠道\nC1,来电\n"),
    ]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(1), Some("受理时间"), None, Kind::MissingColumn),
            (Some(1), Some("房号"), Some("房号"), Kind::DuplicateColumn),
        ]
    );
    assert!(
        diagnostics[0].message.contains("received_at"),
        "{}",
        diagnostics[0].message
    );
    assert!(
        diagnostics[1].message.contains("room"),
        "{}",
        diagnostics[1].message
    );
    assert!(diagnostics.iter().all(Diagnostic::is_error));
    assert!(logs.repairs.is_empty() && logs.complaints.is_empty());
    assert!(logs.bad_rows.is_empty());
}

#[test]
fn a_missing_column_is_named_in_the_header_s_language() {
    let (_, diagnostics) = load(&[("repairs.csv", "id,level\n")]);
    assert_eq!(diagnostics[0].column.as_deref(), Some("reported_at"));
    let (_, diagnostics) = load(&[("repairs.csv", "工单号,级别\n")]);
    assert_eq!(diagnostics[0].column.as_deref(), Some("报修时间"));
}

#[test]
fn unknown_columns_warn_once_each() {
    let text = "id,reported_at,level,楼栋,technican\nR1,2026-03-05,minor,3栋,x\nR2,2026-03-05,minor,4栋,y\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(1), Some("楼栋"), Some("楼栋"), Kind::UnknownColumn),
            (
                Some(1),
                Some("technican"),
                Some("technican"),
                Kind::UnknownColumn
            ),
        ]
    );
    assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning));
    // A typo is answered with the nearest column the file lacks.
    assert!(
        diagnostics[1].message.contains("“technician”"),
        "{}",
        diagnostics[1].message
    );
    assert_eq!(logs.repairs.len(), 2);
}

#[test]
fn warnings_agreed_without_reason_and_completed_without_inspection() {
    let text = "id,reported_at,level,agreed_at,delay_reason,completed_at,passed\nR1,2026-03-05,minor,2026-03-07,,2026-03-07 10:00,\nR2,2026-03-05,minor,2026-03-07,业主出差,2026-03-07 10:00,是\nR3,2026-03-05,minor,,,,\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (
                Some(2),
                Some("delay_reason"),
                None,
                Kind::AgreedWithoutReason
            ),
            (
                Some(2),
                Some("passed"),
                None,
                Kind::CompletedWithoutInspection
            ),
        ]
    );
    assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning));
    // Warnings do not make a row bad.
    assert_eq!(logs.repairs.len(), 3);
    assert!(logs.bad_rows.is_empty());
}

#[test]
fn several_errors_in_one_row_are_all_reported_in_column_order() {
    let text = "level,reported_at,id,completed_at,passed\n大修,2026-03-05,,2026-03-01,也许\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [
            (Some(2), Some("level"), Some("大修"), Kind::BadLevel),
            (Some(2), Some("id"), None, Kind::MissingValue),
            (
                Some(2),
                Some("completed_at"),
                Some("2026-03-01"),
                Kind::CompletedBeforeReported
            ),
            (Some(2), Some("passed"), Some("也许"), Kind::BadBoolean),
        ]
    );
    assert!(logs.repairs.is_empty());
    assert_eq!(logs.bad_rows["data/repairs.csv"], vec![2]);
}

#[test]
fn quoted_cells_with_line_breaks_shift_later_line_numbers() {
    // Physical lines: 1 header, 2-4 record R1 (note spans 3 lines), 5 R2,
    // 6 blank, 7-8 record R3, 9 R4 (bad).
    let text = "id,reported_at,level,note\r\nR1,2026-03-05,minor,\"第一行\r\n第二行, 有逗号\r\n第三行\"\r\nR2,2026-03-05,minor,\"说 \"\"引号\"\"\"\r\n\r\nR3,2026-03-05,minor,\"a\nb\"\nR4,2026-03-05,huge,\n\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    let lines: Vec<u64> = logs.repairs.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 5, 7]);
    assert_eq!(
        logs.repairs[0].note.expose_for_internal_report(),
        "第一行\r\n第二行, 有逗号\r\n第三行"
    );
    assert_eq!(
        logs.repairs[1].note.expose_for_internal_report(),
        "说 \"引号\""
    );
    assert_eq!(
        summary(&diagnostics),
        [(Some(9), Some("level"), Some("huge"), Kind::BadLevel)]
    );
}

#[test]
fn rows_of_empty_cells_are_skipped_and_padded_rows_accepted() {
    let text = "id,reported_at,level\nR1,2026-03-05,minor,,\n,,\nR2,2026-03-05,minor\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        logs.repairs.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 4]
    );
}

#[test]
fn extra_cells_make_a_bad_row() {
    let text = "id,reported_at,level,note\nR1,2026-03-05,minor,漏水,已修\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [(Some(2), None, Some("已修"), Kind::CsvSyntax)]
    );
    assert!(logs.repairs.is_empty());
    assert_eq!(logs.bad_rows["data/repairs.csv"], vec![2]);
}

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

#[test]
fn gb18030_files_are_detected() {
    let repairs = "工单号,报修时间,房号,类别,级别,验收合格,完工时间,备注\nW-001,2026年3月5日 14:30,3栋1单元101,水电,急修,合格,2026/3/5 16:00,\"卫生间漏水,已处理\"\n";
    let holidays = "日期,类型\n2026-10-01,休\n";
    let surveys = "编号,日期,总体,绿化,意见\n1,2026-03-05,5,4,绿化很好\n";
    let (logs, diagnostics) = load_bytes(
        &[
            ("repairs.csv", &gb18030(repairs)),
            ("holidays.csv", &gb18030(holidays)),
            ("surveys.csv", &gb18030(surveys)),
        ],
        "",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let r = &logs.repairs[0];
    assert_eq!(r.id, "W-001");
    assert_eq!(r.room.expose_for_internal_report(), "3栋1单元101");
    assert_eq!(r.category, "水电");
    assert_eq!(r.level, RepairLevel::Emergency);
    assert_eq!(r.passed, Some(true));
    assert_eq!(r.note.expose_for_internal_report(), "卫生间漏水,已处理");
    assert_eq!(logs.holidays.holidays.len(), 1);
    assert_eq!(logs.surveys.dimensions, ["绿化"]);
    assert_eq!(
        logs.surveys.responses[0]
            .comment
            .expose_for_internal_report(),
        "绿化很好"
    );
}

#[test]
fn utf8_with_bom() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("编号,受理时间,渠道\r\nC1,2026-03-05 09:00,来电\r\n".as_bytes());
    let (logs, diagnostics) = load_bytes(&[("complaints.csv", &bytes)], "");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(logs.complaints[0].id, "C1");
    assert_eq!(logs.complaints[0].channel, Channel::Phone);
}

#[test]
fn encoding_override_and_a_wrong_one() {
    let bytes = gb18030("工单号,报修时间,级别\nA,2026-03-05,小修\n");
    let (logs, diagnostics) = load_bytes(
        &[("repairs.csv", &bytes)],
        "[data.encoding]\n\"repairs.csv\" = \"gbk\"\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(logs.repairs.len(), 1);

    // Forced to UTF-8, the GBK bytes cannot be decoded: one file-level
    // error, with no line, so it can never be skipped as a bad row.
    let (_, diagnostics) = load_bytes(
        &[("repairs.csv", &bytes)],
        "[data.encoding]\n\"repairs.csv\" = \"utf-8\"\n",
    );
    let encoding: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.kind == Kind::Encoding)
        .collect();
    assert_eq!(encoding.len(), 1, "{diagnostics:?}");
    assert_eq!(encoding[0].line, None);
    assert!(encoding[0].is_error());
    assert!(
        encoding[0].message.contains("第 1 行"),
        "{}",
        encoding[0].message
    );
    assert_eq!(
        diagnostics[0].kind,
        Kind::Encoding,
        "file-level problems come first"
    );
}

#[test]
fn an_empty_file_is_a_warning() {
    let (logs, diagnostics) = load(&[("repairs.csv", "")]);
    assert_eq!(summary(&diagnostics), [(None, None, None, Kind::EmptyFile)]);
    assert_eq!(diagnostics[0].severity, Severity::Warning);
    assert!(logs.repairs.is_empty());
}

#[test]
fn header_only_files_are_empty_logs() {
    // What `wuye init` writes.
    let (logs, diagnostics) = load(&[
        (
            "repairs.csv",
            "工单号,报修时间,房号,联系人,电话,类别,级别,派单时间,到场时间,约定时间,延期原因,完工时间,验收合格,返修单号,维修人员,备注\n",
        ),
        (
            "complaints.csv",
            "编号,受理时间,渠道,房号,联系人,电话,类别,级别,我方责任,内容,办结时间,回访时间,回访满意,处理部门\n",
        ),
        (
            "surveys.csv",
            "编号,日期,房号,总体,客服,维修,保洁,安保,绿化,意见\n",
        ),
        ("holidays.csv", "日期,类型\n"),
    ]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        logs.surveys.dimensions,
        ["客服", "维修", "保洁", "安保", "绿化"]
    );
}

#[test]
fn messages_follow_the_configured_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/repairs.csv"),
        "id,reported_at,level\nR1,soon,minor\n",
    )
    .unwrap();
    let (_, diagnostics) = data::load(dir.path(), &config("language = \"en\"\n"));
    let message = &diagnostics[0].message;
    assert!(
        message.starts_with("“soon” in “reported_at” is not a date"),
        "{message}"
    );
    assert!(message.contains("2026-03-05 14:30"), "{message}");
}

#[test]
fn diagnostics_are_ordered_by_file_then_line() {
    let (_, diagnostics) = load(&[
        ("surveys.csv", "date,overall\nx,5\n"),
        (
            "repairs.csv",
            "id,reported_at,level\nR1,x,minor\nR2,2026-03-05,y\n",
        ),
        ("complaints.csv", "id,received_at\nC1,x\n"),
        ("holidays.csv", "date,kind\nx,休\n"),
    ]);
    let order: Vec<(&str, Option<u64>)> = diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.line))
        .collect();
    assert_eq!(
        order,
        [
            ("data/complaints.csv", Some(2)),
            ("data/holidays.csv", Some(2)),
            ("data/repairs.csv", Some(2)),
            ("data/repairs.csv", Some(3)),
            ("data/surveys.csv", Some(2)),
        ]
    );
}

#[test]
fn utf16_with_bom_and_old_mac_line_ends() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "编号,受理时间\r\nC1,2026-03-05\r\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let (logs, diagnostics) = load_bytes(&[("complaints.csv", &bytes)], "");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(logs.complaints[0].id, "C1");

    // Lines ended by a lone CR still count as lines.
    let (logs, diagnostics) = load(&[(
        "repairs.csv",
        "id,reported_at,level\rR1,2026-03-05,minor\r\rR2,x,minor\r",
    )]);
    assert_eq!(logs.repairs[0].line, 2);
    assert_eq!(
        summary(&diagnostics),
        [(Some(4), Some("reported_at"), Some("x"), Kind::BadDatetime)]
    );
}

#[test]
fn unnamed_columns_are_ignored_until_they_hold_something() {
    let text = "id,reported_at,level,,\nR1,2026-03-05,minor,,\nR2,2026-03-05,minor,,漏写的列\nR3,2026-03-05,minor,,又一个\n";
    let (logs, diagnostics) = load(&[("repairs.csv", text)]);
    assert_eq!(
        summary(&diagnostics),
        [(Some(3), None, Some("漏写的列"), Kind::UnknownColumn)]
    );
    assert_eq!(diagnostics[0].severity, Severity::Warning);
    assert!(
        diagnostics[0].message.contains("第 5 列"),
        "{}",
        diagnostics[0].message
    );
    assert_eq!(logs.repairs.len(), 3);
}

#[test]
fn an_unreadable_file_is_an_io_error_without_a_line() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be: it exists but cannot be read.
    std::fs::create_dir_all(dir.path().join("data/repairs.csv")).unwrap();
    let (logs, diagnostics) = data::load(dir.path(), &config(""));
    assert_eq!(summary(&diagnostics), [(None, None, None, Kind::Io)]);
    assert!(diagnostics[0].is_error());
    assert!(logs.bad_rows.is_empty());
}
