// coverage — The units of a province that have a document implementing a document (directly or
// through plans in between), at one level. `luocdo audit coverage` lists the units of the
// province from the administrative register and reports those missing from these rows.
// @param number string  Canonical number or id of the implemented document ("10/2022/QH15").
// @param province string  Province name as documents give it ("Hà Tĩnh").
// @param level string = district  "district" or "commune".
// @example luocdo query coverage --param number=10/2022/QH15 --param province="Hà Tĩnh"
MATCH (t:Document)
WHERE t.number = $number OR t.id = $number
MATCH (d:Document)-[:IMPLEMENTS|BASED_ON*1..6]->(t)
WHERE d.province = $province AND d.level = $level
RETURN DISTINCT d.district AS district, d.commune AS commune, d.id AS document, d.issuer AS issuer
ORDER BY district, commune
