// validity_share — How many citations point at a document whose validity luocdo knows (a
// reference status, a date it took effect or ended, or a repeal, replacement, amendment or
// suspension said of it), of all citations; and the same for distinct cited documents.
// @example luocdo query validity_share
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document)
WHERE r.origin IS NULL
OPTIONAL MATCH (c)<-[v:REPEALS|REPLACES|AMENDS|SUSPENDS]-(:Document)
WITH r, c, count(v) AS facts
WITH r, c, ((c.status IS NOT NULL AND c.status <> 'unknown') OR c.effective_from IS NOT NULL
            OR c.effective_to IS NOT NULL OR facts > 0) AS known
RETURN count(r) AS citations, count(CASE WHEN known THEN 1 END) AS known_citations,
       count(DISTINCT c.id) AS cited_documents, count(DISTINCT CASE WHEN known THEN c.id END) AS known_documents
