"""Named queries without a database: the shipped files, headers and key=value parameters."""

from __future__ import annotations

import pytest

from diplograph.graph.named_queries import list_queries, load_query, parse_params, parse_query

REQUIRED = {"meetings", "cooperation", "planned_visits", "ego_network", "most_connected"}
REQUIRED |= {"shortest_path", "evidence"}


def test_the_shipped_queries() -> None:
    queries = list_queries()
    assert {q.name for q in queries} >= REQUIRED
    for query in queries:
        assert query.description, query.name
        assert load_query(query.name) == query
        for param in query.params:
            assert f"${param.name}" in query.cypher, (query.name, param.name)


def test_header() -> None:
    query = load_query("planned_visits")
    assert [(p.name, p.type, p.required) for p in query.params] == [
        ("after", "date", False),
        ("leader", "name", False),
    ]
    assert load_query("most_connected").params[0].default == 10
    assert load_query("ego_network").params[0].required


def test_unknown_query_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="known: cooperation, ego_network"):
        load_query("nope")
    with pytest.raises(ValueError, match="no named query"):
        load_query("../pyproject")


def test_params_are_typed_and_filled() -> None:
    assert parse_params(load_query("most_connected"), ["limit=3"]) == {"limit": 3}
    assert parse_params(load_query("most_connected"), []) == {"limit": 10}
    assert parse_params(load_query("planned_visits"), ["after=2021-08"]) == {
        "after": "2021-08",
        "leader": None,
    }
    assert parse_params(load_query("evidence"), ["from=A=B", "to= x "]) == {
        "from": "A=B",
        "to": " x ",
        "type": None,
    }


@pytest.mark.parametrize(
    ("name", "pairs", "message"),
    [
        ("most_connected", ["limit=ten"], "parameter limit"),
        ("planned_visits", ["after=yesterday"], "not a date"),
        ("planned_visits", ["after=2021-02-30"], "day is out of range"),
        ("meetings", ["who=x"], "has no parameter 'who'"),
        ("meetings", ["leader"], "not key=value"),
        ("ego_network", [], "needs leader="),
    ],
)
def test_bad_params(name: str, pairs: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_params(load_query(name), pairs)


def test_header_forms() -> None:
    text = (
        "// name: demo\n"
        "// description: first line\n"
        "// description: second line\n"
        "// params: a (int, default 5) an int; b (bool, optional) a flag\n"
        "// params: c (float) a number\n"
        "\n"
        "RETURN $a, $b, $c // params: not a header\n"
    )
    query = parse_query(text, "fallback")
    assert query.name == "demo"
    assert query.description == "first line second line"
    assert [(p.name, p.type, p.required, p.default) for p in query.params] == [
        ("a", "int", False, 5),
        ("b", "bool", False, None),
        ("c", "float", True, None),
    ]
    assert parse_params(query, ["b=yes", "c=1.5"]) == {"a": 5, "b": True, "c": 1.5}
    assert parse_query("// params: none\nRETURN 1", "bare").params == ()
    with pytest.raises(ValueError, match="cannot read parameter"):
        parse_query("// params: x (list) nope\nRETURN 1", "bad")
