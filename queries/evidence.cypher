// name: evidence
// description: The evidence behind a relationship between two entities: every sentence with its article, date and outlet.
// params: from (name) id, name or alias of one end; to (name) id, name or alias of the other end; type (string, optional) only this relation type, e.g. MET_WITH
MATCH (a)
WHERE a.id = $from OR toLower($from) IN [x IN coalesce(a.aliases, []) + [a.name] | toLower(x)]
MATCH (a)-[r]-(b)
WHERE r.article_id IS NOT NULL
  AND ($type IS NULL OR type(r) = toUpper($type))
  AND (b.id = $to OR toLower($to) IN [x IN coalesce(b.aliases, []) + [b.name] | toLower(x)])
MATCH (art:Article {id: r.article_id})
UNWIND range(0, size(r.sentences) - 1) AS i
RETURN type(r) AS relation, startNode(r).name AS source, endNode(r).name AS target,
       coalesce(art.date, '') AS date, art.title AS article, coalesce(art.source, '') AS outlet,
       coalesce(art.url, '') AS url, r.sentences[i] AS sentence, r.starts[i] AS start
ORDER BY date, relation, article, start
