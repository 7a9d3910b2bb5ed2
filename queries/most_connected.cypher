// name: most_connected
// description: The most connected leaders: distinct partners (people, places, bodies) over all event relations, then number of events.
// params: limit (int, default 10) how many leaders
MATCH (l:Leader)-[r:MET_WITH|HELD_CALL|PROPOSED_COOPERATION|PLANS_VISIT|VISITED]-(o)
WITH l, count(DISTINCT o) AS partners, count(r) AS events
RETURN l.name AS leader, coalesce(l.country, '') AS country, partners, events
ORDER BY partners DESC, events DESC, leader
LIMIT $limit
