// name: shortest_path
// description: The shortest chain of meetings and calls between two leaders (at most 4 steps); ties broken by ids, then names.
// params: from (string) id, name or alias of the first leader; to (string) id, name or alias of the second leader
MATCH (a:Leader)
WHERE a.id = $from OR toLower($from) IN [x IN coalesce(a.aliases, []) + [a.name] | toLower(x)]
MATCH (b:Leader)
WHERE (b.id = $to OR toLower($to) IN [x IN coalesce(b.aliases, []) + [b.name] | toLower(x)])
  AND b.id <> a.id
// Meet in the middle: at most two steps from each end, keeping the shortest half per
// middle leader. Portable (FalkorDB's shortestPath is directed-only) and it stays
// cheap around well-connected leaders, where enumerating 4-step paths would not.
MATCH half = (a)-[:MET_WITH|HELD_CALL*0..2]-(m:Leader)
WITH a, b, m, half
ORDER BY length(half), reduce(k = '', n IN nodes(half) | k + n.id + '|')
WITH a, b, m, collect(half)[0] AS first
WITH a, b, m, length(first) AS steps, [n IN nodes(first) | n.name] AS names,
     [r IN relationships(first) | type(r)] AS types,
     reduce(k = '', n IN nodes(first) | k + n.name + '|')
       + reduce(k = '', r IN relationships(first) | k + type(r) + '|') AS key
MATCH half = (b)-[:MET_WITH|HELD_CALL*0..2]-(m)
WITH a, b, m, steps, names, types, key, half
ORDER BY length(half), reduce(k = '', n IN nodes(half) | k + n.id + '|')
WITH a, b, m, steps, names, types, key, collect(half)[0] AS second
WITH steps + length(second) AS hops,
     names + tail(reverse([n IN nodes(second) | n.name])) AS path,
     types + reverse([r IN relationships(second) | type(r)]) AS relations,
     key + reduce(k = '', n IN nodes(second) | k + n.name + '|')
       + reduce(k = '', r IN relationships(second) | k + type(r) + '|') AS key
ORDER BY hops, key
LIMIT 1
RETURN hops, path, relations
