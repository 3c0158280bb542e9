// Progressive enhancement only: every page works without this script.
// Start GOV.UK Frontend components, again on any fragment htmx swaps in, and read aloud.
import { initAll } from "./govuk-frontend.min.js";
import { startReadAloud } from "./read-aloud.js";

initAll();

// htmx fires htmx:load on each element it adds (and once on <body> when it starts, which
// initAll above already covered). Components already started are skipped by GOV.UK
// Frontend itself, so a scope that holds both old and new markup is safe.
document.addEventListener("htmx:load", (event) => {
  const element = event.detail && event.detail.elt;
  if (element && element !== document.body && element.isConnected) {
    initAll({ scope: element, onError: () => {} });
  }
});

startReadAloud(document);
