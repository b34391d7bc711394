"""Government action programmes written for the tests, in every layout they reach users in.

A Government resolution that issues an action programme (the form of
03/NQ-CP and 71/NQ-CP) is described here once: its header, legal basis and
articles, the attached ``CHƯƠNG TRÌNH HÀNH ĐỘNG`` with its sections, and its
appendices (``Phụ lục I`` indicators, ``Phụ lục II`` the numbered task list,
grouped by Roman numerals). :func:`blocks` lays it out as paragraphs and
tables for DOCX, HTML and PDF (``tests.documents``); :func:`pdf_text` as the
text layer of a PDF gives it (each cell a block of short lines, page numbers,
the table header repeated after every page break). ``part`` gives one part
alone, as users receive an appendix as a file of its own.

These documents are not the texts of NQ 03 or NQ 71. Their numbers, dates and
issuer are those of the real resolutions, so that they meet the plans of the
bundled corpus; the tasks the corpus quotes by number keep the words it quotes
(less the city's own), and every other task, lead body, result and deadline
is written for the tests.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from tests.documents import Block

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
SUBJECT_57 = ("Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học, "
              "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")
TASK_HEADER = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian hoàn thành"]
INDICATOR_HEADER = ["TT", "Chỉ tiêu", "Đơn vị", "Năm 2030", "Năm 2045", "Cơ quan chủ trì theo dõi, đánh giá"]


@dataclass
class Programme:
    """One resolution and the programme it issues."""

    number: str
    date_words: str                 # "ngày 01 tháng 4 năm 2025"
    title: str                      # the subject under NGHỊ QUYẾT
    basis: list[str]
    articles: list[str]
    programme_title: str
    programme: list[str]            # the programme's sections, one printed paragraph each
    indicators: list[list[str]]
    tasks: list[tuple[str, str, list[list[str]]]]   # (Roman numeral, group title, rows)
    signer: str = "Nguyễn Văn Thành"
    signature: tuple[str, ...] = ("TM. CHÍNH PHỦ", "THỦ TƯỚNG")
    recipients: list[str] = field(default_factory=lambda: [
        "Ban Bí thư Trung ương Đảng;", "Thủ tướng, các Phó Thủ tướng Chính phủ;",
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;",
        "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;", "Lưu: VT, KGVX."])

    @property
    def caption(self) -> str:
        return f"(Kèm theo Nghị quyết số {self.number} {self.date_words} của Chính phủ)"

    def item(self, number: str) -> list[str]:
        return next(row for _, _, rows in self.tasks for row in rows if row[0] == number)


def _rows(*rows: str) -> list[list[str]]:
    return [row.split(" | ") for row in rows]


NQ71 = Programme(
    number="71/NQ-CP",
    date_words="ngày 01 tháng 4 năm 2025",
    title=("Sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện " + SUBJECT_57),
    basis=[
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        "Căn cứ " + SUBJECT_57 + ";",
        "Căn cứ Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ ban hành Chương trình hành động "
        "của Chính phủ thực hiện Nghị quyết số 57-NQ/TW;",
        "Theo đề nghị của Bộ trưởng Bộ Khoa học và Công nghệ.",
    ],
    articles=[
        "Điều 1. Sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ ban hành kèm theo Nghị quyết số "
        "03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ thực hiện Nghị quyết số 57-NQ/TW; Chương trình hành "
        "động sửa đổi, bổ sung, cập nhật kèm theo Nghị quyết này.",
        "Điều 2. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành và thay thế Chương trình hành động "
        "ban hành kèm theo Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ.",
        "Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban "
        "nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị quyết này./.",
    ],
    programme_title=("CỦA CHÍNH PHỦ THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22 THÁNG 12 NĂM 2024 CỦA BỘ CHÍNH TRỊ "
                     "VỀ ĐỘT PHÁ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ QUỐC GIA"),
    programme=[
        "I. MỤC TIÊU",
        "1. Mục tiêu chung",
        "Tạo chuyển biến mạnh mẽ, toàn diện trong nhận thức và hành động của các cấp, các ngành; phát triển khoa "
        "học, công nghệ, đổi mới sáng tạo và chuyển đổi số là đột phá quan trọng hàng đầu.",
        "2. Các chỉ tiêu cụ thể",
        "Các chỉ tiêu cụ thể đến năm 2030 và tầm nhìn đến năm 2045 tại Phụ lục I kèm theo Chương trình này.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Nâng cao nhận thức, đột phá về đổi mới tư duy, xác định quyết tâm chính trị mạnh mẽ, quyết liệt lãnh "
        "đạo, chỉ đạo, tạo xung lực mới, khí thế mới trong toàn xã hội về phát triển khoa học, công nghệ, đổi mới "
        "sáng tạo và chuyển đổi số quốc gia",
        "a) Các bộ, ngành, địa phương tổ chức quán triệt, tuyên truyền sâu rộng nội dung Nghị quyết số 57-NQ/TW "
        "đến toàn thể cán bộ, công chức, viên chức và người lao động.",
        "b) Bộ Khoa học và Công nghệ chủ trì hướng dẫn các bộ, ngành, địa phương xây dựng kế hoạch thực hiện "
        "Chương trình hành động này, hoàn thành trong tháng 5 năm 2025.",
        "2. Khẩn trương, quyết liệt hoàn thiện thể chế; xóa bỏ mọi tư tưởng, quan niệm, rào cản đang cản trở sự "
        "phát triển; đưa thể chế thành một lợi thế cạnh tranh",
        "Bộ Tư pháp chủ trì, phối hợp với các bộ, ngành rà soát, sửa đổi các văn bản quy phạm pháp luật có liên "
        "quan, hoàn thành trong năm 2025.",
        "3. Danh mục nhiệm vụ cụ thể của các bộ, ngành, địa phương tại Phụ lục II kèm theo Chương trình này.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
        "trung ương xây dựng, ban hành kế hoạch thực hiện Chương trình hành động này, định kỳ hằng quý báo cáo "
        "tình hình thực hiện.",
        "2. Bộ Khoa học và Công nghệ chủ trì, theo dõi, đôn đốc, tổng hợp tình hình thực hiện Chương trình hành "
        "động, báo cáo Chính phủ trước ngày 15 tháng 12 hằng năm.",
    ],
    indicators=_rows(
        "1 | Tỷ lệ dịch vụ công trực tuyến toàn trình | % | ≥ 80 | 100 | Văn phòng Chính phủ",
        "2 | Tỷ lệ giao dịch không dùng tiền mặt | % | ≥ 80 | ≥ 95 | Ngân hàng Nhà nước Việt Nam",
        "3 | Kinh phí chi cho nghiên cứu phát triển | % GDP | ≥ 2 | ≥ 3 | Bộ Khoa học và Công nghệ",
        "4 | Tỷ trọng kinh tế số trong GDP | % GDP | ≥ 30 | ≥ 50 | Bộ Tài chính",
        "5 | Tỷ lệ người dân trưởng thành có danh tính số | % | 100 | 100 | Bộ Công an",
    ),
    tasks=[
        ("I", "NÂNG CAO NHẬN THỨC, ĐỘT PHÁ VỀ ĐỔI MỚI TƯ DUY, XÁC ĐỊNH QUYẾT TÂM CHÍNH TRỊ MẠNH MẼ", _rows(
            "1 | Tổ chức quán triệt, tuyên truyền Nghị quyết số 57-NQ/TW và Chương trình hành động của Chính phủ "
            "đến cán bộ, công chức, viên chức | Các bộ, ngành, địa phương | Bộ Khoa học và Công nghệ | Hội nghị "
            "quán triệt, tài liệu tuyên truyền | Tháng 4/2025",
            "2 | Xây dựng chương trình chuyên biệt về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên "
            "truyền hình, phát thanh và mạng xã hội | Đài Truyền hình Việt Nam | Đài Tiếng nói Việt Nam; Thông tấn "
            "xã Việt Nam | Chương trình phát sóng định kỳ | Hằng năm",
            "3 | Phát động phong trào học tập trên các nền tảng số để trở thành phong trào “học tập số” thường "
            "xuyên, liên tục, phổ cập, nâng cao kiến thức về khoa học, công nghệ, đổi mới sáng tạo, kỹ năng số, "
            "công nghệ số cơ bản trong cán bộ, công chức và Nhân dân | Bộ Giáo dục và Đào tạo | Bộ Khoa học và "
            "Công nghệ; các bộ, ngành, địa phương | Phong trào “Bình dân học vụ số” | Năm 2025",
            "4 | Biểu dương, khen thưởng tổ chức, cá nhân có thành tích trong phát triển khoa học, công nghệ, đổi "
            "mới sáng tạo và chuyển đổi số | Bộ Nội vụ | Các bộ, ngành, địa phương | Quyết định khen thưởng | Hằng "
            "năm",
            "5 | Đưa nội dung khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số vào chương trình bồi dưỡng lý "
            "luận chính trị | Bộ Nội vụ | Bộ Giáo dục và Đào tạo | Chương trình bồi dưỡng | Năm 2025",
            "6 | Cụ thể hóa nhiệm vụ chuyển đổi số, phát triển khoa học, công nghệ, đổi mới sáng tạo trong chương "
            "trình, kế hoạch công tác hằng năm của cơ quan, tổ chức, đơn vị | Các bộ, ngành, địa phương | Bộ Khoa "
            "học và Công nghệ | Kế hoạch công tác năm | Hằng năm",
            "7 | Hoàn thành xây dựng, cập nhật điều chỉnh kế hoạch triển khai Chương trình hành động của Chính phủ "
            "| Các bộ, ngành, địa phương | Bộ Khoa học và Công nghệ | Kế hoạch của bộ, ngành, địa phương | Tháng "
            "5/2025",
            "8 | Đánh giá mức độ sẵn sàng chuyển đổi số của các bộ, ngành, địa phương | Bộ Khoa học và Công nghệ | "
            "Các bộ, ngành, địa phương | Báo cáo đánh giá | Hằng năm",
        )),
        ("II", "KHẨN TRƯƠNG, QUYẾT LIỆT HOÀN THIỆN THỂ CHẾ", _rows(
            "9 | Bố trí tỷ lệ phù hợp cán bộ có chuyên môn, kinh nghiệm về khoa học kỹ thuật trong đội ngũ lãnh "
            "đạo từng cơ quan, đơn vị nhà nước | Bộ Nội vụ | Các bộ, ngành, địa phương | Văn bản hướng dẫn | Năm "
            "2025",
            "10 | Xây dựng Luật Khoa học, công nghệ và đổi mới sáng tạo (thay thế) | Bộ Khoa học và Công nghệ | Bộ "
            "Tư pháp; Bộ Tài chính | Luật của Quốc hội | Tháng 6/2025",
            "11 | Xây dựng Luật Chuyển đổi số | Bộ Khoa học và Công nghệ | Bộ Công an; Bộ Tư pháp | Luật của Quốc "
            "hội | Năm 2026",
            "12 | Tổ chức đào tạo, bồi dưỡng cho cán bộ, công chức, viên chức về kiến thức về khoa học, công nghệ, "
            "đổi mới sáng tạo và chuyển đổi số | Bộ Nội vụ | Bộ Khoa học và Công nghệ | Chương trình đào tạo, bồi "
            "dưỡng | Hằng năm",
            "13 | Sửa đổi cơ chế tài chính cho hoạt động khoa học và công nghệ theo hướng khoán chi đến sản phẩm "
            "cuối cùng | Bộ Tài chính | Bộ Khoa học và Công nghệ | Nghị định của Chính phủ | Tháng 6/2025",
            "14 | Ban hành cơ chế thử nghiệm có kiểm soát đối với công nghệ, sản phẩm, dịch vụ, mô hình kinh "
            "doanh mới | Bộ Khoa học và Công nghệ | Các bộ, ngành | Nghị định của Chính phủ | Năm 2025",
        )),
        ("III", "TĂNG CƯỜNG ĐẦU TƯ, HOÀN THIỆN HẠ TẦNG CHO KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ",
         _rows(
            "15 | Triển khai mạng di động 5G phủ sóng toàn quốc | Bộ Khoa học và Công nghệ | Các doanh nghiệp viễn "
            "thông | Hạ tầng 5G | Năm 2025",
            "16 | Xây dựng trung tâm dữ liệu quốc gia | Bộ Công an | Bộ Khoa học và Công nghệ; Bộ Tài chính | "
            "Trung tâm dữ liệu quốc gia đi vào hoạt động | Năm 2025",
            "17 | Đầu tư phòng thí nghiệm trọng điểm về các công nghệ chiến lược | Bộ Khoa học và Công nghệ | Bộ "
            "Tài chính | Phòng thí nghiệm đưa vào sử dụng | 2025 - 2030",
            "18 | Phát triển hạ tầng điện toán đám mây dùng chung cho các cơ quan nhà nước | Bộ Khoa học và Công "
            "nghệ | Bộ Công an | Nền tảng điện toán đám mây | Năm 2026",
            "19 | Phát triển cáp quang biển quốc tế, bảo đảm kết nối an toàn | Bộ Khoa học và Công nghệ | Bộ Quốc "
            "phòng; Bộ Ngoại giao | Tuyến cáp mới đưa vào khai thác | 2025 - 2030",
            "20 | Xây dựng hạ tầng dữ liệu không gian địa lý quốc gia | Bộ Nông nghiệp và Môi trường | Bộ Quốc "
            "phòng | Hạ tầng dữ liệu không gian | Năm 2026",
            "21 | Đầu tư trung tâm đổi mới sáng tạo quốc gia và các trung tâm vùng | Bộ Tài chính | Bộ Khoa học và "
            "Công nghệ | Trung tâm đi vào hoạt động | 2025 - 2030",
            "22 | Nâng cấp hạ tầng mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước | Bộ Công an | "
            "Ban Cơ yếu Chính phủ | Mạng truyền số liệu được nâng cấp | Năm 2025",
            "23 | Phát triển mạng lưới trạm quan trắc tự động, kết nối dữ liệu về môi trường | Bộ Nông nghiệp và "
            "Môi trường | Các địa phương | Mạng lưới trạm quan trắc | 2025 - 2030",
            "24 | Hiện đại hóa hạ tầng kỹ thuật của các viện nghiên cứu công lập | Bộ Khoa học và Công nghệ | Bộ "
            "Tài chính | Đề án hiện đại hóa | Năm 2026",
        )),
        ("IV", "PHÁT TRIỂN, TRỌNG DỤNG NHÂN LỰC CHẤT LƯỢNG CAO VÀ NHÂN TÀI", _rows(
            "25 | Ban hành chính sách thu hút chuyên gia, nhà khoa học giỏi trong và ngoài nước | Bộ Nội vụ | Bộ "
            "Khoa học và Công nghệ | Nghị định của Chính phủ | Năm 2025",
            "26 | Đào tạo nhân lực về công nghệ bán dẫn, trí tuệ nhân tạo | Bộ Giáo dục và Đào tạo | Bộ Khoa học "
            "và Công nghệ | Đề án đào tạo | 2025 - 2030",
            "27 | Đổi mới chương trình giáo dục phổ thông theo hướng tăng cường giáo dục STEM | Bộ Giáo dục và "
            "Đào tạo | Các địa phương | Chương trình giáo dục | Năm 2026",
            "28 | Xây dựng chính sách đãi ngộ đặc biệt đối với nhà khoa học đầu ngành | Bộ Nội vụ | Bộ Tài chính | "
            "Nghị định của Chính phủ | Năm 2025",
            "29 | Hỗ trợ sinh viên học các ngành khoa học cơ bản, kỹ thuật và công nghệ | Bộ Giáo dục và Đào tạo | "
            "Bộ Tài chính | Quyết định của Thủ tướng Chính phủ | Năm 2025",
            "30 | Phát triển mạng lưới chuyên gia người Việt Nam ở nước ngoài | Bộ Ngoại giao | Bộ Khoa học và "
            "Công nghệ | Mạng lưới chuyên gia | Hằng năm",
            "31 | Bồi dưỡng kỹ năng số cho người lao động trong doanh nghiệp nhỏ và vừa | Bộ Tài chính | Bộ Khoa "
            "học và Công nghệ | Chương trình bồi dưỡng | 2025 - 2030",
            "32 | Thành lập các nhóm nghiên cứu mạnh tại cơ sở giáo dục đại học | Bộ Giáo dục và Đào tạo | Bộ Khoa "
            "học và Công nghệ | Nhóm nghiên cứu được công nhận | 2025 - 2030",
        )),
        ("V", "ĐẨY MẠNH CHUYỂN ĐỔI SỐ, ỨNG DỤNG KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO TRONG HOẠT ĐỘNG CỦA CÁC CƠ "
              "QUAN TRONG HỆ THỐNG CHÍNH TRỊ", _rows(
            "33 | Triển khai hệ thống họp trực tuyến thông suốt từ trung ương đến cấp xã | Văn phòng Chính phủ | "
            "Bộ Công an | Hệ thống đi vào vận hành | Năm 2025",
            "34 | Xây dựng hệ thống thông tin báo cáo quốc gia kết nối các bộ, ngành, địa phương | Văn phòng "
            "Chính phủ | Các bộ, ngành, địa phương | Hệ thống thông tin báo cáo | Năm 2025",
            "35 | Triển khai chữ ký số cho cán bộ, công chức, viên chức | Ban Cơ yếu Chính phủ | Các bộ, ngành, "
            "địa phương | Chứng thư số được cấp | Năm 2025",
            "36 | Hoàn thiện Cổng Dịch vụ công quốc gia | Văn phòng Chính phủ | Bộ Công an | Cổng Dịch vụ công "
            "được nâng cấp | Năm 2025",
            "37 | Số hóa hồ sơ lưu trữ của các cơ quan nhà nước | Bộ Nội vụ | Các bộ, ngành, địa phương | Hồ sơ "
            "lưu trữ được số hóa | 2025 - 2030",
            "38 | Xây dựng cơ sở dữ liệu quốc gia về pháp luật | Bộ Tư pháp | Văn phòng Chính phủ | Cơ sở dữ liệu "
            "đưa vào khai thác | Năm 2025",
            "39 | Triển khai hóa đơn điện tử khởi tạo từ máy tính tiền | Bộ Tài chính | Các địa phương | Hóa đơn "
            "điện tử | Năm 2025",
            "40 | Xây dựng cơ sở dữ liệu quốc gia về đất đai | Bộ Nông nghiệp và Môi trường | Các địa phương | Cơ "
            "sở dữ liệu đưa vào khai thác | Năm 2025",
            "41 | Xây dựng hệ thống quản lý hồ sơ sức khỏe điện tử | Bộ Y tế | Bộ Công an | Hồ sơ sức khỏe điện "
            "tử | Năm 2025",
            "42 | Triển khai học bạ số trong các cơ sở giáo dục phổ thông | Bộ Giáo dục và Đào tạo | Các địa "
            "phương | Học bạ số | Năm 2025",
            "43 | Xây dựng cơ sở dữ liệu về văn hóa, di sản | Bộ Văn hóa, Thể thao và Du lịch | Các địa phương | "
            "Cơ sở dữ liệu đưa vào khai thác | Năm 2026",
            "44 | Triển khai hệ thống giám sát an toàn thông tin cho các cơ quan nhà nước | Bộ Công an | Ban Cơ "
            "yếu Chính phủ | Hệ thống giám sát | Năm 2025",
            "45 | Xây dựng nền tảng trợ lý ảo cho cán bộ, công chức | Bộ Khoa học và Công nghệ | Văn phòng Chính "
            "phủ | Nền tảng trợ lý ảo | Năm 2026",
            "46 | Ứng dụng trí tuệ nhân tạo trong xử lý văn bản, hồ sơ công việc | Văn phòng Chính phủ | Bộ Khoa "
            "học và Công nghệ | Hệ thống được đưa vào sử dụng | Năm 2026",
            "47 | Kết nối hệ thống quản lý văn bản điều hành từ trung ương đến cấp xã | Văn phòng Chính phủ | Các "
            "bộ, ngành, địa phương | Văn bản điện tử liên thông | Năm 2025",
            "48 | Hoàn thành số hóa quy trình nghiệp vụ nội bộ, hồ sơ tài liệu, kết quả giải quyết thủ tục hành "
            "chính trong các lĩnh vực liên quan đến người dân, doanh nghiệp, hoạt động công vụ; tái sử dụng 100% "
            "dữ liệu đã số hóa để cắt giảm tối đa thủ tục hành chính và chi phí tuân thủ cho người dân, doanh "
            "nghiệp | Văn phòng Chính phủ | Các bộ, ngành, địa phương | Dữ liệu được số hóa, tái sử dụng | Tháng "
            "9/2025",
            "49 | Đẩy mạnh tái cấu trúc quy trình, cắt giảm, đơn giản hóa tối đa thủ tục hành chính, nâng cao chất "
            "lượng cung cấp dịch vụ công trực tuyến, nhất là các thủ tục liên quan đến cư trú, hộ tịch, giấy phép "
            "lái xe, đất đai, doanh nghiệp; giải quyết thủ tục hành chính không phụ thuộc vào địa giới hành chính "
            "| Văn phòng Chính phủ | Bộ Công an; các bộ, ngành, địa phương | Dịch vụ công trực tuyến toàn trình | "
            "Năm 2025",
            "50 | Hoàn thành xây dựng cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức | Bộ Nội vụ | Các bộ, "
            "ngành, địa phương | Cơ sở dữ liệu đưa vào khai thác | Tháng 12/2025",
        )),
    ],
)
"""NQ 71's task list as written for the tests: items 1 to 50 in five groups."""

