"""Pages flattened into one line: find them, take the UI text out, and cut them at sentences.

Some crawlers store a page as one long line with the site's interface glued in ("Lưu bài viết
thành công ... Tin bài đã lưu", "Nguồn: [Link nguồn]", "Chia sẻ Facebook Zalo"). The line
rules cannot work on such a page, so it is cut into sentences first (a sentence a line), after
the interface phrases of :data:`UI_TEXT` are removed (each recorded with the rule
``boilerplate.ui_text``).

>>> text = ("Mưa lớn ở Huế Lưu bài viết thành công Sáng 3/2, mưa lớn gây ngập nhiều nơi. "
...         * 30)
>>> is_flattened(text)
True
>>> lines, ui = unflatten(text)
>>> ui[0], lines.splitlines()[1]
('Lưu bài viết thành công', 'Mưa lớn ở Huế Sáng 3/2, mưa lớn gây ngập nhiều nơi.')
"""

from __future__ import annotations

import re

# A page whose longest line holds this many characters and at least FLAT_MIN_SENTENCES
# sentences, and that has at most FLAT_MAX_LINES non-blank lines, was flattened.
FLAT_MIN_CHARS = 1500
FLAT_MIN_SENTENCES = 8
FLAT_MAX_LINES = 6

# Interface text that crawlers glue into flattened pages (buttons, notices, link stubs).
UI_TEXT = re.compile(
    r"Lưu bài viết thành công|Tin bài đã lưu|Bài viết đã được lưu|Đã lưu bài viết|Bỏ lưu"
    r"|Lưu bài(?: viết)?|Nguồn\s*:\s*\[\s*Link nguồn\s*\]|\[\s*Link nguồn\s*\]"
    r"|Sao chép liên kết|Copy link|Lấy link|Chia sẻ(?: bài viết)?(?:\s+(?:Facebook|Zalo|Twitter"
    r"|Email|Messenger))+|Theo dõi [\w.]+ trên Google News|Bình luận \(\d+\)"
    r"|Gửi bình luận|Bạn chưa nhập nội dung bình luận|Cỡ chữ\s*(?:A-\s*A\+)?|A-\s*A\+"
    r"|Nghe bài viết|Đọc bài viết|Xem bình luận|Báo lỗi|In bài viết|Quay lại chuyên mục"
    r"|Mời bạn đọc gửi bình luận|Đăng nhập để bình luận",
    re.I,
)
# A sentence ends at . ! ? … (closing quotes and brackets stay with it) before a capital,
# a digit or an opening quote; "TP.HCM", "3.000" and "ông A. Nguyễn" are not ends.
_SENTENCE_END = re.compile(r"(?<=[^\s.][.!?…])[\"”’)\]]*\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")
_WORD_CHAR_BEFORE_DOT = re.compile(r"(?:\b[A-ZĐ]|\b(?:TP|Th\.S|PGS|GS|TS|ThS|Mr|Dr|St))$")


def is_flattened(text: str) -> bool:
    """Whether ``text`` is a page flattened into one (or a few) very long lines."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or len(lines) > FLAT_MAX_LINES:
        return False
    longest = max(lines, key=len)
    if len(longest) < FLAT_MIN_CHARS:
        return False
    return len(_SENTENCE_END.findall(longest)) + 1 >= FLAT_MIN_SENTENCES


def split_sentences(line: str) -> list[str]:
    """A long line cut at its sentence ends (abbreviations such as "TP." are kept whole)."""
    out: list[str] = []
    pos = 0
    for m in _SENTENCE_END.finditer(line):
        head = line[pos:m.start()]
        if _WORD_CHAR_BEFORE_DOT.search(head.rstrip(".")) and head.endswith("."):
            continue
        end = m.start() + len(m.group(0).rstrip())
        out.append(line[pos:end].strip())
        pos = m.end()
    out.append(line[pos:].strip())
    return [s for s in out if s]


def unflatten(text: str) -> tuple[str, list[str]]:
    """The page a sentence a line, and the interface phrases taken out (in order)."""
    removed: list[str] = []

    def drop(m: re.Match[str]) -> str:
        removed.append(m.group(0))
        return " "

    lines = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append("")
            continue
        clean = re.sub(r"\s{2,}", " ", UI_TEXT.sub(drop, line)).strip()
        lines.extend(split_sentences(clean))
        lines.append("")
    return "\n".join(lines).strip("\n") + "\n", removed
