// Build the front-end assets into coproduce/static/app/ (ignored by git): `npm run build`.
// Only what the app uses is copied: no GOV.UK fonts, crown, crest or GOV.UK icons (the
// service is unbranded), and the easy-read symbols live in coproduce/static/symbols/.
import { compile } from "sass";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";

const out = "coproduce/static/app";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const css = compile("frontend/app.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/app.css`, css.css);

const copies = {
  "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js": "govuk-frontend.min.js",
  "node_modules/htmx.org/dist/htmx.min.js": "htmx.min.js",
  "frontend/app.mjs": "app.js",
  "frontend/read-aloud.mjs": "read-aloud.js",
  "frontend/favicon.svg": "favicon.svg",
};
for (const [from, to] of Object.entries(copies)) {
  cpSync(from, `${out}/${to}`);
}
console.log(`assets built into ${out}`);