NQ71_ROWS = {row[0]: row for _, _, rows in NQ71.tasks for row in rows}

NQ03 = Programme(
    number="03/NQ-CP",
    date_words="ngày 09 tháng 01 năm 2025",
    title="Ban hành Chương trình hành động của Chính phủ thực hiện " + SUBJECT_57,
    basis=[
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ "
        "chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        "Căn cứ " + SUBJECT_57 + ";",
        "Theo đề nghị của Bộ trưởng Bộ Khoa học và Công nghệ.",
    ],
    articles=[
        "Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động của Chính phủ thực hiện Nghị quyết số "
        "57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị.",
        "Điều 2. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành.",
        "Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban "
        "nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị quyết này./.",
    ],
    signer="Trần Văn Hòa",
    signature=("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"),
    programme_title=NQ71.programme_title,
    programme=NQ71.programme[:5] + ["II. NHIỆM VỤ, GIẢI PHÁP",
                                    "Danh mục nhiệm vụ cụ thể tại Phụ lục II kèm theo Chương trình này.",
                                    "III. TỔ CHỨC THỰC HIỆN",
                                    "Bộ Khoa học và Công nghệ chủ trì, theo dõi, đôn đốc, tổng hợp tình hình thực hiện "
                                    "Chương trình hành động, báo cáo Chính phủ trước ngày 15 tháng 12 hằng năm."],
    indicators=NQ71.indicators[:3],
    tasks=[
        ("I", "NÂNG CAO NHẬN THỨC, ĐỘT PHÁ VỀ ĐỔI MỚI TƯ DUY", _rows(
            "1 | Tổ chức quán triệt, tuyên truyền Nghị quyết số 57-NQ/TW đến cán bộ, công chức, viên chức | Các "
            "bộ, ngành, địa phương | Bộ Khoa học và Công nghệ | Hội nghị quán triệt | Tháng 02/2025",
            "2 | Xây dựng kế hoạch triển khai Chương trình hành động của Chính phủ | Các bộ, ngành, địa phương | "
            "Bộ Khoa học và Công nghệ | Kế hoạch của bộ, ngành, địa phương | Tháng 02/2025",
            "3 | Xây dựng chương trình chuyên biệt về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên "
            "truyền hình, phát thanh | Đài Truyền hình Việt Nam | Đài Tiếng nói Việt Nam | Chương trình phát sóng "
            "| Hằng năm",
        )),
        ("II", "HOÀN THIỆN THỂ CHẾ", _rows(
            "4 | Xây dựng Luật Khoa học, công nghệ và đổi mới sáng tạo (thay thế) | Bộ Khoa học và Công nghệ | Bộ "
            "Tư pháp | Luật của Quốc hội | Tháng 6/2025",
            "5 | Sửa đổi cơ chế tài chính cho hoạt động khoa học và công nghệ | Bộ Tài chính | Bộ Khoa học và Công "
            "nghệ | Nghị định của Chính phủ | Tháng 6/2025",
        )),
        ("III", "CHUYỂN ĐỔI SỐ TRONG HOẠT ĐỘNG CỦA CÁC CƠ QUAN NHÀ NƯỚC", _rows(
            "6 | Triển khai hệ thống họp trực tuyến từ trung ương đến cấp xã | Văn phòng Chính phủ | Bộ Công an | "
            "Hệ thống đi vào vận hành | Năm 2025",
            "7 | Hoàn thành số hóa quy trình nghiệp vụ nội bộ, hồ sơ tài liệu, kết quả giải quyết thủ tục hành "
            "chính; tái sử dụng 100% dữ liệu đã số hóa | Văn phòng Chính phủ | Các bộ, ngành, địa phương | Dữ "
            "liệu được số hóa | Năm 2025",
            "8 | Tái cấu trúc quy trình, cắt giảm, đơn giản hóa thủ tục hành chính, nâng cao chất lượng dịch vụ "
            "công trực tuyến | Văn phòng Chính phủ | Các bộ, ngành, địa phương | Dịch vụ công trực tuyến toàn "
            "trình | Năm 2025",
        )),
    ],
)
"""The earlier programme NQ 71 replaces: its tasks 7 and 8 are NQ 71's 48 and 49, renumbered."""


