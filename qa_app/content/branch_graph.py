"""The branch graph of a role-play scenario: turns as nodes, branches as labelled edges.

Pure: it reads a scenario mapping (a draft may be invalid, so every field is read defensively)
and lays the graph out in layers by distance from the first turn, so a template can draw it as
SVG without a script. A branch to a turn that does not exist ends at a "missing" node.
Conditions come back as parts (kind, subject, value), so the caller words them in its language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

NODE_WIDTH = 168
NODE_HEIGHT = 52
LANE_WIDTH = 20  # a branch passing a layer on its way down takes this much room in it
COLUMN_GAP = 40
ROW_GAP = 96
MARGIN = 16
LABEL_LINE = 14
LABEL_HALF_WIDTH = 70  # the template shortens label lines to about this half-width
LABEL_SPACING = 12  # between two labels side by side
TIER_GAP = 6  # between tiers of labels in one gap
PORT_SPACING = 22  # between the points where a turn's branches leave it
BEND = 34  # edges bend in the top of a gap and run straight down through the labels below

SCORE_KEYS = ("below", "at_least")
OVERALL_KEYS = ("overall_below", "overall_at_least")


@dataclass(frozen=True)
class ConditionPart:
    """One part of a branch condition: e.g. ("criterion", "empathy", "at_least 50")."""

    kind: str  # forbidden, key_point, missed_key_point, criterion, overall, slow
    subject: str = ""
    comparison: str = ""  # "below" or "at_least" for scores
    value: str = ""


@dataclass(frozen=True)
class GraphNode:
    """A turn (or a missing turn a branch names) placed at (x, y), its top-left corner."""

    id: str
    index: int | None  # the turn's position in `turns`; None for a missing turn
    outcome: str | None
    layer: int
    x: int
    y: int
    missing: bool = False
    reachable: bool = True
    mood: str | None = None

    @property
    def kind(self) -> str:
        """Name the node's look: missing, resolved/escalated/abandoned, or continues."""
        if self.missing:
            return "missing"
        return (
            self.outcome if self.outcome in ("resolved", "escalated", "abandoned") else "continues"
        )


@dataclass(frozen=True)
class GraphEdge:
    """A branch from one turn to another; `conditions` is empty for the default branch."""

    source: str
    target: str
    turn_index: int
    position: int
    conditions: tuple[ConditionPart, ...]
    missing: bool = False
    path: str = ""  # SVG path data, from the source's bottom to the target's top

    @property
    def is_default(self) -> bool:
        return not self.conditions


@dataclass(frozen=True)
class EdgeLabel:
    """The conditions of every branch between two turns, one label at (x, y), its top centre.

    `alternatives` has one entry per branch (any of them leads there); an empty entry is the
    default branch. Drawn as one line per part, with an "or" line between alternatives.
    """

    source: str
    target: str
    alternatives: tuple[tuple[ConditionPart, ...], ...]
    x: int
    y: int
    missing: bool = False


@dataclass(frozen=True)
class BranchGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    labels: tuple[EdgeLabel, ...]
    width: int
    height: int

    @property
    def is_empty(self) -> bool:
        return not self.nodes

    def node(self, node_id: str) -> GraphNode | None:
        return next((node for node in self.nodes if node.id == node_id), None)

    def edges_from(self, node_id: str) -> list[GraphEdge]:
        return [edge for edge in self.edges if edge.source == node_id]


def condition_parts(when: Any) -> tuple[ConditionPart, ...]:
    """Split a branch's `when` into parts, in a fixed order; unknown keys are kept as they are."""
    if not isinstance(when, Mapping):
        return ()
    parts: list[ConditionPart] = []
    for key in ("forbidden", "key_point", "missed_key_point"):
        if key in when:
            parts.append(ConditionPart(key, _text(when[key])))
    if "criterion" in when or any(key in when for key in SCORE_KEYS):
        comparison = next((key for key in SCORE_KEYS if key in when), "")
        value = _text(when.get(comparison)) if comparison else ""
        parts.append(ConditionPart("criterion", _text(when.get("criterion")), comparison, value))
    for key in OVERALL_KEYS:
        if key in when:
            parts.append(
                ConditionPart("overall", "", key.removeprefix("overall_"), _text(when[key]))
            )
    if "slow" in when:
        parts.append(ConditionPart("slow", value=_text(when["slow"])))
    known = {
        "forbidden",
        "key_point",
        "missed_key_point",
        "criterion",
        "slow",
        *SCORE_KEYS,
        *OVERALL_KEYS,
    }
    parts += [
        ConditionPart(str(key), value=_text(value))
        for key, value in when.items()
        if key not in known
    ]
    return tuple(parts)


