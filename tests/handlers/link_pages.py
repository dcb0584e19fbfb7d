"""A news site on 127.0.0.1 for link tests: Arabic and English articles, redirects, errors, a huge page.

A thread-based standard-library server, so sync tests (the CLI runs its own event loop)
and async tests can both fetch from it. `hits` counts requests per path.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EN_SENTENCE = "Islamic State claimed 16 attacks in 6 regions last week"
AR_SENTENCE = "شن التنظيم 16 هجوما في 6 مناطق خلال الأسبوع الماضي"
FOOTER = "Copyright Example Newsroom, all rights reserved"

EN_PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>IS weekly claims</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>IS weekly claims</h1>
<p>{EN_SENTENCE}, according to the weekly newspaper al-Naba, which published the figures on Thursday.</p>
<p>The group said most of the attacks took place in West Africa and Mozambique, where its affiliates have
been active for several years, and gave a breakdown by province in a separate infographic.</p>
</article><footer>{FOOTER}</footer></body></html>"""

AR_PAGE = f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>حصاد الأسبوع</title></head>
<body><nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav>
<article><h1>حصاد الأسبوع</h1>
<p>{AR_SENTENCE}، بحسب ما نشرته صحيفة النبأ الأسبوعية في عددها الجديد يوم الخميس.</p>
<p>وقالت الصحيفة إن معظم الهجمات وقعت في غرب إفريقيا وموزمبيق، حيث تنشط فروع التنظيم منذ سنوات عدة،
وأوردت تفصيلا للهجمات بحسب الولايات في إنفوغرافيك منفصل.</p>
</article><footer>{FOOTER}</footer></body></html>"""

BIG_CHUNK = b"<p>" + b"x" * 65_536 + b"</p>"


@dataclass
class NewsSite:
    """The running site: its base URL, request counts, and pages a test may change."""

    base: str
    hits: Counter[str] = field(default_factory=Counter)
    pages: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # path: (status, type, body)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            return

        def do_GET(self) -> None:
            site.hits[self.path] += 1
            if self.path == "/old":
                return self._redirect("/en")
            if self.path == "/loop":
                return self._redirect("/loop")
            if self.path == "/big":
                return self._big()
            status, kind, body = site.pages.get(self.path, (404, "text/html", "<h1>Not found</h1>"))
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return None

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _big(self) -> None:
            """Six megabytes and no Content-Length: only the streaming cap can stop it."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(6 * 1024 * 1024 // len(BIG_CHUNK) + 1):
                    self.wfile.write(BIG_CHUNK)
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


@contextmanager
def news_site() -> Iterator[NewsSite]:
    """Serve the site on a free loopback port for the duration of the block."""
    site = NewsSite(base="")
    site.pages.update({
        "/en": (200, "text/html; charset=utf-8", EN_PAGE),
        "/ar": (200, "text/html", AR_PAGE),  # the charset is only in the page's <meta>
        "/report.pdf": (200, "application/pdf", "%PDF-1.4"),
    })
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
