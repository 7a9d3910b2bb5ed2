// name: shortest_path
// description: The shortest chain of meetings and calls between two leaders (at most 4 steps); ties broken by names.
// params: from (string) id, name or alias of the first leader; to (string) id, name or alias of the second leader
MATCH (a:Leader)
WHERE a.id = $from OR toLower($from) IN [x IN coalesce(a.aliases, []) + [a.name] | toLower(x)]
MATCH (b:Leader)
WHERE b.id = $to OR toLower($to) IN [x IN coalesce(b.aliases, []) + [b.name] | toLower(x)]
MATCH p = (a)-[:MET_WITH|HELD_CALL*1..4]-(b)
WHERE a.id <> b.id
WITH length(p) AS hops, [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS relations
WITH hops, names, relations, reduce(k = '', x IN names + relations | k + x + '|') AS tiebreak
RETURN hops, names AS path, relations
ORDER BY hops, tiebreak
LIMIT 1
