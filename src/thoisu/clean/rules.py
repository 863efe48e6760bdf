"""Line rules that need no context: each names what it catches.

``local_rule(line)`` returns the role and rule name of the first rule that matches, or None
when the line's role depends on its neighbours (title, lead, body, subheading, most captions).

Rule names (see docs/cleaning.md):

- ``boilerplate.follow_call``: "Mời bạn đọc theo dõi báo trên các mạng xã hội", "Bấm vào đây để ..."
- ``boilerplate.comments``: "Ý kiến bạn đọc", "Gửi bình luận": the readers' comments start
- ``boilerplate.related_header``: "Tin liên quan", "Xem thêm:", "Video đang HOT"
- ``boilerplate.widget``: "Đang cập nhật dữ liệu !", "Chia sẻ", "Tags: ...", "12 bình luận"
- ``boilerplate.footer``: copyright, licence and reprint notices ("© 2025 Báo X", "Bản
  quyền thuộc về ...", "Giấy phép số ..."); contact lines ("Địa chỉ: ...") where the page ends
- ``boilerplate.timestamp``: a date and time alone on a line ("Thứ Hai, 10/3/2025 08:15 (GMT+7)")
- ``boilerplate.credit``: a credit alone ("Ảnh: Reuters", "Đồ họa: Minh Hà")
- ``boilerplate.link``: a short line carrying a web address ("Nguồn: http://...")
- ``boilerplate.navigation``: three or more one-to-three-word lines in a row (a menu)
- ``photo.placeholder``: a photo left as its alt text, "<title> ảnh 1", "<title> - ảnh 2"
- ``caption.credit``: a line that ends in a photo credit, "… (Ảnh: Getty)"
- ``caption.chart``: a chart's label that describes it, "Biểu đồ: lãi suất huy động ..."
  ("Đồ họa: Minh Hà", a name only, is ``boilerplate.credit``)
- ``caption.bar``: a line that ends in "|", as some outlets close captions
- ``caption.position``: a place in the picture, "Ông A (thứ hai từ trái) trao quà"
- ``source.theo``: "Theo Đất Việt", "Theo_Người Đưa Tin", "Nguồn: Reuters"
- ``source.agency``: an agency credit in brackets, "(TTXVN/Vietnam+)", "(Reuters/AFP)"
- ``source.nguon``: "Nguồn: Kinh tế & Đô thị", however the name is written
- ``source.outlet``: an outlet's address alone, "VOV.VN": a source where the article ends,
  boilerplate above its text
- ``byline.name``: a short run of capitalised words, "Đăng Nguyễn", "Đức Dũng (lược dịch)",
  "Minh Châu (TTXVN)", "Bài và ảnh: TRẦN HÙNG"
- ``byline.caps``: an upper-case name ("NGỌC AN") where an article ends (nothing follows)
- ``source.loose``: "Theo Trí thức trẻ": a "Theo" line whose name is not all capitalised,
  where an article ends
"""

from __future__ import annotations

import re

from thoisu.clean import patterns as P
from thoisu.clean.features import LineInfo
from thoisu.clean.normalize import normalize_tones
from thoisu.model import Role

Verdict = tuple[Role, str]

_SPLIT_NAMES = re.compile(r"\s*[-–/,&]\s*|\s+và\s+")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W_]*(?:\.[^\W_]+)*\.?$")  # "Hà", "VOV.VN"


