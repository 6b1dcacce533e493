"""Drawing into a DXF layout (modelspace or block) through a :class:`~samplegen.geometry.Frame`,
and the fixture / furniture symbols."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ezdxf.enums import TextEntityAlignment

from .geometry import Frame
from .model import Pt


class Pen:
    """Draws into a layout (modelspace or block) through a Frame, on one layer."""

    def __init__(self, space: Any, frame: Frame, layer: str = "0") -> None:
        self.space, self.f, self.layer = space, frame, layer

    def on(self, layer: str) -> Pen:
        return Pen(self.space, self.f, layer)

    def _a(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        a: dict[str, Any] = {"layer": self.layer}
        if extra:
            a.update(extra)
        return a

    def line(self, p: Pt, q: Pt) -> Any:
        return self.space.add_line(self.f(p), self.f(q), dxfattribs=self._a())

    def poly(self, pts: Sequence[Pt], closed: bool = False,
             bulges: Sequence[float] | None = None) -> Any:
        if bulges is None:
            data = [self.f(p) for p in pts]
            return self.space.add_lwpolyline(data, format="xy", close=closed,
                                              dxfattribs=self._a())
        data = [(*self.f(p), 0.0, 0.0, b) for p, b in zip(pts, bulges, strict=False)]
        return self.space.add_lwpolyline(data, format="xyseb", close=closed,
                                          dxfattribs=self._a())

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> Any:
        return self.poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], closed=True)

    def circle(self, c: Pt, r: float) -> Any:
        return self.space.add_circle(self.f(c), self.f.length(r), dxfattribs=self._a())

    def arc(self, c: Pt, r: float, a0: float, a1: float) -> Any:
        return self.space.add_arc(self.f(c), self.f.length(r), self.f.angle(a0),
                                  self.f.angle(a1), dxfattribs=self._a())

    def ellipse(self, c: Pt, major: Pt, ratio: float) -> Any:
        return self.space.add_ellipse(self.f(c), major_axis=(*self.f.vector(major), 0.0),
                                      ratio=ratio, dxfattribs=self._a())

    def text(self, s: str, p: Pt, h: float, rotation: float = 0.0,
             align: TextEntityAlignment = TextEntityAlignment.MIDDLE_CENTER,
             style: str = "Standard") -> Any:
        t = self.space.add_text(s, height=self.f.length(h), dxfattribs=self._a(
            {"rotation": self.f.angle(rotation), "style": style}))
        t.set_placement(self.f(p), align=align)
        return t

    def mtext(self, s: str, p: Pt, h: float, width: float | None = None) -> Any:
        a = {"char_height": self.f.length(h), "attachment_point": 5,
             "insert": (*self.f(p), 0.0), "rotation": self.f.angle(0.0)}
        if width:
            a["width"] = self.f.length(width)
        return self.space.add_mtext(s, dxfattribs=self._a(a))

    def insert(self, name: str, p: Pt, rotation: float = 0.0, xscale: float = 1.0,
               yscale: float = 1.0) -> Any:
        a: dict[str, Any] = {"rotation": self.f.angle(rotation)}
        if xscale != 1.0:
            a["xscale"] = xscale
        if yscale != 1.0:
            a["yscale"] = yscale
        return self.space.add_blockref(name, self.f(p), dxfattribs=self._a(a))

    def dim(self, p1: Pt, p2: Pt, base: Pt, angle: float) -> None:
        s = self.f.scale
        d = self.space.add_linear_dim(
            base=self.f(base), p1=self.f(p1), p2=self.f(p2), angle=self.f.angle(angle),
            dimstyle="EZDXF", dxfattribs=self._a(),
            override={"dimtxt": 180 * s, "dimasz": 150 * s, "dimexo": 150 * s,
                      "dimexe": 100 * s, "dimgap": 60 * s, "dimdec": 0, "dimlfac": 1 / s,
                      "dimtad": 1})
        d.render()


def block_pen(doc: Any, name: str, scale: float, layer: str = "0") -> Pen | None:
    """Pen for a new block definition (None if the block exists already)."""
    if name in doc.blocks:
        return None
    return Pen(doc.blocks.new(name), Frame(scale=scale), layer)


def draw_symbol(pen: Pen, kind: str, w: float, d: float, variant: str | None,
                c: Pt = (0.0, 0.0)) -> None:
    """Fixture/furniture symbol, footprint w x d centred on c, front towards -Y."""
    cx, cy = c
    hw, hd = w / 2, d / 2

    def R(x0: float, y0: float, x1: float, y1: float) -> None:
        pen.rect(cx + x0, cy + y0, cx + x1, cy + y1)

    def L(x0: float, y0: float, x1: float, y1: float) -> None:
        pen.line((cx + x0, cy + y0), (cx + x1, cy + y1))

    if kind == "wc":
        R(-hw, hd - 180, hw, hd)                                    # cistern
        semi = (d - 180) / 2
        pen.ellipse((cx, cy - hd + semi), (0.0, semi), (hw - 30) / semi)  # bowl
    elif kind == "basin":
        R(-hw, -hd, hw, hd)
        pen.ellipse((cx, cy - 20), (hw - 70, 0.0), (hd - 90) / (hw - 70))
        pen.circle((cx, cy + hd - 50), 20)
    elif kind == "shower":
        R(-hw, -hd, hw, hd)
        L(-hw, -hd, hw, hd)
        L(-hw, hd, hw, -hd)
        pen.circle((cx, cy), 50)
    elif kind == "bath":
        R(-hw, -hd, hw, hd)
        R(-hw + 60, -hd + 60, hw - 60, hd - 60)
        pen.circle((cx, cy + hd - 200), 30)
    elif kind == "kitchen_counter":
        R(-hw, -hd, hw, hd)
        R(-hw + 200, -hd + 80, -hw + 1000, hd - 60)                 # sink
        R(-hw + 260, -hd + 130, -hw + 640, hd - 110)
        pen.circle((cx - hw + 450, cy), 25)
        R(hw - 800, -hd + 40, hw - 200, hd - 40)                    # hob
        for ox, oy in ((-150, -130), (150, -130), (-150, 130), (150, 130)):
            pen.circle((cx + hw - 500 + ox, cy + oy), 90 if oy < 0 else 70)
    elif kind == "washer":
        R(-hw, -hd, hw, hd)
        pen.circle((cx, cy - 30), min(hw, hd) - 80)
        L(-hw, hd - 80, hw, hd - 80)
    elif kind == "bed":
        R(-hw, -hd, hw, hd)
        if variant == "double":
            R(-hw + 80, hd - 420, -40, hd - 80)
            R(40, hd - 420, hw - 80, hd - 80)
        else:
            R(-hw + 80, hd - 420, hw - 80, hd - 80)
        L(-hw, hd - 700, hw, hd - 700)                              # folded sheet
        L(-hw, hd - 700, -hw + 250, hd - 450)
        if variant == "care":
            L(-hw + 40, -hd + 200, -hw + 40, hd - 500)              # side rails
            L(hw - 40, -hd + 200, hw - 40, hd - 500)
    elif kind == "wardrobe":
        R(-hw, -hd, hw, hd)
        L(-hw, -hd + 50, hw, -hd + 50)                              # doors
        L(-hw + 50, 0, hw - 50, 0)                                  # hanger rail
        for i in range(1, int(w // 600) + 1):
            x = -hw + i * w / (int(w // 600) + 1)
            L(x, -hd, x, -hd + 50)
    elif kind == "sofa":
        R(-hw, -hd, hw, hd)
        R(-hw, hd - 200, hw, hd)                                    # back
        R(-hw, -hd, -hw + 180, hd - 200)                            # arms
        R(hw - 180, -hd, hw, hd - 200)
        L(0, -hd, 0, hd - 200)
    elif kind == "table":
        pen.circle((cx, cy), hw - 300)                              # round table
        for ox, oy in ((0, hd - 200), (0, -hd + 200), (hw - 200, 0), (-hw + 200, 0)):
            R(ox - 200, oy - 200, ox + 200, oy + 200)
    else:
        raise ValueError(kind)
