// implementation_chain — The paths from a document up to the roots of its implementation chain:
// each row is one path, the document first, following IMPLEMENTS and BASED_ON until a document
// that implements nothing further in the graph (a law, or a local plan whose own basis is not in
// the graph). Local steps count: a commune plan → its district plan → the province plan → the law.
// A path is listed once, however many citations (a "Thực hiện" and a "Căn cứ" of the same law)
// make each of its steps.
// @param id string  The document: its canonical id (a file's id "file:…", "191/KH-UBND@ubnd-ha-tinh@2022") or its number.
// @document id
// @param limit int = 50  At most this many paths, shortest first.
// @example luocdo query implementation_chain --param id=15/2024/NQ-HĐND@khanh-hoa
MATCH p = (d:Document {id: $id})-[:IMPLEMENTS|BASED_ON*1..8]->(top:Document)
WHERE NOT (top)-[:IMPLEMENTS|BASED_ON]->(:Document)
RETURN DISTINCT nodes(p) AS documents, length(p) AS steps, top.id AS reaches
ORDER BY steps, reaches
LIMIT $limit
