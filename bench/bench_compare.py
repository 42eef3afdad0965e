"""Time duplicate detection, the comparison table and the charts on the seed corpus, and on it repeated."""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.analysis.chartdata import chart_data  # noqa: E402
from extract.analysis.charts import write_charts  # noqa: E402
from extract.analysis.compare import compare  # noqa: E402
from extract.batch import run_batch  # noqa: E402
from extract.duplicates import DuplicateFinder  # noqa: E402

COPIES = 50  # the seed corpus repeated: 61 × 50 reports, every repeat a copy of the first pass
PROVINCES = ["陕西省", "河南省", "内蒙古自治区", "湖北省", "安徽省", "江西省", "黑龙江省"]


def seconds(action) -> tuple[float, object]:
    """Wall time of one call and its result."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    """Print the figures."""
    reports = run_batch([str(ROOT / "corpus" / "raw")]).reports
    rows = [report.model_dump(mode="json") for report in reports]
    records = [record.model_dump(mode="json") for report in reports for record in report.records]
    texts = [(f"{copy}/{row['report_id']}", row["text"]) for copy in range(COPIES) for row in rows]
    finder = DuplicateFinder()
    elapsed, marked = seconds(lambda: [finder.original_of(report_id, text) for report_id, text in texts])
    print(f"duplicates: {len(texts)} reports in {elapsed:.2f} s ({len(texts) / elapsed:,.0f} reports/s), "
          f"{sum(1 for original in marked if original)} copies")
    for number, row in enumerate(rows):
        row["province"] = PROVINCES[number % len(PROVINCES)]
    many_reports = pd.DataFrame([{**row, "report_id": f"{copy}/{row['report_id']}"} for copy in range(COPIES) for row in rows])
    many_records = pd.DataFrame([{**row, "report_id": f"{copy}/{row['report_id']}"} for copy in range(COPIES) for row in records])
    for label, record_frame, report_frame in (("seeds", pd.DataFrame(records), pd.DataFrame(rows)),
                                              (f"seeds ×{COPIES}", many_records, many_reports)):
        elapsed, result = seconds(lambda frames=(record_frame, report_frame): compare(*frames, "province"))
        print(f"compare {label}: {len(report_frame)} reports, {len(record_frame)} records in {elapsed:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        elapsed, _ = seconds(lambda: write_charts(chart_data(result), Path(folder) / "chart"))
        print(f"charts (PNG + HTML): {elapsed:.2f} s")


if __name__ == "__main__":
    main()
