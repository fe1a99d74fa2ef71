"""A real HTTP server on 127.0.0.1 whose answers a test scripts (status, body, ETag): for catalogue
updates and for services that fail (HTTP 500, invalid JSON, an answer that never comes)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ScriptedHttpServer:
    """A real HTTP server on 127.0.0.1 that answers as told, and counts what it was asked."""

    def __init__(self, path: str = ""):
        self.status, self.body, self.etag, self.requests = 200, b"", '"v1"', []
        self.delay = 0.0  # seconds before answering
        self.while_asked = None  # called (in the server's thread) while a request waits for its answer
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(dict(self.headers))
                if outer.while_asked is not None:
                    outer.while_asked()
                time.sleep(outer.delay)
                if outer.etag and self.headers.get("If-None-Match") == outer.etag and outer.status == 200:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(outer.status)
                if outer.etag:
                    self.send_header("ETag", outer.etag)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(outer.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        self.url = f"{self.base}/{path}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def publish(self, data, etag):
        self.status, self.etag = 200, etag
        self.body = json.dumps(data).encode() if not isinstance(data, bytes) else data
