"""The CJK font charts are drawn with: Noto Sans SC from a PyPI package, loaded by path, never a system font."""
from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

FONT_PACKAGE = "pylopdf-fonts-zh-cn"
CSS_FAMILY = "Outreach Noto Sans SC"


class FontMissing(RuntimeError):
    """The font package is not installed: the message says which package to install."""


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The path of Noto Sans SC (SIL Open Font License 1.1) inside the pylopdf-fonts-zh-cn package."""
    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:
        raise FontMissing(f"charts need the Chinese font package: python -m pip install {FONT_PACKAGE}") from None
    path = Path(sans_path())
    if not path.is_file():
        raise FontMissing(f"{path}: the font file of {FONT_PACKAGE} is missing; reinstall the package")
    return path


@lru_cache(maxsize=1)
def matplotlib_family() -> str:
    """Register the font file with matplotlib and return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_path()))
    return font_manager.FontProperties(fname=str(font_path())).get_name()


def font_face_css(text: str) -> str:
    """An @font-face rule carrying only the glyphs of `text`, inlined, so a page needs no font anywhere."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = None  # plain OpenType: woff2 would need brotli, and a subset is small anyway
    font = subset.load_font(str(font_path()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))) + "0123456789.,%≥-–")
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'@font-face {{ font-family: "{CSS_FAMILY}"; '
            f'src: url(data:font/otf;base64,{encoded}) format("opentype"); }}')
