"""The surface patterns of Vietnamese news pages, compiled once.

Each pattern answers one narrow question about a single line ("is this a call to follow the
outlet?", "does this lead start with an outlet tag?"). The rules in :mod:`thoisu.clean.rules`
combine them with the line's neighbours.
"""

from __future__ import annotations

import re

DASH = "-–—"

# Outlets that tag a sapo with their name unbracketed and not in capitals ("Dân trí - Sáng
# 12/3, ..."). Only names that are no place and no common phrase: "Hà Nội - Huế là ..." must
# keep its words. A camel-case name opening with Vn, Viet or Cafe (VietNamNet, VnExpress,
# CafeF) needs no entry; other camel case ("TikTok - ...") is not taken.
OUTLET_NAMES = (
    "Dân trí", "Zing News", "Zing", "Znews", "Tuổi Trẻ Online", "Tuổi Trẻ", "Thanh Niên",
    "Người Lao Động", "Lao Động", "Tiền Phong", "Vietnam\\+", "VietnamPlus", "Kenh14",
    "Soha", "Infonet", "Đất Việt", "Kiến Thức", "Báo Mới", "Sài Gòn Giải Phóng",
    "An ninh Thủ đô", "Công an nhân dân", "Quân đội nhân dân", "Vietnamnet",
)
_OUTLET_NAMES_RE = "|".join(name.replace(" ", r"\s") for name in OUTLET_NAMES)
# "VOV.VN -", "(Ngày Nay) -", "TTO -", "(Dân trí) -", "HÀ NỘI -", "VTV.vn -", "(NLĐO)-".
OUTLET_PREFIX = re.compile(
    rf"""^(?P<tag>
        \((?P<paren>[^()]{{2,30}})\)\s*                      # (Dân trí)
      | (?P<dotted>[A-ZĐ][\wĐđ]*(?:\.[\wĐđ]+)+)\s+            # VOV.VN, VTV.vn, Zing.vn
      | (?P<named>(?i:{_OUTLET_NAMES_RE})(?!\w)                 # Dân trí, Zing
                 |(?:Vn|Viet|Cafe)[a-z]*[A-Z][A-Za-z]*)\s*     # VietNamNet, VnExpress
      | (?P<caps>[A-ZĐÀ-Ỹ0-9]{{2,8}}(?:\s[A-ZĐÀ-Ỹ0-9]{{2,8}}){{0,3}})\s+  # TTO, HÀ NỘI
    )[{DASH}]\s*(?=\S)""",
    re.VERBOSE,
)
# "Lâm Đồng - Xe khách ...": a place dateline in a lead, then a sentence ("Xe khách", not
# "Hải Phòng": a route "Hà Nội - Hải Phòng" is not a dateline).
PLACE_PREFIX = re.compile(
    rf"^[A-ZĐ][^\W\d_]*(?:\s[A-ZĐ][^\W\d_]*){{0,3}}\s+[{DASH}]\s+(?=[A-ZĐ]\w*\s+[^\W_A-ZĐ])"
)
# An upper-case run of several words before the dash is a place dateline ("HÀ NỘI -"),
# not an outlet; an outlet tag is one token or a bracketed name.
PLACE_DATELINE = re.compile(r"^[A-ZĐÀ-Ỹ]+(?:\s[A-ZĐÀ-Ỹ]+)+$")

# "Điện Kremlin: ... ảnh 1", "Tình hình Syria 24/1: ... - ảnh 2": a photo left as its alt text.
PHOTO_PLACEHOLDER = re.compile(rf"(?:^|\s[{DASH}]?\s?)(?:ảnh|hình|photo)\s*\d{{1,2}}$", re.I)

