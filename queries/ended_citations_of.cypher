// ended_citations_of — ended_citations for one citing document: its citations of documents that
// something says may have stopped being in force, with the cited one's own dates. A document's page
// keeps those no longer in force on the document's own date (its outdated citations).
// @param id string  The citing document's id or number.
// @document id
// @example luocdo query ended_citations_of --param id=10/2022/QH15
MATCH (d:Document {id: $id})-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document)
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
