// name: planned_visits
// description: Visits leaders plan, by planned date (or the article date when the plan has none), optionally only from a date on or for one leader.
// params: after (date, optional) keep visits planned for this date or later (YYYY, YYYY-MM or YYYY-MM-DD, compared as text); leader (name, optional) id, name, alias or any spelling of the person
MATCH (l:Leader)-[r:PLANS_VISIT]->(p)
WHERE ($after IS NULL OR coalesce(r.when_iso, r.date) >= $after)
  AND ($leader IS NULL OR l.id = $leader
       OR toLower($leader) IN [x IN coalesce(l.aliases, []) + [l.name] | toLower(x)])
RETURN l.name AS leader, p.name AS destination, labels(p)[0] AS destination_kind,
       r.`when` AS planned, coalesce(r.when_iso, '') AS planned_iso, coalesce(r.date, '') AS reported,
       r.article_id AS article_id
ORDER BY planned_iso, reported, leader, destination, article_id
