// document_conflicts — How one document is cited in ways that disagree: with each other, or with
// what the graph knows of it (its reference value). One row per field ("date", "type", "number"):
// the known value, each value said, and the citing documents for each value. Only full citations
// count. The page of a document shows these; `citation_conflicts` is the same over the whole graph.
// @param id string  A document's id or number.
// @document id
// @example luocdo query document_conflicts --param id=34/2007/PL-UBTVQH11
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document {id: $id})
WHERE r.origin IS NULL AND r.cited_date IS NOT NULL
WITH c, r.cited_date AS said, collect(DISTINCT d.id) AS citing
WITH c, collect(said) AS said, collect(citing) AS citing
WHERE size(said) > 1 OR (c.date IS NOT NULL AND size(c.date) = 10 AND NOT c.date IN said)
RETURN 'date' AS field, c.date AS known, said, citing
UNION ALL
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document {id: $id})
WHERE r.origin IS NULL AND r.cited_type IS NOT NULL
WITH c, r.cited_type AS said, collect(DISTINCT d.id) AS citing
WITH c, collect(said) AS said, collect(citing) AS citing
WHERE size(said) > 1 OR (c.type IS NOT NULL AND NOT c.type IN said)
RETURN 'type' AS field, c.type AS known, said, citing
UNION ALL
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document {id: $id})
WHERE r.origin IS NULL AND r.form = 'full' AND r.cited_number IS NOT NULL
WITH c, r.cited_number AS said, collect(DISTINCT d.id) AS citing
WITH c, collect(said) AS said, collect(citing) AS citing
WHERE size(said) > 1 OR NOT c.number IN said
RETURN 'number' AS field, c.number AS known, said, citing
