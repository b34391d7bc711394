"""The task-assignment tables of the seed plans, as read by hand from ``data/corpus``.

Keys name a table by its seed file and the appendix number its heading prints
(``""`` when it prints none). Unit cells are given as printed, whole (a cell
may name several units); deadlines as printed; texts by their first words.
"""

P001 = "001_0efade6d4c713fc0.txt"
P002 = "002_fe2aa1f67ca433f0.txt"
P004 = "004_8b182910c78f0c57.txt"

# Rows per top-level group (sub-groups counted in their group), in printed order.
GROUP_ROWS = {
    (P001, "3"): {"I": 6, "II": 2, "III": 9, "V": 3, "VI": 4},
    (P001, "4"): {"I": 5, "II": 14, "III": 26, "IV": 14, "V": 31, "VI": 5, "VII": 7},
    (P002, ""): {"A": 2, "B": 2, "C": 1, "D": 1, "E": 1, "G": 3},
    (P004, "2"): {"1": 6, "2": 4, "3": 4, "4": 15, "5": 2},
}

# Phụ lục 3 of seed 001, by NQ 71 item: NQ 57 task, lead cell, deadline, start of the NQ 71 task.
NQ71_ROWS = {
    "2": ("1-3", "UBND xã", "Thường xuyên", "Xây dựng chương trình chuyên biệt về KHCN"),
    "6": ("1-3", None, "Thường xuyên", "Cụ thể hóa nhiệm vụ CĐS, phát triển KHCN"),
    "7": ("1-3", "Sở Khoa học và Công nghệ", "Tháng 3/2025", "Hoàn thành xây dựng, cập nhật điều chỉnh"),
    "9": ("4", "Các cấp chính quyền, các sở, ngành, đơn vị", "Thường xuyên", "Phấn đấu bố trí tỷ lệ phù hợp"),
    "3": ("5-6", "Sở Khoa học và Công nghệ", "Thường xuyên", "Xây dựng chương trình, kế hoạch phát động"),
    "12": ("5-6", "Sở Khoa học và Công nghệ", "Tháng 9/2025", "Xây dựng kế hoạch tổ chức thực hiện"),
    "48": ("7-8", "Các cấp chính quyền, các sở, ngành, đơn vị", "Tháng 9/2025", "Hoàn thành số hóa quy trình"),
    "49": ("7-8", "Các cấp chính quyền, các sở, ngành, đơn vị", "Tháng 12/2025", "Đẩy mạnh tái cấu trúc quy trình"),
    "80": ("9", "Sở Xây dựng", "Tháng 6/2028", "Xây dựng và triển khai các Đề án đô thị thông minh"),
    "90": ("10", "Các cấp chính quyền, các sở, ngành, đơn vị", "Tháng 6/2026", "Hoàn thành và đưa vào khai thác"),
    "79": ("11", "Sở Khoa học và Công nghệ", "Tháng 9/2026", "Xây dựng Đề án thí điểm triển khai bản sao số"),
    "74": ("12", "Sở Khoa học và Công nghệ", "Tháng 12/2025", "Triển khai các nền tảng số quốc gia"),
    "81": ("13-14", "Sở Khoa học và Công nghệ và các cấp chính quyền, đơn vị", "Tháng 9/2025",
           "Xây dựng, triển khai đề án ứng dụng IoT"),
    "82": ("13-14", "Sở Khoa học và Công nghệ, Ban Quản lý Khu kinh tế", "Tháng 9/2025",
           "Xây dựng kế hoạch và triển khai hạ tầng 5G"),
    "92": ("15", "Sở Khoa học và Công nghệ, Công an thành phố, các cấp chính quyền, đơn vị", "Tháng 5/2025",
           "Nâng cấp, hoàn thiện hạ tầng công nghệ thông tin"),
    "91": ("16", "Sở Khoa học và Công nghệ và các cấp chính quyền, đơn vị", "Tháng 9/2026",
           "Hoàn thành kết nối, khai thác, chia sẻ"),
    "71": ("17", "Sở Khoa học và Công nghệ và các cấp chính quyền, đơn vị", "Thường xuyên",
           "Tổ chức ứng dụng trí tuệ nhân tạo"),
    "147 (8)": ("18", "Sở Tài chính", "Tháng 9/2025", "Hoàn thành triển khai các nhiệm vụ phục vụ CĐS về"),
    "147 (11)": ("19", "Sở Tài chính, Công an thành phố", "Tháng 9/2025", "Hoàn thành triển khai các nhiệm vụ"),
    "154": ("20", "Sở Tư pháp, Sở Y tế, Sở Giáo dục và Đào tạo, Sở Nông nghiệp và Môi trường",
            "Năm 2025 và những năm tiếp theo", "Tập trung số hóa dữ liệu"),
    "132": ("21", "Sở Tài chính", "Tháng 9/2025", "Xây dựng kế hoạch hỗ trợ doanh nghiệp"),
    "173": ("22", "Ban Quản lý Khu kinh tế, Sở Khoa học và Công nghệ", "Tháng 6/2028",
            "Triển khai một số khu công nghiệp công nghệ số"),
    "170": ("23", "Sở Khoa học và Công nghệ", "Hằng năm", "Công bố danh mục các bài toán lớn về KHCN"),
    "176": ("24", "Sở Công thương", "Tháng 12/2025", "Xây dựng chương trình thúc đẩy tiêu dùng"),
}

