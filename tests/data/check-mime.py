#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the built MIME definition: it parses, names the type, glob and magic,
and the shared-mime-info database built from it (in a temporary directory)
makes GIO detect plan files by name and by content, and only plan files.

usage: check-mime.py BUILT-MIME-XML
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = '{http://www.freedesktop.org/standards/shared-mime-info}'
TYPE = 'application/x-thidua-plan'

def store_application_id():
    """The application_id the store writes (TD_STORE_APPLICATION_ID in td-store.h), so that the
    MIME magic and the plan files can never disagree."""
    header = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'core', 'td-store.h')
    with open(header, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#define TD_STORE_APPLICATION_ID'):
                return int(line.split()[2], 0)
    fail('TD_STORE_APPLICATION_ID not found in ' + header)


APP_ID_MAGIC = store_application_id()  # PRAGMA application_id of a plan file


def fail(msg):
    print('FAIL: ' + msg)
    sys.exit(1)


def content_type(path, env):
    out = subprocess.run(['gio', 'info', '-a', 'standard::content-type', path],
                         env=env, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        line = line.strip()
        if line.startswith('standard::content-type:'):
            return line[len('standard::content-type:'):].strip()
    fail('gio printed no content type for ' + path)


def make_db(path, application_id=None):
    con = sqlite3.connect(path)
    if application_id is not None:
        con.execute('PRAGMA application_id = %d' % application_id)
    con.execute('CREATE TABLE t (x)')
    con.commit()
    con.close()


def main():
    src = sys.argv[1]
    root = ET.parse(src).getroot()
    if root.tag != NS + 'mime-info':
        fail('root element is %s, not mime-info' % root.tag)
    types = root.findall(NS + 'mime-type')
    if [t.get('type') for t in types] != [TYPE]:
        fail('expected exactly the type ' + TYPE)
    mt = types[0]
    if not [c for c in mt.findall(NS + 'comment') if c.get('{http://www.w3.org/XML/1998/namespace}lang') is None]:
        fail('no untranslated comment')
    if [g.get('pattern') for g in mt.findall(NS + 'glob')] != ['*.thidua']:
        fail('glob is not *.thidua')
    parents = {s.get('type') for s in mt.findall(NS + 'sub-class-of')}
    if not parents & {'application/vnd.sqlite3', 'application/x-sqlite3'}:
        fail('not a sub-class of the SQLite 3 type')
    match = mt.find(NS + 'magic/' + NS + 'match')
    if match is None or match.get('offset') != '0' or match.get('value') != 'SQLite format 3\\000':
        fail('magic does not start with the SQLite 3 header at offset 0')

    if shutil.which('update-mime-database') is None or shutil.which('gio') is None:
        print('SKIP: update-mime-database or gio missing, database not checked')
        sys.exit(77)

    with tempfile.TemporaryDirectory() as tmp:
        mime = os.path.join(tmp, 'share', 'mime')
        os.makedirs(os.path.join(mime, 'packages'))
        os.makedirs(os.path.join(tmp, 'home'))
        shutil.copy(src, os.path.join(mime, 'packages', 'thidua.xml'))
        # update-mime-database errors on a bad definition but only warns on
        # some problems: any output at all is a failure here.
        res = subprocess.run(['update-mime-database', mime], capture_output=True, text=True,
                             env=dict(os.environ, XDG_DATA_DIRS=os.path.join(tmp, 'share')))
        noise = [l for l in (res.stdout + res.stderr).splitlines()
                 if l.strip() and 'is not in the search path' not in l
                 and not l.startswith(('set by', 'variables', 'be able', 'directories', '- ', 'Note that'))]
        if res.returncode != 0 or noise:
            fail('update-mime-database: ' + (res.stdout + res.stderr))

        env = dict(os.environ,
                   XDG_DATA_HOME=os.path.join(tmp, 'home'),
                   XDG_DATA_DIRS=os.path.join(tmp, 'share') + ':/usr/share')
        files = os.path.join(tmp, 'files')
        os.makedirs(files)
        make_db(os.path.join(files, 'named.thidua'))
        make_db(os.path.join(files, 'plan-without-extension'), APP_ID_MAGIC)
        make_db(os.path.join(files, 'other-database'))
        make_db(os.path.join(files, 'other-application'), APP_ID_MAGIC + 1)

        expect = {
            'named.thidua': TYPE,
            'plan-without-extension': TYPE,
            'other-database': 'application/vnd.sqlite3',
            'other-application': 'application/vnd.sqlite3',
        }
        bad = []
        for name, want in expect.items():
            got = content_type(os.path.join(files, name), env)
            print('%s: %s' % (name, got))
            if got != want:
                bad.append('%s is %s, expected %s' % (name, got, want))
        if bad:
            fail('; '.join(bad))
    print('ok')


main()
