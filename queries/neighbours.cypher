// neighbours — The documents next to one, both ways, one row per neighbour and relation, most
// mentioned first, at most `limit` each way: what the graph view draws around a document.
// @param id string  Canonical id of the document.
// @param limit int = 100  At most this many neighbours each way.
// @example luocdo query neighbours --param id=34/2007/PL-UBTVQH11 --param limit=20
MATCH (d:Document {id: $id})-[r:IMPLEMENTS|BASED_ON|CITES|REPLACES|AMENDS|REPEALS]->(n:Document)
WITH n, relation_type(r) AS relation, count(r) AS mentions
RETURN 'out' AS direction, relation, n AS node, mentions
ORDER BY mentions DESC, relation LIMIT $limit
UNION ALL
MATCH (d:Document {id: $id})<-[r:IMPLEMENTS|BASED_ON|CITES|REPLACES|AMENDS|REPEALS]-(n:Document)
WITH n, relation_type(r) AS relation, count(r) AS mentions
RETURN 'in' AS direction, relation, n AS node, mentions
ORDER BY mentions DESC, relation LIMIT $limit
