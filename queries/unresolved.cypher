// unresolved — Documents that are cited but whose text is not in the graph (not read from any
// file), most cited first: what to fetch next. `known` says whether the reference data knows them.
// @param limit int = 100  How many rows.
// @example luocdo query unresolved --param limit=20
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document)
WHERE r.origin IS NULL AND (c.in_corpus IS NULL OR c.in_corpus = false)
RETURN c.id AS id, c.number AS number, c.type AS type, c.issuer AS issuer, c.date AS date,
       c.verified IS NOT NULL AS known, count(DISTINCT d) AS citing_documents, count(r) AS citations
ORDER BY citing_documents DESC, citations DESC, id
LIMIT $limit
