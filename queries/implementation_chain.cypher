// implementation_chain — The paths from a document up to the national documents it carries out:
// each row is one path, the document first, following IMPLEMENTS and BASED_ON to a national
// document that implements nothing national above it. A path is listed once, however many
// citations (a "Thực hiện" and a "Căn cứ" of the same law) make each of its steps.
// @param id string  Canonical id of the document (a file's id, "file:…", or a number such as "191/KH-UBND@ubnd-ha-tinh@2022").
// @param limit int = 50  At most this many paths, shortest first.
// @example luocdo query implementation_chain --param id=15/2024/NQ-HĐND@khanh-hoa
MATCH p = (d:Document {id: $id})-[:IMPLEMENTS|BASED_ON*1..8]->(top:Document)
WHERE top.level = 'national'
  AND NOT (top)-[:IMPLEMENTS|BASED_ON]->(:Document {level: 'national'})
RETURN DISTINCT nodes(p) AS documents, length(p) AS steps, top.id AS reaches
ORDER BY steps, reaches
LIMIT $limit
