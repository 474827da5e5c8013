// Overview: events over time, one line per quad class, from /api/timeline.
"use strict";
(function () {
  const box = document.getElementById("timeline");
  if (!box) return;
  ew.api("/api/timeline", Object.assign(ew.pageParams(["freq"]), {freq: box.dataset.freq}))
    .then(function (data) { draw(data.points); })
    .catch(function (error) { ew.message(box, "Could not load the series: " + error.message, true); });

  function draw(points) {
    if (!points.length) { ew.message(box, "No dated events yet."); return; }
    const width = 1100, height = 260, m = {top: 10, right: 20, bottom: 28, left: 48};
    const svg = d3.select(box).append("svg").attr("viewBox", [0, 0, width, height]);
    const dates = points.map(function (p) { return new Date(p.period + "T00:00:00Z"); });
    const x = d3.scaleUtc().domain(d3.extent(dates)).range([m.left, width - m.right]);
    const keys = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"];
    const top = d3.max(points, function (p) { return d3.max(keys, function (k) { return p[k]; }); });
    const y = d3.scaleLinear().domain([0, top || 1]).nice().range([height - m.bottom, m.top]);
    svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - m.bottom) + ")")
      .call(d3.axisBottom(x).ticks(8));
    svg.append("g").attr("class", "axis").attr("transform", "translate(" + m.left + ",0)")
      .call(d3.axisLeft(y).ticks(5));
    keys.forEach(function (key, i) {
      const line = d3.line().x(function (p, j) { return x(dates[j]); }).y(function (p) { return y(p[key]); });
      svg.append("path").datum(points).attr("class", "line q" + (i + 1)).attr("d", line)
        .append("title").text(ew.QUADS[i + 1]);
    });
    const legend = ew.el("ul", {class: "legend"});
    Object.entries(ew.QUADS).forEach(function ([q, label]) { legend.append(ew.el("li", {class: "quad" + q}, [label])); });
    box.append(legend);
  }
})();
