#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes src/core/sample/tay-ninh-2019.json, the embedded sample plan.

The plan of UBND tỉnh Tây Ninh of 31/7/2019 (shared/seed), its typos corrected, with units,
people (invented names), conferences, quotas and delegates. Deterministic: the same output on
every run (a fixed random seed). A few conferences break rules on purpose, so that the rules
view has something to show; they are listed in DELIBERATE below.

    python3 tools/make-sample.py            # writes the file
    python3 tools/make-sample.py --check    # exits 1 if the file is not what this script writes
"""

import datetime
import json
import os
import random
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "core", "sample", "tay-ninh-2019.json")

rng = random.Random(20190731)

# What the rules view should find (see domain/rules.md):
DELIBERATE = {
    "gd-hiep-thanh": "R-WINDOW and R-ORDER: held in April, after the district's own conference",
    "tp-ninh-son": "R-WINDOW: held in April",
    "gd-ttyt": "R-MIX: 5 leaders among 12 delegates of a representative conference",
    "gddt-le-quy-don": "R-MODE: 212 staff but a plenary conference",
    "gddt-cdsp": "R-MODE info: exactly 200 staff",
    "tp-phuong-2": "R-SUBMIT: the draft report never arrived",
    "gddt-thpt-tay-ninh": "R-SUBMIT: the content arrived after the due date",
    "c-go-dau": "R-APPROVE: one delegate without approval; R-QUOTA: xã Phước Đông over its quota",
    "c-so-gddt": "R-HALFDAY: six talks make the agenda longer than a half day; R-APPROVE",
}


def d(y, m, day):
    return datetime.date(y, m, day)


def iso(date):
    return date.isoformat() if date else None


def minus_one_month(date):
    y, m = (date.year, date.month - 1) if date.month > 1 else (date.year - 1, 12)
    last = (datetime.date(y + (m // 12), m % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(y, m, min(date.day, last))


# ---------------------------------------------------------------------------------------------
# Plan metadata

plan = {
    "title": "Tổ chức Hội nghị Điển hình tiên tiến các cấp tiến tới Đại hội Thi đua yêu nước "
             "tỉnh Tây Ninh lần thứ V và Đại hội Thi đua yêu nước toàn quốc lần thứ X",
    "number": "121/KH-UBND",
    "superior": "",
    "issuer": "UBND TỈNH TÂY NINH",
    "place": "Tây Ninh",
    "date": "2019-07-31",
    "signer": {
        "authority": "TM. ỦY BAN NHÂN DÂN",
        "deputy": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Nguyễn Thanh Ngọc",
    },
    "legal_bases": [
        "Căn cứ Kế hoạch số 19/KH-HĐTĐKT ngày 24/5/2019 của Hội đồng Thi đua - Khen thưởng "
        "Trung ương về việc tổ chức Đại hội Thi đua yêu nước các cấp tiến tới Đại hội Thi đua "
        "yêu nước toàn quốc lần thứ X;",
        "Căn cứ Hướng dẫn số 1149/HD-BTĐKT ngày 18/6/2019 của Ban Thi đua - Khen thưởng Trung "
        "ương về tổ chức Đại hội Thi đua yêu nước các cấp tiến tới Đại hội Thi đua yêu nước toàn "
        "quốc lần thứ X;",
    ],
    "recipients": [
        "Hội đồng TĐKT TW;",
        "Ban TĐKT Trung ương;",
        "TT: Tỉnh ủy, HĐND tỉnh;",
        "Đoàn ĐBQH tỉnh;",
        "CT, các PCT UBND tỉnh;",
        "CT, các PCT và các Thành viên Hội đồng TĐKT tỉnh;",
        "Các đơn vị, địa phương, doanh nghiệp, trường học thuộc các Khối Thi đua do UBND tỉnh tổ chức;",
        "Hội Khuyến học tỉnh;",
        "Liên hiệp các Tổ chức hữu nghị tỉnh;",
        "Cục Quản lý Thị trường tỉnh;",
        "Ban TĐKT;",
        "Các Huyện ủy, Thành ủy;",
        "Phòng Nội vụ các huyện, thành phố;",
        "Lưu: VT, TD.",
    ],
    "parameters": {
        "plenary_staff_threshold": 200,
        "grassroots_delegate_cap": 150,
        "upper_delegate_cap": 300,
        "leader_share_max_percent": 30,
        "half_day_minutes": 270,
        "windows": {
            "grassroots": ["2020-01-01", "2020-03-31"],
            "upper": ["2020-04-01", "2020-06-30"],
            "pilot": ["2020-04-01", "2020-04-30"],
            "province": ["2020-07-01", "2020-09-30"],
        },
    },
    "milestones": [
        {"id": "M0", "title": "Ban hành Kế hoạch tổ chức Hội nghị Điển hình tiên tiến các cấp",
         "actor": "UBND tỉnh", "start": "2019-07-31", "end": "2019-07-31"},
        {"id": "M1", "title": "Xây dựng dự thảo Kế hoạch, chương trình tổ chức Đại hội Thi đua yêu "
                              "nước tỉnh Tây Ninh lần thứ V, tham mưu UBND tỉnh",
         "actor": "Sở Nội vụ", "start": "2019-10-01", "end": "2019-10-31"},
        {"id": "M2", "title": "Tham mưu UBND tỉnh phát động đợt thi đua đặc biệt",
         "actor": "Sở Nội vụ", "start": "2019-10-01", "end": "2019-10-31"},
        {"id": "M3", "title": "Ban hành văn bản hướng dẫn tổ chức thực hiện Kế hoạch",
         "actor": "Sở Nội vụ", "start": "2020-01-01", "end": "2020-01-31"},
        {"id": "M4", "title": "Hoàn thành Hội nghị Điển hình tiên tiến cấp cơ sở",
         "actor": "Các đơn vị cấp cơ sở", "start": "2020-03-31", "end": "2020-03-31"},
        {"id": "M5", "title": "Hội nghị chỉ đạo điểm cấp tỉnh: huyện Gò Dầu; Sở Văn hóa, Thể thao và Du lịch",
         "actor": "UBND tỉnh, các đơn vị, Sở Nội vụ", "start": "2020-04-01", "end": "2020-04-30"},
        {"id": "M6", "title": "Hoàn thành Hội nghị Điển hình tiên tiến cấp trên cơ sở",
         "actor": "Các đơn vị cấp trên cơ sở", "start": "2020-06-30", "end": "2020-06-30"},
        {"id": "M7", "title": "Đại hội Thi đua yêu nước tỉnh Tây Ninh lần thứ V",
         "actor": "UBND tỉnh", "start": "2020-07-01", "end": "2020-09-30"},
        {"id": "M8", "title": "Đại hội Thi đua yêu nước toàn quốc lần thứ X",
         "actor": "Hội đồng Thi đua - Khen thưởng Trung ương", "start": "2020-12-09", "end": "2020-12-10"},
    ],
    "commemorations": [
        {"date": "1948-06-11", "title": "Ngày Truyền thống Thi đua yêu nước (11/6)", "yearly": True},
        {"date": "2019-09-02", "title": "50 năm thực hiện Di chúc của Chủ tịch Hồ Chí Minh (1969 - 2019)",
         "yearly": False},
        {"date": "2020-02-03", "title": "90 năm Ngày thành lập Đảng Cộng sản Việt Nam (1930 - 2020)",
         "yearly": False},
        {"date": "2020-04-30", "title": "45 năm Giải phóng miền Nam, thống nhất đất nước (1975 - 2020)",
         "yearly": False},
        {"date": "2020-05-19", "title": "130 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2020)",
         "yearly": False},
        {"date": "2020-08-19", "title": "75 năm Cách mạng Tháng Tám (1945 - 2020)", "yearly": False},
        {"date": "2020-09-02", "title": "75 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2020)",
         "yearly": False},
    ],
    "documents": {},
}

# ---------------------------------------------------------------------------------------------
# Units

units = []
unit_by_id = {}


def unit(uid, name, level, parent, kind, staff=None, pilot_body=False, council=None):
    u = {"id": uid, "name": name, "level": level, "parent": parent, "kind": kind}
    if staff is not None:
        u["staff"] = staff
    if pilot_body:
        u["pilot_body"] = True
    units.append(u)
    # Not part of the document: the council that approves the unit's delegates.
    unit_by_id[uid] = dict(u, council=council or "Hội đồng Thi đua - Khen thưởng " + name)
    return u


unit("tn", "Tỉnh Tây Ninh", "province", None, "tỉnh", council="Hội đồng Thi đua - Khen thưởng tỉnh Tây Ninh")

DISTRICTS = [
    ("tp-tay-ninh", "Thành phố Tây Ninh", "thành phố", 385),
    ("hoa-thanh", "Thị xã Hòa Thành", "thị xã", 342),
    ("trang-bang", "Thị xã Trảng Bàng", "thị xã", 366),
    ("tan-bien", "Huyện Tân Biên", "huyện", 298),
    ("tan-chau", "Huyện Tân Châu", "huyện", 310),
    ("duong-minh-chau", "Huyện Dương Minh Châu", "huyện", 305),
    ("chau-thanh", "Huyện Châu Thành", "huyện", 321),
    ("ben-cau", "Huyện Bến Cầu", "huyện", 254),
    ("go-dau", "Huyện Gò Dầu", "huyện", 420),
]
for uid, name, kind, staff in DISTRICTS:
    council = "Hội đồng Thi đua - Khen thưởng " + (name if kind != "huyện" else "huyện " + name[6:])
    unit(uid, name, "upper", "tn", kind, staff, True, council)

SECTORS = [
    ("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch", "sở", 312),
    ("so-gddt", "Sở Giáo dục và Đào tạo", "sở", 164),
    ("so-tnmt", "Sở Tài nguyên và Môi trường", "sở", 187),
    ("so-nnptnt", "Sở Nông nghiệp và Phát triển nông thôn", "sở", 356),
    ("so-yte", "Sở Y tế", "sở", 142),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ tỉnh", "đoàn thể", 38),
    ("tinh-doan", "Tỉnh đoàn (Đoàn TNCS Hồ Chí Minh tỉnh)", "đoàn thể", 45),
    ("hoi-nong-dan", "Hội Nông dân tỉnh", "đoàn thể", 36),
    ("hoi-chu-thap-do", "Hội Chữ thập đỏ tỉnh", "hội", 24),
    ("cong-an", "Công an tỉnh", "lực lượng vũ trang", None),
    ("bchqs", "Bộ Chỉ huy Quân sự tỉnh", "lực lượng vũ trang", None),
    ("bdbp", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "lực lượng vũ trang", None),
]
for uid, name, kind, staff in SECTORS:
    unit(uid, name, "upper", "tn", kind, staff, True)
unit("so-noi-vu", "Sở Nội vụ", "upper", "tn", "sở", 96)

# Grassroots units: (id, name, kind, staff, pilot, profile, council short name)
GRASSROOTS = {
    "go-dau": [
        ("gd-tt-go-dau", "UBND thị trấn Gò Dầu", "thị trấn", 64, True, "commune", "thị trấn Gò Dầu"),
        ("gd-thanh-phuoc", "UBND xã Thanh Phước", "xã", 45, True, "commune", "xã Thanh Phước"),
        ("gd-phuoc-dong", "UBND xã Phước Đông", "xã", 52, False, "commune", "xã Phước Đông"),
        ("gd-bau-don", "UBND xã Bàu Đồn", "xã", 49, False, "commune", "xã Bàu Đồn"),
        ("gd-phuoc-thanh", "UBND xã Phước Thạnh", "xã", 41, False, "commune", "xã Phước Thạnh"),
        ("gd-hiep-thanh", "UBND xã Hiệp Thạnh", "xã", 44, False, "commune", "xã Hiệp Thạnh"),
        ("gd-ttyt", "Trung tâm Y tế huyện Gò Dầu", "trung tâm y tế", 201, False, "health",
         "Trung tâm Y tế huyện Gò Dầu"),
        ("gd-thcs-tt", "Trường THCS thị trấn Gò Dầu", "trường học", 58, False, "school",
         "Trường THCS thị trấn Gò Dầu"),
    ],
    "tp-tay-ninh": [
        ("tp-phuong-1", "UBND Phường 1", "phường", 38, True, "commune", "Phường 1"),
        ("tp-phuong-2", "UBND Phường 2", "phường", 36, False, "commune", "Phường 2"),
        ("tp-phuong-3", "UBND Phường 3", "phường", 40, False, "commune", "Phường 3"),
        ("tp-phuong-iv", "UBND Phường IV", "phường", 37, False, "commune", "Phường IV"),
        ("tp-hiep-ninh", "UBND phường Hiệp Ninh", "phường", 42, True, "commune", "phường Hiệp Ninh"),
        ("tp-ninh-son", "UBND phường Ninh Sơn", "phường", 39, False, "commune", "phường Ninh Sơn"),
        ("tp-binh-minh", "UBND xã Bình Minh", "xã", 43, False, "commune", "xã Bình Minh"),
        ("tp-tan-binh", "UBND xã Tân Bình", "xã", 41, False, "commune", "xã Tân Bình"),
    ],
    "so-vhttdl": [
        ("vh-thu-vien", "Thư viện tỉnh Tây Ninh", "thư viện", 34, True, "culture", "Thư viện tỉnh"),
        ("vh-bao-tang", "Bảo tàng tỉnh Tây Ninh", "bảo tàng", 41, False, "culture", "Bảo tàng tỉnh"),
        ("vh-ttvh", "Trung tâm Văn hóa tỉnh", "trung tâm", 57, False, "culture", "Trung tâm Văn hóa tỉnh"),
        ("vh-tthl", "Trung tâm Huấn luyện và Thi đấu thể thao tỉnh", "trung tâm", 199, True, "sport",
         "Trung tâm Huấn luyện và Thi đấu thể thao tỉnh"),
        ("vh-nui-ba", "Ban Quản lý Khu du lịch quốc gia Núi Bà Đen", "ban quản lý", 230, False, "tourism",
         "Ban Quản lý Khu du lịch quốc gia Núi Bà Đen"),
        ("vh-doan-nt", "Đoàn Nghệ thuật tỉnh Tây Ninh", "đơn vị sự nghiệp", 62, False, "culture",
         "Đoàn Nghệ thuật tỉnh"),
    ],
    "so-gddt": [
        ("gddt-chuyen-hlk", "Trường THPT Chuyên Hoàng Lê Kha", "trường học", 118, True, "school",
         "Trường THPT Chuyên Hoàng Lê Kha"),
        ("gddt-thpt-tay-ninh", "Trường THPT Tây Ninh", "trường học", 134, False, "school",
         "Trường THPT Tây Ninh"),
        ("gddt-le-quy-don", "Trường THPT Lê Quý Đôn", "trường học", 212, False, "school",
         "Trường THPT Lê Quý Đôn"),
        ("gddt-quang-trung", "Trường THPT Quang Trung", "trường học", 96, True, "school",
         "Trường THPT Quang Trung"),
        ("gddt-trang-bang", "Trường THPT Trảng Bàng", "trường học", 121, False, "school",
         "Trường THPT Trảng Bàng"),
        ("gddt-nguyen-chi-thanh", "Trường THPT Nguyễn Chí Thanh", "trường học", 88, False, "school",
         "Trường THPT Nguyễn Chí Thanh"),
        ("gddt-cdsp", "Trường Cao đẳng Sư phạm Tây Ninh", "trường cao đẳng", 200, False, "school",
         "Trường Cao đẳng Sư phạm Tây Ninh"),
    ],
}
for parent, rows in GRASSROOTS.items():
    for uid, name, kind, staff, _pilot, _profile, short in rows:
        unit(uid, name, "grassroots", parent, kind, staff, False, "Hội đồng Thi đua - Khen thưởng " + short)

# ---------------------------------------------------------------------------------------------
# People (invented names)

FAMILY = ["Nguyễn"] * 8 + ["Trần"] * 4 + ["Lê"] * 4 + ["Phạm"] * 2 + ["Huỳnh"] * 2 + ["Võ"] * 2 + [
    "Hoàng", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Đinh", "Lâm", "Châu",
    "Mai", "Tô", "Lý", "Lương", "Cao", "Tạ"]
MIDDLE_M = ["Văn", "Văn", "Văn", "Hữu", "Minh", "Thanh", "Quốc", "Đức", "Công", "Hoàng", "Tấn",
            "Phước", "Thành", "Trung", "Ngọc", "Duy"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thị Ngọc", "Thị Mỹ", "Thị Kim", "Thị Thanh", "Ngọc", "Thanh",
            "Thu", "Kim", "Mỹ", "Bích", "Thị Thu", "Thị Hồng"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Phong", "Long", "Khoa", "Nam", "Phúc", "Tài", "Lộc", "Hải",
           "Sơn", "Trí", "Nghĩa", "Hiếu", "Thắng", "Quang", "Bình", "Tâm", "Vinh", "Toàn", "Lợi",
           "Đạt", "Hòa", "Cường", "Thuận", "Khánh", "Nhân", "Thịnh", "Tú", "Hậu", "Định"]
GIVEN_F = ["Lan", "Hương", "Mai", "Hoa", "Thảo", "Trang", "Linh", "Nga", "Hạnh", "Yến", "Tuyết",
           "Loan", "Diễm", "Phượng", "Nhung", "Thủy", "Vân", "Ngân", "Hằng", "Oanh", "Trinh",
           "Duyên", "Quyên", "Thư", "Uyên", "Hiền", "Nhi", "Châu", "Ánh", "Liên"]

# Khmer and Chăm names, as they are written in Tây Ninh (family + middle, given, gender, ethnicity)
MINORITY = [
    ("Thạch Thị Sa", "Rây", "female", "Khmer"),
    ("Danh", "Sóc Kha", "male", "Khmer"),
    ("Kim Thị", "Sa Muôn", "female", "Khmer"),
    ("Thạch", "Sô Phol", "male", "Khmer"),
    ("Lâm Thị Chanh", "Thu", "female", "Khmer"),
    ("Chau", "Sóc Khêm", "male", "Khmer"),
    ("Mã Thị", "Ma Ry", "female", "Chăm"),
    ("Sết", "Sa Lim", "male", "Chăm"),
    ("Trần Thị Ngọc", "Hà", "female", "Hoa"),
]
minority_queue = list(MINORITY)

people = []
people_by_unit = {}
used_names = set()


def person_name(gender):
    while True:
        fam = rng.choice(FAMILY)
        if gender == "male":
            mid, given = rng.choice(MIDDLE_M), rng.choice(GIVEN_M)
        else:
            mid, given = rng.choice(MIDDLE_F), rng.choice(GIVEN_F)
        full = f"{fam} {mid} {given}"
        if full not in used_names:
            used_names.add(full)
            return f"{fam} {mid}", given


def add_person(unit_id, position, leader, category, sector, gender=None, minority=False, note="",
               birth=None):
    if gender is None:
        gender = rng.choice(["male", "female"])
    ethnicity = "Kinh"
    if minority and minority_queue:
        fm, given, gender, ethnicity = minority_queue.pop(0)
    else:
        fm, given = person_name(gender)
    if birth is None:
        birth = rng.randint(1962, 1975) if leader else rng.randint(1968, 1998)
    pid = "p%03d" % (len(people) + 1)
    p = {
        "id": pid, "family_middle": fm, "given": given, "gender": gender, "birth_year": birth,
        "ethnicity": ethnicity, "position": position, "unit": unit_id, "leader": leader,
        "category": category, "sector": sector, "note": note,
    }
    people.append(p)
    people_by_unit.setdefault(unit_id, []).append(p)
    return p


def full_name(p):
    return p["family_middle"] + " " + p["given"]


# Province and parent bodies: their own leaders and officers.
add_person("tn", "Phó Chủ tịch UBND tỉnh", True, "leader", "state", "male", birth=1964)
add_person("tn", "Chánh Văn phòng UBND tỉnh", True, "leader", "state", "female")
add_person("so-noi-vu", "Giám đốc Sở Nội vụ", True, "leader", "state", "male")
add_person("so-noi-vu", "Trưởng Ban Thi đua - Khen thưởng", True, "leader", "state", "male")
add_person("so-noi-vu", "Phó Trưởng Ban Thi đua - Khen thưởng", True, "leader", "state", "female")
add_person("so-noi-vu", "Chuyên viên Ban Thi đua - Khen thưởng", False, "other", "state", "female")
add_person("so-noi-vu", "Chuyên viên Ban Thi đua - Khen thưởng", False, "other", "state", "male")

UPPER_STAFF = {
    "go-dau": [("Chủ tịch UBND huyện", True), ("Phó Chủ tịch UBND huyện", True),
               ("Trưởng phòng Nội vụ huyện", True), ("Chuyên viên Phòng Nội vụ phụ trách thi đua", False)],
    "tp-tay-ninh": [("Chủ tịch UBND thành phố", True), ("Phó Chủ tịch UBND thành phố", True),
                    ("Trưởng phòng Nội vụ thành phố", True), ("Chuyên viên Phòng Nội vụ", False)],
    "so-vhttdl": [("Giám đốc Sở", True), ("Phó Giám đốc Sở", True), ("Chánh Văn phòng Sở", True),
                  ("Chuyên viên Văn phòng Sở", False)],
    "so-gddt": [("Giám đốc Sở", True), ("Phó Giám đốc Sở", True),
                ("Trưởng phòng Tổ chức cán bộ", True), ("Chuyên viên Phòng Tổ chức cán bộ", False)],
}
for uid, rows in UPPER_STAFF.items():
    for position, leader in rows:
        add_person(uid, position, leader, "leader" if leader else "other", "state")

# Grassroots people by profile: (position, leader, category, sector)
PROFILES = {
    "commune": {
        "leaders": [("Chủ tịch UBND", "leader"), ("Phó Chủ tịch UBND", "leader"), ("Bí thư Đảng ủy", "leader")],
        "workers": [
            ("Nông dân sản xuất, kinh doanh giỏi", "farmer", "household"),
            ("Nông dân trồng mía", "farmer", "household"),
            ("Nông dân nuôi bò sữa", "farmer", "household"),
            ("Chủ nhiệm Hợp tác xã nông nghiệp", "good_worker", "collective"),
            ("Công chức Văn hóa - Xã hội", "direct_worker", "state"),
            ("Công chức Địa chính - Xây dựng", "direct_worker", "state"),
            ("Công an viên", "good_deeds", "state"),
            ("Chủ doanh nghiệp tư nhân", "good_worker", "private"),
            ("Công nhân Công ty TNHH may mặc (vốn nước ngoài)", "direct_worker", "foreign"),
            ("Hộ kinh doanh cá thể", "good_deeds", "household"),
            ("Chi hội trưởng Chi hội Phụ nữ ấp", "good_deeds", "other", "female"),
            ("Tình nguyện viên công tác xã hội", "good_deeds", "other"),
        ],
    },
    "school": {
        "leaders": [("Hiệu trưởng", "leader"), ("Phó Hiệu trưởng", "leader"), ("Phó Hiệu trưởng", "leader")],
        "workers": [
            ("Giáo viên Toán", "direct_worker", "state"),
            ("Giáo viên Ngữ văn", "direct_worker", "state"),
            ("Giáo viên Vật lý", "scientist", "state"),
            ("Giáo viên Tiếng Anh", "direct_worker", "state"),
            ("Giáo viên Sinh học", "scientist", "state"),
            ("Tổ trưởng chuyên môn", "good_worker", "state"),
            ("Nhân viên thư viện", "direct_worker", "state"),
            ("Giáo viên chủ nhiệm", "good_worker", "state"),
            ("Học sinh đạt giải Học sinh giỏi quốc gia", "good_deeds", "other"),
            ("Nhân viên kế toán", "direct_worker", "state"),
        ],
    },
    "health": {
        "leaders": [("Giám đốc", "leader"), ("Phó Giám đốc", "leader"), ("Phó Giám đốc", "leader"),
                    ("Trưởng khoa Nội", "leader"), ("Trưởng khoa Ngoại", "leader")],
        "workers": [
            ("Bác sĩ", "direct_worker", "state"),
            ("Bác sĩ", "scientist", "state"),
            ("Điều dưỡng", "direct_worker", "state"),
            ("Điều dưỡng", "good_worker", "state"),
            ("Y sĩ", "direct_worker", "state"),
            ("Hộ sinh", "direct_worker", "state"),
            ("Dược sĩ", "direct_worker", "state"),
        ],
    },
    "culture": {
        "leaders": [("Giám đốc", "leader"), ("Phó Giám đốc", "leader")],
        "workers": [
            ("Viên chức", "direct_worker", "state"),
            ("Thủ thư", "direct_worker", "state"),
            ("Diễn viên", "good_worker", "state"),
            ("Nhạc công", "direct_worker", "state"),
            ("Hướng dẫn viên", "direct_worker", "state"),
            ("Cộng tác viên văn hóa cơ sở", "good_deeds", "other"),
            ("Nghiên cứu viên", "scientist", "state"),
        ],
    },
    "sport": {
        "leaders": [("Giám đốc", "leader"), ("Phó Giám đốc", "leader")],
        "workers": [
            ("Huấn luyện viên", "direct_worker", "state"),
            ("Vận động viên", "good_worker", "state"),
            ("Vận động viên", "good_worker", "state"),
            ("Huấn luyện viên", "good_worker", "state"),
            ("Bác sĩ thể thao", "scientist", "state"),
            ("Nhân viên kỹ thuật", "direct_worker", "state"),
        ],
    },
    "tourism": {
        "leaders": [("Trưởng ban", "leader"), ("Phó Trưởng ban", "leader")],
        "workers": [
            ("Hướng dẫn viên du lịch", "direct_worker", "state"),
            ("Nhân viên vận hành cáp treo", "direct_worker", "private"),
            ("Nhân viên bảo vệ rừng", "good_deeds", "state"),
            ("Hộ kinh doanh dịch vụ du lịch", "good_worker", "household"),
            ("Nhân viên cứu hộ", "good_deeds", "state"),
        ],
    },
}

MINORITY_UNITS = {"gd-phuoc-dong", "tp-ninh-son", "vh-doan-nt", "gddt-chuyen-hlk", "tp-tan-binh",
                  "gd-bau-don", "vh-tthl", "gddt-cdsp", "gd-thanh-phuoc"}

pilot_units = set()
profile_of = {}
for parent, rows in GRASSROOTS.items():
    for uid, name, kind, staff, pilot, profile, short in rows:
        if pilot:
            pilot_units.add(uid)
        profile_of[uid] = profile
        spec = PROFILES[profile]
        n_leaders = 5 if uid == "gd-ttyt" else (3 if staff > 100 else 2)
        n_workers = 7 if uid == "gd-ttyt" else rng.randint(7, 9)
        for i in range(n_leaders):
            position, category = spec["leaders"][i % len(spec["leaders"])]
            if profile == "commune":
                position += " " + short
            add_person(uid, position, True, category, "state")
        for i in range(n_workers):
            position, category, sector, *gender = spec["workers"][(i + rng.randint(0, 3)) % len(spec["workers"])]
            minority = uid in MINORITY_UNITS and i == 1
            add_person(uid, position, False, category, sector, gender[0] if gender else None, minority=minority)

# ---------------------------------------------------------------------------------------------
# Conferences

AGENDA = [
    ("Tuyên bố lý do, giới thiệu đại biểu và khai mạc", 15),
    ("Báo cáo đánh giá, tổng kết phong trào thi đua yêu nước, biểu dương tôn vinh các tập thể, "
     "cá nhân điển hình tiên tiến", 40),
    ("Báo cáo tham luận hoặc giao lưu, tọa đàm với các điển hình tiên tiến tiêu biểu", 10),
    None,  # the talks go here
    ("Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến", 30),
    ("Phát động phong trào thi đua giai đoạn 2020 - 2025", 15),
    ("Phát biểu hưởng ứng phong trào thi đua", 15),
    ("Giới thiệu đoàn đại biểu đi dự Đại hội, Hội nghị cấp trên", 15),
    ("Tổng kết và bế mạc", 10),
]

TALK_TOPICS = {
    "commune": ["Kinh nghiệm xây dựng mô hình sản xuất, kinh doanh hiệu quả",
                "Chung sức xây dựng nông thôn mới",
                "Tây Ninh chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
                "Cải cách hành chính, phục vụ Nhân dân ngày càng tốt hơn"],
    "school": ["Đổi mới phương pháp dạy học, nâng cao chất lượng giáo dục",
               "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"],
    "health": ["Nâng cao chất lượng khám, chữa bệnh, hướng tới sự hài lòng của người bệnh"],
    "culture": ["Giữ gìn và phát huy bản sắc văn hóa dân tộc",
                "Xây dựng đời sống văn hóa ở cơ sở"],
    "sport": ["Rèn luyện, thi đấu vì màu cờ sắc áo Tây Ninh"],
    "tourism": ["Phát triển du lịch Núi Bà Đen gắn với bảo vệ môi trường"],
}


def hhmm(minutes):
    return "%02d:%02d" % (minutes // 60, minutes % 60)


def presenter(p):
    position = p["position"][0].lower() + p["position"][1:]
    return "%s, %s, %s" % (full_name(p), position, unit_by_id[p["unit"]]["name"].replace("UBND ", ""))


def agenda(talkers, unvetted=(), talk_minutes=15):
    items = []
    t = 7 * 60 + 30
    for entry in AGENDA:
        if entry is None:
            for i, p in enumerate(talkers):
                topics = TALK_TOPICS[profile_of[p["unit"]]]
                topic = topics[(len(full_name(p)) + i) % len(topics)]
                items.append({"start": hhmm(t), "minutes": talk_minutes, "title": "Tham luận: " + topic,
                              "presenter": presenter(p),
                              "kind": "talk", "vetted": i not in unvetted})
                t += talk_minutes
            continue
        title, minutes = entry
        items.append({"start": hhmm(t), "minutes": minutes, "title": title, "presenter": "",
                      "kind": "item", "vetted": False})
        t += minutes
    return items


def submissions(date, missing=(), late=()):
    due = minus_one_month(date)
    out = {}
    for i, key in enumerate(["plan", "schedule", "draft_report", "content"]):
        if key in missing:
            out[key] = None
        elif key in late:
            out[key] = iso(due + datetime.timedelta(days=6))
        else:
            out[key] = iso(due - datetime.timedelta(days=3 + 4 * (3 - i) + rng.randint(0, 3)))
    return out


conferences = []
decision_counter = {}


def approval(council_unit, date):
    n = decision_counter.get(council_unit, 0) + 1
    decision_counter[council_unit] = n
    return {"decision": "%02d/QĐ-HĐTĐKT" % (n + 2), "date": iso(date),
            "council": unit_by_id[council_unit]["council"]}


GRASSROOTS_FORMS = ["Hội nghị Điển hình tiên tiến", "Hội nghị Điển hình tiên tiến",
                    "Hội nghị Biểu dương người tốt, việc tốt",
                    "Hội nghị Biểu dương những người lao động giỏi, lao động sáng tạo"]

VENUE = {
    "commune": "Hội trường {}",
    "school": "Hội trường {}",
    "health": "Hội trường {}",
    "culture": "Hội trường {}",
    "sport": "Nhà thi đấu {}",
    "tourism": "Hội trường {}",
}

# Dates of the grassroots conferences: working days of Q1 2020, outside the Tết holiday
# (23-29/01/2020), spread evenly in the order of the units.
grassroots_dates = {}
days = [d(2020, 1, 6) + datetime.timedelta(days=i) for i in range(0, 82)]
days = [x for x in days if x.weekday() < 5 and not d(2020, 1, 20) <= x <= d(2020, 2, 2)]
all_grassroots = [row for rows in GRASSROOTS.values() for row in rows]
for i, row in enumerate(all_grassroots):
    grassroots_dates[row[0]] = days[(i * 7) % len(days)]
grassroots_dates["gd-hiep-thanh"] = d(2020, 4, 20)
grassroots_dates["tp-ninh-son"] = d(2020, 4, 8)
grassroots_dates["gd-thanh-phuoc"] = d(2020, 1, 14)

for parent, rows in GRASSROOTS.items():
    for uid, name, kind, staff, pilot, profile, short in rows:
        date = grassroots_dates[uid]
        members = people_by_unit[uid]
        leaders = [p for p in members if p["leader"]]
        workers = [p for p in members if not p["leader"]]
        mode = "representative" if staff >= 200 else "plenary"
        if uid == "gddt-le-quy-don":
            mode = "plenary"  # R-MODE error, on purpose
        talkers = workers[:2] if staff < 100 else workers[:3]
        unvetted = (1,) if uid in ("gd-phuoc-dong", "vh-ttvh", "gddt-quang-trung") else ()
        delegates = [{"person": p["id"], "role": "delegate", "approval": None} for p in leaders + workers]
        # An officer of the level above attends as a guest.
        if uid in ("gd-tt-go-dau", "tp-phuong-1", "vh-tthl", "gddt-chuyen-hlk"):
            guest = [p for p in people_by_unit[parent] if p["leader"]][1]
            delegates.append({"person": guest["id"], "role": "guest", "approval": None})
        missing = ()
        late = ()
        if uid == "tp-phuong-2":
            missing = ("draft_report",)
        if uid == "gddt-thpt-tay-ninh":
            late = ("content",)
        if uid == "gd-bau-don":
            missing = ("schedule", "content")
        conferences.append({
            "id": "c-" + uid,
            "unit": uid,
            "form": GRASSROOTS_FORMS[len(uid) % len(GRASSROOTS_FORMS)] if profile != "school"
                    else "Hội nghị Điển hình tiên tiến",
            "mode": mode,
            "date": iso(date),
            "start": "07:30",
            "venue": VENUE[profile].format(name.replace("UBND ", "UBND ")),
            "chair": full_name(leaders[0]) + " - " + leaders[0]["position"],
            "pilot": pilot,
            "submissions": submissions(date, missing, late),
            "agenda": agenda(talkers, unvetted),
            "quotas": [],
            "delegates": delegates,
            "documents": {},
        })

UPPER_CONF = {
    "go-dau": (d(2020, 4, 16), True, "Hội trường Trung tâm Văn hóa - Thể thao huyện Gò Dầu"),
    "so-vhttdl": (d(2020, 4, 23), True, "Hội trường Sở Văn hóa, Thể thao và Du lịch"),
    "tp-tay-ninh": (d(2020, 5, 14), False, "Hội trường UBND thành phố Tây Ninh"),
    "so-gddt": (d(2020, 5, 21), False, "Hội trường Trường THPT Chuyên Hoàng Lê Kha"),
}
sent_upward = {}  # upper unit -> people it can send to the province
for uid in ["go-dau", "so-vhttdl", "tp-tay-ninh", "so-gddt"]:
    date, pilot, venue = UPPER_CONF[uid]
    own = people_by_unit[uid]
    delegates = [{"person": p["id"], "role": "delegate", "approval": None} for p in own if p["leader"]]
    quotas = []
    chosen = []
    for row in GRASSROOTS[uid]:
        child = row[0]
        child_people = people_by_unit[child]
        workers = [p for p in child_people if not p["leader"]]
        picks = workers[:3]
        seats = 3
        if child in ("gd-phuoc-dong",):
            seats = 2  # R-QUOTA error: three sent for two seats
        if child in ("tp-binh-minh", "vh-bao-tang"):
            seats = 4  # R-QUOTA warning: fewer sent than allotted
        if child in ("gd-ttyt", "gddt-cdsp"):
            picks = [p for p in child_people if p["leader"]][:1] + workers[:2]
        quotas.append({"unit": child, "seats": seats})
        child_date = datetime.date.fromisoformat(
            next(c["date"] for c in conferences if c["unit"] == child))
        approved_on = min(child_date + datetime.timedelta(days=7), date - datetime.timedelta(days=5))
        for p in picks:
            a = approval(child, approved_on)
            if (uid, child, p is picks[-1]) in (("go-dau", "gd-bau-don", True), ("so-gddt", "gddt-trang-bang", True)):
                a = None  # R-APPROVE: the approval is still missing
            delegates.append({"person": p["id"], "role": "delegate", "approval": a})
            chosen.append(p)
    # Guests: the province's emulation office.
    delegates.append({"person": people_by_unit["so-noi-vu"][1]["id"], "role": "guest", "approval": None})
    sent_upward[uid] = chosen[::3] + [p for p in own if p["leader"]][:1]

    talkers = chosen[:3] if uid != "so-gddt" else chosen[:6]
    items = agenda(talkers, (2,) if uid == "so-gddt" else (),
                   talk_minutes=15 if uid != "so-gddt" else 25)
    if uid == "so-gddt":
        # A long report and speeches: longer than a half day (R-HALFDAY).
        items[1]["minutes"] = 60
        t = 7 * 60 + 30
        for it in items:
            it["start"] = hhmm(t)
            t += it["minutes"]
    leaders = [p for p in own if p["leader"]]
    conferences.append({
        "id": "c-" + uid,
        "unit": uid,
        "form": "Hội nghị Tuyên dương điển hình tiên tiến",
        "mode": "representative",
        "date": iso(date),
        "start": "07:30",
        "venue": venue,
        "chair": full_name(leaders[0]) + " - " + leaders[0]["position"],
        "pilot": pilot,
        "submissions": submissions(date, ("content",) if uid == "tp-tay-ninh" else ()),
        "agenda": items,
        "quotas": quotas,
        "delegates": delegates,
        "documents": {},
    })

# The provincial congress (Q3 2020).
PROVINCE_DATE = d(2020, 8, 20)
prov_delegates = [{"person": p["id"], "role": "delegate", "approval": None} for p in people_by_unit["tn"]]
prov_quotas = []
for uid in ["go-dau", "tp-tay-ninh", "so-vhttdl", "so-gddt"]:
    picks = sent_upward[uid]
    prov_quotas.append({"unit": uid, "seats": len(picks) + (1 if uid == "so-vhttdl" else 0)})
    upper_date = UPPER_CONF[uid][0]
    for p in picks:
        prov_delegates.append({"person": p["id"], "role": "delegate",
                               "approval": approval(uid, upper_date + datetime.timedelta(days=10))})
for p in people_by_unit["so-noi-vu"][:3]:
    prov_delegates.append({"person": p["id"], "role": "guest", "approval": None})
prov_talkers = [p for uid in ["go-dau", "so-vhttdl", "tp-tay-ninh"] for p in sent_upward[uid][:1]]
conferences.append({
    "id": "c-tn",
    "unit": "tn",
    "form": "Đại hội Thi đua yêu nước",
    "mode": "representative",
    "date": iso(PROVINCE_DATE),
    "start": "07:30",
    "venue": "Hội trường Trung tâm Hội nghị tỉnh Tây Ninh",
    "chair": full_name(people_by_unit["tn"][0]) + " - Phó Chủ tịch UBND tỉnh",
    "pilot": False,
    "submissions": submissions(PROVINCE_DATE),
    "agenda": agenda(prov_talkers),
    "quotas": prov_quotas,
    "delegates": prov_delegates,
    "documents": {},
})

# ---------------------------------------------------------------------------------------------

document = {
    "format": "thidua-plan",
    "version": 1,
    "plan": plan,
    "units": units,
    "people": people,
    "conferences": conferences,
}


def nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


text = json.dumps(nfc(document), ensure_ascii=False, indent=2) + "\n"

if "--check" in sys.argv[1:]:
    with open(OUT, encoding="utf-8") as f:
        sys.exit(0 if f.read() == text else 1)

with open(OUT, "w", encoding="utf-8") as f:
    f.write(text)
print("%s: %d units, %d people, %d conferences" % (os.path.relpath(OUT, ROOT), len(units), len(people),
                                                    len(conferences)))
