#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the translations of po/: every language of LINGUAS has a .po file
that msgfmt --check accepts, is UTF-8, and translates every message that
xgettext finds in the files of POTFILES.in (nothing missing, nothing fuzzy).
Skips (77) while no .po file exists yet.

usage: check-po.py SOURCE-ROOT
"""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, 'po')
# The keywords of meson's i18n "glib" preset.
XGETTEXT = ['xgettext', '--from-code=UTF-8', '--add-comments', '--keyword=_', '--keyword=N_',
            '--keyword=C_:1c,2', '--keyword=NC_:1c,2', '--keyword=g_dcgettext:2',
            '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
            '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
            '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
            '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
            '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
            '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
            '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
            '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format']


def read_list(name):
    with open(os.path.join(po_dir, name), encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.lstrip().startswith('#')]


# Every source file that marks strings for translation must be in POTFILES.in,
# or its strings never reach the translators.
MARKED = re.compile(r'(^|[^A-Za-z0-9_])(N|C|NC)?_\s?\(\s*"|translatable="yes"')
listed = set(read_list('POTFILES.in'))
unlisted = []
for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'src')):
    dirnames.sort()
    for name in sorted(filenames):
        if not name.endswith(('.c', '.h', '.ui')):
            continue
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, root)
        with open(path, encoding='utf-8', errors='replace') as f:
            if MARKED.search(f.read()) and rel not in listed:
                unlisted.append(rel)

langs = read_list('LINGUAS')
if not langs:
    print('FAIL: po/LINGUAS lists no language')
    sys.exit(1)
present = [l for l in langs if os.path.exists(os.path.join(po_dir, l + '.po'))]
if unlisted:
    print('FAIL: files with translatable strings missing from po/POTFILES.in: ' + ', '.join(unlisted))
    sys.exit(1)
if not present:
    print('SKIP: no translation yet (%s)' % ', '.join(l + '.po' for l in langs))
    sys.exit(77)

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
missing = [l for l in langs if l not in present]
if missing:
    errors.append('LINGUAS lists %s without a .po file' % ', '.join(missing))

potfiles = read_list('POTFILES.in')
for p in potfiles:
    if not os.path.exists(os.path.join(root, p)):
        errors.append('POTFILES.in names %s, which does not exist' % p)
potfiles = [p for p in potfiles if os.path.exists(os.path.join(root, p))]

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'thidua.pot')
    res = subprocess.run(XGETTEXT + ['-o', pot] + potfiles, cwd=root, capture_output=True, text=True)
    if res.returncode != 0:
        errors.append('xgettext: ' + res.stderr.strip())
    for lang in present:
        po = os.path.join(po_dir, lang + '.po')
        res = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                             capture_output=True, text=True)
        print('%s: %s' % (lang, res.stderr.strip()))
        if res.returncode != 0:
            errors.append('msgfmt --check %s.po: %s' % (lang, res.stderr.strip()))
            continue
        if re.search(r'fuzzy|untranslated', res.stderr):
            errors.append('%s.po has fuzzy or untranslated messages: %s' % (lang, res.stderr.strip()))
        with open(po, encoding='utf-8', errors='replace') as f:
            head = f.read(4000)
        if 'charset=UTF-8' not in head:
            errors.append('%s.po is not declared UTF-8' % lang)
        if os.path.exists(pot):
            # msgcmp ignores untranslated and fuzzy entries of the .po by default,
            # so this fails on every string of the code that lacks a translation.
            res = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True)
            if res.returncode != 0:
                lines = [l for l in res.stderr.strip().splitlines() if 'this message' in l]
                errors.append('%s.po lacks translations (%d messages), first: %s'
                              % (lang, len(lines), ' | '.join(missing_msgids(res.stderr))))

if errors:
    for e in errors:
        print('FAIL: ' + e)
    sys.exit(1)
print('ok: ' + ', '.join(present))