def build_graph(data: Mapping[str, Any]) -> BranchGraph:
    """Return the laid-out branch graph of a scenario mapping (empty without turns)."""
    turns = _turns(data)
    if not turns:
        return BranchGraph((), (), (), 0, 0)
    ids = [turn_id for _, turn_id, _ in turns]
    raw_edges = _raw_edges(turns, set(ids))
    layers = _layers(ids[0], ids, raw_edges)
    chains = _chains(raw_edges, layers)
    rows = _rows(ids, raw_edges, layers, chains)
    centres = _centres(rows, chains)
    ports = _ports(chains, centres)
    arrivals = _arrivals(chains, centres, ports)
    label_lines = _label_lines(raw_edges)
    slots = _label_slots(layers, chains, centres, arrivals, label_lines)
    tops = _row_tops(rows, slots)
    reached = _reached(ids[0], raw_edges)
    nodes = [
        GraphNode(
            turn_id,
            index,
            _outcome(turn),
            layers[turn_id],
            round(centres[turn_id] - NODE_WIDTH / 2),
            tops[layers[turn_id]],
            reachable=turn_id in reached,
            mood=_mood(turn),
        )
        for index, turn_id, turn in turns
    ]
    nodes += [
        GraphNode(
            node_id,
            None,
            None,
            layers[node_id],
            round(centres[node_id] - NODE_WIDTH / 2),
            tops[layers[node_id]],
            missing=True,
        )
        for node_id in _missing_ids(raw_edges, set(ids))
    ]
    placed = {node.id: node for node in nodes}
    edges = tuple(
        _route(edge, placed, chains, centres, tops, ports, arrivals) for edge in raw_edges
    )
    labels = _labels(edges, placed, slots, tops, label_lines)
    width = max(centres.values()) + NODE_WIDTH / 2 + MARGIN
    width = max([width, *(label.x + LABEL_HALF_WIDTH + MARGIN for label in labels)])
    height = max(tops.values()) + NODE_HEIGHT + MARGIN
    if any(not _downward(edge, layers) for edge in raw_edges):
        width += COLUMN_GAP  # loops are drawn round the right-hand side
    return BranchGraph(tuple(nodes), edges, tuple(labels), round(width), round(height))


def _downward(edge: GraphEdge, layers: Mapping[str, int]) -> bool:
    return layers[edge.target] > layers[edge.source]


def _chains(edges: list[GraphEdge], layers: Mapping[str, int]) -> dict[tuple[str, str], list[str]]:
    """Give each downward pair of nodes more than one layer apart a lane of placeholder points."""
    chains: dict[tuple[str, str], list[str]] = {}
    for edge in edges:
        pair = (edge.source, edge.target)
        if _downward(edge, layers) and pair not in chains:
            span = range(layers[edge.source] + 1, layers[edge.target])
            chains[pair] = [f"~{edge.source}>{edge.target}@{layer}" for layer in span]
    return chains


def _rows(
    ids: list[str],
    edges: list[GraphEdge],
    layers: dict[str, int],
    chains: Mapping[tuple[str, str], list[str]],
) -> dict[int, list[str]]:
    """Return each layer's nodes (and lane points), ordered to keep branches from crossing."""
    for (source, _), lane in chains.items():
        for offset, point in enumerate(lane, start=1):
            layers[point] = layers[source] + offset
    rows: dict[int, list[str]] = {}
    for node_id in [
        *ids,
        *(edge.target for edge in edges),
        *(p for lane in chains.values() for p in lane),
    ]:
        row = rows.setdefault(layers[node_id], [])
        if node_id not in row:
            row.append(node_id)
    parents = _parents(chains)
    placed: dict[str, float] = {}
    for layer in sorted(rows):
        row = rows[layer]

        def weight(node_id: str, row: list[str] = row) -> float:
            above = [placed[parent] for parent in parents.get(node_id, []) if parent in placed]
            return sum(above) / len(above) if above else 1e6 + row.index(node_id)

        rows[layer] = sorted(row, key=weight)
        placed.update({node_id: column for column, node_id in enumerate(rows[layer])})
    return dict(sorted(rows.items()))


def _parents(chains: Mapping[tuple[str, str], list[str]]) -> dict[str, list[str]]:
    parents: dict[str, list[str]] = {}
    for (source, target), lane in chains.items():
        points = [source, *lane, target]
        for upper, lower in zip(points, points[1:], strict=False):
            parents.setdefault(lower, []).append(upper)
    return parents


