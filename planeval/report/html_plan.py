"""The HTML report's plan block: the plan as inline SVG with the findings' overlays on toggleable
layers, zoom buttons, the layer toggles, the detail panel and the legend.

The overlays come in ready-made (:func:`planeval.report.overlays.finding_overlays`, computed once per
report by :func:`planeval.report.html.write_html`); this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planeval.report.html_common import e
from planeval.report.overlays import OVERLAY_LAYERS, ZONE_COLOURS
from planeval.report.svg import FUNCTION_COLOURS, Overlay, plan_svg

__all__ = ["HIDDEN_LAYERS", "BASE_LAYERS", "plan_block", "legend"]

#: layers that start hidden: review markers (not measured geometry) and the zones claimed by passing
#: findings (they tile most of the floor; the area block sums them)
HIDDEN_LAYERS = ("review", "zones")
#: the plan's own layers (drawn by plan_svg) with their checkbox labels
BASE_LAYERS = {
    "rooms": "Rooms",
    "walls": "Walls",
    "doors": "Doors (plan)",
    "fixtures": "Fixtures & windows",
    "labels": "Labels",
    "drawing": "Original linework",
}


def _swatch(css: str) -> str:
    return f'<svg viewBox="0 0 24 16" class="sw"><rect x="2" y="2" width="20" height="12" rx="3" class="{css}"/></svg>'


def legend() -> str:
    """The legend: finding classes, then (folded) zone kinds and room functions."""
    items = [
        ("pe-pass", "passes"), ("pe-fail", "fails"), ("pe-review", "needs review"),
        ("pe-required", "required size"), ("pe-accepted pe-fail", "accepted (baseline)"),
    ]
    sw = "".join(f"<li>{_swatch(c)}{t}</li>" for c, t in items)
    zones = "".join(f"<li>{_swatch(f'pe-zone pe-z-{k}')}{e(k)}</li>" for k in ZONE_COLOURS)
    funcs = "".join(
        f'<li><span class="fsw" style="background:{c}"></span>{e(k)}</li>' for k, c in FUNCTION_COLOURS.items()
    )
    return (
        f'<div class="legend"><h4>Findings</h4><ul>{sw}</ul>'
        f'<details><summary>Zones &amp; room functions</summary><ul>{zones}</ul><ul>{funcs}</ul></details></div>'
    )


def plan_block(report: Any, ri: int, overlays: Sequence[Overlay]) -> str:
    """``<div class="planwrap" id="planwrap-<ri>">``: the SVG of ``report.plan`` with ``overlays`` and its side panel."""
    svg = plan_svg(report.plan, overlays, element_id=f"plan-{ri}")
    present = {o.layer for o in overlays}
    boxes = []
    for layer, label in OVERLAY_LAYERS.items():
        if layer not in present:
            continue
        n = len({o.finding for o in overlays if o.layer == layer})
        checked = "" if layer in HIDDEN_LAYERS else " checked"
        boxes.append(
            f'<label><input type="checkbox" data-layer-toggle="{e(layer)}"{checked}> {e(label)} '
            f'<span class="muted">{n}</span></label>'
        )
    base = [
        f'<label><input type="checkbox" data-layer-toggle="{e(k)}" data-base="1" checked> {e(v)}</label>'
        for k, v in BASE_LAYERS.items()
    ]
    return (
        f'<div class="planwrap" id="planwrap-{ri}">'
        f'<div class="planbox"><div class="zoom"><button type="button" data-zoom="in" title="Zoom in">+</button>'
        '<button type="button" data-zoom="out" title="Zoom out">−</button>'
        '<button type="button" data-zoom="fit" title="Fit">Fit</button></div>'
        f'{svg}</div>'
        f'<aside class="side"><h4>Layers</h4><div class="toggles">{"".join(boxes)}</div>'
        f'<details class="baselayers"><summary>Plan layers</summary><div class="toggles">{"".join(base)}</div></details>'
        f'<div class="info" aria-live="polite"><p class="muted">Click a finding in the table or on the plan.</p></div>'
        f'{legend()}</aside></div>'
    )
