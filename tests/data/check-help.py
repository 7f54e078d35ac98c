#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the help: every page of help/C is listed in help/meson.build and the
other way round; yelp-check validates the pages, finds no broken link and no
orphan page; for each language of help/LINGUAS the .po file passes
msgfmt --check, translates every paragraph of the current pages (nothing
missing, nothing fuzzy), and the translated pages built from it with itstool
(as gnome.yelp builds them) validate too.

usage: check-help.py HELP-DIR PAGE...
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

help_dir = sys.argv[1]
listed = sys.argv[2:]
c_dir = os.path.join(help_dir, 'C')
errors = []


def missing_msgids(msgcmp_stderr, limit=8):
    """The msgids that msgcmp reports as missing or untranslated, read back
    from the file and line it names."""
    found = []
    for line in msgcmp_stderr.splitlines():
        m = re.match(r'(.+?):(\d+): this message (is used but not defined|is untranslated)', line)
        if not m:
            continue
        try:
            with open(m.group(1), encoding='utf-8') as f:
                text = f.read().split('\n')
        except OSError:
            continue
        i = int(m.group(2)) - 1
        while i < len(text) and not text[i].startswith('msgid'):
            i += 1
        if i < len(text):
            msgid = text[i][len('msgid '):]
            j = i + 1
            while j < len(text) and text[j].startswith('"'):
                msgid += text[j]
                j += 1
            found.append(msgid.replace('""', '')[:100])
        if len(found) >= limit:
            break
    return found

for tool in ('yelp-check', 'itstool', 'msgfmt', 'msgcmp'):
    if shutil.which(tool) is None:
        print('SKIP: %s not installed' % tool)
        sys.exit(77)

on_disk = sorted(os.path.basename(p) for p in glob.glob(os.path.join(c_dir, '*.page')))
if sorted(listed) != on_disk:
    errors.append('help/meson.build lists %s but help/C has %s'
                  % (sorted(set(listed) - set(on_disk)), sorted(set(on_disk) - set(listed))))
pages = [os.path.join(c_dir, p) for p in on_disk]
if 'index.page' not in on_disk:
    errors.append('no index.page')


def run(args, what, cwd=None):
    res = subprocess.run(args, capture_output=True, text=True, cwd=cwd)
    out = (res.stdout + res.stderr).strip()
    if res.returncode != 0 or out:
        errors.append('%s: %s' % (what, out or 'exit status %d' % res.returncode))
    return res


run(['yelp-check', 'validate'] + on_disk, 'yelp-check validate C', cwd=c_dir)
run(['yelp-check', 'links'] + on_disk, 'yelp-check links C', cwd=c_dir)
run(['yelp-check', 'orphans'] + on_disk, 'yelp-check orphans C', cwd=c_dir)

langs = []
if os.path.exists(os.path.join(help_dir, 'LINGUAS')):
    with open(os.path.join(help_dir, 'LINGUAS'), encoding='utf-8') as f:
        langs = [l.strip() for l in f if l.strip() and not l.startswith('#')]

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'help.pot')
    run(['itstool', '-o', pot] + pages, 'itstool (template)')
    for lang in langs:
        po = os.path.join(help_dir, lang, lang + '.po')
        if not os.path.exists(po):
            errors.append('help/LINGUAS lists %s but %s does not exist' % (lang, po))
            continue
        mo = os.path.join(tmp, lang + '.mo')
        res = subprocess.run(['msgfmt', '--check', '--statistics', '-o', mo, po],
                             capture_output=True, text=True)
        print('%s: %s' % (lang, res.stderr.strip()))
        if res.returncode != 0:
            errors.append('msgfmt --check %s: %s' % (po, res.stderr.strip()))
            continue
        if re.search(r'fuzzy|untranslated', res.stderr):
            errors.append('%s has fuzzy or untranslated messages: %s' % (po, res.stderr.strip()))
        with open(po, encoding='utf-8', errors='replace') as f:
            if 'charset=UTF-8' not in f.read(4000):
                errors.append('%s is not declared UTF-8' % po)
        # msgcmp ignores untranslated and fuzzy entries of the .po, so this
        # fails on every paragraph of the pages without a translation.
        res = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True)
        if res.returncode != 0:
            lines = [l for l in res.stderr.strip().splitlines() if 'this message' in l]
            errors.append('%s lacks translations (%d messages), first: %s'
                          % (po, len(lines), ' | '.join(missing_msgids(res.stderr))))
        out_dir = os.path.join(tmp, lang)
        os.makedirs(out_dir)
        run(['itstool', '-m', mo, '-l', lang, '-o', out_dir] + pages, 'itstool -m (%s)' % lang)
        built = sorted(os.path.basename(p) for p in glob.glob(os.path.join(out_dir, '*.page')))
        if built != on_disk:
            errors.append('itstool built %s for %s' % (built, lang))
        run(['yelp-check', 'validate'] + built, 'yelp-check validate %s' % lang, cwd=out_dir)

if errors:
    for e in errors:
        print('FAIL: ' + e)
    sys.exit(1)
print('ok: %d pages, languages %s' % (len(on_disk), ', '.join(langs)))
