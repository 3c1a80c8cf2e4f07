// implementers_of on LadybugDB: the same rows, found with one shortest path per implementing
// document instead of every path and their minimum (20–30 % faster on a 200k-document graph,
// see bench/README.md). Parameters and header: implementers_of.cypher.
MATCH (t:Document {id: $number})
MATCH p = (d:Document)-[:IMPLEMENTS|BASED_ON* SHORTEST 1..6]->(t)
WHERE length(p) <= $depth AND d.id <> t.id
RETURN d.id AS id, d.type AS type, d.number AS number, d.issuer AS issuer, d.level AS level,
       d.province AS province, d.date AS date, d.in_corpus AS in_corpus, d.source AS source,
       t.id AS implements, length(p) AS distance
ORDER BY distance, level, id
