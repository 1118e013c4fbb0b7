#!/usr/bin/env python3
"""Hand-computed checks of metrics_oracle.py on tiny estates.

Run: python3 scripts/oracle/test_oracle.py
Every expected number below was worked out by hand from data-contract.md
(the reasoning is in the comments), not by running the oracle.
"""

import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import metrics_oracle  # noqa: E402


def estate(toml: str, files: dict[str, tuple[str, str]]) -> Path:
    """files: name -> (text, encoding)."""
    root = Path(tempfile.mkdtemp(prefix="oracle-test-"))
    (root / "data").mkdir()
    (root / "wuye.toml").write_text(toml, encoding="utf-8")
    for name, (text, enc) in files.items():
        data = text.encode("utf-8") if enc == "bom" else text.encode(enc)
        if enc == "bom":
            data = b"\xef\xbb\xbf" + data
        (root / "data" / name).write_bytes(data)
    return root


REPAIRS = """\
工单号,报修时间,级别,类别,派单时间,到场时间,约定时间,完工时间,验收合格,返修单号
A,2026-03-01 08:00,小修,水电,2026-03-01 08:10,,,2026-03-02 08:00,是,
B,2026/3/1 09:00,Minor , 水电 ,2026-03-01 09:11,,,2026-03-02T09:01:00,no,
C,2026年3月1日 10:00,中修,,2026-03-01 09:55,,2026-03-02 10:00,2026-03-05 10:00,,
D,2026-03-01 11:00,急修,,2026-03-10 12:05,2026-03-01 11:30,2026-03-01 12:00,2026-03-01 13:00,合格,
E,2026-03-01 12:00,EMERGENCY,,,2026-03-01 12:31,,2026-03-01 14:00,不合格,A
F,2026-03-02 08:00,emergency,,,,,2026-03-02 10:00,,Z
G,2026-03-09 12:00,minor,,,,,,,
H,2026-03-09 11:59,minor,,,,,,,
I,2026-03-10 11:40,急修,,,,,,,
J,2026-03-10 12:01,minor,,,,,,,
K,2026-03-05 08:00,minor,,,,,2026-03-10 12:01,yes,
Z,2026-03-02 09:00,小修,门窗,,,,2026-03-02 10:00,,
P,2026-02-10,minor,,,,,2026-02-10 02:00,1,
X1,2026-03-03 08:00,大修,,,,,,,
A,2026-03-03 08:00,minor,,,,,,,
X2,2026-03-03 08:00,minor,,,,,2026-03-03 07:59,,
X3,2026-03-03 08:00,minor,,,,,,,a
X4,2026-02-30 08:00,minor,,,,,,,
X5,2026-03-03 08:00,minor,,,,,,maybe,
,2026-03-03 08:00,minor,,,,,,,
X6,,minor,,,,,,,
"""


class RepairTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        root = estate('name = "t"\nas_of = "2026-03-10 12:00"\n', {"repairs.csv": (REPAIRS, "gb18030")})
        cls.m = metrics_oracle.compute(root, None)["repairs"]

    def test_march_counts(self):
        m = self.m["2026-03"]
        # valid March orders: A B C D E F G H I K Z (J is after as_of; X* are bad rows,
        # the second A is a duplicate)
        self.assertEqual(m["orders"], 11)
        self.assertEqual(m["completed"], 7)  # A B C D E F Z; K completed after as_of
        self.assertEqual(m["open"], 4)  # G H I K
        # due: 7 completed + H (deadline 11:59 < as_of) + K (deadline 03-06 08:00);
        # G's deadline equals as_of (not before it), I is inside its 30 minutes
        self.assertEqual(m["due"], 9)
        # timely: A (exactly 24 h), C (agreed + 3 days exactly), D (30 min exactly), Z
        self.assertEqual(m["timely"], 4)
        self.assertAlmostEqual(m["timeliness_rate"], 4 / 9)
        # inspected: A B D E (C, F, Z have none; K is open so its yes is ignored)
        self.assertEqual((m["inspected"], m["passed"]), (4, 2))
        self.assertEqual(m["pass_rate"], 0.5)
        self.assertEqual(m["rework"], 2)  # E (of A), F (of later Z)
        self.assertAlmostEqual(m["rework_rate"], 2 / 11)
        # dispatched: A (10 min: in time), B (11 min), C (-5 min: in time); D after as_of
        self.assertEqual((m["dispatched"], m["dispatched_in_time"]), (3, 2))
        self.assertEqual(m["by_level"], {"minor": 6, "medium": 1, "emergency": 4})
        self.assertEqual(m["by_category"], {"水电": 2, "": 8, "门窗": 1})

    def test_completion_hours(self):
        h = self.m["2026-03"]["completion_hours"]
        # minor: Z 1 h, A 24 h, B 24 h 1 min
        self.assertEqual(h["minor"]["n"], 3)
        self.assertEqual(h["minor"]["median"], 24)
        self.assertAlmostEqual(h["minor"]["p90"], 24 + 0.8 / 60)  # rank 1.8
        self.assertEqual(h["medium"], {"n": 1, "median": 96.0, "p90": 96.0})
        self.assertEqual(h["emergency"], {"n": 3, "median": 2.0, "p90": 2.0})

    def test_quarter_adds_february(self):
        q = self.m["2026Q1"]
        self.assertEqual(q["orders"], 12)
        self.assertEqual(q["timely"], 5)  # P: 2 h for a minor
        self.assertEqual((q["inspected"], q["passed"]), (5, 3))
        self.assertEqual(sorted(self.m), ["2026-02", "2026-03", "2026Q1"])


COMPLAINTS = """\
ID,Received_At,Channel,Room,Category,Level,Ours,Resolved_At,Callback_At,Callback_Satisfied
C1,2026-03-06 17:00,来电,1-101,保洁,轻微,否,2026-03-11 23:59,2026-03-12 10:00,是
C2,2026-03-06 18:00,WeChat,,,,,2026-03-12 00:00,,否
C3,2026-03-16 10:00,Phone,,,Important,,2026-03-21 09:00,2026-03-24 00:00,yes
C4,2026-03-18 10:00,网络,,,,,2026-03-21 20:00,2026-03-25 10:00,yes
C5,2026-03-19 09:00,,,,major,,,,
C6,2026-03-20 09:00,visit,,,,,,,
C7,2026-03-23 09:00,书面,,,,,2026-03-24 00:00,2026-03-23 20:00,n
C8,2026-03-22 09:00,ONLINE,,,,,2026-03-25 09:00,,yes
C9,2026-03-24 00:01,phone,,,,,,,
"""
HOLIDAYS = "日期,类型\n2026-03-17,休\n2026-03-21,班\n2026-03-21,休\n"


class ComplaintTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        root = estate('name = "t"\nas_of = "2026-03-24 00:00"\n', {
            "complaints.csv": (COMPLAINTS, "bom"), "holidays.csv": (HOLIDAYS, "utf-8")})
        cls.m = metrics_oracle.compute(root, None)["complaints"]

    def test_march(self):
        m = self.m["2026-03"]
        self.assertEqual(m["received"], 8)
        self.assertEqual(m["resolved"], 5)  # C1 C2 C3 C4 C7 (C8 resolved after as_of)
        # last allowed days: C1, C2 Wed 03-11; C3 Fri 03-20 (Tue 17 is a holiday);
        # C4 Sat 03-21 (make-up workday; its later 休 listing is an error);
        # C5 Mon 03-23 -> due because as_of is 00:00 of 03-24; C6 Tue 03-24, C8 Wed 03-25: not due
        self.assertEqual(m["due"], 6)
        self.assertEqual(m["on_time"], 3)  # C1, C4, C7
        self.assertEqual(m["callbacks"], 3)  # C1, C3 (at as_of), C7 (before resolution)
        self.assertAlmostEqual(m["callback_rate"], 3 / 5)
        # results: C1 是, C2 否 (no callback_at needed), C3 yes, C7 n; C4 callback after
        # as_of, C8 resolved after as_of
        self.assertEqual((m["callback_results"], m["callback_satisfied"]), (4, 2))
        self.assertEqual(m["by_level"], {"major": 1, "important": 1, "minor": 1, "unclassified": 5})
        self.assertEqual(m["by_channel"], {"phone": 2, "WeChat": 1, "online": 2, "": 1, "visit": 1, "letter": 1})


