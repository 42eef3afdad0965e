"""Near-duplicate detection: the republished seed reports, small edits, different texts, input order, and
signatures and verdicts identical to datasketch's MinHash and MinHashLSH."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from extract.duplicates import DuplicateFinder, fingerprint, normalised_text, shingle_hashes, signature
from extract.duplicates.minhash import BANDS, MIN_CHARACTERS, PERMUTATIONS, ROWS, THRESHOLD
from schemas.records import Report
from tests.conftest import DATA, RAW, ROOT

PAIRS = yaml.safe_load((DATA / "duplicate_pairs.yaml").read_text(encoding="utf-8"))
SAME = {(pair["copy"], pair["original"]) for pair in PAIRS["same"]}
REWORDED = {(pair["copy"], pair["original"]) for pair in PAIRS["reworded"]}


@pytest.fixture(scope="module")
def seed_reports(seed_outputs: tuple[Path, Path]) -> list[dict]:
    """The seed corpus's reports as extract wrote them (CSV), empty cells read as None."""
    frame = pd.read_csv(seed_outputs[1], encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return [{key: (value or None) for key, value in row.items()} for row in frame.to_dict("records")]


def test_republished_seed_reports_name_their_first_copy(seed_reports: list[dict]) -> None:
    """Every pair read by hand is found, and nothing is paired that was not read as the same text."""
    found = {(report["report_id"], report["duplicate_of"]) for report in seed_reports if report["duplicate_of"]}
    assert SAME <= found, sorted(SAME - found)
    assert found <= SAME | REWORDED, sorted(found - SAME - REWORDED)


def test_bundles_that_contain_another_report_are_not_copies(seed_reports: list[dict]) -> None:
    """A report holding the whole of another is a different text, in either direction."""
    duplicate_of = {report["report_id"]: report["duplicate_of"] for report in seed_reports}
    for pair in PAIRS["contains"]:
        assert duplicate_of[pair["shorter"]] != pair["longer"]
        assert duplicate_of[pair["longer"]] != pair["shorter"]


def test_originals_are_earlier_and_never_copies(seed_reports: list[dict]) -> None:
    """duplicate_of points back in input order, at a report that is itself no copy."""
    position = {report["report_id"]: number for number, report in enumerate(seed_reports)}
    duplicate_of = {report["report_id"]: report["duplicate_of"] for report in seed_reports}
    for report_id, original in duplicate_of.items():
        if original:
            assert position[original] < position[report_id]
            assert duplicate_of[original] is None


BASE = ("为进一步提高辖区群众防范各类电信诈骗安全意识，有效打击诈骗犯罪，维护群众利益，预防和减少电信诈骗案件的发生，"
        "新城派出所四项举措在辖区内开展了防范电信诈骗宣传工作。以所长为组长的领导小组制定了详细的宣传方案，"
        "民警深入社区、学校、企业开展宣传讲座12场，发放宣传资料3000余份，张贴海报200张，受教育群众5000余人次。"
        "通过微信公众号推送防骗知识20期，在辖区银行网点设置宣传展板8块，劝阻群众转账6起，避免经济损失10万余元。")

EDITS = [
    ("punctuation half-width", BASE.replace("，", ",").replace("。", ".")),
    ("names masked", BASE.replace("新城派出所", "xx派出所").replace("12场", "**场")),
    ("a few words changed", BASE.replace("深入", "走进").replace("详细的", "具体").replace("防骗知识", "反诈知识")),
    ("a sentence added", BASE + "下一步，我所将继续加大宣传力度。"),
    ("spaces and line breaks", BASE.replace("。", "。\n\n").replace("，", "， ")),
    ("full-width digits", BASE.replace("3000", "３０００").replace("200", "２００")),
]


@pytest.mark.parametrize("name, edited", EDITS, ids=[name for name, _ in EDITS])
def test_small_edits_still_match(name: str, edited: str) -> None:
    """A copy with small edits names the original."""
    finder = DuplicateFinder()
    assert finder.original_of("a#1", BASE) is None
    assert finder.original_of("b#1", edited) == "a#1", name


def test_a_different_report_on_the_same_subject_is_not_a_copy() -> None:
    """Two anti-fraud summaries sharing the domain's stock phrases are different texts."""
    other = ("为切实增强辖区群众预防网络电信诈骗意识，助力提升安全感满意度，近日，某社区结合疫情防控及大走访活动，"
             "积极开展防诈骗宣传活动。活动中，社区工作人员通过大喇叭循环播放防诈骗音频，入户走访独居老人45户，"
             "向过往群众讲解冒充公检法、刷单返利等常见骗术，发放宣传折页600余份，引导群众下载国家反诈中心APP。")
    finder = DuplicateFinder()
    finder.original_of("a#1", BASE)
    assert finder.original_of("b#1", other) is None


def test_every_copy_names_the_first_report_of_the_text() -> None:
    """A copy of a copy points at the root, not at the copy in between."""
    finder = DuplicateFinder()
    finder.original_of("a#1", BASE)
    finder.original_of("b#1", EDITS[0][1])
    assert finder.original_of("c#1", EDITS[2][1]) == "a#1"


def test_short_texts_match_only_when_identical() -> None:
    """Under the length floor a heading is a copy only of the very same heading."""
    finder = DuplicateFinder()
    assert finder.original_of("a#1", "防范电信诈骗宣传总结") is None
    assert finder.original_of("b#1", "防范电信诈骗宣传总结。") == "a#1"
    assert finder.original_of("c#1", "防范电信诈骗工作总结") is None
    assert finder.original_of("d#1", "") is None
    assert finder.original_of("e#1", "") is None


def test_mark_all_streams_reports_in_order() -> None:
    """mark_all yields each report as it is marked, with duplicate_of set in place."""
    reports = [Report(doc_id=name, report_id=f"{name}#1", index=1, text=text)
               for name, text in (("a", BASE), ("b", EDITS[1][1]), ("c", "另一篇" * 30))]
    marked = list(DuplicateFinder().mark_all(iter(reports)))
    assert [report.duplicate_of for report in marked] == [None, "a#1", None]
    assert marked[1] is reports[1]


def test_normalised_text_folds_width_and_drops_punctuation() -> None:
    """Full-width letters and digits fold; punctuation and spaces go."""
    assert normalised_text("ＡＰＰ下载，３０００份！ x") == "app下载3000份x"


def _seed_texts() -> list[str]:
    """The seed reports' texts, whole and cut, and each with a share of its characters replaced (borderline pairs)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]
    texts += [text[:length] for text in texts[:] for length in (45, 200, 800)]
    edited = []
    for number, text in enumerate(texts):
        for share in (0.01, 0.03, 0.05, 0.08):
            step = max(1, round(1 / share))
            edited.append("".join("改" if (index + number) % step == 0 else char for index, char in enumerate(text)))
    return texts + edited + [BASE] + [edit for _, edit in EDITS]


def test_signatures_and_bands_are_datasketchs() -> None:
    """The numpy signature is datasketch's MinHash (affine32, seed 1) of the same shingles, and the bands its LSH's."""
    from datasketch import MinHash, MinHashLSH

    index = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    assert (index.b, index.r) == (BANDS, ROWS)
    for text in _seed_texts():
        compared = normalised_text(text)
        reference = MinHash(num_perm=PERMUTATIONS, hashfunc=lambda value: value)
        reference.update_batch(shingle_hashes(compared).tolist())
        assert reference.scheme == "affine32"
        assert (signature(compared) == reference.hashvalues).all(), text[:30]


class DatasketchFinder:
    """The finder as written with datasketch's MinHash and MinHashLSH: the reference for its verdicts."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self.index, self.signatures, self.order, self.original, self.short = (
            MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS), {}, {}, {}, {})

    def original_of(self, report_id: str, text: str) -> str | None:
        from datasketch import MinHash

        self.order[report_id] = len(self.order)
        compared = normalised_text(text)
        if len(compared) < MIN_CHARACTERS:
            match = self.short.setdefault(compared, report_id) if compared else report_id
            found = None if match == report_id else match
        else:
            minhash = MinHash(num_perm=PERMUTATIONS, hashfunc=lambda value: value)
            minhash.update_batch(shingle_hashes(compared).tolist())
            similar = [key for key in self.index.query(minhash)
                       if (self.signatures[key] == minhash.hashvalues).mean() >= THRESHOLD]
            roots = {self.original.get(key, key) for key in similar}
            found = min(roots, key=self.order.__getitem__) if roots else None
            self.index.insert(report_id, minhash)
            self.signatures[report_id] = minhash.hashvalues
        if found is not None:
            self.original[report_id] = found
        return found


