"""``GET /``: someone who types the server's address into a browser learns where they are. With the
dashboard on, they are sent there (its own sign-in then applies); otherwise a small page in Japanese
and English says what this server is and where to go. The page names no setting, no secret and no
person: nothing that ``/healthz`` would not tell a stranger as well."""

from __future__ import annotations

from html import escape

from aiohttp import web

from adapters.messages import MESSAGES
from bot.i18n import register, t

register("adapters", MESSAGES)  # the page's sentences join the catalogue
DASHBOARD = "/dashboard"
HEADERS = {  # a page of text: nothing to load, nothing to frame, nothing to send elsewhere
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                               "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


async def home(request: web.Request) -> web.StreamResponse:
    if any(resource.canonical == DASHBOARD for resource in request.app.router.resources()):
        raise web.HTTPFound(request.rel_url.with_path(DASHBOARD).with_query(request.rel_url.query), headers=HEADERS)
    return web.Response(text=page(), content_type="text/html", charset="utf-8", headers=HEADERS)


def page() -> str:
    sections = "\n".join(f"""<section lang="{lang}">
<h{1 if lang == "ja" else 2}>{escape(t("home.title", lang))}</h{1 if lang == "ja" else 2}>
<p>{escape(t("home.what", lang))}</p>
<p>{escape(t("home.where", lang))}</p>
<p><a href="/healthz">/healthz</a>: {escape(t("home.health", lang))}</p>
</section>""" for lang in ("ja", "en"))
    return f"""<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Kodo</title>
<style>body {{ font-family: sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6;
color: #1f2937; }} section + section {{ border-top: 1px solid #d1d5db; margin-top: 1.5rem; }}
h1, h2 {{ font-size: 1.4rem; }} a {{ color: #1d4ed8; }}</style>
</head>
<body>
<main>
{sections}
</main>
</body>
</html>
"""
