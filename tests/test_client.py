"""tonecheck.client.check_remote: a report when the service answers, None otherwise."""
from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tonecheck.client import check_remote


class _Stub(BaseHTTPRequestHandler):
    """Answers like the service would, with the status the path asks for."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.seen.append((self.path, json.loads(body)))
        status, data = {"/check": (200, b'{"path": "-", "findings": []}'),
                        "/ok/check": (200, b'{"path": "-", "findings": []}'),
                        "/email/check": (501, b'{"error": "no email"}'),
                        "/list/check": (200, b"[]"),
                        "/garbage/check": (200, b"not json")}[self.path]
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server, path=""):
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def test_report_from_base_url_and_check_url(stub):
    assert check_remote(_url(stub), {"text": "hi"}) == {"path": "-", "findings": []}
    assert check_remote(_url(stub, "/ok/check"), {"text": "hi"})["findings"] == []
    assert stub.seen == [("/check", {"text": "hi"}), ("/ok/check", {"text": "hi"})]


@pytest.mark.parametrize("path", ["/email", "/list", "/garbage"])
def test_none_when_the_answer_is_not_a_report(stub, path):
    assert check_remote(_url(stub, path), {"text": "hi"}) is None


def test_none_when_nothing_listens():
    with socket.socket() as s:  # a port that was free a moment ago
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert check_remote(f"http://127.0.0.1:{port}", {"text": "hi"}, timeout=1) is None


def test_none_when_the_service_stalls():
    with socket.socket() as s:  # accepts connections (backlog) but never answers
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        assert check_remote(f"http://127.0.0.1:{s.getsockname()[1]}", {"text": "hi"},
                            timeout=0.2) is None


def test_rejects_what_is_not_an_http_url():
    with pytest.raises(ValueError):
        check_remote("https://127.0.0.1:8977", {"text": "hi"})
    with pytest.raises(ValueError):
        check_remote("127.0.0.1:8977", {"text": "hi"})