def _centres(
    rows: Mapping[int, list[str]], chains: Mapping[tuple[str, str], list[str]]
) -> dict[str, float]:
    """Place each row left to right; a node moves right to stand under its parents if it can."""
    parents = _parents(chains)
    centres: dict[str, float] = {}
    for row in rows.values():
        cursor = float(MARGIN)
        for node_id in row:
            width = LANE_WIDTH if node_id.startswith("~") else NODE_WIDTH
            above = [centres[parent] for parent in parents.get(node_id, []) if parent in centres]
            wanted = sum(above) / len(above) - width / 2 if above else cursor
            left = max(cursor, wanted)
            centres[node_id] = left + width / 2
            cursor = left + width + COLUMN_GAP
    return centres


def _label_lines(edges: list[GraphEdge]) -> dict[tuple[str, str], int]:
    """Count the text lines of each pair's label: one per condition part, plus 'or' lines."""
    lines: dict[tuple[str, str], int] = {}
    for edge in edges:
        pair = (edge.source, edge.target)
        own = max(1, len(edge.conditions))
        lines[pair] = lines[pair] + 1 + own if pair in lines else own
    return lines


@dataclass
class _Slot:
    """Where a downward label goes: its edge's first stretch (x0 to x1) and a tier in the gap."""

    pair: tuple[str, str]
    lines: int
    x0: float
    x1: float
    tier: int = 0


def _label_slots(
    layers: Mapping[str, int],
    chains: Mapping[tuple[str, str], list[str]],
    centres: Mapping[str, float],
    arrivals: Mapping[tuple[str, str], float],
    label_lines: Mapping[tuple[str, str], int],
) -> dict[int, list[_Slot]]:
    """Share out the gap under each layer: labels that would overlap go to separate tiers."""
    by_layer: dict[int, list[_Slot]] = {}
    for (source, target), lane in chains.items():
        below = centres[lane[0]] if lane else arrivals[(source, target)]
        slot = _Slot((source, target), label_lines[(source, target)], centres[source], below)
        by_layer.setdefault(layers[source], []).append(slot)
    for slots in by_layer.values():
        rights: list[float] = []  # the right end of the last label in each tier
        for slot in sorted(slots, key=lambda item: item.x1):
            # A label sits on its edge's vertical stretch, at x1 (see `_route`).
            free = [tier for tier, right in enumerate(rights) if slot.x1 - LABEL_HALF_WIDTH > right]
            slot.tier = free[0] if free else len(rights)
            if not free:
                rights.append(0.0)
            rights[slot.tier] = slot.x1 + LABEL_HALF_WIDTH + LABEL_SPACING
    return by_layer


def _tier_heights(slots: list[_Slot]) -> list[float]:
    heights: dict[int, int] = {}
    for slot in slots:
        heights[slot.tier] = max(heights.get(slot.tier, 0), slot.lines)
    return [heights[tier] * LABEL_LINE + TIER_GAP for tier in sorted(heights)]


def _row_tops(rows: Mapping[int, list[str]], slots: Mapping[int, list[_Slot]]) -> dict[int, float]:
    """Return each layer's top; the gap under a layer grows with the labels drawn in it."""
    tops: dict[int, float] = {}
    top = float(MARGIN)
    for layer in rows:
        tops[layer] = top
        labels = sum(_tier_heights(slots.get(layer, [])))
        top += NODE_HEIGHT + max(ROW_GAP, BEND + labels + LABEL_LINE)
    return tops


def _ports(
    chains: Mapping[tuple[str, str], list[str]], centres: Mapping[str, float]
) -> dict[tuple[str, str], float]:
    """Spread the downward edges leaving a turn along its bottom, in the order they head off."""
    by_source: dict[str, list[tuple[float, tuple[str, str]]]] = {}
    for (source, target), lane in chains.items():
        heading = centres[lane[0] if lane else target]
        by_source.setdefault(source, []).append((heading, (source, target)))
    return _spread(by_source, centres)


def _arrivals(
    chains: Mapping[tuple[str, str], list[str]],
    centres: Mapping[str, float],
    ports: Mapping[tuple[str, str], float],
) -> dict[tuple[str, str], float]:
    """Spread the edges coming into a turn along its top, in the order they come from."""
    by_target: dict[str, list[tuple[float, tuple[str, str]]]] = {}
    for pair, lane in chains.items():
        coming_from = centres[lane[-1]] if lane else ports[pair]
        by_target.setdefault(pair[1], []).append((coming_from, pair))
    return _spread(by_target, centres)