# NQ 57 task texts as Phụ lục 3 prints them, by their first words (the cell is merged over its rows).
NQ57_TEXTS = {
    "1-3": "Nhiệm vụ CĐS, phát triển KHCN, ĐMST được xác định cụ thể",
    "4": "Bố trí phù hợp số lượng cán bộ có trình độ",
    "5-6": 'Triển khai sâu rộng phong trào "học tập số"',
    "7-8": "Khẩn trương sửa đổi, bổ sung, hoàn thiện đồng bộ",
    "13-14": "Phát triển ngành công nghiệp IoT",
    "15": "Sớm hoàn thành và phát huy hiệu quả Trung tâm dữ liệu quốc gia",
    "24": "Đẩy mạnh tiêu dùng sản phẩm, dịch vụ trên môi trường số",
}

# Phụ lục 4 of seed 001, by (group, row number): lead cell, cooperating cell, deadline, start of the task.
# Group V prints no number for most rows; they are numbered by their place in the group.
CITY_ROWS = {
    ("I", "1"): ("Sở Khoa học và Công nghệ",
                 "Các sở, ban, ngành, UBND các cấp chính quyền địa phương, các đơn vị liên quan",
                 "Hằng năm", "Tổ chức tuyên truyền về Nghị quyết số 57"),
    ("I", "2"): ("Sở Nội vụ", "Sở Khoa học và Công nghệ", "9/2025", "Tham mưu phát động phong trào thi đua"),
    ("I", "4"): ("Văn phòng UBND thành phố", "Sở Khoa học và Công nghệ; các đơn vị liên quan", "Thường xuyên",
                 "Tham mưu thành lập các tổ chuyên gia"),
    ("II", "2"): ("Các Sở, ban, ngành, địa phương", "Sở Tư pháp và các cơ quan, đơn vị có liên quan", "Hằng năm",
                  "Rà soát các quy định của pháp luật"),
    ("II", "4"): ("Các trường Đại học, Cao đẳng của Thành phố; Sở Giáo dục và Đào tạo",
                  "Các sở, ban, ngành, UBND các cấp chính quyền địa phương, các đơn vị liên quan",
                  "11/2027", "Nghiên cứu, đề xuất thành lập khoa tài năng"),
    ("II", "13"): ("Công an thành phố", "Các cơ quan, đơn vị, địa phương liên quan", "Sau khi Chính phủ ban hành",
                   "Thực hiện cơ chế, chính sách ưu đãi"),
    # Its number prints on the next page, centred in the part of the row carried over.
    ("III", "5"): ("Sở Công thương",
                   "Các sở, ban, ngành, UBND các cấp chính quyền địa phương, các đơn vị liên quan",
                   "Hằng năm", "Kêu gọi đầu tư phát triển công nghiệp năng lượng"),
    # Cut by a page break inside "các đơn / vị liên quan", after a lead cell that was whole.
    ("III", "9"): ("Công an thành phố",
                   "Các sở, ban, ngành, UBND các cấp chính quyền địa phương, các đơn vị liên quan",
                   "Hằng năm", "Phát triển định mức trang thiết bị phương tiện chuyên dụng"),
    # A cooperating cell ending in ";", then the output cell "Báo cáo/ Kho dữ liệu".
    ("IV", "11"): ("Trường Đại học Hải Phòng",
                   "Sở Giáo dục và Đào tạo, Thư viện Thành phố, Các Trường Đại học, Cao đẳng của Thành phố, "
                   "Các sở, ban, ngành, UBND các cấp chính quyền địa phương, các đơn vị liên quan",
                   "2025-2027", "Thí điểm phát triển kho dữ liệu học tập số"),
    ("V", "1"): ("Sở Khoa học và Công nghệ",
                 "Các sở, ban, ngành, UBND các cấp chính quyền địa phương, các đơn vị liên quan",
                 "Hằng năm", "Xây dựng hệ thống cơ sở dữ liệu"),
    ("V", "23"): ("Công an thành phố", "Các sở, ban, ngành, cơ quan, đơn vị, địa phương", "Thường xuyên",
                  "Tăng cường giám sát trên không gian mạng"),
    ("V", "26"): ("Bộ Chỉ huy quân sự thành phố", "Các sở, ban, ngành, cơ quan, đơn vị, địa phương",
                  "Thường xuyên", "Tăng cường ứng dụng công nghệ số, công nghệ quốc phòng"),
    ("V", "31"): ("Sở Nông nghiệp và Môi trường", "Các sở, ban, ngành, cơ quan, đơn vị, địa phương", "2026",
                  "Phát triển nông nghiệp ứng dụng công nghệ cao"),
    ("VII", "6"): ("Sở Y tế", "Các đơn vị liên quan", "Hàng năm", "Hợp tác trong các dự án nghiên cứu"),
    ("VII", "7"): ("Sở Y tế", "Các đơn vị liên quan", "Hàng năm", "Trao đổi sinh viên, giảng viên"),
}

