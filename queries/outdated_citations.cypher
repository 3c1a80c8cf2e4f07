// outdated_citations — Citations of documents that were no longer in force at a date: `as_of`
// (ISO), or each citing document's own date when `as_of` is "issue". One row per citing and cited
// document, with the replacement and since when. Only documents whose end date is known count.
// @param as_of string  ISO date ("2024-01-01"), or "issue".
// @example luocdo query outdated_citations --param as_of=2024-01-01
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document)
WHERE r.origin IS NULL AND c.effective_to IS NOT NULL
  AND c.effective_to <= (CASE WHEN $as_of = 'issue' THEN coalesce(d.date, '') ELSE $as_of END)
OPTIONAL MATCH (n:Document)-[x:REPLACES]->(c)
RETURN d.id AS citing, d.source AS citing_source, d.date AS citing_date, c.id AS cited_id,
       c.number AS cited, c.type AS cited_type, c.status AS status, n.number AS replaced_by,
       coalesce(x.since, c.effective_to) AS since, count(r) AS mentions, min(r.text) AS text
ORDER BY citing, cited
