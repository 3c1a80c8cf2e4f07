// The graph view: draws the network in #graph-data with vis-network, filters it, opens a node's page on click.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const box = document.getElementById("network");
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const form = document.getElementById("filters");

  function checked(name) {
    return new Set(Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map(i => i.value));
  }
  function yearOk(node, from, to) {
    if (!node.year) { return true; }
    const y = parseInt(node.year, 10);
    return (!from || y >= from) && (!to || y <= to);
  }
  const nodeView = new vis.DataView(nodes, {
    filter: function (node) {
      if (node.id === data.focus || node.group === "more") { return true; }
      const levels = checked("level");
      const from = parseInt(form.elements["from"].value, 10) || null;
      const to = parseInt(form.elements["to"].value, 10) || null;
      return (!node.level || levels.has(node.level)) && yearOk(node, from, to);
    }
  });
  const edgeView = new vis.DataView(edges, {
    filter: function (edge) { return edge.relation === "MORE" || checked("relation").has(edge.relation); }
  });
  const network = new vis.Network(box, { nodes: nodeView, edges: edgeView }, data.options);
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  form.addEventListener("change", function () { nodeView.refresh(); edgeView.refresh(); });
  form.addEventListener("input", function () { nodeView.refresh(); edgeView.refresh(); });
  network.on("click", function (params) {
    const base = box.dataset.linkBase;
    if (!base || params.nodes.length !== 1 || String(params.nodes[0]).startsWith("more:")) { return; }
    window.location.href = base + encodeURIComponent(params.nodes[0]);
  });
  window.luocdoNetwork = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView };
})();
