// degree — How many distinct documents are next to one, each way: to tell the graph view how many
// neighbours it left out.
// @param id string  Canonical id of the document.
// @example luocdo query degree --param id=10/2022/QH15
MATCH (d:Document {id: $id})
OPTIONAL MATCH (d)-[:IMPLEMENTS|BASED_ON|CITES|REPLACES|AMENDS|REPEALS]->(o:Document)
WITH d, count(DISTINCT o) AS outgoing
OPTIONAL MATCH (d)<-[:IMPLEMENTS|BASED_ON|CITES|REPLACES|AMENDS|REPEALS]-(i:Document)
RETURN outgoing, count(DISTINCT i) AS incoming
