"""planeval.graphs against networkx (still the API's room graph, so the reference is at hand)."""

from __future__ import annotations

import math

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from planeval.graphs import bfs_paths, component, components, dijkstra

EDGES = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11), st.integers(0, 40)), max_size=40)


def _graphs(edges):
    """The same graph as an adjacency map (weights: the lightest of repeated edges) and as networkx."""
    adj: dict[int, dict[int, float]] = {n: {} for n in range(12)}
    g = nx.Graph()
    g.add_nodes_from(range(12))
    for a, b, w in edges:
        if a == b:
            continue
        weight = min(float(w), adj[a].get(b, math.inf))
        adj[a][b] = adj[b][a] = weight
        g.add_edge(a, b, weight=weight)
    return adj, g


@settings(max_examples=200, deadline=None)
@given(EDGES, st.integers(0, 11), st.integers(0, 11))
def test_dijkstra_finds_a_path_as_short_as_networkx_does(edges, s, t):
    adj, g = _graphs(edges)
    path = dijkstra(adj, s, t)
    if not nx.has_path(g, s, t):
        assert path is None
        return
    assert path is not None and path[0] == s and path[-1] == t
    assert all(b in adj[a] for a, b in zip(path, path[1:], strict=False))
    assert sum(adj[a][b] for a, b in zip(path, path[1:], strict=False)) == nx.shortest_path_length(g, s, t, weight="weight")


def test_dijkstra_without_the_node_is_no_path():
    assert dijkstra({"a": {"b": 1.0}, "b": {"a": 1.0}}, "a", "z") is None


@settings(max_examples=200, deadline=None)
@given(EDGES, st.integers(0, 11))
def test_breadth_first_paths_and_components_are_networkx_s(edges, s):
    adj, g = _graphs(edges)
    assert bfs_paths(adj, s) == nx.single_source_shortest_path(g, s)  # the same paths, ties included
    assert component(adj, s) == nx.node_connected_component(g, s)
    assert components(adj, adj) == list(nx.connected_components(g))
