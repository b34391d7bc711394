"""The explorer's words in Vietnamese (first) and English.

The language comes from ``?lang=vi|en`` (remembered in a cookie) or the
cookie alone; Vietnamese is the default.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from flask import g, request
from rdflib import RDFS, SKOS, Graph, Literal

from ontology.vocab import PREFIXES

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "nqgraph.ttl"

LANGUAGES = ("vi", "en")

WORDS = {
    "site": ("nqgraph: từ Nghị quyết 57 đến kế hoạch địa phương", "nqgraph: from Resolution 57 to local plans"),
    "tagline": (
        "Đồ thị tri thức về việc triển khai Nghị quyết 57-NQ/TW qua Nghị quyết 71/NQ-CP đến kế hoạch của thành phố, sở và xã.",
        "A knowledge graph of how Resolution 57-NQ/TW cascades through 71/NQ-CP into city, department and commune plans.",
    ),
    "home": ("Trang chủ", "Home"),
    "search": ("Tìm kiếm", "Search"),
    "search_placeholder": ("Tìm nhiệm vụ, đơn vị, kế hoạch, chỉ tiêu… (vd. so hoa, CĐS, 238/KH-UBND)", "Search tasks, units, plans, indicators… (e.g. so hoa, CĐS, 238/KH-UBND)"),
    "results": ("kết quả", "results"),
    "no_results": ("Không tìm thấy kết quả.", "No results."),
    "filters": ("Lọc", "Filters"),
    "clear_filters": ("Bỏ lọc", "Clear filters"),
    "plans": ("Kế hoạch", "Plans"),
    "plan": ("Kế hoạch", "Plan"),
    "units": ("Đơn vị", "Units"),
    "unit": ("Đơn vị", "Unit"),
    "indicators": ("Chỉ tiêu", "Indicators"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "unit_of_measure": ("Đơn vị tính", "Unit"),
    "items": ("Nhiệm vụ NQ 57 và NQ 71", "NQ 57 tasks and NQ 71 items"),
    "nq57_groups": ("Nhóm nhiệm vụ NQ 57", "NQ 57 task groups"),
    "nq57_tasks": ("Nhiệm vụ NQ 57", "NQ 57 tasks"),
    "nq71_items": ("Nhiệm vụ NQ 71", "NQ 71 items"),
    "tasks": ("Nhiệm vụ", "Tasks"),
    "task": ("Nhiệm vụ", "Task"),
    "coverage": ("Mức độ bao phủ", "Coverage"),
    "editor": ("Truy vấn SPARQL", "SPARQL editor"),
    "questions": ("Câu hỏi giám sát", "Monitoring questions"),
    "counts": ("Số liệu", "Figures"),
    "examples": ("Câu hỏi mẫu", "Example questions"),
    "entry_points": ("Bắt đầu từ", "Start from"),
    "level": ("Cấp", "Level"),
    "kind": ("Loại", "Kind"),
    "link": ("Liên kết", "Link"),
    "year": ("Năm hạn", "Deadline year"),
    "number": ("Số", "Number"),
    "date": ("Ngày", "Date"),
    "issuer": ("Cơ quan ban hành", "Issuer"),
    "title": ("Trích yếu", "Title"),
    "text": ("Nội dung", "Text"),
    "lead": ("Chủ trì", "Lead"),
    "cooperating": ("Phối hợp", "Cooperating"),
    "deadline": ("Thời hạn", "Deadline"),
    "overdue": ("Quá hạn", "Overdue"),
    "overdue_as_of": ("Quá hạn tính đến", "Overdue as of"),
    "source": ("Nguồn", "Source"),
    "lines": ("dòng", "lines"),
    "facts": ("Thông tin", "Facts"),
    "links_in": ("Liên kết đến", "Links in"),
    "as_rdf": ("Tải dữ liệu", "Data"),
    "stated": ("ghi rõ", "stated"),
    "links_stated": ("Liên kết ghi rõ trong văn bản", "Links stated in the documents"),
    "links_inferred": ("Liên kết suy luận từ nội dung", "Links inferred from the text"),
    "inferred": ("suy luận", "inferred"),
    "score": ("Độ tương đồng", "Score"),
    "via": ("Từ", "Via"),
    "cascade": ("Chuỗi triển khai", "Cascade"),
    "open_cascade": ("Xem chuỗi triển khai", "Open the cascade"),
    "no_cascade": ("Chưa có nhiệm vụ nào của kế hoạch triển khai từ đây.", "No plan task derives from this yet."),
    "table": ("Bảng", "Table"),
    "download": ("Tải về", "Download"),
    "not_found": ("Không tìm thấy tài nguyên này.", "No such resource."),
    "not_picked_up": ("Nhiệm vụ NQ 71 chưa có kế hoạch nào dưới cấp thành phố triển khai",
                      "NQ 71 items no plan below the city's picked up"),
    "not_picked_up_note": ("Chỉ nhiệm vụ của thành phố mang các nhiệm vụ này; bảng phân công của thành phố mà một "
                           "kế hoạch cấp dưới chép lại là nhiệm vụ của thành phố, không phải của kế hoạch chép lại.",
                           "Only the city's tasks carry them; the city's assignment table a lower plan reproduces "
                           "is the city's tasks, not the reproducing plan's."),
    "targets": ("Mục tiêu", "Targets"),
    "differs": ("khác với", "differs from"),
    "differs_note": ("Ô tô màu: mục tiêu khác với kế hoạch cấp cao nhất cùng năm.", "Shaded cells: a target that differs from the highest-level plan's for that year."),
    "value": ("Giá trị", "Value"),
    "run": ("Chạy", "Run"),
    "role": ("Vai trò", "Role"),
    "role_lead": ("chủ trì", "lead"),
    "role_cooperating": ("phối hợp", "cooperating"),
    "all": ("Tất cả", "All"),
    "missing_vendor": (
        "Thiếu thư viện trình duyệt (node_modules). Chạy `npm ci` trong thư mục dự án rồi tải lại trang.",
        "The browser libraries (node_modules) are missing. Run `npm ci` in the project directory and reload.",
    ),
    "open_in_editor": ("Mở trong trình truy vấn", "Open in the editor"),
    "more": ("Xem thêm", "More"),
    "graph_view": ("Sơ đồ", "Graph"),
    "chart": ("Biểu đồ", "Chart"),
    "language": ("English", "Tiếng Việt"),
    "kind_task": ("Nhiệm vụ kế hoạch", "Plan task"),
    "kind_nq71": ("Nhiệm vụ NQ 71", "NQ 71 item"),
    "kind_nq57": ("Nhiệm vụ NQ 57", "NQ 57 task"),
    "kind_plan": ("Kế hoạch", "Plan"),
    "kind_resolution": ("Nghị quyết", "Resolution"),
    "kind_document": ("Văn bản", "Document"),
    "kind_unit": ("Đơn vị", "Unit"),
    "kind_indicator": ("Chỉ tiêu", "Indicator"),
    "kind_derivation": ("Liên kết dẫn xuất", "Derivation"),
    "level_city": ("thành phố", "city"),
    "level_department": ("sở, ngành", "department"),
    "level_district": ("huyện", "district"),
    "level_commune": ("xã", "commune"),
    "level_ward": ("phường", "ward"),
    "level_division": ("phòng, ban", "division"),
    "level_agency": ("cơ quan", "agency"),
    "level_national": ("trung ương", "national"),
    "source_quote": ("Nguyên văn", "As printed"),
    "page": ("Trang", "Page"),
    "units_real": ("đơn vị", "units"),
    "units_collective": ("nhóm đơn vị được giao chung (“các sở, ban, ngành”…)", "collective assignees (“các sở, ban, ngành”…)"),
    "collective": ("chung", "collective"),
    "parent_unit": ("Trực thuộc", "Part of"),
    "vocabulary": ("Bộ từ vựng nqgraph", "The nqgraph vocabulary"),
    "item": ("Nhiệm vụ NQ 71", "NQ 71 item"),
    "end": ("Hạn cuối", "Due by"),
    "bad_date": ("“{value}” không phải là ngày (YYYY-MM-DD).", "“{value}” is not a date (YYYY-MM-DD)."),
    "bad_page": ("“{value}” không phải là số trang (1, 2, 3…).", "“{value}” is not a page number (1, 2, 3…)."),
    "bad_unit": ("“{value}” không phải là một đơn vị.", "“{value}” is not a unit."),
    "bad_format": ("Không có định dạng “{value}”; các định dạng là {formats}.", "There is no format “{value}”; the formats are {formats}."),
    "previous_page": ("Trang trước", "Previous"),
    "next_page": ("Trang sau", "Next"),
    "origin_body": ("phần nội dung", "body"),
    "origin_appendix": ("phụ lục", "appendix"),
    "tasks_led": ("Nhiệm vụ chủ trì", "Tasks led"),
    "tasks_cooperated": ("Nhiệm vụ phối hợp", "Tasks cooperated on"),
    "parameters": ("Tham số", "Parameters"),
    "ongoing": ("thường xuyên", "ongoing"),
}


# Readable names of the properties resource pages show, in the order they are shown;
# other properties follow under their prefixed names.
PROPERTIES = {
    "eli:number": ("Số hiệu", "Number"),
    "eli:title": ("Trích yếu", "Title"),
    "nqg:number": ("Số thứ tự", "Number"),
    "nqg:text": ("Nội dung", "Text"),
    "nqg:name": ("Tên", "Name"),
    "skos:prefLabel": ("Tên", "Name"),
    "skos:altLabel": ("Tên khác", "Other names"),
    "eli:date_document": ("Ngày ban hành", "Date"),
    "eli:passed_by": ("Cơ quan ban hành", "Issued by"),
    "nqg:issuerName": ("Cơ quan ban hành", "Issued by"),
    "nqg:level": ("Cấp", "Level"),
    "nqg:unitLevel": ("Cấp", "Level"),
    "nqg:place": ("Địa danh", "Place"),
    "eli:is_part_of": ("Thuộc", "Part of"),
    "nqg:inSection": ("Mục", "Section"),
    "nqg:inGroup": ("Nhóm", "Group"),
    "nqg:lead": ("Chủ trì", "Lead"),
    "nqg:cooperating": ("Phối hợp", "Cooperating"),
    "nqg:deadline": ("Thời hạn", "Deadline"),
    "nqg:output": ("Sản phẩm đầu ra", "Output"),
    "nqg:note": ("Ghi chú", "Note"),
    "prov:wasDerivedFrom": ("Triển khai nhiệm vụ", "Carries out"),
    "nqg:implementsTask": ("Thực hiện nhiệm vụ NQ 57", "Implements NQ 57 task"),
    "nqg:nq57Number": ("Số nhiệm vụ NQ 57 (ghi trong văn bản)", "NQ 57 number as printed"),
    "nqg:nq71Number": ("Số nhiệm vụ NQ 71 (ghi trong văn bản)", "NQ 71 number as printed"),
    "nqg:monitoringUnit": ("Cơ quan theo dõi, đánh giá", "Monitored by"),
    "nqg:target": ("Mục tiêu", "Targets"),
    "org:subOrganizationOf": ("Trực thuộc", "Part of"),
    "eli:applies": ("Triển khai văn bản", "Implements"),
    "eli:based_on": ("Căn cứ", "Legal basis"),
    "eli:cites": ("Trích dẫn", "Cites"),
    "nqg:signer": ("Người ký", "Signed by"),
    "nqg:signerTitle": ("Chức vụ người ký", "Signer's title"),
    "nqg:recipient": ("Nơi nhận", "Recipients"),
    "nqg:sourceDocument": ("Tệp nguồn", "Source file"),
    "sdmx-attribute:unitMeasure": ("Đơn vị đo", "Unit of measure"),
    "nqg:code": ("Mã", "Code"),
    "nqg:group": ("Nhóm", "Group"),
    "nqg:table": ("Bảng", "Table"),
    "nqg:origin": ("Phần văn bản", "Part of the document"),
    "rdfs:label": ("Nhãn", "Label"),
    "nqg:printedNumber": ("Số hiệu (như in)", "Number as printed"),
    "nqg:cityTask": ("Nhiệm vụ thành phố", "City task"),
    "eli:type_document": ("Loại văn bản", "Document type"),
    "prov:qualifiedDerivation": ("Liên kết dẫn xuất", "Derivation"),
    "prov:entity": ("Nhiệm vụ gốc", "Derived from"),
    "prov:qualifiedAssociation": ("Đơn vị tham gia", "Units involved"),
    "prov:agent": ("Đơn vị", "Unit"),
    "prov:hadRole": ("Vai trò", "Role"),
    "dcterms:replaces": ("Thay thế", "Replaces"),
    "dcterms:source": ("Nguồn", "Source"),
}


def property_name(curie: str) -> str:
    """A property's readable name in the request's language: the explorer's own, else the
    ontology's label, else its prefixed name."""
    pair = PROPERTIES.get(curie)
    if pair:
        return pair[LANGUAGES.index(language())]
    return ontology_labels().get(curie, {}).get(language(), curie)


