"""Words around a name that tell what the name is.

Vietnamese news introduces a person by a title (``ông``, ``Tổng thống``, ``người phát ngôn``),
a place by a place noun or a preposition (``tỉnh``, ``thành phố``, ``ở``, ``tại``) and an
organisation by its head noun (``Bộ``, ``Sở``, ``UBND``, ``hãng``). Multi-word cues are written
with single spaces; matching is on syllable tokens.
"""

from __future__ import annotations

# Titles and roles that are followed by a person's name, possibly after a country or body:
# "Tổng thống Nga Vladimir Putin", "Người phát ngôn Lầu Năm Góc Eric Pahon".
PERSON_TITLES = frozenset(
    """ông|bà|anh|chị|cụ|Ông|Bà|Anh|Chị|Cụ|ngài|Ngài|
    Tổng thống|tổng thống|Phó Tổng thống|Thủ tướng|thủ tướng|Phó Thủ tướng|
    Chủ tịch|chủ tịch|Phó Chủ tịch|Chủ tịch nước|Phó Chủ tịch nước|Chủ tịch Quốc hội|
    Tổng Bí thư|Bí thư|Phó Bí thư|Bí thư Thành ủy|Bí thư Tỉnh ủy|
    Bộ trưởng|bộ trưởng|Thứ trưởng|thứ trưởng|Ngoại trưởng|ngoại trưởng|
    Người phát ngôn|người phát ngôn|Phát ngôn viên|phát ngôn viên|người đồng cấp|
    Tướng|tướng|Đại tướng|Thượng tướng|Trung tướng|Thiếu tướng|Đại tá|Thượng tá|Trung tá|
    Thiếu tá|Đại úy|Thượng úy|Trung úy|Thiếu úy|Đô đốc|Phó Đô đốc|Chuẩn Đô đốc|
    Tư lệnh|Tổng tư lệnh|Tổng Tham mưu trưởng|Tham mưu trưởng|Chỉ huy trưởng|
    Giám đốc|Phó Giám đốc|Tổng Giám đốc|Tổng giám đốc|Chánh án|Viện trưởng|Cục trưởng|
    Vụ trưởng|Hiệu trưởng|Thống đốc|Thị trưởng|Đại sứ|đại sứ|Đặc phái viên|đặc phái viên|
    Đặc sứ|Tổng Thư ký|Tổng thư ký|Thượng nghị sĩ|thượng nghị sĩ|Hạ nghị sĩ|Nghị sĩ|nghị sĩ|
    Đại biểu|đại biểu|Quốc vương|Vua|Nhà vua|Hoàng tử|Công chúa|Nữ hoàng|Giáo hoàng|
    Tiến sĩ|TS|PGS|GS|ThS|BS|PGS.TS|GS.TS|Giáo sư|Phó Giáo sư|Bác sĩ|bác sĩ|Luật sư|luật sư|
    nhà báo|phóng viên|Huấn luyện viên|huấn luyện viên|HLV|tiền đạo|thủ môn|cầu thủ|
    ca sĩ|diễn viên|nghệ sĩ|đạo diễn|nhà văn|nhà thơ|doanh nhân|tỷ phú|
    Thủ lĩnh|thủ lĩnh|Trưởng đoàn|trưởng đoàn|người đứng đầu|Người đứng đầu|
    Người đầu|thành viên|nhà lãnh đạo|Lãnh đạo|lãnh đạo|Trưởng phái đoàn|
    Cựu Tổng thống|cựu Tổng thống|cựu Thủ tướng|Cựu Thủ tướng|Phó Tổng thư ký|
    Trưởng Công an|Trưởng phòng|Phó trưởng phòng|Trưởng ban|Phó trưởng ban|nghi phạm|
    nghi can|bị cáo|bị can|nạn nhân|cháu|em|bé|sư|Thượng tọa|Hòa thượng|linh mục""".replace(
        "\n", ""
    ).split("|")
)
PERSON_TITLES = frozenset(t.strip() for t in PERSON_TITLES if t.strip())

# Nouns that put a following name in a place: "tỉnh Deir Ezzor", "thành phố Aleppo".
PLACE_NOUNS = frozenset(
    """tỉnh|thành phố|TP|thủ đô|thủ phủ|thị trấn|thị xã|huyện|quận|xã|phường|làng|bản|thôn|
    ấp|khu vực|vùng|miền|căn cứ|sân bay|cảng|đảo|quần đảo|bán đảo|sông|núi|đèo|hồ|vịnh|
    biển|eo biển|cao nguyên|sa mạc|đường|phố|cầu|bang|tiểu bang|vùng lãnh thổ|nước|
    Tỉnh|Thành phố|Thủ đô|Thị trấn|Huyện|Quận|Xã|Phường|Làng|Căn cứ|Sân bay|Cảng|Đảo|Sông|
    Núi|Bang""".replace("\n", "").split("|")
)
PLACE_NOUNS = frozenset(t.strip() for t in PLACE_NOUNS if t.strip())

