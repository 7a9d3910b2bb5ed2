"""Curation: the analyst's corrections, kept in a plain TOML file and applied to the store.

`curation.toml` in the store folder (or the file given by `--curation`) holds what the
resolver got wrong, the way analysts keep a list of corrections in OpenRefine:

    [[merge]]                      # these nodes are one: "into" keeps its id
    into = "fumio-kishida"
    nodes = ["kishida-fumio"]

    [[alias]]                      # more names for a node
    node = "joko-widodo"
    aliases = ["Jokowi"]

    [[rename]]                     # the name a node is shown by (the old one stays an alias)
    node = "serjio-mattarella"
    name = "Sergio Mattarella"

    [[set]]                        # type (label), country, title
    node = "naledi-pandor"
    type = "Leader"
    country = "ZA"

    [[block]]                      # never a node: removed with its relationships
    nodes = ["qasr-al-watan", "Petkim"]

A node is named by its key ("Leader:joko-widodo"), its id, or any name or alias of it
(for people, any spelling the resolver takes for them). The file is applied at the end
of every ingest and by `diplograph curate`; applying it again changes nothing, and each
change is reported. After the file, every person's node takes its canonical name and id
(resolve.canonical_name), so the graph does not depend on the order of the articles.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from diplograph.graph import node_moves
from diplograph.graph.model import ENTITY_LABELS, node_key
from diplograph.graph.resolve import Resolver, canonical_name, is_name_alias, person_slug
from diplograph.graph.stores.base import Store
from diplograph.ingest.textfold import fold, slug

CURATION_FILE = "curation.toml"
_SETTABLE = ("type", "country", "title")


class CurationError(ValueError):
    """A curation file that cannot be read; the message is one line naming the file."""


@dataclass(frozen=True)
class Curation:
    path: str
    merges: tuple[tuple[str, tuple[str, ...]], ...] = ()
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    renames: tuple[tuple[str, str], ...] = ()
    sets: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    blocks: tuple[str, ...] = ()


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where} must be a name or a list of names")
    return tuple(v.strip() for v in value)


def _string(table: Mapping[str, Any], name: str, where: str) -> str:
    value = table.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f'{where} needs {name} = "..."')
    return value.strip()


def _tables(data: Mapping[str, Any], section: str) -> list[Mapping[str, Any]]:
    tables = data.get(section, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ValueError(f"[[{section}]] must be an array of tables")
    return tables


def parse_curation(text: str, path: str) -> Curation:
    """A Curation from the text of a file; CurationError names the file and the problem."""
    try:
        data = tomllib.loads(text)
        unknown = sorted(set(data) - {"merge", "alias", "rename", "set", "block"})
        if unknown:
            raise ValueError(f"unknown section {unknown[0]!r} (known: merge, alias, rename, set, block)")
        merges = tuple(
            (_string(t, "into", f"[[merge]] {i + 1}"), _strings(t.get("nodes"), f"[[merge]] {i + 1} nodes"))
            for i, t in enumerate(_tables(data, "merge"))
        )
        aliases = tuple(
            (
                _string(t, "node", f"[[alias]] {i + 1}"),
                _strings(t.get("aliases"), f"[[alias]] {i + 1} aliases"),
            )
            for i, t in enumerate(_tables(data, "alias"))
        )
        renames = tuple(
            (_string(t, "node", f"[[rename]] {i + 1}"), _string(t, "name", f"[[rename]] {i + 1}"))
            for i, t in enumerate(_tables(data, "rename"))
        )
        sets = []
        for i, table in enumerate(_tables(data, "set")):
            where = f"[[set]] {i + 1}"
            values = {k: _string(table, k, where) for k in _SETTABLE if k in table}
            extra = sorted(set(table) - {"node", *_SETTABLE})
            if extra or not values:
                raise ValueError(f"{where} sets {', '.join(_SETTABLE)} only, at least one")
            if values.get("type") and values["type"] not in ENTITY_LABELS:
                raise ValueError(f"{where}: type must be one of {', '.join(ENTITY_LABELS)}")
            if values.get("country"):
                values["country"] = values["country"].upper()
                if pycountry.countries.get(alpha_2=values["country"]) is None:
                    raise ValueError(f"{where}: country must be an ISO 3166-1 alpha-2 code")
            sets.append((_string(table, "node", where), tuple(sorted(values.items()))))
        blocks = tuple(
            n
            for i, t in enumerate(_tables(data, "block"))
            for n in _strings(t.get("nodes"), f"[[block]] {i + 1} nodes")
        )
    except (tomllib.TOMLDecodeError, ValueError) as error:
        raise CurationError(f"{path}: {error}") from None
    return Curation(path, merges, aliases, renames, tuple(sets), blocks)


def load_curation(path: Path) -> Curation:
    """Read a curation file; CurationError (one line) when it is missing or malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise CurationError(f"{path}: cannot read the curation file ({reason})") from None
    return parse_curation(text, str(path))


