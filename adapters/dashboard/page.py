"""The dashboard page: ``bot.kpi.Kpis`` drawn as plain HTML with inline SVG, on the server.

Nothing is fetched by the browser: no script, no font, no stylesheet from elsewhere (the CSS is in
the page), so it reads the same without JavaScript, on paper and behind a strict proxy. Every chart
is an ``<svg role="img">`` with a title and a description, and the same numbers stand in tables
with captions below it. Only counts are shown; no person is ever named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta, tzinfo
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode

from content.model import Pack
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from bot.dates import long_day
from bot.features.roundup.digest import counted
from bot.i18n import t
from bot.breakdown import shown
from bot.kpi import Chart, Kpis

WIDTH = 720
HEAD = 22  # room above a chart for its column headings or legend
PAGE_WEEKS = (4, 12, 52)
PLATFORMS = {"slack": "Slack", "teams": "Microsoft Teams"}
_env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["j2"]),
                   trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Request:
    """What the reader asked for, to keep in links and the form."""

    lang: str
    weeks: int
    platform: str | None = None
    workspace: str | None = None
    channel: str | None = None
    organisation: str | None = None

    def query(self, **change) -> str:
        values = {"lang": self.lang, "weeks": self.weeks, "platform": self.platform,
                  "organisation": self.organisation, "workspace": self.workspace, "channel": self.channel} | change
        return urlencode({k: v for k, v in values.items() if v not in (None, "")})


@dataclass(frozen=True)
class Places:
    """The workspaces and channels the form offers (``bot.kpi.choices``), each called by the name Kodo
    knows for it, else by its id."""

    offered: dict[str, list[str]] = field(default_factory=dict)
    name: Callable[[str, str], str | None] = lambda column, value: None

    def label(self, column: str, value: str) -> str:
        return self.name(column, value) or value

    def options(self, column: str, chosen: str | None) -> list[tuple[str, str]]:
        """(value, label) by label; the one asked for is kept even when not offered, as the address
        said it. Two places of the same name are told apart by their ids."""
        values = self.offered.get(column, []) + ([chosen] if chosen and chosen not in self.offered.get(column, [])
                                                  else [])
        labels = [self.label(column, v) for v in values]
        return sorted(((v, f"{label} ({v})" if label != v and labels.count(label) > 1 else label)
                       for v, label in zip(values, labels)), key=lambda option: (option[1].casefold(), option[0]))


def render(k: Kpis, pack: Pack, req: Request, tz: tzinfo, places: Places = Places()) -> str:
    lang = req.lang
    weeks, totals = k.weeks, k.principles
    first, last = weeks[0].week, weeks[-1].week
    shown = [w for w in weeks if w.numbers]
    this_week = weeks[-1].numbers
    last_week = weeks[-2].numbers if len(weeks) > 1 else None
    least = pack.principle(k.invite, lang)
    return _env.get_template("dashboard.html.j2").render(
        t=lambda key, **v: t(key, lang, **v), lang=lang, req=req, platforms=PLATFORMS,
        weeks_n=lambda n: t("dashboard.weeks_n.one" if n == 1 else "dashboard.weeks_n", lang, weeks=n),
        pack_name=pack.name.get(lang, pack.id),
        period=t("dashboard.period.one" if len(weeks) == 1 else "dashboard.period", lang,
                 start=long_day(first.monday, lang), end=long_day(last.monday + timedelta(days=6), lang),
                 weeks=len(weeks)),
        filters=_filters(k, lang, places), places=places,
        page_weeks=PAGE_WEEKS, weeks=weeks, size=k.size, min_group=k.min_group, withheld=k.withheld,
        titles={p.number: p.title for p in pack.principles[lang]},
        total=sum(w.numbers.kudos for w in shown), any_shown=bool(shown),
        empty=bool(shown) and not any(w.numbers.kudos for w in shown),
        this_week=this_week, last_week=last_week,
        covered=k.size - len(k.uncovered), uncovered=k.uncovered, totals=totals,
        least=least, least_counted=counted(totals[k.invite], lang),
        principle_chart=_principle_chart(k, pack, lang), week_chart=_week_chart(k),
        charts=[_chart(chart, lang, k.min_group) for figures in k.figures for chart in figures.charts],
        open_data=_open_data(req),
        generated=k.generated_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"), tz=str(tz),
    )


def _filters(k: Kpis, lang: str, places: Places) -> str:
    """What the page is narrowed to, in the form's own words: ``チャンネル「#general」``, ``Platform Slack``."""
    return ("、" if lang == "ja" else ", ").join(
        t("dashboard.filter", lang, name=t(f"dashboard.{name}", lang),
          value=PLATFORMS[value] if name == "platform" and value in PLATFORMS else places.label(name, value))
        for name, value in k.scope.filters().items())


