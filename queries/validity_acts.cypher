// validity_acts — What a document does to others: each document it amends, repeals, replaces or
// suspends, with since when, the scope and pinpoint, and the sentence that says it (a fact read in
// a text, with the document that says it: itself or another) or the reference data's source and
// whether a cited source confirms it.
// @param id string  A document's id or number.
// @document id
// @example luocdo query validity_acts --param id=47/2024/QH15
MATCH (s:Document {id: $id})-[r:REPEALS|REPLACES|AMENDS|SUSPENDS]->(c:Document)
OPTIONAL MATCH (o:Document) WHERE o.id = r.origin
RETURN relation_type(r) AS relation, c.id AS target, c.number AS number, c.type AS type, c.title AS title,
       r.since AS since, r.scope AS scope, r.pinpoint AS pinpoint, r.start_offset IS NOT NULL AS from_text,
       r.origin AS origin, o.number AS origin_number, o.type AS origin_type, r.verified AS verified,
       r.sentence AS sentence
ORDER BY relation, target
