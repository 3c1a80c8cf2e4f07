// unknown_validity — Cited documents whose validity luocdo does not know (no reference status, no
// dates, no repeal, replacement, amendment or suspension said of them), most cited first: the
// auditor's to-do list. `plans` counts the citing documents that are plans (Kế hoạch).
// @param limit int = 100  How many rows.
// @example luocdo query unknown_validity --param limit=20
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document)
WHERE r.origin IS NULL AND (c.status IS NULL OR c.status = 'unknown')
  AND c.effective_from IS NULL AND c.effective_to IS NULL
  AND NOT (c)<-[:REPEALS|REPLACES|AMENDS|SUSPENDS]-(:Document)
WITH c, count(DISTINCT d) AS citing_documents, count(r) AS citations,
     count(DISTINCT CASE WHEN d.type = 'Kế hoạch' THEN d.id END) AS plans
RETURN c.id AS id, c.number AS number, c.type AS type, c.title AS title, c.issuer AS issuer, c.date AS date,
       c.in_corpus = true AS in_corpus, citing_documents, plans, citations
ORDER BY citing_documents DESC, plans DESC, citations DESC, id
LIMIT $limit
