"""Words around a name that tell what the name is.

Vietnamese news introduces a person by a title (``ông``, ``Tổng thống``, ``người phát ngôn``),
a place by a place noun or a preposition (``tỉnh``, ``thành phố``, ``ở``, ``tại``) and an
organisation by its head noun (``Bộ``, ``Sở``, ``UBND``, ``hãng``). Multi-word cues are written
with single spaces; matching is on syllable tokens.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The ``|``-separated entries of ``text``, stripped (entries may span lines)."""
    return frozenset(w.strip() for w in text.split("|") if w.strip())


# Titles and roles that are followed by a person's name, possibly after a country or body:
# "Thủ tướng Nhật Bản Fumio Kishida", "Người phát ngôn Bộ Ngoại giao Mỹ John Kirby".
PERSON_TITLES = _words(
    """ông|bà|anh|chị|cụ|Ông|Bà|Anh|Chị|Cụ|ngài|Ngài|
    Tổng thống|tổng thống|Phó Tổng thống|Thủ tướng|thủ tướng|Phó Thủ tướng|
    Chủ tịch|chủ tịch|Phó Chủ tịch|Chủ tịch nước|Phó Chủ tịch nước|Chủ tịch Quốc hội|
    Tổng Bí thư|Bí thư|Phó Bí thư|
    Bộ trưởng|bộ trưởng|Thứ trưởng|thứ trưởng|Ngoại trưởng|ngoại trưởng|
    Người phát ngôn|người phát ngôn|Phát ngôn viên|phát ngôn viên|người đồng cấp|
    Tướng|tướng|Đại tướng|Thượng tướng|Trung tướng|Thiếu tướng|Đại tá|Thượng tá|Trung tá|
    Thiếu tá|Đại úy|Thượng úy|Trung úy|Thiếu úy|Đô đốc|Phó Đô đốc|Chuẩn Đô đốc|
    Tư lệnh|Tổng tư lệnh|Tổng Tham mưu trưởng|Tham mưu trưởng|Chỉ huy trưởng|
    Giám đốc|Phó Giám đốc|Tổng Giám đốc|Tổng giám đốc|Giám đốc điều hành|giám đốc điều hành|
    Tổng giám đốc điều hành|Chánh án|Viện trưởng|Cục trưởng|
    Vụ trưởng|Hiệu trưởng|Thống đốc|Thị trưởng|Đại sứ|đại sứ|Đặc phái viên|đặc phái viên|
    Đặc sứ|Tổng Thư ký|Tổng thư ký|Thượng nghị sĩ|thượng nghị sĩ|Hạ nghị sĩ|Nghị sĩ|nghị sĩ|
    Đại biểu|đại biểu|Quốc vương|Vua|Nhà vua|Hoàng tử|Công chúa|Nữ hoàng|Giáo hoàng|
    Tiến sĩ|TS|PGS|GS|ThS|BS|PGS.TS|GS.TS|Giáo sư|Phó Giáo sư|Bác sĩ|bác sĩ|Luật sư|luật sư|
    nhà báo|phóng viên|Huấn luyện viên|huấn luyện viên|HLV|tiền đạo|thủ môn|cầu thủ|
    ca sĩ|diễn viên|nghệ sĩ|đạo diễn|nhà văn|nhà thơ|doanh nhân|tỷ phú|
    Thủ lĩnh|thủ lĩnh|Trưởng đoàn|trưởng đoàn|người đứng đầu|Người đứng đầu|
    Người đầu|thành viên|nhà lãnh đạo|Lãnh đạo|lãnh đạo|Trưởng phái đoàn|
    Cựu Tổng thống|cựu Tổng thống|cựu Thủ tướng|Cựu Thủ tướng|Phó Tổng thư ký|
    Trưởng|Trưởng phòng|Phó trưởng phòng|Trưởng ban|Phó trưởng ban|nghi phạm|
    nghi can|bị cáo|bị can|nạn nhân|cháu|em|bé|sư|Thượng tọa|Hòa thượng|linh mục|
    Em|Bé|Cháu|cô|Cô|thầy|Thầy|chú|Chú|bác|Bác|dì|Dì|cậu|Cậu|mợ|thím|
    đồng chí|Đồng chí|vợ|chồng|con trai|con gái|mẹ|bố|cha|anh trai|em gái|chị gái|
    VĐV|vận động viên|Vận động viên|võ sĩ|tay vợt|kỳ thủ|xạ thủ|cơ thủ|tay đua|lực sĩ|
    danh thủ|trung vệ|hậu vệ|tiền vệ|thủ quân|trung phong|ngôi sao|người hùng|
    học sinh|sinh viên|nữ sinh|nam sinh|thí sinh|cô giáo|thầy giáo|giáo viên|giảng viên|
    nghệ nhân|kiến trúc sư|kỹ sư|nhà khoa học|nhà nghiên cứu|nhà sử học|nhạc sĩ|họa sĩ|
    NSND|NSƯT|Nghệ sĩ Nhân dân|Nghệ sĩ Ưu tú|người mẫu|hoa hậu|Hoa hậu|á hậu|Á hậu|
    rapper|vũ công|nhà thiết kế|nhà sản xuất|biên kịch|MC|nhà đầu tư|chủ đầu tư cá nhân|
    bệnh nhân|sản phụ|tài xế|lái xe|phụ xe|ông chủ|bà chủ|chủ quán|chủ nhà|chủ tiệm|
    chủ nhiệm|Chủ nhiệm|Phó chủ nhiệm|phó giám đốc|giám đốc|tổng giám đốc|trưởng phòng|
    điều tra viên|kiểm sát viên|thẩm phán|Thẩm phán|chánh án|hội thẩm|công an viên|
    chiến sĩ|binh nhì|trung sĩ|thượng sĩ|hạ sĩ|đại úy|thiếu tá|trung tá|thượng tá|đại tá|
    CEO|
    nhà sáng lập|người sáng lập|đồng sáng lập|nhà báo|biên tập viên|phóng viên|
    cựu Chủ tịch|cựu Bộ trưởng|nguyên Chủ tịch|nguyên Bộ trưởng|nguyên Giám đốc|
    Thượng úy|ông bà|cụ ông|cụ bà|bà cụ|ông cụ|anh chàng|cô gái|chàng trai|
    cậu bé|cô bé|bé trai|bé gái|nữ sinh viên|nam thanh niên|thanh niên|người đàn ông|
    người phụ nữ|phụ nữ|đối tượng""")