def find_curation(explicit: Path | None, store_folder: Path | None) -> Curation | None:
    """The file given with --curation, else `curation.toml` in the store folder, else none."""
    if explicit is not None:
        return load_curation(explicit)
    if store_folder is not None and (store_folder / CURATION_FILE).is_file():
        return load_curation(store_folder / CURATION_FILE)
    return None


@dataclass
class _Index:
    """Every stored entity node by key, and by folded name and alias, for the references."""

    store: Store
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_name: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    stale: bool = True

    def refresh(self) -> None:
        if not self.stale:
            return
        self.nodes.clear()
        self.by_name.clear()
        for label in ENTITY_LABELS:
            _, rows = self.store.run(f"MATCH (n:{label}) RETURN properties(n)")
            for (props,) in rows:
                key = node_key(label, props["id"])
                self.nodes[key] = dict(props)
                for name in [props.get("name") or "", *(props.get("aliases") or [])]:
                    if fold(name):
                        self.by_name[fold(name)].add(key)
        self.stale = False

    def find(self, ref: str) -> list[str]:
        """The nodes a reference names: a key, an id, a name or alias, a person's spelling."""
        self.refresh()
        if ref in self.nodes:
            return [ref]
        by_id = sorted(node_key(label, ref) for label in ENTITY_LABELS if node_key(label, ref) in self.nodes)
        if by_id:
            return by_id
        by_name = sorted(self.by_name.get(fold(ref), ()))
        if by_name:
            return by_name
        leaders = [{"id": k.split(":", 1)[1], **p} for k, p in self.nodes.items() if k.startswith("Leader:")]
        found = Resolver.from_leaders(leaders)._find_person([ref], None)
        return [node_key("Leader", found)] if found else []