def local_rule(line: LineInfo) -> Verdict | None:
    text = line.text
    if not text:
        return Role.BLANK, "blank"
    if line.words <= 14:
        if P.COMMENTS_HEADER.match(text):
            return Role.BOILERPLATE, "boilerplate.comments"
        if P.FOLLOW_CALL.search(text):
            return Role.BOILERPLATE, "boilerplate.follow_call"
        if P.RELATED_HEADER.search(text):
            return Role.BOILERPLATE, "boilerplate.related_header"
        if P.WIDGET.match(text):
            return Role.BOILERPLATE, "boilerplate.widget"
    if line.words <= 60 and P.FOOTER.search(text):
        return Role.BOILERPLATE, "boilerplate.footer"
    chart = P.CHART_LABEL.match(text) if line.words <= 40 else None
    if chart:
        if is_credit_name(chart.group("rest")):
            return Role.BOILERPLATE, "boilerplate.credit"  # "Đồ họa: Minh Hà"
        return Role.CAPTION, "caption.chart"  # "Biểu đồ: lãi suất huy động ..."
    if line.words <= 14:
        if is_timestamp(text):
            return Role.BOILERPLATE, "boilerplate.timestamp"
        if P.CREDIT_ONLY.match(text):
            return Role.BOILERPLATE, "boilerplate.credit"
        if P.LINK.search(text):
            return Role.BOILERPLATE, "boilerplate.link"
        if not line.sentence_end and is_breadcrumb(text):
            return Role.BOILERPLATE, "boilerplate.navigation"
    if line.words <= 40 and P.PHOTO_PLACEHOLDER.search(text):
        return Role.PHOTO, "photo.placeholder"
    if line.words <= 12 and P.BYLINE_PREFIX.match(text) and is_byline(text):
        return Role.BYLINE, "byline.name"  # "Bài và ảnh: Minh Khôi"
    if line.words <= 60 and P.CREDIT_SUFFIX.search(text):
        return Role.CAPTION, "caption.credit"
    if P.CAPTION_BAR.search(text) or text.endswith("|"):
        return Role.CAPTION, "caption.bar"
    if line.words <= 35 and P.CAPTION_POSITION.search(text):
        return Role.CAPTION, "caption.position"
    if line.words <= 10:
        if P.OUTLET_ONLY.match(text):
            return Role.SOURCE, "source.outlet"  # boilerplate under the title (scan.py)
        if source_name(text) is not None:
            return Role.SOURCE, "source.theo"
        if P.AGENCY_LINE.match(text):
            return Role.SOURCE, "source.agency"
        if P.NGUON_LINE.match(text) and not line.sentence_end:
            return Role.SOURCE, "source.nguon"
        if is_byline(text):
            return Role.BYLINE, "byline.name"
    return None


def is_credit_name(text: str) -> bool:
    """Only names after a credit's colon: "Minh Hà", "TTXVN", "Vietnam+", "Minh Hà/TTXVN"."""
    text = text.strip(" .()")
    words = text.replace("/", " ").split()
    return is_byline(text) or (1 <= len(words) <= 3 and all(w[0].isupper() for w in words))


def is_breadcrumb(text: str) -> bool:
    """A trail of section names: "Trang chủ / Văn hóa - Xã hội", "Kinh doanh › Tài chính".

    Each piece is a short capitalised name (a dash or "&" joining two names inside a piece
    does not count as a word), so "Hà Nội / TP.HCM tăng giá" is not taken.
    """
    if not P.BREADCRUMB.match(text):
        return False
    for piece in P.BREADCRUMB_SEP.split(text):
        words = [w for w in piece.split() if w not in ("-", "–", "&")]
        if not 1 <= len(words) <= 4 or not words[0][0].isupper():
            return False
    return True


def is_section_name(text: str) -> bool:
    """A news section's name alone ("Thời sự", "KINH TẾ", "Văn hóa - Xã hội").

    The names are :data:`patterns.SECTION_NAMES`; joined names must all be known.
    """
    low = normalize_tones(text.lower(), "old").strip(" .:")
    parts = [part for part in P.SECTION_JOIN.split(low) if part]
    return bool(parts) and all(part in P.SECTION_NAMES for part in parts)


def is_timestamp(text: str) -> bool:
    """Only a date, a time, a weekday and words such as "Cập nhật": the page's dateline."""
    return bool(P.TIMESTAMP_DATE.search(text)) and not P.TIMESTAMP_PIECE.sub("", text)


def source_name(text: str) -> str | None:
    """The outlet named by a source line: "Theo_Người Đưa Tin" → "Người Đưa Tin"."""
    m = P.SOURCE_LINE.match(text)
    if not m:
        return None
    name = m.group("name").strip(" _.")
    words = name.replace(",", " ").split()
    if not words or len(words) > 7:
        return None
    # Every word of an outlet's name is capitalised, a number, or a word such as "báo", "và".
    for word in words:
        if not (word[0].isupper() or word[0].isdigit() or word.lower() in P.SOURCE_MEDIA_WORDS):
            return None
    if not any(w[0].isupper() for w in words):
        return None
    return name


def source_of(text: str) -> str:
    """The outlet a source line names, however it is written.

    >>> source_of("Theo_Người Đưa Tin"), source_of("(TTXVN/Vietnam+)")
    ('Người Đưa Tin', 'TTXVN/Vietnam+')
    """
    strict = source_name(text)
    if strict is not None:
        return strict
    name = re.sub(r"^\(?(?:theo|nguồn)[\s_:]+", "", text.strip(), flags=re.I)
    return name.strip(" ()._")


