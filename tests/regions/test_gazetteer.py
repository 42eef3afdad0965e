"""The gazetteer read from JioNLP's data files: levels, codes, aliases, renamings."""
from __future__ import annotations

from extract.regions import load_gazetteer


def test_levels_and_chain() -> None:
    gazetteer = load_gazetteer()
    county = gazetteer.lookup("韩城市")[0]
    assert [item.name for item in county.chain()] == ["陕西省", "渭南市", "韩城市"]
    assert county.level == 2 and county.code == "610581"


def test_aliases_and_short_forms() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("内蒙古")[0].name == "内蒙古自治区"
    assert gazetteer.lookup("前郭县")[0].name == "前郭尔罗斯蒙古族自治县"
    assert gazetteer.lookup("湘西州")[0].name == "湘西土家族苗族自治州"


def test_former_names_point_to_current_divisions() -> None:
    assert [item.name for item in load_gazetteer().lookup("襄樊")] == ["襄阳市"]


def test_town_stems_drop_ethnic_names() -> None:
    towns = load_gazetteer().lookup("枫芸")
    assert towns and towns[0].name == "枫芸土家族苗族乡" and towns[0].level == 3


def test_municipality_is_indexed_once() -> None:
    found = load_gazetteer().lookup("北京市")
    assert len(found) == 1 and found[0].level == 0


def test_scan_names_stop_at_counties() -> None:
    names = set(load_gazetteer().names(max_level=2))
    assert "驿城区" in names and "峨桥镇" not in names
