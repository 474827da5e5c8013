// Map of located events: shipped country outlines (world-atlas, Natural Earth 1:110m) shaded by
// events per country of location, with a dot per place that has coordinates; no tiles, no network.
"use strict";
(function () {
  const box = document.getElementById("map");
  if (!box) return;
  Promise.all([fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); }),
               ew.api("/api/locations", ew.pageParams())])
    .then(function ([world, located]) { draw(world, located); })
    .catch(function (error) { ew.message(box, "Could not draw the map: " + error.message, true); });

  function draw(world, located) {
    const width = 1100, height = 560;
    const svg = d3.select(box).append("svg").attr("viewBox", [0, 0, width, height]).attr("class", "map");
    const projection = d3.geoNaturalEarth1().fitSize([width, height], {type: "Sphere"});
    const path = d3.geoPath(projection);
    const byNumeric = new Map(located.countries.filter(function (c) { return c.numeric; })
      .map(function (c) { return [c.numeric, c]; }));
    const most = d3.max(located.countries, function (c) { return c.events; }) || 1;
    const shade = d3.scaleSequentialLog(d3.interpolateBlues).domain([1, Math.max(most, 2)]);
    svg.append("path").attr("class", "sphere").attr("d", path({type: "Sphere"}));
    const countries = topojson.feature(world, world.objects.countries).features;
    svg.append("g").selectAll("path").data(countries).join("path").attr("class", "country")
      .attr("d", path)
      .style("fill", function (f) { const c = byNumeric.get(f.id); return c ? shade(c.events) : null; })
      .append("title").text(function (f) {
        const c = byNumeric.get(f.id);
        return f.properties.name + (c ? ": " + c.events + " events" : "");
      });
    const biggest = d3.max(located.points, function (p) { return p.events; }) || 1;
    const radius = d3.scaleSqrt().domain([1, biggest]).range([3, 16]);
    svg.append("g").selectAll("circle").data(located.points).join("circle").attr("class", "place")
      .attr("cx", function (p) { return projection([p.lon, p.lat])[0]; })
      .attr("cy", function (p) { return projection([p.lon, p.lat])[1]; })
      .attr("r", function (p) { return radius(p.events); })
      .on("click", function (event, p) {
        window.location.href = "/events?location=" + encodeURIComponent(p.name || p.country || "");
      })
      .append("title").text(function (p) { return (p.name || "?") + ": " + p.events + " events"; });
    if (!located.points.length && !located.countries.length) {
      box.append(ew.el("p", {class: "message"}, ["No located event matches these filters."]));
    }
  }
})();