# A lower-case title capitalised because it opens a sentence ("Ca sĩ Mỹ Tâm hát..."); only
# taken as a title there (mid-sentence, "Nghệ sĩ Top Hot" is a category, not a person).
OPENING_TITLES = frozenset(t[0].upper() + t[1:] for t in PERSON_TITLES) - PERSON_TITLES

# Nouns that put a following name in a place: "tỉnh Deir Ezzor", "thành phố Aleppo".
PLACE_NOUNS = _words(
    """tỉnh|thành phố|TP|thủ đô|thủ phủ|thị trấn|thị xã|huyện|quận|xã|phường|làng|bản|thôn|
    ấp|khu vực|vùng|miền|căn cứ|sân bay|cảng|đảo|quần đảo|bán đảo|sông|núi|đèo|hồ|vịnh|
    sân vận động|chung cư|khu đô thị|khu công nghiệp|chợ|cầu cảng|bến|ngõ|hẻm|đại lộ|
    biển|eo biển|cao nguyên|sa mạc|đường|phố|cầu|bang|tiểu bang|vùng lãnh thổ|nước|
    trạm|công viên|quảng trường|đồi|bãi biển|khu du lịch|tổ dân phố|khóm|buôn|sóc|
    cửa khẩu|nhà ga|ga|bến xe|bến cảng|châu|lục địa|đường cao tốc|cao tốc|dãy núi|
    hồ chứa|thác|rừng|vườn quốc gia|cánh đồng|kinh đô|phố cổ|hang|động|hầm|đầm|phá|
    ngã tư|ngã ba|vùng biển|tỉnh lộ|khu dân cư|khu phố|xóm|đường phố|nút giao|đảo quốc|
    Đường|Phố|Cầu|Chợ|Trạm|Ga|Bến|Biển|Vịnh|Đèo|Thị xã|Thôn|Ấp|Bản|Khu|
    tháp|Tháp|chùa|Chùa|đền|Đền|đình|nhà thờ|Nhà thờ|lăng|Lăng|dinh|cung|
    Cung|Ngã tư|Ngã ba|Khu đô thị|Khu công nghiệp|Công viên|Quảng trường|sân|Sân|
    núi lửa|Núi lửa|Làng|Vườn quốc gia|Đồi|Thung lũng|thung lũng|Hang|Động|Đảo|Bãi biển|
    Tỉnh|Thành phố|Thủ đô|Thị trấn|Huyện|Quận|Xã|Phường|Làng|Căn cứ|Sân bay|Cảng|Đảo|Sông|
    Núi|Bang""")