def is_byline(text: str) -> bool:
    """A reporter's name or names: capitalised words only, with an optional "(lược dịch)"."""
    if P.SENTENCE_END.search(text) and not text.endswith(")"):
        return False
    core = P.BYLINE_NOTE.sub("", text)
    prefixed = bool(P.BYLINE_PREFIX.match(core))
    core = P.BYLINE_PREFIX.sub("", core).strip()
    if P.BYLINE_GROUP.match(core):
        return True
    names = [n for n in _SPLIT_NAMES.split(core) if n]
    if not names or len(names) > 4:
        return False
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= 5:
            return False
        # Names are written "Đăng Nguyễn"; an upper-case run ("ĐỘI HÌNH") is a subheading,
        # unless a prefix says it is a name ("Bài và ảnh: TRẦN HÙNG").
        if not all(_NAME_WORD.match(w) and w[0].isupper() for w in words):
            return False
        if len(words) > 1 and all(w.isupper() for w in words) and not prefixed:
            return False
    # One capitalised word alone ("Syria") is a place more often than a reporter.
    return len(core.split()) >= 2 or core.isupper()


def mark_navigation(lines: list[LineInfo], local: list[Verdict | None]) -> None:
    """Runs of three or more very short lines without punctuation: a section menu.

    "Thời sự / Thế giới / Kinh doanh / Thể thao" scraped one per line. Blank lines and known
    furniture between them do not break the run, and keep their own rule.
    """
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3:
            for k in run:
                local[k] = (Role.BOILERPLATE, "boilerplate.navigation")
        run.clear()

    for k, line in enumerate(lines):
        verdict = local[k]
        if line.blank or (verdict is not None and verdict[0] is Role.BOILERPLATE):
            continue  # furniture already known neither counts nor breaks the run
        short = (line.words <= 3 and not line.sentence_end and not line.text[-1:].isdigit()
                 and (verdict is None or verdict[0] is Role.BYLINE))
        if short:
            run.append(k)
        else:
            flush()
    flush()


def mark_footer(lines: list[LineInfo], local: list[Verdict | None]) -> None:
    """Contact lines ("Địa chỉ: ...", "Hotline: ...") in the furniture that ends the page.

    The run walked up from the page end through blanks, furniture and contact lines must
    open with furniture (share buttons, a copyright line): a contact line right after the
    article's text is the article's own ("Mọi ý kiến xin liên hệ / Hotline: ...").
    """
    contacts: list[int] = []
    top: int | None = None  # the run's first non-blank line
    for k in range(len(lines) - 1, -1, -1):
        line = lines[k]
        verdict = local[k]
        if line.blank:
            continue
        if verdict is not None and verdict[0] is Role.BOILERPLATE:
            top = k
        elif verdict is None and line.words <= 60 and P.FOOTER_CONTACT.search(line.text):
            contacts.append(k)
            top = k
        else:
            break
    if top is not None and local[top] is not None:
        for k in contacts:
            local[k] = (Role.BOILERPLATE, "boilerplate.footer")


def is_caps_name(line: LineInfo) -> bool:
    words = P.BYLINE_NOTE.sub("", line.text).replace("-", " ").replace("/", " ").split()
    return (1 <= len(words) <= 5 and all(w.isupper() and w.isalpha() for w in words)
            and line.words <= 7)


def _is_loose_source(line: LineInfo) -> bool:
    m = P.LOOSE_SOURCE.match(line.text)
    return bool(m) and line.words <= 7 and "," not in line.text


def mark_closings(lines: list[LineInfo], local: list[Verdict | None]) -> None:
    """Bylines and source lines that only their place reveals: where nothing follows them.

    Some outlets print the reporter in capitals ("NGỌC AN") and name sources in sentence case
    ("Theo Trí thức trẻ"); mid-article the same shapes are subheadings or sentences, so they
    count only when no running text comes after them (the page ends, or a heading, a closing
    line or boilerplate comes next).
    """
    first_text = next((k for k, line in enumerate(lines)
                       if local[k] is None and line.text and not line.heading_like), len(lines))
    text_after = False  # running text follows the current position
    closing_next = True  # the next non-blank line ends an article (or there is none)
    for k in range(len(lines) - 1, -1, -1):
        line = lines[k]
        if line.blank:
            continue
        verdict = local[k]
        if verdict is None and not text_after and not line.sentence_end and k > first_text:
            # A name in capitals is taken only right before the page end or furniture: before
            # a heading it is as likely a section title ("ĐỘI HÌNH XUẤT PHÁT").
            if is_caps_name(line) and closing_next:
                local[k] = (Role.BYLINE, "byline.caps")
            elif _is_loose_source(line):
                local[k] = (Role.SOURCE, "source.loose")
        verdict = local[k]
        if verdict is None:
            # A teaser ("...", outlet tag) is not the article going on.
            text_after = not (line.heading_like or P.ELLIPSIS_END.search(line.text)
                              or P.OUTLET_PREFIX.match(line.text))
        elif verdict[0] is Role.BOILERPLATE:
            text_after = False
        # Bylines, sources, photos and captions leave the answer to what follows them.
        closing_next = verdict is not None and verdict[0] in (Role.BYLINE, Role.SOURCE,
                                                               Role.BOILERPLATE)
