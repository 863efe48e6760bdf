"""A small news site on 127.0.0.1 for the source and watch tests (no tests of its own).

Routes are set by the tests and may change between polls; every request is logged with its
headers and time. Answers ETag / Last-Modified validators with 304, can fail a path a given
number of times (with Retry-After), answer slowly, or send a body far larger than any cap.
The articles are invented, in the style of Vietnamese news.
"""

from __future__ import annotations

import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    fail_times: int = 0  # the first N requests answer fail_status
    fail_status: int = 503
    retry_after: str | None = None
    validators: bool = True  # send ETag and Last-Modified, answer 304 to them
    last_modified: str = field(default_factory=lambda: formatdate(usegmt=True))
    repeat: int = 1  # body sent this many times (a huge page without a huge string)
    announce_length: bool = True  # else no Content-Length: the body ends when the link closes
    on_request: Any = None  # called with the path before answering (e.g. to set a stop flag)


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float
    status: int


class Site:
    """``with Site() as site: site.page("/rss", feed)``; ``site.url("/rss")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.active = 0  # requests being answered now, and the most at once
        self.max_active = 0
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:
                with site._lock:
                    site.active += 1
                    site.max_active = max(site.max_active, site.active)
                try:
                    site._answer(self)
                finally:
                    with site._lock:
                        site.active -= 1

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                        daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, path: str, body: str | bytes, **options: Any) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **options)
        self.routes[path] = route
        return route

    def requests(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def _log(self, path: str, headers: dict[str, str], status: int) -> None:
        with self._lock:
            self.hits.append(Hit(path, headers, time.monotonic(), status))

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        headers = {k.lower(): v for k, v in handler.headers.items()}
        route = self.routes.get(path)
        if route is None:
            self._send(handler, path, headers, 404, b"not found", "text/plain", {})
            return
        if route.on_request is not None:
            route.on_request(path)
        if route.fail_times > 0:
            route.fail_times -= 1
            extra = {"Retry-After": route.retry_after} if route.retry_after else {}
            self._send(handler, path, headers, route.fail_status, b"busy", "text/plain", extra)
            return
        if route.delay:
            time.sleep(route.delay)
        extra = dict(route.headers)
        if route.validators:
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            extra.update({"ETag": etag, "Last-Modified": route.last_modified})
            if headers.get("if-none-match") == etag or (
                    "if-none-match" not in headers
                    and headers.get("if-modified-since") == route.last_modified):
                self._send(handler, path, headers, 304, b"", None, extra)
                return
        self._send(handler, path, headers, route.status, route.body, route.content_type, extra,
                   route.repeat, route.announce_length)

    def _send(self, handler: BaseHTTPRequestHandler, path: str, headers: dict[str, str],
              status: int, body: bytes, content_type: str | None, extra: dict[str, str],
              repeat: int = 1, announce_length: bool = True) -> None:
        self._log(path, headers, status)
        try:
            handler.send_response(status)
            if content_type:
                handler.send_header("Content-Type", content_type)
            for name, value in extra.items():
                handler.send_header(name, value)
            if status != 304 and announce_length:
                handler.send_header("Content-Length", str(len(body) * repeat))
            elif status != 304:
                handler.send_header("Connection", "close")
                handler.close_connection = True
            handler.end_headers()
            if status != 304:
                for _ in range(repeat):
                    handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (a size cap): nothing more to send


# -- invented news ------------------------------------------------------------------------

OUTLET = "Báo Sông Hồng"


def article_html(title: str, lead: str, paragraphs: list[str], canonical: str | None = None,
                 published: str | None = None, charset: str = "utf-8") -> str:
    """A news page: navigation, headline, sapo, body, related links, footer."""
    head = [f'<meta charset="{charset}">', f"<title>{html.escape(title)} - {OUTLET}</title>"]
    if canonical:
        head.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang=\"vi\"><head>{''.join(head)}</head><body>"
            "<nav><a href=\"/\">Trang chủ</a> <a href=\"/thoi-su\">Thời sự</a> "
            "<a href=\"/kinh-te\">Kinh tế</a></nav>"
            f"<article><h1>{html.escape(title)}</h1><p class=\"sapo\"><b>{html.escape(lead)}"
            f"</b></p>{body}<p>Minh Anh</p></article>"
            "<aside><h3>Tin liên quan</h3><a href=\"/x\">Giá vàng hôm nay tăng nhẹ</a></aside>"
            f"<footer>© {OUTLET}. Giấy phép số 123/GP-BTTTT.</footer></body></html>")


def rss(items: list[tuple[str, str, str]], title: str = "Thời sự - Báo Sông Hồng") -> str:
    """An RSS 2.0 feed of (title, link, pubDate) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        f"<pubDate>{date}</pubDate><description>{html.escape(t)}</description></item>"
        for t, link, date in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link>"
            f"{entries}</channel></rss>")


