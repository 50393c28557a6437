// Starts Swagger UI (served from the swagger-ui webjar) on the per-user OpenAPI document.
window.addEventListener('load', function () {
  'use strict';
  var el = document.getElementById('swagger-ui');
  if (!el || !window.SwaggerUIBundle) { return; }
  window.SwaggerUIBundle({ url: el.getAttribute('data-url'), dom_id: '#swagger-ui', deepLinking: false });
});
