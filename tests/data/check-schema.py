#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the GSettings schema: glib-compile-schemas --strict accepts the
configured schema, and the schema compiled into the build directory has the keys the
application reads, with their types, defaults and the enum's values.

usage: check-schema.py BUILD-SCHEMA-DIR APP-ID
"""
import os
import subprocess
import sys

build_dir, SCHEMA = sys.argv[1:3]
errors = []

res = subprocess.run(['glib-compile-schemas', '--strict', '--dry-run', build_dir],
                     capture_output=True, text=True)
if res.returncode != 0 or res.stderr.strip():
    print('FAIL: glib-compile-schemas --strict: ' + res.stderr.strip())
    sys.exit(1)

env = dict(os.environ, GSETTINGS_BACKEND='memory')


def gsettings(*args, check=True):
    r = subprocess.run(['gsettings', '--schemadir', build_dir] + list(args),
                       env=env, capture_output=True, text=True)
    if check and r.returncode != 0:
        errors.append('gsettings %s: %s' % (' '.join(args), r.stderr.strip()))
    return r


# key: (first line of `gsettings range`, default or None when any is fine)
expected = {
    'window-width': ('range i', None),
    'window-height': ('range i', None),
    'window-maximized': ('type b', 'false'),
    'last-plan': ('type s', "''"),
    'recent-plans': ('type as', '@as []'),
    'people-sort': ('enum', "'name'"),
}
keys = gsettings('list-keys', SCHEMA).stdout.split()
if sorted(keys) != sorted(expected):
    errors.append('keys are %s, expected %s' % (sorted(keys), sorted(expected)))
for key, (rng, default) in expected.items():
    if key not in keys:
        continue
    got = gsettings('range', SCHEMA, key).stdout.split('\n')[0].strip()
    if got != rng and not got.startswith(rng + ' '):
        errors.append('%s: range is %r, expected %r' % (key, got, rng))
    if default is not None:
        val = gsettings('get', SCHEMA, key).stdout.strip()
        if val != default:
            errors.append('%s: default is %r, expected %r' % (key, val, default))

enum = gsettings('range', SCHEMA, 'people-sort').stdout.split()
if enum[1:] != ["'name'", "'unit'", "'manual'"]:
    errors.append('people-sort values are %s' % enum[1:])
# a value outside the enum is refused
if gsettings('set', SCHEMA, 'people-sort', 'surname', check=False).returncode == 0:
    errors.append('people-sort accepted a value outside its enum')
if gsettings('set', SCHEMA, 'window-width', '-5', check=False).returncode == 0:
    errors.append('window-width accepted -5 pixels')

if errors:
    for e in errors:
        print('FAIL: ' + e)
    sys.exit(1)
print('ok: %s' % ', '.join(sorted(keys)))