def _spread(
    groups: Mapping[str, list[tuple[float, tuple[str, str]]]], centres: Mapping[str, float]
) -> dict[tuple[str, str], float]:
    """Place each group's pairs side by side around its node's centre, ordered by the key."""
    places = {}
    for node_id, pairs in groups.items():
        pairs.sort()
        span = min(NODE_WIDTH * 0.6, PORT_SPACING * (len(pairs) - 1))
        for index, (_key, pair) in enumerate(pairs):
            share = index / (len(pairs) - 1) if len(pairs) > 1 else 0.5
            places[pair] = centres[node_id] - span / 2 + span * share
    return places


def _route(
    edge: GraphEdge,
    placed: Mapping[str, GraphNode],
    chains: Mapping[tuple[str, str], list[str]],
    centres: Mapping[str, float],
    tops: Mapping[int, float],
    ports: Mapping[tuple[str, str], float],
    arrivals: Mapping[tuple[str, str], float],
) -> GraphEdge:
    """Draw an edge down through its lane, or round the right-hand side when it goes back up.

    Across each gap an edge bends in the gap's top `BEND` pixels, then runs straight down,
    so labels in the rest of the gap sit on their own edge whatever their tier.
    """
    source, target = placed[edge.source], placed[edge.target]
    lane = chains.get((edge.source, edge.target))
    if lane is None:
        start = (source.x + NODE_WIDTH, source.y + NODE_HEIGHT / 2)
        end = (target.x + NODE_WIDTH, target.y + NODE_HEIGHT / 2)
        reach = max(start[0], end[0]) + COLUMN_GAP
        path = f"M{_xy(start)} C{_xy((reach, start[1]))} {_xy((reach, end[1]))} {_xy(end)}"
        return replace(edge, path=path)
    points = [(ports[(edge.source, edge.target)], source.y + NODE_HEIGHT)]
    for point in lane:
        band_top = tops[int(point.rsplit("@", 1)[1])]
        points += [(centres[point], band_top), (centres[point], band_top + NODE_HEIGHT)]
    points.append((arrivals[(edge.source, edge.target)], target.y))
    path = f"M{_xy(points[0])}"
    for index in range(0, len(points) - 1, 2):
        (x0, y0), (x1, y1) = points[index], points[index + 1]
        bend = min(BEND, y1 - y0)
        path += f" C{_xy((x0, y0 + bend / 2))} {_xy((x1, y0 + bend / 2))} {_xy((x1, y0 + bend))}"
        path += f" L{_xy((x1, y1))}"
        if index + 2 < len(points):
            path += f" L{_xy(points[index + 2])}"
    return replace(edge, path=path)


def _labels(
    edges: tuple[GraphEdge, ...],
    placed: Mapping[str, GraphNode],
    slots: Mapping[int, list[_Slot]],
    tops: Mapping[int, float],
    label_lines: Mapping[tuple[str, str], int],
) -> list[EdgeLabel]:
    """Put one label per pair of turns on its edge's first stretch, or beside a loop's curve."""
    alternatives: dict[tuple[str, str], list[tuple[ConditionPart, ...]]] = {}
    for edge in edges:
        alternatives.setdefault((edge.source, edge.target), []).append(edge.conditions)
    where = {
        slot.pair: _slot_point(slot, layer, slots[layer], tops)
        for layer in slots
        for slot in slots[layer]
    }
    labels = []
    for pair, options in alternatives.items():
        source, target = placed[pair[0]], placed[pair[1]]
        if pair in where:
            x, y = where[pair]
        else:  # a loop: beside its curve on the right
            x = max(source.x, target.x) + NODE_WIDTH + COLUMN_GAP + LABEL_HALF_WIDTH / 2
            y = (source.y + target.y + NODE_HEIGHT) / 2 - label_lines[pair] * LABEL_LINE / 2
        labels.append(
            EdgeLabel(pair[0], pair[1], tuple(options), round(x), round(y), target.missing)
        )
    return labels


def _slot_point(
    slot: _Slot, layer: int, slots: list[_Slot], tops: Mapping[int, float]
) -> tuple[float, float]:
    """Return the top centre of a label: below the gap's bend, in its tier, on its edge."""
    heights = _tier_heights(slots)
    return slot.x1, tops[layer] + NODE_HEIGHT + BEND + sum(heights[: slot.tier])


