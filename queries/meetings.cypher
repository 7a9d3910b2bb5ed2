// name: meetings
// description: Who met whom: meetings and phone calls between leaders, one row per pair and kind, with the number of articles and the first and last dates.
// params: leader (name, optional) only this leader's meetings: id, name, alias or any spelling of the person, any case
MATCH (a:Leader)-[r:MET_WITH|HELD_CALL]-(b:Leader)
WHERE ($leader IS NULL AND a.id < b.id)
   OR a.id = $leader
   OR toLower($leader) IN [x IN coalesce(a.aliases, []) + [a.name] | toLower(x)]
RETURN a.name AS leader, b.name AS counterpart, type(r) AS kind,
       count(r) AS articles, min(r.date) AS first_date, max(r.date) AS last_date
ORDER BY leader, counterpart, kind
