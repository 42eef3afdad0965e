"""`python -m extract.evaluation anchor [FILES]`: recompute the offsets of gold files."""
import sys

from extract.evaluation.gold import main

raise SystemExit(main(sys.argv[1:]))