def _open_data(req: Request) -> Markup:
    """The sentence pointing at ``/api/kpi``, its two links made here so the words stay escaped."""
    links = {fmt: Markup('<a href="/api/kpi?{}">{}</a>').format(req.query(format=fmt), fmt.upper())
             for fmt in ("json", "csv")}
    return Markup(escape(t("dashboard.open_data", req.lang, json="{json}", csv="{csv}"))).format(**links)


def _principle_chart(k: Kpis, pack: Pack, lang: str) -> dict:
    """One row per principle: its title, a bar for the period's total, a line week by week."""
    row, bar_w, spark_x, spark_w = 46, 360, 460, WIDTH - 470
    totals = k.principles
    top_shown = max(totals.values())  # with no kudos at all, no principle is singled out
    top = top_shown or 1
    weekly_top = max((w.numbers.per_principle.get(n, 0) for w in k.weeks if w.numbers for n in totals), default=0) or 1
    rows = []
    for i, (n, total) in enumerate(totals.items()):
        y = HEAD + i * row
        points = []
        for j, w in enumerate(k.weeks):
            if w.numbers:
                x = spark_x + (spark_w * j / max(len(k.weeks) - 1, 1))
                points.append(f"{x:.1f},{y + 40 - 18 * w.numbers.per_principle.get(n, 0) / weekly_top:.1f}")
        rows.append({"y": y, "label": f"#{n} {pack.principle(n, lang).title}", "total": total,
                     "bar": max(bar_w * total / top, 1 if total else 0), "points": " ".join(points),
                     "least": n == k.invite and top_shown > 0})
    return {"height": HEAD + row * len(rows) + 4, "rows": rows, "bar_w": bar_w, "spark_x": spark_x,
            "spark_w": spark_w}


def _chart(chart: Chart, lang: str, min_group: int) -> dict:
    """A feature's chart (``bot.kpi.Chart``): a bar per row on one scale, a withheld row without one."""
    row, label_w, bar_w = 30, 260, 360
    top = max((value for _, value, *_ in chart.rows if value), default=0) or 1
    rows = [{"y": HEAD + i * row, "label": label, "value": value, "more": more,
             "shown": shown(value, lang, min_group), "bar": bar_w * (value or 0) / top}
            for i, (label, value, *more) in enumerate(chart.rows)]
    return {"chart": chart, "rows": rows, "height": HEAD + row * len(rows) + 4, "label_w": label_w, "bar_w": bar_w,
            "drawn": any(value is not None for _, value, *_ in chart.rows)}


def _week_chart(k: Kpis) -> dict:
    """Kudos per week as bars; givers (solid) and receivers (dashed) as lines on the same scale."""
    left, right, top_pad, height = 44, 8, HEAD + 10, 240
    plot_w, plot_h = WIDTH - left - right, height - top_pad - 30
    shown = [w.numbers for w in k.weeks if w.numbers]
    peak = max([n.kudos for n in shown] + [n.givers for n in shown] + [n.receivers for n in shown] + [1])
    step = _nice_step(peak)
    ceiling = step * -(-peak // step)
    slot = plot_w / len(k.weeks)
    y = lambda v: top_pad + plot_h - plot_h * v / ceiling  # noqa: E731
    bars, givers, receivers, labels = [], [], [], []
    every = max(1, round(len(k.weeks) / 13))
    for i, w in enumerate(k.weeks):
        cx = left + slot * (i + 0.5)
        if w.numbers:
            bars.append({"x": cx - slot * 0.35, "y": y(w.numbers.kudos), "w": slot * 0.7,
                         "h": plot_h * w.numbers.kudos / ceiling, "title": f"{w.week.name}: {w.numbers.kudos}"})
            givers.append(f"{cx:.1f},{y(w.numbers.givers):.1f}")
            receivers.append(f"{cx:.1f},{y(w.numbers.receivers):.1f}")
        if (len(k.weeks) - 1 - i) % every == 0:
            labels.append({"x": cx, "text": w.week.name.split("-")[1]})
    ticks = [{"y": y(v), "value": v} for v in range(0, ceiling + 1, step)]
    return {"height": height, "left": left, "right": WIDTH - right, "base": top_pad + plot_h, "bars": bars,
            "givers": " ".join(givers), "receivers": " ".join(receivers), "labels": labels, "ticks": ticks}


def _nice_step(peak: int) -> int:
    """A round gridline step giving at most five lines up to ``peak``."""
    step = 1
    while peak / step > 5:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if peak / step <= 5:
                break
    return step
