// Actor network: actors as nodes, events as arrows weighted by count and coloured by quad class,
// laid out by d3-force from /api/network. A click on an actor opens its events.
"use strict";
(function () {
  const box = document.getElementById("network");
  if (!box) return;
  const params = Object.assign(ew.pageParams(), {level: box.dataset.level, limit: box.dataset.limit});
  ew.api("/api/network", params).then(draw)
    .catch(function (error) { ew.message(box, "Could not load the network: " + error.message, true); });

  function draw(data) {
    if (!data.edges.length) { ew.message(box, "No events between two known actors match."); return; }
    const width = 1100, height = 620;
    const svg = d3.select(box).append("svg").attr("viewBox", [0, 0, width, height]).attr("class", "network");
    const defs = svg.append("defs");
    [1, 2, 3, 4].forEach(function (q) {
      defs.append("marker").attr("id", "arrow" + q).attr("viewBox", "0 -4 8 8").attr("refX", 8)
        .attr("markerUnits", "userSpaceOnUse").attr("markerWidth", 9).attr("markerHeight", 9)
        .attr("orient", "auto")
        .append("path").attr("d", "M0,-4L8,0L0,4").attr("class", "q" + q);
    });
    const nodes = data.nodes.map(function (n) { return Object.assign({}, n); });
    const links = data.edges.map(function (e) { return Object.assign({}, e); });
    const most = d3.max(links, function (l) { return l.events; }) || 1;
    const width_of = d3.scaleSqrt().domain([1, most]).range([1, 9]);
    const radius = d3.scaleSqrt().domain([1, d3.max(nodes, function (n) { return n.events; }) || 1]).range([5, 22]);
    const simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id(function (n) { return n.id; }).distance(110))
      .force("charge", d3.forceManyBody().strength(-260))
      .force("center", d3.forceCenter(width / 2, height / 2))
      .force("collide", d3.forceCollide().radius(function (n) { return radius(n.events) + 4; }));
    const link = svg.append("g").selectAll("path").data(links).join("path")
      .attr("class", function (l) { return "link q" + l.quad; })
      .attr("stroke-width", function (l) { return width_of(l.events); })
      .attr("marker-end", function (l) { return "url(#arrow" + l.quad + ")"; });
    link.append("title").text(function (l) {
      return l.source.id + " → " + l.target.id + ": " + l.events + " " + ew.QUADS[l.quad] + " events";
    });
    const node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "node")
      .on("click", function (event, n) { window.location.href = "/events?actor=" + encodeURIComponent(n.id); });
    node.append("circle").attr("r", function (n) { return radius(n.events); });
    node.append("text").attr("dx", function (n) { return radius(n.events) + 3; }).attr("dy", 4)
      .text(function (n) { return n.id; });
    node.append("title").text(function (n) { return n.id + ": " + n.events + " events"; });
    // A curve from source to target (two directions bend apart), ending at the target's rim.
    function curve(l) {
      const bend = l.source.id < l.target.id ? 0.15 : -0.15;
      const mx = (l.source.x + l.target.x) / 2 - (l.target.y - l.source.y) * bend;
      const my = (l.source.y + l.target.y) / 2 + (l.target.x - l.source.x) * bend;
      const dx = l.target.x - mx, dy = l.target.y - my, length = Math.hypot(dx, dy) || 1;
      const back = radius(l.target.events) + 2;
      const ex = l.target.x - dx / length * back, ey = l.target.y - dy / length * back;
      return "M" + l.source.x + "," + l.source.y + "Q" + mx + "," + my + " " + ex + "," + ey;
    }
    simulation.on("tick", function () {
      link.attr("d", curve);
      node.attr("transform", function (n) {
        n.x = Math.max(20, Math.min(width - 20, n.x)); n.y = Math.max(20, Math.min(height - 20, n.y));
        return "translate(" + n.x + "," + n.y + ")";
      });
    });
  }
})();