# Prepositions after which an unknown capitalised name is usually a place.
PLACE_PREPOSITIONS = frozenset({"ở", "tại", "đến", "tới", "sang", "về", "qua", "khỏi"})

# Head nouns of organisation names: "Sở Y tế TP.HCM", "UBND tỉnh Quảng Nam", "hãng Boeing".
ORG_HEADS = _words(
    """Bộ|Sở|Cục|Tổng cục|Chi cục|Vụ|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Công an|Tòa án|TAND|
    Viện kiểm sát|VKSND|Bệnh viện|BV|Trường|Đại học|Trường Đại học|Học viện|Viện|Ngân hàng|
    Tập đoàn|Công ty|Tổng công ty|Hội|Hiệp hội|Liên đoàn|Câu lạc bộ|CLB|Đảng|Đài|Báo|Hãng|
    Ban|Văn phòng|Trung tâm|Quỹ|Tổ chức|Mặt trận|Phong trào|Lực lượng|Quân khu|Quân đoàn|
    Sư đoàn|Lữ đoàn|Bộ Tư lệnh|Bộ Chỉ huy|Bộ Tổng tư lệnh|Bộ Tổng tham mưu|Sở chỉ huy|
    Thông tấn xã|Nhà máy|Kho bạc|Thành ủy|Tỉnh ủy|Huyện ủy|Liên minh|Liên quân|
    Hạm đội|Quân đội|Cảnh sát|Phòng|Tòa|Cơ quan|Tạp chí|Kênh|Hãng tin|Hãng thông tấn|
    Thượng viện|Hạ viện|Quốc hội|Chính phủ|Nội các|Khối|Đội|Đội tuyển|Tuyển|Nhà xuất bản|NXB|
    Thư viện|Bảo tàng|Nhà hát|Công đoàn|Hợp tác xã|HTX|Xí nghiệp|Tổng Liên đoàn|Liên hiệp|
    Cao đẳng|Trường Cao đẳng|Tổng công ty|Chi nhánh|Đoàn Thanh niên|Hãng phim""")

# Lower-case nouns that make a following unknown name an organisation: "hãng Boeing".
ORG_NOUNS = _words(
    """tuyển|ĐT|U23|U22|U19|U20|U17|nhà xuất bản|bảo tàng|nhà hát|hợp tác xã|hãng phim|
    công ty cổ phần|doanh nghiệp|hiệp hội|liên đoàn|thư viện|ủy ban|tòa án|cục|
    tổng cục|viện kiểm sát|học viện|trường đại học|nhà máy|xí nghiệp|câu lạc bộ bóng đá|
    trường THPT|trường THCS|trường tiểu học|trường mầm non|trường trung học|nhãn hàng|
    thương hiệu|hãng xe|hãng bay|chuỗi|siêu thị|công an|đài truyền hình|đài phát thanh|
    hãng|kênh|báo|tờ|đài|nhóm|công ty|tập đoàn|đảng|lực lượng|mặt trận|
    phong trào|hãng tin|hãng thông tấn|trang|trang tin|mạng|tạp chí|ngân hàng|trường|
    đại học|bệnh viện|câu lạc bộ|CLB|đội|đội tuyển|liên minh|khối|phiến quân|nhóm phiến quân|
    nhóm vũ trang|hãng hàng không|quỹ|viện|tổ chức khủng bố|nhóm khủng bố""")

