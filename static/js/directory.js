// The directory: tidy URLs for htmx requests, a filters panel that starts
// folded on phones, and a results map whose libraries load only on demand.
(function () {
  "use strict";
  var script = document.currentScript;
  var config = script ? script.dataset : {};
  var mapWanted = false;
  var leafletLoading = null;

  // Empty fields would otherwise fill shared URLs with "&category=&size=".
  document.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (!data || event.detail.verb !== "get") {
      return;
    }
    var empty = [];
    data.forEach(function (value, key) {
      if (value === "" && empty.indexOf(key) === -1) {
        empty.push(key);
      }
    });
    empty.forEach(function (key) {
      if (data.getAll(key).every(function (value) { return value === ""; })) {
        data.delete(key);
      }
    });
  });

  function foldFiltersOnPhones() {
    var panel = document.getElementById("filters-panel");
    if (panel && window.matchMedia("(max-width: 991.98px)").matches && !panel.dataset.touched) {
      panel.open = false;
    }
  }

  function loadStyle(href) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function loadLeaflet() {
    if (!leafletLoading) {
      loadStyle(config.leafletCss);
      loadStyle(config.clusterCss);
      loadStyle(config.clusterThemeCss);
      leafletLoading = loadScript(config.leafletJs).then(function () {
        return loadScript(config.clusterJs);
      });
    }
    return leafletLoading;
  }

  function drawMap(button, element) {
    return Promise.all([loadLeaflet(), fetch(button.dataset.mapUrl).then(function (r) { return r.json(); })])
      .then(function (results) {
        var data = results[1];
        var map = L.map(element, { scrollWheelZoom: false });
        L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
        var group = L.markerClusterGroup();
        data.markers.forEach(function (marker) {
          var link = document.createElement("a");
          link.href = marker.url;
          link.textContent = marker.name;
          // Each pin in its chain role's colour (static/css/src/_chain.scss).
          var icon = L.divIcon({ className: "ifn-pin ifn-role-" + marker.role, iconSize: null });
          group.addLayer(L.marker([marker.lat, marker.lng], { title: marker.name, alt: marker.name, icon: icon }).bindPopup(link));
        });
        map.addLayer(group);
        if (data.markers.length) {
          map.fitBounds(group.getBounds(), { maxZoom: 14, padding: [20, 20] });
        } else {
          // Indonesia, for an empty result.
          map.setView([-2.5, 118], 4);
        }
        var note = document.getElementById("map-note");
        if (note && data.without_location) {
          var text = data.without_location === 1 ? note.dataset.one : note.dataset.other;
          note.textContent = text.replace("%(count)s", data.without_location);
          note.hidden = false;
        }
        element.dataset.ready = String(data.markers.length);
      });
  }

  function setUpMap() {
    var button = document.getElementById("map-toggle");
    var element = document.getElementById("results-map");
    if (!button || !element) {
      return;
    }
    button.hidden = false;
    function show(visible) {
      element.hidden = !visible;
      button.setAttribute("aria-expanded", String(visible));
      button.textContent = visible ? button.dataset.hideLabel : button.dataset.showLabel;
    }
    button.addEventListener("click", function () {
      mapWanted = element.hidden;
      show(mapWanted);
      if (mapWanted && !element.dataset.drawn) {
        element.dataset.drawn = "1";
        drawMap(button, element);
      }
    });
    if (mapWanted) {
      show(true);
      element.dataset.drawn = "1";
      drawMap(button, element);
    }
  }

  function setUp() {
    foldFiltersOnPhones();
    setUpMap();
    var panel = document.getElementById("filters-panel");
    if (panel) {
      panel.addEventListener("toggle", function () { panel.dataset.touched = "1"; });
    }
  }

  // The new results keep the filters panel as it was: open or folded.
  var panelWasOpen = null;
  document.addEventListener("htmx:beforeSwap", function () {
    var panel = document.getElementById("filters-panel");
    panelWasOpen = panel ? panel.open : null;
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "browse") {
      var panel = document.getElementById("filters-panel");
      if (panel && panelWasOpen !== null) {
        panel.open = panelWasOpen;
        panel.dataset.touched = "1";
      }
      setUpMap();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