def _xy(point: tuple[float, float]) -> str:
    return f"{round(point[0])},{round(point[1])}"


def _turns(data: Mapping[str, Any]) -> list[tuple[int, str, Mapping[str, Any]]]:
    """Return (index, id, turn) for turns with a string id; the first id wins on repeats."""
    turns = data.get("turns") if isinstance(data, Mapping) else None
    found: list[tuple[int, str, Mapping[str, Any]]] = []
    seen: set[str] = set()
    for index, turn in enumerate(turns if isinstance(turns, list) else []):
        turn_id = turn.get("id") if isinstance(turn, Mapping) else None
        if isinstance(turn_id, str) and turn_id and turn_id not in seen:
            seen.add(turn_id)
            found.append((index, turn_id, turn))
    return found


def _raw_edges(turns: list[tuple[int, str, Mapping[str, Any]]], ids: set[str]) -> list[GraphEdge]:
    edges = []
    for index, turn_id, turn in turns:
        branches = turn.get("next")
        for position, branch in enumerate(branches if isinstance(branches, list) else []):
            if not isinstance(branch, Mapping) or not isinstance(branch.get("goto"), str):
                continue
            goto = branch["goto"]
            missing = goto not in ids
            target = _missing_key(goto) if missing else goto
            edges.append(
                GraphEdge(
                    turn_id, target, index, position, condition_parts(branch.get("when")), missing
                )
            )
    return edges


def _missing_key(goto: str) -> str:
    return f"missing:{goto}"


def missing_target(node_id: str) -> str:
    """Return the turn id a missing node stands for."""
    return node_id.removeprefix("missing:")


def _missing_ids(edges: list[GraphEdge], ids: set[str]) -> list[str]:
    return list(dict.fromkeys(edge.target for edge in edges if edge.target not in ids))


def _layers(start: str, ids: list[str], edges: list[GraphEdge]) -> dict[str, int]:
    """Give each node its longest distance from the first turn, so every branch points down.

    Turns the first turn never reaches are laid out the same way below all the others. A
    branch that closes a loop (an invalid draft) is left out of the layering and drawn back up.
    """
    successors: dict[str, list[str]] = {}
    for edge in edges:
        successors.setdefault(edge.source, []).append(edge.target)
    layers: dict[str, int] = {}
    _layer_from([start], 0, successors, layers)
    unreached = [turn_id for turn_id in ids if turn_id not in layers]
    if unreached:
        targets = {target for source in unreached for target in successors.get(source, [])}
        roots = [turn_id for turn_id in unreached if turn_id not in targets] or unreached[:1]
        _layer_from(roots, max(layers.values()) + 1, successors, layers)
        for turn_id in ids:  # turns only a loop among unreached turns leads to
            if turn_id not in layers:
                _layer_from([turn_id], max(layers.values()) + 1, successors, layers)
    return layers


def _layer_from(
    roots: list[str], base: int, successors: Mapping[str, list[str]], layers: dict[str, int]
) -> None:
    """Layer the nodes reached from `roots` that have no layer yet, by longest path."""
    order: list[str] = []
    state: dict[str, bool] = {}  # False while on the depth-first path, True when done

    def visit(node_id: str) -> None:
        state[node_id] = False
        for target in successors.get(node_id, []):
            if target not in state and target not in layers:
                visit(target)
        state[node_id] = True
        order.append(node_id)

    for root in roots:
        if root not in state and root not in layers:
            visit(root)
    order.reverse()  # a topological order, loops broken where the search closed them
    rank = {node_id: position for position, node_id in enumerate(order)}
    for root in roots:
        layers.setdefault(root, base)
    for node_id in order:
        layers.setdefault(node_id, base)
        for target in successors.get(node_id, []):
            if target in rank and rank[target] > rank[node_id]:
                layers[target] = max(layers.get(target, base), layers[node_id] + 1)


def _reached(start: str, edges: list[GraphEdge]) -> set[str]:
    seen, pending = {start}, [start]
    while pending:
        current = pending.pop()
        for edge in edges:
            if edge.source == current and edge.target not in seen and not edge.missing:
                seen.add(edge.target)
                pending.append(edge.target)
    return seen


def _outcome(turn: Mapping[str, Any]) -> str | None:
    outcome = turn.get("outcome")
    return outcome if isinstance(outcome, str) else None


def _mood(turn: Mapping[str, Any]) -> str | None:
    mood = turn.get("mood")
    return mood if isinstance(mood, str) else None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
