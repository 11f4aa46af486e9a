// The listing's pin on the detail page. Settings arrive through a json_script
// element so that the tile server stays configurable without editing this file.
(function () {
  "use strict";
  var data = document.getElementById("map-pin");
  var element = document.getElementById("listing-map");
  if (!data || !element || !window.L) {
    return;
  }
  var pin = JSON.parse(data.textContent);
  // Scroll-wheel zoom would trap people scrolling past the map.
  var map = L.map(element, { scrollWheelZoom: false }).setView([pin.lat, pin.lng], 15);
  L.tileLayer(pin.tileUrl, { attribution: pin.attribution, maxZoom: 19 }).addTo(map);
  L.marker([pin.lat, pin.lng], { alt: pin.name, title: pin.name }).addTo(map);
})();
