#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""thidua-cli new and convert, end to end (TAP).

    test-cli.py PATH/TO/thidua-cli

Uses $TD_TEST_FILES/plans (sample good and bad files) and $TD_SOURCE_ROOT (the embedded sample).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(os.environ.get("TD_TEST_FILES", os.path.join(HERE, "..", "files")), "plans")
SOURCE = os.environ.get("TD_SOURCE_ROOT", os.path.join(HERE, "..", ".."))
SAMPLE = os.path.join(SOURCE, "src", "core", "sample", "tay-ninh-2019.json")

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
    p = subprocess.run([CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def listing(folder):
    return sorted(os.listdir(folder))


def expect_bad(args, folder, names_in_message=(), unchanged=()):
    """Exit 2, one line on stderr naming what is wrong, no new file, inputs unchanged."""
    before_files = listing(folder)
    before = {p: read(p) for p in unchanged}
    code, out, err = run(*args, cwd=folder)
    check(code == 2, "%s: exit %d, expected 2 (stderr %r)" % (args, code, err))
    lines = err.splitlines()
    check(len(lines) == 1, "%s: expected one line on stderr, got %r" % (args, err))
    check(lines[0].startswith("thidua-cli: "), "%s: message %r" % (args, lines[0]))
    for name in names_in_message:
        check(name in lines[0], "%s: %r does not name %r" % (args, lines[0], name))
    check(listing(folder) == before_files, "%s: files changed: %s -> %s" % (args, before_files, listing(folder)))
    for p, data in before.items():
        check(read(p) == data, "%s: %s was modified" % (args, p))
    return lines[0]


def is_plan_file(path):
    with open(path, "rb") as f:
        header = f.read(100)
    return header.startswith(b"SQLite format 3\0") and header[68:72] == b"TDP1"


@test
def help_and_version(tmp):
    code, out, err = run("--help")
    check(code == 0, "--help exit %d" % code)
    for command in ["new", "convert", "check", "import-people", "people", "export"]:
        check(command in out, "--help does not list %s" % command)
    code, out, err = run("--version")
    check(code == 0 and out.startswith("thidua-cli "), "--version: %d %r" % (code, out))
    code, out, err = run("convert", "--help")
    check(code == 0 and "--force" in out and ".thidua" in out, "convert --help: %r" % out)
    expect_bad(["no-such-command"], tmp, ["no-such-command"])
    code, out, err = run()
    check(code == 2, "no command: exit %d" % code)


@test
def new_sample(tmp):
    code, out, err = run("new", "plan.thidua", cwd=tmp)
    check(code == 0, "new: exit %d %r" % (code, err))
    check(is_plan_file(os.path.join(tmp, "plan.thidua")), "new did not write a plan file")
    check(listing(tmp) == ["plan.thidua"], "new left other files: %s" % listing(tmp))
    code, out, err = run("convert", "plan.thidua", "plan.json", cwd=tmp)
    check(code == 0, "convert: exit %d %r" % (code, err))
    doc = load_json(os.path.join(tmp, "plan.json"))
    check(doc == load_json(SAMPLE), "the new plan is not the embedded sample")
    check(doc["plan"]["number"] == "121/KH-UBND", "number %r" % doc["plan"]["number"])
    check(len(doc["people"]) >= 200, "only %d people" % len(doc["people"]))

    code, out, err = run("new", "tay-ninh.thidua", "--template", "tay-ninh-2019", cwd=tmp)
    check(code == 0, "new --template tay-ninh-2019: %d %r" % (code, err))
    # Plan files of the same plan hold the same rows.
    a = sqlite3.connect(os.path.join(tmp, "plan.thidua"))
    b = sqlite3.connect(os.path.join(tmp, "tay-ninh.thidua"))
    for table in ["units", "people", "conferences", "delegates", "agenda_items", "quotas"]:
        rows_a = a.execute("SELECT * FROM %s ORDER BY 1, 2" % table).fetchall()
        rows_b = b.execute("SELECT * FROM %s ORDER BY 1, 2" % table).fetchall()
        check(rows_a == rows_b and rows_a, "table %s differs or is empty" % table)
    a.close()
    b.close()


@test
def new_empty_and_json(tmp):
    code, out, err = run("new", "empty.thidua", "--template", "empty", cwd=tmp)
    check(code == 0, "new empty: %d %r" % (code, err))
    code, out, err = run("new", "empty.json", "--template=empty", cwd=tmp)
    check(code == 0, "new empty.json: %d %r" % (code, err))
    doc = load_json(os.path.join(tmp, "empty.json"))
    check(doc["format"] == "thidua-plan" and doc["version"] == 1, "format/version")
    check(doc["units"] == [] and doc["people"] == [] and doc["conferences"] == [], "not empty")
    check(doc["plan"]["parameters"]["plenary_staff_threshold"] == 200, "default parameters")
    code, out, err = run("convert", "empty.thidua", "empty2.json", cwd=tmp)
    check(code == 0 and load_json(os.path.join(tmp, "empty2.json")) == doc, "empty .thidua != empty .json")


@test
def new_refuses(tmp):
    existing = os.path.join(tmp, "plan.thidua")
    with open(existing, "w") as f:
        f.write("not mine to replace")
    expect_bad(["new", "plan.thidua"], tmp, ["plan.thidua"], unchanged=[existing])
    expect_bad(["new", "plan.thidua", "--template", "empty"], tmp, ["plan.thidua"], unchanged=[existing])
    expect_bad(["new", "other.thidua", "--template", "nowhere"], tmp, ["nowhere"])
    expect_bad(["new", "plan.txt"], tmp, ["plan.txt"])
    expect_bad(["new"], tmp)
    expect_bad(["new", "a.thidua", "b.thidua"], tmp)
    expect_bad(["new", "x.thidua", "--bogus"], tmp, ["--bogus"])
    expect_bad(["new", os.path.join(tmp, "no", "such", "folder.thidua")], tmp, ["folder.thidua"])


@test
def convert_round_trips(tmp):
    shutil.copy(SAMPLE, os.path.join(tmp, "sample.json"))
    shutil.copy(os.path.join(FILES, "good-minimal.json"), os.path.join(tmp, "minimal.json"))
    for name in ["sample", "minimal"]:
        code, out, err = run("convert", name + ".json", name + ".thidua", cwd=tmp)
        check(code == 0, "convert %s json->thidua: %d %r" % (name, code, err))
        check(is_plan_file(os.path.join(tmp, name + ".thidua")), "%s.thidua is not a plan file" % name)
        code, out, err = run("convert", name + ".thidua", name + "-back.json", cwd=tmp)
        check(code == 0, "convert %s thidua->json: %d %r" % (name, code, err))
        original = load_json(os.path.join(tmp, name + ".json"))
        back = load_json(os.path.join(tmp, name + "-back.json"))
        check(original == back, "%s: JSON -> plan -> JSON changed the document" % name)
        # .thidua -> .thidua and .json -> .json too.
        code, out, err = run("convert", name + ".thidua", name + "-copy.thidua", cwd=tmp)
        check(code == 0, "thidua->thidua: %d %r" % (code, err))
        code, out, err = run("convert", name + "-copy.thidua", name + "-copy.json", cwd=tmp)
        check(code == 0 and load_json(os.path.join(tmp, name + "-copy.json")) == original, "copy differs")
    # Pretty-printed UTF-8, not \u escapes.
    text = open(os.path.join(tmp, "minimal-back.json"), encoding="utf-8").read()
    check("Thạch Thị Sa" in text and "\n" in text, "output is not readable UTF-8")


@test
def convert_overwrite_policy(tmp):
    shutil.copy(os.path.join(FILES, "good-minimal.json"), os.path.join(tmp, "in.json"))
    out_json = os.path.join(tmp, "out.json")
    with open(out_json, "w") as f:
        f.write("old export")
    code, out, err = run("convert", "in.json", "out.json", cwd=tmp)
    check(code == 0, "an existing .json is replaced: %d %r" % (code, err))
    check(load_json(out_json) == load_json(os.path.join(tmp, "in.json")), "out.json not replaced")

    code, out, err = run("convert", "in.json", "out.thidua", cwd=tmp)
    check(code == 0, "first convert: %d" % code)
    plan = os.path.join(tmp, "out.thidua")
    expect_bad(["convert", "in.json", "out.thidua"], tmp, ["out.thidua", "--force"], unchanged=[plan])
    code, out, err = run("convert", "--force", "in.json", "out.thidua", cwd=tmp)
    check(code == 0, "--force: %d %r" % (code, err))
    check(is_plan_file(plan), "--force did not write a plan")
    expect_bad(["convert", "in.json", "in.json"], tmp, unchanged=[os.path.join(tmp, "in.json")])
    expect_bad(["convert", "in.json", "./in.json"], tmp, unchanged=[os.path.join(tmp, "in.json")])
    expect_bad(["convert", "in.json"], tmp)
    expect_bad(["convert", "in.json", "out.pdf"], tmp, ["out.pdf"])


@test
def convert_bad_json(tmp):
    cases = {
        "bad-syntax.json": [],
        "bad-unknown-person.json": ["conferences[1].delegates[0].person", "p9"],
        "bad-date.json": ["conferences[0].date"],
        "bad-type.json": ["people[1].birth_year"],
        "bad-duplicate-id.json": ["units[2]"],
        "bad-format.json": ["format"],
        "bad-too-new.json": ["version"],
    }
    for name, fragments in cases.items():
        path = os.path.join(tmp, name)
        shutil.copy(os.path.join(FILES, name), path)
        for out in ["out.thidua", "out.json"]:
            expect_bad(["convert", name, out], tmp, [name] + fragments, unchanged=[path])
    expect_bad(["convert", "missing.json", "out.thidua"], tmp, ["missing.json"])


@test
def convert_bad_plan_files(tmp):
    for name in ["text.thidua", "empty.thidua"]:
        shutil.copy(os.path.join(FILES, name), os.path.join(tmp, name))

    # A SQLite database of another application.
    other = os.path.join(tmp, "other.thidua")
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE notes (text TEXT)")
    db.execute("INSERT INTO notes VALUES ('hello')")
    db.commit()
    db.close()

    # A plan file from a newer version.
    code, out, err = run("new", "newer.thidua", "--template", "empty", cwd=tmp)
    check(code == 0, "new newer.thidua")
    db = sqlite3.connect(os.path.join(tmp, "newer.thidua"))
    db.execute("PRAGMA user_version = 9")
    db.close()

    # A damaged plan file: garbage over pages 2 to 4.
    code, out, err = run("new", "damaged.thidua", cwd=tmp)
    check(code == 0, "new damaged.thidua")
    damaged = os.path.join(tmp, "damaged.thidua")
    data = bytearray(read(damaged))
    for i in range(4096, 4 * 4096):
        data[i] = (i * 37 + 11) % 256
    with open(damaged, "wb") as f:
        f.write(data)

    cases = {
        "text.thidua": [],
        "empty.thidua": [],
        "other.thidua": [],
        "newer.thidua": ["schema 9"],
        "damaged.thidua": ["backup"],
    }
    for name, fragments in cases.items():
        for out in ["out.json", "out.thidua"]:
            expect_bad(["convert", name, out], tmp, [name] + fragments, unchanged=[os.path.join(tmp, name)])
        # No journal was left next to the refused file.
        check(not os.path.exists(os.path.join(tmp, name + "-journal")), "journal left for " + name)
    expect_bad(["convert", "missing.thidua", "out.json"], tmp, ["missing.thidua"])


def main():
    print("1..%d" % len(tests))
    failed = 0
    for number, func in enumerate(tests, 1):
        tmp = tempfile.mkdtemp(prefix="td-cli-")
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