@cache
def ontology() -> Graph:
    """The project's ontology, read once."""
    return Graph().parse(ONTOLOGY)


@cache
def ontology_labels() -> dict[str, dict[str, str]]:
    """``nqg:term`` → {language: label}, from the project's ontology."""
    labels: dict[str, dict[str, str]] = {}
    namespace = str(PREFIXES["nqg"])
    for term, label in [*ontology().subject_objects(RDFS.label), *ontology().subject_objects(SKOS.prefLabel)]:
        if isinstance(label, Literal) and label.language and str(term).startswith(namespace):
            labels.setdefault("nqg:" + str(term)[len(namespace):], {})[label.language] = str(label)[:1].upper() + str(label)[1:]
    return labels


def property_order(curie: str) -> int:
    return list(PROPERTIES).index(curie) if curie in PROPERTIES else len(PROPERTIES)


def language() -> str:
    if "lang" not in g:
        wanted = request.args.get("lang") or request.cookies.get("lang")
        g.lang = wanted if wanted in LANGUAGES else "vi"
    return g.lang


def translate(key: str, default: str | None = None) -> str:
    """The word for ``key`` in the request's language; ``default`` (or the key) if there is none."""
    pair = WORDS.get(key)
    if pair is None:
        return key if default is None else default
    return pair[LANGUAGES.index(language())]


def remember_language(response):
    """Keep an explicit ``?lang=`` choice in a cookie for the next pages."""
    wanted = request.args.get("lang")
    if wanted in LANGUAGES and request.cookies.get("lang") != wanted:
        response.set_cookie("lang", wanted, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def switch_language_url() -> str:
    """This page's address in the other language."""
    args = request.args.to_dict(flat=False)
    args["lang"] = ["en" if language() == "vi" else "vi"]
    return request.path + "?" + urlencode(args, doseq=True)
