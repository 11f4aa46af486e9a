// The dashboard's map-pin picker: a pin to drag (or a tap on the map) writes
// the latitude and longitude fields, and typing in them moves the pin. The
// map opens on the pin, else on the chosen province. Without this script the
// two fields remain, to type the coordinates in.
(function () {
  "use strict";
  var element = document.querySelector("[data-pin-map]");
  if (!element || !window.L) return;
  var latitude = document.getElementById(element.getAttribute("data-latitude"));
  var longitude = document.getElementById(element.getAttribute("data-longitude"));
  var clear = document.querySelector("[data-pin-clear]");
  if (!latitude || !longitude) return;
  element.hidden = false;

  // Scroll-wheel zoom would trap people scrolling down the form.
  var map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(element.getAttribute("data-tile-url"), {
    attribution: element.getAttribute("data-tile-attribution"),
    maxZoom: 19
  }).addTo(map);
  var icon = L.divIcon({ className: "ifn-pin ifn-pin-drag", iconSize: null });
  var label = element.getAttribute("data-pin-label");
  var marker = null;
  var INDONESIA = [[-11, 95], [6, 141]];

  function provinceBounds() {
    var fields = document.getElementById("region-fields");
    var value = fields && fields.getAttribute("data-extent");
    if (!value) return null;
    var s = value.split(",").map(Number); // south, north, west, east
    return L.latLngBounds([s[0], s[2]], [s[1], s[3]]);
  }

  function typed() {
    var lat = parseFloat(latitude.value);
    var lng = parseFloat(longitude.value);
    return isNaN(lat) || isNaN(lng) ? null : L.latLng(lat, lng);
  }

  function write(point) {
    latitude.value = point.lat.toFixed(6);
    longitude.value = point.lng.toFixed(6);
  }

  function place(point) {
    if (!marker) {
      marker = L.marker(point, { draggable: true, icon: icon, title: label, alt: label, keyboard: true }).addTo(map);
      marker.on("dragend", function () { write(marker.getLatLng()); });
    } else {
      marker.setLatLng(point);
    }
    if (clear) clear.hidden = false;
  }

  function frame() {
    var point = typed();
    if (point) {
      place(point);
      map.setView(point, 14);
    } else {
      map.fitBounds(provinceBounds() || INDONESIA);
    }
  }

  map.on("click", function (event) {
    place(event.latlng);
    write(event.latlng);
  });
  [latitude, longitude].forEach(function (input) {
    input.addEventListener("change", function () {
      var point = typed();
      if (point) {
        place(point);
        map.panTo(point);
      }
    });
  });
  if (clear) {
    clear.addEventListener("click", function () {
      if (marker) map.removeLayer(marker);
      marker = null;
      latitude.value = "";
      longitude.value = "";
      clear.hidden = true;
    });
  }
  // A new province chosen (htmx swaps the region pickers): show it, unless a pin is set.
  document.body.addEventListener("htmx:afterSettle", function () {
    if (!marker) map.fitBounds(provinceBounds() || INDONESIA);
  });
  frame();
})();