# Seed 002's appendix, by row number: lead, cooperating, output, deadline, city task, quoted NQ 57 task.
DEPARTMENT_ROWS = {
    "1": ("Văn phòng", "Các phòng chức năng, các đơn vị trực thuộc Sở", "Kế hoạch công tác", "Thường xuyên",
          False, "Nhiệm vụ CĐS, phát triển KHCN, ĐMST được xác định"),
    "2": ("Văn phòng", "Các phòng chức năng, các đơn vị trực thuộc Sở", "Có tỷ lệ cụ thể", "Thường xuyên",
          False, "Bố trí phù hợp số lượng cán bộ"),
    "3": ("Văn phòng; Bộ phận tiếp nhận và giải quyết TTHC", "Các phòng chức năng, các đơn vị trực thuộc Sở",
          "Hoàn thành số hóa", "Tháng 9/2025", False, "Khẩn trương sửa đổi, bổ sung"),
    "4": ("Bộ phận tiếp nhận và giải quyết TTHC; Các phòng chuyên môn có giải quyết TTHC",
          "Văn phòng Sở (đôn đốc, theo dõi, tổng hợp)",
          "Thủ tục hành chính được tái cấu trúc, đơn giản hóa quy trình", "Tháng 12/2025",
          False, "Khẩn trương sửa đổi, bổ sung"),
    "5": ("Các phòng chức năng, các đơn vị trực thuộc Sở", "Văn phòng Sở (đôn đốc, theo dõi, tổng hợp)",
          "Sử dụng CSDL quốc gia", "Theo lộ trình của Bộ", False, "Đẩy mạnh ứng dụng và phát triển công nghệ số"),
    "6": ("Văn phòng Sở", "Các phòng chức năng, các đơn vị trực thuộc Sở (đối với lĩnh vực chuyên môn phụ trách)",
          "Kế hoạch, Báo cáo", "Hàng năm", True, None),
    "7": ("Phòng Quản lý Văn hóa và Gia đình; Phòng Quảng bá xúc tiến và phát triển tài nguyên du lịch",
          "Các phòng chức năng, các đơn vị trực thuộc liên quan", "Báo cáo", "Hàng năm", True, None),
    "8": ("Các phòng chức năng, các đơn vị trực thuộc Sở", "Văn phòng Sở (đôn đốc, theo dõi, tổng hợp)",
          "Đề án, dự án, chương trình, kế hoạch, báo cáo", "Hàng năm", True, None),
    "9": ("Phòng Quản lý Văn hóa và Gia đình", "Các phòng chức năng, các đơn vị trực thuộc Sở",
          "Có văn bản báo cáo", "Hàng năm", True, None),
    "10": ("Phòng Thông tin – Báo chí – Xuất bản",
           "Phòng Quản lý Văn hóa và Gia đình; Các phòng chức năng, các đơn vị trực thuộc Sở",
           "Có văn bản báo cáo", "Hàng năm", True, None),
}
DEPARTMENT_TEXTS = {
    "1": "Cụ thể hóa nhiệm vụ CĐS, phát triển KHCN, ĐMST trong chương trình, kế hoạch công tác hàng năm "
         "của cơ quan, tổ chức, đơn vị.",
    "6": "Rà soát các quy định của pháp luật liên quan về KHCN, ĐMST và CĐS thành phố đề xuất, kiến nghị "
         "sửa đổi, bổ sung hoặc ban hành mới theo thẩm quyền.",
    "8": "Đẩy mạnh ứng dụng khoa học và công nghệ, chuyển đổi số trong lĩnh vực văn hóa, thể thao và du lịch",
}
NQ71_NOTE = "Nghị quyết 71 và các Thông báo kết luận Phiên họp BCĐTW"