def news_sitemap(items: list[tuple[str, str, str]]) -> str:
    """A Google News sitemap of (link, title, publication date) entries."""
    entries = "".join(
        f"<url><loc>{html.escape(link)}</loc><news:news><news:publication>"
        f"<news:name>{OUTLET}</news:name><news:language>vi</news:language>"
        f"</news:publication><news:publication_date>{date}</news:publication_date>"
        f"<news:title>{html.escape(t)}</news:title></news:news></url>"
        for link, t, date in items)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{entries}</urlset>")


# Three invented stories, two or three articles each, told as outlets tell them.
STORIES: dict[str, list[tuple[str, str, list[str]]]] = {
    "lu": [
        ("Lũ dâng cao ở Quảng Ngãi, hơn 2.000 hộ dân phải sơ tán",
         "Mưa lớn kéo dài từ đêm 28/11 khiến nước sông Trà Khúc dâng nhanh, nhiều xã ở huyện "
         "Sơn Tịnh bị ngập sâu, chính quyền khẩn cấp di dời người dân.",
         ["Theo Ban chỉ huy phòng chống thiên tai tỉnh Quảng Ngãi, đến sáng 29/11 mực nước "
          "sông Trà Khúc tại trạm Trà Khúc đã vượt báo động 3 khoảng 0,4 m.",
          "Ông Trần Văn Hùng, Chủ tịch UBND huyện Sơn Tịnh, cho biết lực lượng quân đội và "
          "công an đã dùng xuồng đưa hơn 2.000 hộ dân ở vùng trũng đến nơi an toàn.",
          "Nhiều tuyến đường liên xã bị chia cắt, học sinh ở các xã ven sông được nghỉ học "
          "trong hai ngày để bảo đảm an toàn."]),
        ("Quảng Ngãi: nước sông Trà Khúc vượt báo động 3, nhiều xã bị cô lập",
         "Sáng 29/11, lũ trên sông Trà Khúc tiếp tục lên, hàng nghìn ngôi nhà ở huyện Sơn "
         "Tịnh ngập sâu, người dân được sơ tán khẩn cấp.",
         ["Đài Khí tượng thủy văn tỉnh Quảng Ngãi dự báo mưa lớn còn kéo dài đến hết ngày "
          "30/11, lũ trên các sông có thể lên thêm.",
          "Tại xã Tịnh Sơn, nước ngập hơn một mét, nhiều gia đình phải kê cao đồ đạc và di "
          "chuyển gia súc lên chỗ cao.",
          "Chủ tịch UBND huyện Sơn Tịnh Trần Văn Hùng yêu cầu các xã không để người dân ở lại "
          "vùng nguy hiểm, chuẩn bị lương thực cho các điểm sơ tán."]),
        ("Lũ rút chậm ở Quảng Ngãi, người dân Sơn Tịnh trở về dọn dẹp",
         "Chiều 30/11, nước sông Trà Khúc bắt đầu rút, các hộ dân đã sơ tán ở huyện Sơn "
         "Tịnh lần lượt trở về nhà dọn bùn đất.",
         ["Theo thống kê ban đầu của tỉnh Quảng Ngãi, đợt lũ làm hơn 3.000 ngôi nhà bị ngập "
          "và hàng trăm héc-ta hoa màu bị hư hại.",
          "Lực lượng quân đội tiếp tục giúp người dân ở huyện Sơn Tịnh dọn dẹp, khơi thông "
          "cống rãnh và phun thuốc khử trùng.",
          "Ngành giáo dục cho biết học sinh các xã ven sông Trà Khúc sẽ đi học trở lại từ "
          "ngày 2/12."]),
    ],
    "cao_toc": [
        ("Cao tốc Cần Thơ - Cà Mau thông xe đoạn đầu tiên",
         "Sáng 30/11, Bộ Giao thông vận tải tổ chức thông xe đoạn dài 40 km của cao tốc Cần "
         "Thơ - Cà Mau, rút ngắn thời gian đi lại cho người dân miền Tây.",
         ["Đoạn cao tốc đi qua Hậu Giang và Sóc Trăng, có bốn làn xe, vận tốc tối đa 90 km/h.",
          "Bộ trưởng Giao thông vận tải Lê Minh Khang cho biết các đoạn còn lại sẽ hoàn thành "
          "trong quý II năm sau.",
          "Nhiều doanh nghiệp vận tải kỳ vọng tuyến đường giúp giảm chi phí chở nông sản từ "
          "Cà Mau lên TP HCM."]),
        ("Thông xe 40 km cao tốc Cần Thơ - Cà Mau, xe chạy tối đa 90 km/h",
         "Đoạn đầu tiên của cao tốc Cần Thơ - Cà Mau qua Hậu Giang và Sóc Trăng chính thức "
         "đưa vào khai thác từ sáng 30/11.",
         ["Theo Ban quản lý dự án Mỹ Thuận, tuyến cao tốc Cần Thơ - Cà Mau dài hơn 110 km, "
          "tổng vốn đầu tư khoảng 27.500 tỷ đồng.",
          "Bộ trưởng Lê Minh Khang yêu cầu nhà thầu tăng ca để kịp hoàn thành các đoạn còn "
          "lại, bảo đảm chất lượng công trình.",
          "Người dân Sóc Trăng cho biết trước đây đi Cần Thơ mất gần hai giờ, nay chỉ còn "
          "khoảng một giờ."]),
    ],
    "xang": [
        ("Giá xăng giảm lần thứ ba liên tiếp từ chiều nay",
         "Liên bộ Công Thương - Tài chính quyết định giảm giá xăng RON 95 thêm 420 đồng mỗi "
         "lít từ 15h ngày 1/12, mức giảm thứ ba liên tiếp.",
         ["Sau điều chỉnh, giá xăng RON 95 không cao hơn 20.150 đồng một lít, xăng E5 RON 92 "
          "không cao hơn 19.300 đồng một lít.",
          "Theo Bộ Công Thương, giá xăng thế giới giảm do nhu cầu yếu và lượng dự trữ dầu của "
          "nhiều nước tăng.",
          "Liên bộ không trích lập và không chi Quỹ bình ổn giá xăng dầu trong kỳ điều hành "
          "này."]),
        ("Xăng RON 95 giảm 420 đồng một lít, còn 20.150 đồng",
         "Từ 15h ngày 1/12, mỗi lít xăng RON 95 giảm 420 đồng theo quyết định của liên bộ "
         "Công Thương - Tài chính.",
         ["Đây là lần giảm thứ ba liên tiếp của giá xăng RON 95 kể từ đầu tháng 11.",
          "Các doanh nghiệp đầu mối cho biết nguồn cung xăng dầu trong nước vẫn bảo đảm, "
          "không có tình trạng cây xăng ngừng bán.",
          "Bộ Công Thương dự báo giá xăng thế giới còn dao động trong các tuần tới."]),
    ],
}


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """``text`` in Windows-1258, as legacy Vietnamese sites write it: tone marks combining.

    >>> cp1258("Hòa").decode("cp1258") == "Ho\\u0300a"
    True
    """
    import unicodedata

    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return bytes(out)
