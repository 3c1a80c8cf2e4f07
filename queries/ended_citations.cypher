// ended_citations — Citations of documents that something says may have stopped being in force
// (an end date, a reference status, a repeal, replacement or suspension), with the citing document
// and the cited one's own dates; one row per citing and cited document. `luocdo audit outdated`
// keeps those no longer in force at a date, using validity_facts. A document that itself repeals,
// replaces, amends or suspends the cited one is not listed: it names it to do so.
// @example luocdo query ended_citations
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document)
WHERE r.origin IS NULL
  AND (c.effective_to IS NOT NULL OR c.status IN ['expired', 'partly expired']
       OR (c)<-[:REPEALS|REPLACES|SUSPENDS]-(:Document))
  AND NOT (d)-[:REPEALS|REPLACES|AMENDS|SUSPENDS]->(c)
RETURN d.id AS citing, d.number AS citing_number, d.type AS citing_type, d.title AS citing_title,
       d.date AS citing_date, d.source AS citing_source, d.level AS citing_level,
       d.province AS citing_province, d.branch AS citing_branch, c.id AS cited_id, c.number AS cited,
       c.type AS cited_type, c.title AS cited_title, c.status AS reference_status, c.verified AS reference_verified,
       c.effective_from AS effective_from, c.effective_to AS effective_to,
       c.text_effective_from AS text_effective_from, c.text_effective_to AS text_effective_to,
       collect(DISTINCT relation_type(r)) AS relations, count(r) AS mentions, min(r.text) AS text
ORDER BY citing, cited_id
