"""The branch graph core: nodes by layer, labelled edges, missing targets, loops, every starter file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from qa_app.content.branch_graph import (
    NODE_HEIGHT,
    NODE_WIDTH,
    ConditionPart,
    build_graph,
    condition_parts,
)

ROOT = Path(__file__).resolve().parents[2]
STARTERS = sorted((ROOT / "scenarios").glob("*.yaml"))


def _scenario(*turns: dict) -> dict:
    return {"id": "s", "version": 1, "opening": "Hei", "turns": list(turns)}


def _boxes_overlap(a, b) -> bool:
    return (
        a.x < b.x + NODE_WIDTH
        and b.x < a.x + NODE_WIDTH
        and a.y < b.y + NODE_HEIGHT
        and b.y < a.y + NODE_HEIGHT
    )


def test_a_scenario_without_turns_has_an_empty_graph():
    assert build_graph({"id": "s", "opening": "Hei"}).is_empty


def test_turns_are_layered_by_their_longest_distance_from_the_first_turn():
    """A turn reached both directly and through another sits below both, so every edge points down."""
    graph = build_graph(
        _scenario(
            {
                "id": "start",
                "next": [{"when": {"forbidden": "any"}, "goto": "end"}, {"goto": "middle"}],
            },
            {"id": "middle", "customer": "x", "next": [{"goto": "end"}]},
            {"id": "end", "customer": "y", "outcome": "resolved"},
        )
    )
    layers = {node.id: node.layer for node in graph.nodes}
    assert layers == {"start": 0, "middle": 1, "end": 2}
    assert graph.node("end").kind == "resolved" and graph.node("start").kind == "continues"
    for edge in graph.edges:
        assert graph.node(edge.target).y > graph.node(edge.source).y


def test_a_branch_to_an_unknown_turn_ends_at_a_missing_node():
    graph = build_graph(_scenario({"id": "start", "next": [{"goto": "nowhere"}]}))
    [edge] = graph.edges
    missing = graph.node(edge.target)
    assert edge.missing and missing.missing and missing.kind == "missing" and missing.index is None
    assert missing.layer == 1
    assert graph.labels[0].missing


def test_parallel_branches_share_one_label_with_each_alternative():
    """Two branches from one turn to the same turn are one label: 'A' or 'otherwise'."""
    graph = build_graph(
        _scenario(
            {
                "id": "start",
                "next": [{"when": {"key_point": "kp"}, "goto": "end"}, {"goto": "end"}],
            },
            {"id": "end", "customer": "y", "outcome": "escalated"},
        )
    )
    [label] = graph.labels
    assert label.alternatives == ((ConditionPart("key_point", "kp"),), ())
    assert len(graph.edges) == 2


def test_unreached_turns_are_drawn_below_and_marked():
    graph = build_graph(
        _scenario(
            {"id": "start", "next": [{"goto": "end"}]},
            {"id": "end", "customer": "y", "outcome": "resolved"},
            {"id": "orphan", "customer": "z", "outcome": "abandoned"},
        )
    )
    orphan = graph.node("orphan")
    assert not orphan.reachable and orphan.layer > graph.node("end").layer


def test_a_loop_in_an_invalid_draft_is_drawn_back_up_without_hanging():
    graph = build_graph(
        _scenario(
            {"id": "a", "next": [{"goto": "b"}]},
            {"id": "b", "customer": "x", "next": [{"goto": "a"}]},
        )
    )
    back = next(edge for edge in graph.edges if edge.target == "a")
    assert graph.node("b").layer == 1 and back.path.startswith("M")


def test_broken_turn_lists_are_read_defensively():
    """A draft may hold anything: non-mapping turns, ids that are not strings, branches without goto."""
    graph = build_graph({"turns": ["text", {"id": 5}, {"id": "a", "next": [{"when": {}}, "x"]}]})
    assert [node.id for node in graph.nodes] == ["a"] and graph.edges == ()


def test_condition_parts_name_each_kind_in_a_fixed_order():
    when = {"criterion": "empathy", "at_least": 50.0, "key_point": "kp", "slow": True, "new_key": 1}
    assert condition_parts(when) == (
        ConditionPart("key_point", "kp"),
        ConditionPart("criterion", "empathy", "at_least", "50"),
        ConditionPart("slow", value="true"),
        ConditionPart("new_key", value="1"),
    )


@pytest.mark.parametrize("path", STARTERS, ids=lambda path: path.stem)
def test_every_starter_scenario_lays_out_without_overlapping_turns(path):
    """Each turn is a node, each branch an edge, no two boxes overlap and all fit in the picture."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    graph = build_graph(data)
    turns = data.get("turns", [])
    assert len([node for node in graph.nodes if not node.missing]) == len(turns)
    assert len(graph.edges) == sum(len(turn.get("next", [])) for turn in turns)
    for index, node in enumerate(graph.nodes):
        assert 0 <= node.x and node.x + NODE_WIDTH <= graph.width
        assert node.y + NODE_HEIGHT <= graph.height
        for other in graph.nodes[index + 1 :]:
            assert not _boxes_overlap(node, other), (node.id, other.id)
    for label in graph.labels:
        assert 0 <= label.y <= graph.height