ESCALATIONS = """\
编号,受理时间,房号,类别,级别,我方责任,办结时间
E1,2026-02-01 10:00,9-1,收费,,yes,2026-03-03 10:00
E2,2026-02-01 11:00,9-2,收费,重要,是,2026-03-03 11:01
E3,2026-02-22 00:00,9-3,收费,,y,
E4,2026-02-21 23:59,9-4,收费,,1,
E5,2026-02-01 12:00,9-5,收费,major,yes,2026-03-25 00:00
E6,2026-01-01 12:00,9-6,收费,,no,
R1,2025-12-01 10:00,2-201,噪音,,,
R2,2026-01-15 10:00, 2-201 ,噪音,,,
R3,2026-03-01 10:00,2-201,噪音,,,
R4,2026-03-01 10:00,2-201,噪音,重大,,
S1,2025-12-01 09:59,3-301,停车,,,
S2,2026-01-10 10:00,3-301,停车,,,
S3,2026-03-01 10:00,3-301,停车,,,
N1,2026-03-01 10:00,,保洁,,,
N2,2026-03-01 10:00,,保洁,,,
N3,2026-03-01 10:00,,保洁,,,
T1,2026-01-01 10:00,5-501,收费,minor,,2026-01-02 10:00
T2,2026-01-05 10:00,5-501,收费,minor,,
T3,2026-01-10 10:00,5-501,收费,minor,yes,
"""


class EscalationTests(unittest.TestCase):
    def test_list(self):
        root = estate('name = "t"\nas_of = "2026-03-24 00:00"\n', {"complaints.csv": (ESCALATIONS, "utf-8")})
        got = metrics_oracle.compute(root, None)["escalations"]
        self.assertEqual(got, [
            {"id": "E2", "reasons": ["a"], "level": "important"},  # resolved 30 d 1 min
            {"id": "E4", "reasons": ["a"], "level": None},  # open 30 d 1 min at as_of
            # R3 and R4 both see 4 in the window (identical timestamps, first exactly
            # 90 days back); R4 is major
            {"id": "R3", "reasons": ["b"], "level": None},
            {"id": "T3", "reasons": ["a", "b"], "level": "minor"},
        ])


SURVEYS = """\
编号,日期,总体,客服,保洁 ,备注
S1,2026-03-01,5,4,,纸质
S2,2026-03-02,3.5,3,4.5,
S3,2026-03-24,4,,2,
S4,2026-03-25,5,5,5,
S5,2026-03-03,6,4,4,
S6,2026-03-03,4,好,4,
S1,2026-03-03,4,4,4,
"""


class SurveyTests(unittest.TestCase):
    def test_march(self):
        root = estate('name = "t"\nhouseholds = 10\nas_of = "2026-03-24 00:00"\n',
                      {"surveys.csv": (SURVEYS, "gb18030")})
        m = metrics_oracle.compute(root, None)["surveys"]["2026-03"]
        self.assertEqual((m["responses"], m["satisfied"]), (3, 2))
        self.assertAlmostEqual(m["overall_mean"], 12.5 / 3)
        self.assertAlmostEqual(m["response_rate"], 0.3)
        self.assertEqual(m["dimensions"], {
            "客服": {"answered": 2, "satisfied": 1, "rate": 0.5, "mean": 3.5},
            "保洁": {"answered": 2, "satisfied": 1, "rate": 0.5, "mean": 3.25},
        })


class ParseTests(unittest.TestCase):
    def test_datetimes(self):
        p = metrics_oracle.parse_datetime
        for text in ["2026-03-05 14:30", "2026-03-05 14:30:00", "2026-03-05T14:30:00",
                     "2026/3/5 14:30", "2026年3月5日 14:30"]:
            self.assertEqual(str(p(text)), "2026-03-05 14:30:00", text)
        self.assertEqual(str(p("2026-03-05")), "2026-03-05 00:00:00")
        for bad in ["2026-02-30", "2026-03-05 24:00", "5/3/2026", "", "tomorrow"]:
            self.assertIsNone(p(bad), bad)


if __name__ == "__main__":
    unittest.main()