# --- layouts ---------------------------------------------------------------------

def resolution_part(programme: Programme) -> list[Block]:
    """The resolution: header (issuer and motto side by side), subject, legal basis, articles, sign-off."""
    return [
        [["CHÍNH PHỦ", MOTTO[0]], ["", MOTTO[1]], [f"Số: {programme.number}", f"Hà Nội, {programme.date_words}"]],
        "NGHỊ QUYẾT",
        programme.title,
        "CHÍNH PHỦ",
        *programme.basis,
        "QUYẾT NGHỊ:",
        *programme.articles,
        [[left, right] for left, right in zip(
            ["Nơi nhận:", *(f"- {recipient}" for recipient in programme.recipients)],
            [*programme.signature, *[""] * len(programme.recipients)])],
        programme.signer,
    ]


def programme_part(programme: Programme) -> list[Block]:
    """The attached programme, its caption saying whose it is."""
    caption = f"(Ban hành kèm theo Nghị quyết số {programme.number} {programme.date_words} của Chính phủ)"
    return ["CHƯƠNG TRÌNH HÀNH ĐỘNG", programme.programme_title, caption, *programme.programme]


def indicator_part(programme: Programme) -> list[Block]:
    return ["Phụ lục I", "CÁC CHỈ TIÊU CỤ THỂ ĐẾN NĂM 2030, TẦM NHÌN ĐẾN NĂM 2045", programme.caption,
            [INDICATOR_HEADER, *programme.indicators]]


