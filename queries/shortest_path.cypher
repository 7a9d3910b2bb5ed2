// name: shortest_path
// description: The shortest chain of meetings and calls between two leaders (at most 4 steps); ties broken by names.
// params: from (name) id, name or alias of the first leader; to (name) id, name or alias of the second leader
MATCH (a:Leader)
WHERE a.id = $from OR toLower($from) IN [x IN coalesce(a.aliases, []) + [a.name] | toLower(x)]
MATCH (b:Leader)
WHERE (b.id = $to OR toLower($to) IN [x IN coalesce(b.aliases, []) + [b.name] | toLower(x)])
  AND b.id <> a.id
// Breadth first over distinct leaders, meeting in the middle: one relationship per article
// means many parallel edges, and enumerating paths over them explodes around
// well-connected leaders, while sets of distinct leaders stay as small as the graph.
OPTIONAL MATCH (b)-[:MET_WITH|HELD_CALL]-(y:Leader)
WITH a, b, collect(DISTINCT y.id) AS near_b
OPTIONAL MATCH (a)-[:MET_WITH|HELD_CALL]-(x:Leader)
WITH a, b, near_b, collect(DISTINCT x) AS near_a
UNWIND [a] + near_a AS x
OPTIONAL MATCH (x)-[:MET_WITH|HELD_CALL]-(m:Leader)
WITH a, b, near_b, x, collect(DISTINCT m) AS beyond
UNWIND [x] + beyond AS m
WITH a, b, near_b, m,
     CASE WHEN m.id = a.id THEN [a] WHEN m.id = x.id OR x.id = a.id THEN [a, m] ELSE [a, x, m] END AS left
ORDER BY size(left), reduce(k = '', n IN left | k + n.name + '|')
WITH b, near_b, m, collect(left)[0] AS left
OPTIONAL MATCH (m)-[:MET_WITH|HELD_CALL]-(y:Leader)
WHERE y.id IN near_b
WITH b, near_b, m, left, collect(DISTINCT y) AS links
WITH left, CASE WHEN m.id = b.id THEN [[b]] WHEN m.id IN near_b THEN [[m, b]]
                ELSE [y IN links | [m, y, b]] END AS rights
UNWIND rights AS right
WITH left, right
WHERE size([n IN right WHERE n IN left]) = 1
WITH left + tail(right) AS path
WITH path, size(path) - 1 AS hops, reduce(k = '', n IN path | k + n.name + '|') AS key
ORDER BY hops, key
LIMIT 1
UNWIND range(0, hops - 1) AS i
WITH path, hops, i, path[i] AS u, path[i + 1] AS v
MATCH (u)-[r:MET_WITH|HELD_CALL]-(v)
WITH path, hops, i, collect(DISTINCT type(r)) AS kinds
ORDER BY i
WITH path, hops, collect(CASE WHEN 'MET_WITH' IN kinds THEN 'MET_WITH' ELSE 'HELD_CALL' END) AS relations
RETURN hops, [n IN path | n.name] AS path, relations