# "(Ảnh: Getty)", "(Ảnh minh họa)", "Ảnh: Reuters" at the end of a line: a photo credit.
CREDIT_SUFFIX = re.compile(
    r"(?:\((?:ảnh|nguồn ảnh|nguồn|hình|đồ họa|video|clip)(?:\s+minh\s+họa)?(?:\s*:[^()]*)?\)"
    r"|\b(?:ảnh|nguồn ảnh)\s*:\s*[^.:]{1,40})\s*\.?$",
    re.I,
)
# A line that is only a credit: "Ảnh: AFP", "Video: VTV", "Đồ họa: Minh Hà", "Nguồn ảnh: Reuters".
CREDIT_ONLY = re.compile(
    r"^\(?(?:ảnh|nguồn ảnh|hình ảnh|đồ họa|video|clip|thiết kế|trình bày|ảnh minh họa"
    r"|nguồn video|nguồn clip)"
    r"(?:\s*:\s*[^.]{0,40})?\)?\.?$",
    re.I,
)
# "Biểu đồ: lãi suất kỳ hạn 12 tháng", "Đồ họa: Minh Hà": a chart's label. What follows the
# colon is a caption when it describes, a credit when it only names someone.
CHART_LABEL = re.compile(
    r"^\(?(?:biểu đồ|đồ họa|infographic|sơ đồ|bản đồ|bảng)(?:\s+\d{1,2})?\s*:\s*(?P<rest>\S.*)$",
    re.I,
)
# A credit line that names a photo's author ("Ảnh: Xuân Hoàng", "Ảnh minh họa"): the line
# that describes the picture stands right under it (or right above it).
PHOTO_CREDIT = re.compile(r"^\(?(?:ảnh|hình|hình ảnh|nguồn ảnh)\b", re.I)
# "<title> - 1", "<title> - 2": a photo left as its alt text (the title) and its number.
NUMBERED_COPY = re.compile(rf"^(?P<stem>.*\S)\s*[{DASH}]\s*\d{{1,2}}$")

# "Ông A (thứ hai từ trái) trao quà": a position in the picture marks a caption.
CAPTION_POSITION = re.compile(
    r"\((?:trái|phải|giữa|đứng giữa|ngồi giữa|bìa trái|bìa phải"
    r"|ngoài cùng(?: bên)? (?:trái|phải)|thứ (?:hai|ba|tư|năm|sáu|\d) từ (?:trái|phải)(?: sang)?"
    r"|từ trái qua phải|từ trái sang phải)\)",
    re.I,
)
# Captions that some outlets close with a vertical bar.
CAPTION_BAR = re.compile(r"\s\|\s*$")

# "Theo Đất Việt", "Theo_Người Đưa Tin", "Nguồn: Reuters", "(Theo TTXVN)".
SOURCE_LINE = re.compile(
    r"^\(?(?:theo|nguồn)\s*[_:\s]\s*(?P<name>[^;!?\"“”]{2,60}?)\)?\s*\.?$",
    re.I,
)
SOURCE_MEDIA_WORDS = {"báo", "tạp", "chí", "hãng", "đài", "kênh", "trang", "tin", "thông", "tấn",
                      "và", "/", "&", "-", "điện", "tử"}

# "(TTXVN/Vietnam+)", "(Reuters/AFP)": an agency credit closing an article.
AGENCY_LINE = re.compile(r"^\((?:[A-ZĐ][\w.+]*)(?:\s*[/,-]\s*[A-ZĐ][\w.+]*){0,3}\)\.?$")
# "Theo Trí thức trẻ": a source line whose outlet is written in sentence case.
LOOSE_SOURCE = re.compile(r"^\(?(?:theo|nguồn)[\s_:]+[A-ZĐÀ-Ỹ]", re.I)

# "Đức Dũng (lược dịch)", "Minh An (theo Reuters)", "Hà Linh/VOV-Moscow", "Nhóm PV".
# "Minh Châu (TTXVN)", "Lan Anh (Vietnam+)": the reporter's agency in brackets, one token.
BYLINE_NOTE = re.compile(
    r"\s*\((?:lược dịch|tổng hợp|biên dịch|dịch|theo [^()]{1,40}|tổng hợp từ [^()]{1,40}"
    r"|(?-i:[A-ZĐ][\w.+]*[A-ZĐ.+][\w.+]*(?:/[A-ZĐ][\w.+]*)?))\)\s*$",
    re.I,
)
# "VOV.VN", "Dantri.com.vn": an outlet's address alone on a line.
OUTLET_ONLY = re.compile(r"^[A-ZĐa-z][\w-]*(?:\.(?:vn|com|net|org|info|tv))+$", re.I)
BYLINE_PREFIX = re.compile(
    r"^(?:(?:bài|tin)(?:\s*[-,&/]\s*|\s+và\s+)ảnh|ảnh(?:\s*[-,&/]\s*|\s+và\s+)(?:bài|tin)|bài|tin"
    r"|tác giả|phóng viên|nhóm phóng viên|pv|btv|thực hiện|ghi chép)\s*:\s*",
    re.I,
)
# "Nguồn: Kinh tế & Đô thị": a source line wherever it stands.
NGUON_LINE = re.compile(r"^\(?nguồn\s*:\s*\S", re.I)
BYLINE_GROUP = re.compile(r"^(?:nhóm (?:pv|phóng viên)|pv|btv|ctv|nhóm phóng viên)\b", re.I)

