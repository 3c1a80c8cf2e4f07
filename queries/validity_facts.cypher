// validity_facts — What the graph knows of a document's validity: each fact that repeals,
// replaces, amends or suspends it, from the reference data (`from_text` false; `origin` its source,
// `verified` whether a cited source confirms it) or read in a text (`origin` the document that says
// it, with the sentence). `luocdo audit outdated` derives each document's status from these.
// @param id string = *  A document's id or number, or * for every document.
// @example luocdo query validity_facts --param id=10/2022/QH15
MATCH (s:Document)-[r:REPEALS|REPLACES|AMENDS|SUSPENDS]->(c:Document)
WHERE $id = '*' OR c.id = $id OR c.number = $id
OPTIONAL MATCH (o:Document) WHERE o.id = r.origin
RETURN c.id AS document, c.number AS number, relation_type(r) AS relation, s.id AS source,
       s.number AS source_number, s.type AS source_type, coalesce(s.effective_from, s.date) AS source_from,
       r.since AS since, r.scope AS scope, r.pinpoint AS pinpoint, r.start_offset IS NOT NULL AS from_text,
       r.origin AS origin, o.number AS origin_number, o.type AS origin_type, r.verified AS verified,
       r.sentence AS sentence
ORDER BY document, relation, source, origin, since
