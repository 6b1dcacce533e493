"""The graph searches planeval's measurements need: a component, breadth-first paths, Dijkstra.

A graph is an adjacency map, ``{node: neighbours}``: the neighbours a set or a list for a search
without weights, a ``{neighbour: weight}`` map for Dijkstra; nodes are visited in the order the
map lists them, so a search gives the same answer on every run. networkx, which the room graph
of the API (:attr:`planeval.model.types.Plan.graph`) still is, costs 0.1–0.2 s of CPU to import (it
loads all its algorithms): more than the searches themselves take on any plan, and part of every
``check``'s start-up. These are the textbook searches.

>>> adj = {"a": {"b": 1.0, "c": 5.0}, "b": {"a": 1.0, "c": 1.0}, "c": {"a": 5.0, "b": 1.0}, "d": {}}
>>> dijkstra(adj, "a", "c"), dijkstra(adj, "a", "d")
(['a', 'b', 'c'], None)
>>> sorted(component(adj, "b")), bfs_paths(adj, "a")["c"]
(['a', 'b', 'c'], ['a', 'c'])
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Collection, Hashable, Iterable, Mapping
from typing import TypeVar

__all__ = ["component", "components", "bfs_paths", "dijkstra"]

N = TypeVar("N", bound=Hashable)


def component(adj: Mapping[N, Collection[N]], start: N) -> set[N]:
    """The nodes joined to ``start`` (``start`` itself included)."""
    comp, todo = {start}, [start]
    while todo:
        for w in adj[todo.pop()]:
            if w not in comp:
                comp.add(w)
                todo.append(w)
    return comp


def components(nodes: Iterable[N], adj: Mapping[N, Collection[N]]) -> list[set[N]]:
    """The connected components, in the order of their first node in ``nodes``."""
    seen: set[N] = set()
    out = []
    for v in nodes:
        if v not in seen:
            comp = component(adj, v)
            seen |= comp
            out.append(comp)
    return out


def bfs_paths(adj: Mapping[N, Collection[N]], source: N) -> dict[N, list[N]]:
    """A path with the fewest edges from ``source`` to every node it reaches; of several such paths
    the one through the neighbours listed first, level by level (as ``networkx.single_source_shortest_path``)."""
    paths = {source: [source]}
    level = [source]
    while level:
        nxt = []
        for v in level:
            for w in adj[v]:
                if w not in paths:
                    paths[w] = [*paths[v], w]
                    nxt.append(w)
        level = nxt
    return paths


def dijkstra(adj: Mapping[N, Mapping[N, float]], source: N, target: N) -> list[N] | None:
    """A shortest path from ``source`` to ``target`` (non-negative weights), None when there is none or
    either node is not in the graph. Of paths equally short, the one found first (a node keeps the first
    predecessor that reached it at its distance)."""
    if source not in adj or target not in adj:
        return None
    dist = {source: 0.0}
    prev: dict[N, N] = {}
    done: set[N] = set()
    order = itertools.count()
    heap: list[tuple[float, int, N]] = [(0.0, next(order), source)]
    while heap:
        d, _, v = heapq.heappop(heap)
        if v in done:
            continue
        if v == target:
            path = [v]
            while path[-1] != source:
                path.append(prev[path[-1]])
            return path[::-1]
        done.add(v)
        for w, weight in adj[v].items():
            nd = d + weight
            if w not in done and (w not in dist or nd < dist[w]):
                dist[w], prev[w] = nd, v
                heapq.heappush(heap, (nd, next(order), w))
    return None
