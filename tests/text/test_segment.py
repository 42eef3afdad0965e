"""Segmentation keeps the domain's words whole with a tokenizer of its own."""
from __future__ import annotations

import subprocess
import sys

import jieba
import rjieba

from extract.text.segment import Segmenter, load_segmenter
from tests.conftest import ROOT


def test_domain_words_stay_whole() -> None:
    words = [token.word for token in load_segmenter().tokens("动员群众安装国家反诈中心APP,设置宣传展板,防范电信网络诈骗,发放宣传单")]
    for word in ("国家反诈中心", "宣传展板", "电信网络诈骗", "宣传单"):
        assert word in words


def test_tokenizer_is_private_not_jiebas_global() -> None:
    Segmenter(["甲乙丙丁戊"])
    assert "甲乙丙丁戊" not in jieba.lcut("甲乙丙丁戊己")
    assert "甲乙丙丁戊" not in rjieba.cut("甲乙丙丁戊己")


def test_segmenter_loads_without_rjiebas_default_tokenizer() -> None:
    """In a fresh process the segmenter leaves rjieba's __init__ (and its default tokenizer) unrun, and a
    later `import rjieba` reuses the same extension module."""
    script = (
        "import sys\n"
        "from extract.text.segment import Segmenter\n"
        "edges = Segmenter(['反诈宣传']).boundaries('开展反诈宣传')\n"
        "assert 'rjieba' not in sys.modules, 'the package __init__ ran'\n"
        "import rjieba\n"
        "assert rjieba.Jieba is sys.modules['rjieba.rjieba'].Jieba\n"
        "assert rjieba.cut('开展反诈宣传') == ['开展', '反诈', '宣传']\n"
        "print(sorted(edges))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[0, 2, 6]"
