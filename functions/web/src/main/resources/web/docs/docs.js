// Swagger UI for the document served beside this page (/openapi.json). Nothing is loaded from
// elsewhere: the validator badge (which calls an outside service) is off.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('openapi.json', window.location.href).toString(),
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 1,
    tryItOutEnabled: false
  });
});
