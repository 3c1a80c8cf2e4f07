// The graph view: draws the network in #graph-data with vis-network, filters it, opens a group in
// place on click (from the server, or from the file's own data), opens a document's page on click
// when there is a link base, else shows its details beside the drawing.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const box = document.getElementById("network");
  const details = document.getElementById("details");
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const form = document.getElementById("filters");
  const view = window.luocdoNetwork = { stable: false };
  const MIN_SCALE = 0.7;

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
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.fit({ animation: false });
    if (network.getScale() < MIN_SCALE) {  // labels stay legible: start near the focus, the rest a drag away
      network.moveTo({ position: network.getPositions([data.focus])[data.focus], scale: MIN_SCALE });
    }
    view.stable = true;
  });
  form.addEventListener("change", function () { nodeView.refresh(); edgeView.refresh(); });
  form.addEventListener("input", function () { nodeView.refresh(); edgeView.refresh(); });

  function openGroup(key) {
    const embedded = data.groups && data.groups[key];
    const url = box.dataset.groupUrl;
    if (embedded) { return Promise.resolve(embedded); }
    if (!url) { return Promise.reject(new Error("no group source")); }
    return fetch(url + encodeURIComponent(key)).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }
  function expand(key) {
    const at = network.getPositions([key])[key] || { x: 0, y: 0 };
    return openGroup(key).then(function (group) {
      edges.remove(edges.getIds({ filter: e => e.from === key || e.to === key }));
      nodes.remove(key);
      group.nodes.forEach(function (n, i) {
        const angle = 2 * Math.PI * i / group.nodes.length;
        n.x = at.x + 90 * Math.cos(angle); n.y = at.y + 90 * Math.sin(angle);
      });
      nodes.update(group.nodes.filter(n => !nodes.get(n.id)));
      edges.add(group.edges);
      network.setOptions({ physics: true });
      network.once("stabilized", function () { network.setOptions({ physics: false }); });
      network.stabilize(80);
    });
  }
  function show(node) {
    details.textContent = "";  // built with text nodes only: nothing a document says becomes markup
    String(node.title || node.label || node.id).split("\n").forEach(function (line, i) {
      const p = document.createElement(i === 0 ? "h2" : "p");
      p.textContent = line;
      details.appendChild(p);
    });
    details.hidden = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length !== 1) { return; }
    const id = String(params.nodes[0]);
    const node = nodes.get(id);
    if (id.startsWith("more:")) { return; }
    if (node && node.expand) { expand(node.expand).catch(function () { show(node); }); return; }
    const base = box.dataset.linkBase;
    if (base) { window.location.href = base + encodeURIComponent(id); } else if (node) { show(node); }
  });
  Object.assign(view, { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                        expand: expand });
})();
