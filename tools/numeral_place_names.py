"""Print the place names that open with a numeral the number parser would read as a count (三门县, 九台区,
七道河乡), as the YAML list `place_names` of patterns/numbers.yaml.

Names come from the gazetteer (county, district and town level, written with their level); a name is kept
when the rules alone, given 「<name>公安局开展宣传。」, extract a quantity from it. Re-run after the gazetteer
package changes: python tools/numeral_place_names.py [--max-length 6]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.pipeline import extract_text, load_pipeline  # noqa: E402
from extract.regions.gazetteer import load_gazetteer  # noqa: E402

NUMERALS = set("一二两三四五六七八九十百千万")
LEVELS = ("县", "市", "区", "镇", "乡")


def read_as_counts(max_length: int) -> list[str]:
    """Gazetteer names opening with a numeral that the rules read a count in."""
    rules = load_pipeline(rules_only=True)
    found = []
    for name in sorted(set(load_gazetteer().names(max_level=3))):
        if name[0] in NUMERALS and name.endswith(LEVELS) and len(name) <= max_length:
            if any(report.records for report in extract_text(f"{name}公安局开展宣传。", pipeline=rules)):
                found.append(name)
    return found


def main() -> None:
    """Print the names as a YAML flow list, ten to a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-length", type=int, default=6, help="longer names (ethnic townships) are left out")
    names = read_as_counts(parser.parse_args().max_length)
    print("place_names: [")
    for start in range(0, len(names), 10):
        print("  " + ", ".join(names[start:start + 10]) + ",")
    print("]")


if __name__ == "__main__":
    main()
