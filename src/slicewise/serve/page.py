"""The one HTML page of a respondent's link: textual-serve's terminal script, nothing loaded from elsewhere."""

from __future__ import annotations

from html import escape

SECURITY_HEADERS: dict[str, str] = {
    "Referrer-Policy": "no-referrer",  # the link's token must not leave in a Referer header
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
}
"""Headers on every answer of the server."""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<script src="/static/js/textual.js"></script>
<style>
body {{ background: #0c181f; margin: 0; }}
.textual-terminal {{ opacity: 0; }}
body.-first-byte .textual-terminal {{ opacity: 1; }}
.notice {{ position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  color: #f0f0f0; font: 16px monospace; text-align: center; z-index: 10; }}
body.-first-byte .opening, .ended {{ display: none; }}
body.-closed .ended {{ display: flex; background: #0c181f; }}
body.-closed .opening {{ display: none; }}
</style>
</head>
<body>
<div class="notice opening"><p>Opening {title}…</p></div>
<div class="notice ended"><p>This session has ended; every answer you gave is saved.<br><br>
Reload the page to go on where you left off.</p></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{websocket}" data-font-size="{font_size}"></div>
</body>
</html>
"""


def page(title: str, websocket_url: str, font_size: int = 16) -> str:
    """Return the page that opens a respondent's session over the given websocket URL."""
    return _PAGE.format(title=escape(title), websocket=escape(websocket_url, quote=True), font_size=font_size)
