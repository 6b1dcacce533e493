"""Drawing library of the sample generator (``samples/generate.py``).

* :mod:`.model` — rooms, doors, windows, fixtures, defects, :class:`~.model.Layout`; the
  generator's own vocabulary (functions, fixture kinds, rule ids).
* :mod:`.geometry` — frames and polygon helpers; :mod:`.build` derives walls, door swings,
  window centres and fixture footprints from a layout.
* :mod:`.pen` — drawing into a DXF through a frame, fixture symbols.
* :mod:`.dialect` — what the four export dialects share; :mod:`.aia`, :mod:`.revit`,
  :mod:`.nordic`, :mod:`.iso` — one writer each; :mod:`.dialects` — the registry and
  :func:`~.dialects.write_sample`.
* :mod:`.golden` — the expected-result (``*.expected.json``) file.
* :mod:`.layouts` — reads the layouts in ``samples/layouts/*.toml`` (unit templates in
  ``samples/layouts/units/``) into :class:`~.model.Layout` objects.

Nothing here imports ``planeval``: the samples are an oracle for it.
"""
