"""The indicator tables of the seed plans, read off the text by hand.

``TABLES`` gives, per seed file and appendix number, the number of indicator
rows, their codes in printed order, the group headings, and a sample of rows:
code → name start, unit of measure, targets per year (printed text,
comparator, value), monitoring units (folded words their names hold), output.
A ``None`` target means the table prints ``-`` (no target that year); a
``None`` comparator is not compared (wording such as ``đạt`` or OCR's ``~``
leaves it to the value parser).
Seed 004 is OCR without diacritics: its names are not compared, only codes,
numbers, comparators and units.
"""

P001 = "001_0efade6d4c713fc0.txt"
P004 = "004_8b182910c78f0c57.txt"

TABLES = {
    (P001, "1"): {
        "count": 23,
        "codes": ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", *map(str, range(2, 16)), "16.1", "16.2", "16.3"],
        "groups": [("I", "Đến năm 2030"),
                   ("1", "Chỉ tiêu về thực hiện thủ tục hành chính, dịch vụ công và chỉ đạo, điều hành, "
                         "quản trị nội bộ trên môi trường điện tử"),
                   ("16", "Các chỉ tiêu về giáo dục và đào tạo")],
        "rows": {
            "1.1": {"name": "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
                    "unit": "%", "targets": {"2030": ("≥ 80", ">=", 80.0)},
                    "group": "1 Chỉ tiêu về thực hiện thủ tục hành chính", "span": (730, 730)},
            "1.2": {"name": "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính "
                            "có đủ điều kiện",
                    "unit": "%", "targets": {"2030": ("90", "=", 90.0)}, "span": (732, 736)},
            "1.5": {"name": "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu đã được số hóa trong giải quyết "
                            "thủ tục hành chính, dịch vụ công",
                    "unit": "%", "targets": {"2030": ("80", "=", 80.0)}},
            "2": {"name": "Tỷ lệ xử lý văn bản, hồ sơ công việc toàn trình", "unit": "%",
                  "targets": {"2030": ("100", "=", 100.0)}, "group": "I Đến năm 2030"},
            "5": {"name": "Tỷ lệ giao dịch không dùng tiền mặt", "unit": "%",
                  "targets": {"2030": ("≥ 85", ">=", 85.0)}},
            "6": {"name": "Tỷ lệ doanh nghiệp có hoạt động ĐMST", "unit": "%",
                  "targets": {"2030": ("≥ 40", ">=", 40.0)}},
            "7": {"name": "Chi ngân sách hằng năm cho phát triển KHCN, ĐMST, CĐS quốc gia",
                  "unit": "% tổng chi NSNN", "targets": {"2030": ("Phấn đấu đạt 3%", None, 3.0)}},
            "8": {"name": "Hạ tầng số", "unit": None,
                  "targets": {"2030": ("Tiên tiến, hiện đại, dung lượng siêu lớn, băng thông siêu rộng", None, None)}},
            "9": {"name": "Tỷ lệ người sử dụng có khả năng truy nhập băng rộng cố định với tốc độ trên 1Gb/s.",
                  "unit": "%", "targets": {"2030": ("100", "=", 100.0)}},
            "10": {"name": "Phủ sóng 5G cho người dân", "unit": "% dân số", "targets": {"2030": ("100", "=", 100.0)}},
            "13": {"name": "Dân số từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng", "unit": "%",
                   "targets": {"2030": ("≥ 95", ">=", 95.0)}},
            "14": {"name": "Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân", "unit": "%",
                   "targets": {"2030": ("≥ 70", ">=", 70.0)}},
            "16.2": {"name": "Cơ sở giáo dục phổ thông, thường xuyên triển khai các chương trình giảng dạy về kỹ "
                             "năng số cho học sinh (học viên) phù hợp với quy định của Bộ GDĐT quy định tại thông "
                             "tư số 02/2025/TT-BGDĐT ngày 24/01/2025 về Khung năng lực số cho người học.",
                     "unit": "%", "targets": {"2030": ("100", "=", 100.0)},
                     "group": "16 Các chỉ tiêu về giáo dục và đào tạo"},
        },
        # The monitoring column of this table is empty in every row.
        "monitoring_empty": True,
        "unparsed": ["8"],
        "out_of_sequence": [],
    },
    (P001, "2"): {
        "count": 34,
        "codes": [*map(str, range(1, 10)), *map(str, range(11, 19)), "29", "20", *map(str, range(44, 59))],
        "groups": [("I", "Phát triển hạ tầng"), ("II", "Phát triển nguồn lực"), ("III", "Phát triển CĐS")],
        "rows": {
            "1": {"name": "Tỷ lệ phủ sóng 5G trong khu đô thị trên địa bàn xã", "unit": "%",
                  "targets": {"2025": ("≥60%", ">=", 60.0), "2030": ("100%", "=", 100.0),
                              "2045": ("100%", "=", 100.0)},
                  "monitoring": ["so khoa hoc va cong nghe"], "output": "Bộ số liệu báo cáo",
                  "group": "I Phát triển hạ tầng", "span": (882, 894)},
            "3": {"name": "Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ trên 01 Gbps",
                  "targets": {"2025": ("≥60%", ">=", 60.0), "2030": ("100%", "=", 100.0)}},
            "4": {"name": "Tỷ lệ phủ sóng 6G tại khu công nghiệp, trên địa bàn xã",
                  "targets": {"2025": None, "2030": None, "2035": ("100%", "=", 100.0)}},
            "5": {"name": "Tỉ lệ phủ sóng 6G trên địa bàn xã",
                  "targets": {"2025": None, "2030": None, "2035": ("50%", "=", 50.0), "2040": ("80%", "=", 80.0)}},
            "6": {"name": "Tỉ lệ chi cho KHCN, ĐMST, CĐS trong tổng chi ngân sách xã",
                  "targets": {"2025": ("phấn đấu ít nhất 3%", ">=", 3.0), "2035": ("đạt 3%", None, 3.0),
                              "2040": ("đạt trên 3%", ">", 3.0), "2045": ("đạt trên 3,5%", ">", 3.5)},
                  "monitoring": ["so tai chinh"], "group": "II Phát triển nguồn lực"},
            "7": {"name": "Tỷ lệ cán bộ, công chức cấp xã được bồi dưỡng kỹ năng số căn bản.",
                  "targets": {"2025": ("80%", "=", 80.0)}, "monitoring": ["ubnd"]},
            "11": {"name": "Tỷ lệ dân số trưởng thành tiếp cận dịch vụ số trong y tế, giáo dục, bảo hiểm, giao thông.",
                   "targets": {"2035": ("95%", "=", 95.0), "2040": ("97%", "=", 97.0)},
                   "monitoring": ["so y te", "so giao duc va dao tao", "so xay dung"]},
            "12": {"name": "Tỷ lệ dân số trưởng thành thường xuyên sử dụng dịch vụ số",
                   "targets": {"2025": None, "2035": None, "2040": ("80-90%", "range", 80.0),
                               "2045": ("≥ 90%", ">=", 90.0)}},
            "17": {"name": "Tỷ lệ cơ sở giáo dục phổ thông, thường xuyên triển khai các chương trình giảng dạy về kỹ "
                           "năng số cho học sinh (học viên) phù hợp với quy định của Bộ GDĐT quy định tại thông tư "
                           "số 02/2025/TT-BGDĐT ngày 24/01/2025 về Khung năng lực số cho người học",
                   "targets": {"2025": None, "2030": ("100%", "=", 100.0)},
                   "monitoring": ["so giao duc va dao tao"], "output": "Bộ số liệu báo cáo"},
            "29": {"name": "Tỷ lệ Cơ sở giáo dục trung học, Cơ sở giáo dục nghề nghiệp và đại học",
                   "targets": {"2030": ("≥ 85%", ">=", 85.0)}},
            "44": {"name": "Chỉ số CĐS thành phố", "unit": None,
                   "targets": {"2025": ("≥ 0,77", ">=", 0.77), "2030": ("≥ 0,8", ">=", 0.8),
                               "2045": ("đạt 1,0", None, 1.0)},
                   "group": "III Phát triển CĐS"},
            "46": {"name": "Tỷ lệ thủ tục hành chính liên quan đến đào tạo, nghiên cứu, sản xuất, kinh doanh",
                   "monitoring": ["so giao duc va dao tao", "uy ban nhan dan"]},
            "55": {"name": "Tỷ lệ người dân có chữ ký số",
                   "targets": {"2025": None, "2030": ("≥ 10%", ">=", 10.0), "2045": ("40%", "=", 40.0)},
                   "monitoring": ["cong an thanh pho"]},
            "58": {"name": "Tỷ lệ Quy mô kinh tế số trong GRDP",
                   "targets": {"2025": ("30%", "=", 30.0), "2035": ("45-50%", "range", 45.0)},
                   "monitoring": ["so khoa hoc va cong nghe"], "span": (2408, 2417)},
        },
        "monitoring_empty": False,
        "unparsed": [],
        # 9 → 11 skips a number, 29 stands where 19 belongs, group III starts at 44.
        "out_of_sequence": ["11", "29", "20", "44"],
    },
    (P004, "1"): {
        # Row 6 (a group heading that also prints a prose target) is not counted; row 9's
        # number OCR read as a letter ("o |"), and its place in the sequence gives it back.
        "count": 28,
        "codes": [*(f"1.{n}" for n in range(1, 13)), "2", "3", "4", "5", "6.1", "6.2", "7", "8", "9", "10",
                  *(f"11.{n}" for n in range(1, 6)), "12.6"],
        "restored": {"1.1": "11", "1.2": "19", "1.4": "14", "1.9": "19", "1.12": "112", "9": "o", "11.2": "112"},
        "rows": {
            "1.1": {"unit": "%", "targets": {"2030": ("~ 30", None, 30.0)}},
            "1.2": {"unit": "%", "targets": {"2030": ("90", "=", 90.0)}},
            "1.3": {"targets": {"2030": ("100", "=", 100.0)}, "monitoring": ["phong van hoa"]},
            "1.7": {"unit": "%", "targets": {"2030": ("70", "=", 70.0)}, "monitoring": ["phong van hoa"]},
            "1.8": {"targets": {"2030": ("> 30", ">", 30.0)}},
            "1.9": {"unit": "%", "targets": {"2030": ("50", "=", 50.0)}},
            "2": {"targets": {"2030": ("> 85", ">", 85.0)}},
            "3": {"targets": {"2030": ("> 40", ">", 40.0)}},
            "4": {"unit": "%", "targets": {"2030": ("Phén du dat 1%", None, 1.0)}, "monitoring": ["phong kinh t"]},
            "6.2": {"unit": "% dan s6", "targets": {"2030": ("100", "=", 100.0)}},
            "10": {"unit": "%", "targets": {"2030": ("> 95", ">", 95.0)}},
            "11.4": {"unit": "%", "targets": {"2030": ("95", "=", 95.0)}},
            "11.5": {"unit": "%", "targets": {"2030": ("80", "=", 80.0)}},
        },
        "out_of_sequence": ["12.6"],
    },
}
