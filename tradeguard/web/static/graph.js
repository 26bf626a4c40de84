// The relation graph of the entity page (Cytoscape.js), with a text list of the same edges.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  fetch(box.dataset.src, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      var els = data.elements || { nodes: [], edges: [] };
      document.getElementById("graph-summary").textContent =
        els.nodes.length + " parties, " + els.edges.length + " relations (" + data.source + "): " + data.summary;
      var list = document.getElementById("graph-edges");
      var names = {};
      els.nodes.forEach(function (n) { names[n.data.id] = n.data.label; });
      els.edges.forEach(function (e) {
        var li = document.createElement("li");
        var share = e.data.share_pct != null ? " " + e.data.share_pct + " %" : "";
        li.textContent = names[e.data.source] + " → " + names[e.data.target] + " (" + e.data.label + share + ")";
        list.appendChild(li);
      });
      var cy = cytoscape({
        container: box,
        elements: els,
        layout: { name: els.nodes.length > 12 ? "cose" : "breadthfirst", directed: true, padding: 20, animate: false },
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 140, "background-color": "#6c8ebf", "width": 22, "height": 22 } },
          { selector: "node[?listed]", style: { "background-color": "#a40e26", "shape": "diamond" } },
          { selector: "node[?query]", style: { "border-width": 4, "border-color": "#f5a623" } },
          { selector: "edge", style: { "label": "data(label)", "font-size": 8, "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1.5, "line-color": "#8c959f", "target-arrow-color": "#8c959f", "text-rotation": "autorotate" } }
        ]
      });
      cy.on("tap", "node", function (evt) {
        var id = evt.target.id();
        if (id.indexOf(":") > 0 && id.indexOf("name:") !== 0 && id.indexOf("custom:") !== 0) {
          window.location.href = "/ui/entity/" + encodeURIComponent(id);
        }
      });
      box.dataset.ready = "1";
    })
    .catch(function (err) {
      document.getElementById("graph-summary").textContent = "The graph could not be loaded: " + err.message;
    });
})();
