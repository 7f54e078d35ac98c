#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints "N passed, N failed" (and ", N skipped" when some were) from meson's
testlog.json (one JSON object a line). Exit status 0 only when at least one
test ran and none failed.

usage: test-summary.py build/meson-logs/testlog.json
"""
import json
import sys

PASSED = {'OK', 'EXPECTEDFAIL'}
SKIPPED = {'SKIP'}
# Everything else (FAIL, UNEXPECTEDPASS, TIMEOUT, ERROR, INTERRUPTED, and any
# result a later meson invents) counts as a failure.


def summarize(lines):
    passed = failed = skipped = 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        result = json.loads(line).get('result')
        if result in PASSED:
            passed += 1
        elif result in SKIPPED:
            skipped += 1
        else:
            failed += 1
    text = '%d passed, %d failed' % (passed, failed)
    if skipped:
        text += ', %d skipped' % skipped
    return text, failed == 0 and passed + skipped > 0


def main():
    try:
        with open(sys.argv[1], encoding='utf-8') as f:
            text, ok = summarize(f)
    except FileNotFoundError:
        print('0 passed, 0 failed (no test log: the tests did not run)')
        return 1
    print(text)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