# Lower-case syllables that may continue an organisation name after its head and first
# capitalised syllable: "Bộ Tổng tư lệnh", "Sở Y tế", "Tòa án nhân dân", "Ủy ban nhân dân".
ORG_CONTINUATION = _words(
    """tế|phòng|giao|nhân|dân|tối|cao|tư|lệnh|tham|mưu|chính|pháp|vụ|trị|dựng|vận|tải|thông|
    tin|truyền|học|công|nghệ|nghiệp|triển|nông|thôn|trường|đào|tạo|dục|hóa|thao|lịch|
    sát|an|ninh|khẩn|cấp|huy|tác|chiến|quân|đội|đa|khoa|ương|quốc|gia|hợp|tác|xã|hội|
    thương|mại|tài|nguyên|ngân|sách|kế|hoạch|đầu|lao|động|binh|thuế|quan|hải|điện|lực|
    bảo|hiểm|vệ|sinh|dịch|thú|y|lâm|thủy|sản|môi|văn|phòng|trợ|giúp|nhà|đất|tụng|thi|hành|
    án|kiểm|toán|nội|ngoại|tỉnh|thành|phố|huyện|tượng|chứng|khoán|dược|phẩm|thực|cứu|hộ|
    soát|bệnh|tật|ung|bướu|nhi|mắt|tim|phổi|tâm|thần|huyết|máu|viễn|bưu|mạng|toàn|
    liệu|số|vũ|trụ|biển|đảo|biên|giới|cháy|chữa|nạn|sự|hình|kinh|ương|đẳng|phát|triển""")

