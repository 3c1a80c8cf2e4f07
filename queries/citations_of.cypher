// citations_of — What a document cites: one row per citation, in the order of the text, with the
// words that made it and the document it resolved to. Reference facts (origin set) come last.
// @param id string  Canonical id of the citing document.
// @example luocdo query citations_of --param id=59/2023/NĐ-CP
MATCH (d:Document {id: $id})-[r:IMPLEMENTS|BASED_ON|CITES|REPLACES|AMENDS|REPEALS]->(c:Document)
RETURN relation_type(r) AS relation, c.id AS cited, c.number AS number, c.type AS type, c.issuer AS issuer,
       c.date AS date, c.status AS status, c.in_corpus AS in_corpus, r.text AS text, r.pinpoint AS pinpoint,
       r.form AS form, r.verb AS verb, r.sentence AS sentence, r.start_offset AS start_offset,
       r.end_offset AS end_offset, r.origin AS origin
ORDER BY coalesce(r.start_offset, 1000000000), relation, cited
