"""What the body of each seed plan says, read off the text by hand.

``issuer`` holds folded words the issuer's printed name must contain.
``sections`` counts the body's headings (Roman sections, groups, sub-headings
outside the task sections). ``groups`` counts the body tasks under each group
heading, by the group's printed number (a task standing directly under a
Roman section counts under that section). ``tasks`` maps a task number to the
start of its text, ``task_ends`` to its end. ``responsibilities`` lists, per
item of the organisation section, the folded unit phrase that opens it and
whether it monitors and reports.
"""

from functools import lru_cache
from pathlib import Path

from loaders.model import Plan, Source
from loaders.parse import parse
from loaders.read import read_document

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def source_of(seed: str) -> Source:
    return read_document(CORPUS / SEEDS[seed]["file"])


@lru_cache(maxsize=None)
def plan_of(seed: str) -> Plan:
    """The seed parsed once per test run, texts as printed (plans are read-only in tests)."""
    return parse(source_of(seed), as_printed=True)


SEEDS = {
    "000": {
        "file": "000_8eeaa78af329970f.txt",
        "issuer": "so noi vu",
        "level": "department",
        "number": None,
        "number_printed": None,
        "date": None,
        "place": None,
        "title": "Kế hoạch Triển khai thực hiện Kế hoạch hành động số 12-KH/TU ngày 26/8/2025",
        "signer_title": "GIÁM ĐỐC",
        "signer": "Vũ Tiến Phụng",
        "recipients": ["Sở Khoa học và Công nghệ", "Giám đốc Sở", "Các PGĐ Sở",
                       "Các phòng, ban, đơn vị thuộc và trực thuộc Sở"],
        "citations": {"57-NQ/TW", "71/NQ-CP", "193/2025/QH15", "12-KH/TU", "238/KH-UBND"},
        "basis": {"57-NQ/TW", "71/NQ-CP", "193/2025/QH15", "12-KH/TU", "238/KH-UBND"},
        "implements": {"12-KH/TU", "238/KH-UBND"},
        "dates": {"57-NQ/TW": "2024-12-22", "71/NQ-CP": "2025-04-01", "12-KH/TU": "2025-08-26",
                  "238/KH-UBND": "2025-09-13"},
        "issuers": {"57-NQ/TW": "bo chinh tri", "71/NQ-CP": "chinh phu", "193/2025/QH15": "quoc hoi",
                    "12-KH/TU": "ban thuong vu thanh uy", "238/KH-UBND": "uy ban nhan dan thanh pho"},
        "sections": 19,
        "romans": ["I", "II", "III", "IV", "V"],
        "groups": {"1": 5, "2": 8, "3": 13, "4": 1, "5": 2, "6": 2},
        "tasks": {
            "1.1": "Xây dựng, ban hành và tổ chức triển khai chương trình, kế hoạch tuyên truyền thường xuyên",
            "1.5": "Phát động phong trào thi đua trong toàn cơ quan để góp phần biểu dương",
            "2.4": "Phối hợp với các Sở, ban, ngành trong việc đẩy mạnh thu hút nguồn nhân lực",
            "3.1": "Tổ chức thực hiện có hiệu quả cơ chế, chính sách, chương trình, kế hoạch",
            "3.13": "Xây dựng, triển khai ứng dụng các nền tảng số, tích hợp, liên thông các cơ sở dữ liệu",
            "4.1": "Phối hợp, xây dựng chương trình hỗ trợ, thúc đẩy doanh nghiệp",
            "6.2": "Phân công các phòng, ban đơn vị thuộc và trực thuộc Sở chịu trách nhiệm chính",
        },
        "task_ends": {"6.2": "Công khai báo trên các phương tiện thông tin đại chúng để tăng cường tính minh bạch."},
        "responsibilities": [("cac phong, ban, don vi thuoc va truc thuoc so", False, False),
                             ("van phong so", True, True)],
        "report_deadlines": {},
        "out_of_sequence": [],
    },
    "001": {
        "file": "001_0efade6d4c713fc0.txt",
        "issuer": "xa mao dien",
        "level": "commune",
        "number": None,
        "number_printed": None,
        "date": None,
        "place": None,
        "title": "Kế hoạch Thực hiện Kế hoạch hành động số 12-KH/TU, ngày 26/8/202 của Ban Thường vụ Thành ủy",
        "signer_title": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        "signer": "Nguyễn Đình Hiền",
        "recipients": ["UBND Thành phố", "Sở Khoa học và Công nghệ thành phố", "TT Đảng uỷ - HĐND xã",
                       "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Các phòng chuyên môn",
                       "TT Phục vụ hành chính công xã", "Các đơn vị có liên quan"],
        # 1552/BTTTT-TTH and 708/BTTTT-CATTT: the Ministry's công văn cited in Phụ lục 3 (line 3376)
        "citations": {"57-NQ/TW", "71/NQ-CP", "12-KH/TU", "238/KH-UBND", "1565/QĐ-TTg", "02/2025/TT-BGDĐT",
                      "107/2021/NĐ-CP", "226/2025/QH15", "01-CTr/TU", "55-NQ/TW", "14-NQ/TU", "12-NQ/TU",
                      "1552/BTTTT-TTH", "708/BTTTT-CATTT"},
        "basis": {"57-NQ/TW", "12-KH/TU", "238/KH-UBND"},
        "implements": {"12-KH/TU"},
        "dates": {"57-NQ/TW": "2024-12-22", "71/NQ-CP": "2025-04-01", "238/KH-UBND": "2025-09-13",
                  "12-KH/TU": None, "02/2025/TT-BGDĐT": "2025-01-24", "55-NQ/TW": "2020-02-12"},
        "issuers": {"238/KH-UBND": "uy ban nhan dan thanh pho hai phong", "1565/QĐ-TTg": "thu tuong chinh phu"},
        "sections": 19,
        "romans": ["I", "II", "III", "IV", "V"],
        "groups": {"1": 5, "2": 8, "3": 12, "4": 4, "5": 7, "6": 7, "7": 3, "8": 2},
        "tasks": {
            "1.1": "Xây dựng, ban hành và tổ chức triển khai chương trình tuyên truyền thường xuyên",
            "1.4": "Xây dựng và tổ chức thực hiện chương trình, kế hoạch phát động phong trào học tập",
            "2.7": "Sẵn sàng thử nghiệm các công nghệ mới, mô hình kinh doanh mới (sandbox)",
            "3.9": "Tạo điều kiện kết nối viện - trường - doanh nghiệp",
            "3.12": "Đảm bảo an ninh, an toàn, bảo mật ở từng cấp thường xuyên kiểm tra",
            "4.3": "Xây dựng đội ngũ nhân lực chuyển đổi số, lực lượng chuyên trách",
            "5.7": "Phát hiện, đấu tranh, kịp thời báo cáo lên cơ quan cấp trên các hoạt động tấn công mạng",
            "6.7": "Công bố danh mục các bài toán lớn về khoa học, công nghệ",
            "8.2": "Phân công các đơn vị liên quan chịu trách nhiệm chính trong việc giám sát từng phần nhiệm vụ",
        },
        "task_ends": {"4.4": "đảm bảo tính phổ cập và hiệu quả.",
                      "8.2": "Tổ chức kiểm tra định kỳ, đột xuất để đánh giá tiến độ thực hiện các nhiệm vụ."},
        "responsibilities": [("van phong hdnd – ubnd xa", True, True), ("phong van hoa – xa hoi", False, False),
                             ("phong kinh te", False, False), ("trung tam phuc vu hanh chinh cong", False, False),
                             ("trung tam van hoa thong tin va truyen thong", False, False)],
        "report_deadlines": {},
        "out_of_sequence": [],
    },
    "002": {
        "file": "002_fe2aa1f67ca433f0.txt",
        "issuer": "so van hoa, the thao va du lich",
        "level": "department",
        "number": None,
        "number_printed": "Số: /KH-SVHTTDL",
        "date": None,
        "place": "Hải Phòng",
        "title": "Kế hoạch Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị",
        "signer_title": "GIÁM ĐỐC",
        "signer": "Trần Thị Hoàng Mai",
        "recipients": ["GĐ, Các PGĐ Sở", "Các PCN, ĐVTT Sở"],
        "citations": {"57-NQ/TW", "71/NQ-CP", "193/2025/QH15", "12-KH/TU", "238/KH-UBND"},
        "basis": {"57-NQ/TW", "71/NQ-CP", "193/2025/QH15", "12-KH/TU", "238/KH-UBND"},
        "implements": {"57-NQ/TW"},
        "dates": {"12-KH/TU": "2025-08-26", "238/KH-UBND": "2025-09-13"},
        "issuers": {"193/2025/QH15": "quoc hoi"},
        "sections": 5,
        "romans": ["I", "II", "III"],
        "groups": {},
        "tasks": {},
        "task_ends": {},
        "responsibilities": [("cac phong chuc nang, cac don vi truc thuoc so", False, True),
                             ("truong cac phong chuc nang, thu truong cac don vi truc thuoc so", False, False),
                             ("van phong so", True, True)],
        "report_deadlines": {"cac phong chuc nang, cac don vi truc thuoc so": "trước ngày 13/12 hàng năm"},
        "out_of_sequence": [],
    },
    "003": {
        "file": "003_c190c98b621f42d7.txt",
        "issuer": "phuong hai duong",
        "level": "ward",
        "number": None,
        "number_printed": None,
        "date": None,
        "place": None,
        "title": "Kế hoạch Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
        "signer_title": "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
        "signer": "Phạm Thị Thanh Vân",
        "recipients": ["TT Đảng ủy phường", "TT HĐND phường", "Chủ tịch, các PCT UBND phường", "Công an phường",
                       "Các phòng,ban, đơn vị thuộc phường", "Các Tổ dân phố thuộc phường"],
        "citations": {"57-NQ/TW", "71/NQ-CP", "193/2025/QH15", "142/KH-UBND"},
        "basis": {"57-NQ/TW", "71/NQ-CP", "193/2025/QH15", "142/KH-UBND"},
        "implements": {"57-NQ/TW", "71/NQ-CP", "193/2025/QH15", "142/KH-UBND"},
        "dates": {"142/KH-UBND": "2025-06-09", "71/NQ-CP": "2025-04-01"},
        "issuers": {"142/KH-UBND": "ubnd thanh pho hai phong", "71/NQ-CP": "chinh phu"},
        "sections": 12,
        "romans": ["I", "I", "III"],
        "groups": {"1": 6, "2": 5, "3": 6, "4": 4, "5": 4, "6": 6, "7": 3},
        "tasks": {
            "1.2": "Xây dựng Kế hoạch thực hiện theo hướng “rõ người, rõ việc, rõ thời gian",
            "1.6": "Tăng cường kiểm tra, giám sát việc triển khai thực hiện các mục tiêu",
            "2.2": "Triển khai thực hiện cơ chế chính sách đặc thù về KHCN, ĐMST và CĐS",
            "3.3": "Nâng cấp đầu tư cơ sở hạ tầng công nghệ thông tin của phường",
            "5.3": "Đẩy mạnh chuyển đổi số trong lĩnh vực văn hóa để phát triển công nghiệp văn hóa",
            "6.1": "Phát triển kinh tế số trong lĩnh vực Thương mại điện tử",
        },
        "task_ends": {"5.3": "hệ thống giao thông thông minh.",
                      "6.6": "theo hướng dẫn của Trung ương, thành phố."},
        "numbers": ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4", "2.5",
                    "3.1", "3.3", "3.4", "3.5", "3.6", "3.7", "4.1", "4.2", "4.3", "4.4",
                    "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "7.1", "7.2", "7.2"],
        "responsibilities": [("cac phong, ban, don vi thuoc ubnd phuong, cac to chuc, co quan, don vi co lien quan",
                              False, False),
                             ("phong van hoa - xa hoi phuong", True, True)],
        "report_deadlines": {},
        # source lines of the second "I.", the "3.3." after 3.1 and the second "7.2."
        "out_of_sequence": [100, 217, 398],
    },
    "004": {
        "file": "004_8b182910c78f0c57.txt",
        "issuer": "xa thanh mien",
        "level": "commune",
        "number": "19/KH-UBND",
        "number_printed": "S6:19 /KH-UBND",
        "date": "2025-08-15",
        "place": "Thanh Mién",
        "title": "Kế hoạch Phat trién khoa hoc cong ngh¢, doi méi sang tao va chuyén doi s6 xa Thanh Mién",
        "signer_title": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        "signer": None,
        "recipients": ["TT Pang uy, TT HOND", "Chi tich, cac PCT UBND XA", "VP Dang ty X", "VP HDND-UBND x§",
                       "Cac co quan, don vi ¢0 lién quan", "Cong thong tin dién tir X&"],
        "citations": {"142/KH-UBND", "57-NQ/TW", "71/NQ-CP", "89-CTr/TU", "475-KH/TU", "14-NQ/TU", "312-KL/TU",
                      "08-NQ/TU", "03-NQ/TU", "69-KL/TW", "284/QĐ-UBND", "03-NQ/TW",
                      "110/KH-UBND", "02/2025/TT-BGDĐT"},  # printed "11 0/KH-UBND", "02/2025/TT’— BGDDT"
        "basis": {"142/KH-UBND", "57-NQ/TW", "71/NQ-CP", "89-CTr/TU", "475-KH/TU"},
        "implements": {"142/KH-UBND"},
        "dates": {"142/KH-UBND": "2025-06-09", "89-CTr/TU": "2025-02-25", "475-KH/TU": "2025-05-22",
                  "284/QĐ-UBND": "2022-01-24", "03-NQ/TU": "2021-10-26"},
        "issuers": {"89-CTr/TU": "ban thuong vu thanh uy"},
        "sections": 11,
        "romans": ["I", "II", "III", "IV"],
        "groups": {"1": 6, "2": 4, "3": 4, "4": 15, "5": 2, "II": 1},
        "tasks": {
            "1.2": "Trung tdm Vin hoa, Thé thao va Truyén thong xa lam tbt cong tac",
            "2.4": "Trién khai cap chimg thu s6 dén 100% can b, cong chirc ciia XA.",
            "3.2": "Thyc hién hiéu qua Nghi quyét s6 14-NQ/TU ngay 13/5/2024",
            "4.3": "Ung dung cong ngh¢ thong minh trong quan 1y ha tang",
            "4.5": "Ung dung cong nghé thong tin trong quan ly diéu hanh nganh Cong Thuong",
            "4.15": "Thuc day phong trao phéat huy sang kién",
            "6": "Tiép tuc thue hién cac nhiém vu, giai phap: Tai Két",
        },
        "task_ends": {"4.15": "trén dia ban xa.",
                      "6": "cua Ban Thuong vu Thanh uy."},
        "responsibilities": [("cec phong, ban, nganh, doan the, cac don vi", False, False),
                             ("cac co quan, don vi", False, True),
                             ("phong van hoa - xa hoi", True, True)],
        "report_deadlines": {"cac co quan, don vi": "Binh ky hang nam trudc ngay 15/12"},
        "out_of_sequence": [],
    },
}