# Calls to follow, share or subscribe, and notices left by widgets.
FOLLOW_CALL = re.compile(
    r"^(?:mời (?:quý )?(?:độc giả|bạn đọc|quý vị)|(?:hãy )?theo dõi (?:chúng tôi|\S+ trên)"
    r"|(?:bấm|nhấn|click) (?:vào )?(?:đây|để)|đăng ký (?:nhận|kênh|theo dõi)"
    r"|tải ứng dụng|like fanpage|chia sẻ bài viết|gửi bình luận|bình luận của bạn"
    r"|quý độc giả (?:có thể|vui lòng)|(?:đọc|xem) (?:bài gốc|nguồn|toàn văn|chi tiết) tại)",
    re.I,
)
# Headers of related-news boxes and lists.
RELATED_HEADER = re.compile(
    r"^(?:tin|bài|bài viết|video|tin tức) (?:liên quan|cùng chuyên mục|cùng chủ đề|mới nhất"
    r"|khác|nổi bật|đọc nhiều|xem nhiều|hot)"
    r"|^(?:xem thêm|đọc thêm|có thể bạn quan tâm|bạn có thể quan tâm|đừng bỏ lỡ|tiêu điểm"
    r"|video đang hot|đọc tiếp|xem tiếp)\b",
    re.I,
)
# The header of the readers' comments: everything after it is comments.
COMMENTS_HEADER = re.compile(
    r"^(?:ý kiến (?:bạn đọc|của bạn|độc giả)|bình luận của (?:bạn|độc giả)|bạn đọc bình luận"
    r"|gửi (?:ý kiến|bình luận)|viết bình luận|các bình luận|bình luận \(\d+\))\s*:?$",
    re.I,
)
# Widget and navigation lines: loading notices, share buttons, tags, timestamps alone.
WIDGET = re.compile(
    r"^(?:đang (?:cập nhật|tải)(?: dữ liệu)?\s*!?\.*|loading\.*|facebook|twitter"
    r"|(?:chia sẻ|share)(?:\s+(?:bài|qua|lên))?\s*:?(?:[\s,|/]*(?:facebook|zalo|twitter|x"
    r"|email|messenger|linkedin|telegram|pinterest|copy link|sao chép(?: liên kết| link)?))*"
    r"|zalo|in bài|lưu bài|gửi bài|báo lỗi|quảng cáo|advertisement|tags?\s*:.*|từ khóa\s*:.*"
    r"|trở về đầu trang|về đầu trang|lên đầu trang|top|trang chủ|bình luận(?: \(\d+\))?"
    r"|xem video|xem ảnh|\d+ bình luận|[\d.,]+ lượt xem"
    r"|\(?(?:còn nữa|hết|tiếp theo|kỳ \d+)\)?|trả lời|thích|báo vi phạm|xem thêm bình luận"
    r"|tweet|email|in|gửi|tải về|nghe bài viết|đọc bài viết)\s*$",
    re.I,
)
# A site's footer: copyright, licence and reprint notices, which are never an article's text
# wherever they stand ("© 2025 Báo X", "Bản quyền thuộc về ...", "Giấy phép số 12/GP-...").
# They open the line or a sentence of it ("Báo X điện tử. Ghi rõ nguồn ...").
_FOOTER_START = r"(?:^|[.|;]\s+|\s[-–]\s)"
FOOTER = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|all rights reserved"
    rf"|{_FOOTER_START}(?:copyright\b|bản quyền (?:thuộc về|nội dung|©|\d)"
    r"|giấy phép (?:số|hoạt động|xuất bản|thiết lập|mxh)|cấm (?:sao chép|sử dụng lại)"
    r"|không được (?:sao chép|phép sao chép)"
    r"|ghi rõ nguồn\b.{0,80}\bkhi\b|chỉ được phát hành lại|cơ quan chủ quản"
    r"|chịu trách nhiệm (?:xuất bản|nội dung|quản lý nội dung)|tổng biên tập\s*:)",
    re.I,
)
# Contact lines of a footer ("Tòa soạn: ...", "Địa chỉ: ...", "Hotline: ...", "Email: ..."):
# an article may print such lines too (an appeal for help), so they count only in the run of
# furniture that ends the page.
FOOTER_CONTACT = re.compile(
    rf"{_FOOTER_START}(?:tòa soạn|trụ sở(?: chính)?|văn phòng đại diện|địa chỉ|hotline"
    r"|đường dây nóng|điện thoại|đt|email|e-mail|fax|liên hệ quảng cáo|quảng cáo)\s*:"
    r"|^hotline\s*\d",
    re.I,
)

