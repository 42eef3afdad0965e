"""`python -m extract.evaluation anchor [--raw DIR] [FILES]`: recompute the offsets of gold files.

`python -m extract.evaluation agree FIRST SECOND`: agreement of two labellers' gold folders.
"""
import json
import sys
from pathlib import Path

from extract.evaluation.agreement import agreement
from extract.evaluation.gold import main

if sys.argv[1:2] == ["agree"] and len(sys.argv) == 4:
    print(json.dumps(agreement(Path(sys.argv[2]), Path(sys.argv[3])).as_dict(), ensure_ascii=False, indent=2))
    raise SystemExit(0)
raise SystemExit(main(sys.argv[1:]))
