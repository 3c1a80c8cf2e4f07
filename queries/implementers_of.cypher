// implementers_of — Every document that implements a document, directly or through plans in between,
// with its level and how many steps down it sits. Follows IMPLEMENTS and BASED_ON ("Thực hiện …",
// "Căn cứ …") from the citing texts and from the reference data. A number that is no document's id
// ("191/KH-UBND") means each document with that number, one after the other.
// @param number string  Canonical number or id of the implemented document ("10/2022/QH15").
// @document number
// @param depth int = 6  How many steps down to follow (1 to 6).
// @example luocdo query implementers_of --param number=10/2022/QH15 --param depth=4
MATCH (t:Document {id: $number})
MATCH p = (d:Document)-[:IMPLEMENTS|BASED_ON*1..6]->(t)
WHERE length(p) <= $depth AND d.id <> t.id
RETURN d.id AS id, d.type AS type, d.number AS number, d.issuer AS issuer, d.level AS level,
       d.province AS province, d.date AS date, d.in_corpus AS in_corpus, d.source AS source,
       t.id AS implements, min(length(p)) AS distance
ORDER BY distance, level, id
