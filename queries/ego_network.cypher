// name: ego_network
// description: A leader's ego network: every person, country, region and organization linked to the leader, by relation, with the number of links (articles for events).
// params: leader (name) id, name, alias or any spelling of the person, any case
MATCH (l:Leader)
WHERE l.id = $leader OR toLower($leader) IN [x IN coalesce(l.aliases, []) + [l.name] | toLower(x)]
MATCH (l)-[r]-(o)
WHERE type(r) <> 'MENTIONS'
RETURN l.name AS leader, type(r) AS relation,
       CASE WHEN type(r) IN ['MET_WITH', 'HELD_CALL'] THEN 'both'
            WHEN startNode(r) = l THEN 'out' ELSE 'in' END AS direction,
       labels(o)[0] AS neighbour_kind, o.name AS neighbour, count(r) AS links
ORDER BY leader, neighbour, relation, direction
