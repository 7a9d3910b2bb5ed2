"""Node positions computed in Python, so the browser draws at once with physics off.

networkx's spring_layout needs scipy for graphs over 500 nodes (not a dependency) and
its force loop is O(n^2) per iteration; a 5,000-node page must be written in seconds.
This is Fruchterman-Reingold with the repulsion of far nodes approximated by the
centroids of the cells of a grid (one level of Barnes-Hut): O(n * cells) per
iteration, vectorised in numpy. Below `_EXACT_LIMIT` nodes every node is its own
cell, which is the exact algorithm.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import networkx as nx
import numpy as np

_EXACT_LIMIT = 800
_GRID = 24  # cells per side above _EXACT_LIMIT nodes: 576 bodies
_GRAVITY = 0.05  # pull towards the centre so disconnected parts stay on screen
_SETTLE = 6  # iterations after the far components are pulled in
_MIN_GAP = 0.6  # typical nearest-neighbour distance, in `spacing` units


def force_layout(
    nodes: list[Hashable],
    edges: Iterable[tuple[Hashable, Hashable]],
    *,
    seed: int = 7,
    iterations: int = 80,
    spacing: float = 80.0,
) -> dict[Hashable, tuple[float, float]]:
    """Positions in screen units: `spacing` is the ideal distance between linked nodes."""
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array(
        [(index[u], index[v]) for u, v in edges if u != v and u in index and v in index],
        dtype=np.int64,
    ).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = spacing * np.sqrt(n)
    pos = (rng.random((n, 2)) - 0.5) * side
    k = spacing
    temperature = side / 10
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        _step(pos, pairs, k, side, temperature)
        temperature -= cooling
    _pull_in(pos, n, pairs, spacing)
    for _ in range(_SETTLE):  # small moves: separate what the pull brought together
        _step(pos, pairs, k, side, spacing / 4)
    pos *= _spread(pos, spacing, rng)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}


def _step(pos: np.ndarray, pairs: np.ndarray, k: float, side: float, temperature: float) -> None:
    """One Fruchterman-Reingold move, each node by at most `temperature`, in place."""
    disp = _repulsion(pos, k) + _attraction(pos, pairs, k)
    disp -= _GRAVITY * pos * (np.linalg.norm(pos, axis=1, keepdims=True) / side)
    length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
    pos += disp / length * np.minimum(length, temperature)


def _pull_in(pos: np.ndarray, n: int, pairs: np.ndarray, spacing: float) -> None:
    """Centre the largest component and bring far-flung small ones closer, in place.

    Repulsion from the whole graph pushes isolated nodes and small components far out,
    and fitting them all on screen would shrink the main component to a dot. Distances
    beyond the main component's rim are compressed logarithmically, keeping directions.
    """
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(pairs.tolist())
    components = sorted(nx.connected_components(graph), key=len, reverse=True)
    main = np.fromiter(components[0], dtype=np.int64)
    pos -= pos[main].mean(axis=0)
    rim = 1.1 * float(np.percentile(np.linalg.norm(pos[main], axis=1), 90)) + spacing
    for component in components[1:]:
        members = np.fromiter(component, dtype=np.int64)
        centre = pos[members].mean(axis=0)
        distance = float(np.linalg.norm(centre))
        if distance > rim:
            target = rim * (1 + 0.3 * np.log(distance / rim))
            pos[members] -= centre * (1 - target / distance)


def _spread(pos: np.ndarray, spacing: float, rng: np.random.Generator) -> float:
    """Scale that moves typical nearest neighbours `_MIN_GAP * spacing` apart (never shrinks).

    Hubs pull their neighbourhoods into dense cores on big graphs; spreading the whole
    picture keeps those nodes apart once the reader zooms in.
    """
    if len(pos) < 2:
        return 1.0
    sample = pos[rng.choice(len(pos), min(len(pos), 500), replace=False)]
    dist2 = ((sample[:, None, :] - pos[None, :, :]) ** 2).sum(axis=2)
    dist2[dist2 == 0] = np.inf
    nearest = float(np.median(np.sqrt(dist2.min(axis=1))))
    if not np.isfinite(nearest) or nearest <= 0:
        return 1.0
    return max(1.0, _MIN_GAP * spacing / nearest)


def _repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    """k^2 / d away from every other node, far nodes lumped into their cell's centroid."""
    n = len(pos)
    if n <= _EXACT_LIMIT:
        own = np.arange(n)
        sums, masses = pos.copy(), np.ones(n)
    else:
        # a grid over the bulk of the nodes: a few far-flung ones must not make the cells coarse
        low, high = np.percentile(pos, 2, axis=0), np.percentile(pos, 98, axis=0)
        scaled = (pos - low) / np.maximum(high - low, 1e-9) * _GRID
        cell = np.clip(scaled.astype(int), 0, _GRID - 1)
        own = cell[:, 0] * _GRID + cell[:, 1]
        masses = np.bincount(own, minlength=_GRID * _GRID).astype(float)
        sums = np.stack(
            [np.bincount(own, weights=pos[:, d], minlength=_GRID * _GRID) for d in (0, 1)], axis=1
        )
    occupied = masses > 0
    centroids = (sums[occupied] / masses[occupied, None]).astype(np.float32)
    own_body = (np.cumsum(occupied) - 1)[own]  # index of the node's cell among occupied ones
    x, y = pos[:, :1].astype(np.float32), pos[:, 1:].astype(np.float32)
    dist2 = np.maximum((x - centroids[:, 0]) ** 2 + (y - centroids[:, 1]) ** 2, 1e-4)
    weight = masses[occupied].astype(np.float32) / dist2
    weight[np.arange(n), own_body] = 0.0
    # sum_j w_ij (p_i - c_j) = p_i * sum_j w_ij - w @ c
    force = pos * weight.sum(axis=1, keepdims=True) - (weight @ centroids).astype(float)
    # the node's own cell: the centroid of its cell-mates only
    mates = masses[own] - 1
    has_mates = mates > 0
    if has_mates.any():
        mate_centre = (sums[own][has_mates] - pos[has_mates]) / mates[has_mates, None]
        local = pos[has_mates] - mate_centre
        local_d2 = np.maximum((local**2).sum(axis=1), 1e-4)
        force[has_mates] += local * (mates[has_mates] / local_d2)[:, None]
    return force * k * k


def _attraction(pos: np.ndarray, pairs: np.ndarray, k: float) -> np.ndarray:
    """d^2 / k along every edge, towards each other."""
    n = len(pos)
    if len(pairs) == 0:
        return np.zeros_like(pos)
    delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
    pull = delta * (np.linalg.norm(delta, axis=1, keepdims=True) / k)
    return np.stack(
        [
            np.bincount(pairs[:, 1], weights=pull[:, d], minlength=n)
            - np.bincount(pairs[:, 0], weights=pull[:, d], minlength=n)
            for d in (0, 1)
        ],
        axis=1,
    )
