"""The HTML report's plan block: the plan as inline SVG with the findings' overlays on toggleable
layers, zoom buttons, the layer toggles, the detail panel and the legend.

By default the drawing shows what fails and the sizes required: passing findings (their measured
shapes, their zones and their values) are off — the "passing findings" toggle brings them back,
drawn faint — and the review markers wait on their own layer. Every overlay carries its finding's
``data-status``, so the summary chips filter the drawing as they filter the table.

The overlays come in ready-made (:func:`planeval.report.overlays.finding_overlays`, computed once per
report by :func:`planeval.report.html.write_html`); this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planeval.report.html_common import e
from planeval.report.i18n import function_name, t
from planeval.report.overlays import OVERLAY_LAYERS, ZONE_COLOURS, door_verdicts
from planeval.report.svg import FUNCTION_COLOURS, Overlay, plan_svg

__all__ = ["HIDDEN_LAYERS", "BASE_LAYERS", "plan_block", "legend"]

#: layers that start hidden: review markers (not measured geometry) and the zones claimed by passing
#: findings (they tile most of the floor; the area block sums them)
HIDDEN_LAYERS = ("review", "zones")
#: the plan's own layers (drawn by plan_svg), by their catalogue key (``layer.<key>``)
BASE_LAYERS = {"rooms": "rooms", "walls": "walls", "doors": "doors_plan", "fixtures": "fixtures", "labels": "labels",
               "drawing": "drawing"}


def _swatch(css: str) -> str:
    return f'<svg viewBox="0 0 24 16" class="sw"><rect x="2" y="2" width="20" height="12" rx="3" class="{css}"/></svg>'


def legend(lang: str = "en") -> str:
    """The legend: finding classes, then (folded) zone kinds and room functions."""
    items = [
        ("pe-pass", "legend_pass"), ("pe-fail", "legend_fail"), ("pe-review", "legend_review"),
        ("pe-required", "legend_required"), ("pe-accepted pe-fail", "legend_accepted"),
    ]
    sw = "".join(f"<li>{_swatch(c)}{e(t(lang, 'html.' + k))}</li>" for c, k in items)
    zones = "".join(f"<li>{_swatch(f'pe-zone pe-z-{k}')}{e(t(lang, 'zone.' + k))}</li>" for k in ZONE_COLOURS)
    funcs = "".join(
        f'<li><span class="fsw" style="background:{c}"></span>{e(function_name(lang, k))}</li>'
        for k, c in FUNCTION_COLOURS.items()
    )
    return (
        f'<div class="legend"><h4>{e(t(lang, "html.legend"))}</h4><ul>{sw}</ul>'
        f'<details><summary>{e(t(lang, "html.legend_more"))}</summary><ul>{zones}</ul><ul>{funcs}</ul></details></div>'
    )


def plan_block(report: Any, ri: int, overlays: Sequence[Overlay], lang: str = "en") -> str:
    """``<div class="planwrap" id="planwrap-<ri>">``: the SVG of ``report.plan`` with ``overlays`` and its side panel."""
    svg = plan_svg(report.plan, overlays, element_id=f"plan-{ri}", door_status=door_verdicts(report), lang=lang)
    svg = svg.replace("<svg ", '<svg class="pe-plan" ', 1)
    present = {o.layer for o in overlays}
    boxes = []
    passing = len({o.finding for o in overlays if getattr(o, "status", "") == "pass"})
    boxes.append(
        f'<label class="passing"><input type="checkbox" data-passing-toggle> {e(t(lang, "html.passing"))} '
        f'<span class="muted">{passing}</span></label>'
    )
    for layer in OVERLAY_LAYERS:
        if layer not in present or layer == "zones":
            continue
        n = len({o.finding for o in overlays if o.layer == layer})
        checked = "" if layer in HIDDEN_LAYERS else " checked"
        boxes.append(
            f'<label><input type="checkbox" data-layer-toggle="{e(layer)}"{checked}> {e(t(lang, "layer." + layer))} '
            f'<span class="muted">{n}</span></label>'
        )
    if "zones" in present:
        boxes.append(
            f'<label><input type="checkbox" data-layer-toggle="zones"> {e(t(lang, "layer.zones"))} '
            f'<span class="muted">{len({o.finding for o in overlays if o.layer == "zones"})}</span></label>'
        )
    base = [
        f'<label><input type="checkbox" data-layer-toggle="{e(k)}" data-base="1" checked> {e(t(lang, "layer." + v))}</label>'
        for k, v in BASE_LAYERS.items()
    ]
    return (
        f'<div class="planwrap" id="planwrap-{ri}">'
        f'<div class="planbox"><div class="zoom">'
        f'<button type="button" data-zoom="in" title="{e(t(lang, "html.zoom_in"))}">+</button>'
        f'<button type="button" data-zoom="out" title="{e(t(lang, "html.zoom_out"))}">−</button>'
        f'<button type="button" data-zoom="fit" title="{e(t(lang, "html.zoom_fit"))}">{e(t(lang, "html.zoom_fit"))}</button>'
        '</div>'
        f'{svg}</div>'
        f'<aside class="side"><h4>{e(t(lang, "html.layers"))}</h4><div class="toggles">{"".join(boxes)}</div>'
        f'<details class="baselayers"><summary>{e(t(lang, "html.plan_layers"))}</summary>'
        f'<div class="toggles">{"".join(base)}</div></details>'
        f'<div class="info" aria-live="polite"{_info_texts(lang)}><p class="muted">{e(t(lang, "html.info_empty"))}</p></div>'
        f'{legend(lang)}</aside></div>'
    )


def _info_texts(lang: str) -> str:
    """The detail panel's words for the script (``data-t-*``: the script writes only what the page gives it)."""
    words = {"measured": "html.measured", "required": "html.required", "margin": "html.margin",
             "notdrawn": "finding.not_drawn", "empty": "html.info_empty"}
    return "".join(f' data-t-{k}="{e(t(lang, v))}"' for k, v in words.items())
