// The partners' map in the browser: basemap, legend, framing, fly-to, keyboard access and
// partners' names placed beside their own markers for the map as the viewer has it.
// Python (utils/map/) passes JSON configuration; every text here is set with
// textContent, never as HTML, so nothing from the data can become markup.
(function () {
  "use strict";

  var LABEL_GAP_PX = 4; // between a marker's edge and its label
  var EDGE_PX = 4; // labels keep this far from the map's edges
  var LEADER_STEPS_PX = [0, 18, 36, 60, 90]; // how far a label may move from its marker
  var SMALL_MAP_PX = 700; // narrower maps get smaller labels
  var SMALL_LABEL_PX = 15;
  var SMALL_NUMBER_PX = 12; // a number on a narrow map: a cluster's numbers fit side by side
  var LABELS_AT_MOST = 400; // names measured and placed per drawing: a large registry's first
  var KEY_AT_MOST = 20; // names a numbered key may hold; beyond that, a zoom shows them
  var COLLAPSE_LEGEND_BELOW_PX = 1100; // a map narrower than this opens with the legend shut
  var CARD_MAX_PX = 400; // a partner's card's text at most this wide, less on a narrow map
  var CARD_CHROME_PX = 55; // the card's frame and padding around its text, and Leaflet's edge
  var NARROW_CARD_PX = 320; // a card narrower than this sets each label above its value
  // A letter of another script: a Latin-script reader is given the English name instead
  // (utils/views/tables.py, latin_text).
  var NOT_LATIN = /(?![\p{Script=Latin}])\p{L}/u;
  var PLACING_ROUNDS = 4; // greedy rounds, each starting with the names the last left out
  var RETRY_LABELS_AT_MOST = 60; // beyond this many names in view, one round only
  var SEPARATING_ROUNDS = 4; // rounds of pushing overlapping numbers in a cluster apart
  var NUMBER_PASSES = 3; // rounds of keeping numbers' spots on their markers free of names
  var WRAPPED_CLASS = "partner-label-wrapped";
  var WRAPPED_WIDTH = 0.85; // a wrapped name at most this share of its one line: two lines (CSS balances them)
  var MIN_RADIUS_PX = 4; // markers shrink no further to keep each other's centres clear
  var CENTRE_CLEARANCE_PX = 3; // a marker's edge stops this short of another's centre
  var DIRECTIONS = [
    [1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1],
    [0.5, -1], [-0.5, -1], [0.5, 1], [-0.5, 1]
  ];

  // Leaflet focuses the map on the first mousedown with a plain focus(), which scrolls the
  // page around the map's iframe when the map is not wholly on screen; the button then goes
  // up over another spot and the first click is lost. Focus without scrolling instead.
  if (L.Map.Keyboard) {
    L.Map.Keyboard.prototype._onMouseDown = function () {
      if (this._focused) { return; }
      this._map._container.focus({preventScroll: true});
    };
  }

  var maps = [];
  function stateOf(map) {
    for (var i = 0; i < maps.length; i++) {
      if (maps[i].map === map) { return maps[i]; }
    }
    var state = {
      map: map, framed: null, moved: false, framing: false, flying: false, bounds: null,
      options: null, legendOpen: null, legend: null, focus: null
    };
    maps.push(state);
    return state;
  }

  // Each row of the layer's data is a list read by the names Python sends with it
  // (utils/map/layer.py ROW_FIELDS): {lat: 1, lon: 2, ...} for each kind of row.
  function fieldIndices(fields) {
    var indices = {};
    Object.keys(fields).forEach(function (kind) {
      indices[kind] = {};
      fields[kind].forEach(function (name, index) { indices[kind][name] = index; });
    });
    return indices;
  }

  function element(tag, className, parent) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  // ---- the base map: basemap, attribution, scale, frame height --------------------------
  function base(map, config) {
    var state = stateOf(map);
    map.attributionControl.setPrefix(config.attributionPrefix);
    map.attributionControl.addAttribution(config.attribution);
    L.control.scale({imperial: false, metric: true, position: "bottomleft"}).addTo(map);
    L.Icon.Default.prototype.options.imagePath = config.images;
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 150;
    map.getContainer().style.background = config.sea;
    map.getContainer().setAttribute("aria-label", config.mapName);
    function draw(data) {
      L.geoJSON(data, {pane: "basemap", interactive: false, style: config.style}).addTo(map);
    }
    if (config.geojson) {
      draw(config.geojson);
    } else {
      fetch(config.url).then(function (response) { return response.json(); }).then(draw);
    }
    if (config.fillFrame) {
      var fill = function () {
        map.getContainer().style.height = window.innerHeight + "px";
        map.invalidateSize();
      };
      fill();
      window.addEventListener("resize", fill);
    }
    // The reader moved the map: a resize no longer frames it again.
    map.on("dragstart", function () { state.moved = true; });
    // Not during a flight to a partner: Leaflet's own pan back inside the map's bounds can
    // end mid-flight, and its moveend then cut the flight short (zoom 5.25 of 7, seen in CI).
    map.on("zoomstart", function () {
      if (!state.framing && !state.flying) { state.moved = true; }
    });
    map.on("moveend", function () { state.framing = false; });
    // A resize (presentation mode stretches the frame to the screen) keeps what the reader
    // was shown: the partner in focus with its card, or the network framed.
    map.on("resize", function () {
      if (state.moved) { return; }
      if (state.focus) {
        state.framing = true;
        map.setView(state.focus.marker.getLatLng(), state.focus.zoom, {animate: false});
        if (state.focus.marker.isPopupOpen()) { state.focus.marker.getPopup().update(); }
      } else if (state.bounds) {
        fit(map, state, false);
      }
    });
  }

  // Frame the view's network; an open legend's band is left free when the map has room.
  function fit(map, state, animate) {
    var options = L.extend({}, state.options);
    var box = state.legend && state.legend.getContainer();
    if (box && box.classList.contains("map-legend-open")) {
      var band = box.offsetHeight + 10;
      if (band < map.getSize().y * 0.6) {
        var padding = [options.padding[0], Math.max(options.padding[1], band)];
        if (state.legend.getPosition().indexOf("top") === 0) {
          options.paddingTopLeft = padding;
        } else {
          options.paddingBottomRight = padding;
        }
      }
    }
    state.framing = true;
    if (animate) {
      map.flyToBounds(state.bounds, options);
    } else {
      map.fitBounds(state.bounds, options);
    }
  }

  // ---- the legend: collapsible, shut on narrow maps, out of a popup's way ---------------
  function legend(map, layer, config, onToggle) {
    var state = stateOf(map);
    var control = L.control({position: "topright"});
    control.onAdd = function () {
      var box = element("div", "map-legend");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var toggle = element("button", "map-legend-toggle", box);
      toggle.type = "button";
      toggle.textContent = config.title;
      var legendBody = element("div", "map-legend-body", box);
      var body = element("div", "map-legend-section", legendBody);
      var homeRow = element("div", "map-legend-row", body);
      element("span", "map-legend-home", homeRow).textContent = "\u2605";
      element("span", "", homeRow).textContent = config.home;
      element("div", "map-legend-heading", body).textContent = config.heading;
      function strokeRow(row, className) {
        var line = element("div", "map-legend-row " + className, body);
        var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
        svg.setAttribute("width", "30");
        svg.setAttribute("height", "10");
        svg.setAttribute("aria-hidden", "true");
        var stroke = document.createElementNS("http://www.w3.org/2000/svg", "line");
        stroke.setAttribute("x1", "1");
        stroke.setAttribute("y1", "5");
        stroke.setAttribute("x2", "29");
        stroke.setAttribute("y2", "5");
        stroke.setAttribute("stroke", row.color);
        stroke.setAttribute("stroke-width", String(row.weight || 4));
        if (row.opacity) { stroke.setAttribute("stroke-opacity", String(row.opacity)); }
        if (row.dash) { stroke.setAttribute("stroke-dasharray", row.dash); }
        svg.appendChild(stroke);
        line.appendChild(svg);
        element("span", "", line).textContent = row.label;
      }
      config.rows.forEach(function (row) { strokeRow(row, "map-legend-kind"); });
      if (config.statusRows && config.statusRows.length) {
        body = element("div", "map-legend-section", legendBody);
        element("div", "map-legend-heading", body).textContent = config.statusHeading;
        config.statusRows.forEach(function (row) { strokeRow(row, "map-legend-status"); });
      }
      // Never wider than the map beside the controls on its left.
      box.style.maxWidth = Math.max(160, map.getSize().x - 90) + "px";
      // A legend taller than half the map puts its sections side by side, where they fit.
      function arrange() {
        box.classList.remove("map-legend-columns");
        if (box.offsetHeight <= map.getSize().y * 0.5) { return; }
        box.classList.add("map-legend-columns");
        if (legendBody.scrollWidth > legendBody.clientWidth + 1) {
          box.classList.remove("map-legend-columns");
        }
      }
      function show(open) {
        box.classList.toggle("map-legend-open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        // Never from inside onAdd (moving the legend to another corner re-adds it), and
        // measured once the legend is on the page.
        requestAnimationFrame(function () {
          if (open && box.isConnected) { arrange(); }
          if (onToggle) { onToggle(); }
        });
      }
      control.arrange = function () {
        if (box.classList.contains("map-legend-open")) { arrange(); }
      };
      map.on("resize", control.arrange);
      if (config.open !== null) {
        state.legendOpen = config.open;
      } else if (state.legendOpen === null) {
        state.legendOpen = map.getSize().x >= COLLAPSE_LEGEND_BELOW_PX;
      }
      show(state.legendOpen);
      L.DomEvent.on(toggle, "click", function () {
        state.legendOpen = !box.classList.contains("map-legend-open");
        show(state.legendOpen);
      });
      // A partner's card is never under the legend: the legend shuts while a card is open.
      control.yield = function () { show(false); };
      control.restore = function () { show(state.legendOpen); };
      map.on("popupopen", control.yield);
      map.on("popupclose", control.restore);
      return box;
    };
    control.onRemove = function () {
      map.off("resize", control.arrange);
      map.off("popupopen", control.yield);
      map.off("popupclose", control.restore);
    };
    control.addTo(map);
    layer.on("remove", function () { control.remove(); });
    return control;
  }

  // The legend takes the corner where it covers the fewest markers (the top right when tied).
  var CORNERS = ["topright", "bottomright", "topleft", "bottomleft"];
  function settleLegend(map, control, points) {
    var box = control.getContainer();
    if (!box || !box.classList.contains("map-legend-open")) { return; }
    var size = map.getSize();
    var width = box.offsetWidth + 12, height = box.offsetHeight + 12;
    var best = control.getPosition(), fewest = Infinity;
    CORNERS.forEach(function (corner) {
      var top = corner.indexOf("top") === 0, left = corner.indexOf("left") > 0;
      // The corner's other controls: the zoom buttons, the scale, the attribution.
      var reserve = left ? (top ? 110 : 40) : (top ? 0 : 24);
      var rect = {
        left: left ? 0 : size.x - width, right: left ? width : size.x,
        top: top ? reserve : size.y - height - reserve,
        bottom: top ? height + reserve : size.y - reserve
      };
      var covered = points.filter(function (point) {
        return point.x > rect.left - 12 && point.x < rect.right + 12 &&
               point.y > rect.top - 12 && point.y < rect.bottom + 12;
      }).length;
      if (covered < fewest) { fewest = covered; best = corner; }
    });
    if (best !== control.getPosition()) { control.setPosition(best); }
  }

  // ---- labels: each partner's name beside its own marker --------------------------------
  // An element's box in the map container's pixels.
  function boxIn(map, node) {
    var rect = node.getBoundingClientRect();
    var origin = map.getContainer().getBoundingClientRect();
    return {left: rect.left - origin.left, top: rect.top - origin.top,
            right: rect.right - origin.left, bottom: rect.bottom - origin.top};
  }

  function boxesOverlap(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function freeOf(box, taken) {
    for (var i = 0; i < taken.length; i++) {
      if (boxesOverlap(box, taken[i])) { return false; }
    }
    return true;
  }

  function controlBoxes(map) {
    var found = map.getContainer().querySelectorAll(".leaflet-control");
    var boxes = [];
    for (var i = 0; i < found.length; i++) {
      var box = boxIn(map, found[i]);
      if (box.right > box.left && box.bottom > box.top) {
        boxes.push({left: box.left - 2, top: box.top - 2, right: box.right + 2, bottom: box.bottom + 2});
      }
    }
    return boxes;
  }

  // The candidate boxes of a label of (width, height) for a marker at `point`, nearest first.
  function candidates(point, radius, width, height) {
    var found = [];
    LEADER_STEPS_PX.forEach(function (extra) {
      DIRECTIONS.forEach(function (direction) {
        var dx = direction[0], dy = direction[1];
        var reach = radius + LABEL_GAP_PX + extra;
        var cx = point.x + dx * (reach + width / 2);
        var cy = point.y + dy * (reach + height / 2);
        if (dy === 0) { cy = point.y; }
        found.push({
          left: cx - width / 2, top: cy - height / 2,
          right: cx + width / 2, bottom: cy + height / 2, extra: extra
        });
      });
    });
    return found;
  }

  function distanceTo(box, point) {
    var near = nearestPoint(box, point);
    return Math.sqrt((near.x - point.x) * (near.x - point.x) + (near.y - point.y) * (near.y - point.y));
  }

  // A label is read as belonging to the nearest marker: no other marker may be nearer to it.
  function nearestIsOwn(box, point, others) {
    var own = distanceTo(box, point);
    for (var i = 0; i < others.length; i++) {
      if (others[i] !== point && distanceTo(box, others[i]) < own) { return false; }
    }
    return true;
  }

  function place(point, radius, width, height, bounds, taken, others) {
    var options = candidates(point, radius, width, height);
    for (var i = 0; i < options.length; i++) {
      var box = options[i];
      if (box.left >= bounds.left && box.right <= bounds.right &&
          box.top >= bounds.top && box.bottom <= bounds.bottom && freeOf(box, taken) &&
          nearestIsOwn(box, point, others)) {
        return box;
      }
    }
    return null;
  }

  // The point of a box nearest to `point`: where a leader line meets the label.
  function nearestPoint(box, point) {
    return {
      x: Math.min(Math.max(point.x, box.left), box.right),
      y: Math.min(Math.max(point.y, box.top), box.bottom)
    };
  }

  function inView(point, size) {
    return point.x >= 0 && point.y >= 0 && point.x <= size.x && point.y <= size.y;
  }

  // What no name may cover: the map's controls, an open card, every marker and home.
  function obstacles(map, points, homePoints, radius, openCard) {
    var fixed = controlBoxes(map);
    if (openCard && openCard.getElement()) { fixed.push(boxIn(map, openCard.getElement())); }
    points.forEach(function (point) {
      fixed.push({left: point.x - radius - 2, top: point.y - radius - 2,
                  right: point.x + radius + 2, bottom: point.y + radius + 2, marker: true});
    });
    homePoints.forEach(function (point) {
      fixed.push({left: point.x - 14, top: point.y - 14, right: point.x + 14, bottom: point.y + 14,
                  marker: true});
    });
    return fixed;
  }

  // Each name in view written into the pane and measured as it will be drawn (a large
  // registry: the first LABELS_AT_MOST).
  function measuredLabels(pane, partners, points, size, fontPx, className, nodes) {
    var labels = [];
    partners.forEach(function (partner, index) {
      var point = points[index];
      if (!inView(point, size) || labels.length >= LABELS_AT_MOST) { return; }
      var node = element("div", className, pane);
      node.textContent = partner.name;
      node.style.fontSize = fontPx + "px";
      node.setAttribute("data-partner", partner.id);
      nodes.push(node);
      labels.push({partner: partner, node: node, point: point});
    });
    labels.forEach(function (label) {
      label.width = label.node.offsetWidth;
      label.height = label.node.offsetHeight;
    });
    return labels;
  }

  // Crowded markers choose first, while places near them are still free.
  function crowdedFirst(labels) {
    function crowding(label) {
      return labels.filter(function (other) {
        return Math.abs(other.point.x - label.point.x) < 160 &&
               Math.abs(other.point.y - label.point.y) < 60;
      }).length;
    }
    return labels.slice().sort(function (a, b) { return crowding(b) - crowding(a); });
  }

  function byPosition(labels) {
    return labels.slice().sort(function (a, b) {
      return a.point.x - b.point.x || a.point.y - b.point.y;
    });
  }

  // A name with no room gets a number beside its marker and its place in the key; with no
  // free place at all the number sits on its own marker, where it cannot be misread.
  function numberUnplaced(unplaced, placeBox, taken, fontPx) {
    var names = taken.slice(), onMarkers = [];
    unplaced.forEach(function (label, index) {
      label.node.textContent = String(index + 1);
      label.node.style.fontSize = fontPx + "px";
      label.node.classList.add("partner-label-number");
      label.node.setAttribute("aria-label", label.partner.name);
      label.width = label.node.offsetWidth;
      label.height = label.node.offsetHeight;
      // The spot kept for this number on its own marker does not stand in its own way.
      var others = taken.filter(function (box) { return box !== label.spot; });
      label.box = placeBox(label, others);
      if (!label.box) {
        label.box = {left: label.point.x - label.width / 2, top: label.point.y - label.height / 2,
                     right: label.point.x + label.width / 2,
                     bottom: label.point.y + label.height / 2, extra: 0};
        onMarkers.push(label);
      }
      taken.push(label.box);
    });
    // What the numbers on markers must stay clear of: the names, the controls and the
    // numbers beside their markers (not the markers, nor the spots kept for numbers).
    var clear = names.filter(function (box) { return !box.marker && !box.spot; })
      .concat(unplaced.filter(function (label) { return onMarkers.indexOf(label) < 0; })
        .map(function (label) { return label.box; }));
    separateNumbers(onMarkers, clear);
  }

  // Numbers left on their own markers in a true cluster may lie on each other: a pair that
  // does is moved apart by the least shift that keeps each over its own marker's centre (so
  // no other marker is nearer to it) and clear of the names and the other numbers.
  function separateNumbers(numbers, names) {
    // Boxes are measured in whole pixels and drawn in fractions: keep a pixel between them.
    function apart(box) {
      return {left: box.left - 1, right: box.right + 1, top: box.top - 1, bottom: box.bottom + 1};
    }
    function shifts(label, clearOf) {
      var box = label.box, found = [];
      for (var dx = Math.ceil(label.point.x - box.right); dx <= label.point.x - box.left; dx++) {
        for (var dy = Math.ceil(label.point.y - box.bottom); dy <= label.point.y - box.top; dy++) {
          var moved = {left: box.left + dx, right: box.right + dx, top: box.top + dy,
                       bottom: box.bottom + dy, extra: 0, cost: dx * dx + dy * dy};
          if (freeOf(moved, clearOf)) { found.push(moved); }
        }
      }
      return found.sort(function (a, b) { return a.cost - b.cost; });
    }
    for (var round = 0; round < SEPARATING_ROUNDS; round++) {
      var moved = false;
      numbers.forEach(function (first, index) {
        numbers.slice(index + 1).forEach(function (second) {
          if (!boxesOverlap(first.box, apart(second.box))) { return; }
          var rest = numbers.filter(function (label) { return label !== first && label !== second; })
            .map(function (label) { return label.box; }).concat(names);
          var ours = shifts(first, rest), theirs = shifts(second, rest), best = null;
          ours.forEach(function (a) {
            if (best && a.cost >= best.cost) { return; }
            for (var i = 0; i < theirs.length; i++) {
              var b = theirs[i];
              if (best && a.cost + b.cost >= best.cost) { return; }
              if (!boxesOverlap(a, apart(b))) { best = {a: a, b: b, cost: a.cost + b.cost}; return; }
            }
          });
          if (best) {
            first.box = best.a;
            second.box = best.b;
            moved = true;
          }
        });
      });
      if (!moved) { return; }
    }
  }

  // Put each placed label where it was placed, with a leader line when it moved out; tell
  // whether any changed size since it was measured (a stylesheet or font arrived).
  function positionLabels(map, pane, labels, radius, nodes) {
    var stale = false;
    labels.forEach(function (label) {
      if (!label.box) { return; }
      if (label.node.offsetWidth !== label.width || label.node.offsetHeight !== label.height) {
        stale = true;
      }
      L.DomUtil.setPosition(label.node, map.containerPointToLayerPoint([label.box.left, label.box.top]));
      if (label.box.extra > 0) { nodes.push(leader(pane, map, label, radius)); }
    });
    return stale;
  }

  function labeller(map, layer, partners, homes, config) {
    var pane = map.getPane("partnerLabels") || map.createPane("partnerLabels");
    pane.style.zIndex = 450; // above the arcs and markers, below tooltips and popups
    pane.style.pointerEvents = "none";
    pane.classList.add("leaflet-zoom-hide");
    var nodes = [];
    var key = null;
    var openCard = null;

    function clear() {
      nodes.forEach(function (node) { node.remove(); });
      nodes = [];
      if (key) { key.remove(); key = null; }
    }

    function moreNamesNote() {
      var note = element("div", "partner-label-key leaflet-control", null);
      note.textContent = config.words.moreNames;
      map.getContainer().querySelector(".leaflet-bottom.leaflet-right").prepend(note);
      return note;
    }

    function draw() {
      clear();
      if (!map.hasLayer(layer)) { return; }
      pane.style.visibility = "";
      var size = map.getSize();
      var fontPx = size.x < SMALL_MAP_PX ? Math.min(config.fontPx, SMALL_LABEL_PX) : config.fontPx;
      var numberPx = size.x < SMALL_MAP_PX ? Math.min(fontPx, SMALL_NUMBER_PX) : fontPx;
      var bounds = {left: EDGE_PX, top: EDGE_PX, right: size.x - EDGE_PX, bottom: size.y - EDGE_PX};
      var radius = stateOf(map).radius || config.radiusPx;
      var points = partners.map(function (partner) {
        return map.latLngToContainerPoint([partner.lat, partner.lon]);
      });
      var homePoints = homes.map(function (home) { return map.latLngToContainerPoint(home); });
      var fixed = obstacles(map, points, homePoints, radius, openCard);
      var others = points.concat(homePoints);
      var labels = measuredLabels(pane, partners, points, size, fontPx, config.classes.label, nodes);
      var notShown = points.filter(function (point) { return inView(point, size); }).length -
        labels.length;
      var order = crowdedFirst(labels);
      function placeBox(label, taken) {
        return place(label.point, radius, label.width, label.height, bounds, taken, others);
      }
      var result;
      // Greedy placing in `sequence`; the names it leaves out are tried again, first, with
      // a long name on two lines, and the round that names most wins.
      function placeRound(sequence, reserved) {
        var taken = fixed.concat(reserved, spots), unplaced = [];
        sequence.forEach(function (label) {
          label.box = placeBox(label, taken) || placeWrapped(label, taken);
          if (label.box) { taken.push(label.box); } else { unplaced.push(label); }
        });
        return {taken: taken, unplaced: unplaced, boxes: sequence.map(function (label) {
          return {label: label, box: label.box, wrapped: label.wrapped};
        })};
      }
      function placeAll(reserved) {
        var best = null, sequence = order;
        for (var round = 0; round < PLACING_ROUNDS; round++) {
          sequence.forEach(unwrap);
          var tried = placeRound(sequence, reserved);
          if (!best || tried.unplaced.length < best.unplaced.length) { best = tried; }
          if (!tried.unplaced.length || labels.length > RETRY_LABELS_AT_MOST) { break; }
          sequence = tried.unplaced.concat(sequence.filter(function (label) {
            return tried.unplaced.indexOf(label) < 0;
          }));
        }
        best.boxes.forEach(function (placed) {
          placed.label.box = placed.box;
          if (placed.wrapped) { wrap(placed.label); } else { unwrap(placed.label); }
        });
        result = {taken: best.taken, unplaced: best.unplaced};
      }
      // A name of several words on two lines, narrower: it may fit where one line does not.
      function wrap(label) {
        if (!label.wrapped) {
          label.node.classList.add(WRAPPED_CLASS);
          label.node.style.maxWidth = Math.ceil(label.oneLine.width * WRAPPED_WIDTH) + "px";
          // The label pane has no width, so the box is as wide as its lines only when told.
          var range = document.createRange();
          range.selectNodeContents(label.node);
          var widest = 0;
          Array.prototype.forEach.call(range.getClientRects(), function (line) {
            widest = Math.max(widest, line.width);
          });
          label.node.style.width = Math.ceil(widest) + 1 + "px";
          label.width = label.node.offsetWidth;
          label.height = label.node.offsetHeight;
          label.wrapped = true;
        }
      }
      function unwrap(label) {
        if (!label.oneLine) { label.oneLine = {width: label.width, height: label.height}; }
        if (label.wrapped) {
          label.node.classList.remove(WRAPPED_CLASS);
          label.node.style.maxWidth = "";
          label.node.style.width = "";
          label.width = label.oneLine.width;
          label.height = label.oneLine.height;
          label.wrapped = false;
        }
      }
      function placeWrapped(label, taken) {
        if (label.partner.name.indexOf(" ") < 0) { return null; }
        wrap(label);
        var box = placeBox(label, taken);
        if (!box) { unwrap(label); }
        return box;
      }
      // A key (numbers, or the note that not every name fits) takes the bottom right corner:
      // the names are placed again around it, so that none ends up under it.
      function withKey(makeKey) {
        key = makeKey();
        placeAll([boxIn(map, key)]);
      }
      function tooMany() { return result.unplaced.length > KEY_AT_MOST || notShown > 0; }
      function numbered() { return numberedKey(map, byPosition(result.unplaced), fontPx); }
      // A number with no free place beside its marker sits on it: that spot is kept free of
      // names, which are placed again around it (a name that then finds no room is numbered
      // too, and its spot kept in the next pass).
      var spots = [], spotted = [];
      function keepNumberSpots() {
        for (var pass = 0; pass < NUMBER_PASSES && !tooMany(); pass++) {
          var fresh = result.unplaced.filter(function (label) { return spotted.indexOf(label) < 0; });
          if (!fresh.length) { return; }
          fresh.forEach(function (label) {
            label.spot = numberSpot(label);
            spotted.push(label);
            spots.push(label.spot);
          });
          placeAll([boxIn(map, key)]);
        }
      }
      function numberSpot(label) {
        var probe = element("div", config.classes.label + " partner-label-number", pane);
        probe.textContent = String(labels.length);  // as wide as the widest number
        probe.style.fontSize = numberPx + "px";
        var width = probe.offsetWidth, height = probe.offsetHeight;
        probe.remove();
        // A pixel more each way: labels are measured in whole pixels, drawn in fractions.
        return {left: label.point.x - width / 2 - 1, top: label.point.y - height / 2 - 1,
                right: label.point.x + width / 2 + 1, bottom: label.point.y + height / 2 + 1,
                spot: true};
      }
      placeAll([]);
      if (tooMany()) {
        withKey(moreNamesNote);
      } else if (result.unplaced.length) {
        withKey(numbered);
        if (tooMany()) { // the key took the room of more names than it can hold
          key.remove();
          withKey(moreNamesNote);
        } else if (result.unplaced.length) {
          if (labels.length <= RETRY_LABELS_AT_MOST) { keepNumberSpots(); }
          key.remove();
          key = numbered(); // the names the key now holds
        }
      }
      // Too many names for a key: those that fit are written, the rest wait for a zoom.
      if (tooMany()) {
        result.unplaced.forEach(function (label) { label.node.remove(); });
      } else if (result.unplaced.length) {
        numberUnplaced(byPosition(result.unplaced), placeBox, result.taken, numberPx);
      }
      if (positionLabels(map, pane, labels, radius, nodes)) { schedule(); }
    }

    // Once per frame at most; also when the legend or the map changes size, when this
    // file's stylesheet arrives (st_folium does not wait for it) and when fonts load.
    var pending = false;
    function schedule() {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () { pending = false; draw(); });
    }
    var observer = window.ResizeObserver ? new ResizeObserver(schedule) : null;
    if (observer) {
      observer.observe(map.getContainer());
      map.getContainer().querySelectorAll(".leaflet-top").forEach(function (corner) {
        observer.observe(corner);
      });
    }
    if (document.fonts) { document.fonts.ready.then(schedule); }
    document.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
      link.addEventListener("load", schedule);
    });
    // A flight or a zoom moves the markers under names placed for the old zoom: the names
    // step aside until the map stops, then are placed anew.
    function hide() { pane.style.visibility = "hidden"; }
    map.on("zoomstart", hide);
    map.on("zoomend moveend resize", schedule);
    function cardOpened(event) { openCard = event.popup; schedule(); }
    function cardClosed() { openCard = null; schedule(); }
    map.on("popupopen", cardOpened);
    map.on("popupclose", cardClosed);
    layer.on("remove", function () {
      clear();
      map.off("zoomstart", hide);
      map.off("zoomend moveend resize", schedule);
      map.off("popupopen", cardOpened);
      map.off("popupclose", cardClosed);
      if (observer) { observer.disconnect(); }
    });
    return schedule;
  }

  function leader(pane, map, label, radius) {
    var end = nearestPoint(label.box, label.point);
    var dx = end.x - label.point.x, dy = end.y - label.point.y;
    var length = Math.sqrt(dx * dx + dy * dy);
    var line = element("div", "partner-leader", pane);
    line.setAttribute("data-partner", label.partner.id);
    var start = {x: label.point.x + dx / length * radius, y: label.point.y + dy / length * radius};
    line.style.width = Math.max(0, length - radius) + "px";
    line.style.transform = "";
    L.DomUtil.setPosition(line, map.containerPointToLayerPoint([start.x, start.y]));
    line.style.transform += " rotate(" + Math.atan2(dy, dx) + "rad)";
    return line;
  }

  function numberedKey(map, unplaced, fontPx) {
    var box = element("div", "partner-label-key leaflet-control", null);
    box.style.fontSize = Math.max(12, fontPx - 4) + "px";
    unplaced.forEach(function (label, index) {
      var row = element("div", "", box);
      element("b", "", row).textContent = String(index + 1) + " ";
      element("span", "", row).textContent = label.partner.name;
    });
    map.getContainer().querySelector(".leaflet-bottom.leaflet-right").prepend(box);
    return box;
  }

  // ---- markers a keyboard can reach ------------------------------------------------------
  function accessible(partners, words) {
    partners.forEach(function (partner) {
      var path = partner.marker.getElement && partner.marker.getElement();
      if (!path) { return; } // painted on a canvas: thousands of partners, no element each
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("aria-label", partner.name + ", " + words.kinds[partner.kind] + ", " +
                        words.statuses[partner.status]);
      path.setAttribute("data-partner", partner.id);
      path.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          // The marker, not the map, has the focus: Leaflet's own Escape would not reach it.
          partner.marker.closePopup();
          return;
        }
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          // Propagated, as a mouse click is: st_folium listens on the layer, not each marker.
          partner.marker.fire("click", {latlng: partner.marker.getLatLng()}, true);
          partner.marker.openPopup();
        }
      });
    });
  }

  // ---- what a partner's marker says: its card (the page's side panel says the same) -------
  function card(partner, config) {
    var F = config.at;
    var words = config.words;
    var root = element("div", "partner-card", null);
    element("div", "partner-card-name", root).textContent = partner.name;
    var table = element("table", "", root);
    partner.facts.forEach(function (value, index) {
      if (value === null) { return; }
      var row = element("tr", "", table);
      element("th", "", row).textContent = words.facts[index];
      element("td", "", row).textContent = value;
    });
    element("div", "partner-card-heading", root).textContent = words.documents;
    var list = element("ul", "", root);
    partner.documents.forEach(function (doc) {
      var kind = doc[F.document.kind];
      var publisher = doc[F.document.publisher], url = doc[F.document.url];
      // A document the published table lacks is another source's: hollow, and named.
      var other = publisher !== null && webLink(url);
      var item = element("li", other ? "partner-card-other-source" : "", list);
      var swatch = element("span", "partner-card-swatch", item);
      swatch.style.color = config.colors[kind];
      swatch.textContent = other ? "\u25A1 " : "\u25A0 ";
      item.appendChild(document.createTextNode(words.kinds[kind] + ", " + doc[F.document.date]));
      if (other) {
        item.appendChild(document.createTextNode(" \u2014 " + words.reportedBy + " "));
        var link = element("a", "", item);
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.textContent = publisher;
      }
    });
    var record = element("table", "partner-card-record", root);
    partner.record.forEach(function (line) {
      var text = line[F.record.text], url = line[F.record.url];
      var row = element("tr", "", record);
      element("th", "", row).textContent = words.record[line[F.record.topic]];
      var cell = element("td", "", row);
      if (webLink(url)) {
        if (text && text !== url) {
          cell.appendChild(document.createTextNode(text + " \u2014 "));
        }
        var link = element("a", "", cell);
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.textContent = text && text !== url ? words.source : url;
      } else {
        cell.textContent = text;
      }
    });
    return root;
  }

  // Only http(s) addresses become links: a `javascript:` one would run in the map's page.
  function webLink(url) {
    return typeof url === "string" && /^https?:\/\/[^\s\/?#]+\S*$/i.test(url);
  }

  function textOf(value) {
    var node = document.createElement("span");
    node.textContent = value;
    return node;
  }

  // A quadratic Bézier arc bulging to its left, in the map's plane (a degree of longitude
  // is shorter up north); it starts and ends exactly on the places.
  function arc(start, end, bend, steps) {
    var midLat = (start[0] + end[0]) / 2, midLon = (start[1] + end[1]) / 2;
    var scale = Math.cos(midLat * Math.PI / 180) || 1;
    var dLat = end[0] - start[0], dLon = (end[1] - start[1]) * scale;
    var cLat = midLat + dLon * bend, cLon = midLon - dLat * bend / scale;
    var points = [];
    for (var step = 0; step <= steps; step++) {
      var f = step / steps, a = (1 - f) * (1 - f), b = 2 * (1 - f) * f, c = f * f;
      points.push([a * start[0] + b * cLat + c * end[0], a * start[1] + b * cLon + c * end[1]]);
    }
    return points;
  }

  // ---- drawing a view: arcs, partners and homes from the layer's data ---------------------
  function draw(map, layer, config) {
    var renderer = config.canvas ? L.canvas({padding: 0.5}) : undefined;
    var classes = config.classes;
    var F = config.at;
    var homes = config.homes.map(function (row) {
      return {place: [row[F.home.lat], row[F.home.lon]], name: row[F.home.name]};
    });
    var partners = config.partners.map(function (row) {
      // Repeated facts (level, country) come as indices into their values.
      var facts = row[F.partner.facts].map(function (value, index) {
        return typeof value === "number" ? config.factValues[index][value] : value;
      });
      var name = null;
      config.nameFacts.forEach(function (index) {
        var latinOnly = config.latinNameFacts.indexOf(index) >= 0;
        if (!name && facts[index] && !(latinOnly && NOT_LATIN.test(facts[index]))) {
          name = facts[index];
        }
      });
      return {id: row[F.partner.id], lat: row[F.partner.lat], lon: row[F.partner.lon],
              kind: row[F.partner.kind], name: name || "", facts: facts,
              documents: row[F.partner.documents], status: row[F.partner.status],
              record: row[F.partner.record]};
    });
    config.arcs.forEach(function (link) {
      var home = homes[link[F.arc.home]], partner = partners[link[F.arc.partner]];
      // Colour: the latest document's type; stroke: the tie's status (utils/style.py).
      var status = link[F.arc.status], style = config.statusStyles[status];
      L.polyline(arc(home.place, [partner.lat, partner.lon], config.arcBend, config.arcSteps), {
        renderer: renderer, color: style.color || config.colors[link[F.arc.kind]],
        dashArray: style.dash, weight: config.canvas ? Math.min(2, style.weight) : style.weight,
        opacity: config.canvas ? Math.min(0.7, style.opacity) : style.opacity,
        className: classes.arc + " " + classes.arc + "-" + config.statusNames[status],
        interactive: false
      }).addTo(layer);
    });
    config.bundles.forEach(function (bundle) {
      var home = homes[bundle[F.bundle.home]];
      var centre = [bundle[F.bundle.lat], bundle[F.bundle.lon]];
      L.polyline(arc(home.place, centre, config.arcBend, config.arcSteps), {
        renderer: renderer, color: "#4a5b6c", weight: 1 + 1.5 * Math.log2(bundle[F.bundle.links]),
        opacity: 0.55, className: classes.arc
      }).bindTooltip(textOf(bundle[F.bundle.tooltip])).addTo(layer);
    });
    // A card fits its map beside the buttons it pans clear of, and scrolls when taller:
    // on a phone a 400 px card ran off the screen's edge (seen at 390 px).
    function fitCard(event) {
      var size = layer._map.getSize();
      var width = Math.max(160, Math.min(CARD_MAX_PX,
                                         size.x - config.popupClearance[0] - CARD_CHROME_PX));
      var height = Math.max(160, size.y - config.popupClearance[1] - 2 * CARD_CHROME_PX);
      var options = event.popup.options;
      event.popup.getElement().classList.toggle("partner-card-narrow", width < NARROW_CARD_PX);
      if (options.maxWidth !== width || options.maxHeight !== height) {
        options.maxWidth = width;
        options.maxHeight = height;
        event.popup.update();
      }
    }
    partners.forEach(function (partner) {
      partner.marker = L.circleMarker([partner.lat, partner.lon], {
        renderer: renderer, radius: config.radiusPx, color: "#ffffff",
        weight: config.canvas ? 1 : 2, fillColor: config.colors[partner.kind],
        fillOpacity: config.canvas ? 0.9 : 1, className: classes.marker
      }).bindTooltip(function () { return textOf(partner.name); }, {className: "partner-tooltip"})
        .bindPopup(function () { return card(partner, config); },
                   {maxWidth: CARD_MAX_PX, autoPanPaddingTopLeft: config.popupClearance})
        .on("popupopen", fitCard)
        .addTo(layer);
      // A click comes back to the page as this feature (st_folium's last_active_drawing):
      // the partner's id, never a position to match back.
      partner.marker.feature = {type: "Feature", properties: {partner: partner.id}};
    });
    // The home's star lies below the partners' markers (the overlay pane is at 400): where
    // it overlaps a partner close by (Neringa beside Zelenogradsk), a click on the partner
    // reaches the partner, not the star's tooltip.
    if (!map.getPane("homes")) { map.createPane("homes").style.zIndex = 390; }
    homes.forEach(function (home) {
      var star = element("div", classes.home, null);
      star.textContent = "\u2605";
      star.style.color = config.homeColor;
      var icon = L.divIcon({html: star, className: "home-icon", iconSize: [34, 34], iconAnchor: [17, 17]});
      L.marker(home.place, {icon: icon, keyboard: false, pane: "homes"})
        .bindTooltip(textOf(home.name), {className: "partner-tooltip"}).addTo(layer);
    });
    return {partners: partners, homes: homes};
  }

  // ---- the partners' layer: what a view adds to the base map -----------------------------
  function partnersLayer(map, layer, config) {
    if (config.dataUrl) {
      // The view's data is a file of the app's static folder, shared by every reader.
      fetch(config.dataUrl)
        .then(function (response) { return response.json(); })
        .then(function (data) { if (map.hasLayer(layer)) { partnersLayer(map, layer, data); } });
      return;
    }
    var state = stateOf(map);
    config.at = fieldIndices(config.fields);
    var drawn = draw(map, layer, config);
    var partners = drawn.partners;
    // No marker hides another's centre, so a click there reaches its own partner: where the
    // view puts two partners closer than their radii allow (a phone's whole Baltic), every
    // marker shrinks, down to MIN_RADIUS_PX; zoomed in, they grow back.
    function fitRadius() {
      if (config.canvas || !map.hasLayer(layer)) { return; }
      var points = partners.map(function (partner) {
        return map.latLngToContainerPoint([partner.lat, partner.lon]);
      });
      var nearest = Infinity;
      for (var i = 0; i < points.length && points.length < LABELS_AT_MOST; i++) {
        for (var j = i + 1; j < points.length; j++) {
          nearest = Math.min(nearest, points[i].distanceTo(points[j]));
        }
      }
      var room = Math.floor(nearest) - 1 - CENTRE_CLEARANCE_PX;  // 1: half the stroke
      var radius = Math.max(MIN_RADIUS_PX, Math.min(config.radiusPx, room));
      state.radius = radius;
      partners.forEach(function (partner) { partner.marker.setRadius(radius); });
    }
    map.on("zoomend", fitRadius);
    layer.on("remove", function () { map.off("zoomend", fitRadius); });
    var homePlaces = drawn.homes.map(function (home) { return home.place; });
    var relabel = null;
    // Runs once st_folium (or the offline page) has put the layer on the map.
    function markerPoints() {
      return partners.map(function (partner) {
        return map.latLngToContainerPoint([partner.lat, partner.lon]);
      }).concat(homePlaces.map(function (home) { return map.latLngToContainerPoint(home); }));
    }
    function ready() {
      // A layer swapped out again before this ran (quick reruns) leaves nothing behind.
      if (!map.hasLayer(layer)) { return; }
      fitRadius();
      var control = legend(map, layer, config.legend, function () {
        if (control) { settleLegend(map, control, markerPoints()); }
        if (relabel) { relabel(); }
      });
      state.legend = control;
      // The legend's size is known only once this file's stylesheet has arrived: a map
      // the reader has not moved is framed again around the legend's final band. Not while
      // a partner is in focus: its card folds the legend, and refitting the network then
      // undid the presenter's flight (seen in CI at 850 partners).
      if (window.ResizeObserver && config.frame) {
        var lastHeight = control.getContainer().offsetHeight;
        var legendObserver = new ResizeObserver(function () {
          var height = control.getContainer() ? control.getContainer().offsetHeight : 0;
          if (height !== lastHeight && state.bounds && !state.focus && !state.moved &&
              map.hasLayer(layer)) {
            lastHeight = height;
            fit(map, state, false);
          }
        });
        legendObserver.observe(control.getContainer());
        layer.on("remove", function () { legendObserver.disconnect(); });
      }
      var settle = function () { settleLegend(map, control, markerPoints()); };
      map.on("moveend zoomend resize", settle);
      layer.on("remove", function () { map.off("moveend zoomend resize", settle); });
      accessible(partners, config.words);
      if (config.labels) {
        relabel = labeller(map, layer, partners, homePlaces, config);
      }
      if (config.focus !== null) {
        var marker = partners[config.focus].marker;
        var opened = false;
        // The card opens when the flight has landed: opened in mid-flight, its pan to fit
        // the card stopped the flight halfway (seen at 850 partners).
        var landed = function () {
          if (Math.abs(map.getZoom() - config.focusZoom) < 0.01) { open(); }
        };
        var open = function () {
          map.off("moveend", landed);
          if (opened || !map.hasLayer(layer)) { return; }
          opened = true;
          state.flying = false;
          // A flight cut short (a busy machine, a resize) still lands on the partner,
          // unless the reader has moved the map meanwhile.
          if (!state.moved && Math.abs(map.getZoom() - config.focusZoom) >= 0.01) {
            state.framing = true;
            map.setView(marker.getLatLng(), config.focusZoom, {animate: false});
          }
          marker.openPopup();
        };
        state.framed = null; // back to the whole network flies again
        state.focus = {marker: marker, zoom: config.focusZoom};
        state.moved = false;
        state.framing = true;
        state.flying = true;
        map.flyTo(marker.getLatLng(), config.focusZoom, {duration: config.flySeconds});
        map.on("moveend", landed);
        layer.on("remove", function () { map.off("moveend", landed); });
        setTimeout(open, config.flySeconds * 1000 + 1500); // a flight cut short still opens it
      } else if (config.frame) {
        var frameKey = JSON.stringify(config.frame.bounds);
        state.focus = null;
        state.flying = false;
        if (state.framed !== frameKey) {
          state.framed = frameKey;
          state.bounds = config.frame.bounds;
          state.options = {padding: config.frame.padding, maxZoom: config.frame.maxZoom,
                           duration: config.flySeconds};
          state.moved = false;
          map.closePopup();
          fit(map, state, config.frame.animate);
        }
      }
      settle();
      if (relabel) { relabel(); }
    }
    if (map.hasLayer(layer)) {
      setTimeout(ready, 0);
    } else {
      layer.once("add", function () { setTimeout(ready, 0); });
    }
  }

  window.PartnersMap = {base: base, layer: partnersLayer};
})();
