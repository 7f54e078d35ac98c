#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the set-up and CI scripts without running them for real: they are
executable bash that parses, .ci/run hands over to tools/test, the package
check finds what is missing, and the summary line counts meson's results.

usage: check-scripts.py SOURCE-ROOT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

root = sys.argv[1]
errors = []


def need(cond, msg):
    if not cond:
        errors.append(msg)


for rel in ('tools/run', 'tools/test', '.ci/run', 'tools/test-summary.py'):
    path = os.path.join(root, rel)
    need(os.access(path, os.X_OK), '%s is not executable' % rel)
for rel in ('tools/run', 'tools/test', 'tools/common.sh', '.ci/run'):
    path = os.path.join(root, rel)
    res = subprocess.run(['bash', '-n', path], capture_output=True, text=True)
    need(res.returncode == 0, '%s: %s' % (rel, res.stderr.strip()))
    if rel != 'tools/common.sh':
        with open(path, encoding='utf-8') as f:
            first = f.readline().strip()
        need(first == '#!/usr/bin/env bash', '%s starts with %r' % (rel, first))

with open(os.path.join(root, '.ci/run'), encoding='utf-8') as f:
    ci = f.read()
need('set -euo pipefail' in ci and 'exec tools/test' in ci, '.ci/run does not exec tools/test strictly')
with open(os.path.join(root, 'tools/test'), encoding='utf-8') as f:
    t = f.read()
need('xvfb-run -a -s "-screen 0 1280x1024x24 -noreset"' in t and 'dbus-run-session -- meson test' in t,
     'tools/test does not run meson test under xvfb-run and dbus-run-session')

if shutil.which('dpkg-query'):
    res = subprocess.run(['bash', '-c', '. tools/common.sh; TD_PACKAGES=(bash td-no-such-package); td_missing_packages'],
                         cwd=root, capture_output=True, text=True)
    need(res.stdout.split() == ['td-no-such-package'],
         'td_missing_packages printed %r for (bash td-no-such-package)' % res.stdout)

summary = os.path.join(root, 'tools', 'test-summary.py')


def run_summary(results):
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
        for i, r in enumerate(results):
            f.write(json.dumps({'name': 't%d' % i, 'result': r, 'duration': 0.1}) + '\n')
    try:
        res = subprocess.run([sys.executable, summary, f.name], capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    return res.stdout.strip(), res.returncode


cases = [
    (['OK', 'OK', 'EXPECTEDFAIL'], ('3 passed, 0 failed', 0)),
    (['OK', 'FAIL', 'SKIP', 'TIMEOUT', 'ERROR', 'UNEXPECTEDPASS'], ('1 passed, 4 failed, 1 skipped', 1)),
    (['OK', 'SKIP', 'SKIP'], ('1 passed, 0 failed, 2 skipped', 0)),
    ([], ('0 passed, 0 failed', 1)),
]
for results, want in cases:
    got = run_summary(results)
    need(got == want, 'test-summary for %s gave %r, expected %r' % (results, got, want))
res = subprocess.run([sys.executable, summary, os.path.join(root, 'no-such-testlog.json')],
                     capture_output=True, text=True)
need(res.returncode != 0, 'test-summary succeeded without a test log')

if errors:
    for e in errors:
        print('FAIL: ' + e)
    sys.exit(1)
print('ok')
