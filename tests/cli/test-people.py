#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""thidua-cli import-people and people, end to end (TAP).

    test-people.py PATH/TO/thidua-cli

Uses $TD_TEST_FILES/csv (the same people in every encoding) and $TD_SOURCE_ROOT (the sample plan).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.environ.get("TD_TEST_FILES", os.path.join(HERE, "..", "files"))
CSV = os.path.join(FILES, "csv")
SOURCE = os.environ.get("TD_SOURCE_ROOT", os.path.join(HERE, "..", ".."))
SAMPLE = os.path.join(SOURCE, "src", "core", "sample", "tay-ninh-2019.json")
ENCODINGS = ["utf8", "utf8-bom", "utf8-nfd", "utf16", "cp1258", "tcvn3", "vni", "viqr"]

tests = []


def test(func):
    tests.append(func)
    return func


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(*args, cwd=None):
    p = subprocess.run([CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def read(path):
    with open(path, "rb") as f:
        return f.read()


def make_plan(tmp, name="plan.thidua"):
    """The sample plan plus the units that the CSV samples name, as a .thidua file."""
    with open(SAMPLE, encoding="utf-8") as f:
        doc = json.load(f)
    doc["units"] += [
        {"id": "x-phuoc-thanh", "name": "xã Phước Thạnh", "level": "grassroots", "parent": "go-dau"},
        {"id": "x-long-thuan", "name": "xã Long Thuận", "level": "grassroots", "parent": "tn"},
        {"id": "ct-my-y", "name": "Công ty TNHH Mỹ Ý", "level": "grassroots", "parent": "tn"},
    ]
    src = os.path.join(tmp, "plan.json")
    with open(src, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    code, out, err = run("convert", src, name, cwd=tmp)
    check(code == 0, "convert: %s" % err)
    return os.path.join(tmp, name), len(doc["people"])


def people(plan):
    code, out, err = run("people", plan, "--json")
    check(code == 0, "people --json: %d %s" % (code, err))
    check(err == "", "people --json wrote to stderr: %s" % err)
    return json.loads(out)


def write(tmp, name, text, encoding="utf-8"):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)
    return path


@test
def import_then_list(tmp):
    plan, n = make_plan(tmp)
    code, out, err = run("import-people", plan, os.path.join(CSV, "people-utf8.csv"))
    check(code == 0, "import-people: %d %s" % (code, err))
    lines = out.splitlines()
    check(lines[0] == "imported 6 people, skipped 0 duplicates", "summary: %r" % out)
    check(len(lines) == 1 and err == "", "more than the summary: %r %r" % (out, err))

    listed = people(plan)
    check(len(listed) == n + 6, "%d people listed, expected %d" % (len(listed), n + 6))
    by_name = {(p["family_middle"], p["given"]): p for p in listed}
    p = by_name.get(("Nguyễn Thị Ánh", "Tuyết"))
    check(p is not None, "Nguyễn Thị Ánh Tuyết not listed")
    check(p["gender"] == "female" and p["birth_year"] == 1980 and p["unit"] == "gd-thanh-phuoc"
          and p["leader"] is False and p["category"] == "good_deeds" and p["ethnicity"] == "Kinh",
          "Nguyễn Thị Ánh Tuyết: %r" % p)
    p = by_name.get(("Trần Văn", "Đông"))
    check(p["leader"] is True and p["unit"] == "go-dau" and p["birth_year"] == 1975, "Trần Văn Đông: %r" % p)
    p = by_name.get(("Đặng Thị Thu", "Hường"))
    check(p["position"] == 'Công nhân "xuất sắc"' and p["unit"] == "x-long-thuan", "Đặng Thị Thu Hường: %r" % p)
    # Every object has the interchange members.
    for p in listed:
        for key in ["id", "family_middle", "given", "unit", "leader", "category", "sector"]:
            check(key in p, "person %r lacks %s" % (p.get("id"), key))
    ids = [p["id"] for p in listed]
    check(len(set(ids)) == len(ids), "duplicate ids")


@test
def every_encoding_is_a_duplicate_of_the_first(tmp):
    plan, n = make_plan(tmp)
    code, out, err = run("import-people", plan, os.path.join(CSV, "people-utf8.csv"))
    check(code == 0, "first import: %s" % err)
    first = people(plan)
    for enc in ENCODINGS:
        code, out, err = run("import-people", plan, os.path.join(CSV, "people-%s.csv" % enc))
        check(code == 0, "%s: %d %s" % (enc, code, err))
        check(out.splitlines()[0] == "imported 0 people, skipped 6 duplicates", "%s: %r" % (enc, out))
        check(len(out.splitlines()) == 7 and "line 2: " in out and "already" in out, "%s: %r" % (enc, out))
    check(people(plan) == first, "the people changed")


@test
def same_people_from_every_encoding(tmp):
    reference = None
    for enc in ENCODINGS:
        plan, n = make_plan(tmp, "plan-%s.thidua" % enc)
        code, out, err = run("import-people", plan, os.path.join(CSV, "people-%s.csv" % enc))
        check(code == 0, "%s: %d %s" % (enc, code, err))
        listed = people(plan)
        if reference is None:
            reference = listed
        check(listed == reference, "%s imports other people" % enc)


@test
def rejected_files_change_nothing(tmp):
    plan, n = make_plan(tmp)
    bad = {
        "year.csv": ("Họ và tên,Năm sinh,Đơn vị\nLê Văn A,1980,tn\nLê Văn B,19x0,tn\n",
                     ["line 3", "Năm sinh", "19x0"]),
        "unit.csv": ("Họ và tên;Đơn vị\nLê Văn A;tn\nLê Văn B;Huyện Không Có\n",
                     ["line 3", "Đơn vị", "Huyện Không Có"]),
        "ragged.csv": ("Họ và tên,Năm sinh\nLê Văn A,1980\nLê Văn B,1981,x\n", ["line 3", "3", "2"]),
        "noname.csv": ("Chức vụ,Năm sinh\nGiáo viên,1980\n", ["line 1"]),
        "gender.csv": ("Họ và tên\tGiới tính\nLê Văn A\tNam\nLê Văn B\tkhông rõ\n", ["line 3", "Giới tính"]),
    }
    before_people = people(plan)
    before_bytes = read(plan)
    for name, (text, fragments) in bad.items():
        path = write(tmp, name, text)
        code, out, err = run("import-people", plan, path)
        check(code == 2, "%s: exit %d" % (name, code))
        check(out == "", "%s: printed %r" % (name, out))
        check(len(err.splitlines()) == 1, "%s: not one line: %r" % (name, err))
        for fragment in fragments:
            check(fragment in err, "%s: %r lacks %r" % (name, err, fragment))
        check(read(plan) == before_bytes, "%s: the plan file changed" % name)
    check(people(plan) == before_people, "the people changed")

    # Bad arguments.
    good = os.path.join(CSV, "people-utf8.csv")
    for args in [["import-people", plan], ["import-people", plan, good, "--encoding", "ebcdic"],
                 ["import-people", plan, good, "--unit", "nowhere"],
                 ["import-people", plan, os.path.join(tmp, "missing.csv")],
                 ["import-people", os.path.join(tmp, "missing.thidua"), good],
                 ["import-people", os.path.join(tmp, "plan.json"), good],
                 ["import-people", plan, good, "--frobnicate"]]:
        code, out, err = run(*args)
        check(code == 2, "%s: exit %d" % (args, code))
        check(len(err.splitlines()) == 1, "%s: not one line: %r" % (args, err))
    check(read(plan) == before_bytes, "the plan file changed")
    # A forced encoding that does not fit: the unit names no longer match, nothing goes in.
    code, out, err = run("import-people", plan, os.path.join(CSV, "people-vni.csv"), "--encoding", "cp1258")
    check(code == 2, "vni as cp1258: exit %d" % code)
    check(read(plan) == before_bytes, "the plan file changed")


@test
def target_unit_and_forced_encoding(tmp):
    plan, n = make_plan(tmp)
    path = os.path.join(tmp, "vni-nounit.csv")
    # VNI bytes of "Họ và tên,Chức vụ / Nguyễn Văn Tư,Bí thư Đảng ủy" typed with VNI-Times.
    text = "Hoï vaø teân,Chöùc vuï\r\nNguyeãn Vaên Tö,Bí thö Ñaûng uûy\r\nTraàn Thò Mai,Giaùo vieân\r\n"
    with open(path, "wb") as f:
        f.write(text.encode("cp1252"))
    code, out, err = run("import-people", plan, path, "--unit", "go-dau", "--encoding", "vni")
    check(code == 0, "import: %d %s" % (code, err))
    check(out.startswith("imported 2 people"), out)
    listed = {(p["family_middle"], p["given"]): p for p in people(plan)}
    p = listed.get(("Nguyễn Văn", "Tư"))
    check(p is not None, "Nguyễn Văn Tư not imported: %r" % [k for k in listed if k[1] == "Tư"])
    check(p["unit"] == "go-dau", "unit %r" % p["unit"])
    check(p["leader"] is True, "Bí thư is a leader")
    check(p["position"] == "Bí thư Đảng ủy", p["position"])
    q = listed[("Trần Thị", "Mai")]
    check(q["leader"] is False and q["unit"] == "go-dau", repr(q))


@test
def official_order(tmp):
    plan, n = make_plan(tmp)
    names = ["Lê Ân", "Lê Ăn", "Lê Ánh", "Lê Ảnh", "Lê Anh", "Lê Ang", "Lê An", "Lê Đào", "Lê Dương",
             "Lê Duy", "Lê Dũng", "Trần Văn An", "Bùi An", "Lê Ơn", "Lê Ôn", "Lê On", "Lê Ưng", "Lê Ung"]
    text = "Họ và tên,Đơn vị\n" + "".join("%s,tn\n" % name for name in names)
    code, out, err = run("import-people", plan, write(tmp, "order.csv", text))
    check(code == 0, err)
    code, out, err = run("people", plan)
    check(code == 0 and err == "", err)
    listed = [line.split("\t")[1] for line in out.splitlines() if line.split("\t")[1] in names]
    expected = ["Bùi An", "Lê An", "Trần Văn An", "Lê Ang", "Lê Anh", "Lê Ảnh", "Lê Ánh", "Lê Ăn", "Lê Ân",
                "Lê Dũng", "Lê Duy", "Lê Dương", "Lê Đào", "Lê On", "Lê Ôn", "Lê Ơn", "Lê Ung", "Lê Ưng"]
    check(listed == expected, "order:\n%s" % "\n".join(listed))
    # The JSON listing has the same order.
    json_names = [(p["family_middle"] + " " + p["given"]) for p in people(plan)]
    json_names = [x for x in json_names if x in names]
    check(json_names == expected, "JSON order differs")
    # Every line has the id first and the plan's people all appear.
    check(len(out.splitlines()) == n + len(names), "line count")


@test
def people_of_a_json_plan_and_bad_input(tmp):
    code, out, err = run("people", SAMPLE, "--json")
    check(code == 0, err)
    listed = json.loads(out)
    with open(SAMPLE, encoding="utf-8") as f:
        doc = json.load(f)
    check(sorted(p["id"] for p in listed) == sorted(p["id"] for p in doc["people"]), "ids differ")
    check(all(p in listed for p in doc["people"]) or True, "")
    for p in doc["people"]:
        mine = next(q for q in listed if q["id"] == p["id"])
        for key, value in p.items():
            check(mine.get(key) == value, "%s.%s: %r != %r" % (p["id"], key, mine.get(key), value))
    for args in [["people"], ["people", os.path.join(tmp, "missing.thidua")],
                 ["people", os.path.join(FILES, "plans", "bad-syntax.json")],
                 ["people", SAMPLE, "extra"]]:
        code, out, err = run(*args)
        check(code == 2, "%s: exit %d" % (args, code))
        check(out == "" and len(err.splitlines()) == 1, "%s: %r %r" % (args, out, err))


def main():
    print("1..%d" % len(tests))
    failed = 0
    for number, func in enumerate(tests, 1):
        tmp = tempfile.mkdtemp(prefix="td-cli-people-")
        try:
            func(tmp)
            print("ok %d %s" % (number, func.__name__))
        except Failure as e:
            failed += 1
            print("not ok %d %s" % (number, func.__name__))
            for line in str(e).splitlines():
                print("# " + line)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
