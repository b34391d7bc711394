"""Indicators restated across tables are grouped; different indicators are not."""

from graph.indicator_groups import Listed, group_indicators

CITY, COMMUNE, OCR = "city table", "commune table", "ocr table"


def groups(*listed: Listed) -> list[set[str]]:
    members: dict[str, set[str]] = {}
    for iri, group in group_indicators(list(listed)).items():
        members.setdefault(group, set()).add(iri)
    return sorted(members.values(), key=min)


def test_restatements_in_other_words_and_ocr_are_one_indicator():
    assert groups(
        Listed("c1", CITY, "Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo"),
        Listed("c2", CITY, "Phủ sóng 5G cho người dân"),
        Listed("m1", COMMUNE, "Tỷ lệ doanh nghiệp có hoạt động ĐMST"),
        Listed("m2", COMMUNE, "Tỷ lệ phủ sóng 5G cho người dân trên địa bàn xã"),
        Listed("o1", OCR, "Ty 18 doanh nghiép c6 hoat dong déi méi sang tao"),
        Listed("o2", OCR, "Phí song 5G cho ngudi dan"),
    ) == [{"c1", "m1", "o1"}, {"c2", "m2", "o2"}]


def test_an_indicator_a_table_does_not_restate_stays_alone():
    """Words every table uses ("tỷ lệ người dân có … điện tử") do not make two indicators one."""
    result = groups(
        Listed("c1", CITY, "Tỷ lệ người dân có hồ sơ sức khỏe điện tử"),
        Listed("c2", CITY, "Tỷ lệ giao dịch không dùng tiền mặt"),
        Listed("c3", CITY, "Tỷ lệ người dân có chữ ký số"),
        Listed("c4", CITY, "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến"),
        Listed("m1", COMMUNE, "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)"),
        Listed("m2", COMMUNE, "Tỷ lệ giao dịch không dùng tiền mặt trên địa bàn xã"),
        Listed("m3", COMMUNE, "Tỷ lệ người dân trưởng thành có chữ ký số cá nhân"),
        Listed("m4", COMMUNE, "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến"),
    )
    assert {"c1"} in result and {"m1"} in result and {"c2", "m2"} in result


def test_a_group_takes_one_indicator_of_each_table():
    """Two commune indicators close to one city indicator: only the closer joins it."""
    result = groups(
        Listed("c1", CITY, "Tỷ lệ cơ sở giáo dục triển khai ký số trên hệ thống sổ sách, học bạ số"),
        Listed("m1", COMMUNE, "Tỷ lệ cơ sở giáo dục triển khai ký số trên hệ thống sổ sách, học bạ số"),
        Listed("m2", COMMUNE, "Tỷ lệ cơ sở giáo dục triển khai học bạ số"),
    )
    assert {"c1", "m1"} in result and {"m2"} in result
