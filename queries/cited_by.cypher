// cited_by — Who cites a document: one row per citing document and relation, with how many
// times and the first mention. Reference facts (origin set) are listed too.
// @param id string  Canonical id (or canonical number) of the cited document.
// @example luocdo query cited_by --param id=34/2007/PL-UBTVQH11
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES|REPLACES|AMENDS|REPEALS]->(c:Document)
WHERE c.id = $id OR c.number = $id
RETURN relation_type(r) AS relation, d.id AS citing, d.number AS number, d.title AS title, d.type AS type,
       d.issuer AS issuer, d.level AS level,
       d.province AS province, d.date AS date, d.source AS source, c.id AS cited, count(r) AS mentions,
       min(r.text) AS text, r.origin AS origin
ORDER BY citing, relation
