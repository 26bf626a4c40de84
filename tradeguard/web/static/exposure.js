// The exposure graph (Cytoscape.js): owner -> owned with the share, the verdict path in red.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  fetch(box.dataset.src, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      var els = data.elements || { nodes: [], edges: [] };
      document.getElementById("graph-summary").textContent =
        els.nodes.length + " parties, " + els.edges.length + " relations: " + data.summary;
      var cy = cytoscape({
        container: box,
        elements: els,
        minZoom: 0.2,
        maxZoom: 4,
        layout: { name: "breadthfirst", directed: true, spacingFactor: 1.4, padding: 30, animate: false },
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 13, "text-wrap": "wrap", "text-max-width": 180, "text-valign": "bottom", "text-margin-y": 4, "background-color": "#6c8ebf", "width": 28, "height": 28 } },
          { selector: "node[?listed]", style: { "background-color": "#a40e26", "shape": "diamond", "width": 34, "height": 34 } },
          { selector: "node[?query]", style: { "border-width": 5, "border-color": "#f5a623" } },
          { selector: "node[?verdict]", style: { "font-weight": "bold" } },
          { selector: "edge", style: { "label": "data(label)", "font-size": 12, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 1.4, "width": 2, "line-color": "#8c959f", "target-arrow-color": "#8c959f", "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 2 } },
          { selector: "edge[?verdict]", style: { "width": 5, "line-color": "#d1242f", "target-arrow-color": "#d1242f", "color": "#82071e" } }
        ]
      });
      cy.on("tap", "node", function (evt) {
        var id = evt.target.id();
        window.location.href = "/ui/exposure?id=" + encodeURIComponent(id);
      });
      function zoom(factor) {
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } });
      }
      document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.25); });
      document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.8); });
      document.getElementById("zoom-fit").addEventListener("click", function () { cy.fit(undefined, 30); });
      box.dataset.ready = "1";
    })
    .catch(function (err) {
      document.getElementById("graph-summary").textContent = "The graph could not be loaded: " + err.message;
    });
})();
