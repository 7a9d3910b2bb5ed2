// name: cooperation
// description: Cooperation proposals made by or towards a country (the country itself, its leaders and its regions), newest first.
// params: country (string, optional) ISO 3166-1 alpha-2 code, name or alias (BY, Belarus), all proposals when left out
OPTIONAL MATCH (c:Country)
WHERE c.id = toUpper($country)
   OR toLower($country) IN [x IN coalesce(c.aliases, []) + [c.name] | toLower(x)]
WITH collect(DISTINCT c.id) AS codes
MATCH (s)-[r:PROPOSED_COOPERATION]->(t)
WHERE $country IS NULL OR s.country IN codes OR t.country IN codes
RETURN s.name AS proposer, labels(s)[0] AS proposer_kind,
       t.name AS partner, labels(t)[0] AS partner_kind,
       CASE WHEN $country IS NULL THEN '' WHEN s.country IN codes THEN 'by' ELSE 'towards' END AS direction,
       coalesce(r.date, '') AS date, r.sentences[0] AS evidence, r.article_id AS article_id
ORDER BY date DESC, proposer, partner, article_id