def _merged(into: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """Properties of `into` after `other` joins it: names become aliases, gaps are filled."""
    props = {k: v for k, v in into.items() if k != "id"}
    names = {*(into.get("aliases") or []), *(other.get("aliases") or []), other.get("name")}
    props["aliases"] = sorted(n for n in names if n)
    for name, value in other.items():
        if name not in ("id", "name", "aliases") and props.get(name) in (None, "") and value:
            props[name] = value
    return props


def apply_curation(store: Store, curation: Curation | None) -> list[str]:
    """Apply the file, then canonical people; one line per change made (none the second time)."""
    index = _Index(store)
    changes: list[str] = []
    if curation is not None:
        changes += _apply_file(store, curation, index)
    renamed = {}
    if curation is not None:
        for ref, name in curation.renames:
            found = index.find(ref)
            if len(found) == 1:
                renamed[found[0]] = name
    kept = {a for _, aliases in curation.aliases for a in aliases} if curation else set()
    changes += canonical_people(store, index, renamed, kept)
    changes += _bare_people(store, index)
    return changes


def _apply_file(store: Store, curation: Curation, index: _Index) -> list[str]:
    changes: list[str] = []

    def note(message: str) -> None:
        changes.append(f"note: {message}")

    for ref in curation.blocks:
        for key in index.find(ref):
            node_moves.delete(store, key)
            changes.append(f"block: removed {key} and its relationships")
            index.stale = True

    for into_ref, refs in curation.merges:
        into = index.find(into_ref)
        if len(into) != 1:
            problem = "no such node" if not into else "several nodes: " + ", ".join(into)
            note(f"merge into {into_ref!r}: {problem}")
            continue
        for ref in refs:
            for key in index.find(ref):
                if key == into[0]:
                    continue
                props = _merged(index.nodes[into[0]], index.nodes[key])
                node_moves.move(store, key, into[0], props)
                changes.append(f"merge: {key} into {into[0]}")
                index.stale = True
                index.refresh()

    for ref, aliases in curation.aliases:
        for key in _one(index, ref, "alias", note):
            have = list(index.nodes[key].get("aliases") or [])
            new = [a for a in aliases if a not in have]
            if new:
                node_moves.set_props(store, key, {"aliases": sorted({*have, *new})})
                changes.append(f"alias: {key} also {', '.join(new)}")
                index.stale = True

    for ref, name in curation.renames:
        for key in _one(index, ref, "rename", note):
            node = index.nodes[key]
            if node.get("name") != name:
                aliases = sorted({*(node.get("aliases") or []), node.get("name") or name, name})
                node_moves.set_props(store, key, {"name": name, "aliases": aliases})
                changes.append(f"rename: {key} {node.get('name')!r} -> {name!r}")
                index.stale = True

    for ref, pairs in curation.sets:
        values = dict(pairs)
        for key in _one(index, ref, "set", note):
            node = index.nodes[key]
            props = {k: v for k, v in values.items() if k != "type" and node.get(k) != v}
            label, node_id = key.split(":", 1)
            target = node_key(values.get("type") or label, node_id)
            if target != key:
                node_moves.move(store, key, target, {**{k: v for k, v in node.items() if k != "id"}, **props})
                changes.append(f"set: {key} is {target}")
            elif props:
                node_moves.set_props(store, key, props)
            if props:
                changes.append(f"set: {target} " + ", ".join(f"{k}={v}" for k, v in sorted(props.items())))
            index.stale = index.stale or bool(props) or target != key
    return changes


def _one(index: _Index, ref: str, action: str, note: Any) -> list[str]:
    index.refresh()
    found = index.find(ref)
    if len(found) != 1:
        note(f"{action} {ref!r}: {'no such node' if not found else 'several nodes: ' + ', '.join(found)}")
        return []
    return found


def canonical_people(store: Store, index: _Index, renamed: Mapping[str, str], kept: set[str]) -> list[str]:
    """Give every person's node its canonical name and id (or the name curation chose), and
    drop generic descriptions from its aliases (not those the curation file gives)."""
    index.refresh()
    changes = []
    offices = _office_countries(store)
    taken = {k for k in index.nodes if k.startswith("Leader:")}
    for key in sorted(k for k in index.nodes if k.startswith("Leader:")):
        node = index.nodes[key]
        forms = [node.get("name") or "", *(node.get("aliases") or [])]
        name = renamed.get(key) or canonical_name(forms) or node.get("name") or ""
        # a person's aliases hold every form of their name, the name too: the canonical
        # name is then chosen again from all of them when a later article adds one
        aliases = sorted({a for a in [*forms, name] if a and (is_name_alias(a) or a in kept)})
        country = node.get("country")
        if len(offices.get(key, ())) == 1:
            country = next(iter(offices[key]))
        target = node_key("Leader", person_slug(name))
        if target != key and target in taken:
            target = key  # another person has that id: keep this one's
        if (
            target == key
            and name == node.get("name")
            and country == node.get("country")
            and aliases == sorted(node.get("aliases") or [])
        ):
            continue
        node_moves.move(
            store,
            key,
            target,
            {
                **{k: v for k, v in node.items() if k != "id"},
                "name": name,
                "aliases": aliases,
                "country": country,
            },
        )
        taken = (taken - {key}) | {target}
        changes.append(
            f"canonical: {key} -> {target} ({name})"
            if target != key
            else f"canonical: {key} named {name!r}, aliases {len(aliases)}"
        )
        index.stale = True
    return changes


def _office_countries(store: Store) -> dict[str, set[str]]:
    """Leader key -> the countries of the offices their titles name (LEADER_OF): a person's
    country comes from their own title, whichever article came first."""
    _, rows = store.run("MATCH (l:Leader)-[:LEADER_OF]->(o) RETURN l.id, labels(o)[0], o.id, o.country")
    found: defaultdict[str, set[str]] = defaultdict(set)
    for leader_id, label, office_id, office_country in rows:
        country = office_id if label == "Country" else office_country
        if country:
            found[node_key("Leader", leader_id)].add(country)
    return found


def _bare_people(store: Store, index: _Index) -> list[str]:
    """Merge each node known only by a surname ("Biden") into the one person known by a full
    name with that surname, or the one named at least twice as often as each other, as the
    resolver would have, had it seen every article first."""
    index.refresh()
    leaders = {k: p for k, p in index.nodes.items() if k.startswith("Leader:")}
    full = {k for k, p in leaders.items() if canonical_name([p.get("name") or "", *(p.get("aliases") or [])])}
    bare = sorted(set(leaders) - full)
    if not bare:
        return []
    resolver = Resolver.from_leaders(
        [{**p, "id": k.split(":", 1)[1]} for k, p in leaders.items() if k in full]
    )
    resolver.seen.update(leader_mentions(store))
    changes = []
    for key in bare:
        node = leaders[key]
        found = resolver._find_person([node.get("name") or ""], node.get("country"))
        if found is None:
            continue
        into = node_key("Leader", found)
        node_moves.move(store, key, into, _merged(index.nodes[into], node))
        changes.append(f"canonical: {key} is {into}")
        index.stale = True
        index.refresh()
    return changes


def configure(resolver: Resolver, store: Store, curation: Curation | None) -> None:
    """Teach a resolver the file's blocks and merges, so new articles follow them too."""
    if curation is None:
        return
    index = _Index(store)
    for ref in curation.blocks:
        resolver.blocked.update(index.find(ref) or _bare_keys(ref))
    for into_ref, refs in curation.merges:
        into = index.find(into_ref)
        if len(into) == 1:
            for ref in refs:
                for key in _bare_keys(ref):
                    if key != into[0]:
                        resolver.redirect[key] = into[0]
    for ref, pairs in curation.sets:
        values = dict(pairs)
        if values.get("type"):
            for key in index.find(ref) + _bare_keys(ref):
                target = node_key(values["type"], key.split(":", 1)[1])
                if target != key:
                    resolver.redirect[key] = target


def _bare_keys(ref: str) -> list[str]:
    """Keys a reference would have, as an id or as the slug of a name, for nodes not
    stored (yet): a blocked "Petkim" stays out when a later article names it."""
    if ref.split(":", 1)[0] in ENTITY_LABELS:
        return [ref]
    ids = {ref, slug(ref), person_slug(ref)}
    return sorted(node_key(label, i) for label in ENTITY_LABELS for i in ids)


def leader_mentions(store: Store) -> dict[str, int]:
    """How many articles name each person: the resolver's tie-breaker for surnames alone."""
    _, rows = store.run("MATCH (:Article)-[:MENTIONS]->(l:Leader) RETURN l.id, count(*)")
    return {node_id: number for node_id, number in rows}


def seeded_resolver(store: Store, curation: Curation | None) -> Resolver:
    """A resolver that knows the stored people, how often they are named, and the curation."""
    mentions = leader_mentions(store)
    resolver = Resolver.from_leaders(
        {**leader, "mentions": mentions.get(leader["id"], 0)} for leader in store.leaders()
    )
    configure(resolver, store, curation)
    return resolver
