#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest offline: flatpak-builder accepts it (unknown keys
are fatal warnings), and it has the app id, command, sandbox and modules the
project needs.

usage: check-flatpak.py MANIFEST APP-ID
"""
import json
import os
import shutil
import subprocess
import sys

path, app_id = sys.argv[1:3]
errors = []


def need(cond, msg):
    if not cond:
        errors.append(msg)


with open(path, encoding='utf-8') as f:
    m = json.load(f)

need(m.get('app-id') == app_id, 'app-id is %r' % m.get('app-id'))
need(m.get('command') == 'thidua', 'command is %r' % m.get('command'))
need(m.get('runtime') == 'org.gnome.Platform' and m.get('sdk') == 'org.gnome.Sdk',
     'not the GNOME runtime and SDK')
try:
    need(int(m.get('runtime-version', '0')) >= 47, 'runtime-version %r is too old' % m.get('runtime-version'))
except ValueError:
    errors.append('runtime-version %r is not a GNOME release number' % m.get('runtime-version'))

args = m.get('finish-args', [])
for a in ('--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri'):
    need(a in args, 'finish-args lacks ' + a)
need(not [a for a in args if a.startswith(('--filesystem', '--socket=x11', '--device=all'))],
     'finish-args grant more than needed: %s' % args)

modules = m.get('modules', [])
names = [mod.get('name') if isinstance(mod, dict) else mod for mod in modules]
need(names[-1:] == ['thidua'], 'the last module is not thidua: %s' % names)
need('poppler' in names, 'no poppler module (the GNOME runtime has no poppler): %s' % names)
for mod in modules:
    if not isinstance(mod, dict):
        continue
    for src in mod.get('sources', []):
        if src.get('type') in ('archive', 'file'):
            need(src.get('sha256') and len(src['sha256']) == 64, '%s: archive without a sha256' % mod['name'])
        if src.get('type') == 'git':
            need(src.get('tag') or src.get('commit'), '%s: git source without tag or commit' % mod['name'])
    if mod.get('name') == 'poppler':
        opts = mod.get('config-opts', [])
        for o in ('-DENABLE_GLIB=ON', '-DENABLE_QT5=OFF', '-DENABLE_QT6=OFF', '-DENABLE_BOOST=OFF'):
            need(o in opts, 'poppler: %s missing' % o)
    if mod.get('name') == 'thidua':
        need(mod.get('buildsystem') == 'meson', 'thidua is not built with meson')
        need({'type': 'dir', 'path': '..'} in mod.get('sources', []), 'thidua is not built from this tree')

if shutil.which('flatpak-builder') is None:
    for e in errors:
        print('FAIL: ' + e)
    print('SKIP: flatpak-builder missing, manifest not parsed by it')
    sys.exit(1 if errors else 77)

res = subprocess.run(['flatpak-builder', '--show-manifest', path],
                     env=dict(os.environ, G_DEBUG='fatal-warnings'),
                     capture_output=True, text=True)
need(res.returncode == 0, 'flatpak-builder --show-manifest failed: %s' % res.stderr.strip())

if errors:
    for e in errors:
        print('FAIL: ' + e)
    sys.exit(1)
print('ok: %s, modules %s' % (app_id, names))
