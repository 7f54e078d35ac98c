#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""thidua-cli check, end to end (TAP): exit status and the JSON shape of domain/interchange.md.

    test-check.py PATH/TO/thidua-cli

Plans are written by the test itself (JSON, and .thidua through thidua-cli convert), plus the
embedded sample (thidua-cli new) and the bad files of $TD_TEST_FILES/plans.
"""

import copy
import json
import os
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(os.environ.get("TD_TEST_FILES", os.path.join(HERE, "..", "files")), "plans")

RULES = {"R-MODE", "R-CAP1", "R-CAP2", "R-MIX", "R-PRIO", "R-QUOTA", "R-APPROVE", "R-WINDOW",
         "R-ORDER", "R-SUBMIT", "R-HALFDAY", "R-PILOT", "R-VET"}
SEVERITIES = {"error", "warning", "info"}
FIELDS = {None, "date", "mode", "delegates", "quotas", "agenda", "submissions", "pilot"}
# Before every deadline of the plans below, so that R-SUBMIT does not depend on the real date.
EARLY = "2019-08-01"

tests = []


def test(func):
    tests.append(func)
    return func


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, LANGUAGE="en", LC_ALL="C.UTF-8"))
    return p.returncode, p.stdout, p.stderr


def person(pid, unit, leader=False, gender="female", sector="state"):
    return {"id": pid, "family_middle": "Nguyễn Thị", "given": "Người " + pid, "gender": gender,
            "birth_year": 1980, "ethnicity": "Kinh", "position": "Giáo viên", "unit": unit,
            "leader": leader, "category": "leader" if leader else "direct_worker",
            "sector": sector, "note": ""}


def conference(cid, unit, mode, date, delegates, **extra):
    c = {"id": cid, "unit": unit, "form": "Hội nghị Điển hình tiên tiến", "mode": mode,
         "date": date, "start": "07:30", "venue": "Hội trường", "pilot": False,
         "submissions": {"plan": None, "schedule": None, "draft_report": None, "content": None},
         "agenda": [], "quotas": [], "delegates": delegates, "documents": {}}
    c.update(extra)
    return c


def clean_plan():
    """A district and one commune, every rule satisfied."""
    people = [person("p%d" % i, "thanh-phuoc", leader=(i == 1)) for i in range(1, 5)]
    approval = {"decision": "05/QĐ-HĐTĐKT", "date": "2020-03-20",
                "council": "Hội đồng Thi đua - Khen thưởng xã Thanh Phước"}
    return {
        "format": "thidua-plan",
        "version": 1,
        "plan": {
            "title": "Kế hoạch thử", "number": "01/KH-UBND", "superior": "",
            "issuer": "UBND HUYỆN GÒ DẦU", "place": "Gò Dầu", "date": "2019-12-02",
            "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "deputy": "", "title": "CHỦ TỊCH",
                       "name": "Lê Văn Tâm"},
            "parameters": {
                "plenary_staff_threshold": 200, "grassroots_delegate_cap": 150,
                "upper_delegate_cap": 300, "leader_share_max_percent": 30,
                "half_day_minutes": 270,
                "windows": {"grassroots": ["2020-01-01", "2020-03-31"],
                            "upper": ["2020-04-01", "2020-06-30"],
                            "pilot": ["2020-04-01", "2020-04-30"],
                            "province": ["2020-07-01", "2020-09-30"]},
            },
        },
        "units": [
            {"id": "godau", "name": "Huyện Gò Dầu", "level": "upper", "parent": None,
             "staff": 420},
            {"id": "thanh-phuoc", "name": "UBND xã Thanh Phước", "level": "grassroots",
             "parent": "godau", "staff": 45},
        ],
        "people": people,
        "conferences": [
            conference("c-thanh-phuoc", "thanh-phuoc", "plenary", "2020-03-10",
                       [{"person": p["id"], "role": "delegate", "approval": None}
                        for p in people]),
            conference("c-godau", "godau", "representative", "2020-05-12",
                       [{"person": "p2", "role": "delegate", "approval": approval}],
                       quotas=[{"unit": "thanh-phuoc", "seats": 1}]),
        ],
    }


def write(folder, name, document):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=1)
    return path


def check_json(path, *extra):
    code, out, err = run("check", path, "--json", "--today", EARLY, *extra)
    check(code in (0, 1), "%s: exit %d (stderr %r)" % (path, code, err))
    try:
        doc = json.loads(out)
    except ValueError as e:
        raise Failure("%s: stdout is not JSON (%s): %r" % (path, e, out[:200]))
    check(isinstance(doc, dict) and list(doc.keys()) == ["violations"],
          "top level must be {\"violations\": [...]}, got %r" % list(doc)[:5])
    check(isinstance(doc["violations"], list), "violations is not a list")
    for v in doc["violations"]:
        for key in ("rule", "severity", "conference", "unit", "message"):
            check(key in v, "violation without %r: %r" % (key, v))
        check(v["rule"] in RULES, "unknown rule %r" % v["rule"])
        check(v["severity"] in SEVERITIES, "unknown severity %r" % v["severity"])
        check(isinstance(v["message"], str) and v["message"], "empty message: %r" % v)
        check(v["conference"] is None or isinstance(v["conference"], str), "conference: %r" % v)
        check(isinstance(v["unit"], str), "unit: %r" % v)
        check(v.get("field") in FIELDS, "field: %r" % v)
        check(isinstance(v.get("people", []), list), "people: %r" % v)
    has_errors = any(v["severity"] == "error" for v in doc["violations"])
    check(code == (1 if has_errors else 0),
          "%s: exit %d with errors=%s" % (path, code, has_errors))
    return code, doc["violations"]


@test
def clean_plan_exits_0_with_no_violations(tmp):
    path = write(tmp, "clean.json", clean_plan())
    code, violations = check_json(path)
    check(code == 0, "exit %d" % code)
    check(violations == [], "expected no violations, got %r" % violations)
    code, out, err = run("check", path, "--today", EARLY)
    check(code == 0 and err == "", "text mode: exit %d, stderr %r" % (code, err))


@test
def warnings_only_exit_0(tmp):
    plan = clean_plan()
    plan["conferences"][0]["agenda"] = [
        {"start": "07:30", "minutes": 20, "title": "Tham luận: nông thôn mới",
         "presenter": "Nguyễn Thị Người p3", "kind": "talk", "vetted": False}]
    code, violations = check_json(write(tmp, "warn.json", plan))
    check(code == 0, "exit %d" % code)
    check([(v["rule"], v["severity"], v["conference"], v["unit"], v.get("field"))
           for v in violations] == [("R-VET", "warning", "c-thanh-phuoc", "thanh-phuoc", "agenda")],
          "got %r" % violations)


def cap_plan(n):
    plan = clean_plan()
    plan["units"][1]["staff"] = 400
    people = [person("q%d" % i, "thanh-phuoc", leader=(i < n * 3 // 10)) for i in range(n)]
    plan["people"] += people
    plan["conferences"][0]["mode"] = "representative"
    plan["conferences"][0]["delegates"] = [
        {"person": p["id"], "role": "delegate", "approval": None} for p in people]
    return plan


@test
def cap1_boundary_sets_exit_status(tmp):
    for n, expected in ((150, 0), (151, 1)):
        code, violations = check_json(write(tmp, "cap%d.json" % n, cap_plan(n)))
        caps = [v for v in violations if v["rule"] == "R-CAP1"]
        check(code == expected, "%d delegates: exit %d" % (n, code))
        check(len(caps) == expected, "%d delegates: R-CAP1 %r" % (n, caps))
        if caps:
            check(caps[0]["conference"] == "c-thanh-phuoc" and caps[0]["unit"] == "thanh-phuoc",
                  "R-CAP1 names %r" % caps[0])
            check("151" in caps[0]["message"] and "150" in caps[0]["message"],
                  "message %r" % caps[0]["message"])


@test
def missing_approval_is_an_error_naming_the_person(tmp):
    plan = clean_plan()
    plan["conferences"][1]["delegates"][0]["approval"] = None
    code, violations = check_json(write(tmp, "approve.json", plan))
    check(code == 1, "exit %d" % code)
    approve = [v for v in violations if v["rule"] == "R-APPROVE"]
    check(len(approve) == 1 and approve[0]["people"] == ["p2"], "got %r" % violations)


@test
def thidua_file_checks_like_its_json(tmp):
    src = write(tmp, "cap151.json", cap_plan(151))
    dst = os.path.join(tmp, "cap151.thidua")
    code, out, err = run("convert", src, dst)
    check(code == 0, "convert: exit %d %r" % (code, err))
    code_json, from_json = check_json(src)
    code_plan, from_plan = check_json(dst)
    check(code_plan == code_json == 1, "exit %d / %d" % (code_plan, code_json))
    check(from_plan == from_json, "the .thidua gives other violations than the .json")


@test
def submissions_follow_today(tmp):
    path = write(tmp, "clean.json", clean_plan())
    # c-thanh-phuoc on 10/03/2020 is due on 10/02/2020, c-godau on 12/05 on 12/04.
    for today, expected in (("2020-02-09", 0), ("2020-02-10", 4), ("2020-04-12", 8)):
        code, out, err = run("check", path, "--json", "--today", today)
        violations = json.loads(out)["violations"]
        submit = [v for v in violations if v["rule"] == "R-SUBMIT"]
        check(code == 0, "warnings only, exit %d" % code)
        check(len(submit) == expected, "today %s: %d R-SUBMIT, expected %d" %
              (today, len(submit), expected))


@test
def sample_plan(tmp):
    path = os.path.join(tmp, "sample.json")
    code, out, err = run("new", path)
    check(code == 0, "new: exit %d %r" % (code, err))
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)
    conferences = {c["id"] for c in plan["conferences"]}
    units = {u["id"] for u in plan["units"]}
    code, violations = check_json(path)
    check(violations, "the sample shows no problem at all")
    for v in violations:
        check(v["conference"] is None or v["conference"] in conferences, "conference %r" % v)
        check(v["unit"] in units, "unit %r" % v)
    text_code, out, err = run("check", path, "--today", EARLY)
    check(text_code == code, "text mode exits %d, JSON mode %d" % (text_code, code))


@test
def unusable_input_exits_2(tmp):
    cases = [
        ("check", os.path.join(tmp, "missing.json")),
        ("check", os.path.join(FILES, "bad-syntax.json")),
        ("check", os.path.join(FILES, "bad-unknown-person.json"), "--json"),
        ("check",),
        ("check", "a.json", "b.json"),
        ("check", write(tmp, "ok.json", clean_plan()), "--today", "31/03/2020"),
    ]
    for args in cases:
        if len(args) > 1 and args[1].startswith(FILES) and not os.path.exists(args[1]):
            continue
        code, out, err = run(*args)
        check(code == 2, "%s: exit %d, expected 2" % (args, code))
        check(out == "", "%s: wrote to stdout: %r" % (args, out[:200]))
        lines = err.splitlines()
        check(len(lines) == 1 and lines[0].startswith("thidua-cli: "),
              "%s: stderr %r" % (args, err))


def main():
    print("1..%d" % len(tests))
    failed = 0
    for number, func in enumerate(tests, 1):
        with tempfile.TemporaryDirectory() as tmp:
            try:
                func(tmp)
                print("ok %d %s" % (number, func.__name__))
            except Failure as e:
                failed += 1
                print("not ok %d %s" % (number, func.__name__))
                for line in str(e).splitlines():
                    print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