# Words that, capitalised at the start of a sentence or after a quote, are not names.
SENTENCE_WORDS = _words(
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
    Đêm|Trưa|Hội|Nghị|Họp|Buổi|Lễ|Tết|Xuân|Hè|Thu|Đông""")

# Single-syllable place names that are also common given names or words: only taken as a
# place when no unknown capitalised syllable sits right next to them ("Đức Dũng" is a byline).
AMBIGUOUS_NAMES = frozenset(
    {"Anh", "Đức", "Ý", "Áo", "Nhật", "Bỉ", "Séc", "Úc", "Lào", "Mỹ", "Nga", "Huế", "Vinh",
     "Hà", "Hàn", "Ba", "Cuba", "Chile", "Mali", "Hama", "Golan", "RT", "AP", "RIA",
     "UN", "EC", "WB", "VN", "Duma", "Meta", "Apple", "Wagner", "Houthi", "Guardian", "HTS"}
)

# Vietnamese family names: a capitalised run starting with one of these and 2-4 syllables long
# is a person ("Nguyễn Văn A", "Lê Trí Thanh").
SURNAMES = _words(
    """Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đào|Đoàn|
    Vương|Trịnh|Trương|Lâm|Phùng|Mai|Tô|Hà|Tạ|Lưu|Lương|Đinh|Cao|Thái|Quách|Hứa|Tăng|Từ|
    Văn|Kiều|Lại|Chu|Châu|Tôn|Thân|Khổng|Mạc|Tống|Triệu|Diệp|La|Lục|Nghiêm|Khúc|Âu|Kim|
    Giang|Khương|Ông|Lò|Lã|Lữ|Hồng|Bạch|Vi|Quan|Doãn|Thạch|Văn""")

# Lower-case particles inside foreign names: "Bashar al-Assad", "Ludwig van Beethoven".
NAME_PARTICLES = frozenset({"al", "el", "ez", "ad", "as", "bin", "ibn", "abu", "van", "von",
                            "der", "de", "da", "di", "du", "la", "le", "dos", "del", "ben"})

# Capitalised all-letter tokens that are common nouns, not names.
NOT_NAMES = _words(
    """UAV|AI|GDP|USD|VND|EUR|COVID|CEO|HOT|FPV|ATACMS|SMS|PC|TV|ID|OK|PR|VIP|LED|GPS|
    IT|CNTT|THPT|THCS|ĐH|CĐ|SARS|HIV|AIDS|ADN|DNA|PCR|CPI|FDI|ODA|BOT|BĐS|ATM|QR|VAT|
    MC|DJ|KOL|NFT|IPO|ETF|PGS|TS|ThS|HLV|GS|BS|TP|Tp|TT|ảnh|Ảnh""")

# Lower-case words that end an organisation name: what follows them is the sentence, not the
# name ("Bộ Y tế đã...", "Sở Xây dựng cho biết...", "Hội đồng Quản trị của...").
FUNCTION_WORDS = _words(
    """đã|đang|sẽ|vừa|mới|cho|của|các|những|và|với|về|tại|ở|trong|ngoài|ngày|năm|tháng|
    hôm|không|chưa|cũng|là|có|được|bị|đến|tới|từ|khi|này|đó|nói|biết|thì|mà|như|để|vì|do|
    nên|rằng|theo|sau|trước|trên|dưới|lúc|nay|hiện|đều|còn|chỉ|rất|người|ông|bà|anh|chị|
    sáng|chiều|tối|đêm|qua|đây|ấy|kia|gì|nào|ai|hay|hoặc|nhưng|tuy|vẫn|lại|ra|vào|lên|
    xuống|đi|phải|cần|muốn|nhằm|bằng|gồm|cùng|giữa|sang|khỏi|thêm|họp|gửi|nhất|một|hai|
    ba|mọi|mỗi|nhiều|ít|số|lần|việc|cuộc""")
# Two-syllable verbs that end an organisation name just the same ("Sở Xây dựng công bố").
STOP_BIGRAMS = _words(
    """công bố|thông báo|tuyên bố|phát hành|tổ chức|ban hành|xác nhận|ký kết|quyết định|
    yêu cầu|đề nghị|tiếp tục|cho biết|phát hiện|kiểm tra|xử lý|triển khai|thực hiện|
    tiến hành|phối hợp|chỉ đạo|đề xuất|khẳng định|nhấn mạnh|cho rằng|phát biểu|hoàn thành|
    chính thức|tiếp nhận|cáo buộc|trụ sở|cảnh báo|kêu gọi|khuyến cáo|đưa ra|
    công nhận|chấp thuận|phê duyệt|bác bỏ|phản đối|ủng hộ|tuyên án|trao tặng|mở rộng|giữ nguyên|
    gia hạn|tăng cường|thông tin|dự báo|dự kiến|ghi nhận|cho hay|đánh giá|lên tiếng|
    vừa qua|hiện nay|trước đó|sau đó|hôm nay|hôm qua|
    phát động|khởi công|khởi tố|bắt giữ|truy tố|xét xử|điều tra""")

# Common foreign given names: an unknown capitalised run of Latin words is taken for a person
# when it starts with one ("Sergey Rudskoi", "Nasser al-Hariri") and no cue says otherwise.
GIVEN_NAMES = _words(
    """John|James|Robert|Michael|William|David|Richard|Joseph|Thomas|Charles|Christopher|
    Daniel|Matthew|Anthony|Mark|Donald|Steven|Paul|Andrew|Joshua|Kenneth|Kevin|Brian|George|
    Timothy|Ronald|Edward|Jason|Jeffrey|Ryan|Jacob|Gary|Nicholas|Eric|Jonathan|Stephen|Larry|
    Justin|Scott|Brandon|Benjamin|Samuel|Gregory|Frank|Alexander|Raymond|Patrick|Jack|Dennis|
    Jerry|Tyler|Aaron|Jose|Adam|Henry|Nathan|Douglas|Zachary|Peter|Kyle|Walter|Ethan|Jeremy|
    Harold|Keith|Christian|Roger|Noah|Gerald|Carl|Terry|Sean|Austin|Arthur|Lawrence|Jesse|
    Dylan|Bryan|Joe|Jordan|Billy|Bruce|Albert|Willie|Gabriel|Logan|Alan|Juan|Wayne|Roy|
    Ralph|Randy|Eugene|Vincent|Russell|Elijah|Louis|Bobby|Philip|Johnny|Barack|Hillary|
    Bill|Mike|Tom|Tony|Jim|Bob|Ted|Rex|Boris|Theresa|Angela|Emmanuel|Francois|François|
    Nicolas|Jean|Pierre|Jacques|Marine|Olaf|Gerhard|Helmut|Frank-Walter|Mario|Matteo|Silvio|
    Giuseppe|Pedro|Carlos|Luis|Miguel|Jair|Nicolas|Hugo|Fidel|Raul|Raúl|Evo|Mauricio|
    Justin|Shinzo|Fumio|Yoshihide|Moon|Kim|Park|Lee|Narendra|Imran|Nawaz|Hassan|Hasan|
    Mohammed|Mohammad|Muhammad|Mohamed|Ahmed|Ahmad|Ali|Omar|Umar|Abdullah|Abdul|Abdel|Abu|
    Ibrahim|Ismail|Khalid|Khaled|Mahmoud|Mustafa|Nasser|Bashar|Hafez|Walid|Faisal|Salman|
    Recep|Ahmet|Mevlut|Binali|Hulusi|Benjamin|Yair|Naftali|Ehud|Ariel|Shimon|Mahmoud|
    Vladimir|Dmitry|Dmitri|Sergey|Sergei|Sergiy|Alexei|Aleksey|Alexey|Andrei|Andrey|Igor|
    Ivan|Mikhail|Nikolai|Nikolay|Oleg|Pavel|Valery|Valeriy|Viktor|Victor|Yuri|Yury|Yevgeny|
    Evgeny|Maria|Maxim|Anatoly|Konstantin|Gennady|Ramzan|Petro|Volodymyr|Arseniy|Vitali|
    Alexander|Aleksandr|Mary|Patricia|Jennifer|Linda|Elizabeth|Barbara|Susan|Jessica|Sarah|
    Karen|Nancy|Lisa|Betty|Margaret|Sandra|Ashley|Kimberly|Emily|Donna|Michelle|Dorothy|
    Carol|Amanda|Melissa|Deborah|Stephanie|Rebecca|Sharon|Laura|Cynthia|Kathleen|Amy|
    Shirley|Angela|Helen|Anna|Brenda|Pamela|Nicole|Emma|Samantha|Katherine|Christine|Debra|
    Rachel|Catherine|Carolyn|Janet|Ruth|Heather|Diane|Virginia|Julie|Joyce|Victoria|Kelly|
    Christina|Lauren|Joan|Evelyn|Olivia|Judith|Megan|Cheryl|Martha|Andrea|Frances|Hannah|
    Jacqueline|Ann|Gloria|Jean|Kathryn|Alice|Teresa|Sara|Janice|Doris|Madison|Julia|Grace|
    Judy|Abigail|Marie|Denise|Beverly|Amber|Theresa|Marilyn|Danielle|Diana|Brittany|Natalie|
    Sophia|Rose|Isabella|Alexis|Kayla|Charlotte|Taylor|Celine|Britney|Ariana|Demi|Selena|
    Adele|Rihanna|Beyonce|Beyoncé|Katy|Lady|Miley|Nick|Ed|Charlie|Wiz|Bruno|Elon|Jeff|Tim|
    Sundar|Satya|Mark|Jack|Travis|Warren|Bernie|Nancy|Kamala|Mitch|Chuck|Rex|Mike|Lloyd|
    Antony|Jake|Jens|Ursula|Josep|Charles|Kirsty|Brett|Ashton|Leonardo|Cristiano|Lionel|
    Neymar|Kylian|Zlatan|Wayne|Jose|José|Pep|Jurgen|Jürgen|Arsene|Arsène|Alex|Roman|Rafael|
    Novak|Roger|Andy|Serena|Maria|Tiger|Usain|Antonio|Recep|Xi|Li|Wang|Zhang|Liu|Chen|Hun|
    Prayuth|Yingluck|Thaksin|Rodrigo|Ferdinand|Joko|Lee|Najib|Mahathir|Anwar|Aung|Min""")

# Capitalised English words of titles (songs, awards, programmes), not of persons' names.
ENGLISH_WORDS = _words(
    """The|A|An|Of|And|Or|In|On|At|To|For|With|By|From|Top|Best|New|Old|Big|Little|Hot|
    Music|Awards|Award|Album|Artist|Song|Songs|Radio|Media|Social|Show|Tour|World|Cup|
    League|Open|Championship|Festival|Day|Night|Love|You|Me|My|Your|Up|Down|Again|Dance|
    Behind|Madness|Hills|Town|Direction|Group|Team|Club|Inc|Ltd|Co|Corp|Company|Bank|News|
    Times|Post|Journal|Daily|Weekly|Magazine|Online|Digital|Games|Game|Star|Stars|Live|
    Home|House|Street|Road|City|Center|Centre|Hotel|Airport|Station|University|
    College|School|Institute|Foundation|Fund|Capital|Holdings|Technology|Technologies|
    Systems|Software|Motors|Airlines|Air|Express|Global|International|National|Royal|
    United|States|Kingdom|Republic|Union|Party|Council|Committee|Agency|Office|Service|
    Rap|Rock|Pop|Hip|Hop|Jazz|Soul|Country|Latin|Single|Video|Clip|Chart|Charts|Billboard|
    BXH|Hit|Hits""")

# Lower-case syllables an organisation's head may be described by before its name: "Hãng thức ăn
# gia súc Nupak", "Ban phòng chống lụt bão huyện X", "Đài phát thanh Sài Gòn". Any lower-case
# word but a function word or a verb of STOP_BIGRAMS qualifies, up to this many.
ORG_DESCRIPTOR_MAX = 6

# Verbs after which an unknown name is the speaker: "Minh Cảnh nói", "Hải An cho biết".
SPEECH_VERBS = _words(
    """nói|cho biết|chia sẻ|khẳng định|phát biểu|cho hay|nhấn mạnh|giải thích|thừa nhận|
    tâm sự|kể|bày tỏ|tiết lộ|nhận định|trả lời|hỏi|lý giải|thông tin|cho rằng|phân trần|
    khai|thú nhận|kể lại|nhớ lại|chia sẻ thêm|nói thêm|đề nghị|yêu cầu|cảnh báo|bật mí|
    ghi bàn|lập công|đánh đầu|sút""")

# Nouns after which a known place is a sports team: "tuyển miền Nam", "đội Việt Nam".
TEAM_NOUNS = frozenset({"đội", "tuyển", "đội tuyển", "ĐT", "U23", "U22", "U19", "U20", "U17",
                        "U21", "U16", "Đội tuyển", "Tuyển", "đội bóng", "CLB", "câu lạc bộ"})

# Adjectives that may sit between a place noun and the name: "thành phố cổ Palmyra".
PLACE_ADJECTIVES = frozenset({"cổ", "cũ", "mới", "biên giới", "ven biển", "miền núi", "cảng",
                              "nhỏ", "lớn", "du lịch", "chiến lược", "miền biển", "công nghiệp",
                              "láng giềng", "đông dân", "thủ phủ", "gốm", "nghề",
                              "phần mềm", "thể thao", "công nghệ cao", "sinh thái", "vận động"})