# "Thứ Hai, 10/3/2025, 08:15 (GMT+7)", "Cập nhật: 08:15 10/03/2025": a timestamp line. What is
# left after removing these pieces must be empty.
TIMESTAMP_PIECE = re.compile(
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|cập nhật|đăng lúc|đăng|ngày|lúc"
    r"|\(?gmt\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:am|pm|sa|ch)?|[\s,|:()-]+",
    re.I,
)
TIMESTAMP_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")

# "Thế giới > Quân sự", "Kinh doanh › Tài chính", "Trang chủ / Thời sự": a breadcrumb trail.
BREADCRUMB = re.compile(r"^[^>»›/|]{1,30}(?:\s[>»›/|]\s[^>»›/|]{1,30}){1,5}$")
BREADCRUMB_SEP = re.compile(r"\s[>»›/|]\s")

# The sections Vietnamese news sites file stories under, as printed above a title (one per
# line, or joined: "Văn hóa - Xã hội", "Pháp luật & Bạn đọc"). Lower case, old tone style.
SECTION_NAMES = frozenset(name.strip() for name in
    """thời sự|thế giới|quốc tế|trong nước|xã hội|chính trị|kinh tế|kinh doanh|tài chính
    |ngân hàng|chứng khoán|bất động sản|nhà đất|thị trường|tiêu dùng|doanh nghiệp|pháp luật
    |an ninh|an ninh trật tự|hình sự|vụ án|hồ sơ vụ án|thể thao|bóng đá|bóng đá việt nam
    |bóng đá quốc tế|giáo dục|tuyển sinh|du học|sức khỏe|y tế|dinh dưỡng|làm đẹp|văn hóa
    |giải trí|văn nghệ|âm nhạc|điện ảnh|sao|thời trang|công nghệ|khoa học|số hóa|viễn thông
    |xe|ô tô|xe máy|du lịch|đời sống|gia đình|nhịp sống|giới trẻ|bạn đọc|góc nhìn|ý kiến
    |quân sự|quốc phòng|giao thông|môi trường|nông nghiệp|nông thôn|lao động|việc làm
    |chính sách|đô thị|tin tức|tin trong ngày|tiêu điểm|phóng sự|điều tra|bình luận
    |chuyện lạ|tâm sự|podcast|emagazine|infographic|multimedia|media|video|ảnh|tranh luận
    |địa phương|kiều bào|người việt bốn phương|cộng đồng|tôn giáo|văn học|sách
    |ẩm thực""".split("|"))
SECTION_JOIN = re.compile(r"\s*(?:[-–&,]|\svà\s)\s*")

LINK = re.compile(r"https?://|www\.", re.I)

# End of a sentence: final punctuation, possibly inside closing quotes or brackets.
SENTENCE_END = re.compile(r"(?:[.!?…:;]|\./\.)[\"”’»)\]]*\s*$")
ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*$")
CLOSER = re.compile(r"\s*\./\.\s*$")
QUOTE_OPEN = re.compile(r"^[\"“‘«]")

# Words that make a line a narrated sentence rather than a photo description: tense and
# aspect markers, reporting verbs, connectives and anaphora.
NARRATIVE_WORDS = frozenset(
    """đã sẽ đang vừa mới từng sắp cũng còn nhưng tuy vì nếu do nên thì mà rằng này đó ấy
    họ ta ông bà anh chị nói hay theo trích được bị phải cần có là không chỉ rất nhiều hơn
    khi để xảy""".split()
)
NARRATIVE_PHRASES = ("cho biết", "cho rằng", "cho hay", "dẫn lời", "tuyên bố", "theo đó",
                     "khẳng định", "nhấn mạnh", "cảnh báo", "thông báo", "xác nhận",
                     "nhận định", "chúng tôi", "sinh năm", "sinh ra", "sinh ngày", "cho thấy",
                     "hiện tại", "hiện nay", "hiện vẫn")