def task_part(programme: Programme) -> list[Block]:
    rows = [TASK_HEADER]
    for roman, title, group in programme.tasks:
        rows.append([roman, title, "", "", "", ""])
        rows.extend(group)
    return ["Phụ lục II", "DANH MỤC NHIỆM VỤ CỤ THỂ THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW", programme.caption, rows]


PARTS = {"resolution": resolution_part, "programme": programme_part, "indicators": indicator_part,
         "tasks": task_part}


def blocks(programme: Programme, parts: tuple[str, ...] = tuple(PARTS)) -> list[Block]:
    """The paragraphs and tables of ``parts`` of the document, in order."""
    return [block for part in parts for block in PARTS[part](programme)]


# Column widths of a printed task list, in characters, as the PDF's text layer wraps its cells.
TASK_WIDTHS = (4, 34, 16, 16, 14, 11)
INDICATOR_WIDTHS = (4, 36, 7, 8, 8, 18)
ROWS_PER_PAGE = 6


def pdf_text(blocks: list[Block]) -> str:
    """The text layer of the printed document: paragraphs wrapped at the page's width with a blank line
    after each printed line; a table row as the blocks of its cells, column after column; a page number
    and the table's header again after every :data:`ROWS_PER_PAGE` rows."""
    lines: list[str] = []
    page = 1
    for block in blocks:
        if isinstance(block, str):
            for line in textwrap.wrap(block, 86) or [""]:
                lines += [line, ""]
            continue
        if block[0][0] in ("CHÍNH PHỦ", "Nơi nhận:"):  # side by side: one printed line per row
            lines += [f"{left:<42}{right}".rstrip() for left, right in block] + [""]
            continue
        widths = TASK_WIDTHS if len(block[0]) == len(TASK_HEADER) and block[0][1] == TASK_HEADER[1] \
            else INDICATOR_WIDTHS
        header, body = block[0], block[1:]
        for start in range(0, len(body), ROWS_PER_PAGE):
            if start:
                page += 1
                lines += ["", str(page), ""]
            for row in [header, *body[start:start + ROWS_PER_PAGE]]:
                for cell, width in zip(row, widths):
                    for line in textwrap.wrap(cell, width, break_long_words=False):
                        lines += [line + " ", ""]
                    lines += [" ", ""]
    return "\n".join(lines) + "\n"
