#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What appstreamcli does not insist on but the project does: the ids agree
with the desktop file, this version has a release entry, the screenshots,
content rating and both forms of the developer are there.

usage: check-metainfo.py BUILT-METAINFO APP-ID VERSION
"""
import sys
import xml.etree.ElementTree as ET

path, app_id, version = sys.argv[1:4]
root = ET.parse(path).getroot()
errors = []


def need(cond, msg):
    if not cond:
        errors.append(msg)


def text(xpath):
    el = root.find(xpath)
    return el.text.strip() if el is not None and el.text else None


need(root.tag == 'component' and root.get('type') == 'desktop-application',
     'not a desktop-application component')
need(text('id') == app_id, 'id is %r, expected %r' % (text('id'), app_id))
need(text("launchable[@type='desktop-id']") == app_id + '.desktop',
     'launchable does not name %s.desktop' % app_id)
need(text('name') == 'Thi Đua Planner', 'untranslated name is not "Thi Đua Planner"')
need(text('developer_name'), 'no developer_name')
dev = root.find('developer')
need(dev is not None and dev.get('id') and dev.findtext('name'), 'no <developer id=…><name>')
need(text("translation[@type='gettext']") == 'thidua', 'no gettext translation "thidua"')
need('thidua' in [b.text for b in root.findall('provides/binary')], 'does not provide binary thidua')
need(root.find("content_rating[@type='oars-1.1']") is not None, 'no OARS 1.1 content rating')
need(text("url[@type='homepage']"), 'no homepage')
shots = root.findall('screenshots/screenshot')
need(len(shots) >= 1, 'no screenshots')
need(len([s for s in shots if s.get('type') == 'default']) == 1, 'not exactly one default screenshot')
for s in shots:
    img = s.findtext('image', '').strip()
    need(img.startswith('https://') and img.endswith('.png'), 'screenshot image %r is not an https PNG' % img)
    need(s.find('caption') is not None, 'screenshot %s has no caption' % img)
releases = [r.get('version') for r in root.findall('releases/release')]
need(version in releases, 'no release entry for version %s (have %s)' % (version, releases))
need(all(r.get('date') for r in root.findall('releases/release')), 'a release has no date')
paras = root.findall('description/p')
need(len(paras) >= 2 and all(len((p.text or '').split()) >= 8 for p in paras),
     'the description is not a real description')

if errors:
    for e in errors:
        print('FAIL: ' + e)
    sys.exit(1)
print('ok: %s %s, %d screenshots, releases %s' % (app_id, version, len(shots), releases))
