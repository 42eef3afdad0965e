"""`python -m extract.evaluation anchor [--raw DIR] [FILES]`: recompute the offsets of gold files."""
import sys

from extract.evaluation.gold import main

raise SystemExit(main(sys.argv[1:]))
