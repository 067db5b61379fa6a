#!/usr/bin/env python3
"""Regenerate Kodo's image assets: the ten principle emoji and the Teams app icons.

Run from the repository root:

    pip install Pillow            # build-time only; NOT a runtime dependency of Kodo
    python content/packs/tokyo/emoji/make_emoji.py

(In this repo's dev venv Pillow is already installed: ``.venv/bin/python content/packs/tokyo/emoji/make_emoji.py``.)

It writes:

* ``content/packs/tokyo/emoji/kodo1.png`` .. ``kodo10.png``: custom Slack emoji,
  128x128 RGBA, a rounded-square badge with transparent corners, one colour per
  principle, the principle number in large white bold digits (legible at the
  ~20 px size Slack shows emoji at), with a thin darker ring.
* ``adapters/teams/icons/color.png``: 192x192 full-colour Teams app icon (a
  rounded square with a bold 「行」, from 行動 "kodo").
* ``adapters/teams/icons/outline.png``: 32x32 Teams outline icon, the same 「行」
  in pure white (#FFFFFF) on a fully transparent background.

Fonts (first one found wins; see DIGIT_FONTS / MARK_FONTS below):

* digits: DejaVu Sans Bold (Debian package ``fonts-dejavu-core``), with
  DejaVu Sans Condensed Bold for the two-digit "10" so it stays large.
* 「行」: Noto Sans CJK JP Bold (Debian package ``fonts-noto-cjk``).

The shipped PNGs were made with exactly these fonts. If no CJK font is found the
icon mark falls back to a bold Latin "K"; if no TrueType font is found at all the
script falls back to Pillow's built-in ``ImageFont.load_default(size=...)``
(emboldened with a stroke), so it always runs, just less prettily.

Everything is drawn at 4x and box-downsampled to exact-coverage masks for clean
anti-aliased edges with flat fills, then saved with PNG optimisation (each emoji
is 2-5 KB).
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]  # content/packs/tokyo/emoji -> repo root
TEAMS_ICONS = REPO / "adapters" / "teams" / "icons"

SS = 4  # supersampling factor

# (path, face index within a .ttc). First existing file wins.
DIGIT_FONTS = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0),
    ("/usr/share/fonts/TTF/DejaVuSans-Bold.ttf", 0),
    ("/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf", 0),
    ("/Library/Fonts/Arial Bold.ttf", 0),
    ("C:/Windows/Fonts/arialbd.ttf", 0),
]
DIGIT_FONTS_NARROW = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf", 0),
    ("/usr/share/fonts/TTF/DejaVuSansCondensed-Bold.ttf", 0),
    ("/usr/share/fonts/dejavu/DejaVuSansCondensed-Bold.ttf", 0),
] + DIGIT_FONTS
MARK_FONTS = [  # must contain 「行」; index 0 of the Noto .ttc is the JP face
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJKjp-Bold.otf", 0),
    ("/System/Library/Fonts/ヒラギノ角ゴシック W6.ttc", 0),
    ("C:/Windows/Fonts/YuGothB.ttc", 0),
]

# One colour per principle (1..10), each dark enough for white digits to keep a
# WCAG contrast ratio >= 4.5:1 (range 4.5..12.2). Chosen (starting from Paul Tol's
# colour-blind-safe indigo/green/wine) so every pair stays apart (CIELAB dE >= 8)
# under simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009)
# as well as normal vision, and neighbouring numbers alternate warm/cool. The big
# digit is the primary cue anyway; colour is secondary.
PALETTE = [
    "#332288",  # 1 indigo
    "#117733",  # 2 green
    "#C0392B",  # 3 vermilion
    "#1565C0",  # 4 blue
    "#882255",  # 5 wine
    "#795548",  # 6 brown
    "#9C3FA0",  # 7 purple
    "#00838F",  # 8 teal
    "#D81B60",  # 9 raspberry
    "#37474F",  # 10 slate
]

MARK_COLOUR = "#1B6E4A"  # Teams icon background: a deep "Tokyo green"


def _load(candidates, size: int, fallback_stroke: list[int] | None = None):
    """Return a FreeType font from the first existing candidate, else Pillow's default.

    ``fallback_stroke`` (a one-item list) is set to a stroke width that emboldens the
    regular default font when the fallback is used, and to 0 otherwise.
    """
    for path, index in candidates:
        if os.path.exists(path):
            try:
                font = ImageFont.truetype(path, size, index=index)
            except OSError:
                continue
            if fallback_stroke is not None:
                fallback_stroke[:] = [0]
            return font
    if fallback_stroke is not None:
        fallback_stroke[:] = [max(1, size // 14)]
    return ImageFont.load_default(size=size)


def _has_glyph(font, ch: str) -> bool:
    """True if ``font`` renders ``ch`` differently from a surely-missing glyph."""
    try:
        return font.getmask(ch).getbbox() != font.getmask("\U0010FFFD").getbbox()
    except Exception:  # pragma: no cover - exotic font objects
        return False


def _darker(hex_colour: str, factor: float) -> tuple[int, int, int]:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return (round(r * factor), round(g * factor), round(b * factor))


def _fit_text(draw, text, candidates, max_w, max_h, start_size):
    """Largest font (by shrinking from start_size) whose ink box fits max_w x max_h."""
    size = start_size
    while True:
        stroke = [0]
        font = _load(candidates, size, stroke)
        l, t, r, b = draw.textbbox((0, 0), text, font=font, anchor="ls", stroke_width=stroke[0])
        if (r - l <= max_w and b - t <= max_h) or size <= 8:
            return font, stroke[0], (l, t, r, b)
        size -= max(1, size // 40)


def _draw_centred(draw, text, font, stroke, bbox, cx, cy, fill):
    l, t, r, b = bbox
    x = cx - (l + r) / 2
    y = cy - (t + b) / 2
    draw.text((x, y), text, font=font, anchor="ls", fill=fill, stroke_width=stroke, stroke_fill=fill)


def _coverage(size: int, paint) -> Image.Image:
    """Draw white-on-black at SS x ``size`` with ``paint(draw, S)``; box-downsample to a mask.

    A box filter gives exact area coverage (no Lanczos ringing), so flat areas stay
    exactly one colour and the PNGs compress well.
    """
    S = size * SS
    mask = Image.new("L", (S, S), 0)
    paint(ImageDraw.Draw(mask), S)
    return mask.reduce(SS)


def _solid(size: int, colour) -> Image.Image:
    return Image.new("RGBA", (size, size), colour)


def make_emoji(n: int, colour: str) -> Image.Image:
    size = 128
    margin, radius, ring = 1 * SS, 30 * SS, 4 * SS
    box = (margin, margin, size * SS - margin, size * SS - margin)
    inner = (box[0] + ring, box[1] + ring, box[2] - ring, box[3] - ring)
    inner_w = inner[2] - inner[0]

    outer_mask = _coverage(size, lambda d, S: d.rounded_rectangle(box, radius=radius, fill=255))
    inner_mask = _coverage(size, lambda d, S: d.rounded_rectangle(inner, radius=radius - ring, fill=255))

    text = str(n)
    if len(text) == 1:
        cands, max_w, max_h = DIGIT_FONTS, inner_w * 0.80, inner_w * 0.76
    else:  # "10": narrower face, use nearly the full width
        cands, max_w, max_h = DIGIT_FONTS_NARROW, inner_w * 0.94, inner_w * 0.70

    def paint_text(d, S):
        font, stroke, bbox = _fit_text(d, text, cands, max_w, max_h, start_size=int(inner_w * 1.3))
        _draw_centred(d, text, font, stroke, bbox, S / 2, S / 2, 255)

    text_mask = _coverage(size, paint_text)

    img = _solid(size, (0, 0, 0, 0))
    ring_layer = _solid(size, _darker(colour, 0.62) + (255,))
    img.paste(ring_layer, (0, 0), outer_mask)
    fill_layer = _solid(size, colour)
    fill_layer.putalpha(outer_mask)
    img.paste(fill_layer, (0, 0), inner_mask)
    white = _solid(size, (255, 255, 255, 255))
    white.putalpha(outer_mask)
    img.paste(white, (0, 0), text_mask)
    return img


def _mark_font_and_text(draw, max_w, max_h, start_size):
    probe = _load(MARK_FONTS, 64)
    if _has_glyph(probe, "行"):
        return ("行",) + _fit_text(draw, "行", MARK_FONTS, max_w, max_h, start_size)
    return ("K",) + _fit_text(draw, "K", DIGIT_FONTS, max_w, max_h, start_size)


def make_color_icon() -> Image.Image:
    size = 192
    bg = _coverage(size, lambda d, S: d.rounded_rectangle((0, 0, S, S), radius=36 * SS, fill=255))

    def paint_mark(d, S):
        text, font, stroke, bbox = _mark_font_and_text(d, 124 * SS, 124 * SS, 160 * SS)
        _draw_centred(d, text, font, stroke, bbox, S / 2, S / 2, 255)

    mark = _coverage(size, paint_mark)
    img = _solid(size, (0, 0, 0, 0))
    img.paste(_solid(size, MARK_COLOUR), (0, 0), bg)
    white = _solid(size, (255, 255, 255, 255))
    white.putalpha(bg)
    img.paste(white, (0, 0), mark)
    return img


def make_outline_icon() -> Image.Image:
    size = 32

    def paint_mark(d, S):
        text, font, stroke, bbox = _mark_font_and_text(d, 30 * SS, 30 * SS, 36 * SS)
        _draw_centred(d, text, font, stroke, bbox, S / 2, S / 2, 255)

    # Pure white (#FFFFFF) everywhere; only alpha varies (0 = fully transparent).
    img = _solid(size, (255, 255, 255, 0))
    img.putalpha(_coverage(size, paint_mark))
    return img


def main() -> None:
    for n, colour in enumerate(PALETTE, start=1):
        out = HERE / f"kodo{n}.png"
        make_emoji(n, colour).save(out, optimize=True)
        print(f"wrote {out.relative_to(REPO)} ({out.stat().st_size} bytes)")
    TEAMS_ICONS.mkdir(parents=True, exist_ok=True)
    for name, img in (("color.png", make_color_icon()), ("outline.png", make_outline_icon())):
        out = TEAMS_ICONS / name
        img.save(out, optimize=True)
        print(f"wrote {out.relative_to(REPO)} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