# Seed 004 (OCR, no diacritics), by row number: start of the task, start of the lead cell,
# start of the cooperating cell, deadline.
COMMUNE_ROWS = {
    "1.1": ("To chirc trién khai, nghién ctru", "Céc phong, ban", None, "Théng 8/2025"),
    "1.2": ("Tang cuodng, lam tét cong tac", "Trung tdm Vin hoa", "Uy ban Mit tran T6", "Hang thang"),
    "1.3": ("Dua ti€u chi danh gid", "Phong Van hoa - X&", "Céc phong, ban", "2025"),
    "1.6": ("Phat dong phong trao thi dua", "Céc phong, ban", "Phong Van hoa - Xa", "Hang nam"),
    "2.1": ("Can d(‘)i?ngﬁn sach cua xa", "Phong Kinh té", "Céc phong, ban", "Hang nam"),
    "2.3": ("Nang cap co 80 ha tAng", "Phong Vian hoa - Xa", "Phong Kinh té", "Hang nam"),
    "2.4": ("Trién khai cap chimg thu s6", "Phong Vanhoa - X4", "Céc phong, ban", "Théng 7/2025"),
    "3.3": ("Moi céc chuyén gia", "Phong Van hod - Xa", "Céc phong, ban", "2025-2026"),
    "4.5": ("Ung dung cong nghé thong tin trong quan ly diéu hanh", "Phong Kinh té", "Céc phong, ban", "Hang nam"),
    "4.8": ("Thyuc hién c6 hi¢u qua", "Van phong HDND-", "Céc phong, ban", "Hang nam"),
    "4.10": ("Trién khai nang cép ha tang", "Phong Van hod - Xa", "Cac co quan Dang", "Hang ndm"),
    "4.12": ("Chuan hoa, dién tir héa", "Cac phong, ban", None, "Hang ndm"),
    "4.13": ("Bao dam an toan, an ninh mang", "Phong Vian hoa - X&", "Cong an xa", "Hang nam"),
    "5.1": ("Trién khai thyc hién cac chuwong trinh", "Phong Vén hod - Xa", "Céc phong, ban", "2025-2026"),
}

