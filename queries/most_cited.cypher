// most_cited — The documents cited by the most documents, with how many cite them and how often.
// @param limit int = 20  How many rows.
// @example luocdo query most_cited --param limit=10
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document)
WHERE r.origin IS NULL
RETURN c.id AS id, c.number AS number, c.type AS type, c.issuer AS issuer, c.status AS status,
       c.in_corpus AS in_corpus, count(DISTINCT d) AS citing_documents, count(r) AS citations
ORDER BY citing_documents DESC, citations DESC, id
LIMIT $limit