# Prepositions after which an unknown capitalised name is usually a place.
PLACE_PREPOSITIONS = frozenset({"ở", "tại", "đến", "tới", "sang", "về", "qua", "khỏi"})

# Head nouns of organisation names: "Sở Y tế TP.HCM", "UBND tỉnh Quảng Nam", "hãng Boeing".
ORG_HEADS = frozenset(
    """Bộ|Sở|Cục|Tổng cục|Chi cục|Vụ|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Công an|Tòa án|TAND|
    Viện kiểm sát|VKSND|Bệnh viện|Trường|Đại học|Trường Đại học|Học viện|Viện|Ngân hàng|
    Tập đoàn|Công ty|Tổng công ty|Hội|Hiệp hội|Liên đoàn|Câu lạc bộ|CLB|Đảng|Đài|Báo|Hãng|
    Ban|Văn phòng|Trung tâm|Quỹ|Tổ chức|Mặt trận|Phong trào|Lực lượng|Quân khu|Quân đoàn|
    Sư đoàn|Lữ đoàn|Bộ Tư lệnh|Bộ Chỉ huy|Bộ Tổng tư lệnh|Bộ Tổng tham mưu|Sở chỉ huy|
    Thông tấn xã|Nhà máy|Kho bạc|Thành ủy|Tỉnh ủy|Huyện ủy|Đoàn|Liên minh|Liên quân|
    Hạm đội|Quân đội|Cảnh sát|Phòng|Tòa|Cơ quan|Tạp chí|Kênh|Hãng tin|Hãng thông tấn|
    Thượng viện|Hạ viện|Quốc hội|Chính phủ|Nội các|Điện|Khối""".replace("\n", "").split("|")
)
ORG_HEADS = frozenset(t.strip() for t in ORG_HEADS if t.strip())

# Lower-case nouns that make a following unknown name an organisation: "hãng Boeing".
ORG_NOUNS = frozenset(
    """hãng|kênh|báo|tờ|đài|nhóm|tổ chức|công ty|tập đoàn|đảng|lực lượng|mặt trận|
    phong trào|hãng tin|hãng thông tấn|trang|trang tin|mạng|tạp chí|ngân hàng|trường|
    đại học|bệnh viện|câu lạc bộ|CLB|đội|đội tuyển|liên minh|khối|phiến quân|nhóm phiến quân|
    nhóm vũ trang|hãng hàng không|quỹ|viện|tổ chức khủng bố|nhóm khủng bố""".replace(
        "\n", ""
    ).split("|")
)
ORG_NOUNS = frozenset(t.strip() for t in ORG_NOUNS if t.strip())

# Lower-case syllables that may continue an organisation name after its head and first
# capitalised syllable: "Bộ Tổng tư lệnh", "Sở Y tế", "Tòa án nhân dân", "Ủy ban nhân dân".
ORG_CONTINUATION = frozenset(
    """tế|phòng|giao|nhân|dân|tối|cao|tư|lệnh|tham|mưu|chính|pháp|vụ|trị|dựng|vận|tải|thông|
    tin|truyền|học|công|nghệ|nghiệp|triển|nông|thôn|trường|đào|tạo|dục|hóa|thao|lịch|
    sát|an|ninh|khẩn|cấp|huy|tác|chiến|quân|đội|đa|khoa|ương|quốc|gia|hợp|tác|xã|hội|
    thương|mại|tài|nguyên|ngân|sách|kế|hoạch|đầu|lao|động|binh|thuế|quan|hải|điện|lực|
    bảo|hiểm|vệ|sinh|dịch|thú|y|lâm|thủy|sản|môi|văn|phòng|trợ|giúp|nhà|đất|tụng|thi|hành|
    án|kiểm|toán|nội|ngoại|tỉnh|thành|phố|huyện""".replace("\n", "").split("|")
)

