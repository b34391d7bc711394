"""Write the administrative register (``data/reference/admin_units*.csv``) from vietnamadminunits.

The package (MIT, by Tran Ngoc Minh Hieu) ships its data in its wheel: the
34 provinces and 3,321 communes and wards in force since 1 July 2025
(``dataset.db``, table ``admin_units``), the 63 former provinces with their
districts and communes (table ``admin_units_legacy``) and which former units
each current one was formed from (``converter_2025.json``). nqgraph needs
only names, kinds, parents and successors, so it ships this extract and does
not depend on the package when it runs.

    .venv/bin/pip install 'vietnamadminunits==1.0.4'
    .venv/bin/python data/make_admin_units.py

The package is only located, not imported (its import needs shapely and geopy).
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import json
import sqlite3
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference"
CURRENT, FORMER = REFERENCE / "admin_units.csv", REFERENCE / "admin_units_former.csv"
PACKAGE, VERSION = "vietnamadminunits", "1.0.4"


def package_data() -> Path:
    """The package's data folder, after checking the installed version is the one the extract names."""
    installed = importlib.metadata.version(PACKAGE)
    if installed != VERSION:
        raise SystemExit(f"{PACKAGE} {installed} is installed; the register is made from {VERSION}")
    spec = importlib.util.find_spec(PACKAGE)
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def kind(printed_type: str) -> str:
    """The package's unit type as the kind word plans print: ``Thị trấn`` → ``thị trấn``."""
    return printed_type.lower()


def province_kind(name: str) -> str:
    return "thành phố" if name.startswith("Thành phố") else "tỉnh"


def main() -> None:
    data = package_data()
    with sqlite3.connect(data / "dataset.db") as db:
        db.row_factory = sqlite3.Row
        current = db.execute("SELECT province, provinceShort, provinceCode, provinceKey, wardShort, wardType, "
                             "wardCode, wardKey FROM admin_units ORDER BY provinceCode, wardCode").fetchall()
        legacy = db.execute("SELECT province, provinceShort, provinceCode, provinceKey, districtShort, "
                            "districtType, districtCode, districtKey, wardShort, wardType, wardCode, wardKey "
                            "FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode").fetchall()
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))

    province_code = {row["provinceKey"]: row["provinceCode"] for row in current}
    ward_code = {(row["provinceKey"], row["wardKey"]): row["wardCode"] for row in current}
    rows = {}
    for row in current:
        rows.setdefault(row["provinceCode"], (row["provinceCode"], province_kind(row["province"]),
                                              row["provinceShort"], ""))
        rows[row["wardCode"]] = (row["wardCode"], kind(row["wardType"]), row["wardShort"], row["provinceCode"])

    # Former province → current one; former commune → current ones, the one the package names default first.
    successor_of_province = {old: province_code[new] for new, olds in converter["DICT_PROVINCE"].items()
                             for old in olds}
    successors: dict[str, list[str]] = {}
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            for old in olds:
                successors.setdefault(old, []).append(ward_code[(new_province, new_ward)])
    for new_province, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in divided.items():
            ranked = sorted(news, key=lambda new: not new["isDefaultNewWard"])
            codes = [ward_code[(new_province, new["newWardKey"])] for new in ranked]
            successors[old] = list(dict.fromkeys(codes + successors.get(old, [])))

    former = {}
    for row in legacy:
        province = successor_of_province[row["provinceKey"]]
        former.setdefault(row["provinceCode"], (row["provinceCode"], province_kind(row["province"]),
                                                row["provinceShort"], "", province))
        former.setdefault(row["districtCode"], (row["districtCode"], kind(row["districtType"]), row["districtShort"],
                                                row["provinceCode"], province))
        if row["wardCode"]:
            key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"
            former[row["wardCode"]] = (row["wardCode"], kind(row["wardType"]), row["wardShort"], row["districtCode"],
                                       "|".join(successors.get(key, [])))

    header = f"# The administrative register, from {PACKAGE} {VERSION} (MIT, (c) 2025 Tran Ngoc Minh Hieu): " \
             "written by data/make_admin_units.py, do not edit.\n"
    write(CURRENT, header, ("code", "kind", "name", "province"), rows.values())
    write(FORMER, header, ("code", "kind", "name", "parent", "successors"), former.values())
    missing = sum(1 for row in former.values() if not row[4])
    print(f"{len(rows)} units in force, {len(former)} former ({missing} without a successor)")


def write(path: Path, header: str, columns: tuple[str, ...], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header)
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(columns)
        out.writerows(rows)


if __name__ == "__main__":
    main()