@pytest.mark.parametrize("order", ["forward", "backward", "interleaved"])
def test_verdicts_are_those_of_datasketchs_lsh(order: str) -> None:
    """Same originals as datasketch's MinHashLSH, on copies, cuts and texts edited up to the threshold."""
    texts = _seed_texts()
    positions = {"forward": list(range(len(texts))), "backward": list(range(len(texts)))[::-1],
                 "interleaved": list(range(0, len(texts), 2)) + list(range(1, len(texts), 2))}[order]
    reference, finder = DatasketchFinder(), DuplicateFinder()
    expected = [reference.original_of(f"r{position}", texts[position]) for position in positions]
    assert [finder.original_of(f"r{position}", texts[position]) for position in positions] == expected
    assert sum(found is not None for found in expected) >= len(texts) // 4  # the case has copies to find


def test_a_row_without_a_fingerprint_is_marked_from_its_text() -> None:
    """Report rows of parts written before fingerprints existed still get their duplicate_of."""
    finder = DuplicateFinder()
    first = finder.mark_row({"report_id": "a#1", "text": BASE, "fingerprint": fingerprint(BASE)})
    second = finder.mark_row({"report_id": "b#1", "text": EDITS[0][1]})
    assert (first["duplicate_of"], second["duplicate_of"]) == (None, "a#1")


def test_the_finder_needs_neither_datasketch_nor_scipy() -> None:
    """Start-up: the batch and its near-duplicate pass import no scipy (half a second) and no datasketch."""
    code = "import sys, extract.batch; print(sorted({'scipy', 'datasketch'} & set(sys.modules)))"
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