# Words that, capitalised at the start of a sentence or after a quote, are not names.
SENTENCE_WORDS = frozenset(
    """Các|Những|Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười|Trong|Theo|Sau|Trước|Khi|Tuy|
    Nhưng|Và|Với|Về|Tại|Ở|Từ|Đến|Cho|Để|Nếu|Vì|Do|Bởi|Mặc|Dù|Hiện|Hôm|Ngày|Tháng|Năm|
    Đây|Đó|Này|Điều|Việc|Cuộc|Chiến|Lực|Quân|Binh|Máy|Tàu|Xe|Người|Ảnh|Video|Clip|Tin|
    Tình|Thế|Giới|Phát|Biểu|Dự|Kiến|Như|Cũng|Còn|Đã|Đang|Sẽ|Vừa|Mới|Chỉ|Không|Chưa|
    Có|Là|Được|Bị|Rất|Nhiều|Ít|Mỗi|Mọi|Tất|Cả|Bên|Cạnh|Ngoài|Giữa|Dưới|Trên|Phía|
    Đại|Diện|Thành|Viên|Phóng|Viên|Lính|Đặc|Nhiệm|Chính|Quyền|Ông|Bà|Anh|Chị|Tôi|Chúng|
    Họ|Ai|Gì|Sao|Bao|Giờ|Lúc|Thời|Gian|Vào|Ra|Lên|Xuống|Tiếp|Tục|Cùng|Lúc|Kết|Quả|Bản|
    Thông|Báo|Tuyên|Bố|Gợi|Ý|Mời|Quý|Độc|Giả|Đăng|Kênh|Hãng|Trích|Dẫn|Nguồn|Nhấn|Mạnh|
    Xung|Đột|Đàm|Phán|Lệnh|Ngừng|Bắn|Dàn|Hệ|Thống|Tên|Lửa|Nữ|Nam|Phiến|Khủng|Chiến|
    Đoàn|Vòng|Giai|Đoạn|Phá|Vỡ|Mục|Tiêu|Ưu|Hiện|Cho|Đến|Nay|Thứ|Tuần|Sáng|Chiều|Tối|
    Đêm|Trưa|Hội|Nghị|Họp|Buổi|Lễ|Tết|Xuân|Hè|Thu|Đông""".replace("\n", "").split("|")
) - {""}

# Single-syllable place names that are also common given names or words: only taken as a
# place when no unknown capitalised syllable sits right next to them ("Đức Dũng" is a byline).
AMBIGUOUS_NAMES = frozenset(
    {"Anh", "Đức", "Ý", "Áo", "Nhật", "Bỉ", "Séc", "Úc", "Lào", "Mỹ", "Nga", "Huế", "Vinh",
     "Hà", "Hàn", "Ba", "Cuba", "Chile", "Mali", "Hama", "Golan", "RT", "AP", "RIA",
     "UN", "EC", "WB", "VN", "Duma", "Meta", "Apple", "Wagner", "Houthi", "Guardian", "HTS"}
)

# Vietnamese family names: a capitalised run starting with one of these and 2-4 syllables long
# is a person ("Nguyễn Văn A", "Lê Trí Thanh").
SURNAMES = frozenset(
    """Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đào|Đoàn|
    Vương|Trịnh|Trương|Lâm|Phùng|Mai|Tô|Hà|Tạ|Lưu|Lương|Đinh|Cao|Thái|Quách|Hứa|Tăng|Từ|
    Văn|Kiều|Lại|Chu|Châu|Tôn|Thân|Khổng|Mạc|Tống|Triệu|Diệp|La|Lục|Nghiêm|Khúc|Âu|Kim|
    Giang|Khương|Ông|Lò|Lã|Lữ|Hồng|Bạch|Vi|Quan|Doãn|Thạch|Văn""".replace("\n", "").split("|")
) - {""}

# Lower-case particles inside foreign names: "Bashar al-Assad", "Ludwig van Beethoven".
NAME_PARTICLES = frozenset({"al", "el", "ez", "ad", "as", "bin", "ibn", "abu", "van", "von",
                            "der", "de", "da", "di", "du", "la", "le", "dos", "del", "ben"})

# Capitalised all-letter tokens that are common nouns, not names.
NOT_NAMES = frozenset(
    """UAV|AI|GDP|USD|VND|EUR|COVID|CEO|HOT|FPV|ATACMS|SMS|PC|TV|ID|OK|PR|VIP|LED|GPS|
    IT|CNTT|THPT|THCS|ĐH|CĐ|SARS|HIV|AIDS|ADN|DNA|PCR|CPI|FDI|ODA|BOT|BĐS|ATM|QR|VAT|
    MC|DJ|KOL|NFT|IPO|ETF|PGS|TS|ThS|HLV|GS|BS|TP|Tp|TT|ảnh|Ảnh""".replace("\n", "").split("|")
) - {""}