# Seed 004 rows whose cells wrap over several OCR lines: whole text, lead and cooperating cells.
COMMUNE_CELLS = {
    "1.3": ("Dua ti€u chi danh gid trach nhi¢ém nguoi dung §T§u tryc tiép phu trach, chi dao trién khai "
            "nhiém vu phét trién khoa hoc, cong nghé, d6i moi sang tao, chuyén doi so cua co quan, to chuc "
            "1a tiéu chi quan trong trong viéc danh gia, x€p loai hang ndm",
            "Phong Van hoa - X& hoi", "Céc phong, ban, nganh, cac don vi lién quan"),
    # Both unit cells wrap: "nganh, co quan, don ho1" is the lead's "ngành, cơ quan, đơn" and the
    # cooperating cell's "hội" ("Xã" / "hội"); "Vi" below is the lead's "vị".
    "1.6": (None, "Céc phong, ban, nganh, co quan, don Vi", "Phong Van hoa - Xa ho1"),
    "2.2": ("Huy dong su dong gbp cua cac doanh nghi€p va xa hoi hoa, thu hat cac nguén luc ngoai ngan sach "
            "dau tu khoa hoc cong ngh¢, doi méi sang tao va chuyén doi sb",
            "Phong Van hoa - Xa hoi", "Céc phong, ban, nganh, cac don vi lién quan"),
    "2.3": (None, "Phong Vian hoa - Xa hoi", "Phong Kinh té; cac phong, ban, nganh, cac don vi lién quan"),
    "4.3": ("Ung dung cong ngh¢ thong minh trong quan 1y ha tang theo hudng dan cua thanh pho",
            "Phong Kinh té", "Céc phong, ban, nganh, cac don vi lién quan"),
    "4.13": (None, "Phong Vian hoa - X& hoi", "Cong an xa; cac phong, ban, nganh, cac don vi lién quan"),
    "5.1": (None, "Phong Vén hod - Xa hoi", "Céc phong, ban, nganh, cac don vi lién quan"),
}

# Phụ lục 3 rows in full: the NQ 71 task text, rewrapped, and the expected result.
NQ71_TEXTS = {
    "9": ("Phấn đấu bố trí tỷ lệ phù hợp cán bộ có chuyên môn, kinh nghiệm về khoa học kỹ thuật trong đội "
          "ngũ lãnh đạo từng cơ quan, đơn vị nhà nước.", "Có tỷ lệ cụ thể"),
    "48": ("Hoàn thành số hóa quy trình nghiệp vụ nội bộ, hồ sơ tài liệu, kết quả giải quyết thủ tục hành chính "
           "trong các lĩnh vực liên quan đến người dân, doanh nghiệp, hoạt động công vụ; tái sử dụng 100% dữ liệu "
           "đã số hóa để cắt giảm tối đa thủ tục hành chính và chi phí tuân thủ cho người dân, doanh nghiệp",
           "Hoàn thành số hóa"),
    "49": (None, "Thủ tục hành chính được tái cấu trúc, đơn giản hóa quy trình"),
    "92": ("Nâng cấp, hoàn thiện hạ tầng công nghệ thông tin đáp ứng yêu cầu tại văn bản số 1552/BTTTT-TTH và "
           "708/BTTTT-CATTT; hoàn thành kết nối giữa Hệ thống thông tin giải quyết TTHC cấp bộ, cấp tỉnh với Cơ "
           "sở dữ liệu quốc gia về dân cư phục vụ giải quyết thủ tục hành chính, dịch vụ công theo Nghị định số "
           "107/2021/NĐ-CP của Chính phủ", "Khắc phục lỗ hổng bảo mật..."),
    "147 (8)": ("Hoàn thành triển khai các nhiệm vụ phục vụ CĐS về Phát triển kinh tế ban đêm, đảm bảo kết nối "
                "với Đề án 06.", "Tổ chức triển khai đảm bảo kết nối Đề án 06"),
    "154": (None, "Dữ liệu các lĩnh vực tư pháp, giáo dục, y tế, đất đai được tạo lập, số hóa"),
}
